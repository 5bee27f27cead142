"""`replylint serve`: the hook protocol over HTTP, and a review page.

Starlette (ASGI) served by uvicorn, an optional extra (`pip install
'replylint[server]'`). Routes:

    POST /v1/check     the hook request -> {ok, findings, fixed_reply}
    POST /v1/fix       the hook request -> {fixed_reply, findings (left after fixing)}
    POST /v1/profile   {"text": ...} -> the message's register profile (the review page shows the customer's)
    GET  /healthz      {"status": "ok"}
    GET  /openapi.json the API as OpenAPI 3.1
    GET  /             the review page (no external assets)

A request body over the limit gets 413, a body that is not a valid request
422, a missing or wrong bearer token (with --token) 401. Each worker process
builds its own pipelines before it takes a request; a request is linted on
the event loop's thread, so nothing mutable is shared between threads.
"""

from __future__ import annotations

import hmac
import json
import os
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request as HttpRequest
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from . import __version__
from .config import Config
from .errors import ReplylintError
from .hook import Checker, parse
from .inputs import text_problems

DEFAULT_MAX_BODY = 256 * 1024
PAGE = Path(__file__).resolve().parent / "review.html"
class BodyTooLarge(Exception):
    pass


async def _body(request: HttpRequest, limit: int) -> bytes:
    """The request body, refused as soon as it passes the limit (a declared
    Content-Length too, before anything is read)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message}, status_code=status)


def _unauthorized() -> JSONResponse:
    return JSONResponse({"ok": False, "error": "missing or wrong bearer token"}, status_code=401,
                        headers={"WWW-Authenticate": "Bearer"})


def create_app(settings: Config, token: str | None = None, max_body: int = DEFAULT_MAX_BODY) -> Starlette:
    checker = Checker(settings)

    @asynccontextmanager
    async def lifespan(app):
        # pipelines and packs load before the first request: a check then takes milliseconds
        checker.engine(checker.settings).warm()
        yield

    def authorized(request: HttpRequest) -> bool:
        if token is None:
            return True
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode())

    async def guarded_body(request: HttpRequest):
        """(body, None), or (None, the 401/413 response to send)."""
        if not authorized(request):
            return None, _unauthorized()
        try:
            return await _body(request, max_body), None
        except BodyTooLarge:
            return None, _error(413, f"the request body is over the {max_body} byte limit")

    async def answer(request: HttpRequest, respond) -> Response:
        """Read a hook request and answer it with `respond(request)`; 422 for
        one that is not valid, or whose settings name no rule."""
        body, error = await guarded_body(request)
        if error is not None:
            return error
        try:
            return JSONResponse(respond(parse(body, "request")))
        except ReplylintError as exc:
            return _error(422, "; ".join(str(p) for p in exc.problems))

    async def check(request: HttpRequest) -> Response:
        return await answer(request, lambda parsed: checker.check(parsed, fix=True)[0])

    async def fix(request: HttpRequest) -> Response:
        return await answer(request, checker.fix)

    async def profile(request: HttpRequest) -> Response:
        body, error = await guarded_body(request)
        if error is not None:
            return error
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            return _error(422, f"invalid JSON: {exc}")
        if not isinstance(data, dict) or set(data) != {"text"} or not isinstance(data["text"], str):
            return _error(422, 'expected {"text": "..."}')
        problems = text_problems(data["text"], '"text"')
        if problems:
            return _error(422, "; ".join(problems))
        found = checker.engine(checker.settings).profile(data["text"]) if data["text"].strip() else None
        return JSONResponse(found.to_dict() if found else None)

    async def rules(request: HttpRequest) -> Response:
        """Each rule's message and why, which the review page shows on a finding."""
        if not authorized(request):
            return _unauthorized()
        ruleset = checker.ruleset(checker.settings)
        return JSONResponse({r.id: {"category": r.category, "severity": r.severity, "message": r.message,
                                    "why": " ".join(r.why.split())} for r in ruleset.rules})

    async def healthz(request: HttpRequest) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    async def openapi(request: HttpRequest) -> Response:
        return JSONResponse(openapi_document())

    async def page(request: HttpRequest) -> Response:
        return HTMLResponse(PAGE.read_text(encoding="utf-8"))

    async def not_found(request: HttpRequest, exc) -> Response:
        return _error(getattr(exc, "status_code", 404), getattr(exc, "detail", "not found"))

    async def internal(request: HttpRequest, exc: Exception) -> Response:
        return _error(500, f"internal error: {type(exc).__name__}")

    return Starlette(
        routes=[Route("/v1/check", check, methods=["POST"]), Route("/v1/fix", fix, methods=["POST"]),
                Route("/v1/profile", profile, methods=["POST"]), Route("/v1/rules", rules, methods=["GET"]),
                Route("/healthz", healthz, methods=["GET"]),
                Route("/openapi.json", openapi, methods=["GET"]), Route("/", page, methods=["GET"])],
        exception_handlers={404: not_found, 405: not_found, Exception: internal},
        lifespan=lifespan)


