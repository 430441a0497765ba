"""`waqia serve`: the JSON API over an event store and the offline web map.

    >>> from waqia.server import create_app
    >>> app = create_app("waqia.db")            # doctest: +SKIP
    >>> # uvicorn.run(app, host="127.0.0.1")    # what `waqia serve` does

Needs the ``serve`` extra (FastAPI, uvicorn). See ``docs/web.md``.
"""

from waqia.server._app import SECURITY_HEADERS, create_app
from waqia.server._static import STATIC_DIR

__all__ = ["SECURITY_HEADERS", "STATIC_DIR", "create_app"]
