"""Output formats, one module each, chosen by name."""

from __future__ import annotations

from dataclasses import dataclass

from ..finding import Finding


@dataclass(frozen=True)
class CheckedMessage:
    """One linted input: where its reply and customer messages came from."""

    reply_path: str
    customer_paths: tuple[str, ...]
    texts: dict  # (source, index) -> original text
    findings: tuple[Finding, ...]

    def path_of(self, finding: Finding) -> str:
        if finding.source == "reply":
            return self.reply_path
        return self.customer_paths[finding.source_index]

    def text_of(self, finding: Finding) -> str:
        return self.texts[(finding.source, finding.source_index)]


def get_reporter(name: str):
    from . import github as github_reporter
    from . import json as json_reporter
    from . import sarif as sarif_reporter
    from . import text as text_reporter

    return {"text": text_reporter, "json": json_reporter, "sarif": sarif_reporter, "github": github_reporter}[name]


FORMATS = ("text", "json", "sarif", "github")
