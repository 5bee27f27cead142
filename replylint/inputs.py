"""Reading what `replylint check` is given: files or stdin as text, and the
JSON exchanges a ticket tool sends to the pre-send hook. Every problem is an
InputError naming the input (and line), never a traceback.

Text is expected in UTF-8. UTF-16/32 (with a byte-order mark, or UTF-16
without one, as Windows tools write it) and the legacy 8-bit encodings of
Russian and English exports are read too, but only when the encoding is
certain: charset-normalizer proposes the candidate encodings, and each
candidate's text is then checked for being plausible Russian/English text
(dictionary words, no stray symbols or control characters). When two
different readings are equally plausible, or the text is too short to tell,
the input is refused with the likely encodings and an `iconv` command:
mojibake is never returned."""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Problem

MAX_INPUT_BYTES = 10 * 1024 * 1024


# ---------------------------------------------------------------- decoding


@dataclass(frozen=True)
class InputText:
    """A decoded input: `encoding` is None for UTF-8, else the codec assumed."""

    name: str
    text: str
    encoding: str | None = None

    @property
    def note(self) -> str | None:
        """The one line to print to stderr when the input was not UTF-8."""
        if self.encoding is None:
            return None
        return f"{self.name}: not UTF-8; read as {self.encoding}"


# charset-normalizer's codec name -> (name we report, also a Python codec name; iconv's name)
_CODECS = {
    "cp1251": ("cp1251", "CP1251"),
    "koi8_r": ("koi8-r", "KOI8-R"),
    "cp866": ("cp866", "CP866"),
    "mac_cyrillic": ("mac-cyrillic", "MACCYRILLIC"),
    "iso8859_5": ("iso8859-5", "ISO-8859-5"),
    "cp1252": ("cp1252", "CP1252"),
    "utf_16_le": ("utf-16-le", "UTF-16LE"),
    "utf_16_be": ("utf-16-be", "UTF-16BE"),
    "utf_32_le": ("utf-32-le", "UTF-32LE"),
    "utf_32_be": ("utf-32-be", "UTF-32BE"),
}
# in order of preference when several decode the bytes to the same text; latin-1
# text is read as cp1252, which has the same printable characters and more
_LEGACY = ("cp1251", "koi8_r", "cp866", "mac_cyrillic", "iso8859_5", "cp1252")
_WIDE = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")
_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf_32_le"), (b"\x00\x00\xfe\xff", "utf_32_be"),
    (b"\xff\xfe", "utf_16_le"), (b"\xfe\xff", "utf_16_be"),
)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode_input(data: bytes, name: str) -> tuple[str, str | None]:
    """(text, encoding) of an input's bytes: encoding is None for UTF-8 (with or
    without BOM), else the codec assumed (see InputText). Raises InputError."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data[len(bom):], len(bom), codec, name), _CODECS[codec][0]
    if b"\x00" in data:
        found = _detect(data, _WIDE)
        if isinstance(found, _Reading):
            return found.text, _CODECS[found.codec][0]
        raise InputError(Problem("binary data (NUL byte), expected UTF-8 text", name,
                                 _line_of(data, data.index(b"\x00"))))
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as exc:
        error = exc
    found = _detect(data, _LEGACY)
    if isinstance(found, _Reading):
        return found.text, _CODECS[found.codec][0]
    message = f"invalid UTF-8 at byte {error.start}, expected UTF-8 text"
    if found:
        names = " or ".join(_CODECS[c][0] for c in found)
        why = "too little text to be sure" if len(found) == 1 else "cannot tell which"
        message += (f"; it may be {names} ({why}): convert it to UTF-8 first, "
                    f"e.g. `iconv -f {_CODECS[found[0]][1]} -t UTF-8`")
    raise InputError(Problem(message, name, _line_of(data, error.start)))


def _decode_with_bom(body: bytes, bom_length: int, codec: str, name: str) -> str:
    label = _CODECS[codec][0].upper()
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        line = body[: exc.start].decode(codec, errors="replace").count("\n") + 1
        raise InputError(Problem(f"invalid {label} at byte {bom_length + exc.start} "
                                 f"(the input starts with a {label} byte-order mark)", name, line)) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise InputError(Problem(f"binary data (NUL character), expected {label} text", name, line))
    return text


@dataclass(frozen=True)
class _Reading:
    codec: str
    text: str
    score: tuple[int, int, int, int]  # garbage, unknown words, good words, letters in good words


def _detect(data: bytes, codecs: tuple[str, ...]) -> _Reading | list[str]:
    """The one plausible reading of `data` among `codecs`, else the codecs it
    may be in (maybe none): the caller refuses the input then.

    charset-normalizer proposes the codecs (it drops those that cannot decode
    the bytes or give a mess of symbols). On its own it is not enough: cp1251,
    KOI8-R, cp866 and mac-cyrillic all decode any Russian bytes, and on short
    texts it picks cp1251 for most KOI8-R ones. So every proposed reading is
    scored (`_score`), and a reading is taken only if it is plausible and
    better than every other reading on every count."""
    from charset_normalizer import from_bytes

    proposed = {codec for match in from_bytes(data, cp_isolation=list(codecs))
                for codec in (match.encoding, *match.could_be_from_charset)}
    decoded = {}
    for codec in codecs:
        if codec in proposed:
            try:
                decoded[codec] = data.decode(codec)
            except UnicodeDecodeError:
                pass
    readings: dict[str, _Reading] = {}
    for codec, text in decoded.items():
        if text not in readings and not _CONTROL.search(text):
            if not _CYRILLIC.search(text) and decoded.get("cp1252") == text:
                codec = "cp1252"  # English text, the same in cp1251: name the Latin codec
            readings[text] = _Reading(codec, text, _score(text, symbols=codecs is not _WIDE))
    plausible = [r for r in readings.values() if _plausible(r.score)]
    best = [r for r in plausible if not any(_better(o.score, r.score) for o in plausible)]
    if len(best) == 1 and all(_better(best[0].score, o.score) for o in plausible if o is not best[0]):
        return best[0]
    if len(best) > 1 and all(r.score == best[0].score for r in best) and len({r.text.casefold() for r in best}) == 1:
        # the readings differ only in letter case (mac-cyrillic's я is cp1251's Я):
        # take the one whose sentences start with a capital, if one does more often
        best.sort(key=lambda r: _capitalized_sentences(r.text), reverse=True)
        if _capitalized_sentences(best[0].text) > _capitalized_sentences(best[1].text) and all(
                r in best or _better(best[0].score, r.score) for r in plausible):
            return best[0]
    if best:
        return [r.codec for r in best]
    # too little text: name the readings with nothing wrong in them, if few
    clean = [r.codec for r in readings.values() if r.score[:2] == (0, 0) and r.score[3] >= 5]
    return clean if len(clean) <= 2 else []


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # C0 but \t \n \f \r, DEL, C1
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)[^\w\s]*([^\W\d_])", re.M)
_RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")
_RUSSIAN_ONE_LETTER_WORDS = set("абвжикосуяАБВЖИКОСУЯ")
_SYMBOLS_IN_TEXT = set("©®°№™±§")  # the symbols real text has; others (▓ √ ∆ ¬ ¤) are mojibake
_GLUE = set("’ʼ‐‑")  # may stand between two letters (we’re, e‑mail)
_OPENERS = set("«„“‘([{")  # may stand before a lowercase word
_SAMPLE_CHARS = 100_000


def _script(char: str) -> str:
    if "\u0400" <= char <= "\u04ff":
        return "cyrillic"
    if char.isascii() or unicodedata.name(char, "").startswith("LATIN"):
        return "latin"
    return "other"


def _score(text: str, symbols: bool = True) -> tuple[int, int, int, int]:
    """(garbage, unknown words, good words, letters in good words) of a reading.

    Garbage is what mojibake is made of and real text is not: symbols other
    than © ® ° № ™ ± §, non-Russian Cyrillic letters (ѕ Є ђ), letters of other
    scripts, punctuation or currency glued inside a word or before a lowercase
    word, words mixing Latin and Cyrillic, Latin words mostly made of accented
    letters (a Russian text read as cp1252). Russian words count as good when
    pymorphy3's dictionary knows them, else as unknown (names, jargon, typos,
    and KOI8-R read as cp1251: «чЩ ХЛБЪБМЙ»). ASCII words are the same in
    every reading and count as good. With symbols=False (UTF-16/32, which can
    hold any character: → ✓) only letters and words are scored."""
    text = text[:_SAMPLE_CHARS]
    garbage = unknown = good = letters = 0
    for i, char in enumerate(text):
        if char.isascii():
            continue
        category = unicodedata.category(char)
        if category[0] == "L":
            garbage += _script(char) == "other" or (_script(char) == "cyrillic" and char not in _RUSSIAN)
            continue
        if not symbols:
            continue
        if category[0] == "S" and category != "Sc" and char not in _SYMBOLS_IN_TEXT:
            garbage += 1
            continue
        before = i > 0 and text[i - 1].isalpha()
        after = i + 1 < len(text) and text[i + 1].isalpha()
        if category == "Sc":
            garbage += before or after
        elif before and after:
            garbage += char not in _GLUE
        elif after and text[i + 1].islower():
            garbage += char not in _OPENERS and char not in _GLUE
    known: dict[str, bool] = {}
    for word in _words(text):
        kind = _word_kind(word, known)
        garbage += kind == "garbage"
        unknown += kind == "unknown"
        if kind == "good":
            good, letters = good + 1, letters + len(word)
    return garbage, unknown, good, letters


def _word_kind(word: str, known: dict[str, bool]) -> str | None:
    """good, unknown, garbage, or None for what says nothing (one ASCII letter,
    a word whose non-Russian Cyrillic letters were counted one by one)."""
    if word.isascii():
        return "good" if len(word) > 1 else None
    scripts = {_script(c) for c in word if c != "-"}
    cased = all(p.islower() or p.isupper() or p[1:].islower() for p in word.split("-"))
    if scripts == {"latin"}:  # Zoë, café; not «Âû óêàçàëè» (cp1251 read as cp1252)
        return "good" if cased and 2 * sum(not c.isascii() for c in word) <= len(word) else "garbage"
    if scripts != {"cyrillic"}:
        return "garbage"
    if not set(word) <= _RUSSIAN | {"-"}:
        return None
    if len(word) == 1:
        return "good" if word in _RUSSIAN_ONE_LETTER_WORDS else "unknown"
    if not cased:
        return "unknown"  # «чЩ», KOI8-R read as cp1251
    lower = word.lower()
    if lower not in known:
        from .nlp import morph_analyzer

        known[lower] = morph_analyzer().word_is_known(lower)
    return "good" if known[lower] else "unknown"


def _words(text: str):
    for word in _WORD.findall(text):
        parts = word.split("-")
        if len({_script(p[0]) for p in parts}) > 1:
            yield from parts  # «SSL-сертификат»
        else:
            yield word


def _plausible(score: tuple[int, int, int, int]) -> bool:
    garbage, unknown, good, letters = score
    return letters >= 8 and 20 * garbage <= good and 3 * unknown <= good


def _better(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """a is at least as good as b on every count (less garbage, fewer unknown
    words, more letters in good words) and better on one."""
    ka, kb = (a[0], a[1], -a[3]), (b[0], b[1], -b[3])
    return ka != kb and all(x <= y for x, y in zip(ka, kb))


def _capitalized_sentences(text: str) -> int:
    return sum(m.group(1).isupper() for m in _SENTENCE_START.finditer(text[:_SAMPLE_CHARS]))


def read_input(path: str) -> InputText:
    """The decoded text of a file, or of stdin for '-', with clear errors."""
    if path == "-":
        name = "<stdin>"
        if sys.stdin is None:  # started with standard input closed (`<&-`)
            raise InputError(Problem("standard input is closed: nothing to read", name))
        try:
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        except (OSError, ValueError) as exc:
            raise InputError(Problem(f"cannot read standard input: {getattr(exc, 'strerror', None) or exc}", name)) from None
    else:
        name = path
        try:
            size = os.path.getsize(path)
            if size > MAX_INPUT_BYTES:
                raise InputError(Problem(f"input is {size / 1048576:.1f} MB, over the {MAX_INPUT_BYTES // 1048576} MB limit", name))
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(Problem(f"cannot read file: {exc.strerror or exc}", name)) from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(Problem(f"input is over the {MAX_INPUT_BYTES // 1048576} MB limit", name))
    text, encoding = decode_input(data, name)
    return InputText(name, text, encoding)


# ---------------------------------------------------------------- JSON exchanges


@dataclass(frozen=True)
class _Number:
    """A JSON number as written: ids of any length stay labels, never Python ints
    (int() refuses over 4300 digits)."""

    literal: str


@dataclass(frozen=True)
class _NotJson:
    """NaN, Infinity or -Infinity: Python's json reads them, JSON has no such values."""

    literal: str


