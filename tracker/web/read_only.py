"""A Datasette plugin that refuses every request that could change something: only GET, HEAD and OPTIONS pass.

The database is opened immutable as well; this makes the refusal explicit (405)
for tables, canned queries and any write API alike.
"""

from __future__ import annotations

from datasette import hookimpl

ALLOWED = {"GET", "HEAD", "OPTIONS"}


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in ALLOWED:
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                        (b"allow", b"GET, HEAD, OPTIONS")]})
                await send({"type": "http.response.body", "body": b"This database is read-only.\n"})
                return
            await app(scope, receive, send)

        return read_only

    return wrap
