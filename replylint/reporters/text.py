"""ruff-like text: `path:line:col  rule-id  message`, the source line with a
caret underline, then the suggested rewrite."""

from __future__ import annotations

import unicodedata
from collections import Counter

import click

from ..finding import SEVERITIES

SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def _printable(char: str) -> str:
    """One visible character for each character of the input: a tab becomes a
    space, control characters (ANSI escapes!) their Unicode control picture."""
    if char == "\t":
        return " "
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
        return "\ufffd"
    return char


def _width(text: str) -> int:
    """Terminal columns `text` takes: wide (CJK, emoji) 2, combining marks 0."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def render(checked: list, color: bool) -> str:
    def style(text: str, **kw) -> str:
        return click.style(text, **kw) if color else text

    out: list[str] = []
    counts: Counter = Counter()
    for message in checked:
        for f in message.findings:
            counts[f.severity] += 1
            path = message.path_of(f)
            out.append(
                f"{style(f'{path}:{f.line}:{f.column}', bold=True)}  "
                f"{style(f.rule_id, fg=SEVERITY_COLORS[f.severity], bold=True)}  {f.message}"
            )
            text = message.text_of(f)
            line_start = f.start - (f.column - 1)
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            source_line = "".join(map(_printable, text[line_start:line_end].rstrip("\r")))
            before = source_line[: f.column - 1]
            flagged = source_line[f.column - 1 : f.column - 1 + max(0, min(f.end, line_end) - f.start)]
            width = len(str(f.line))
            underline_len = max(1, _width(flagged))
            out.append(f"{' ' * width} |")
            out.append(f"{f.line} | {source_line}")
            out.append(f"{' ' * width} | {' ' * _width(before)}{style('^' * underline_len, fg=SEVERITY_COLORS[f.severity])}")
            for suggestion in f.suggestions:
                shown = suggestion if suggestion else "(remove it)"
                out.append(f"{' ' * width} = {style('suggestion:', fg='green')} {shown}")
            out.append("")
    total = sum(counts.values())
    if total:
        detail = ", ".join(_count(counts[s], s) for s in reversed(SEVERITIES) if counts[s])
        out.append(f"Found {_count(total, 'problem')} ({detail}).")
    else:
        out.append("All clear: no problems found.")
    return "\n".join(out)


def _count(n: int, noun: str) -> str:
    """'1 warning', '2 warnings', '3 info' (a mass noun)."""
    return f"{n} {noun}" if n == 1 or noun == "info" else f"{n} {noun}s"
