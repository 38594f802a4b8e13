"""A load test of `tracker serve`: many clients at once for a fixed time, mixing the four canned queries.

    .venv/bin/python -m bench.load_test path/to/data.db [--clients 32] [--seconds 30]

Starts `tracker serve` on a free loopback port, runs the clients (asyncio, httpx) until the time is up,
stops the server, and prints requests per second, p50 and p99 latency and the errors (any answer but
200, or none in time). Nothing leaves the machine; the run ends by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field

from .web import arguments, serve

CLIENTS = 32
SECONDS = 30.0
REQUEST_TIMEOUT = 10.0


@dataclass
class LoadResult:
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    by_query: dict[str, int] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")

    def summary(self) -> str:
        return (f"{self.clients} clients, {self.seconds:.1f} s: {self.requests:,} requests, {self.rps:.0f} per "
                f"second, p50 {self.percentile(50) * 1000:.0f} ms, p99 {self.percentile(99) * 1000:.0f} ms, "
                f"{len(self.errors)} errors")


async def _client(client, paths: list[tuple[str, str, dict]], until: float, seed: int, result: LoadResult):
    import httpx

    rng = random.Random(seed)
    while time.monotonic() < until:
        name, path, params = rng.choice(paths)
        started = time.perf_counter()
        try:
            response = await client.get(path, params=params)
            if response.status_code == 200:
                result.latencies.append(time.perf_counter() - started)
                result.by_query[name] = result.by_query.get(name, 0) + 1
            else:
                result.errors.append(f"{name}: HTTP {response.status_code}")
        except httpx.HTTPError as exc:
            result.errors.append(f"{name}: {exc.__class__.__name__}")


async def _run(base: str, paths: list[tuple[str, str, dict]], clients: int, seconds: float) -> LoadResult:
    import httpx

    result = LoadResult(clients, seconds)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT, limits=limits) as client:
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(*(_client(client, paths, until, i, result) for i in range(clients)))
        result.seconds = time.monotonic() - started
    return result


def load_test(db: str, clients: int = CLIENTS, seconds: float = SECONDS) -> LoadResult:
    """Serve ``db`` (a SQLite file) and load it; the server is stopped whatever happens."""
    from tracker.db import make_engine

    engine = make_engine(db)
    with engine.connect() as conn:
        args = arguments(conn)
    engine.dispose()
    database = db.rsplit("/", 1)[-1].removesuffix(".db")
    paths = [(name, f"/{database}/{name}.json", params) for name, many in args.items() for params in many]
    with serve(db) as base:
        return asyncio.run(_run(base, paths, clients, seconds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", help="a tracker SQLite file")
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--seconds", type=float, default=SECONDS)
    args = parser.parse_args()
    result = load_test(args.db, args.clients, args.seconds)
    print(result.summary())
    print("answered:", ", ".join(f"{k} {v}" for k, v in sorted(result.by_query.items())))
    for error in sorted(set(result.errors))[:10]:
        print("error:", error)
    if result.latencies:
        print(f"mean {statistics.mean(result.latencies) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
