"""An HTTP client that behaves like a good citizen.

Each URL is fetched once per request of the user. Before a host is first
asked for a page, its ``robots.txt`` is read (and kept for the rest of the
run); a page it disallows for this tool is not fetched. Redirects are followed
(at most ``MAX_REDIRECTS``) and every hop is recorded. A body larger than the
size limit is abandoned as soon as it passes the limit. A 429 or 5xx answer
is retried after a pause that doubles each time (or the server's
``Retry-After``, if it is short); other failures are final. Every failure is
a :class:`FetchError` whose message is one line: the URL and the reason.
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("parliament-tracker")
    except PackageNotFoundError:
        return "0"


USER_AGENT = (f"parliament-tracker/{_version()} "
              "(a parliamentary vote and position tracker; fetches only what its user names)")
ROBOTS_AGENT = "parliament-tracker"
MAX_REDIRECTS = 10
RETRY_STATUSES = {429, 500, 502, 503, 504}
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json")
TEXT_TYPES = ("text/plain",)


class FetchError(Exception):
    """One URL that could not be fetched, and why, as one line."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    content_type: str  # the media type alone, lower case ("text/html")
    charset: str | None
    body: bytes
    fetched_at: str  # ISO 8601, UTC, to the second
    redirects: tuple[tuple[int, str], ...] = ()  # each hop: the status, and where it pointed
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # a conditional request answered 304: the stored copy is current

    @property
    def kind(self) -> str:
        """page, feed or text, from the content type."""
        if self.content_type in FEED_TYPES:
            return "feed"
        if self.content_type in TEXT_TYPES:
            return "text"
        return "page"


