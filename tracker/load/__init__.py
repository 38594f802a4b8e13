"""Loaders: typed records in, rows out, idempotent, inside the caller's transaction."""
