"""Readers and writers of the formats the tracker meets outside itself.

Readers turn a file into plain records (articles with front matter, the members
registry, votematrix TSV and Commons Votes API JSON, ``topics.yaml``,
``motions.yaml``, ``curation.yaml``) and never touch the database; writers turn
records, or what the database holds, into files (seed registries, division JSON,
Popolo, CSV tables). A bad file is refused with one ``InputError`` naming the
file, the line or field, and what is wrong.
"""