class _Collector:
    """Hooks for json.JSONDecoder that note duplicate keys and non-JSON constants."""

    def __init__(self):
        self.duplicates: list[str] = []
        self.constants: list[str] = []

    def pairs(self, pairs):
        obj = {}
        for key, value in pairs:
            if key in obj:
                self.duplicates.append(key)
            obj[key] = value
        return obj

    def constant(self, literal):
        self.constants.append(literal)
        return _NotJson(literal)


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def _json_values(text: str, decoder: json.JSONDecoder, collector: _Collector):
    """[(offset, value, duplicate keys, constants)] of the top-level value, or of
    each item when it is a list, plus whether it was a list. Raises
    JSONDecodeError with json's own message on any syntax error."""
    pos = _JSON_SPACE.match(text).end()
    if not text.startswith("[", pos):
        value, end = decoder.raw_decode(text, pos)
        if _JSON_SPACE.match(text, end).end() != len(text):
            decoder.decode(text)  # raises "Extra data"
        return [(pos, value, collector.duplicates, collector.constants)], False
    out = []
    pos = _JSON_SPACE.match(text, pos + 1).end()
    if text.startswith("]", pos):
        pos += 1
    else:
        while True:
            dups, consts = len(collector.duplicates), len(collector.constants)
            value, end = decoder.raw_decode(text, pos)
            out.append((pos, value, collector.duplicates[dups:], collector.constants[consts:]))
            pos = _JSON_SPACE.match(text, end).end()
            if text.startswith(",", pos):
                pos = _JSON_SPACE.match(text, pos + 1).end()
            elif text.startswith("]", pos):
                pos += 1
                break
            else:
                decoder.decode(text)  # raises json's message for what is wrong here
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
    if _JSON_SPACE.match(text, pos).end() != len(text):
        decoder.decode(text)
        raise json.JSONDecodeError("Extra data", text, pos)
    return out, True


