"""ruff-like text: `path:line:col  rule-id  message`, the source line with a
caret underline, then the suggested rewrite."""

from __future__ import annotations

from collections import Counter

import click

from ..finding import SEVERITIES

SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


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
            source_line = text[line_start:line_end].rstrip("\r")
            width = len(str(f.line))
            underline_len = max(1, min(f.end, line_end) - f.start)
            out.append(f"{' ' * width} |")
            out.append(f"{f.line} | {source_line}")
            out.append(f"{' ' * width} | {' ' * (f.column - 1)}{style('^' * underline_len, fg=SEVERITY_COLORS[f.severity])}")
            for suggestion in f.suggestions:
                shown = suggestion if suggestion else "(remove it)"
                out.append(f"{' ' * width} = {style('suggestion:', fg='green')} {shown}")
            out.append("")
    total = sum(counts.values())
    if total:
        detail = ", ".join(f"{counts[s]} {s}" for s in reversed(SEVERITIES) if counts[s])
        out.append(f"Found {total} problem{'s' if total != 1 else ''} ({detail}).")
    else:
        out.append("All clear: no problems found.")
    return "\n".join(out)