def app_from_environment() -> Starlette:
    """The app a uvicorn worker process builds (`--workers`): settings from the
    environment the `serve` command set, so workers share nothing."""
    from .config import default, load

    path = os.environ.get("REPLYLINT_SERVE_CONFIG")
    settings = load(path) if path else default()
    overrides = json.loads(os.environ.get("REPLYLINT_SERVE_SETTINGS", "{}"))
    settings = settings.with_options({k: ("--option", tuple(v) if isinstance(v, list) else v)
                                      for k, v in overrides.items()})
    return create_app(settings, os.environ.get("REPLYLINT_SERVE_TOKEN") or None,
                      int(os.environ.get("REPLYLINT_SERVE_MAX_BODY", DEFAULT_MAX_BODY)))


def _finding_schema() -> dict:
    return {"type": "object", "required": ["rule_id", "category", "severity", "message", "source", "source_index",
                                           "start", "end", "line", "column", "text", "suggestions", "fix_start",
                                           "fix_end"],
            "properties": {"rule_id": {"type": "string"}, "category": {"type": "string"},
                           "severity": {"enum": ["info", "warning", "error"]}, "message": {"type": "string"},
                           "source": {"enum": ["reply", "customer"]}, "source_index": {"type": "integer"},
                           "start": {"type": "integer"}, "end": {"type": "integer"}, "line": {"type": "integer"},
                           "column": {"type": "integer"}, "text": {"type": "string"},
                           "suggestions": {"type": "array", "items": {"type": "string"}},
                           # what a suggestion replaces: the span, or the clause or sentence around it
                           "fix_start": {"type": "integer"}, "fix_end": {"type": "integer"}}}


def openapi_document() -> dict:
    error = {"description": "", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}

    def errors(*codes: int) -> dict:
        text = {401: "missing or wrong bearer token", 413: "body over the limit", 422: "not a valid request"}
        return {str(c): {**error, "description": text[c]} for c in codes}

    json_body = {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Check"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "replylint", "version": __version__,
                 "description": "Tone and politeness checks of support replies (the `replylint hook` protocol)."},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Check": {"type": "object", "required": ["reply"], "additionalProperties": False, "properties": {
                    "reply": {"type": "string", "minLength": 1},
                    "customer": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
                    "lang": {"enum": ["auto", "ru", "en"]}, "agent": {"type": "string"},
                    "config": {"type": "object"}}},
                "Finding": _finding_schema(),
                "CheckResult": {"type": "object", "required": ["ok", "findings", "fixed_reply"], "properties": {
                    "ok": {"type": "boolean"}, "fixed_reply": {"type": "string"}, "agent": {"type": "string"},
                    "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}},
                "FixResult": {"type": "object", "required": ["fixed_reply", "findings"], "properties": {
                    "fixed_reply": {"type": "string"},
                    "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}},
                "Error": {"type": "object", "required": ["ok", "error"],
                          "properties": {"ok": {"const": False}, "error": {"type": "string"}}},
            }},
        "security": [{"bearer": []}],
        "paths": {
            "/v1/check": {"post": {
                "summary": "Check a reply against the customer's message(s)", "requestBody": json_body,
                "responses": {"200": {"description": "the findings and the fixed reply", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/CheckResult"}}}},
                    **errors(401, 413, 422)}}},
            "/v1/fix": {"post": {
                "summary": "Apply every safe rewrite", "requestBody": json_body,
                "responses": {"200": {"description": "the fixed reply and the findings left", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/FixResult"}}}},
                    **errors(401, 413, 422)}}},
            "/v1/profile": {"post": {
                "summary": "The register profile of a message",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["text"], "additionalProperties": False,
                    "properties": {"text": {"type": "string"}}}}}},
                "responses": {"200": {"description": "the profile (null for an empty text)", "content": {
                    "application/json": {"schema": {"type": ["object", "null"]}}}}, **errors(401, 413, 422)}}},
            "/v1/rules": {"get": {"summary": "Every rule's category, severity, message and why", "responses": {
                "200": {"description": "rule id -> its docs", "content": {"application/json": {"schema": {
                    "type": "object", "additionalProperties": {"type": "object"}}}}}, **errors(401)}}},
            "/healthz": {"get": {"summary": "Liveness", "security": [], "responses": {"200": {
                "description": "up", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["status"], "properties": {"status": {"const": "ok"},
                                                                              "version": {"type": "string"}}}}}}}}},
        },
    }


def serve(settings: Config, host: str, port: int, token: str | None, max_body: int, workers: int) -> None:
    import uvicorn

    if workers > 1:
        # each worker imports the app factory and builds its own pipelines
        values = dict(settings.values, packs=[str(p.resolve()) for p in settings.pack_dirs()])
        os.environ["REPLYLINT_SERVE_SETTINGS"] = json.dumps(
            {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()})
        if settings.path:
            os.environ["REPLYLINT_SERVE_CONFIG"] = settings.path
        os.environ["REPLYLINT_SERVE_TOKEN"] = token or ""
        os.environ["REPLYLINT_SERVE_MAX_BODY"] = str(max_body)
        uvicorn.run("replylint.server:app_from_environment", factory=True, host=host, port=port, workers=workers,
                    log_level="warning")
    else:
        uvicorn.run(create_app(settings, token, max_body), host=host, port=port, log_level="warning")

