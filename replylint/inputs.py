"""Reading what `replylint check` is given: files or stdin as UTF-8 text, and
the JSON exchanges a ticket tool sends to the pre-send hook. Every problem is
an InputError naming the input (and line), never a traceback."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .errors import InputError, Problem

MAX_INPUT_BYTES = 10 * 1024 * 1024


def _check_unicode(value: str, what: str, label: str, problems: list) -> None:
    """JSON can carry lone surrogates (\\ud800), which are not text and cannot be printed."""
    for i, char in enumerate(value):
        if "\ud800" <= char <= "\udfff":
            problems.append(Problem(f"{what} contains a lone surrogate (U+{ord(char):04X}) at character {i}, "
                                    "which is not valid Unicode text", label))
            return


def read_input(path: str) -> tuple[str, str]:
    """Return (display name, text) of a file or '-' for stdin, with clear errors."""
    from .yamlio import decode_text

    if path == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = "<stdin>"
    else:
        name = path
        try:
            size = os.path.getsize(path)
            if size > MAX_INPUT_BYTES:
                raise InputError(Problem(f"input is {size / 1048576:.1f} MB, over the {MAX_INPUT_BYTES // 1048576} MB limit", name))
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(Problem(f"cannot read file: {exc.strerror or exc}", name)) from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(Problem(f"input is over the {MAX_INPUT_BYTES // 1048576} MB limit", name))
    return name, decode_text(data, name, InputError)


def json_exchanges(name: str, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Parse `{"reply": ..., "customer": str | [str]}` or a list of such objects."""
    if not text.strip():
        raise InputError(Problem("the input is empty (expected a JSON object or list)", name))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(Problem(f"invalid JSON: {exc.msg} (column {exc.colno})", name, exc.lineno)) from None
    except RecursionError:
        raise InputError(Problem("invalid JSON: nested too deeply", name)) from None
    if isinstance(data, list) and not data:
        raise InputError(Problem("the JSON list is empty: no exchange to check", name))
    items = data if isinstance(data, list) else [data]
    out, problems = [], []
    for i, item in enumerate(items):
        label = f"{name}[{i}]" if isinstance(data, list) else name
        if not isinstance(item, dict):
            problems.append(Problem("expected an object with `reply` (and optional `customer`)", label))
            continue
        unknown = set(item) - {"reply", "customer", "id"}
        if unknown:
            problems.append(Problem(f"unknown key(s) {', '.join(sorted(unknown))} (allowed: reply, customer, id)", label))
        reply = item.get("reply")
        customer = item.get("customer")
        customer = [] if customer is None else [customer] if isinstance(customer, str) else customer
        ident = item.get("id", label)
        before = len(problems)
        if not isinstance(reply, str) or not reply.strip():
            problems.append(Problem("`reply` must be a non-empty string", label))
        elif not isinstance(customer, list) or not all(isinstance(c, str) for c in customer):
            problems.append(Problem("`customer` must be a string or a list of strings", label))
        elif not isinstance(ident, (str, int)) or isinstance(ident, bool):
            problems.append(Problem("`id` must be a string or a number", label))
        else:
            for what, value in [("`reply`", reply), ("`id`", str(ident))] + [
                    (f"`customer[{i}]`", c) for i, c in enumerate(customer)]:
                _check_unicode(value, what, label, problems)
            if len(problems) == before:
                out.append((str(ident), reply, tuple(customer)))
    if problems:
        raise InputError(problems)
    return out
