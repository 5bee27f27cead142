"""Findings a team chose not to see.

- `never-flag` phrases (configuration): product names and phrases that are
  never a problem ("Obviously Backup"): a finding whose span lies inside one
  (case-insensitively) is dropped.
- Inline directives in a reply template, for the rare deliberate case, in a
  comment the customer never sees: HTML `<!-- replylint-disable ID, ID -->` or
  a template comment `{# replylint-disable ID #}` turns the rules off for the
  whole exchange; `replylint-disable-next-line ID` only for the reply's next
  line. IDs are rule-id prefixes as for --select (`ru.blame.rtfm`, `blame`,
  `unanswered`); a directive without IDs turns every rule off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .finding import Finding
from .packs import rule_matches

_DIRECTIVE = re.compile(
    r"(?:<!--|\{#)[ \t]*replylint-disable(?P<next>-next-line)?(?P<ids>(?:[ \t]+[\w.\-]+(?:[ \t]*,[ \t]*[\w.\-]+)*)?)"
    r"[ \t]*(?:-->|#\})")


@dataclass(frozen=True)
class Directive:
    prefixes: tuple[str, ...]  # rule-id prefixes; none: every rule
    line: int | None  # the 1-based reply line it covers; None: the whole exchange

    def covers(self, finding: Finding) -> bool:
        if self.line is not None and (finding.source != "reply" or finding.line != self.line):
            return False
        return not self.prefixes or any(rule_matches(finding.rule_id, finding.category, p) for p in self.prefixes)


def directives(reply: str) -> list[Directive]:
    """The suppression directives written in a reply."""
    if "replylint-disable" not in reply:
        return []
    out = []
    for match in _DIRECTIVE.finditer(reply):
        prefixes = tuple(p for p in re.split(r"[\s,]+", match.group("ids")) if p)
        line = reply.count("\n", 0, match.start()) + 2 if match.group("next") else None
        out.append(Directive(prefixes, line))
    return out


def kept(findings: list[Finding], texts: dict[tuple[str, int], str], never_flag: tuple[str, ...]) -> list[Finding]:
    """The findings no directive in the reply and no never-flag phrase suppresses."""
    rules_off = directives(texts[("reply", 0)])
    phrases = [p for p in never_flag if p.strip()]
    if not rules_off and not phrases:
        return findings
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}

    def protected(finding: Finding) -> bool:
        key = (finding.source, finding.source_index)
        if key not in spans:
            spans[key] = _occurrences(texts[key], phrases)
        return any(start <= finding.start and finding.end <= end for start, end in spans[key])

    return [f for f in findings if not any(d.covers(f) for d in rules_off) and not (phrases and protected(f))]


def _occurrences(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    """Where the phrases stand in the text, ignoring case (offsets in the text as written)."""
    return [m.span() for phrase in phrases for m in re.finditer(re.escape(phrase), text, re.IGNORECASE)]
