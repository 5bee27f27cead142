"""Applying suggestions: the reply as it reads once an agent accepts the first
rewrite of every finding (what a `--fix` would write)."""

from __future__ import annotations

from .finding import Finding

FIX_ROUNDS = 3  # a fix can reveal another finding; three rounds settle every case seen


def fix_exchange(engine, exchange) -> tuple[str, list[Finding]]:
    """Apply the first suggestion of every finding that has one (overlaps: the
    earlier finding wins) and lint again until nothing changes, so fixing the
    result again changes nothing more. Return the fixed reply and the findings
    left on it."""
    from .engine import Exchange

    fixed, findings = exchange.reply, engine.lint(exchange)
    for _ in range(FIX_ROUNDS):
        changed = apply_suggestions(fixed, findings)
        if changed == fixed:
            break
        fixed = changed
        findings = engine.lint(Exchange(fixed, exchange.customer))
    return fixed, findings


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
    drop_comma = False  # the removal on the right needs this rewrite's trailing comma gone
    for n in range(len(chosen) - 1, -1, -1):
        finding = chosen[n]
        # a removal may take punctuation before it, but not into the rewrite on its left
        floor = chosen[n - 1].end if n else 0
        replacement = finding.suggestions[0]
        if drop_comma and replacement.endswith(","):
            replacement = replacement[:-1]
        drop_comma = False
        before, after = text[: finding.start], text[finding.end :]
        if not replacement:
            # removing a phrase: take its trailing comma and one space with it, and
            # capitalise what follows when the phrase began a sentence
            after = after.lstrip(",:;")
            starts_sentence = not before.rstrip(" ") or before.rstrip(" ").endswith((".", "!", "?", "\n"))
            if starts_sentence:
                after = after.lstrip(" ")
                after = after[:1].upper() + after[1:]
            elif before.endswith(" ") and (after[:1] in ("", " ", "\n") or after[0] in ".,!?"):
                before = before[:-1]
                ends_sentence = after[:1] in ("", "\n") or (after[:1] == " " and after[1:2].isupper())
                if ends_sentence and before[-1:].isalnum():
                    # the phrase ended a sentence («…в пункте Записи 👍 Далее…»): end it with a full stop
                    before += "."
            if after[:1] in (".", "!", "?") and before.endswith(","):
                # «Здравствуйте, братан!» → «Здравствуйте!», not «Здравствуйте,!»
                if len(before) > floor:
                    before = before[:-1]
                else:
                    drop_comma = True
        text = before + replacement + after
    return text
