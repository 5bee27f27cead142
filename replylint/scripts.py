"""Which language a text (or each of its lines) is written in, by the letters
of each language's script (`script:` in rules/language/<lang>.yaml, a `[...]`
class) and `language_detection.min_letters` in common.yaml.

Runs on every message, so it avoids counting every letter: an ASCII-only
script is counted on the text's ASCII bytes (a C pass), and "at least
min_letters letters of a script" is a search that stops at the last one it
needs. Counting runs of the main script with a regex took a quarter of a
Russian message's tokenization time."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable


class ScriptDetector:
    def __init__(self, scripts: dict[str, str], min_letters: int, ignore_words_with: Iterable[str] = ()):
        self.min_letters = min_letters
        # a word holding one of these (a link, an address, a handle) is blanked before counting
        self.ignore_words_with = tuple(ignore_words_with)
        self.runs = {code: re.compile(f"(?:{script})+") for code, script in scripts.items()}
        # languages whose script has ASCII letters: an ASCII-only text can only be one of them
        self.ascii_langs = [code for code, pattern in self.runs.items() if pattern.search(string.ascii_letters)]
        ascii_counters = {code: _ascii_counter(script) for code, script in scripts.items()}
        self.counters: dict[str, Callable[[str], int]] = {
            code: ascii_counters[code] or self._run_counter(code) for code in scripts}
        # an ASCII count is cheaper than a search through a text of wider characters
        self.enough: dict[str, Callable[[str], bool]] = {
            code: self._enough_by_count(code) if ascii_counters[code] else
            (_at_least(script, min_letters) or self._enough_by_count(code)) for code, script in scripts.items()}

    def _run_counter(self, code: str) -> Callable[[str], int]:
        findall = self.runs[code].findall
        return lambda text: sum(map(len, findall(text)))

    def _enough_by_count(self, code: str) -> Callable[[str], bool]:
        count = self.counters[code]
        return lambda text: count(text) >= self.min_letters

    def counts(self, text: str) -> dict[str, int]:
        return {code: count(text) for code, count in self.counters.items()}

    def detect(self, text: str) -> str | None:
        """The language whose script has most letters in `text`, if it has at least `min_letters`."""
        present = [code for code, enough in self.enough.items() if enough(text)]
        if len(present) < 2:
            return present[0] if present else None
        counts = self.counts(text)
        return max(present, key=counts.get)

    def whole(self, text: str) -> str:
        """The language with most letters in the whole text (English if none)."""
        counts = self.counts(text)
        return max(counts, key=counts.get) if any(counts.values()) else "en"

    def one_language(self, text: str) -> str | None:
        """The text's language when no other script has `min_letters` letters in it
        (nearly every message), else None (read it line by line)."""
        if len(self.ascii_langs) == 1 and text.isascii():
            return self.ascii_langs[0]
        present = [code for code, enough in self.enough.items() if enough(text)]
        if len(present) > 1:
            return None
        if not present:  # a short text: the most letters decide
            return self.whole(text)
        others = [count for code, count in self.counters.items() if code != present[0]]
        # one other language has fewer than min_letters by the test above; several
        # together might have enough for a paragraph of their own (counted only then)
        return present[0] if len(others) < 2 or sum(count(text) for count in others) < self.min_letters else None

    def segments(self, text: str) -> list[tuple[int, int, str]]:
        """Runs of one language: line by line where more than one script has enough letters."""
        if not text.strip():
            return []
        if len(self.ascii_langs) == 1 and text.isascii():
            return [(0, len(text), self.ascii_langs[0])]  # (before blanking links: nothing to decide)
        text = self._without_ignored(text)
        lang = self.one_language(text)
        if lang is not None:
            return [(0, len(text), lang)]
        # line by line: an English sentence under a Russian greeting is English
        whole = None
        segments: list[list] = []
        for start, end in _nonblank_lines(text):
            lang = self.detect(text[start:end])
            if lang is None:
                whole = whole or self.whole(text)
                lang = whole
            if segments and segments[-1][2] == lang:
                segments[-1][1] = end
            else:
                segments.append([start, end, lang])
        return [tuple(s) for s in segments]


    def _without_ignored(self, text: str) -> str:
        """The text with its links, addresses and handles blanked out, every
        offset kept. Found from each marker with str.find: a pattern for them
        was tried at every character of every message."""
        spans = []
        for marker in self.ignore_words_with:
            at = text.find(marker)
            while at >= 0:
                start, end = at, at + len(marker)
                while start > 0 and not text[start - 1].isspace():
                    start -= 1
                while end < len(text) and not text[end].isspace():
                    end += 1
                spans.append((start, end))
                at = text.find(marker, end)
        if not spans:
            return text
        parts, pos = [], 0
        for start, end in sorted(spans):
            if end <= pos:
                continue
            start = max(start, pos)
            parts += [text[pos:start], " " * (end - start)]
            pos = end
        parts.append(text[pos:])
        return "".join(parts)


def _ascii_counter(script: str) -> Callable[[str], int] | None:
    """Count the letters of a script of ASCII letters in the ASCII bytes of a text
    (None for any other script). A class written in ASCII without escapes matches
    only ASCII characters."""
    if not script.isascii() or "\\" in script:
        return None
    pattern = re.compile(script)
    if any(pattern.fullmatch(chr(c)) for c in range(128, 0x2000)):
        return None  # (belt and braces: the class matched something beyond ASCII)
    others = bytes(c for c in range(256) if c >= 128 or not pattern.fullmatch(chr(c)))
    return lambda text: len(text.encode("ascii", "ignore").translate(None, others))


def _at_least(script: str, n: int) -> Callable[[str], bool] | None:
    """A test for "at least n letters of `script`" (a `[...]` class) that stops at
    the n-th letter; None for a script written otherwise."""
    one_class = re.fullmatch(r"\[(?!\^)((?:\\.|[^\]\\])+)\]", script)
    if one_class is None:
        return None
    search = re.compile(f"(?:{script}[^{one_class.group(1)}]*){{{n}}}").search
    return lambda text: search(text) is not None


def _nonblank_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines (split at "\n") that hold more than whitespace."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if not line.isspace() and line:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans
