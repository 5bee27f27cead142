"""GitHub Actions workflow commands: one `::warning file=…,line=…,col=…::…`
line per finding, shown as annotations on the pull request's files
(https://docs.github.com/actions/reference/workflow-commands-for-github-actions)."""

from __future__ import annotations

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    """A command's message: `%`, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A command's property value: also `:` and `,` escaped."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(checked: list, color: bool = False) -> str:
    lines = []
    for message in checked:
        for f in message.findings:
            text = message.text_of(f)
            last = max(f.start, f.end - 1)  # the span's last character (GitHub's end column is inclusive)
            end_line = f.line + text.count("\n", f.start, last)
            end_column = last - (text.rfind("\n", 0, last) + 1) + 1
            location = (f"file={_property(message.path_of(f))},line={f.line},col={f.column},"
                        f"endLine={end_line},endColumn={end_column},title={_property(f.rule_id)}")
            body = f.message + (f" Suggestion: {f.suggestions[0]}" if f.suggestions and f.suggestions[0] else "")
            lines.append(f"::{LEVELS[f.severity]} {location}::{_data(body)}")
    return "\n".join(lines)
