"""Message cleaning: drop quoted history and HTML markup while keeping a map
from every character of the cleaned text back to the original input, so that
findings point at line:column of what the user gave us."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
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


def _built(builder: _Builder) -> CleanText:
    """The builder's text; an empty text still maps offset 0."""
    cleaned = builder.build()
    if not cleaned.clean_starts:
        cleaned.clean_starts, cleaned.src_starts, cleaned.src_ends = [0], [0], [0]
    return cleaned


def _normalization(normalize: dict, limits: dict) -> dict:
    """Cleaner fields from the `normalize` and `limits` settings."""
    replacements = {variant: canonical for canonical, variants in normalize["replace"].items() for variant in variants}
    look_alikes = "".join(map(re.escape, replacements))
    drop, control, marks = normalize["drop"], normalize["space"], normalize["combining"]
    keep = int(limits["symbol_run"])
    return dict(
        unusual_char=re.compile(f"[{drop}{control}{marks}{look_alikes}]"),
        # a letter with its combining marks first, so that they compose into it
        normalize_edit=re.compile(
            f"(?P<marks>[^{marks}]?[{marks}]+)|(?P<drop>[{drop}])|(?P<control>[{control}])|(?P<alike>[{look_alikes}])",
            re.DOTALL,
        ),
        replacements=replacements,
        combining=re.compile(f"[{marks}]"),
        # (a try inside a shorter run reads at most `keep` characters: linear)
        symbol_run=re.compile(rf"[^\w\s]{{{keep + 1},}}"),
        ascii_symbol_run=re.compile(rf"[!-/:-@\[-^`{{-~]{{{keep + 1},}}"),
        symbol_run_keep=keep,
        # tried only where a run starts: from every character of a run just
        # under the limit each try would rescan the rest of it
        long_word=re.compile(rf"(?<!\S)\S{{{int(limits['word_chars']) + 1},}}"),
        long_word_chars=int(limits["word_chars"]),
        wrapped_line_chars=int(limits.get("wrapped_line_chars", 0)),
        chat_line_openers=frozenset(str(w).lower() for w in limits.get("chat_line_openers", ())),
    )


# a carriage return not before a line feed (old Mac line ends, some web forms)
_LONE_CR = re.compile(r"\r(?!\n)")


def _lone_carriage_returns(base: CleanText) -> CleanText:
    """Lone "\r" line ends read as "\n": every later step splits lines at "\n" (and drops the "\r" of
    "\r\n"); left alone, a message of "\r" lines read as one paragraph of joined lines, sentences
    thousands of words long. (Findings still report lines counted at "\n" in the original.)"""
    text = base.text
    if "\r" not in text or not _LONE_CR.search(text):
        return base
    return _each_replaced(text, _LONE_CR, "\n", base)


def _strip_tags(text: str) -> CleanText:
    """Markup html.parser cannot read: each tag (or unclosed "<tag..." at the
    end) becomes a space, so no finding starts or ends inside one."""
    return _each_replaced(text, _TAG, " ")


def _each_replaced(text: str, pattern: re.Pattern, replacement: str, parent: CleanText | None = None) -> CleanText:
    """`text` with every match of `pattern` replaced, offsets mapped back (through `parent`, if given)."""
    builder = _Builder(text, parent)
    pos = 0
    for found in pattern.finditer(text):
        builder.add(pos, found.start())
        builder.add(found.start(), found.end(), replacement)
        pos = found.end()
    builder.add(pos, len(text))
    return _built(builder)


def identity(text: str) -> CleanText:
    return CleanText(text, text, [0], [0], [len(text)])


