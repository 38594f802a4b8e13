"""Fetching what a user asked for, politely: only the URLs they gave (or the items of a feed they gave),
robots.txt honoured, a User-Agent that names the tool, timeouts, a size limit, redirects followed and
recorded, and retries with backoff when a server is busy."""

from .client import USER_AGENT, Fetched, Fetcher, FetchError

__all__ = ["FetchError", "Fetched", "Fetcher", "USER_AGENT"]
