"""spaCy pipelines built on `spacy.blank`, with components of our own.

No trained model is available, so sentence starts, lemmas, POS and morphology
come from three registered factories. The annotators are vectorised: they read
each token's LOWER hash with `Doc.to_array`, look the word up in a per-process
cache, and write LEMMA/POS/MORPH back with one `Doc.from_array` call, so the
Python work per token is a dict lookup. Only the attributes the loaded rules
need are written (`attrs`).
"""

from __future__ import annotations

import bisect
import functools
from itertools import compress

import re

import numpy
import spacy
from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, IS_TITLE, LEMMA, LENGTH, LOWER, MORPH, ORTH, POS, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .wordtable import lemminflect_table

ATTR_IDS = {"LEMMA": LEMMA, "POS": POS, "MORPH": MORPH}
CACHE_LIMIT = 300_000  # distinct word forms kept per process; cleared when exceeded
# what the steps of one lint share through the Doc (`doc.user_data`), each read once per doc
COLUMNS = "replylint.columns"  # token attribute id -> that column as a list
SENTENCE_STARTS = "replylint.sentence_starts"  # [0, positions that start a sentence], set by the splitter
_WRITTEN = "replylint.sent_start_written"  # the splitter wrote SENT_START (for the Matcher's IS_SENT_START)
# the token columns (set by the tokenizer) that the rules, register, questions and tone steps read
SHARED_COLUMNS = (ORTH, LOWER, IS_ALPHA, IS_SPACE, IS_TITLE, IDX, LENGTH)


def positions_in(values: list[int], wanted) -> list[int]:
    """The positions of the values that are in the set `wanted`, the loop run in
    C (`compress`): a token column scanned for a few words costs no Python per token."""
    return list(compress(range(len(values)), map(wanted.__contains__, values)))


def column(doc: Doc, attr: int) -> list[int]:
    """A token attribute of every token, as a list. Only attributes the tokenizer
    sets (LOWER, ORTH, IDX, IS_SPACE…) are read this way: they never change, so
    the cleaning, rules, register, questions and tone steps share one read."""
    found = doc.user_data.get(COLUMNS)
    if found is not None and attr in found:
        return found[attr]
    return columns(doc, (attr,))[0]


def columns(doc: Doc, attrs: tuple[int, ...]) -> tuple[list[int], ...]:
    """Several columns (see `column`); those not read yet come from one
    `Doc.to_array` call (a call per column costs about as much as the
    conversion of a few columns)."""
    found = doc.user_data.get(COLUMNS)
    if found is None:
        found = doc.user_data[COLUMNS] = {}
    missing = [attr for attr in attrs if attr not in found]
    if missing and not set(missing).isdisjoint(SHARED_COLUMNS):
        # every doc linted is read by several steps (the prefilter reads LOWER, the sentence split
        # too, the tone scorer ORTH and IS_ALPHA, …): the first read takes every column they ask
        # for, as one `to_array` call costs about what two do
        missing += [attr for attr in SHARED_COLUMNS if attr not in found and attr not in missing]
    if len(missing) == 1:
        found[missing[0]] = doc.to_array(missing[0]).tolist()
    elif missing:
        found.update(zip(missing, doc.to_array(missing).T.tolist()))
    return tuple(found[attr] for attr in attrs)


