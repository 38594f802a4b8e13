"""Browsing the database in Datasette: its metadata, canned queries and a read-only server."""
