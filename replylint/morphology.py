"""Word forms for rule compilation (every inflected form of a phrase word)
and for rewrites (inflect a captured word, agree it with a noun).

Expanding a pack's words into all their forms is most of the cost of
compiling it, so the expansions are kept in a small on-disk cache (see
FormsCache); with a warm cache a check that needs no annotation never loads
pymorphy3 or lemminflect's tables."""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import metadata

from .cache import cache_dir, read_cache, remember, write_atomically
from .wordtable import lemminflect_table


# Bump when the expansion code below or the cache file's layout changes:
# cached expansions carry it.
FORMS_VERSION = 3
_FORMS_TAG = "replylint-forms"
_VALID_PATTERNS = "valid-patterns"


class FormsCache:
    """word -> forms expansions of one language, persisted as JSON:
    {"format": "replylint-forms", "version": FORMS_VERSION, "entries": {...}}.

    The file name carries a digest of everything the expansions depend on
    (replylint, pymorphy3 and its dictionaries, lemminflect, the language
    settings), so a stale cache is never read. Failing to read or write it
    only costs time, and so does anything unexpected in it: a file that is
    not this envelope is ignored whole, an entry of the wrong shape is
    recomputed, and the file is rewritten."""

    def __init__(self, lang: str, settings: dict):
        versions = []
        for package in ("replylint", "pymorphy3", "pymorphy3-dicts-ru", "lemminflect", "spacy"):
            try:
                versions.append(f"{package}={metadata.version(package)}")
            except metadata.PackageNotFoundError:
                versions.append(f"{package}=none")
        digest = hashlib.sha256(
            json.dumps([FORMS_VERSION, versions, settings], sort_keys=True, default=str).encode()
        ).hexdigest()
        self.path = cache_dir() / f"forms-{lang}-{digest[:16]}.json"
        self.entries: dict[str, list[str]] = self._read()
        self._checked: dict[str, frozenset[str]] = {}  # key -> its entry, checked (or computed) in this process
        self._known_valid: set[str] | None = None  # the valid-pattern digests as a set (a pack has thousands)
        self.dirty = False

    def _read(self) -> dict:
        data = read_cache(self.path)
        if data is None:
            return {}
        try:
            envelope = json.loads(data.decode("utf-8"))
        except Exception:  # noqa: BLE001 - garbage, truncated, too deeply nested...: a miss
            return {}
        if (type(envelope) is not dict or envelope.get("format") != _FORMS_TAG
                or envelope.get("version") != FORMS_VERSION or type(envelope.get("entries")) is not dict):
            return {}
        return envelope["entries"]  # each entry is checked when it is used

    def _valid_patterns(self) -> list:
        known = self.entries.get(_VALID_PATTERNS)
        if type(known) is not list:
            known = self.entries[_VALID_PATTERNS] = []
        return known

    def is_known_valid(self, pattern_digest: str) -> bool:
        """Was this token pattern validated by spaCy before (same spaCy version)?"""
        if self._known_valid is None:
            self._known_valid = {d for d in self._valid_patterns() if type(d) is str}
        return pattern_digest in self._known_valid

    def remember_valid(self, pattern_digest: str) -> None:
        self._valid_patterns().append(pattern_digest)
        if self._known_valid is not None:
            self._known_valid.add(pattern_digest)
        self.dirty = True

    def get(self, kind: str, word: str, compute) -> frozenset[str]:
        key = f"{kind}:{word}"
        found = self._checked.get(key)
        if found is not None:
            return found  # (the packs ask for the same lemma's forms thousands of times at a cold start)
        cached = self.entries.get(key)
        # an expansion is a list of strings that holds the word itself (every `compute` includes it)
        if type(cached) is not list or set(map(type, cached)) != {str} or word.lower() not in cached:
            cached = self.entries[key] = sorted(compute(word))
            self.dirty = True
        found = self._checked[key] = frozenset(cached)
        return found

    def save(self) -> None:
        if self.dirty:
            envelope = {"format": _FORMS_TAG, "version": FORMS_VERSION, "entries": self.entries}
            write_atomically(self.path, json.dumps(envelope, ensure_ascii=False).encode("utf-8"))
            self.dirty = False


