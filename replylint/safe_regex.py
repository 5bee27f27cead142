"""Regular expressions from rule packs, matched in linear time by construction.

A pack is user input: a pattern such as `(a|a)*b` or `(.*a){12}x` makes a
backtracking engine (Python's `re`) take exponential time on a short text.
RE2 (the `google-re2` bindings) never backtracks, so its time is linear in
the text for every pattern it accepts; what it cannot do in linear time
(backreferences, lookaround) it refuses, and that becomes a pack error.

RE2's `\\w` and `\\b` are ASCII-only, which would silently never match a
Russian word. `\\w`/`\\W` are rewritten to Unicode letter/digit classes (as
Python reads them); `\\b`/`\\B` are refused unless the language's words are
ASCII (its `regex_word_boundary` setting).
"""

from __future__ import annotations

import hashlib

import re2

from .cache import remember

# Python's `\w` in a str pattern: letters, marks, digits, underscore
_WORD_CLASS_BODY = r"\p{L}\p{M}\p{N}_"
REGEX_ANSWERS_KEPT = 20_000  # distinct token values whose REGEX answer a token attribute keeps
REGEX_ANSWER_MAX_CHARS = 64
_TOKEN_ATTRS = {
    # what a token pattern's REGEX reads, as the Matcher reads it
    "ORTH": "text", "TEXT": "text", "LOWER": "lower_", "NORM": "norm_", "SHAPE": "shape_",
    "PREFIX": "prefix_", "SUFFIX": "suffix_", "LEMMA": "lemma_", "POS": "pos_",
}


class UnsafeRegex(ValueError):
    """A pattern RE2 cannot run (or that would mislead); the message says why."""


def _translate(pattern: str, word_boundary: bool) -> str:
    """Rewrite Python-isms RE2 reads differently; refuse `\\b`/`\\B` unless allowed."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escape = pattern[i + 1]
            if escape == "w":
                out.append(_WORD_CLASS_BODY if in_class else f"[{_WORD_CLASS_BODY}]")
            elif escape == "W":
                if in_class:
                    raise UnsafeRegex(r"`\W` inside a character class is not supported; use [^\p{L}\p{N}_] instead")
                out.append(f"[^{_WORD_CLASS_BODY}]")
            elif escape in "bB" and not in_class and not word_boundary:
                raise UnsafeRegex(
                    rf"`\{escape}` is not supported in this language: RE2 word boundaries are ASCII-only and "
                    r"never match next to a Cyrillic letter. Matches are widened to whole tokens anyway; to "
                    r"require a word edge use (?:^|[^\p{L}]) or a `phrases`/`tokens` rule"
                )
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            # a `]` or `^]` right after the opening bracket is a literal
            if pattern.startswith("^", i + 1):
                out.append("^")
                i += 1
            if pattern.startswith("]", i + 1):
                out.append("]")
                i += 1
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        else:
            out.append(char)
        i += 1
    return "".join(out)


def compile_regex(pattern: str, *, ignore_case: bool = False, word_boundary: bool = False):
    """Compile a pack pattern with RE2, or raise UnsafeRegex with RE2's reason.
    `word_boundary`: whether `\\b` may be used (the language's words are ASCII)."""
    options = re2.Options()
    options.log_errors = False  # RE2 would print every refused pattern to stderr
    options.case_sensitive = not ignore_case
    try:
        return re2.compile(_translate(pattern, word_boundary), options)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise UnsafeRegex(
            f"{reason} (regexes run on RE2, which has no backreferences or lookaround, so matching "
            "always takes linear time)"
        ) from None


def group_spans(match, regex) -> dict[str, tuple[int, int]]:
    """Character spans of the named groups that took part in the match."""
    spans = {}
    for name, number in regex.groupindex.items():
        start = match.start(number)
        if start >= 0 and match.end(number) > start:
            spans[name] = (start, match.end(number))
    return spans


def token_pattern_for_matcher(pattern: list[dict], word_boundary: bool = False) -> list[dict]:
    """A token pattern with each `{ATTR: {REGEX: p}}` turned into a custom token
    attribute that runs `p` with RE2, since spaCy's Matcher runs REGEX with
    Python's backtracking `re`. The attribute is named after the attribute
    and pattern, so registering it again is harmless."""
    from spacy.tokens import Token

    out = []
    for token in pattern:
        regexes = {attr: spec["REGEX"] for attr, spec in token.items()
                   if isinstance(spec, dict) and set(spec) == {"REGEX"}}
        if not regexes:
            out.append(token)
            continue
        token = {attr: spec for attr, spec in token.items() if attr not in regexes}
        extensions = dict(token.get("_", {}))
        for attr, regex in regexes.items():
            digest = hashlib.sha256(f"{attr}\0{regex}".encode()).hexdigest()[:16]
            name = f"replylint_re2_{digest}"
            if not Token.has_extension(name):
                regex_ = compile_regex(regex, word_boundary=word_boundary)
                Token.set_extension(name, getter=_token_getter(_TOKEN_ATTRS[attr], regex_))
            extensions[name] = True
        token["_"] = extensions
        out.append(token)
    return out


def regex_token_attrs() -> frozenset[str]:
    """Token attributes a REGEX operand may read."""
    return frozenset(_TOKEN_ATTRS)


def _token_getter(attribute: str, regex):
    """Does the regex find something in the token's attribute? Answered once per distinct value: the
    Matcher asks at every token it walks, and a reply repeats its words."""
    search = regex.search
    answers: dict[str, bool] = {}

    def matches(token) -> bool:
        value = getattr(token, attribute)
        found = answers.get(value)
        if found is None:
            found = search(value) is not None
            if len(value) <= REGEX_ANSWER_MAX_CHARS:  # (a long run of noise is not kept)
                remember(answers, value, found, REGEX_ANSWERS_KEPT)
        return found

    return matches
