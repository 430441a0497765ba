"""The web page and its files, served from the package's ``static`` folder only.

:class:`~starlette.staticfiles.StaticFiles` resolves every requested path and refuses anything
outside its folder (``..``, encoded or not, and symlinks out of it), so no other file of the machine
can be read through ``/static``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from waqia._errors import DataError

STATIC_DIR = Path(__file__).resolve().parent / "static"


def mount_static(app: FastAPI) -> None:
    index = STATIC_DIR / "index.html"
    docs = STATIC_DIR / "docs.html"
    if not index.is_file() or not docs.is_file():
        raise DataError(
            f"the web UI is missing from {STATIC_DIR}: run `npm ci --ignore-scripts && npm run build` in web/"
        )

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> FileResponse:
        return FileResponse(docs, headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
