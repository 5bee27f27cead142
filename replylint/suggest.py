"""Rewrite templates: `{name|filter:arg|filter}` placeholders over a rule's
captures. The rendered text replaces the matched span. A template is
skipped for a match that lacks one of its captures (an optional pattern
token), unless the placeholder is marked optional, `{name?}`, which then
renders empty.

Filters: lower, upper, capitalize, lemma, inflect:G1,G2 (pymorphy3 grammemes
for Russian, Penn tags like VBN for English), agree:NAME (Russian: take the
number and gender of capture NAME), case:CASE (Russian: put a noun phrase in
a case, e.g. nomn, keeping its number), number:SINGULAR/PLURAL (pick a word by
the grammatical number of the capture), map:@NAME (put each word that is a
key of the pack's word map NAME, `lexicons: {NAME: {word: plain}}`, in its
plain form, inflected like the word: «кнопочку» → «кнопку»), suffix:@NAME (put each word
whose lemma ends with a key of the word map NAME, `{suffix: ending/ending}`, in the plain
word made by swapping that suffix for the first ending that gives a word the dictionary
knows as the same part of speech, inflected like the word: «скрепочкой» → «скрепкой»,
«синенькую» → «синюю»; a word no key fits stays as written, and where no word of the
capture changes, the template is skipped), drop (render nothing: `{name|drop}`
removes the phrase, but only for the matches of the patterns that capture NAME;
`drop:clause` not where a word ends the match and another follows it, or a
word starts it after another: removing a clause would strand its object, or
the subject and conjunction before it, «Sorry, but»; nor before a comma and a
conjunction, which would open the sentence left («…, что пункт выдачи…»), where
`if:clause` renders a phrase only (`{verb|if:clause}`: «Напоминаю, что…»); `drop:sentence` only where
the match is a whole sentence, or its first clause before a colon or a dash:
"That's user error — your locale is US", not "That's your problem, not ours").
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_NAME_OPENERS = ("«", '"', "“", "„")  # what opens a quoted name after a noun
_SENTENCE_ENDS = (".", "!", "?", "…", "...", "?!", "!?")
_LEADS_IN = (":", "—", "–", "-")  # what follows a sentence's first clause that `drop:sentence` may remove
_INSIDE_SENTENCE = (",", ";", ":", "—", "–", "(")  # what precedes a word inside a sentence
FILTERS = {
    "lower": False, "upper": False, "capitalize": False, "lemma": False,
    "inflect": True, "agree": True, "case": True, "number": True, "drop": False, "map": True, "suffix": True,
    "if": True,
}


@dataclass(frozen=True)
class Placeholder:
    name: str
    filters: tuple[tuple[str, str], ...]
    optional: bool = False  # `{name?}`: renders empty when the match has no such capture


@dataclass(frozen=True)
class Template:
    source: str
    parts: tuple[str | Placeholder, ...]

    @classmethod
    def parse(cls, source: str, names: frozenset[str]) -> tuple[Template, list[str]]:
        """Parse a template; return it and the problems found (unknown names or
        filters). Filter arguments are checked when packs load
        (`template_argument_errors`)."""
        errors: list[str] = []
        parts: list[str | Placeholder] = []
        pos = 0
        for m in _PLACEHOLDER.finditer(source):
            parts.append(source[pos : m.start()])
            pieces = [p.strip() for p in m.group(1).split("|")]
            name, filters = pieces[0], []
            optional = name.endswith("?")
            name = name.rstrip("?")
            if name not in names:
                known = ", ".join(sorted(names)) or "none"
                errors.append(f"template {source!r} uses unknown capture {{{name}}} (known: {known})")
            for piece in pieces[1:]:
                fname, _, arg = piece.partition(":")
                if fname not in FILTERS:
                    errors.append(f"template {source!r}: unknown filter {fname!r} (known: {', '.join(FILTERS)})")
                elif FILTERS[fname] and not arg:
                    errors.append(f"template {source!r}: filter {fname!r} needs an argument ({fname}:...)")
                elif fname == "drop" and arg not in ("", "clause", "sentence"):
                    errors.append(f"template {source!r}: drop takes no argument, `clause` or `sentence`, got {arg!r}")
                elif fname == "if" and arg != "clause":
                    errors.append(f"template {source!r}: if takes `clause`, got {arg!r}")
                elif fname == "agree" and arg not in names:
                    errors.append(f"template {source!r}: agree:{arg} names no capture")
                filters.append((fname, arg))
            parts.append(Placeholder(name, tuple(filters), optional))
            pos = m.end()
        parts.append(source[pos:])
        if any("{" in p or "}" in p for p in parts if isinstance(p, str)):
            errors.append(f"template {source!r} has an unbalanced brace")
        return cls(source, tuple(p for p in parts if p != "")), errors

    def render(self, captured: dict[str, list[str]], morphology, original: str,
               spacing: dict[str, list[str]] | None = None, following: str = "",
               preceding: str = "") -> str | None:
        """The rewrite, or None when a required capture is absent from this
        match (or `drop:clause` finds a word in `following` or `preceding`,
        the tokens right after and before the match, next to a word of the match);
        an empty rewrite means "remove the phrase"."""
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            if part.name not in captured and not part.optional:
                return None
            if ("drop", "clause") in part.filters and (original[-1:].isalnum() and following[:1].isalnum()
                                                       or following.startswith(", ")
                                                       or original[:1].isalnum() and preceding[-1:].isalnum()):
                return None
            if ("if", "clause") in part.filters and not following.startswith(", "):
                return None
            if ("drop", "sentence") in part.filters and not (
                    (not preceding or "\n" in preceding or preceding in _SENTENCE_ENDS)
                    and (not following or "\n" in following or following in _SENTENCE_ENDS + _LEADS_IN
                         or original.endswith(_SENTENCE_ENDS + _LEADS_IN))):
                return None
            words = list(captured.get(part.name, []))
            for fname, arg in part.filters:
                changed = _apply(fname, arg, words, captured, morphology)
                if fname == "suffix" and changed == words:
                    return None  # (no suffix gives a plain word: the phrase would stay as it was)
                words = changed
            gaps = (spacing or {}).get(part.name)
            if gaps is not None and len(gaps) == len(words):
                # adjacent tokens written without a space stay that way ("two-step")
                out.append("".join(w + (g if i + 1 < len(words) else "") for i, (w, g) in enumerate(zip(words, gaps))))
            else:
                out.append(" ".join(w for w in words if w))
        text = " ".join("".join(out).split())
        text = re.sub(r"\s+([,.;:!?])", r"\1", text)
        if text and (following[:1] in _NAME_OPENERS or following[:1].isdigit()) and not _same_stem(text, original):
            # a quoted name or a number after the match names its last word («кнопку «Сохранить»», «пункт 5.2»): a
            # rewrite that moves that word away would leave the name behind («Кнопка не замечена «Сохранить»»); a removal
            # takes the word with it
            return None
        # a match that opened a sentence opens it still; not one that starts with a
        # capital mid-sentence (the polite «Вы», a name) after a word or a comma
        if original[:1].isupper() and text[:1].islower() and not (
                "\n" not in preceding and (preceding[-1:].isalnum() or preceding in _INSIDE_SENTENCE)):
            text = text[:1].upper() + text[1:]
        return text


def _same_stem(text: str, original: str) -> bool:
    """Do the rewrite and the original end with the same word, inflected or shortened at most
    («кнопочку» → «кнопку»: the first three letters kept)?"""
    last, was = (text.split() or [""])[-1].lower(), (original.split() or [""])[-1].lower()
    return last[:3] == was[:3] if len(was) >= 3 else last == was


def keep_line_breaks(source: str, text: str) -> str:
    """A rewrite with the line breaks of the source text it replaces: the linter
    reads a paragraph's lines joined, so a rewrite comes back on one line. A break
    after a word the rewrite keeps, before the word that followed it there too,
    stays where it was ("You typed the account\nnumber wrong" → "The account\nnumber
    was typed wrong"; a removed clause leaves the breaks of the rest in place)."""
    if "\n" not in source or not text:
        return text

    def words(s: str) -> list[tuple[str, int, int]]:
        return [(m.group().lower().strip(".,;:!?«»\"'()"), m.start(), m.end()) for m in re.finditer(r"\S+", s)]
    old, new = words(source), words(text)
    gaps = [source[a[2]:b[1]] for a, b in zip(old, old[1:])]
    where: dict[int, int] = {}  # word of the source -> the same word in the rewrite
    matcher = difflib.SequenceMatcher(a=[w for w, _, _ in old], b=[w for w, _, _ in new], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            where[a + k] = b + k
    out, pos = [], 0
    for i, gap in enumerate(gaps):
        j = where.get(i)
        if "\n" in gap and j is not None and where.get(i + 1) == j + 1 and text[new[j][2]:new[j + 1][1]] == " ":
            out += [text[pos:new[j][2]], gap]
            pos = new[j + 1][1]
    return "".join(out) + text[pos:]


def template_argument_errors(source: str, lang: str) -> list[str]:
    """Problems with the arguments of a template's filters in `lang`
    (`inflect:NOPE`, `case:nom`, `number:was`), found without knowing the
    rule's captures: the check packs run when they are loaded."""
    errors = []
    for m in _PLACEHOLDER.finditer(source):
        for piece in m.group(1).split("|")[1:]:
            fname, _, arg = piece.strip().partition(":")
            error = filter_argument_error(fname, arg, lang) if FILTERS.get(fname) and arg else None
            if error:
                errors.append(f"template {source!r}: {error}")
    return errors


def filter_argument_error(fname: str, arg: str, lang: str) -> str | None:
    """What is wrong with a filter's argument in a language, or None."""
    from .morphology import ENGLISH_INFLECTION_TAGS, russian_cases, russian_grammemes

    if fname == "number":
        if arg.count("/") != 1:
            return f"number needs SINGULAR/PLURAL, got {arg!r}"
        return None
    if fname in ("map", "suffix"):
        if arg.startswith("@"):
            return f"{fname}:{arg}: the pack has no word map {arg[1:]!r} (a lexicon written as word: plain form)"
        if not all(item.count("=") == 1 for item in arg.split(";")):
            return f"{fname}:{arg}: the argument names a word map of the pack: {fname}:@NAME"
        return None
    if fname == "case":
        cases = russian_cases()
        if cases is not None and arg not in cases:
            return f"case:{arg}: {arg!r} is not a pymorphy3 case (known: {', '.join(sorted(cases))})"
        return None
    if fname != "inflect":
        return None
    items = [g.strip() for g in arg.split(",")]
    if not all(items):
        return f"inflect:{arg} has an empty item (grammemes are separated by single commas)"
    if lang == "en":
        unknown = [g for g in items if g not in ENGLISH_INFLECTION_TAGS]
        if unknown:
            return (f"inflect:{arg}: {', '.join(map(repr, unknown))} "
                    f"{'is not a Penn tag' if len(unknown) == 1 else 'are not Penn tags'} lemminflect inflects to "
                    f"(known: {', '.join(ENGLISH_INFLECTION_TAGS)})")
        return None
    grammemes = russian_grammemes()
    if grammemes is None:
        return None
    unknown = [g for g in items if g not in grammemes]
    if not unknown:
        return None
    by_alias = {alias: name for name, (_, alias) in grammemes.items() if alias}
    hints = "".join(f"; {g!r} is the Cyrillic alias of {by_alias[g]!r}" for g in unknown if g in by_alias)
    return (f"inflect:{arg}: {', '.join(map(repr, unknown))} "
            f"{'is not a pymorphy3 grammeme' if len(unknown) == 1 else 'are not pymorphy3 grammemes'}{hints} "
            f"(known: {', '.join(sorted(grammemes, key=lambda g: (g.lower(), g)))})")


def _apply(fname: str, arg: str, words: list[str], captured: dict[str, list[str]], morphology) -> list[str]:
    if fname == "lower":
        return [w.lower() for w in words]
    if fname == "upper":
        return [w.upper() for w in words]
    if fname == "capitalize":
        return [w[:1].upper() + w[1:] if i == 0 else w for i, w in enumerate(words)]
    if fname == "lemma":
        return [morphology.lemma(w) for w in words]
    if fname == "drop":
        return []
    if fname == "if":
        return words  # (a condition on where the phrase stands, checked in render)
    if fname == "inflect":
        grammemes = frozenset(g.strip() for g in arg.split(",") if g.strip())
        return [morphology.inflect(w, grammemes) or w for w in words]
    if fname == "case":
        return morphology.phrase_case(words, arg)
    if fname == "agree":
        phrase = captured.get(arg, [])
        return [morphology.agree(w, phrase) for w in words]
    if fname == "map":
        mapping = _word_map(arg)
        return [morphology.replace_lexeme(w, mapping) for w in words]
    if fname == "suffix":
        mapping = _word_map(arg)
        return [morphology.replace_suffix(w, mapping) for w in words]
    if fname == "number":
        singular, plural = arg.split("/")
        return [plural if morphology.number(words) == "plur" else singular]
    raise ValueError(fname)  # parse() rejects unknown filters


@functools.lru_cache(maxsize=64)
def _word_map(arg: str) -> dict[str, str]:
    """A `map:` argument as the pack spells its word map out ("word=plain;word=plain"),
    parsed once per template, not per rendered suggestion (read-only)."""
    return dict(item.split("=", 1) for item in arg.split(";"))
