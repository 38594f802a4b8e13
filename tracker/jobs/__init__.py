"""The jobs that write: build from ``seeds/``, ingest texts, import registries and divisions.

A job reads files through ``tracker.formats``, runs extraction (in worker
processes when there are many texts), and hands the records to ``tracker.load``
in one transaction.
"""