@dataclass(frozen=True)
class HistoryMarkers:
    """Where earlier messages start in a plain-text mail (see `quoting` in
    rules/language/common.yaml for the shapes and why each is safe)."""

    separator: re.Pattern
    header_sender: re.Pattern
    header_field: re.Pattern
    header_lookahead: int
    header_name: re.Pattern  # the sender's name on the From: line of a message's own header
    divider: re.Pattern
    ends: re.Pattern
    verb: re.Pattern
    address: re.Pattern
    time: re.Pattern
    date: re.Pattern
    wrap_chars: int

    @classmethod
    def from_config(cls, quoting: dict, flags: int) -> HistoryMarkers:
        attribution = quoting["attribution"]
        return cls(
            separator=re.compile("|".join(f"(?:{p})" for p in quoting["separators"]), flags),
            header_sender=re.compile(quoting["header_sender"], flags),
            header_field=re.compile(quoting["header_field"], flags),
            header_lookahead=int(quoting["header_lookahead"]),
            header_name=re.compile(quoting["header_name"], flags),
            divider=re.compile(quoting["divider"], flags),
            wrap_chars=int(attribution["wrap_chars"]),
            **{key: re.compile(attribution[key], flags) for key in ("ends", "verb", "address", "time", "date")},
        )

    def may_occur(self, text: str) -> bool:
        """Cheap test: could the text hold a separator, header block or attribution?"""
        if _COLON_AT_LINE_END.search(text):
            return True
        lines = text.replace("\r", "") if "\r" in text else text  # the patterns' `$` ends a line at "\n"
        return bool(self.separator.search(lines) or self.header_sender.search(lines))

    def find(self, bodies: list[str], quoted: list[bool]) -> tuple[set[int], int]:
        """(attribution lines to drop, index of the first line of history that
        runs to the end, or len(bodies))."""
        dropped: set[int] = set()
        n = len(bodies)
        for i, body in enumerate(bodies):
            if quoted[i] or i in dropped:
                continue
            if self.separator.match(body) or self._header_block(bodies, i):
                return dropped, self._with_divider(bodies, i)
            lines = self._attribution_lines(bodies, quoted, i)
            if not lines:
                continue
            joined = " ".join(bodies[j].strip() for j in lines)
            follower = next((j for j in range(lines[-1] + 1, n) if bodies[j].strip()), None)
            if follower is not None and quoted[follower]:
                dropped.update(lines)  # "X wrote:" over a quote: only the line goes
            elif self._is_strong(joined):
                return dropped, i
        return dropped, n

    def own_header(self, bodies: list[str], quoted: list[bool]) -> tuple[int, int, re.Match | None] | None:
        """A header block that opens the message (a From: line with an address,
        Subject: … pasted from a mail client) heads this message; it does not
        start history. Its first line, the line after it, and the sender's
        name on its From: line."""
        first = next((i for i, body in enumerate(bodies) if body.strip()), None)
        if first is None or quoted[first] or not self.header_sender.match(bodies[first]):
            return None
        end = first + 1
        while end < len(bodies) and (self.header_field.match(bodies[end]) or self.header_sender.match(bodies[end])):
            end += 1
        return first, end, self.header_name.match(bodies[first])

    def _header_block(self, bodies: list[str], i: int) -> bool:
        return bool(self.header_sender.match(bodies[i])) and any(
            self.header_field.match(body) for body in bodies[i + 1 : i + 1 + self.header_lookahead])

    def _with_divider(self, bodies: list[str], i: int) -> int:
        return i - 1 if i > 0 and self.divider.match(bodies[i - 1]) else i

    def _attribution_lines(self, bodies: list[str], quoted: list[bool], i: int) -> list[int]:
        """The line(s) of a possible attribution starting at line i: the line
        ending with a colon, or a line with its date or time and a short
        continuation the client wrapped onto the next line."""
        if self.ends.search(bodies[i]):
            return [i] if self._names_a_message(bodies[i]) else []
        nxt = i + 1
        if (nxt < len(bodies) and not quoted[nxt] and self.ends.search(bodies[nxt])
                and len(bodies[nxt].strip()) <= self.wrap_chars
                and (self.time.search(bodies[i]) or self.date.search(bodies[i]))):
            joined = f"{bodies[i]} {bodies[nxt]}"
            return [i, nxt] if self._names_a_message(joined) else []
        return []

    def _names_a_message(self, line: str) -> bool:
        return bool(self.verb.search(line) or self.address.search(line))

    def _is_strong(self, line: str) -> bool:
        has_time, has_date = bool(self.time.search(line)), bool(self.date.search(line))
        if self.address.search(line):
            return has_time or has_date
        return bool(self.verb.search(line)) and has_time and has_date