class _Morphology:
    """Word-form expansion through the cache; subclasses compute `_forms`
    (a word's lexeme) and `_lemma_forms` (every form with that lemma)."""

    cache: FormsCache | None = None

    def forms(self, word: str) -> frozenset[str]:
        return self.cache.get("forms", word, self._forms) if self.cache else self._forms(word)

    def lemma_forms(self, lemma: str) -> frozenset[str]:
        return self.cache.get("lemma", lemma, self._lemma_forms) if self.cache else self._lemma_forms(lemma)

    def _forms(self, word: str) -> frozenset[str]:
        raise NotImplementedError

    def _lemma_forms(self, lemma: str) -> frozenset[str]:
        raise NotImplementedError


PARSES_KEPT = 1000  # words whose pymorphy3 parses stay in memory (see RussianMorphology.parse)


class RussianMorphology(_Morphology):
    lang = "ru"
    PROPER_NAMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})  # pymorphy3's grammemes of proper names

    def __init__(self, cache: FormsCache | None = None):
        self.cache = cache
        self._analyzer = None
        self._parses: dict[str, tuple] = {}  # word -> its parses (names, greetings and sign-offs recur)

    @property
    def analyzer(self):
        if self._analyzer is None:
            from .nlp import morph_analyzer

            self._analyzer = morph_analyzer()
        return self._analyzer

    def parse(self, word: str) -> tuple:
        """pymorphy3's parses; none for a word it cannot read (it looks up
        unicodedata.name() of each letter, and some letters have none). Kept per
        word: the register profile parses every name, greeting and sign-off of
        every message (a few µs each), and they recur. A tuple: callers share it."""
        found = self._parses.get(word)
        if found is None:
            try:
                found = tuple(self.analyzer.parse(word))
            except ValueError:
                found = ()
            # (bounded: a parse holds its tag and lexeme methods, ~1 KB a word)
            remember(self._parses, word, found, PARSES_KEPT)
        return found

    def _forms(self, word: str) -> frozenset[str]:
        """All forms of the word's most likely lexeme (and the word itself)."""
        word = word.lower()
        parses = self.parse(word)
        forms = {word}
        # words the dictionary lacks ("вебинар") get pymorphy3's predicted
        # paradigm; only for Cyrillic words, where the prediction is sound
        if parses and (parses[0].is_known or _is_cyrillic(word)):
            forms.update(p.word for p in parses[0].lexeme)
        return frozenset(f.replace("ё", "е") for f in forms) | frozenset(forms)

    def lemma(self, word: str) -> str:
        parses = self.parse(word)
        return parses[0].normal_form if parses else word.lower()

    def _lemma_forms(self, lemma: str) -> frozenset[str]:
        """Every form whose lemma can be `lemma` (all its homonyms' lexemes)."""
        lemma = lemma.lower()
        forms = {lemma}
        for parse in self.parse(lemma):
            if parse.normal_form == lemma:
                forms.update(p.word for p in parse.lexeme)
        return frozenset(forms) | frozenset(f.replace("ё", "е") for f in forms)

    def inflect(self, word: str, grammemes: frozenset[str]) -> str | None:
        for parse in self.parse(word)[:3]:
            form = parse.inflect(set(grammemes))
            if form is not None:
                return _same_case(word, form.word)
        return None

    def _noun_parses(self, word: str) -> list:
        """Parses of a word in a noun phrase: a capitalised abbreviation («ИНН»)
        reads as the abbreviation, not as a name («Инн», plural of «Инна»)."""
        parses = self.parse(word)
        if len(word) > 1 and word.isupper():
            return [p for p in parses if "Abbr" in p.tag] or parses
        return parses

    def _head(self, words: list[str]) -> int:
        """Where a noun phrase's head ends: its first noun («номер» in «номер
        квартиры»); what follows it (a genitive, a prepositional phrase) keeps its
        own case, number and gender. The last word when none reads as a noun."""
        for i, word in enumerate(words):
            parses = self._noun_parses(word)
            if parses and parses[0].tag.POS == "NOUN":
                return i
        return len(words) - 1

    def number(self, words: list[str]) -> str | None:
        """Grammatical number of a noun phrase: the one reading all the words
        up to its head share."""
        words = words[: self._head(words) + 1] if words else words
        possible: set[str] | None = None
        for word in words:
            numbers = {p.tag.number for p in self._noun_parses(word) if p.tag.number}
            if numbers:
                possible = numbers if possible is None else (possible & numbers) or possible
        if not possible:
            return None
        if len(possible) == 1:
            return next(iter(possible))
        parses = self._noun_parses(words[-1])
        if parses and all("Fixd" in p.tag for p in parses if p.tag.number):
            return "sing"  # an indeclinable head («ИНН», «меню») reads as one thing
        # «настройки», «письма»: genitive singular or nominative/accusative plural. A captured
        # phrase is far more often a subject or a direct object: the direct cases decide
        direct = [p for p in parses if p.tag.case in ("nomn", "accs") and p.tag.number]
        return (direct or parses)[0].tag.number if parses else None

    def gender(self, words: list[str]) -> str | None:
        words = words[: self._head(words) + 1] if words else words
        for word in reversed(words):
            for parse in self._noun_parses(word):
                if parse.tag.POS == "NOUN" and parse.tag.gender:
                    return parse.tag.gender
        return None

    def phrase_case(self, words: list[str], case: str) -> list[str]:
        """Put a noun phrase into another case, keeping the number the phrase
        agrees on; the words after its head stay as written («номер квартиры»)."""
        number = self.number(words)
        head = self._head(words) if words else 0
        # a modifier before a singular head takes the head's gender («Вашего бухгалтера» → «Ваш бухгалтер», not «Ваше»)
        gender = self.gender(words[head:head + 1]) if words and number == "sing" else None
        out = []
        for i, word in enumerate(words):
            if i > head or not word.isalpha() or (word.isupper() and len(word) > 1):
                out.append(word)  # numbers, codes, abbreviations (ИНН) stay as written
                continue
            parses = self.parse(word)
            fitting = [p for p in parses if p.tag.case and (number is None or p.tag.number in (number, None))]
            agrees = gender if i < head else None  # (a modifier before the head)
            if agrees:
                fitting = [p for p in fitting if p.tag.gender in (agrees, None)] or fitting
            form = None
            for parse in fitting[:3]:
                wanted = {case} | ({number} if number and parse.tag.number else set())
                if agrees and parse.tag.gender:
                    wanted.add(agrees)
                form = parse.inflect(wanted)
                if form is not None:
                    break
            out.append(_same_case(word, form.word) if form is not None else word)
        return out

    def replace_lexeme(self, word: str, mapping: dict[str, str]) -> str:
        """`word` with its lexeme replaced by the one `mapping` gives for its lemma
        («кнопочку», {кнопочка: кнопка} → «кнопку»), in the same case and number
        (and gender, for an adjective); the word as it was when no lemma is a key."""
        for parse in self.parse(word)[:3]:
            plain = mapping.get(parse.normal_form) or mapping.get(parse.normal_form.replace("ё", "е"))
            if plain is None:
                continue
            tag = parse.tag
            wanted = {g for g in (tag.case, tag.number) if g}
            if tag.POS in ("ADJF", "ADJS") and tag.number != "plur" and tag.gender:
                wanted.add(tag.gender)
            if tag.POS in ("ADJF", "ADJS") and tag.animacy and tag.case == "accs":
                wanted.add(tag.animacy)
            for target in self.parse(plain):
                if target.normal_form.replace("ё", "е") != plain.replace("ё", "е") or target.tag.POS != tag.POS:
                    continue
                form = target.inflect(wanted)
                if form is not None:
                    return _same_case(word, form.word)
            return _same_case(word, plain)  # (an indeclinable plain form: «меню»)
        return word

    def replace_suffix(self, word: str, mapping: dict[str, str]) -> str:
        """`word` as the plain word its lemma makes with a suffix swapped (`mapping`:
        suffix -> endings separated by "/", "-" for none, the longest suffix first: «скрепочка»,
        {очка: ка} → «скрепка»), in the same case and number (and gender, and short
        form, for an adjective: «аккуратненько» → «аккуратно»). Only a plain word the
        dictionary knows, of the same part of speech; the word as it was otherwise."""
        adjectives = ("ADJF", "ADJS")
        suffixes = sorted(mapping, key=len, reverse=True)
        for parse in self.parse(word)[:2]:
            tag, lemma = parse.tag, parse.normal_form.replace("ё", "е")
            for suffix in suffixes:
                stem = lemma[: -len(suffix)] if lemma.endswith(suffix.replace("ё", "е")) else ""
                if len(stem) < 2:
                    continue
                for ending in mapping[suffix].split("/"):
                    plain = stem + ending.strip("-")
                    for target in self.parse(plain):
                        same = target.tag.POS == tag.POS or (target.tag.POS in adjectives and tag.POS in adjectives)
                        # (a surname or a place is no plain word of a common one: «черновик» is no «Чернов»)
                        proper = target.tag.grammemes & self.PROPER_NAMES and not tag.grammemes & self.PROPER_NAMES
                        if proper or not (target.is_known and same and target.normal_form.replace("ё", "е") == plain):
                            continue
                        wanted = {g for g in (tag.case, tag.number) if g}
                        if tag.POS in adjectives and tag.number != "plur" and tag.gender:
                            wanted.add(tag.gender)
                        if tag.POS in adjectives and tag.animacy and tag.case == "accs":
                            wanted.add(tag.animacy)
                        if tag.POS == "ADJS":
                            wanted.add("ADJS")
                        form = target.inflect(wanted) if wanted else target
                        if form is not None:
                            return _same_case(word, form.word)
        return word

    def agree(self, word: str, phrase: list[str]) -> str:
        number = self.number(phrase)
        if number is None:
            return word
        grammemes = {number}
        if number == "sing":
            gender = self.gender(phrase)
            if gender:
                grammemes.add(gender)
        return self.inflect(word, frozenset(grammemes)) or word


