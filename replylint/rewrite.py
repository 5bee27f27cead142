"""Applying suggestions: the reply as it reads once an agent accepts the first
rewrite of every finding (what a `--fix` would write)."""

from __future__ import annotations

from .finding import Finding


def apply_suggestions(text: str, findings: list[Finding], source: str = "reply") -> str:
    """Replace each finding's span with its first suggestion, right to left,
    skipping findings without one and any that overlap one already applied."""
    chosen: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.source != source or not finding.suggestions:
            continue
        if chosen and finding.start < chosen[-1].end:
            continue  # overlaps the previous rewrite
        chosen.append(finding)
    for finding in reversed(chosen):
        replacement = finding.suggestions[0]
        before, after = text[: finding.start], text[finding.end :]
        if not replacement:
            # removing a phrase: take its trailing comma and one space with it, and
            # capitalise what follows when the phrase began a sentence
            after = after.lstrip(",:;")
            starts_sentence = not before.rstrip(" ") or before.rstrip(" ").endswith((".", "!", "?", "\n"))
            if starts_sentence:
                after = after.lstrip(" ")
                after = after[:1].upper() + after[1:]
            elif before.endswith(" ") and (after.startswith(" ") or not after or after[0] in ".,!?"):
                before = before[:-1]
        text = before + replacement + after
    return text