@dataclass(frozen=True)
class Cleaner:
    """Compiled cleaning settings (from rules/language/common.yaml)."""

    quote_line: re.Pattern
    history: HistoryMarkers
    html_detect: re.Pattern
    html_skip_tags: frozenset[str]
    html_quote_classes: frozenset[str]
    html_history_start: frozenset[str]  # ids/classes after which everything is history
    html_indent_style: re.Pattern
    html_block_tags: frozenset[str]
    unusual_char: re.Pattern  # any character normalisation may change
    normalize_edit: re.Pattern  # one such character, or a letter with its combining marks
    replacements: dict[str, str]  # look-alike -> the one form
    combining: re.Pattern
    symbol_run: re.Pattern  # punctuation/symbols beyond the kept length
    ascii_symbol_run: re.Pattern  # the same for ASCII text
    symbol_run_keep: int
    long_word: re.Pattern
    long_word_chars: int
    wrapped_line_chars: int  # a shorter line before one of the openers was ended by its writer
    chat_line_openers: frozenset[str]  # words that open a chat line of its own ("also", "how", "is")

    @classmethod
    def from_config(cls, config: dict) -> Cleaner:
        quoting, html = config["quoting"], config["html"]
        flags = re.IGNORECASE | re.MULTILINE
        return cls(
            quote_line=re.compile(quoting["quote_line"], flags),
            history=HistoryMarkers.from_config(quoting, flags),
            html_detect=re.compile(html["detect"], re.IGNORECASE),
            html_skip_tags=frozenset(html["skip_tags"]),
            html_quote_classes=frozenset(c.lower() for c in html["quote_classes"]),
            html_history_start=frozenset(c.lower() for c in html["history_start"]),
            html_indent_style=re.compile(html["indent_style"], re.IGNORECASE),
            html_block_tags=frozenset(html["block_tags"]) | {"blockquote"},
            **_normalization(config["normalize"], config["limits"]),
        )

    def clean(self, text: str) -> CleanText:
        is_html = "<" in text and bool(self.html_detect.search(text))
        base = self._strip_html(text) if is_html else identity(text)
        unquoted = self._strip_quotes(self._normalize_characters(_lone_carriage_returns(base)))
        # in HTML, line breaks come from tags and are meant; in plain text a
        # break inside a sentence is usually the sender's client hard-wrapping
        return self._normalize_layout(unquoted, join_wrapped=not is_html)

    # -- characters -----------------------------------------------------
    def _normalize_characters(self, base: CleanText) -> CleanText:
        """Remove format characters, turn control characters into spaces, write
        look-alike apostrophes and quotes one way, and compose combining marks
        with their letter (NFC), removing those that compose into nothing
        (stress marks)."""
        text = base.text
        if not self.unusual_char.search(text):
            return base  # nearly every reply
        builder = _Builder(text, base)
        pos = 0
        for m in self._edits(text):
            piece = m.group()
            kind = m.lastgroup
            if kind == "marks":
                replacement = self.combining.sub("", unicodedata.normalize("NFC", piece))
            elif kind == "alike":
                replacement = self.replacements[piece]
            else:
                replacement = "" if kind == "drop" else " "
            if replacement != piece:
                builder.add(pos, m.start())
                builder.add(m.start(), m.end(), replacement)
                pos = m.end()
        builder.add(pos, len(text))
        return _built(builder)

    def _edits(self, text: str) -> Iterator[re.Match]:
        """The matches `normalize_edit.finditer(text)` yields, found from the
        unusual characters (a scan with one class) instead of trying the edit
        pattern at every character, which took as long as tokenizing the text.
        Every match holds an unusual character: it starts there, or one
        character earlier where that is the letter its combining marks follow."""
        pos = 0
        for unusual in self.unusual_char.finditer(text):
            at = unusual.start()
            if at < pos:
                continue  # inside the previous match
            if at > pos and self.combining.match(text, at):
                at -= 1  # (the character before a mark is never a mark: that was found first)
            m = self.normalize_edit.match(text, at)
            if m is not None:
                yield m
                pos = m.end()

    # -- quoted history -------------------------------------------------
    def _strip_quotes(self, base: CleanText) -> CleanText:
        """Drop quoted lines, attribution lines and the earlier history after
        a separator, header block or attribution; never a line of the reply."""
        text = base.text
        if not (self.quote_line.search(text) or self.history.may_occur(text)):
            return base  # nothing quoted (most replies)
        # lines end at "\n" only, like the line numbers findings report
        # (str.splitlines would also split at \x0c, \x85, \u2028 ...)
        lines = _LINE.findall(text)
        bodies = [line.rstrip("\r\n") for line in lines]
        quoted = [bool(self.quote_line.match(body)) for body in bodies]
        builder = _Builder(text, base)
        header = self.history.own_header(bodies, quoted)
        if header is not None:
            first, end, sender = header
            if sender is not None:  # the sender's name stays, as a line of its own
                line_start = sum(len(line) for line in lines[:first])
                builder.add(line_start + sender.start("name"), line_start + sender.end("name"))
                builder.add(line_start + len(bodies[first]), line_start + len(lines[first]))
            quoted = quoted[:first] + [True] * (end - first) + quoted[end:]  # the header lines go
        dropped, history_at = self.history.find(bodies, quoted)
        pos = 0
        for i, line in enumerate(lines[:history_at]):
            if not (quoted[i] or i in dropped):
                builder.add(pos, pos + len(line))
            pos += len(line)
        return _built(builder)

    # -- layout ---------------------------------------------------------
    def _normalize_layout(self, base: CleanText, join_wrapped: bool) -> CleanText:
        """Turn every run of horizontal whitespace, and every hard wrap inside a
        sentence, into one plain space; cut the runs the tokenizer would take
        quadratic time on (a long run without spaces becomes one space, a run
        of symbols keeps its first characters). The map is kept."""
        text = base.text
        edits: list[tuple[int, int, str]] = (
            [(*m.span(), " ") for m in self.long_word.finditer(text)] if len(text) > self.long_word_chars else [])
        symbol_run = self.ascii_symbol_run if text.isascii() else self.symbol_run  # ASCII: a cheaper class
        edits += [(m.start() + self.symbol_run_keep, m.end(), "") for m in symbol_run.finditer(text)]
        if _may_need_spacing(text, join_wrapped):
            spaces = [m.span() for m in _ODD_SPACE.finditer(text)
                      if not _is_code_indent(text, *m.span())] if _may_have_odd_space(text) else []
            if join_wrapped:
                spaces += [span for span in _line_breaks(text) if _is_wrap(text, *span, self.wrapped_line_chars,
                                                                                  self.chat_line_openers)]
            merged: list[list[int]] = []
            for start, end in sorted(spaces):  # a space run inside a wrap is one space
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            edits += [(start, end, " ") for start, end in merged]
        if not edits:
            return base
        builder = _Builder(text, base)
        pos = 0
        for start, end, replacement in sorted(edits):
            if start < pos:  # inside a long run already replaced
                continue
            builder.add(pos, start)
            builder.add(start, end, replacement)
            pos = end
        builder.add(pos, len(text))
        return builder.build()

    # -- HTML -----------------------------------------------------------
    def _strip_html(self, text: str) -> CleanText:
        parser = _TextExtractor(self, text)
        try:
            parser.feed(text)
            parser.close()
        except Exception:  # noqa: BLE001 - markup html.parser gives up on ("<![x ...")
            return _strip_tags(text)
        return _built(parser.builder)