class EnglishMorphology(_Morphology):
    lang = "en"

    def __init__(self, lemma_overrides: dict | None = None, cache: FormsCache | None = None):
        self.lemma_overrides = dict(lemma_overrides or {})
        self.cache = cache

    def _forms(self, word: str) -> frozenset[str]:
        from lemminflect import getAllInflections, getAllLemmas

        word = word.lower()
        forms = {word}
        for lemmas in getAllLemmas(word).values():
            for lemma in lemmas:
                forms.add(lemma.lower())
                for inflected in getAllInflections(lemma).values():
                    forms.update(f.lower() for f in inflected)
        return frozenset(forms)

    def _lemma_forms(self, lemma: str) -> frozenset[str]:
        """Every form whose lemma can be `lemma` (plus forms given that lemma by
        the language file's overrides, like n't -> not)."""
        from lemminflect import getAllInflections, getAllInflectionsOOV

        lemma = lemma.lower()
        forms = {lemma} | {form for form, target in self.lemma_overrides.items() if target == lemma}
        inflections = getAllInflections(lemma) or getAllInflectionsOOV(lemma, "VERB")
        for inflected in inflections.values():
            forms.update(f.lower() for f in inflected)
        if lemma.isalpha():
            forms.update(f.lower() for f in getAllInflectionsOOV(lemma, "NOUN").get("NNS", ()))
        return frozenset(forms)

    def lemma(self, word: str) -> str:
        from lemminflect import getAllLemmasOOV

        lower = word.lower()
        readings = lemminflect_table().lemmas(lower)
        for pos in ("VERB", "AUX", "NOUN", "ADJ", "ADV"):
            if pos in readings:
                return readings[pos][0]
        if lower.isalpha() and lower.endswith(("ed", "ing", "s")):
            # words lemminflect does not know ("whitelisted", "misconfigured")
            return getAllLemmasOOV(lower, "VERB").get("VERB", (lower,))[0]
        return lower

    def inflect(self, word: str, grammemes: frozenset[str]) -> str | None:
        from lemminflect import getInflection

        for tag in grammemes:
            forms = getInflection(self.lemma(word), tag=tag)
            if forms:
                return _same_case(word, forms[0])
        return None

    def number(self, words: list[str]) -> str | None:
        if not words:
            return None
        head = words[-1].lower()
        nouns = lemminflect_table().lemmas(head).get("NOUN")
        if nouns:
            return "sing" if head in nouns else "plur"
        # unknown nouns ("templates", "URLs"): the regular plural ending
        if head.isalpha() and head.endswith("s") and not head.endswith(("ss", "us", "is")):
            return "plur"
        return "sing"

    def phrase_case(self, words: list[str], case: str) -> list[str]:
        return words  # English nouns do not inflect for case

    def replace_lexeme(self, word: str, mapping: dict[str, str]) -> str:
        """`word` replaced as `mapping` gives for it or its lemma (the plain form as written)."""
        plain = mapping.get(word.lower()) or mapping.get(self.lemma(word))
        return _same_case(word, plain) if plain else word

    def replace_suffix(self, word: str, mapping: dict[str, str]) -> str:
        return word  # (no productive suffixes in English)

    def agree(self, word: str, phrase: list[str]) -> str:
        return word