class QuoteMarks:
    """Which tokens stand inside quotes («…», “…”): someone else's words, not the
    writer's (`quotes` in rules/language/common.yaml: opening -> closing mark).
    Only the quote marks are visited (found in the ORTH column)."""

    def __init__(self, quotes: dict[str, str]):
        self.quotes = dict(quotes)
        self._marks: frozenset[int] | None = None
        # kept with the doc: the rules, the tone scorer and the register profile all ask
        self._key = ("replylint.quoted", tuple(sorted(self.quotes.items())))

    def inside(self, doc: Doc) -> set[int]:
        found = doc.user_data.get(self._key)
        if found is None:
            found = doc.user_data[self._key] = self._inside(doc)
        return found

    def _inside(self, doc: Doc) -> set[int]:
        if self._marks is None:
            strings = doc.vocab.strings
            self._marks = frozenset(strings.add(m) for m in (*self.quotes, *self.quotes.values()))
        orth = column(doc, ORTH)
        if self._marks.isdisjoint(orth):
            return set()
        strings = doc.vocab.strings
        inside: set[int] = set()
        closer = opened = None
        for i in [i for i, h in enumerate(orth) if h in self._marks]:
            mark = strings[orth[i]]
            if closer is not None:
                if mark == closer and (mark not in APOSTROPHES or self._closes(doc, i, opened)):
                    inside.update(range(opened + 1, i))
                    closer = None
                elif mark in APOSTROPHES and mark in self.quotes and i - opened > APOSTROPHE_QUOTE_SPAN:
                    closer = None  # an apostrophe ('90s) taken for an opening quote: start again here
                    if self._opens(doc, i):
                        closer, opened = self.quotes[mark], i
            elif mark in self.quotes and (mark not in APOSTROPHES or self._opens(doc, i)) and not self._measure(doc, i) \
                    and not self._closes_glued(doc, i, mark):
                closer, opened = self.quotes[mark], i
        return inside

    @staticmethod
    def _opens(doc: Doc, i: int) -> bool:
        """A single quote (which is also an apostrophe) opens a quote only at a
        word start: after a space or an opening bracket, right before a word."""
        before = i == 0 or bool(doc[i - 1].whitespace_) or doc[i - 1].text in "([{:"
        return before and not doc[i].whitespace_ and i + 1 < len(doc) and doc[i + 1].is_alpha

    @staticmethod
    def _measure(doc: Doc, i: int) -> bool:
        """A straight mark right after a number is an inch or second mark (a 12" record,
        a 6' shelf), not an opening quote: it would swallow the text up to the next quote."""
        if doc[i].text not in INCH_MARKS or i == 0 or doc[i - 1].whitespace_ or not MEASURE.match(doc[i - 1].text):
            return False
        # the number stands alone ("a 12\" record"), not at the end of a date or a time in a quoted string ("…02:42:03\"")
        return i == 1 or bool(doc[i - 2].whitespace_) or doc[i - 2].text in "(["

    @staticmethod
    def _closes_glued(doc: Doc, i: int, mark: str) -> bool:
        """A mark that closes a quote opened inside the word glued before it (the tokenizer keeps
        `size="normal` together, then `"`): an attribute's value in prose, closed here; taken for an
        opening mark it would swallow the text up to the next attribute («… data-size="compact"»)."""
        if not i or doc[i - 1].whitespace_:
            return False
        return doc[i - 1].text.count(mark) % 2 == 1

    @staticmethod
    def _closes(doc: Doc, i: int, opened: int) -> bool:
        """…and closes it at a word end, before a space, punctuation or the end,
        within a short span (a possessive "parents'" far away closes nothing)."""
        if i - opened > APOSTROPHE_QUOTE_SPAN or doc[i - 1].whitespace_:
            return False
        return i + 1 == len(doc) or bool(doc[i].whitespace_) or doc[i + 1].is_punct


# single quotes that are also apostrophes ("it's", "parents'"): a quote only where
# `QuoteMarks._opens` / `_closes` say so, over at most this many tokens
APOSTROPHES = frozenset({"'", "’"})
# straight marks that after a number measure (12", 6'), not quote
INCH_MARKS = frozenset({'"', "'"})
MEASURE = re.compile(r"^\d{1,3}(?:[.,]\d{1,2})?$")
APOSTROPHE_QUOTE_SPAN = 40