# the same references html.parser reports (entityref / charref), so the
# source span of a replacement ends where the parser resumes
_ENTITY = re.compile(r"&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][-.a-zA-Z0-9]*);?")
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre", "hr"})
_TRAILING_BREAKS = re.compile(r"(?:[ \t\r]*\n)+[ \t\r]*$")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
_TAG = re.compile(r"<[!/?A-Za-z][^<>]*(?:>|(?=<)|$)")
_MARKUP_IN_DATA = re.compile(r"<(?:[!/?A-Za-z][^<>]*>?|$)")
_COLON_AT_LINE_END = re.compile(r":[ \t]*\r?$", re.MULTILINE)
# horizontal whitespace other than a single plain space: no-break and other
# Unicode spaces, tabs, runs of spaces. The tokenizer turns these into tokens
# of their own, which would break multi-word patterns ("Вы&nbsp;указали").
# A hard-wrapped line break (email clients wrap at ~72 columns) inside a
# sentence: the line does not end a sentence and the next one goes on in
# lowercase. It becomes a space, so phrases match across the wrap.
_ODD_SPACE_CHARS = "\t\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_ODD_SPACE = re.compile(f"[ {_ODD_SPACE_CHARS}]{{2,}}|[{_ODD_SPACE_CHARS}]")
_ANY_ODD_SPACE = re.compile(f"[{_ODD_SPACE_CHARS}]")
# A line break with the spaces around it, from the start of a space run:
# what _line_breaks finds (the tests check they agree)
_LINE_BREAK = re.compile(r"(?<![ \t])[ \t]*\r?\n[ \t]*")
_SENTENCE_END = ".!?:;…"


def _may_need_spacing(text: str, join_wrapped: bool) -> bool:
    """Cheap substring tests before the (slower) regex scan: most replies have
    no odd space, no double space and, for tweets and chats, no line break."""
    return (join_wrapped and "\n" in text) or _may_have_odd_space(text)


def _may_have_odd_space(text: str) -> bool:
    if "  " in text:
        return True
    return "\t" in text if text.isascii() else _ANY_ODD_SPACE.search(text) is not None