def _is_cyrillic(word: str) -> bool:
    return word.isalpha() and all("а" <= ch <= "я" or ch == "ё" for ch in word)


def _same_case(original: str, form: str) -> str:
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


# Penn Treebank tags lemminflect's getInflection inflects to (its uposToTags for
# VERB/AUX, ADJ, ADV and NOUN; tests check the two agree). Kept here so that
# validating a template does not import lemminflect.
ENGLISH_INFLECTION_TAGS = (
    "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD", "NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "RB", "RBR", "RBS",
)


@functools.cache
def russian_grammemes() -> dict[str, tuple[str, str]] | None:
    """pymorphy3's grammemes (OpencorporaTag.KNOWN_GRAMMEMES once its analyzer
    has loaded the dictionary): name -> (parent, Cyrillic alias), read from the
    dictionary's grammemes.json without loading pymorphy3; None if unavailable."""
    try:
        import pymorphy3_dicts_ru

        with open(f"{pymorphy3_dicts_ru.get_path()}/grammemes.json", encoding="utf-8") as handle:
            entries = json.load(handle)
        return {name: (parent or "", alias or "") for name, parent, alias, *_ in entries}
    except Exception:  # noqa: BLE001 - no dictionary package or an unexpected format: validate nothing
        return None


def russian_cases() -> frozenset[str] | None:
    """pymorphy3's case grammemes (OpencorporaTag.CASES): everything under `CAse`."""
    grammemes = russian_grammemes()
    if grammemes is None:
        return None

    def under_case(name: str) -> bool:
        seen = set()
        while name and name not in seen:
            seen.add(name)
            name = grammemes.get(name, ("", ""))[0]
            if name == "CAse":
                return True
        return False

    return frozenset(name for name in grammemes if under_case(name))


def morphology_for(lang: str, language_config: dict | None = None, cache: FormsCache | None = None):
    if lang == "ru":
        return RussianMorphology(cache)
    return EnglishMorphology((language_config or {}).get("lemmas", {}), cache)
