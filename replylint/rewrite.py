"""Applying suggestions: the reply as it reads once an agent accepts the first
rewrite of every finding (what a `--fix` would write)."""

from __future__ import annotations

from .finding import Finding

FIX_ROUNDS = 3  # a fix can reveal another finding; three rounds settle every case seen


def fix_exchange(engine, exchange, insert_stubs: bool = False) -> tuple[str, list[Finding]]:
    """Apply the first suggestion of every finding that has one (overlaps: the
    earlier finding wins) and lint again until nothing changes, so fixing the
    result again changes nothing more. With `insert_stubs`, each unanswered
    question's placeholder sentence is inserted too (see `insert_stubs`).
    Return the fixed reply and the findings left on it."""
    from .engine import Exchange

    fixed, findings = exchange.reply, engine.lint(exchange)
    for _ in range(FIX_ROUNDS):
        changed = apply_suggestions(fixed, findings)
        if insert_stubs:
            changed = insert_question_stubs(changed, findings)
        if changed == fixed:
            break
        fixed = changed
        findings = engine.lint(Exchange(fixed, exchange.customer))
    return fixed, findings


def insert_question_stubs(reply: str, findings: list[Finding]) -> str:
    """Insert the placeholder («По поводу Вашего вопроса «…»: …») of every
    unanswered customer question as a paragraph of the reply: before its
    sign-off block (the last paragraph, when it is a few short lines), else at
    the end. A placeholder already there is not inserted again."""
    stubs = [f.suggestions[0] for f in findings
             if f.source == "customer" and f.category == "unanswered" and f.suggestions]
    stubs = [stub for stub in dict.fromkeys(stubs) if stub not in reply]
    if not stubs:
        return reply
    body, tail = reply.rstrip("\n"), reply[len(reply.rstrip("\n")):]
    block = "\n".join(stubs)
    head, sep, last = body.rpartition("\n\n")
    lines = last.splitlines()
    if sep and len(lines) <= SIGNOFF_LINES and all(len(line) <= SIGNOFF_LINE_CHARS for line in lines):
        return f"{head}\n\n{block}\n\n{last}{tail or chr(10)}"
    return f"{body}\n\n{block}{tail or chr(10)}"


_DASHES = ("—", "–", "-")
SIGNOFF_LINES = 3  # a last paragraph of at most this many short lines is a sign-off («С уважением,\nАнна»)
SIGNOFF_LINE_CHARS = 40


def apply_suggestions(text: str, findings: list[Finding], source: str = "reply") -> str:
    """Replace each finding's fix region with its first suggestion, right to left,
    skipping findings without one and any that overlap one already applied."""
    chosen: list[Finding] = []
    # a suggestion replaces the finding's fix region (its span, or the sentence
    # around it). Of overlapping regions, a rewrite wins over a removal («Тебе же
    # говорили, что…»: «Тебе говорили», not «Что…»), and the narrowest rewrite
    # wins: it keeps the most of what the agent wrote (a sentence the tone scorer
    # would drop keeps its content once «Вы ввели неверный пароль» reads «Введён
    # неверный пароль»; the next round of a fix sees whether the rest still blames)
    # (of rewrites of the same region, the one of the finding with the narrowest match: its rule named
    # the blame, and its rewrite was made for it, where a sentence-wide tone finding's removal is the
    # last resort: "the surname was mistyped, so…" rather than "The system can't…")
    for finding in sorted(findings, key=lambda f: (not (f.suggestions and f.suggestions[0]),
                                                   f.fix_end - f.fix_start, f.fix_start, f.end - f.start)):
        if finding.source != source or not finding.suggestions:
            continue
        if any(finding.fix_start < other.fix_end and other.fix_start < finding.fix_end for other in chosen):
            continue  # overlaps a rewrite already chosen
        chosen.append(finding)
    chosen.sort(key=lambda f: f.fix_start)
    drop_comma = False  # the removal on the right needs this rewrite's trailing comma gone
    for n in range(len(chosen) - 1, -1, -1):
        finding = chosen[n]
        # a removal may take punctuation before it, but not into the rewrite on its left
        floor = chosen[n - 1].fix_end if n else 0
        replacement = finding.suggestions[0]
        if drop_comma and replacement.endswith(","):
            replacement = replacement[:-1]
        drop_comma = False
        before, after = text[: finding.fix_start], text[finding.fix_end :]
        if not replacement:
            # removing a phrase: take its trailing comma and one space with it, and
            # capitalise what follows when the phrase began a sentence
            after = after.lstrip(",:;")
            starts_sentence = not before.rstrip(" ") or before.rstrip(" ").endswith((".", "!", "?", "\n"))
            if starts_sentence:
                # the phrase was the whole sentence («Поздравляю, это было сильно.»): its
                # full stop goes too; a dash left at the start goes («— обновите модуль»)
                after = after.lstrip(".!?…")
                after = after.lstrip(" ")
                if after[:1] in _DASHES and after[1:2] == " ":
                    after = after[2:]
                after = after[:1].upper() + after[1:]
                if after[:1] in ("", "\n"):
                    before = before[:floor] + before[floor:].rstrip(" ")  # it was the last sentence of its line
                if after[:1] == "\n" and (not before or before.endswith("\n")):
                    # it was its line: the line goes, not left blank (a paragraph break around it stays one)
                    if not before:
                        after = after.lstrip("\n")
                    else:
                        after = after[2:] if before.endswith("\n\n") and after.startswith("\n\n") else after[1:]
            elif before.endswith(" ") and (after[:1] in ("", " ", "\n") or after[0] in ".,!?"):
                before = before[:-1]
                if before[-1:] in _DASHES and before[-2:-1] == " " and (after[:1] in ("", "\n") or after[0] in ".!?"):
                    # the phrase ended a sentence after a dash («…номера 3434 — мы это уже
                    # обсуждали.»): the dash goes with it
                    before = before[:-2]
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
