"""The FastAPI application: JSON API, web page, security headers and error answers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from starlette.datastructures import MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from waqia import __version__
from waqia._errors import InputError
from waqia.pipeline import Pipeline
from waqia.server._params import PARAMETER_OF_FIELD
from waqia.server._routes import api_router
from waqia.server._static import mount_static
from waqia.server._write import check_token, write_router
from waqia.store import open_store

# Everything from this server, nothing from anywhere else; no inline script or style, no eval (the
# bundled Swagger UI of /docs works under the same policy).
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Content-Security-Policy": _CSP,
}


class SecurityHeaders:
    """Adds the security headers to every HTTP response (pure ASGI: no buffering of bodies)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _invalid_input(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, InputError)
    name = PARAMETER_OF_FIELD.get(error.source, error.source)
    return JSONResponse(
        status_code=422,
        content={"detail": [{"loc": ["query", name], "msg": error.reason, "type": "value_error"}]},
    )


async def _server_error(request: Request, error: Exception) -> JSONResponse:
    # the details go to the server's log (uvicorn logs the exception); the client learns nothing
    return JSONResponse(
        status_code=500,
        content={"detail": "internal server error"},
        headers=SECURITY_HEADERS,
    )


def _default_pipeline() -> Pipeline:
    from waqia._api import load

    return load()


def create_app(
    store_url: str,
    *,
    write_token: str | None = None,
    allowed_hosts: Sequence[str] | None = None,
    make_pipeline: Callable[[], Pipeline] = _default_pipeline,
) -> FastAPI:
    """The app over the store at ``store_url`` (opened now, closed when the app shuts down).

    Read-only unless ``write_token`` (at least 16 characters) is given: then ``POST /api/documents``
    codes documents with ``make_pipeline()`` (built on the first write) and stores them, for requests
    that carry ``Authorization: Bearer <write_token>``. ``allowed_hosts`` limits the ``Host`` header
    (guards a loopback server against DNS rebinding); None accepts any. No CORS headers are sent, so
    browsers keep other sites' pages from reading the API.
    """
    check_token(write_token)
    store = open_store(store_url, create=False)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = FastAPI(
        title="waqia",
        version=__version__,
        description=(
            "Conflict events extracted from Urdu news: filter them, read each one's evidence in the "
            "source text. Read-only unless the server was started with a write token."
        ),
        docs_url=None,  # served from the bundled Swagger UI by mount_static, not from a CDN
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.include_router(api_router(store, writable=write_token is not None))
    app.include_router(write_router(store, write_token, make_pipeline))
    mount_static(app)
    app.add_exception_handler(InputError, _invalid_input)
    app.add_exception_handler(Exception, _server_error)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    return app