def sentence_around(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The token range of the sentence holding tokens [start, end), without the
    whitespace that ends it; None when they run past it."""
    starts = sentence_starts(doc)
    at = bisect.bisect_right(starts, start) - 1
    a, b = starts[at], starts[at + 1] if at + 1 < len(starts) else len(doc)
    while b > a and doc[b - 1].is_space:
        b -= 1
    return (a, b) if end <= b else None


def sentence_starts(doc: Doc) -> list[int]:
    """The positions that start a sentence, the first included: as the splitter
    left them, or read from SENT_START (a doc split some other way)."""
    starts = doc.user_data.get(SENTENCE_STARTS)
    if starts is None:
        starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist() or [0]
        if starts[0] != 0:
            starts.insert(0, 0)
    return starts


@Language.factory("replylint_sentences", default_config={"terminals": [".", "!", "?"], "closers": [],
                                                         "abbreviation_ends": [], "number_abbreviation_ends": []})
def make_sentences(nlp: Language, name: str, terminals: list[str], closers: list[str],
                   abbreviation_ends: list[str], number_abbreviation_ends: list[str]):
    return SentenceSplitter(nlp, terminals, closers, abbreviation_ends, number_abbreviation_ends)


# token kinds for sentence splitting (bit flags; 0 = an ordinary word)
_END, _CLOSER, _SPACE = 1, 2, 4
_SPECIAL_RUN = re.compile(rb"[^\x00]+\x00?")  # a run of non-words and the word after it
# a code that ends in one letter keeps the full stop after it in its token («номер заказа 4471-Е. Новые
# билеты …»): the stop ends the sentence, as it does after «4471.» (a lone «Е.» stays an initial)
_CODE_END = re.compile(r"^\d+[-‑]?[^\W\d_]\.$")
_LETTERS = "abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_CODE_JOINS = frozenset("/-‑")
_NOT_START = numpy.uint64(2**64 - 1)  # SENT_START -1 ("not a start") as from_array reads it


class SentenceSplitter:
    """Sentence starts after terminal punctuation (and its closing quotes) and
    at line breaks, since support replies put greetings and sign-offs on lines
    of their own.

    Rules, by token: a terminal or a whitespace token with a line break ends a
    sentence; closing quotes right after an ending (and any further terminals,
    closers and line breaks) still belong to it; the next word starts a
    sentence, and so does the first non-space token after whitespace that
    follows an ending. Only runs of non-word tokens can decide anything, so
    each token costs one dict lookup (its kind, cached per LOWER hash) and the
    rules run once per distinct run shape (cached), not per token.
    """

    RUN_CACHE_LIMIT = 10_000
    RUN_KEY_LIMIT = 64  # longer runs are worked out but not cached

    def __init__(self, nlp: Language, terminals: list[str], closers: list[str], abbreviation_ends: list[str] = (),
                 number_abbreviation_ends: list[str] = ()):
        strings = nlp.vocab.strings
        self.strings = strings
        self.terminals = frozenset(strings.add(t) for t in terminals)
        self.closers = frozenset(strings.add(t) for t in closers)
        # an abbreviation the tokenizer keeps with its full stop («см.», «руб.») ends a sentence
        # when a capitalised word follows it after a space: «прожоги диаметром 1–2 см. Ставить тент…»
        self.abbreviation_ends = frozenset(strings.add(t) for t in abbreviation_ends)
        # ... and one that stands before a name too, only right after a number («банка 500 г. Добавить…», not
        # «в г. Москва»)
        self.number_abbreviation_ends = frozenset(strings.add(t) for t in number_abbreviation_ends)
        # a letter with its stop is an initial («Е. Иванова», "J. Smith"), but at the end of a code the
        # tokenizer split at its slash or hyphen ("flat 14/A. I am …") it ends the sentence
        self.letter_stops = frozenset(strings.add(letter + ".") for letter in _LETTERS)
        # (the three kinds of kept full stop, found in one pass over a doc)
        self._kept_stops = self.abbreviation_ends | self.number_abbreviation_ends | self.letter_stops
        self.kinds: dict[int, int] = {}  # LOWER hash -> kind flags
        self.layouts: dict[bytes, tuple[int, ...]] = {}  # run shape -> offsets that start a sentence

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0 or doc.user_data.get(_WRITTEN):
            return doc
        positions = self.positions(doc)
        starts = numpy.full((n, 1), _NOT_START, dtype="uint64")
        starts[positions, 0] = 1
        doc.from_array([SENT_START], starts)
        doc.user_data[_WRITTEN] = True
        return doc

    def positions(self, doc: Doc) -> list[int]:
        """The positions that start a sentence, the first included, kept with the
        doc (`sentence_starts`) but not written to it: what the steps that read
        token columns need. Calling the component also writes SENT_START."""
        found = doc.user_data.get(SENTENCE_STARTS)
        if found is None:
            lowers = column(doc, LOWER)
            found = [0, *self.starts(lowers)]
            # a full stop the tokenizer keeps with a word ends a sentence before a capitalised word: an abbreviation
            # («см.»), one after a number only («500 г.»), the last letter of a code split at its joint ("14/A.")
            stops = positions_in(lowers, self._kept_stops)
            ends = [i for i in stops if lowers[i] in self.abbreviation_ends and _before_capital(doc, i)
                    or lowers[i] in self.number_abbreviation_ends and i > 0 and doc[i - 1].like_num
                    and _before_capital(doc, i)
                    or lowers[i] in self.letter_stops and _ends_code(doc, i)] if stops else []
            if ends:
                found = sorted(set(found).union(i + 1 for i in ends))
            doc.user_data[SENTENCE_STARTS] = found
        return found

    def starts(self, lowers: list[int]) -> list[int]:
        """The positions after the first that start a sentence, from the tokens'
        LOWER hashes (what the questions step reads without touching a Doc)."""
        get = self.kinds.get
        kinds = list(map(get, lowers))
        if None in kinds:
            kinds = self._fill(lowers, kinds)
        layouts = self.layouts
        positions: list[int] = []
        for run in _SPECIAL_RUN.finditer(bytes(kinds)):
            shape = run.group()
            offsets = layouts.get(shape)
            if offsets is None:
                offsets = _run_layout(shape)
                if len(shape) <= self.RUN_KEY_LIMIT:
                    if len(layouts) > self.RUN_CACHE_LIMIT:
                        layouts.clear()
                    layouts[shape] = offsets
            if offsets:
                at = run.start()
                positions.extend(at + o for o in offsets)
        return positions

    def _fill(self, lowers: list[int], kinds: list) -> list[int]:
        cache, strings = self.kinds, self.strings
        if len(cache) > CACHE_LIMIT:
            cache.clear()
        for i, kind in enumerate(kinds):
            if kind is None:
                h = lowers[i]
                kind = cache.get(h)
                if kind is None:
                    text = strings[h]
                    kind = 0
                    if h in self.terminals or _CODE_END.match(text):
                        kind |= _END
                    if h in self.closers:
                        kind |= _CLOSER
                    if text.isspace():
                        kind |= _SPACE | (_END if "\n" in text else 0)
                    cache[h] = kind
                kinds[i] = kind
        return kinds


def _ends_code(doc: Doc, i: int) -> bool:
    """Is the letter-and-stop at i the end of a code split at its joint ("14/A.", "7-Б.") with a
    capitalised word after it?"""
    return (i >= 2 and doc[i - 1].text in _CODE_JOINS and doc[i - 2].text[-1:].isdigit()
            and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_ and _before_capital(doc, i))


def _before_capital(doc: Doc, i: int) -> bool:
    """Does a space and a capitalised word follow the token at i?"""
    return i + 1 < len(doc) and bool(doc[i].whitespace_) and doc[i + 1].is_title and doc[i + 1].is_alpha


def _run_layout(shape: bytes) -> tuple[int, ...]:
    """Offsets within a run of non-word tokens (plus the word after it, if
    any) that start a sentence. The token before the run is a word or the
    start of the doc, so it ends nothing: runs are independent of each other."""
    n = len(shape)
    ends = [bool(k & _END) for k in shape]
    closers = [bool(k & _CLOSER) for k in shape]
    space = [bool(k & _SPACE) for k in shape]
    prev_end = [False] + ends[:-1]
    # closing quotes after an ending belong to it, through further terminals and closers
    for i in [i for i in range(n) if prev_end[i] and closers[i]]:
        prev_end[i] = False
        j = i
        while j + 1 < n and (ends[j + 1] or closers[j + 1]):
            j += 1
        if j + 1 < n:
            prev_end[j + 1] = True
    starts = {i for i in range(n) if prev_end[i] and not (ends[i] or closers[i] or space[i])}
    # whitespace after an ending belongs to the previous sentence; the next token starts one
    for i in range(n):
        if prev_end[i] and space[i]:
            j = i
            while j < n and space[j]:
                j += 1
            if j < n:
                starts.add(j)
    return tuple(sorted(starts))


class _CachedAnnotator:
    """Shared vectorised write of cached (lemma, pos, morph) rows.

    Each distinct LOWER hash gets a row index into `table` (one uint64 column
    per written attribute); a doc is annotated by one fancy-indexing gather
    and one `Doc.from_array`."""

    def __init__(self, nlp: Language, attrs: list[str]):
        self.vocab = nlp.vocab
        self.attrs = [a for a in ("LEMMA", "POS", "MORPH") if a in attrs]
        self.attr_ids = [ATTR_IDS[a] for a in self.attrs]
        self.columns = [("LEMMA", "POS", "MORPH").index(a) for a in self.attrs]
        self.index: dict[int, int] = {}  # LOWER hash -> row of `table`
        self.table = numpy.zeros((1024, max(len(self.columns), 1)), dtype="uint64")

    def __call__(self, doc: Doc) -> Doc:
        if not self.attr_ids or len(doc) == 0:
            return doc
        lowers = column(doc, LOWER)
        get = self.index.get
        rows = list(map(get, lowers))
        if None in rows:
            rows = self._fill(lowers, rows)
        doc.from_array(self.attr_ids, self.table[rows])
        return doc

    def _fill(self, lowers: list[int], rows: list) -> list[int]:
        index = self.index
        if len(index) > CACHE_LIMIT:
            index.clear()
            rows = [None] * len(lowers)
        strings = self.vocab.strings
        columns = self.columns
        for i, row in enumerate(rows):
            if row is None:
                h = lowers[i]
                row = index.get(h)
                if row is None:
                    row = len(index)
                    if row == len(self.table):
                        self.table = numpy.concatenate([self.table, numpy.zeros_like(self.table)])
                    values = self._row(strings[h])
                    self.table[row] = [values[c] for c in columns]
                    index[h] = row
                rows[i] = row
        return rows

    def _row(self, lower: str) -> tuple[int, int, int]:
        lemma, pos, morph = self.analyze(lower)
        vocab = self.vocab
        return (
            vocab.strings.add(lemma),
            vocab.strings[pos] if pos else 0,
            vocab.morphology.add(morph) if morph else vocab.morphology.add(""),
        )

    def analyze(self, lower: str) -> tuple[str, str, str]:
        raise NotImplementedError


# pymorphy3 (OpenCorpora) tags to Universal Dependencies
RU_POS = {
    "NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "VERB": "VERB", "INFN": "VERB",
    "PRTF": "VERB", "PRTS": "VERB", "GRND": "VERB", "NUMR": "NUM", "ADVB": "ADV", "NPRO": "PRON",
    "PRED": "ADV", "PREP": "ADP", "CONJ": "CCONJ", "PRCL": "PART", "INTJ": "INTJ",
    "LATN": "X", "PNCT": "PUNCT", "NUMB": "NUM", "intg": "NUM", "real": "NUM", "ROMN": "NUM", "UNKN": "X",
}
RU_FEATURES = {
    "1per": ("Person", "1"), "2per": ("Person", "2"), "3per": ("Person", "3"),
    "sing": ("Number", "Sing"), "plur": ("Number", "Plur"),
    "masc": ("Gender", "Masc"), "femn": ("Gender", "Fem"), "neut": ("Gender", "Neut"),
    "past": ("Tense", "Past"), "pres": ("Tense", "Pres"), "futr": ("Tense", "Fut"),
    "indc": ("Mood", "Ind"), "impr": ("Mood", "Imp"),
    "nomn": ("Case", "Nom"), "gent": ("Case", "Gen"), "datv": ("Case", "Dat"), "accs": ("Case", "Acc"),
    "ablt": ("Case", "Ins"), "loct": ("Case", "Loc"), "voct": ("Case", "Voc"), "gen2": ("Case", "Gen"),
    "acc2": ("Case", "Acc"), "loc2": ("Case", "Loc"),
    "perf": ("Aspect", "Perf"), "impf": ("Aspect", "Imp"),
    "actv": ("Voice", "Act"), "pssv": ("Voice", "Pass"),
    "anim": ("Animacy", "Anim"), "inan": ("Animacy", "Inan"),
    "Name": ("NameType", "Giv"), "Surn": ("NameType", "Sur"), "Patr": ("NameType", "Pat"),
}
RU_VERBFORM = {"INFN": "Inf", "PRTF": "Part", "PRTS": "Part", "GRND": "Conv", "VERB": "Fin"}


def ru_morph_features(tag) -> str:
    """Map one pymorphy3 tag to a UD FEATS string."""
    feats: dict[str, str] = {}
    for grammeme in tag.grammemes:
        if grammeme in RU_FEATURES:
            key, value = RU_FEATURES[grammeme]
            feats.setdefault(key, value)
    pos = tag.POS
    if pos in RU_VERBFORM:
        feats["VerbForm"] = RU_VERBFORM[pos]
    if pos in ("ADJS", "PRTS"):
        feats["Variant"] = "Short"
    if pos == "COMP":
        feats["Degree"] = "Cmp"
    if "impr" in tag.grammemes and "Person" not in feats:
        feats["Person"] = "1" if "incl" in tag.grammemes else "2"
    return "|".join(f"{k}={v}" for k, v in sorted(feats.items()))


def ru_pos(tag) -> str:
    if tag.POS in ("NOUN",) and ({"Name", "Surn", "Patr"} & tag.grammemes):
        return "PROPN"
    return RU_POS.get(tag.POS or next(iter(tag.grammemes), "UNKN"), "X") if tag.POS else _ru_nonword_pos(tag)


def _ru_nonword_pos(tag) -> str:
    for grammeme in tag.grammemes:
        if grammeme in RU_POS:
            return RU_POS[grammeme]
    return "X"


@functools.cache
def morph_analyzer():
    """pymorphy3's analyzer loads its dictionaries (~0.05 s, ~15 MB): once per
    process, shared read-only by the annotator and the rewrite templates."""
    import pymorphy3

    from .cache import gc_paused

    with gc_paused():
        return pymorphy3.MorphAnalyzer(lang="ru")


@Language.factory("replylint_ru_morph", default_config={"attrs": ["LEMMA", "POS", "MORPH"]})
def make_ru_morph(nlp: Language, name: str, attrs: list[str]):
    return RussianAnnotator(nlp, attrs)


class RussianAnnotator(_CachedAnnotator):
    def __init__(self, nlp: Language, attrs: list[str]):
        super().__init__(nlp, attrs)
        self._analyzer = None  # loaded on the first word to analyse

    @property
    def analyzer(self):
        if self._analyzer is None:
            self._analyzer = morph_analyzer()
        return self._analyzer

    def analyze(self, lower: str) -> tuple[str, str, str]:
        if not lower.strip():
            return lower, "SPACE", ""
        try:
            parse = self.analyzer.parse(lower)[0]
        except ValueError:
            # pymorphy3 looks up unicodedata.name() of every letter; letters
            # without a name (U+17000 TANGUT ...) raise: an unknown word
            return lower, "X", ""
        return parse.normal_form, ru_pos(parse.tag), ru_morph_features(parse.tag)

    def readings(self, lower: str) -> tuple[str, ...]:
        """The morphological features of every reading of the word, not only the
        likeliest («мерила»: the noun «мерило» first, then a past-tense verb)."""
        try:
            return tuple(ru_morph_features(parse.tag) for parse in self.analyzer.parse(lower))
        except ValueError:
            return ()


@Language.factory(
    "replylint_en_morph",
    default_config={"attrs": ["LEMMA", "POS", "MORPH"], "lexicon": {}},
)
def make_en_morph(nlp: Language, name: str, attrs: list[str], lexicon: dict):
    return EnglishAnnotator(nlp, attrs, lexicon)


class EnglishAnnotator(_CachedAnnotator):
    def __init__(self, nlp: Language, attrs: list[str], lexicon: dict):
        super().__init__(nlp, attrs)
        self.closed = {w: pos for pos, words in lexicon.get("closed_class", {}).items() for w in words}
        self.features = dict(lexicon.get("features", {}))
        self.lemmas = dict(lexicon.get("lemmas", {}))
        self.priority = list(lexicon.get("pos_priority", ["VERB", "NOUN", "ADJ", "ADV"]))
        self.lemminflect = lemminflect_table()  # lemminflect's answers without loading its tables

    def parts_of_speech(self, lower: str) -> tuple[str, ...]:
        """Every part of speech lemminflect knows the word form as ("regular": a noun, an adjective); a
        form it does not know may be a noun ("waterings", "refills"): the open class."""
        return tuple(self.lemminflect.lemmas(lower)) or ("NOUN",)

    def analyze(self, lower: str) -> tuple[str, str, str]:
        from lemminflect import getAllInflectionsOOV, getAllLemmasOOV

        if not lower.strip():
            return lower, "SPACE", ""
        if not any(ch.isalpha() for ch in lower):
            return lower, ("NUM" if any(ch.isdigit() for ch in lower) else "PUNCT"), ""
        feats = self.features.get(lower, "")
        readings = self.lemminflect.lemmas(lower)
        if not readings and lower.isalpha() and lower.endswith(("ed", "ing", "s")):
            readings = getAllLemmasOOV(lower, "VERB")
        pos = self.closed.get(lower)
        if pos is None:
            pos = next((p for p in self.priority if p in readings), "X" if not readings else next(iter(readings)))
        lemma = self.lemmas.get(lower)
        if lemma is None:
            lemma = readings[pos][0] if pos in readings else next(iter(readings.values()), (lower,))[0]
        verb_lemma = (readings.get("VERB") or readings.get("AUX") or (None,))[0]
        if verb_lemma and verb_lemma != lower and not feats:
            forms = self.lemminflect.verb_forms(verb_lemma) or getAllInflectionsOOV(verb_lemma, upos="VERB")
            # lemminflect lists a regular verb's "-ed" form once, as VBD: it is
            # also the participle, and without a tagger both readings stay
            participle = lower in forms.get("VBN", ()) or (lower in forms.get("VBD", ()) and "VBN" not in forms)
            past = lower in forms.get("VBD", ())
            if participle and past:
                feats = "Tense=Past|VerbForm=Fin,Part"
            elif participle:
                feats = "Tense=Past|VerbForm=Part"
            elif past:
                feats = "Tense=Past|VerbForm=Fin"
            elif lower in forms.get("VBG", ()):
                feats = "VerbForm=Ger"
        return lemma.lower(), pos, feats


SUFFIX_WINDOW = 32  # longer than any suffix spaCy splits off ("km²", "'s", "...")


@spacy.registry.tokenizers("replylint.Tokenizer.v1")
def create_tokenizer():
    """spaCy's default tokenizer, with a suffix search that looks only at the
    end of a string.

    spaCy strips suffixes one at a time and searches the whole remaining
    string for each (an `...$` regex scans from the start), so a run such
    as "!!!!…" or "'s's's…" costs time quadratic in its length. Only the
    match's length is used, and every suffix is shorter than the window.
    (Setting `tokenizer.suffix_search` afterwards would reload the special
    cases: a tenth of a cold start.)"""
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    def tokenizer_factory(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        search = compile_suffix_regex(defaults.suffixes).search if defaults.suffixes else None

        def suffix_search(text: str):
            return search(text if len(text) <= SUFFIX_WINDOW else text[-SUFFIX_WINDOW:])

        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(defaults.prefixes).search if defaults.prefixes else None,
            suffix_search=suffix_search if search else None,
            infix_finditer=compile_infix_regex(defaults.infixes).finditer if defaults.infixes else None,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return tokenizer_factory


def blank(lang: str) -> Language:
    """`spacy.blank(lang)` with our tokenizer."""
    return spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": "replylint.Tokenizer.v1"}}})


def add_components(nlp: Language, lang: str, language_config: dict, attrs: frozenset[str]) -> Language:
    """Add our components to a blank pipeline; annotate only the attributes in `attrs`."""
    sentences = language_config.get("sentences", {})
    nlp.add_pipe(
        "replylint_sentences",
        config={"terminals": list(sentences.get("terminals", [".", "!", "?"])), "closers": list(sentences.get("closers", [])),
                "abbreviation_ends": list(sentences.get("abbreviation_ends", [])),
                "number_abbreviation_ends": list(sentences.get("number_abbreviation_ends", []))},
    )
    needed = sorted(a for a in attrs if a in ATTR_IDS)
    if needed:
        if lang == "ru":
            nlp.add_pipe("replylint_ru_morph", config={"attrs": needed})
        else:
            lexicon = {k: language_config.get(k, {}) for k in ("closed_class", "features", "lemmas")}
            lexicon["pos_priority"] = language_config.get("pos_priority", [])
            nlp.add_pipe("replylint_en_morph", config={"attrs": needed, "lexicon": lexicon})
    return nlp