def _shown(key: str) -> str:
    """A key as it can be printed: JSON-escaped when it holds odd characters."""
    return key if key.isprintable() and not any("\ud800" <= c <= "\udfff" for c in key) else json.dumps(key)


def text_problems(value: str, what: str) -> list[str]:
    """What makes a JSON string no text: a NUL character, a lone surrogate."""
    out = []
    nul = value.find("\x00")
    if nul >= 0:
        out.append(f"{what} contains a NUL character at character {nul}: binary data, not text")
    surrogate = lone_surrogate_problem(value, what)
    if surrogate:
        out.append(surrogate)
    return out


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate_problem(value: str, what: str) -> str | None:
    """JSON and Python strings can carry lone surrogates (\\ud800), which are
    not text and cannot be printed: the problem, or None."""
    match = LONE_SURROGATE.search(value)
    if match is None:
        return None
    return (f"{what} contains a lone surrogate (U+{ord(match.group()):04X}) at character {match.start()}, "
            "which is not valid Unicode text")


def _item_problems(item: dict, duplicates: list[str], constants: list[str]) -> list[str]:
    out = [f"duplicate key `{_shown(k)}` (each key may appear once)" for k in dict.fromkeys(duplicates)]
    out += [f"{c} is not valid JSON (use a number or a string)" for c in dict.fromkeys(constants)]
    unknown = set(item) - {"reply", "customer", "id"}
    if unknown:
        out.append(f"unknown key(s) {', '.join(_shown(k) for k in sorted(unknown))} (allowed: reply, customer, id)")
    reply = item.get("reply")
    if isinstance(reply, str) and reply.strip():
        out += text_problems(reply, "`reply`")
    elif not isinstance(reply, _NotJson):
        out.append("`reply` must be a non-empty string")
    customer = item.get("customer")
    if isinstance(customer, str):
        out += text_problems(customer, "`customer`")
    elif isinstance(customer, list):
        for i, message in enumerate(customer):
            if isinstance(message, str):
                out += text_problems(message, f"`customer[{i}]`")
            elif not isinstance(message, _NotJson):
                out.append(f"`customer[{i}]` must be a string (`customer` is a string or a list of strings)")
    elif customer is not None and not isinstance(customer, _NotJson):
        out.append("`customer` must be a string or a list of strings")
    ident = item.get("id")
    if isinstance(ident, str):
        out += text_problems(ident, "`id`")
    elif "id" in item and not isinstance(ident, (_Number, _NotJson)):
        out.append("`id` must be a string or a number")
    return out


