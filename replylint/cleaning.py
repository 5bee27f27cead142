"""Message cleaning: drop quoted history and HTML markup while keeping a map
from every character of the cleaned text back to the original input, so that
findings point at line:column of what the user gave us."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class CleanText:
    """Cleaned text plus the offset map back to its source.

    The map is a list of pieces: piece i covers clean[clean_starts[i]:clean_ends[i]]
    and came from source[src_starts[i]:src_ends[i]]. Pieces of equal length map
    char by char; others (HTML entities) map their ends only.
    """

    text: str
    source: str
    clean_starts: list[int] = field(default_factory=list)
    src_starts: list[int] = field(default_factory=list)
    src_ends: list[int] = field(default_factory=list)
    parent: CleanText | None = None

    def to_source(self, pos: int, *, is_end: bool = False) -> int:
        """Map an offset in `text` to the offset in the original input."""
        local = self._to_local(pos, is_end)
        return self.parent.to_source(local, is_end=is_end) if self.parent else local

    def _to_local(self, pos: int, is_end: bool) -> int:
        if not self.clean_starts:
            return 0
        # an end offset belongs to the piece it closes, a start to the one it opens
        i = bisect.bisect_left(self.clean_starts, pos) - 1 if is_end else bisect.bisect_right(self.clean_starts, pos) - 1
        i = max(i, 0)
        clean_start = self.clean_starts[i]
        src_start, src_end = self.src_starts[i], self.src_ends[i]
        clean_end = self.clean_starts[i + 1] if i + 1 < len(self.clean_starts) else len(self.text)
        offset = pos - clean_start
        if clean_end - clean_start == src_end - src_start:
            return min(src_start + offset, src_end)
        return src_end if (is_end and offset > 0) or offset >= clean_end - clean_start else src_start


class _Builder:
    def __init__(self, source: str, parent: CleanText | None = None):
        self.source = source
        self.parent = parent
        self.parts: list[str] = []
        self.length = 0
        self.clean_starts: list[int] = []
        self.src_starts: list[int] = []
        self.src_ends: list[int] = []

    def add(self, src_start: int, src_end: int, text: str | None = None) -> None:
        if text is None:
            text = self.source[src_start:src_end]
        if not text:
            return
        self.clean_starts.append(self.length)
        self.src_starts.append(src_start)
        self.src_ends.append(src_end)
        self.parts.append(text)
        self.length += len(text)

    def build(self) -> CleanText:
        return CleanText(
            "".join(self.parts), self.source, self.clean_starts, self.src_starts, self.src_ends, self.parent
        )


def identity(text: str) -> CleanText:
    return CleanText(text, text, [0], [0], [len(text)])


@dataclass(frozen=True)
class Cleaner:
    """Compiled cleaning settings (from rules/language/common.yaml)."""

    quote_line: re.Pattern
    attribution_words: tuple[str, ...]
    attribution: re.Pattern
    history_start: re.Pattern  # the first line of earlier history: any of the patterns
    html_detect: re.Pattern
    html_skip_tags: frozenset[str]
    html_quote_classes: frozenset[str]
    html_block_tags: frozenset[str]

    @classmethod
    def from_config(cls, config: dict) -> Cleaner:
        quoting, html = config["quoting"], config["html"]
        flags = re.IGNORECASE | re.MULTILINE
        return cls(
            quote_line=re.compile(quoting["quote_line"], flags),
            attribution_words=tuple(w.lower() for w in quoting["attribution_words"]),
            attribution=re.compile(
                quoting["attribution"].replace("{words}", "|".join(map(re.escape, quoting["attribution_words"]))), flags
            ),
            history_start=re.compile("|".join(f"(?:{p})" for p in quoting["history_start"]), flags),
            html_detect=re.compile(html["detect"], re.IGNORECASE),
            html_skip_tags=frozenset(html["skip_tags"]),
            html_quote_classes=frozenset(c.lower() for c in html["quote_classes"]),
            html_block_tags=frozenset(html["block_tags"]),
        )

    def clean(self, text: str) -> CleanText:
        is_html = "<" in text and bool(self.html_detect.search(text))
        base = self._strip_html(text) if is_html else identity(text)
        # in HTML, line breaks come from tags and are meant; in plain text a
        # break inside a sentence is usually the sender's client hard-wrapping
        return _normalize_spaces(self._strip_quotes(base), join_wrapped=not is_html)

    # -- quoted history -------------------------------------------------
    def _strip_quotes(self, base: CleanText) -> CleanText:
        text = base.text
        lowered = text.lower()
        may_attribute = any(word in lowered for word in self.attribution_words)
        if not (
            self.quote_line.search(text)
            or self.history_start.search(text)
            or (may_attribute and self.attribution.search(text.replace("\r", "")))
        ):
            return base  # nothing quoted (most replies)
        match = self.history_start.search(text)
        history_at = text.rfind("\n", 0, match.start()) + 1 if match else len(text)
        builder = _Builder(text, base)
        pos = 0
        # lines end at "\n" only, like the line numbers findings report
        # (str.splitlines would also split at \x0c, \x85, \u2028 ...)
        for line in _LINE.findall(text[:history_at]):
            end = pos + len(line)
            body = line.rstrip("\r\n")
            quoted = self.quote_line.match(body) or (may_attribute and self.attribution.search(body))
            if not quoted:
                builder.add(pos, end)
            pos = end
        if not builder.clean_starts:
            builder.add(0, 0, "")
        cleaned = builder.build()
        if not cleaned.clean_starts:
            cleaned.clean_starts, cleaned.src_starts, cleaned.src_ends = [0], [0], [0]
        return cleaned

    # -- HTML -----------------------------------------------------------
    def _strip_html(self, text: str) -> CleanText:
        parser = _TextExtractor(self, text)
        try:
            parser.feed(text)
            parser.close()
        except Exception:  # noqa: BLE001 - malformed markup: lint it as plain text
            return identity(text)
        cleaned = parser.builder.build()
        if not cleaned.clean_starts:
            cleaned.clean_starts, cleaned.src_starts, cleaned.src_ends = [0], [0], [0]
        return cleaned


# the same references html.parser reports (entityref / charref), so the
# source span of a replacement ends where the parser resumes
_ENTITY = re.compile(r"&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][-.a-zA-Z0-9]*);?")
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre", "hr"})
_TRAILING_BREAKS = re.compile(r"(?:[ \t\r]*\n)+[ \t\r]*$")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
# horizontal whitespace other than a single plain space: no-break and other
# Unicode spaces, tabs, runs of spaces. The tokenizer turns these into tokens
# of their own, which would break multi-word patterns ("Вы&nbsp;указали").
# A hard-wrapped line break (email clients wrap at ~72 columns) inside a
# sentence: the line does not end a sentence and the next one goes on in
# lowercase. It becomes a space, so phrases match across the wrap.
_ODD_SPACE_CHARS = "\t\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_ODD_SPACE = re.compile(f"[ {_ODD_SPACE_CHARS}]{{2,}}|[{_ODD_SPACE_CHARS}]")
_LINE_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*")
_SENTENCE_END = ".!?:;…"


def _may_need_spacing(text: str, join_wrapped: bool) -> bool:
    """Cheap substring tests before the (slower) regex scan: most replies have
    no odd space, no double space and, for tweets and chats, no line break."""
    return "  " in text or (join_wrapped and "\n" in text) or any(c in text for c in _ODD_SPACE_CHARS)


def _normalize_spaces(base: CleanText, join_wrapped: bool) -> CleanText:
    """Turn every run of horizontal whitespace, and every hard wrap inside a
    sentence, into one plain space, keeping the map."""
    text = base.text
    if not _may_need_spacing(text, join_wrapped):
        return base
    spans = [m.span() for m in _ODD_SPACE.finditer(text)]
    if join_wrapped:
        spans += [m.span() for m in _LINE_BREAK.finditer(text) if _is_wrap(text, *m.span())]
    if not spans:
        return base
    merged: list[list[int]] = []
    for start, end in sorted(spans):  # a space run inside a wrap is one space
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    builder = _Builder(text, base)
    pos = 0
    for start, end in merged:
        builder.add(pos, start)
        builder.add(start, end, " ")
        pos = end
    builder.add(pos, len(text))
    return builder.build()


def _is_wrap(text: str, start: int, end: int) -> bool:
    """A line break inside a sentence: the line does not end one and the next
    goes on with a lowercase letter (any script)."""
    return (
        0 < start and end < len(text)
        and not text[start - 1].isspace() and text[start - 1] not in _SENTENCE_END
        and text[end].islower()
    )


class _TextExtractor(HTMLParser):
    def __init__(self, cleaner: Cleaner, source: str):
        super().__init__(convert_charrefs=False)
        self.cleaner = cleaner
        self.source = source
        self.builder = _Builder(source)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.skip_stack: list[str] = []  # open tags whose content is not linted

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _break(self, tag: str) -> None:
        """A line break for a block tag, a blank line (paragraph) for paragraph
        tags, like plain text: paragraphs matter for language detection. `<br>`
        always breaks the line, so Gmail's `<div><br></div>` is a blank line."""
        if not self.builder.parts:
            return
        at = self._offset()
        if tag == "br":
            self.builder.add(at, at, "\n")
            return
        wanted = 2 if tag in _PARAGRAPH_TAGS else 1
        tail = _TRAILING_BREAKS.search("".join(self.builder.parts[-4:]))
        have = tail.group().count("\n") if tail else 0
        if have < wanted:
            self.builder.add(at, at, "\n" * (wanted - have))

    def handle_starttag(self, tag, attrs):
        classes = " ".join((v or "") for k, v in attrs if k in ("class", "id")).lower().split()
        if self.skip_stack or tag in self.cleaner.html_skip_tags or self.cleaner.html_quote_classes.intersection(classes):
            if tag not in ("br", "hr", "img", "meta", "link", "input"):
                self.skip_stack.append(tag)
            return
        if tag in self.cleaner.html_block_tags:
            self._break(tag)

    def handle_endtag(self, tag):
        if self.skip_stack:
            if tag in self.skip_stack:
                while self.skip_stack and self.skip_stack.pop() != tag:
                    pass
            return
        if tag in self.cleaner.html_block_tags and tag != "br":  # </br>: nothing more
            self._break(tag)

    def handle_data(self, data):
        if self.skip_stack or not data:
            return
        start = self._offset()
        if self.source.startswith(data, start):
            self.builder.add(start, start + len(data))
        else:  # CDATA and the like: map the whole chunk to its start
            self.builder.add(start, start, data)

    def _entity(self, replacement: str) -> None:
        if self.skip_stack:
            return
        start = self._offset()
        match = _ENTITY.match(self.source, start)
        end = match.end() if match else start
        self.builder.add(start, end, replacement)

    def handle_entityref(self, name):
        from html import unescape

        self._entity(unescape(f"&{name};"))

    def handle_charref(self, name):
        from html import unescape

        self._entity(unescape(f"&#{name};"))