@dataclass
class Fetcher:
    """Fetches pages and feeds; one instance per run, so robots.txt is read once per host."""

    timeout: float = 20.0  # seconds, for connecting and for each read
    max_bytes: int = 5 * 1024 * 1024
    retries: int = 3  # further tries after a 429 or 5xx
    backoff: float = 1.0  # seconds before the first retry; doubled each time
    max_retry_after: float = 30.0  # a longer Retry-After is not waited for
    delay: float = 1.0  # seconds between two requests to one host (a longer robots.txt Crawl-delay wins)
    max_crawl_delay: float = 10.0
    user_agent: str = USER_AGENT
    accept: tuple[str, ...] = PAGE_TYPES + FEED_TYPES + TEXT_TYPES
    sleep: object = time.sleep
    clock: object = time.monotonic
    _robots: dict = field(default_factory=dict, repr=False)
    _last: dict = field(default_factory=dict, repr=False)
    _client: httpx.Client | None = field(default=None, repr=False)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self.user_agent,
                         "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                                   "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.1"},
                timeout=httpx.Timeout(self.timeout), follow_redirects=False, trust_env=False)
        return self._client

    # ------------------------------------------------------------------ pages

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The page at ``url``; with ``etag`` or ``last_modified`` of a stored copy, a conditional request."""
        check_url(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        hops: list[tuple[int, str]] = []
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            self._check_robots(url, current)
            response, body = self._get(url, current, headers)
            if response.status_code in (301, 302, 303, 307, 308):
                target = response.headers.get("location")
                if not target:
                    raise FetchError(url, f"HTTP {response.status_code} redirect without a Location")
                current = urljoin(current, target)
                check_url(current, asked=url)
                hops.append((response.status_code, current))
                continue
            return self._result(url, current, response, body, hops)
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _result(self, url: str, final: str, response: httpx.Response, body: bytes,
                hops: list[tuple[int, str]]) -> Fetched:
        status = response.status_code
        now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        common = {"url": url, "final_url": final, "status": status, "fetched_at": now, "redirects": tuple(hops),
                  "etag": response.headers.get("etag"), "last_modified": response.headers.get("last-modified")}
        if status == 304:
            return Fetched(content_type="", charset=None, body=b"", not_modified=True, **common)
        if status >= 400:
            raise FetchError(url, f"HTTP {status} {response.reason_phrase or ''}".rstrip()
                             + (f" (at {final})" if final != url else ""))
        if status != 200:
            raise FetchError(url, f"HTTP {status}: not a page")
        media, charset = media_type(response.headers.get("content-type"))
        if media and media not in self.accept:
            raise FetchError(url, f"not a web page or feed (content type {media})")
        if not body.strip():
            raise FetchError(url, "the server sent an empty page")
        return Fetched(content_type=media or "text/html", charset=charset, body=body, **common)

    def _wait_turn(self, current: str) -> None:
        """Space out requests to one host: ``delay``, or the robots.txt Crawl-delay when it is longer."""
        parts = urlsplit(current)
        origin = f"{parts.scheme}://{parts.netloc}"
        gap = self.delay
        rules = self._robots.get(origin)
        if rules:
            crawl = rules.crawl_delay(ROBOTS_AGENT)
            if crawl:
                gap = max(gap, min(float(crawl), self.max_crawl_delay))
        last = self._last.get(origin)
        if last is not None and gap > 0:
            wait = last + gap - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[origin] = self.clock()

    def _get(self, url: str, current: str, headers: dict) -> tuple[httpx.Response, bytes]:
        """One GET of ``current`` with retries on 429 and 5xx; the body read up to the size limit."""
        pause = self.backoff
        for attempt in range(self.retries + 1):
            self._wait_turn(current)
            try:
                with self.client.stream("GET", current, headers=headers) as response:
                    if response.status_code in RETRY_STATUSES and attempt < self.retries:
                        wait = retry_after(response.headers.get("retry-after"))
                        wait = pause if wait is None or wait > self.max_retry_after else max(wait, 0.0)
                        response.close()
                        self.sleep(wait)
                        pause *= 2
                        continue
                    body = b"" if response.status_code in (301, 302, 303, 304, 307, 308) else self._read(url, response)
                    return response, body
            except httpx.TimeoutException:
                raise FetchError(url, f"timed out after {self.timeout:g} s") from None
            except httpx.TooManyRedirects:
                raise FetchError(url, f"more than {MAX_REDIRECTS} redirects") from None
            except httpx.HTTPError as exc:
                raise FetchError(url, f"could not connect ({_reason(exc)})") from None
        raise AssertionError("unreachable")

    def _read(self, url: str, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(url, f"larger than the size limit ({int(declared):,} bytes; the limit is "
                                  f"{self.max_bytes:,})")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(url, f"larger than the size limit ({self.max_bytes:,} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)

    # ------------------------------------------------------------------ robots.txt

    def _check_robots(self, url: str, current: str) -> None:
        parts = urlsplit(current)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        if rules is False:
            raise FetchError(url, f"robots.txt of {parts.netloc} could not be read (the server failed); "
                                  "not fetched")
        if rules is not None and not rules.can_fetch(current, ROBOTS_AGENT):
            raise FetchError(url, f"robots.txt of {parts.netloc} disallows it for this tool")

    def _read_robots(self, origin: str):
        """The parsed rules; None when there are none (a 4xx, as RFC 9309 says); False when unreachable."""
        from protego import Protego

        target = origin + "/robots.txt"
        for _ in range(MAX_REDIRECTS + 1):
            try:
                response = self.client.get(target)
            except httpx.HTTPError:
                return False
            if response.status_code in (301, 302, 303, 307, 308) and response.headers.get("location"):
                target = urljoin(target, response.headers["location"])
                continue
            break
        else:
            return None
        if 400 <= response.status_code < 500:
            return None
        if response.status_code >= 500:
            return False
        if response.status_code != 200:
            return None
        return Protego.parse(response.content[:500_000].decode("utf-8", "replace"))


def check_url(url: str, asked: str | None = None) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FetchError(asked or url, f"not an http(s) address{f' (redirected to {url})' if asked else ''}")


def media_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip().strip('"').lower()
    return media.strip().lower() or None, charset


def retry_after(value: str | None) -> float | None:
    """Seconds to wait, from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