def json_exchanges(name: str, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Parse `{"reply": ..., "customer": str | [str], "id": str | number}` or a
    list of such objects into (id label, reply, customer messages). Every
    problem of every item is reported, with the item (`name[3]`) and the line
    its value starts on."""
    if not text.strip():
        raise InputError(Problem("the input is empty (expected a JSON object or list)", name))
    text = text.removeprefix("\ufeff")
    collector = _Collector()
    decoder = json.JSONDecoder(object_pairs_hook=collector.pairs, parse_int=_Number, parse_float=_Number,
                               parse_constant=collector.constant)
    try:
        values, is_list = _json_values(text, decoder, collector)
    except json.JSONDecodeError as exc:
        raise InputError(Problem(f"invalid JSON: {exc.msg} (column {exc.colno})", name, exc.lineno)) from None
    except RecursionError:
        raise InputError(Problem("invalid JSON: nested too deeply", name)) from None
    if is_list and not values:
        raise InputError(Problem("the JSON list is empty: no exchange to check", name))
    out, problems = [], []
    line, counted = 1, 0
    for i, (offset, item, duplicates, constants) in enumerate(values):
        line, counted = line + text.count("\n", counted, offset), offset
        label = f"{name}[{i}]" if is_list else name
        if not isinstance(item, dict):
            problems.append(Problem("expected an object with `reply` (and optional `customer`)", label, line))
            continue
        found = _item_problems(item, duplicates, constants)
        problems += [Problem(message, label, line) for message in found]
        if not found:
            customer = item.get("customer")
            customer = () if customer is None else (customer,) if isinstance(customer, str) else tuple(customer)
            ident = item.get("id", label)
            out.append((ident.literal if isinstance(ident, _Number) else ident, item["reply"], customer))
    if problems:
        raise InputError(problems)
    return out