def _line_breaks(text: str) -> Iterator[tuple[int, int]]:
    """The spans `_LINE_BREAK.finditer(text)` yields: each line break with the
    spaces and tabs around it, unless the spaces before it ended the previous
    span. Found from each "\n" with str.find: the pattern, which opens with a
    lookbehind, was tried at every character."""
    pos, n = 0, len(text)
    at = text.find("\n")
    while at >= 0:
        start = at - 1 if at > 0 and text[at - 1] == "\r" else at
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if start < pos and start < at and text[at - 1] == "\r":
            start = at  # the spaces before were the previous span's: after the "\r" a span may start
        if start >= pos:
            end = at + 1
            while end < n and text[end] in " \t":
                end += 1
            yield start, end
            pos = end
        at = text.find("\n", at + 1)


def _is_wrap(text: str, start: int, end: int, min_chars: int = 0, openers: frozenset[str] = frozenset()) -> bool:
    """A line break inside a sentence: the line does not end one and the next
    goes on with a lowercase letter (any script), unless the line is shorter than
    a client wraps (`min_chars`) and the next opens with one of `openers`: chat
    lines sent as they are ("do you do certified translations" / "also how
    long…"). Lines indented as code are never joined: a pasted log or snippet
    keeps its lines."""
    if not (0 < start and end < len(text)
            and not text[start - 1].isspace() and text[start - 1] not in _SENTENCE_END
            and text[end].islower()):
        return False
    newline = text.index("\n", start)
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start < min_chars and openers:
        word_end = end
        while word_end < len(text) and text[word_end].isalpha():
            word_end += 1
        if text[end:word_end] in openers:
            return False
    return not (_is_code_indent(text, newline + 1, end) or text.startswith(CODE_INDENTS, line_start))


CODE_INDENTS = ("    ", "\t")  # a line opening with one is code (Markdown, mail clients), kept as it is


def _is_code_indent(text: str, start: int, end: int) -> bool:
    """Is text[start:end], a run of spaces, the indentation of a code line
    (at a line start, four spaces or a tab)?"""
    return (start == 0 or text[start - 1] == "\n") and text.startswith(CODE_INDENTS, start) \
        and not text[start:end].strip(" \t")


class _TextExtractor(HTMLParser):
    def __init__(self, cleaner: Cleaner, source: str):
        super().__init__(convert_charrefs=False)
        self.cleaner = cleaner
        self.source = source
        self.builder = _Builder(source)
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.skip_stack: list[str] = []  # open tags whose content is not linted
        self.in_history = False  # past the start of earlier messages: nothing more is linted

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
        if self.in_history:
            return
        names = " ".join((v or "") for k, v in attrs if k in ("class", "id")).lower().split()
        cleaner = self.cleaner
        if not self.skip_stack and cleaner.html_history_start.intersection(names):
            self.in_history = True  # Outlook: the earlier messages follow this element
            return
        if self.skip_stack or cleaner.html_quote_classes.intersection(names) or (
                tag in cleaner.html_skip_tags and not self._is_indent(tag, attrs)):
            if tag not in ("br", "hr", "img", "meta", "link", "input"):
                self.skip_stack.append(tag)
            return
        if tag in cleaner.html_block_tags:
            self._break(tag)

    def _is_indent(self, tag: str, attrs) -> bool:
        """A blockquote that only indents the writer's own text (Gmail)."""
        values = dict(attrs)
        return (tag == "blockquote" and (values.get("type") or "").lower() != "cite"
                and bool(self.cleaner.html_indent_style.search(values.get("style") or "")))

    def handle_endtag(self, tag):
        if self.in_history:
            return
        if self.skip_stack:
            if tag in self.skip_stack:
                while self.skip_stack and self.skip_stack.pop() != tag:
                    pass
            return
        if tag in self.cleaner.html_block_tags and tag != "br":  # </br>: nothing more
            self._break(tag)

    def handle_data(self, data):
        if self.skip_stack or self.in_history or not data:
            return
        start = self._offset()
        if self.source.startswith(data, start):
            # html.parser hands the rest of broken markup (an unclosed
            # "<![CDATA[", "<br/" at the end) over as data: keep only the text
            pos = 0
            for markup in _MARKUP_IN_DATA.finditer(data) if "<" in data else ():
                self.builder.add(start + pos, start + markup.start())
                pos = markup.end()
            self.builder.add(start + pos, start + len(data))
        else:  # CDATA and the like: map the whole chunk to its start
            self.builder.add(start, start, data)

    def _entity(self, replacement: str) -> None:
        if self.skip_stack or self.in_history:
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
