"""The pre-send hook protocol, shared by `replylint hook` (stdin/stdout) and
the HTTP service (`POST /v1/check`, `POST /v1/fix`).

Request, one JSON object:

    {"reply": "...", "customer": "..." | ["...", ...], "lang": "auto|ru|en",
     "agent": "...", "config": {<settings as in .replylint.yaml>}}

Only `reply` is required. `config` overrides the configuration file for this
request (`select`, `ignore`, `severity`, `fail-on`, `formality-policy`,
`never-flag`; not `packs`/`builtin`, which a service loads once). `agent` is
the sending agent's name, echoed back for the ticket tool's log.

Response, one JSON object:

    {"ok": true|false, "findings": [...], "fixed_reply": "...", "agent": ...}

`ok` is false when a finding is at or above `fail-on`; `fixed_reply` is the
reply with every safe rewrite applied (findings without one stay). A request
that cannot be read gets {"ok": false, "error": "..."}.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .config import SCHEMA, Config, from_mapping
from .errors import ConfigError, InputError, Problem
from .finding import fails
from .inputs import MAX_INPUT_BYTES, text_problems

KEYS = ("reply", "customer", "lang", "agent", "config")
# settings a request may override: rule packs and name lists shape an engine, built once per process
REQUEST_SETTINGS = frozenset({"select", "ignore", "severity", "fail-on", "lang", "formality-policy", "never-flag"})


@dataclass(frozen=True)
class Request:
    reply: str
    customer: tuple[str, ...]
    agent: str | None
    settings: dict  # validated settings given with the request


def parse(data: bytes | str, name: str = "<request>") -> Request:
    """A hook request, or InputError/ConfigError with every problem found."""
    if isinstance(data, bytes):
        if len(data) > MAX_INPUT_BYTES:
            raise InputError(Problem(f"the request is over the {MAX_INPUT_BYTES // 1048576} MB limit", name))
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(Problem(f"the request is not UTF-8 (byte {exc.start}): send JSON as UTF-8", name)) \
                from None
    text = data.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(Problem('the request is empty (expected a JSON object with "reply")', name))
    duplicates: list[str] = []

    def pairs(items):
        seen = {}
        for key, value in items:
            if key in seen:
                duplicates.append(key)
            seen[key] = value
        return seen

    def constant(word):
        raise ValueError(f"{word} is not valid JSON")

    try:
        value = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise InputError(Problem(f"invalid JSON: {exc.msg} (column {exc.colno})", name, exc.lineno)) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(Problem(f"invalid JSON: {exc if isinstance(exc, ValueError) else 'nested too deeply'}",
                                 name)) from None
    if not isinstance(value, dict):
        raise InputError(Problem('expected a JSON object with "reply"', name))
    problems = [f"duplicate key {key!r}" for key in dict.fromkeys(duplicates)]
    unknown = [key for key in value if key not in KEYS]
    if unknown:
        problems.append(f"unknown key(s) {', '.join(map(repr, unknown))} (allowed: {', '.join(KEYS)})")
    reply = value.get("reply")
    if not isinstance(reply, str) or not reply.strip():
        problems.append('"reply" must be a non-empty string')
    customer = value.get("customer")
    if customer is None:
        customer = ()
    elif isinstance(customer, str):
        customer = (customer,)
    elif isinstance(customer, list) and all(isinstance(c, str) for c in customer):
        customer = tuple(customer)
    else:
        problems.append('"customer" must be a string or a list of strings')
        customer = ()
    agent = value.get("agent")
    if agent is not None and not isinstance(agent, str):
        problems.append('"agent" must be a string')
    texts = [("reply", reply)] if isinstance(reply, str) else []
    texts += [(f"customer[{i}]", c) for i, c in enumerate(customer)]
    problems += [p for what, t in texts for p in text_problems(t, f'"{what}"')]
    settings = dict(value.get("config") or {}) if isinstance(value.get("config"), dict) else None
    if "config" in value and settings is None:
        problems.append('"config" must be an object of settings')
    if "lang" in value:
        settings = {**(settings or {}), "lang": value["lang"]}
    if problems:
        raise InputError([Problem(p, name) for p in problems])
    settings = settings or {}
    not_here = [key for key in settings if key in SCHEMA and key not in REQUEST_SETTINGS]
    if not_here:
        raise ConfigError(Problem(f"{', '.join(map(repr, not_here))} cannot be set per request (the service "
                                  "loads its rule packs once): set it in the configuration file", name))
    from_mapping(settings, f"{name}: config")  # unknown settings and wrong types, as in a file
    return Request(reply, customer, agent, settings)


class Checker:
    """Checks hook requests: one Engine per distinct effective configuration,
    built on first use and kept (a service answers many requests)."""

    MAX_ENGINES = 16

    def __init__(self, settings: Config):
        self.settings = settings
        self._engines: dict[str, tuple] = {}

    def effective(self, request: Request) -> Config:
        given = {key: ("request", tuple(v) if isinstance(v, list) else v) for key, v in request.settings.items()}
        return self.settings.with_options(given)

    def engine(self, settings: Config):
        return self._built(settings)[1]

    def ruleset(self, settings: Config):
        return self._built(settings)[0]

    def _built(self, settings: Config) -> tuple:
        from .config import build_engine, build_ruleset

        key = json.dumps({k: list(v) if isinstance(v, tuple) else v for k, v in settings.values.items()},
                         sort_keys=True, default=str)
        if key not in self._engines:
            if len(self._engines) >= self.MAX_ENGINES:
                self._engines.pop(next(iter(self._engines)))
            ruleset = build_ruleset(settings)
            self._engines[key] = (ruleset, build_engine(settings, ruleset))
        return self._engines[key]

    def check(self, request: Request, fix: bool = True) -> tuple[dict, bool]:
        """(response, failing): failing when a finding is at or above fail-on."""
        from .engine import Exchange
        from .rewrite import fix_exchange

        settings = self.effective(request)
        engine = self.engine(settings)
        exchange = Exchange(request.reply, request.customer)
        findings = engine.lint(exchange)
        failing = fails(findings, settings["fail-on"])
        response = {"ok": not failing, "findings": [f.to_dict() for f in findings]}
        if fix:
            response["fixed_reply"] = fix_exchange(engine, exchange)[0] if findings else request.reply
        if request.agent is not None:
            response["agent"] = request.agent
        return response, failing

    def fix(self, request: Request) -> dict:
        """{fixed_reply, findings left}: every safe rewrite applied."""
        from .engine import Exchange
        from .rewrite import fix_exchange

        fixed, left = fix_exchange(self.engine(self.effective(request)), Exchange(request.reply, request.customer))
        return {"fixed_reply": fixed, "findings": [f.to_dict() for f in left]}


def error_response(problems: list[Problem]) -> dict:
    return {"ok": False, "error": "; ".join(str(p) for p in problems)}

