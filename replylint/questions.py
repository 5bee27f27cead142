"""Questions in a customer's message and whether the reply covers them.

Everything works on token hashes of a doc the engine already made: words are
compared by a key (their Snowball stem cut to `stem_prefix` letters, or the
first word of their YAML synonym group), cached per word form, so a message
costs its tokenization and a dict lookup per token; no annotation is needed.
The lexicons (cues, question words, stop words, synonyms, deferrals, what
"already tried" looks like) and thresholds live in rules/language/<lang>.yaml
under `questions:`.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.attrs import IDX, LENGTH, LIKE_NUM, LOWER

from .cache import remember
from .cleaning import CODE_INDENTS
from .nlp import COLUMNS, column, positions_in

KINDS = ("yes-no", "wh", "choice", "request")
STATUSES = ("answered", "deferred", "unanswered", "unclear")
_LETTERS = re.compile(r"[^\W\d_]+")
_SPACES = re.compile(r"\s")
_DIGIT = re.compile(r"\d")
_NO_CUES: frozenset[str] = frozenset()
# a clause that opens as a question (at the start, or after a comma: "Hi Jo, for the 40th, can you…")
_ASKING_CUES = frozenset({"wh-first", "inverted-first", "inverted-clause"})
# questions read per message, and reply questions checked for redundancy: a
# support message asks a handful; past this it is a pasted list or noise, and
# the rest is not read (coverage stays linear in the message)
MAX_QUESTIONS = 50
GIVEN_REACH = 3  # words either side of a «gave» cue that name what was sent ("a couple of … (photos attached)")
SIGNATURE_TOKENS = 9  # a sign-off, a comma and a name ("thx, Rob (Finch & Co)")
RHETORICAL_WORDS = 6  # a rhetorical cue makes a question rhetorical only in a sentence this short
HEDGE_TAIL_WORDS = 3  # a hedged estimate closing a statement: "…, maybe 4?", «…, где-то 5 штук?»
PLACEHOLDER_END = ": …"  # how the rules' placeholder sentences end until an agent fills them in
_LINK_CUE = frozenset({"link"})
_URL = re.compile(r"(?:https?://|www\.)\S+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]*\w")  # an address to write to («help@rutube.ru»)
_URL_WORD = re.compile(r"[^\W\d_]{3,}")
MAX_LINK_WORDS = 12  # words read from one link's path
URL_CACHE_LIMIT = 10_000  # links whose words are kept (a support team links the same articles)
_CODE_CUE = frozenset({"code"})
_EXCLAIMED_CUE = frozenset({"exclaimed"})
_YES_NO_CUES = frozenset({"ask.yes-no"})  # a reply sentence asking yes/no («…, занималась ли…?»)
_YES_NO_ANSWERS = frozenset({"yes-no-answer", "direct-answer", "modal-answer"})  # a reply sentence saying yes or no
_GIVEN_BY = {"wh.time": "answer.time", "wh.number": "answer.number"}  # what a statement that gave the asked value holds
_MONTH_CUES = frozenset({"answer.time", "answer.month"})  # a month named beside a number ("on 9 May")
_TIME_CUE = frozenset({"answer.time"})  # a clock time said with a bare "am" after the number ("by 11 am")
_QUOTE_PAIRS = (("«", "»"), ("“", "”"), ("„", "“"))
_FENCE = "```"
# a single quote opening a quotation (after a space, a colon or a bracket, before a letter) and one closing it
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[:]))'(?=[^\W\d_])")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.?!,])'(?=[\s.,;:!?)\]]|$)")
QUOTE_REACH = 400  # characters before a sentence read for a quotation opened earlier on its line
# a line of this many capitalised words at most: a customer's name under the message (without «?»), or a
# reply's signature line, which may name the business too ("Nina, Pulse Support")
NAME_LINE_WORDS = 3
SIGNATURE_LINE_WORDS = 4


# a list marker before a sentence's first word: "1)", «2.», "•"
_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[).•*·–-])$")
_MARKER_NUMBER = re.compile(r"^\d{1,2}$")  # "1" of "1)" when the tokenizer splits it


def _is_value(word: str) -> bool:
    """A number or a name: "2.4.1", «RTX», «Шереметьево» (not "I")."""
    return bool(_DIGIT.search(word)) or (len(word) > 1 and word[0].isupper() and word[1:2].isalpha()) \
        or ("@" in word[1:-1] and "." in word)  # an e-mail address: «k.sidorova@yandex.ru»


# a line opening with a log timestamp: "[09:14:02] Error: …?", "2024-03-01 10:22:01 WARN …", "10:22:01 …"
_LOG_LINE = re.compile(r"[ \t]*(?:\[[^\]\n]{0,30}\d{1,2}:\d{2}(?::\d{2})?[^\]\n]{0,12}\]"
                       r"|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\d{1,2}:\d{2}:\d{2}\b)")


def _in_code(text: str, end: int) -> bool:
    """Is the line holding text[end - 1] indented as code (four spaces or a tab), or a
    pasted log line opening with a timestamp?"""
    line_start = text.rfind("\n", 0, end) + 1
    return text.startswith(CODE_INDENTS, line_start) or _LOG_LINE.match(text, line_start) is not None


def fences(text: str) -> list[int]:
    """Where ``` marks are in a text (found once per message; most have none)."""
    if _FENCE not in text:
        return []
    out, at = [], text.find(_FENCE)
    while at >= 0:
        out.append(at)
        at = text.find(_FENCE, at + len(_FENCE))
    return out


def read_lowers(doc) -> None:
    """Read the LOWER column alone of a doc no step has read yet (a customer message that only the questions step
    reads): the first read of a column takes every shared one (`nlp.columns`), a `to_array` of seven that costs what
    tokenizing the message does, and the questions step needs LOWER (character offsets come from the few tokens a
    sentence starts and ends with). A later step asking for more reads the rest then."""
    if COLUMNS not in doc.user_data:
        doc.user_data[COLUMNS] = {LOWER: doc.to_array(LOWER).tolist()}


def in_fence(marks: list[int], at: int, opened: bool = False) -> bool:
    """Is position `at` inside a ``` block (`marks`: from `fences`; `opened`: the
    text starts inside one)?"""
    return (bisect.bisect_left(marks, at) + opened) % 2 == 1


def _inside_quotes(text: str) -> bool:
    """Does the text (a line up to a sentence's end) end inside a quotation
    («Your website says "Need help?», a pasted dialog: «"Соединение не защищено.
    … Продолжить? (Да/Нет)"»)?"""
    if text.count('"') % 2:
        return True
    if "'" in text and len(_SINGLE_OPEN.findall(text)) > len(_SINGLE_CLOSE.findall(text)):
        return True  # "your chatbot asked me 'Did your order arrive?" (not "don't", "the users' list")
    return any(text.count(opening) > text.count(closing) for opening, closing in _QUOTE_PAIRS)


@dataclass(frozen=True)
class Question:
    """A question in a customer message (offsets in the original message)."""

    source_index: int
    start: int
    end: int
    text: str
    kind: str  # one of KINDS
    expects: str | None  # what a wh-question asks for: time, number, place, steps, reason, ...
    focus: frozenset[str]  # word keys the answer should touch
    pronoun: bool = False  # refers back with a pronoun («его», "it")
    sentence: Sentence | None = None


class Sentence:
    """A sentence of a message, as coverage reads it. Offsets in the original
    message are worked out only for the sentences a finding reports."""

    __slots__ = ("local", "text", "keys", "asks", "cues", "has_number", "lowers", "keys_of", "_strings",
                 "_numbered", "_to_source", "_source", "_tokens", "_valued", "whole", "_words")

    def __init__(self, local: tuple[int, int], text: str, keys: frozenset[str], asks: bool, cues: frozenset[str],
                 has_number: bool, lowers: list[int] | tuple[int, ...] = (), keys_of: list[str] | None = None,
                 to_source=None, strings=None, tokens=None):
        self.local = local  # (start, end) in the cleaned piece
        self.text = text  # as cleaned (quoted history and markup gone)
        self.keys = keys  # word keys of its content words
        self.asks = asks  # ends with a question mark
        self.cues = cues  # the cue classes it holds: yes-no-answer, deferral, tried, rhetorical, ...
        self.has_number = has_number
        self.lowers = lowers  # LOWER hashes of its tokens
        self.keys_of = keys_of or []  # each token's key
        self._strings = strings  # the StringStore of the doc it was read from
        self._numbered: frozenset[str] | None = None
        self._to_source = to_source
        self._source = None
        self._tokens = tokens  # (doc, start, end): its tokens, sliced only when `valued` reads them
        self._valued: frozenset[str] | None = None
        # the keys of the whole sentence a yes/no question was split from («…и сохранится ли скидка?»)
        self.whole: frozenset[str] | None = None
        self._words: list[str] | None = None

    def word(self, h: int) -> str:
        """The text of one of its LOWER hashes."""
        return self._strings[h]

    def words(self) -> list[str]:
        """The text of each of its tokens, lowercased (made once: the redundant check reads them in several
        steps). Not to be changed by the caller."""
        if self._words is None:
            self._words = list(map(self._strings.__getitem__, self.lowers)) if self.lowers else []
        return self._words

    def numbered(self) -> frozenset[str]:
        """Keys of the words a number follows («заказ 88123», "order #66120")."""
        if self._numbered is None:
            if not self.has_number:
                self._numbered = frozenset()
            else:
                digits = [bool(_DIGIT.search(self._strings[h])) for h in self.lowers]
                self._numbered = frozenset(k for i, k in enumerate(self.keys_of) if k and any(digits[i + 1: i + 4]))
        return self._numbered

    def valued(self) -> frozenset[str]:
        """Keys of the words a value names: a number or a name after the word,
        past stop words only («Роутер TP-Link Archer C6», "my hub firmware is
        2.4.1", «ехал из Шереметьево», "Android 14"), or just before it ("my
        PixelJet 4400 printer"): the customer said which one."""
        if self._valued is None:
            found = set()
            if self._tokens is not None:
                doc, start, end = self._tokens
                last, after = None, False  # the last content word; right after a value
                for i, (token, k) in enumerate(zip(doc[start:end], self.keys_of)):
                    if i and _is_value(token.text):
                        if last is not None:
                            found.add(self.keys_of[last])
                        after = True
                        if k:
                            last = i  # ("Android" of "Android 14")
                        continue
                    if k:
                        if after:
                            found.add(k)
                        last = i
                    after = False
            self._valued = frozenset(found)
        return self._valued

    def source(self) -> tuple[int, int, str]:
        """(start, end, text) in the original message."""
        if self._source is None:
            self._source = self._to_source(*self.local)
        return self._source


@dataclass(frozen=True)
class Focus:
    """What a reply sentence must hold to answer a question."""

    words: frozenset[str]
    distinctive: frozenset[str]  # new words no other question shares: one must be there
    strict: bool  # (a question read with the one before: its own word must be there)
    own: frozenset[str]  # words no other question shares, new or named before (the weaker answer path)


@dataclass(frozen=True)
class Coverage:
    question: Question
    status: str  # one of STATUSES
    by: Sentence | None  # the reply sentence that answers or defers it


@dataclass(frozen=True)
class Redundant:
    """A reply question about something the customer already said or tried."""

    question: Sentence  # in the reply
    said: Sentence  # in the customer's message
    source_index: int


def _phrase_positions(words: list[str], phrase: tuple[str, ...]) -> Iterator[int]:
    """Where the phrase starts in the words, left to right."""
    n = len(phrase)
    return (i for i in range(len(words) - n + 1) if words[i] == phrase[0] and tuple(words[i:i + n]) == phrase)


class _PhraseIndex:
    """Phrases (tuples of words) by their first word: their occurrences in a sentence's words are found in one
    pass over it, not one pass per phrase."""

    __slots__ = ("by_first", "empty")

    def __init__(self, phrases):
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            if phrase:
                self.by_first.setdefault(phrase[0], []).append(phrase)
        self.empty = any(not phrase for phrase in phrases)  # (an empty phrase is at every position)

    def matches(self, words: list[str]) -> list[tuple[int, int]]:
        """(start, length) of every occurrence of a phrase in the words."""
        out = [(i, 0) for i in range(len(words) + 1)] if self.empty else []
        by_first = self.by_first
        for i in positions_in(words, by_first):
            for phrase in by_first[words[i]]:
                if tuple(words[i:i + len(phrase)]) == phrase:
                    out.append((i, len(phrase)))
        return out


def _phrases(items, tokenize) -> tuple[tuple[str, ...], ...]:
    """Cue phrases as the tokenizer splits them ("i'd" is two tokens: "i", "'d")."""
    return tuple(tuple(t for w in (p if isinstance(p, list) else [p]) for t in tokenize(str(w).lower()))
                 for p in items)


def _capitalised_line(text: str, most: int) -> bool:
    """Is the text at most `most` words, each capitalised ("Will Thornton", "Bay Deckchairs")?"""
    words = text.split()
    return len(words) <= most and all(w[:1].isupper() for w in words)


class QuestionReader:
    """One language's question knowledge, compiled once per pipeline."""

    # (the engine finds a message's ``` blocks through its reader: no import statement run per message)
    fences = staticmethod(fences)
    in_fence = staticmethod(in_fence)
    read_lowers = staticmethod(read_lowers)

    def __init__(self, config: dict, nlp, terminals: list[str], analyze=None, readings=None):
        def tokenize(text: str) -> list[str]:
            return [t.lower_ for t in nlp.make_doc(text) if not t.is_space]

        import Stemmer  # PyStemmer: Snowball stemmers in C

        self.stemmer = Stemmer.Stemmer(config.get("stemmer", "english"))
        self.prefix = int(config.get("stem_prefix", 7))
        self.strings = nlp.vocab.strings
        self.coverage_share = float(config.get("coverage", 0.5))
        self.coverage_enough = int(config.get("coverage_enough", 2))
        self.substantive = int(config.get("substantive_words", 3))
        self.unclear_statements = int(config.get("unclear_statements", 2))
        # what a link to an article answers (with a word of the question): "how", "where", "what"
        self.link_answers = frozenset(config.get("link_answers", ()))
        # words dropped from the start of a question quoted in a placeholder
        # («Скажите, пожалуйста, это нормально?» → «это нормально»)
        dropped = sorted((str(w) for w in config.get("quote_without", ())), key=len, reverse=True)
        self._quote_start = re.compile(r"^(?:(?:%s)(?![^\W\d_]|['’])[\s,:;—-]*)+" % "|".join(map(re.escape, dropped)),
                                       re.IGNORECASE) if dropped else None
        # what a question asks for that no sentence answers without saying it (a time, a price)
        self.kind_required = frozenset(config.get("answer_must_hold", ()))
        # what a question with no topic of its own must still get an answer of (a reason for «Почему так?»)
        self.topicless_kind = frozenset(config.get("topicless_must_hold", ()))
        # (a reason also by how things are, told in the present: «Почему?» - «Хаб держит до 32 подключений, остальные
        # он подключает через ретрансляторы»; the forms of such a verb)
        self.topicless_account_forms = tuple(tuple(f) for f in config.get("topicless_reason_forms", ()))
        # a request for details that also gives a yes/no answer («Ретушь возможна: 350 рублей за кадр,
        # пришлите номера») answers
        self.asks_back_with_answer = bool(config.get("asks_back_with_answer_answers", False))
        # ... and a request phrase after an answer in the same sentence («Соседку взять можно: …, только скажите о ней
        # диспетчеру»), not opening it
        self.request_after_answer = bool(config.get("request_after_answer_answers", False))
        # thanks or an apology that goes on to an answer («Простите: это наша ошибка») still answers
        self.courtesy_with_answer = bool(config.get("courtesy_with_answer_answers", False))
        # steps led by the customer's purpose («Чтобы повторить выплату, откройте акт, … и отправьте акт заново») answer,
        # though a step sends something: not a purpose of ours («Чтобы мы могли проверить, пришлите фото»)
        purpose = config.get("purpose_led_steps") or {}
        self.purpose_steps_first = self._hashes(purpose.get("first", ()))
        self.purpose_steps_not_before = self._hashes(purpose.get("not_before", ()))
        # a direct answer opening the clause after the thanks that open a sentence is one («Спасибо, что
        # предупредили, это не проблема», "Thanks for letting us know, that's no trouble at all")
        self.direct_answer_after_courtesy = bool(config.get("direct_answer_after_courtesy", False))
        # ... the cues that make it an answer there (default: any answer cue, a yes/no answer, a reassurance)
        self.courtesy_answer_cues = frozenset(config["courtesy_answer_cues"]) \
            if "courtesy_answer_cues" in config else None
        # a customer's chat line without «?» holding several questions is split as one with it
        self.chat_split = bool(config.get("chat_questions_split", False))
        # a rhetorical cue in a final clause this short makes the question rhetorical
        # («Третий раз звоню — ну сколько можно?»); 0: only a short sentence
        self.rhetorical_clause = int(config.get("rhetorical_clause_words", 0))
        # kinds whose answer holds the word that names them ("the price" - "£145"; a number is no duration)
        self.named_kinds = frozenset(config.get("answer_names_kind", ()))
        # kinds besides yes/no that a direct answer opening a sentence settles ("Please confirm…" - "Sure, …")
        self.granted_kinds = frozenset(config.get("direct_answer_grants", ()))
        # what a message's one question asks that a reply answers in its own words with an answer of the kind
        self.sole_kinds = frozenset(config.get("sole_question_answered_by_kind", ()))
        # what answers a request for help: where to get it, and for the message's one question these cues too
        # (steps: «Срочно помогите!» - «поднимите рычажок вверх»)
        self.help_sole_cues = frozenset(config.get("sole_help_answered_by", ()))
        # the numbers of a sentence stating a price and no time word are no time ("costs £120-£180")
        self.price_no_time = bool(config.get("price_is_no_time", False))
        # words that make a yes/no question one about when («готово ли уже», "is it ready yet"): a time answers it
        self.status_words = self._hashes(config.get("status_words", ()))
        # "Where is my phone?", «Где мои документы?»: where the customer's own thing is, a question of its status, which
        # a time or a date told answers where the reply names the thing in other words ("Your Galaxy S23 is ready for
        # collection today", «доставка запланирована на завтра, 15 ноября»); the possessives that make it one
        self.whereabouts_words = self._hashes(config.get("whereabouts_answered_by_time", ()))
        # words that make a yes/no question one about paying ("Do I still pay for the full session?", "Will I be
        # charged?"): a sentence with a price answers it ("you only pay for the 21 kWh delivered", "we won't charge
        # you for it"), in other words too, like a price asked
        self.paying_words = self._hashes(config.get("paying_words", ()))
        # ... and a question of the `paying_wh` kinds holding one of its words asks who pays ("Who pays for return
        # delivery?", «За чей счёт?»): the price or the charge told, in a sentence naming a word of the question, says
        # the paying word
        paying_wh = config.get("paying_wh", {})
        self.paying_wh_kinds = frozenset(paying_wh.get("kinds", ()))
        self.paying_wh_words = self._hashes(paying_wh.get("words", ()))
        # the kinds a word of a yes/no question or a request may name ("before the next collection date?", "Can you
        # break down the charge?"): a sentence with an answer of the kind says that word ("on Saturday 19 October",
        # "the £180 is made up of…")
        self.yes_no_named_kinds = frozenset(config.get("yes_no_names_kind", ()))
        # a request for an action beside other questions is granted by a commitment with a time that answers none of
        # them ("Can someone come back? And how long will it take to dry?" - "He can return on Friday between 9 and
        # 12. … dry within 6 hours")
        self.free_timed_commitment = bool(config.get("request_answered_by_free_timed_commitment", False))
        # a request for an action is granted by a commitment naming its thing even where the sentence goes on to ask
        # for a detail ("Can you compensate me?" - "We'll compensate you in full: reply with the price…")
        self.commitment_with_details = bool(config.get("commitment_asking_details_answers", False))
        # a choice whose second option is a clause ("…ourselves, or do we need to book someone?", «…самим, или нужно
        # вызывать мастера?») asks yes/no of its first: a direct "yes," answers it; these open such a clause
        # besides an auxiliary with a subject
        self.choice_clause_openers = self._hashes(config.get("choice_clause_openers", ()))
        # the tokens on either side of a choice word read as the options ("30% or the full amount")
        self.choice_reach = int(config.get("choice_option_reach", 3))
        # a choice between two clauses of at most this many words of their own ("Will it recover or does it need
        # replacing?", «Само пройдёт или нужно менять?») is its options: a sentence naming a word of one answers it
        self.clause_options = int(config.get("clause_choice_is_options", 0))
        # steps to a screen answer "where" («куда вписать?» - «нажмите на фото профиля и выберите раздел…»)
        self.place_by_steps = bool(config.get("place_answered_by_steps", False))
        # the kinds a path through the menus answers ("Settings → Alerts": steps, and the place of a setting)
        self.path_answers = frozenset(config.get("path_answers", ()))
        # a yes/no question of at most this many words right after a "what/which" one guesses its answer
        self.guess_words = int(config.get("guess_words", 2))
        self.redundant_share = float(config.get("redundant", 0.67))
        # tokens that end the clause a request for details opens («Пришлите фото — и мы…»)
        self.clause_breaks = frozenset(str(w).lower() for w in config.get("clause_breaks", (",", "—", "–", ":", ";", "(", ".")))
        # question words asking which one («какой», "which"): the word after them names the property asked
        self.property_morph = tuple(config.get("property_morph", ()))
        self.which_words = frozenset(str(w).lower() for w in config.get("which_words", ()))
        # reply sentences holding these cue classes ask, like a question, for the redundant check
        # («Пришлите номер заказа», «Попробуйте перезагрузить телефон»)
        self.asking_cues = frozenset(config.get("redundant_asking_cues", ("asks-back", "ask.request")))
        # the share of a reply question's words the customer's message must hold for the question to ask
        # what they did or named with its value ("Which firmware version…?" - "my hub is on 2.4.1")
        self.redundant_value_share = float(config.get("redundant_value", 0.5))
        # a reply question offering to do something asks no detail back («Записать маму на это время?», "Shall I
        # book her in?"): it opens with a verb in these forms (an infinitive) or with one of the phrases
        # a step or a request told with an imperative beside a courtesy word («Пересчитайте, пожалуйста, компоненты
        # по списку», "Please go to Settings and tap Restore purchases"), or after a conjunction in such a sentence
        # («Пришлите фото и уточните их размер»): each imperative opens a clause asked on its own
        imperative = config.get("redundant_imperative", {})
        self.imperative_morph = tuple(imperative.get("morph", ()))  # «проверьте»: in any of its readings
        self.imperative_base = bool(imperative.get("base_form", False))  # "go", "tap": a verb in its bare form
        self.imperative_cue = imperative.get("cue")  # the cue class of the courtesy word («пожалуйста», "please")
        self.imperative_courtesy = frozenset(w for p in config.get("cues", {}).get(self.imperative_cue, ())
                                             for w in (p if isinstance(p, list) else [p]))
        self.imperative_reach = int(imperative.get("reach", 1))
        self.imperative_before = bool(imperative.get("courtesy_after", True))  # «Проверьте, пожалуйста»
        self.imperative_after = frozenset(str(w).lower() for w in imperative.get("after", ()))
        # a negated imperative forbids, it suggests no step («пожалуйста, не используйте эти весы», "please don't
        # restart it")
        self.imperative_negations = frozenset(str(w).lower() for w in imperative.get("not_after", ()))
        # words opening a time context in a reply question ("…haven't been changed since your fitting in March?", «…
        # после обновления?»): what it names sets the time, it is not what is asked
        self.context_openers = _phrases(config.get("redundant_context_openers", ()), lambda t: t.split())
        offers = config.get("redundant_offers", {})
        self.offer_morph = tuple(offers.get("morph", ()))
        self.offer_phrases = _phrases(offers.get("phrases", ()), lambda t: t.split())
        # kinds a question asks for that a reply may give in other words: where no reply sentence
        # holds a word of the question's own («Когда можно подклеить?» - «Переклейка … среда, 12
        # марта»), a sentence with an answer of the kind that answers no other question answers it
        self.other_words_kinds = frozenset(config.get("kind_answered_in_other_words", ()))
        # the cue a sentence answering a kind in other words must hold, where not `answer.<kind>` (steps told to the
        # customer, "so you can pick it up", not any verb that may be a step)
        self.other_words_cue = {str(k): str(v) for k, v in config.get("kind_in_other_words_cue", {}).items()}
        # a yes/no question about when something is done ("will it arrive before Friday?") takes a time in other
        # words, like a "when" question, where this is one of the kinds above
        self.status_other_words = bool(config.get("status_answered_in_other_words", False))
        # the kinds a word of the question overrides (`expects_by_word`): «сколько стоит» asks for a price
        self.kind_by_word_for = frozenset(config.get("kind_by_word_for", ("number", "thing")))
        # a yes/no question with an indignant cue and at most this many words of its own asks about the whole message
        self.indignant_topic = int(config.get("indignant_topic_words", 0))
        # chat questions without «?» whose short first clause opens with a question word of these kinds, then a comma
        self.chat_clause_kinds = frozenset(config.get("chat_clause_kinds", ()))
        # a short question of these kinds right after a rhetorical one vents on ("Seriously? Who packs these?")
        vent = config.get("after_rhetorical", {})
        self.vent_kinds = frozenset(vent.get("kinds", ()))
        self.vent_words = int(vent.get("words", 0))
        # kinds a sentence answering a yes/no question may also give in other words to another question ("Why has
        # it doubled? Is this normal?" - "The main reason is her age: … typical at 9")
        self.yes_no_takes_none = frozenset(config.get("yes_no_answer_also_gives", ()))
        # a request for an action at a time ("Could someone take a look this week?") is answered by a commitment
        # with a time ("I've booked our plumber for Wednesday")
        self.timed_action_by_commitment = bool(config.get("timed_request_answered_by_commitment", False))
        # the cues of a reply sentence that grant leave asked for ("Can I reschedule?", «Можно попасть раньше?»)
        self.leave_granted_by = frozenset(config.get("leave_granted_by", ()))
        self.leave_by_free_modal = bool(config.get("leave_granted_by_free_modal_answer", False))
        self.taken_by_fullest = bool(config.get("taken_by_fullest_answer", False))
        # words opening a conditional sentence, which gives no such answer («Если паспорт не успеют заменить
        # до 20 мая, …» does not say how long to wait)
        self.conditional_openers = self._hashes(config.get("conditional_openers", ()))
        # a stem shorter than the prefix was cut by an inflection («вернём»: «верн»): such a word is
        # keyed by its lemma's stem («вернуть»), where the morphology knows it
        self.short_stem_by_lemma = bool(config.get("short_stem_by_lemma", False))
        # verb endings the stemmer leaves on («снимете», «пришлёт»: «снимет», «пришлет», beside «снимем»: «сним»): what
        # is left on the stem, and the endings of the word that leave it
        self.verb_endings_left = {str(k): tuple(v) for k, v in (config.get("verb_endings_left_by_stemmer") or {}).items()}
        # besides a yes/no answer, the answers a request for details may hold and still answer
        # («Выдать не получилось по Вашей вине: Вы пришли без паспорта»: «пришли» reads as «send»)
        self.asks_back_answers = frozenset(config.get("asks_back_answered_by", ("yes-no-answer",)))
        self.min_letter_share = float(config.get("min_letter_share", 0.5))
        self.rhetorical_words = int(config.get("rhetorical_max_words", 3))
        # a statement whose «?» only marks a guessed number after a comma ("…came with a few blocks missing, maybe 4?")
        self.hedge_words = frozenset(config.get("hedged_estimate_words", ()))
        # in a language whose questions invert or open with a question word, a statement ending in
        # "?!" exclaims ("This is HIGHLY frustrating?!"); not in Russian, which asks in statement order
        self.exclaimed_statements = bool(config.get("exclaimed_statement_asks_nothing", False))
        # a sentence this short opening with a question word asks even without «?»
        self.chat_question_words = int(config.get("chat_question_max_words", 8))
        self.identifiers = frozenset(self._stem(str(w).lower()) for w in config.get("identifier_words", ()))
        done = config.get("done_forms", {})
        self.done_morph = tuple(done.get("morph", ()))  # a past-tense verb: «перезагружала»
        self.done_suffixes = tuple(done.get("suffixes", ()))  # "rebooted"
        # a past form right after these is no action done ("it says not yet verified", "I haven't restarted it")
        self.done_negations = self._hashes(done.get("not_after", ()))
        # (one word's analysis per reader, and below its readings: the redundant step asks them of every
        # word of a reply's requests, and the annotator's own are uncached)
        self.analyze = functools.lru_cache(maxsize=50_000)(analyze) if analyze is not None else None
        # a word shared with the reply's question may be the customer's past action in any of its
        # readings («Температуру мерила»: the likeliest reading is the noun «мерило»)
        self.done_any_reading = bool(done.get("any_reading", False)) and readings is not None
        self.readings = functools.lru_cache(maxsize=50_000)(readings) if readings is not None else None
        self._request_pattern = None
        # an irregular past form is keyed by its lemma's stem ("taught by Marco" answers "Who teaches it?")
        self.irregular_past = bool(config.get("irregular_past_by_lemma", False))
        # an adjective's comparative or superlative is keyed by its lemma's stem ("somewhere safer?" - "the
        # safe place"): the endings that mark it (Snowball keeps "safer" whole)
        self.degree_suffixes = tuple(config.get("degree_by_lemma", ()))
        self._like_num = nlp.vocab.lex_attr_getters.get(LIKE_NUM)  # "three", «два» (the language's own test)
        self.question_marks = frozenset(self.strings.add(t) for t in terminals if "?" in t)
        self.synonyms: dict[str, str] = {}
        for group in config.get("synonyms", ()):
            keys = [self._stem(str(w).lower()) for w in group]
            for key in keys:
                self.synonyms.setdefault(key, keys[0])
        # synonyms by their whole stem, where the first letters are another word's («расчесать» / «вычёсывать»;
        # «расче» is «расчёт» too): the group's key is its first word's whole stem
        self.stem_synonyms: dict[str, str] = {}
        for group in config.get("whole_stem_synonyms", ()):
            stems = [self.stemmer.stemWord(str(w).lower()) for w in group]
            for stem in stems:
                self.stem_synonyms.setdefault(stem, stems[0])
        # synonyms by the word form, where a form's whole stem is another word's («заниматься» - «занятие», beside
        # «занимать» - «длиться»): the group's key is its first word's; read before the stem
        self.form_synonyms: dict[str, str] = {}
        form_groups = config.get("form_synonyms", ())
        # a fleeting vowel before the last letter of a stem one letter longer than the key («заявок» - «заявку»,
        # «скидок» - «скидка»): left out, as the other forms have it
        fleeting = config.get("fleeting_vowel", {})
        self.fleeting_vowels = frozenset(fleeting.get("vowels", ()))
        self.fleeting_before = frozenset(fleeting.get("before", ()))
        # stop words by their whole stem: «привет» is one, «привезут» (the same
        # first letters) is not
        self.stop = frozenset(self.stemmer.stemWord(str(w).lower()) for w in config.get("stop_words", ()))
        # words that ask for a kind of answer («Сколько стоит?»: «стоит»): a question of only these is
        # met by an answer of that kind, not by the word
        # ... and beside other words, for questions asking these («What time will we get back to Leeds?»)
        self.kind_met_among_words = frozenset(config.get("kind_words_met_among_words", ()))
        self.kind_words = frozenset(self.word_key(str(w)) for w in config.get("kind_words_met_by_answer", ()))
        # a promise to send something later defers the question whose kind it names ("I'll email you by Wednesday
        # with the cause" defers "Why hasn't it updated?"): kind -> the words naming it
        self.deferral_kind_words = {kind: frozenset(self.word_key(str(w)) for w in words)
                                    for kind, words in config.get("deferral_names_kind", {}).items()}
        # a price answers no «когда» unless a unit of time stands beside it («1 900 рублей, срок 3–4 дня»)
        self.time_units = frozenset(self.word_key(str(w)) for w in config.get("time_units", ())) - {""}
        # a month's name that is also another word ("may", a modal) names the month beside a number ("on 9 May",
        # "May 2025"): the sentence gives a time
        self.month_beside_number = self._hashes(config.get("month_beside_number", ()))
        self.time_after_number = self._hashes(config.get("time_after_number", ()))
        # the words asking for a time ("long", "last", «срок») are there in a sentence giving a time that shares
        # another word of the question
        self.time_words_met = bool(config.get("time_words_met_by_time", False))
        self.time_words = (self.kind_words | self.time_units) - {""}
        # a reply sentence opening a clause with an imperative («Заверните её во влажную ткань», «Используйте
        # дюбели») tells steps, whatever its verb
        # (config: the words after which a clause opens, and the negation an imperative may follow)
        by_imperative = config.get("steps_by_imperative", {})
        self.steps_by_imperative = bool(by_imperative)
        # a yes/no question opening with one of these ("Did something get knocked…?", "Was it damaged in transit?")
        # asks whether something went wrong: a sentence admitting a mistake (an `admits` cue) answers it
        self.admission_openers = self._hashes(config.get("past_yes_no_answered_by_admission", ()))
        # "What happens if…?" (an `asks-consequence` cue) is answered by a sentence with a condition of its own
        self.consequence_by_condition = bool(config.get("consequence_answered_by_condition", False))
        # a word of the question is there as the head of a compound in the reply ("wood" - "firewood")
        self.compound_heads = int(config.get("compound_head_min_letters", 0))
        # of the reply sentences holding a yes/no question's words, those saying yes or no take it: the others
        # may answer another question in other words
        self.yes_no_takes_answer_only = bool(config.get("yes_no_taken_by_answer_only", False))
        self._clause_openers = self._hashes(by_imperative.get("after", ()))
        self._imperative_negation = self._hashes(by_imperative.get("negation", ()))
        # (verbs by lemma that send the customer to read or look, «глянь доку», «почитайте инструкцию»: no steps)
        self._referral_verbs = frozenset(str(w).lower() for w in by_imperative.get("not_verbs", ()))
        # a worried yes/no question ("Am I in trouble?", «Меня оштрафуют?»: a `worry` cue) is answered by a reply
        # sentence that reassures ("please don't worry, this is easy to put right": a `reassurance` cue)
        self.worry_by_reassurance = bool(config.get("worry_answered_by_reassurance", False))
        # (and by the cues that answer it as well: a judgement that what they saw is normal or no emergency, "Three
        # weeks without eating is common for a ball python settling in", «это не экстренное состояние»)
        self.worry_cues = frozenset(config.get("worry_answered_by", ("reassurance",)))
        # a yes/no question on whether something is needed ("Do we need to be present?", «Нужно ли приносить
        # паспорт?"): a sentence saying it is not (`needless`) no other question takes answers it
        self.need_by_needless = bool(config.get("need_answered_by_needless", False))
        # "Our banners are 2.2 m tall, will they fit?": whether it fits, asked with a measure, answered by the measure it
        # must fit in ("the ceiling height is 2.1 m"): a sentence no other question takes giving a value in a unit the
        # question used (`measure_units`)
        self.fit_words = self._hashes(config.get("fit_answered_by_measure", ()))
        # "What can we do so it doesn't happen again?", «Как сделать, чтобы такого не повторилось?» (an
        # `asks-prevention` cue): what to do from now on, which a sentence of advice or a measure for the future
        # answers ("Going forward, a battery backup for the pump…", «С этого сезона мы ставим бирку…»: `prevents`)
        self.prevention_by_advice = bool(config.get("prevention_answered_by_advice", False))
        # "Should I book another consultation?", «Стоит ли мне записаться ещё раз?» (an `asks-advice` cue): answered by a
        # recommendation or a sentence saying there is no need, which no other question takes
        self.advice_by_recommendation = bool(config.get("advice_answered_by_recommendation", False))
        # "Why was the flight cancelled?" - "the cloud had come down to 4,000 feet", «Почему такой большой счёт?» -
        # «В мае были начислены платные СМС»: a cause told as what happened, with no "because"; the reply sentences with
        # these cues tell something else (a promise, a request, thanks) and do not
        account = config.get("reason_answered_by_account") or {}
        self.reason_by_account = bool(account.get("topic", False))  # («почему» answered by what happened)
        # (beside the message's one question, in any words: a sentence with a verb of one of these forms, a finite
        # past or a short passive, «координатор заболел», «были начислены»; not a participle, «по тарифам,
        # утверждённым…», which tells a rule)
        self.account_forms = tuple(tuple(forms) for forms in account.get("sole_question_forms", ()))
        # ... also beside other questions, by an account that names none of their words and that no other question
        # takes («Почему так быстро забилось? Это по гарантии?» - «Мастер вчера вскрыл колодец: труба на входе проросла
        # корнями ивы»)
        self.account_beside_others = bool(account.get("beside_other_questions", False))
        # (a question with no topic of its own beside it, "and when can he try again?", counts as answered; naming a
        # word of the question, a finite past of an irregular verb tells what happened too: "why did the truck show up
        # 40 minutes late?" - "The delay was at the gate: the guard couldn't let us in")
        self.account_beside_topicless = bool(account.get("beside_topicless_questions", False))
        self.topic_account_forms = bool(account.get("topic_in_account_forms", False))
        self.writer_words = self._hashes(account.get("not_with", ()))
        # (not a verb right after one of these: "the speed you expected" tells what the customer thought)
        self.account_not_after = self._hashes(account.get("not_after", ()))
        self.account_not_cues = frozenset(config.get("reason_account_not_cues", ()))
        # "How many years will it take?" - "three growing seasons, followed by two years": a number in words
        self.number_in_words = bool(config.get("number_in_words_answers", False))
        # "Is that normal?", «Это нормально?»: a yes/no question whose only topic is one of these words is answered by
        # a sentence judging whether it is ("that shouldn't have happened", «такое бывает»: a `judges-normal` cue)
        self.normal_keys = self._word_keys(config.get("normality_words", ()))
        self.paying_keys = self._word_keys(paying_wh.get("words", ()))  # (the `paying_wh` words as coverage keys)
        # ... or whose normality word is followed by the circumstance it is judged in ("Is that normal after a trim?",
        # «Это нормально для нового протеза?»): the words after these name when, not what is asked about
        self.normal_circumstance = self._hashes(config.get("normality_circumstance_words", ()))
        # ... also by the cause told, which no other question takes ("Is that normal?" - "They're from my blades:
        # thick cob coats can leave faint tracks", «Это брак?» - «это из-за перепада температур»)
        self.normal_by_cause = bool(config.get("normality_answered_by_cause", False))
        # "Did we water it wrong?", «Я, наверное, их залила?»: whether the customer caused it, which a reassurance
        # answers as the cause told does ("This isn't something you did", «Не переживайте, это не перелив»)
        self.self_blame_by_reassurance = bool(config.get("self_blame_answered_by_reassurance", False))
        # the head of a guessed cause names no topic of its own ("Is this a crop problem?": a guess at the crop)
        self.cause_heads = self._word_keys(config.get("cause_guess_heads", ()))
        # "Has there been any progress?": a yes/no question or a request whose only topic is one of these words asks
        # how the work stands, which a sentence telling what has been done answers ("We've found two copies so far":
        # a `reports-progress` cue)
        self.progress_keys = self._word_keys(config.get("progress_words", ()))
        # "What is the status?": a "what" asking how the work stands, like "Any news?"
        self.progress_kinds = ("yes-no", "request", "wh") if config.get("progress_asked_by_what") else ("yes-no", "request")
        # a question opening with a conditional asks its main clause: the words of the condition are no answer
        self.conditional_main_clause = bool(config.get("conditional_question_asks_main_clause", False))
        # «Почему так, если прошло всего три месяца?», "Why is that, if it's brand new?": a "why" with no topic of its
        # own before a trailing condition asks about the message; the condition's words are no part of what is asked
        self.reason_before_condition = bool(config.get("reason_asked_before_trailing_condition", False))
        # "And could it come before Friday as I'm nearly out?", «Можно побыстрее, так как я уезжаю?»: a trailing reason
        # is why it is asked, not what; the words only it holds are no part of the question's focus
        reasons = _phrases(config.get("trailing_reason_openers", ()), tokenize)
        self.trailing_reason = _PhraseIndex(reasons) if reasons else None
        # … or before a trailing premise of the customer's («Как так, ведь у вас камера с климат-контролем?»)
        self.premise_openers = self._hashes(config.get("premise_openers", ()))
        # «Записаться можно на среду или четверг — какой день Вам удобнее?»: a reply sentence that states, then asks
        # after a dash or a semicolon, answers by its statement
        self.statement_before_question = bool(config.get("statement_before_question_answers", False))
        self._question_breaks = frozenset(self.strings.add(m) for m in ("—", "–", ";"))
        self._colon = self.strings.add(":")
        # a question asking what to send ("What do I need to send you to start a claim?") holding one of these
        # words is answered by the reply's request for details ("please send us photos of the ceiling…")
        self.asked_to_send = frozenset(self.word_key(str(w)) for w in config.get("asked_what_to_send", ())) - {""}
        self.asked_where_to_send = self._word_keys(config.get("asked_where_to_send", ()))
        # ... and a "what" question holding one of these ("What kit does she need?": a stop word, by its LOWER hash)
        # asks what is needed, which a sentence telling it answers ("she'll need a sleeping bag…": `states-need`)
        self.asked_needed = self._hashes(config.get("asked_what_is_needed", ()))
        self.bring_by_request = bool(config.get("what_to_bring_answered_by_request", False))
        # (auxiliaries that ask it as well: "Please have the ewes gathered…", "Please be at the gate by 8")
        self.request_auxiliaries = frozenset(config.get("request_auxiliaries", ()))
        self.need_answers_sending = bool(config.get("need_answers_what_to_send", True))
        # a yes/no question with an `open-ask` cue ("Does she need to bring anything?", «Нужно ли что-то подготовить?»)
        # asks what, like "What does she need to bring?"
        self.open_yes_no = bool(config.get("open_yes_no_asks_what", False))
        # a number with one of these endings is an ordinal, a date or a rank ("before the 1st"), not a word
        suffixes = "|".join(map(re.escape, config.get("ordinal_suffixes", ())))
        self._ordinal = re.compile(r"^\d{1,4}(?:%s)$" % suffixes) if suffixes else None
        # words that make «кто?» ask whose fault it is («Кто будет отвечать?», "Who is responsible?")
        self.fault_words = frozenset(self.word_key(str(w)) for w in config.get("fault_words", ())) - {""}
        # words that name which property is asked («какая версия Android?», "which model of printer?")
        self.attributes = frozenset(self.word_key(str(w)) for w in config.get("attribute_words", ()))
        # redundant questions: words naming an amount (a number tells it), the attributes a time tells,
        # words asking for an alternative ("a different time"), and «which» words whose next word names the thing
        self.amounts = frozenset(self.word_key(str(w)) for w in config.get("amount_words", ())) - {""}
        # things sent by another name, for this check only («фото» - «фотографии»)
        self.redundant_alias: dict[str, str] = {}
        for group in config.get("redundant_synonyms", ()):
            keys = [self.word_key(str(w)) for w in group]
            for key in keys:
                self.redundant_alias.setdefault(key, keys[0])
        # a measure asked («размер», "the overall length") is told by a number with one of its units ("a 9.4 m
        # Westerly") or by one of its labels, as written («Размеры M»); dates asked beside it by a date
        self.measure_units = {self.word_key(str(w)): frozenset(str(u).lower() for u in units)
                              for w, units in config.get("measure_units", {}).items()}
        # (a unit that is a word or an ending too, "in", "st" of "1st", tells no value: `units_also_words`)
        self._all_units = frozenset().union(*self.measure_units.values()) - frozenset(config.get("units_also_words", ()))
        self.measure_labels = {self.word_key(str(w)): frozenset(str(u) for u in labels)
                               for w, labels in config.get("measure_labels", {}).items()}
        self.date_words = frozenset(self.word_key(str(w)) for w in config.get("told_by_a_date", ())) - {""}
        self.date_cues = frozenset(config.get("date_cues", ("answer.date",)))
        self.time_attributes = frozenset(self.word_key(str(w)) for w in config.get("time_attribute_words", ())) - {""}
        self.alternatives = frozenset(self.word_key(str(w)) for w in config.get("alternative_words", ())) - {""}
        # a step asking to do it again with something new ("upload a new photo", «попробуйте другой кабель»): a redo
        self.redo = frozenset(self.word_key(str(w)) for w in config.get("redundant_redo_words", ())) - {""}
        self.time_marks = tuple(str(w).lower() for w in config.get("time_marks", ()))  # "9am", «10 ч»
        self.amount_cues = frozenset(config.get("amount_answer_cues", ("answer.price",)))
        self.literal_attributes = frozenset(self.word_key(str(w)) for w in config.get("literal_attribute_words", ())) - {""}
        self.which_heads = frozenset(str(w).lower() for w in config.get("which_head_words", ()))
        # a purpose clause closing a reply question ("…, so I can add you to the ticket?", «…, чтобы мы…?») says why
        # it asks, not what: it runs from the opener to the next punctuation mark
        self.purpose_openers = _phrases(config.get("redundant_purpose_openers", ()), lambda t: t.split())
        # «Нам нужно знать толщину — Вы проходили диагностику?»: after these the yes/no question proper starts
        self.question_after = frozenset(str(w).lower() for w in config.get("redundant_question_after", ()))
        # «Which three days of the half-term week…?», "which of the dates…": after a which word (and a numeral), these
        # open the set the choice is made from, which the customer named without choosing
        self.partitive = frozenset(str(w).lower() for w in config.get("redundant_partitive", ()))
        # «примерный вес по каждой породе»: a measure asked per item, which one value for all («около 30 кг») does not tell
        self.distributive = self._word_keys(config.get("redundant_distributive", ()))
        # a detail asked by its kind ("the domain name", «адрес почты», «номер телефона для связи») that the customer
        # wrote as a value of that kind (brightleaf-pottery.co.uk, moskvin.a@mail.ru, +7 916 204-33-18): the kinds,
        # each with the phrases asking for it (word keys, longest first: «адрес почты» asks for an e-mail, not an
        # address) and what recognises its value in the customer's text (a pattern, or a named lexicon of values)
        self.value_kinds: dict[str, tuple[tuple[tuple[str, ...], ...], re.Pattern | None, frozenset[str]]] = {}
        lexicons = config.get("redundant_value_lexicons", {})
        for name, spec in config.get("redundant_value_kinds", {}).items():
            asked = tuple(tuple(self._phrase_key(t) for w in (p if isinstance(p, list) else [p]) for t in tokenize(str(w)))
                          for p in spec.get("asked_by", ()))
            pattern = re.compile(spec["value"]) if spec.get("value") else None
            words = frozenset(self.word_key(str(w)) for w in lexicons.get(spec.get("lexicon"), ())) - {""}
            self.value_kinds[name] = (asked, pattern, words)
        # (not a destination: "send the photos to your email", «пришлите на почту»; not «по телефону»)
        self.value_not_after = frozenset(str(w).lower() for w in config.get("redundant_value_not_after", ()))
        self._kind_phrases = sorted(((p, name) for name, (asked, _, _) in self.value_kinds.items() for p in asked),
                                    key=lambda item: -len(item[0]))
        self._kind_words = frozenset(m for phrase, _ in self._kind_phrases for m in phrase if not m.startswith("="))
        self._kind_first: dict[str, list] = {}  # a phrase's first word -> the phrases, longest first
        for phrase, name in self._kind_phrases:
            self._kind_first.setdefault(phrase[0], []).append((phrase, name))
        # «Проверьте, пожалуйста, папку «Спам»» after «даже в спаме нет»: a place the customer reports the thing is
        # not in, they looked in; the verbs that ask to look, the words before the place, the words of absence
        looked = config.get("redundant_looked_in", {})
        self.look_verbs = frozenset(self.word_key(str(w)) for w in looked.get("verbs", ())) - {""}
        self.look_in = frozenset(str(w).lower() for w in looked.get("in", ()))
        self.look_absent = frozenset(str(w).lower() for w in looked.get("absence", ()))
        self.look_not_before = frozenset(str(w).lower() for w in looked.get("not_before", ()))
        # words that name no topic: a question of only these («Что случилось?») is about its context
        self.generic = frozenset(self.synonyms.get(k, k) for k in (self._stem(str(w).lower())
                                                                    for w in config.get("generic_words", ())))
        # phrase cues by class: ask (a question without «?»), with its kind;
        # yes-no-answer, deferral, tried, rhetorical, not-asking
        self.cues: dict[str, tuple[tuple[str, ...], ...]] = {
            name: _phrases(items, tokenize) for name, items in config.get("cues", {}).items()}
        # phrases that say a word in other words: a sentence holding one holds the word's key too ("it went out on
        # 16 October" says "sent", "fill up" says "top up", "get anything back" says "refund"); read as cue classes
        # named "key:<word>", found with the other cues
        for group in form_groups:
            key = self.word_key(str(group[0]))
            for form in group:
                self.form_synonyms.setdefault(str(form).lower(), key)
        self._phrase_keys: dict[str, str] = {}
        for word, items in config.get("phrase_keys", {}).items():
            key = self.word_key(str(word))
            if key:
                self.cues[f"key:{word}"] = _phrases(items, tokenize)
                self._phrase_keys[f"key:{word}"] = key
        self._phrase_key_classes = frozenset(self._phrase_keys)
        # the first words of the "please" cue: after a break they open a request for details too
        self._please_first = frozenset(self.strings.add(p[0]) for p in self.cues.get("please-word", ()) if p)
        # words that open a sign-off run into a chat line ("…on it cheers, dan")
        self.chat_signoffs = self._hashes(config.get("chat_signoff_words", ()))
        # a cue phrase of the class does not count when one of these follows it («Пожалуйста, напишите на
        # partners@…»; "I want to know for next time."); a phrase that ends its sentence is followed by "."
        self.full_stop = self.strings.add(".")
        self.signoff_not_before = self._hashes(config.get("signoff_not_before", ()))
        self.cue_not_before = {name: self._hashes(words)
                               for name, words in config.get("cue_not_before", {}).items()}
        self.ask_kinds = {kind: _phrases(items, tokenize) for kind, items in config.get("ask", {}).items()}
        self.wh = {str(w).lower(): what for w, what in config.get("wh_words", {}).items()}
        self.expects_by_word = {self.synonyms.get(k, k): what for k, what in (
            (self._stem(str(w).lower()), what) for w, what in config.get("expects_by_word", {}).items())}
        # the time words that ask for a time (not, say, for a price)
        self.time_asking_words = frozenset(k for k in self.time_words if self.expects_by_word.get(k, "time") == "time")
        self.wh_hashes = {self.strings.add(w): what for w, what in self.wh.items()}
        # a preposition may come before a question word that opens a clause («За какой срок…», «Во сколько…»)
        self.wh_prepositions = self._hashes(config.get("wh_prepositions", ()))
        # after one of these and a comma a question word is a conjunction («Это значит, что процедура не помогла?»)
        self.wh_conjunction_after = self._hashes(config.get("wh_conjunction_after", ()))
        # a question word and the word after it that change what is asked ("how long": a time)
        self.wh_pairs = {tuple(self.strings.add(w) for w in str(pair).lower().split()): what
                         for pair, what in config.get("wh_pairs", {}).items()}
        self.choice = self._hashes(config.get("choice_words", ()))
        # after a question word these make it an indefinite pronoun written apart («почему то», «как нибудь»)
        self.indefinite = self._hashes(config.get("indefinite_after", ()))
        # a question word and the word after it (a `wh_pairs` entry) open a question mid-sentence, after a topic
        # («Информация по монетизации как часто обновляется?»)
        self.wh_pairs_anywhere = bool(config.get("wh_pairs_open_anywhere", False))
        # a question word right before the question mark asks («…для трансляции зачем?», «А это что?»)
        self.wh_last_asks = bool(config.get("wh_last_asks", False))
        # after a choice word these offer no second option ("a week or more", «или больше»)
        self.not_choice = self._hashes(config.get("choice_not_before", ()))
        self.split_after = self._hashes(config.get("split_after", ()))
        # a second yes/no question after a conjunction («…и сохранится ли скидка?», "…, and will the
        # discount still apply?"): the words it may follow, and what opens it: a particle a word or two
        # on («ли»), or an auxiliary right after with a subject after that ("will the", "do I")
        yes_no = config.get("yes_no_split", {})
        self.yes_no_after = self._hashes(yes_no.get("after", ()))
        self.yes_no_particles = self._hashes(yes_no.get("particles", ()))
        self.yes_no_reach = int(yes_no.get("particle_reach", 2))
        self.yes_no_aux = self._hashes(yes_no.get("auxiliaries", ()))
        self.yes_no_subjects = self._hashes(yes_no.get("subjects", ()))
        # words that open an indirect yes/no question by themselves ("…the cost and whether you can…"),
        # which asks without a question mark
        self.yes_no_openers = self._hashes(yes_no.get("openers", ()))
        # words before the first word that counts («Ну, да, …», "Well, yes")
        self.lead = self._hashes(config.get("lead_words", ()))
        # a lead word that is a question word opens the question before these («Что нужно купить?», «Что
        # посоветуете?»; not «Что ж, …», «Ну что, когда?»)
        self.lead_wh_before = self._hashes(config.get("lead_wh_before", ()))
        # a greeting before the first word, with the name after it up to a comma ("Hi Dev, not yet")
        greeting = config.get("greeting", {})
        self.greetings = self._hashes(greeting.get("words", ()))
        self.greeting_reach = int(greeting.get("name_words", 3))
        # pronouns that point back at the previous question («И как его включить?»)
        self.pronouns = self._hashes(config.get("pronouns", ()))
        # after a first auxiliary, these make a line without a question mark a prohibition ("Do not click…")
        self.prohibitions = self._hashes(config.get("prohibition_after_start", ()))
        # a short chat sentence opening with these asks yes/no even without "?" ("can i get a refund")
        self.inverted = self._hashes(config.get("inverted_question_starts", ()))
        self._keys: dict[int, str] = {}  # LOWER hash -> word key ("" for none)
        self._space_words: dict[int, bool] = {}  # LOWER hash -> whitespace
        self._url_cache: dict[str, frozenset[str]] = {}  # a link -> the word keys of its path
        # LOWER hash of a cue's first word -> [(class, phrase as LOWER hashes)]
        self._first: dict[int, list[tuple[str, tuple[int, ...]]]] = {}
        self._one_word: dict[int, set[str]] = {}  # one-word cues: hash -> classes
        self._two_words: dict[tuple[int, int], list[tuple[str, tuple[int, ...]]]] = {}  # by their first two words
        for name, phrases in list(self.cues.items()) + [(f"ask.{k}", p) for k, p in self.ask_kinds.items()]:
            for phrase in phrases:
                hashes = tuple(self.strings.add(w) for w in phrase)
                self._first.setdefault(hashes[0], []).append((name, hashes))
                if len(hashes) == 1:
                    self._one_word.setdefault(hashes[0], set()).add(name)
                else:
                    self._two_words.setdefault(hashes[:2], []).append((name, hashes))
        # the same, by their length: (length, {phrase: its classes}) (a pair like "is n't" starts a dozen phrases:
        # each length is one dict lookup)
        self._longer_cues: dict[tuple[int, int], list[tuple[int, dict[tuple[int, ...], list[str]]]]] = {}
        for pair, entries in self._two_words.items():
            by_length: dict[int, dict[tuple[int, ...], list[str]]] = {}
            for name, phrase in entries:
                by_length.setdefault(len(phrase), {}).setdefault(phrase, []).append(name)
            self._longer_cues[pair] = sorted(by_length.items())
        self.comma = self.strings.add(",")
        self.hyphen = self.strings.add("-")
        self._punctuation_marks = frozenset(self.strings.add(m) for m in (",", ":", "—", "-", "–", ";"))
        # after these a question word opens a clause: punctuation, lead words, and the
        # last word of a request («подскажите как…», "please advise when…")
        self.clause_marks = self._punctuation_marks | {self.strings.add("(")} | self.lead \
            | frozenset(phrase[-1] for entries in self._first.values() for name, phrase in entries
                        if name.startswith("ask."))
        # (an object pronoun ending a request marks a clause only after the request's verb or a request: "can you
        # tell me when…", "could you also tell me which…"; not "Can you call me when it's ready?", "can it hand the
        # chat over to me when I'm online?", yes/no questions with a clause of time)
        objects = self._hashes(config.get("request_end_objects", ()))
        self._request_ends: dict[int, frozenset[int]] = {}
        for entries in self._first.values():
            for name, phrase in entries:
                if name.startswith("ask.") and phrase[-1] in objects and len(phrase) > 1:
                    self._request_ends[phrase[-1]] = self._request_ends.get(phrase[-1], frozenset()) | {phrase[-2]}
        # the first words of thanks and apologies: a sentence opening with one is thanks
        self._courtesy_first = frozenset(h for h, entries in self._first.items()
                                         if any(name == "courtesy" for name, _ in entries))
        self._not_answering = frozenset({"asks-back", "deferral", "ask.request", "courtesy-first", "signoff"})
        # every word a cue class reads: the rest of a message is skipped by one set lookup
        self._cue_words = frozenset(self._first) | frozenset(self.wh_hashes) | self.choice | self.inverted
        # what each cue word can start, looked up once per word a sentence holds:
        # (one-word cue classes, the words that may follow it in a longer cue, question word's answer kind, choice
        # word, auxiliary)
        # the ask cues alone: what lets a sentence without a question mark ask
        self._ask_one = frozenset(h for h, names in self._one_word.items() if any(n.startswith("ask.") for n in names))
        self._ask_two: dict[tuple[int, int], list[tuple[int, ...]]] = {}
        for pair, entries in self._two_words.items():
            for name, phrase in entries:
                if name.startswith("ask."):
                    self._ask_two.setdefault(pair, []).append(phrase)
        self._blank: dict[int, int] = {}  # LOWER hash -> whitespace, @handle or list marker
        # (the words that may follow the first word of a longer cue: most "the", "to", «в» start none there)
        followers: dict[int, set[int]] = {}
        for first, second in self._two_words:
            followers.setdefault(first, set()).add(second)
        self._cue_info = {h: (frozenset(self._one_word.get(h, ())), frozenset(followers[h]) if h in followers else None,
                              self.wh_hashes.get(h), h in self.choice, h in self.inverted) for h in self._cue_words}
        self._split_words = self.question_marks | self.split_after | self.yes_no_after
        # what a reply sentence needs to ask or to hold one of `asking_cues`: a question mark, a word opening an
        # indirect yes/no question, a cue phrase's first word (`sentences` with `asked_back`)
        asking_first = frozenset(h for h, entries in self._first.items()
                                 if any(name in self.asking_cues for name, _ in entries))
        phrase_classes = {*self.cues, *(f"ask.{k}" for k in self.ask_kinds)}
        self._asked_back_words = self.question_marks | self.yes_no_openers | asking_first \
            if self.asking_cues <= phrase_classes else None  # (None: a class found otherwise; every sentence is read)
        self._step_verbs: dict[int, bool] = {}  # LOWER hash -> an imperative that tells a step (`_tells_steps`)
        self._phrase_indexes: dict[tuple[str, ...], _PhraseIndex] = {}  # cue classes -> their phrases by first word
        self._imperative_words: dict[str, bool] = {}  # word -> `_is_imperative`
        # words that may move a sentence's first word on (the rest are tested by `_skippable`)
        self._first_word_movers = self.greetings | self.lead

    # -- words ---------------------------------------------------------------
    def _stem(self, word: str) -> str:
        return self.stemmer.stemWord(word)[: self.prefix]

    def key(self, h: int) -> str:
        """The word key of a LOWER hash: "" for punctuation, numbers, stop words."""
        found = self._keys.get(h)
        if found is None:
            word = self.strings[h]
            if not _LETTERS.search(word) or word.startswith(("@", "#", "http")) or len(word) > 40 \
                    or self._ordinal is not None and self._ordinal.match(word):
                found = ""
            else:
                found = self.word_key(word)
            remember(self._keys, h, found, 300_000)
        return found

    def _hashes(self, words) -> frozenset[int]:
        """The StringStore hashes of a pack's word list, lowercased (compared with the LOWER column)."""
        return frozenset(self.strings.add(str(w).lower()) for w in words)

    def _word_keys(self, words) -> frozenset[str]:
        """The word keys of a pack's word list, stop words left out."""
        return frozenset(k for k in map(self.word_key, map(str, words)) if k)

    def word_key(self, word: str) -> str:
        if self.form_synonyms:
            form = self.form_synonyms.get(word.lower())
            if form is not None:
                return form
        full = self.stemmer.stemWord(word.lower().strip("'’-"))
        if full in self.stop:
            return ""
        if full in self.stem_synonyms:
            return self.stem_synonyms[full]
        if self.fleeting_vowels and len(full) == self.prefix + 1 and full[-1] in self.fleeting_before \
                and full[-2] in self.fleeting_vowels:
            full = full[:-2] + full[-1]
        if self.verb_endings_left and self.analyze is not None and full[: self.prefix] not in self.synonyms:
            full = self._verb_stem(word.lower(), full)  # «Вы его снимете?» - «Мы снимем старый слой»: one key
        stem = full[: self.prefix]
        if stem not in self.synonyms and self.short_stem_by_lemma and self.analyze is not None \
                and len(full) < self.prefix:
            lemma = self.analyze(word.lower())[0]
            longer = self.stemmer.stemWord(lemma) if lemma else full
            if len(longer) > len(full) and longer not in self.stop:  # («вернём» - «вернуть»)
                full, stem = longer, longer[: self.prefix]
        if stem not in self.synonyms and self.degree_suffixes and self.analyze is not None \
                and word.lower().endswith(self.degree_suffixes):
            lemma, pos, _ = self.analyze(word.lower())
            if pos == "ADJ" and lemma and lemma != word.lower():  # "safer", "cheapest" (not "water", "never")
                longer = self.stemmer.stemWord(lemma)
                if longer in self.stop:
                    return ""
                full, stem = longer, longer[: self.prefix]
        if stem not in self.synonyms and self.irregular_past and self.analyze is not None \
                and not word.lower().endswith(self.done_suffixes or ("ed",)):
            lemma, _, morph = self.analyze(word.lower())
            if "Tense=Past" in morph and lemma:  # "taught" is "teach", "made" is "make"
                full = self.stemmer.stemWord(lemma)
                if full in self.stop:
                    return ""
                stem = full[: self.prefix]
        return self.synonyms.get(stem, stem)

    def _verb_stem(self, word: str, full: str) -> str:
        """The stem of a verb form without the personal ending the stemmer left on it («снимете»: «снимет» → «сним»,
        «пришлёт»: «пришлет» → «пришл»; not «отметить»: «отмет», whose «ет» is the root's)."""
        for left, endings in self.verb_endings_left.items():
            if full.endswith(left) and len(full) > len(left) and word.endswith(endings) \
                    and self.analyze(word)[1] == "VERB":
                return full[: -len(left)]
        return full

    def link_keys(self, text: str) -> frozenset[str]:
        """The words of the links in a text: a support article's address names its
        subject («…/Mute-All-And-Unmute-All»)."""
        return frozenset().union(*map(self._url_keys, _URL.findall(text)))

    def _url_keys(self, url: str) -> frozenset[str]:
        found = self._url_cache.get(url)
        if found is None:
            words = _URL_WORD.findall(url.split("/", 3)[-1])[:MAX_LINK_WORDS]
            found = remember(self._url_cache, url, frozenset(k for k in map(self.word_key, words) if k),
                             URL_CACHE_LIMIT)
        return found

    # -- sentences -------------------------------------------------------------
    def sentences(self, doc, text: str, to_source, starts: list[int], asking_only: bool = False,
                  in_fence: bool = False, asked_back: bool = False) -> Read:
        """The message's sentences (`doc` tokenizes `text`; `starts`: the positions
        that start a sentence) with their
        keys and cues; a sentence holding several questions («Это нормально? И
        как это исправить?», "Is it normal, and how do I fix it?") is split.

        Reads token hashes in arrays: a dict lookup per token, and Python work
        only where a question mark or a cue word is. With `asking_only`, only
        the sentences that may ask something are built; the words of the others
        are pooled (`Read.other_keys`) and `every_sentence` builds them when the
        whole message is wanted. With `asked_back` (a reply read only for what
        `redundant` checks), only the sentences that may ask or hold an asking cue
        are built, exactly as a whole read builds them."""
        if not len(doc):
            return Read([], None, [], [], to_source)
        lowers = column(doc, LOWER)
        cue_words, splits = self._cue_words, self._split_words
        d = _Arrays(self, doc, lowers, positions_in(lowers, cue_words), positions_in(lowers, splits), text, in_fence)
        # a chat line asking without «?» may hold several questions (`_sentence`): read so only for a customer's questions
        chat = asking_only and self.chat_split
        marks_at = [i for i in d.splits if lowers[i] in self.question_marks] if asking_only else None
        asked_back = asked_back and self._asked_back_words is not None
        asking_at = positions_in(lowers, self._asked_back_words) if asked_back else None
        out: list[Sentence] = []
        skipped: list[tuple[int, int]] = []
        # each sentence range with what was built for it: the sentences as a whole read builds them, or None
        # (skipped, or split as a chat line)
        ranges: list[tuple[int, int, list[Sentence] | None]] = []
        begin = 0
        comma = self.comma
        for end in [*starts[1:], len(lowers)]:
            if end <= begin or end < len(lowers) and lowers[end] == comma:
                continue  # (a sentence the splitter ended at «?,» goes on: «Я не помню пороль?, как востановить?»)
            if asking_only and not _any_in(marks_at, begin, end) and not self._may_ask(d, begin, end):
                skipped.append((begin, end))
                ranges.append((begin, end, None))
            elif asked_back and not _any_in(asking_at, begin, end):
                ranges.append((begin, end, None))  # (neither asks nor holds an asking cue: `redundant` passes it by)
            else:
                as_chat = chat and not _any_in(marks_at, begin, end)
                built = list(self._sentence(d, begin, end, to_source, as_chat))
                out.extend(built)
                ranges.append((begin, end, None if as_chat else built))
            begin = end
        return Read(out, d, skipped, ranges, to_source)

    def every_sentence(self, read: Read) -> list[Sentence]:
        """All the sentences of a message read with `asking_only`, as a whole read builds them: those built
        then, the others built now (a customer's statements, for `redundant`)."""
        out: list[Sentence] = []
        for begin, end, built in read.ranges:
            out.extend(built if built is not None else self._sentence(read.arrays, begin, end, read.to_source, False))
        return out

    def spaces_of(self, lowers: list[int]) -> list[bool]:
        """Whether each LOWER hash is whitespace (IS_SPACE), kept per hash."""
        get = self._space_words.get
        found = list(map(get, lowers))
        if None in found:
            strings, known = self.strings, self._space_words
            if len(known) > 300_000:
                known.clear()  # (before the doc's words go in: all of them are read back below)
            for h in set(lowers):
                if h not in known:
                    known[h] = strings[h].isspace()
            found = list(map(known.__getitem__, lowers))
        return found

    def keys_of(self, lowers: list[int]) -> list[str]:
        """The word key of each LOWER hash."""
        get = self._keys.get
        keys_of = list(map(get, lowers))
        if None in keys_of:
            keys_of = [k if k is not None else self.key(h) for k, h in zip(keys_of, lowers)]
        return keys_of

    def _may_ask(self, d: _Arrays, a: int, b: int) -> bool:
        """Can the sentence lowers[a:b], which has no question mark, ask? Only with
        an ask cue («подскажите», "could you tell me") or as a short chat line
        opening with a question word ("how to reset my password"): what `_kind`
        accepts without a question mark, tested before the sentence is built."""
        lowers, hits = d.lowers, d.hits
        k = bisect.bisect_left(hits, a)
        if k == len(hits) or hits[k] >= b:
            return False  # no cue word at all (most statements)
        first = self._first_word(lowers, a, b)
        if first < b and (self._wh_at(lowers, first, b) or lowers[first] in self.inverted):
            return True
        if first < b and lowers[first] in self.conditional_openers and self._asks_after_condition(lowers, first, b):
            return True  # «если вернём на день позже, сколько это будет стоить»
        ask_one, ask_two = self._ask_one, self._ask_two
        for i in hits[k:bisect.bisect_left(hits, b, k)]:
            h = lowers[i]
            if h in ask_one:
                return True
            phrases = ask_two.get((h, lowers[i + 1])) if i + 1 < b else None
            if phrases and any(tuple(lowers[i : i + len(phrase)]) == phrase for phrase in phrases):
                return True
        return False

    def _asks_after_condition(self, lowers, first: int, b: int) -> bool:
        """Does the last clause of a sentence opening with a conditional (at token `first`) open with a question
        word, and is it short («если вернём на день позже, сколько это будет стоить», "if I return it late, how much
        is the fee")?"""
        comma = next((j for j in range(b - 1, first, -1) if lowers[j] == self.comma), None)
        return comma is not None and self._wh_at(lowers, comma + 1, b) \
            and sum(1 for h in lowers[comma + 1:b] if _LETTERS.search(self.strings[h])) <= self.chat_question_words

    def _main_clause(self, sentence: Sentence) -> frozenset[str]:
        """The keys after the conditional clause a question opens with ("If I do a factory reset, will the history
        be wiped?": "history", "wiped"): the condition is no part of what is asked; none where it has no comma."""
        lowers = sentence.lowers
        first = self._first_word_of(sentence)
        if first >= len(lowers) or lowers[first] not in self.conditional_openers:
            return frozenset()
        comma = next((j for j in range(first + 1, len(lowers)) if lowers[j] == self.comma), None)
        if comma is None:
            return frozenset()
        main = frozenset(k for k in sentence.keys_of[comma + 1:] if k)
        # (a main clause with no topic of its own, «если вернём позже, сколько это будет стоить», asks about the
        # condition: its words stay)
        return main if main - self.generic - self.kind_words - frozenset(self.expects_by_word) else frozenset()

    def _statement_before_question(self, sentence: Sentence) -> Sentence | None:
        """The statement that opens a reply sentence asking after a dash or a semicolon («Записаться можно на 18-е или
        на 19-е — какое время Вам подходит?», "We have Friday at 10 or Monday at 2; which suits you?"), read as a
        sentence of its own; None where there is none (the break must be followed by a question word, and the
        statement must ask nothing itself)."""
        lowers = sentence.lowers
        # (or, in a request for details, by "please": "The same setup is available; please share the date")
        please = frozenset() if sentence.asks else self._please_first
        # (or by a colon and an imperative: «Госпошлина повторно не взимается: приложите копию квитанции»)
        cut = next((j for j in range(1, len(lowers) - 2) if lowers[j] in self._question_breaks
                    and (lowers[j + 1] in self.wh_hashes or lowers[j + 1] in please)
                    or not sentence.asks and lowers[j] == self._colon
                    and (lowers[j + 1] in please or self._is_imperative(sentence.word(lowers[j + 1])))), None)
        plain = False
        if cut is None and not sentence.asks and "asks-back" in sentence.cues:
            # (or by a colon after a whole statement, the request later on: «Билеты не пропали: электронный билет
            # действует весь день, просто приложите QR-код к турникету»)
            cut = next((j for j in range(2, len(lowers) - 2) if lowers[j] == self._colon), None)
            plain = True
        if cut is None:
            return None
        hits = [i for i in range(cut) if lowers[i] in self._cue_words]
        cues = self._cues(lowers, hits, 0, cut) if hits else _NO_CUES
        if any(c.startswith(("wh.", "ask.")) or c == "inverted-first" for c in cues):
            return None
        if plain and not (self._not_answering | {"please-word", "help-request"}).isdisjoint(cues):
            return None  # (not a request before the colon: «Пришлите, пожалуйста, два фото: …»)
        keys_of = sentence.keys_of[:cut]
        keys = frozenset(k for k in keys_of if k)
        if not keys:
            return None
        # (the words it says in other words, as in a sentence of its own: «В субботу свободно окно в 10:00 — записать
        # Вас?» holds «прийти» of «Можно прийти в субботу?»)
        keys = self._with_phrase_keys(keys, cues)
        text = sentence.text
        has_number = any(_DIGIT.search(sentence.word(h)) for h in lowers[:cut])
        return Sentence(sentence.local, text, keys, False, cues, has_number, lowers[:cut], keys_of, sentence._to_source,
                        sentence._strings)

    def _before_reason(self, sentence: Sentence, keys: frozenset[str]) -> frozenset[str]:
        """The keys without those only a trailing reason holds ("…before Friday as I'm nearly out?": "nearly"), where
        what is left still has a topic (`trailing_reason_openers`)."""
        first = self._first_word_of(sentence)
        cut = min((i for i, _ in self.trailing_reason.matches(sentence.words()) if i > first + 1), default=None)
        if cut is None:
            return keys
        kept = keys - (frozenset(sentence.keys_of[cut:]) - frozenset(sentence.keys_of[:cut]))
        return kept if kept - self.generic - self.kind_words - frozenset(self.expects_by_word) else keys

    def _reason_then_condition(self, sentence: Sentence) -> bool:
        """Does the question hold only words with no topic («почему», «так», "why", "that") before a comma that
        opens a trailing condition («…, если…», "…, if…")?"""
        lowers = sentence.lowers
        first = self._first_word_of(sentence)
        comma = next((j for j in range(first + 1, len(lowers) - 1) if lowers[j] == self.comma), None)
        # (or the customer's premise, «…, ведь у вас камера с климат-контролем?», «…, там ведь просто потемнел лак?»)
        if comma is None or lowers[comma + 1] not in self.conditional_openers \
                and not self.premise_openers.intersection(lowers[comma + 1:comma + 3]):
            return False
        # (a word asking how long is about the message too: «Почему так долго, там ведь…?»)
        return not {k for k in sentence.keys_of[first:comma] if k} - self.generic - self.expects_by_word.keys()

    def _first_word_of(self, sentence: Sentence) -> int:
        """`_first_word` of a whole sentence, read in the StringStore of its own doc (a reply's sentences
        may come from a piece another language's linter read)."""
        return self._first_word(sentence.lowers, 0, len(sentence.lowers), sentence._strings)

    def _first_word(self, lowers, a: int, b: int, strings=None) -> int:
        """Where the sentence lowers[a:b] has its first word that counts: after
        lead words («Ну,», "Well,"), whitespace, @handles and a list marker
        ("1)", «2.», "•"), and a greeting with the name after it ("Hi Dev,").
        `strings`: the StringStore of the doc `lowers` come from (this linter's own by default)."""
        strings = strings or self.strings
        if a < b and self._blank.get(lowers[a]) == 0 and lowers[a] not in self._first_word_movers:
            return a  # (most sentences: a plain word, seen before, opens it)
        first = a
        while first < b and self._skippable(lowers[first], strings) == 1:  # ("@ryandarbonne Hi Ryan - yes!")
            first += 1
        if first < b and lowers[first] in self.greetings:
            while first < b and lowers[first] in self.greetings:  # ("good morning")
                first += 1
            # (the name ends at a comma, or a dash or a colon: "Hi Ryan - yes!")
            comma = next((j for j in range(first, min(first + self.greeting_reach + 1, b))
                          if lowers[j] in self._punctuation_marks), None)
            if comma is not None:
                first = comma + 1
        while first < b:
            h = lowers[first]
            if first + 1 < b and lowers[first + 1] in self.lead_wh_before and h in self.wh_hashes:
                break
            if h in self.lead or self._skippable(h, strings) == 1:
                first += 1
            elif self._skippable(h, strings) == 2 and first + 1 < b \
                    and self._skippable(lowers[first + 1], strings) == 1 and strings[lowers[first + 1]] in ").":
                first += 2  # "1" ")"
            else:
                break
        return first

    def _skippable(self, h: int, strings=None) -> int:
        """Is the token whitespace, an @handle or a list marker (1: skipped before
        a sentence's first word), or a number that a marker may follow (2)? `strings`: the StringStore
        of its doc (hashes are of the text, so one cache serves every store)."""
        found = self._blank.get(h)
        if found is None:
            word = (strings or self.strings)[h]
            found = 1 if word.isspace() or word[:1] == "@" or _MARKER.match(word) else \
                2 if _MARKER_NUMBER.match(word) else 0
            self._blank[h] = found
        return found

    def _sentence(self, d: _Arrays, a: int, b: int, to_source, chat: bool = False):
        """The sentences of lowers[a:b] (several where it asks several questions); `chat`: a customer's chat line
        without «?», split at a second yes/no question as if it ended with one."""
        while a < b and d.spaces[a]:
            a += 1
        while b > a and d.spaces[b - 1]:
            b -= 1
        if a >= b:
            return
        marks = self.question_marks
        cut = a
        pending = None  # the keys of a sentence split at a second yes/no question, for its next part
        lo, hi = bisect.bisect_left(d.splits, a), bisect.bisect_left(d.splits, b - 1)
        # a chat line asking without «?» («в каком составе играть и есть ли допы на русском»): split at a second
        # yes/no question as if it ended with one, where the part before asks («и в какие сроки» stays with it)
        for i in d.splits[lo:hi]:
            h = d.lowers[i]
            if h in marks and i + 1 < b and d.lowers[i + 1] == self.comma:
                continue  # «Я не помню пороль?, как востановить?»: the sentence goes on after the mark
            if h in marks:  # «Это нормально? И как исправить?» kept together by the splitter
                last = self._make(d, cut, i + 1, to_source, True)
                last.whole, pending = pending, None
                yield last
                cut = i + 1
            elif i > cut + 1 and h in self.yes_no_after and self._opens_yes_no(d.lowers, i, b) \
                    and (chat or self._asks_at_end(d, i, b) or i + 1 < b and d.lowers[i + 1] in self.yes_no_openers):
                # «Можно ли перенести бронь и сохранится ли скидка?», "Can I move it, and will the
                # discount still apply?": two yes/no questions, each answered on its own; split only
                # where the part before asks too («Я заказал вчера, и можно ли…» stays whole)
                end = i - 1 if d.lowers[i - 1] == self.comma else i
                first = self._make(d, cut, end, to_source, True)
                if chat and not self._opens_asking(first):
                    continue  # (without «?», only a part opening as a question asks)
                if not (first.cues & _ASKING_CUES or not self.yes_no_particles.isdisjoint(d.lowers[cut:end])
                        or self.strings[h][:1].isalpha() and any(c.startswith("ask.") for c in first.cues)):
                    continue  # (a request alone before a comma, "Please advise, can I…", is no question)
                mark = next((j for j in d.splits[bisect.bisect_right(d.splits, i):] if d.lowers[j] in marks), b)
                whole = frozenset(d.keys_of[cut:mark]) - {""}
                first.whole = whole | (pending or frozenset())
                pending = whole
                yield first
                cut = i if self.strings[h][:1].isalpha() else i + 1
                continue
            elif i > cut + 1 and h in self.split_after and self._wh_at(d.lowers, i + 1, b) \
                    and self._asks_at_end(d, i, b):
                # "Is it normal, and how do I fix it?", «сколько стоит перенос и сколько времени это займёт?»
                end = i - 1 if d.lowers[i - 1] == self.comma else i
                first = self._make(d, cut, end, to_source, True)
                if not first.cues & _ASKING_CUES and not any(c.startswith("ask.") for c in first.cues):
                    # "sketchy, ok, but why…": the part before asks nothing of its own
                    first = self._make(d, cut, end, to_source, False)
                first.whole, pending = pending, None
                yield first
                cut = i if self.strings[h][:1].isalpha() else i + 1  # («…пишу: где мой заказ?» without the colon)
        last = self._make(d, cut, b, to_source, d.lowers[b - 1] in marks)
        last.whole = pending
        yield last

    @staticmethod
    def _opens_asking(part: Sentence) -> bool:
        """Does the part of a chat line before a second question ask: opening as a question, or with a question
        word after a request («Хотелось бы узнать, сколько это будет стоить, и входит ли…»)?"""
        return bool(part.cues & _ASKING_CUES) or any(c.startswith(("ask.", "wh.")) for c in part.cues)

    def _wh_at(self, lowers: list[int], j: int, b: int) -> bool:
        """Does a question word stand at token j, or after a preposition there («за сколько», «в какой»)?"""
        return j < b and (lowers[j] in self.wh_hashes
                          or lowers[j] in self.wh_prepositions and j + 1 < b and lowers[j + 1] in self.wh_hashes)

    def _opens_yes_no(self, lowers: list[int], i: int, b: int) -> bool:
        """Does a yes/no question open after the conjunction at token i: a particle a
        word or two on («и сохранится ли», «а можно ли»), or an auxiliary with a
        subject after it ("and will the…", "and do I…")? A coordinated
        object («вернуть товар и деньги») or a choice ("reinstall or reset") has neither."""
        j = i + 1
        if j < b and lowers[j] in self.yes_no_after:  # ", and will…"
            j += 1
        if j < b and lowers[j] in self.yes_no_openers:
            return True
        if self.yes_no_particles and any(lowers[k] in self.yes_no_particles
                                         for k in range(j + 1, min(j + 1 + self.yes_no_reach, b))):
            return True
        return j + 1 < b and lowers[j] in self.yes_no_aux and lowers[j + 1] in self.yes_no_subjects

    def _asks_at_end(self, d: _Arrays, i: int, b: int) -> bool:
        """Does the clause after token i end with a question mark?"""
        lo, hi = bisect.bisect_right(d.splits, i), bisect.bisect_left(d.splits, b)
        return any(d.lowers[j] in self.question_marks for j in d.splits[lo:hi])

    def _make(self, d: _Arrays, a: int, b: int, to_source, asks: bool) -> Sentence:
        while a < b and d.spaces[a]:
            a += 1
        # "also can i bring my bike on it\ncheers, dan": a sign-off and a name closing a line with no «?»
        # (a sign-off word, a comma, and a few words to the end) are no part of it
        signoff_from = max(a + 2, b - SIGNATURE_TOKENS)  # (only the last SIGNATURE_TOKENS tokens can start one)
        if not asks and self.chat_signoffs and signoff_from < b - 2 \
                and not self.chat_signoffs.isdisjoint(d.lowers[signoff_from:b - 2]):
            cut = next((j for j in range(signoff_from, b - 2) if d.lowers[j] in self.chat_signoffs
                        and d.lowers[j + 1] == self.comma), None)
            if cut is not None:
                b = cut
                while b > a and d.spaces[b - 1]:
                    b -= 1
        start_char, end_char = d.char_span(a, b)
        keys_of = d.keys_of[a:b]
        keys = frozenset(keys_of)
        keys = keys - {""} if "" in keys else keys
        has_number = bool(_DIGIT.search(d.text, start_char, end_char))
        lowers = d.lowers[a:b]
        lo, hi = bisect.bisect_left(d.hits, a), bisect.bisect_left(d.hits, b)
        cues = self._cues(d.lowers, d.hits[lo:hi], a, b) if hi > lo else _NO_CUES
        if has_number and self.month_beside_number and self._month_beside_number(d, a, b):
            cues = cues | _MONTH_CUES
        if has_number and self.time_after_number and not self.time_after_number.isdisjoint(lowers) and any(
                lowers[i] in self.time_after_number and _DIGIT.search(self.strings[lowers[i - 1]])
                for i in range(1, len(lowers))):
            cues = cues | _TIME_CUE  # "by 11 am" (not the verb: "I am", "am I")
        keys = self._with_phrase_keys(keys, cues)
        if d.text.find("http", start_char, end_char) >= 0 or d.text.find("www.", start_char, end_char) >= 0:
            cues = cues | _LINK_CUE  # a link to an article or a guide: steps, a place, a document
            keys = keys | self.link_keys(d.text[start_char:end_char])
        if asks and (d.text.startswith("!", end_char) or d.text.endswith(("?!", "!?"), start_char, end_char)):
            cues = cues | _EXCLAIMED_CUE  # «Как так?!» (the tokenizer may leave the «!» to the next sentence)
        if asks:
            # (a quotation opened earlier on the line, looked for a bounded way back)
            line_start = d.text.rfind("\n", max(0, start_char - QUOTE_REACH), start_char) + 1
            if _in_code(d.text, end_char) or (d.fences or d.in_fence) and in_fence(d.fences, end_char, d.in_fence) \
                    or _inside_quotes(d.text[max(line_start, start_char - QUOTE_REACH):end_char]):
                cues = cues | _CODE_CUE  # «?» in a pasted log line, a ``` block or inside a quote asks nothing
        return Sentence((start_char, end_char), d.text[start_char:end_char], keys, asks, cues, has_number,
                        lowers, keys_of, to_source, self.strings, (d.doc, a, b))

    def _month_beside_number(self, d: _Arrays, a: int, b: int) -> bool:
        """Does a month's name that is also another word, capitalised, stand right beside a number in lowers[a:b]
        ("on 9 May", "May 2025"; not "step 3 may take a while", "you may need 2")?"""
        lowers = d.lowers
        if self.month_beside_number.isdisjoint(lowers[a:b]):
            return False  # (most sentences: no such month at all)
        for i in range(a, b):
            if lowers[i] in self.month_beside_number and d.doc[i].text[:1].isupper():
                if i > a and _DIGIT.search(self.strings[lowers[i - 1]]) \
                        or i + 1 < b and _DIGIT.search(self.strings[lowers[i + 1]]):
                    return True
        return False

    def _opens_at(self, name: str, lowers: list[int], i: int, b: int) -> bool:
        """Does a cue of the class (a direct answer «Да», "No"; a sign-off) start at token i?"""
        if i >= b:
            return False
        if name in self._one_word.get(lowers[i], ()):
            return True
        return i + 1 < b and any(n == name and tuple(lowers[i: i + len(p)]) == p
                                 for n, p in self._two_words.get((lowers[i], lowers[i + 1]), ()))

    def _cues(self, lowers: list[int], hits: list[int], a: int, b: int) -> frozenset[str]:
        """The cue classes of the sentence lowers[a:b]; `hits`: where cue words are."""
        found = set()
        first_word = self._first_word(lowers, a, b)  # «Ну, да…», "@TelcoOne how long…", "1) Why…"
        longer, info, not_before = self._longer_cues, self._cue_info, self.cue_not_before
        for i in hits:
            h = lowers[i]
            names, two, what, choice, inverted = info[h]
            if names:
                found.update(names)
            if two is not None and i + 1 < b and lowers[i + 1] in two:
                for n, phrases in longer[(h, lowers[i + 1])]:
                    classes = phrases.get(tuple(lowers[i: i + n]))
                    if classes:
                        after = lowers[i + n] if i + n < b else self.full_stop
                        for name in classes:
                            if name in not_before and after in not_before[name]:
                                continue  # «Пожалуйста, напишите на partners@…»: where to write, not what
                            found.add(name)
            if what is not None and i + 1 < b and (lowers[i + 1] in self.indefinite or lowers[i + 1] == self.hyphen
                                                   and i + 2 < b and lowers[i + 2] in self.indefinite):
                what = None  # «Почему то номер просит», «как то», «какие-то каналы»: an indefinite pronoun
            if what is not None:
                paired = i + 1 < b and (h, lowers[i + 1]) in self.wh_pairs
                if i + 1 < b:
                    what = self.wh_pairs.get((h, lowers[i + 1]), what)  # "how long" asks for a time
                opens = i  # where its clause starts: at a preposition before it («За какой срок…»)
                if i > first_word and lowers[i - 1] in self.wh_prepositions:
                    opens = i - 1
                    if not paired:  # (the unit after it wins: «до скольки лет» asks for an age, a number)
                        what = self.wh_pairs.get((lowers[i - 1], h), what)  # «во сколько» asks for a time
                if (opens == first_word or lowers[opens - 1] in self.clause_marks
                    and not (opens - 2 >= first_word and lowers[opens - 2] in self.wh_conjunction_after)
                    and (lowers[opens - 1] not in self._request_ends or any(c.startswith("ask.") for c in found)
                         or opens - 2 >= first_word and lowers[opens - 2] in self._request_ends[lowers[opens - 1]])) \
                        or paired and self.wh_pairs_anywhere and lowers[b - 1] in self.question_marks \
                        or self.wh_last_asks and i == b - 2 and i - first_word >= 2 \
                        and lowers[b - 1] in self.question_marks:  # (after a topic: not «Это как?»)
                    # a question word that opens the sentence or a clause («Скажите, когда…»);
                    # inside one it is subordinate («могу ли я включать музыку, когда отхожу»)
                    found.add(f"wh.{what}")
                    if opens == first_word:
                        found.add("wh-first")
            if choice and not (i + 1 < b and lowers[i + 1] in self.not_choice):
                found.add("choice")
            if inverted and i == first_word:
                found.add("inverted-first")
            elif inverted and lowers[i - 1] == self.comma and i + 1 < b and lowers[i + 1] in self.yes_no_subjects:
                found.add("inverted-clause")  # "Hi Jo, for the 40th (60 guests), can you do…"
        if "answer.period" in found:
            found.add("answer.time")  # «ежедневно», "twice a year": a time, said without a date or a number
        if "direct-answer" in found and not self._opens_at("direct-answer", lowers, first_word, b) \
                and not self._opens_before_greeting("direct-answer", lowers, a, b) \
                and not self._opens_after_courtesy(lowers, first_word, b):
            found.discard("direct-answer")  # «Да,» answers only where it opens the sentence
        if "follow-up" in found and not self._opens_at("follow-up", lowers, first_word, b):
            found.discard("follow-up")  # «Или…?», "Basically, …?" ask the question before again only where they open
        if "signoff" in found and not self._opens_at("signoff", lowers, first_word, b):
            found.discard("signoff")  # "Best regards," not "…is the best option"
        if "signoff" in found and first_word + 1 < b and lowers[first_word + 1] in self.signoff_not_before:
            found.discard("signoff")  # "Best to book, as Saturdays fill up fast.": advice, not "Best,"
        if "rhetorical" in found and self.rhetorical_clause and self._rhetorical_tail(lowers, hits, a, b):
            found.add("rhetorical-clause")
        if "courtesy" in found and first_word < b and lowers[first_word] in self._courtesy_first:
            found.add("courtesy-first")  # «Спасибо за обращение.»: the whole sentence is thanks
        return frozenset(found)

    def _opens_after_courtesy(self, lowers: list[int], first_word: int, b: int) -> bool:
        """Does a direct answer open the clause right after thanks or an apology that open the sentence ("Thanks
        for letting us know, that's no trouble at all; I've moved it")? (`direct_answer_after_courtesy`)"""
        if not self.direct_answer_after_courtesy or first_word >= b or lowers[first_word] not in self._courtesy_first:
            return False
        k = next((k for k in range(first_word + 1, b) if lowers[k] in self._punctuation_marks), None)
        return k is not None and self._opens_at("direct-answer", lowers, k + 1, b)

    def _opens_before_greeting(self, name: str, lowers: list[int], a: int, b: int) -> bool:
        """Does a cue of the class start at the sentence's first token, where that token is also a greeting word
        ("Good news: it's at the desk" is no "Good <name>:" greeting)?"""
        first = a
        while first < b and self._skippable(lowers[first]) == 1:
            first += 1
        return first < b and lowers[first] in self.greetings and self._opens_at(name, lowers, first, b)

    def _rhetorical_tail(self, lowers: list[int], hits: list[int], a: int, b: int) -> bool:
        """Does a rhetorical cue open the sentence's last clause, and is that clause short?"""
        start = next((j + 1 for j in range(b - 1, a - 1, -1) if lowers[j] in self._punctuation_marks), a)
        words = sum(1 for h in lowers[start:b] if _LETTERS.search(self.strings[h]))
        return words <= self.rhetorical_clause and any(
            self._opens_at("rhetorical", lowers, i, b) for i in hits if start <= i < b
            and not any(_LETTERS.search(self.strings[h]) for h in lowers[start:i] if h not in self.lead))

    def quotable(self, question: str) -> str:
        """The question as a placeholder quotes it: without the request words it
        opens with, the final marks, or a capital that started the sentence."""
        text = " ".join(question.split())
        if self._quote_start is not None:
            text = self._quote_start.sub("", text)
        text = text.rstrip("?!.… ").strip()
        return text[:1].lower() + text[1:] if text[1:2].islower() else text

    # -- questions ---------------------------------------------------------------
    def questions(self, sentences: list[Sentence], source_index: int) -> list[Question]:
        out = []
        vented = None  # where the last rhetorical question ended ("Seriously?")
        for sentence in sentences:
            if len(out) >= MAX_QUESTIONS:
                break
            kind = self._kind(sentence)
            if kind is None:
                if "rhetorical" in sentence.cues and sentence.asks:
                    vented = sentence.local[1]
                continue
            if vented is not None and sentence.local[0] - vented <= 2 and kind == "wh" \
                    and len(sentence.text.split()) <= self.vent_words \
                    and any(c[3:] in self.vent_kinds for c in sentence.cues if c.startswith("wh.")):
                continue  # "Seriously? Who packs these?": a short "who" right after one vents on
            keys = sentence.keys  # (none: «Почему?», "Why?" — about the whole message)
            if self.conditional_main_clause:
                keys = self._main_clause(sentence) or keys  # ("If I reset it, will the history be wiped?")
            if self.trailing_reason is not None and keys:
                keys = self._before_reason(sentence, keys)
            if self.reason_before_condition and "wh.reason" in sentence.cues and self._reason_then_condition(sentence):
                keys = frozenset()  # («Почему так, если прошло три месяца?»: why, about the message)
            wh = sorted(c[3:] for c in sentence.cues if c.startswith("wh."))
            expects = (wh[0] if wh else "thing") if kind == "wh" else None  # ("tell me the price": a thing)
            # «Сколько стоит?» asks for a price, «Сколько ждать?» for a time
            if expects in self.kind_by_word_for:  # «сколько стоит» → a price, «за какой период» → a time
                # (and «Кто будет платить?», "Who covers the cost?": a price, which «оплатим мы» gives)
                # (the first such word in the sentence: a set's order changes from run to run)
                expects = next((self.expects_by_word[k] for k in sentence.keys_of
                                if k in keys and k in self.expects_by_word), expects)
            if expects == "thing" and "asks-steps" in sentence.cues:
                expects = "steps"  # "what do I do?", «что мне делать?»: what to do, steps
            if kind == "request" and expects is None and "ask.wh" in sentence.cues:
                # "Could you tell me the cost of both?": a request for the price (or the time) it names
                expects = next((self.expects_by_word[k] for k in sentence.keys_of
                                if k in keys and k in self.expects_by_word), None)
            if kind == "request" and expects is None and "asks-reason" in sentence.cues:
                expects = "reason"  # «Объясните нормально.», «Поясните это списание.»: a request for the why
            if expects == "person" and keys & self.fault_words:
                expects = "reason"  # «Кто будет отвечать?», "who is responsible?": whose fault, which an admission answers
            start, end, text = sentence.source()
            pronoun = not self.pronouns.isdisjoint(sentence.lowers)
            out.append(Question(source_index, start, end, text, kind, expects, keys, pronoun, sentence))
        return out

    def _kind(self, sentence: Sentence) -> str | None:
        cues = sentence.cues
        if not sentence.asks and not cues:
            return None  # (most sentences: a statement with no cue word at all)
        words = len(sentence.text.split())
        if ("rhetorical" in cues and (words <= RHETORICAL_WORDS or "rhetorical-clause" in cues)) or "not-asking" in cues:
            return None  # «Серьёзно?», "Are you kidding me?" (not "Could it really slow it down?")
        if "exclaimed" in cues and words <= self.rhetorical_words:
            return None  # «Как так?!»
        if "exclaimed" in cues and ("wh.reason" in cues or "rhetorical" in cues or "indignant" in cues):
            return None  # "Why does this always happen to me?!", «Почему опять?!», "I can't believe it - how…?!"
        asked = [k[4:] for k in cues if k.startswith("ask.")]
        if sentence.asks and not asked and not cues & _ASKING_CUES and self._hedged_estimate(sentence):
            return None  # "…came with a few blocks missing, maybe 4?": a guess at a number, not a question
        if "exclaimed" in cues and self.exclaimed_statements and not asked and not cues & _ASKING_CUES \
                and not any(c.startswith("wh.") for c in cues):
            return None
        if not sentence.asks and sentence.text.rstrip().endswith(":"):
            return None  # «Подскажите, пожалуйста:», "Two questions:": the questions follow
        if not sentence.asks and not asked:
            # chat style without «?»: «сколько ждать», "how to reset my password"
            greeting = self._first_word_of(sentence)  # ("hi is the clinic open…")
            # (an exclamation is no chat question: "Have a nice day!", "What a mess!")
            chat = words - greeting <= self.chat_question_words and "," not in sentence.text \
                and not sentence.text.rstrip().endswith("!")
            if not chat and "wh-first" in cues and "," in sentence.text and not sentence.text.rstrip().endswith("!") \
                    and any(c[3:] in self.chat_clause_kinds for c in cues if c.startswith("wh.")):
                # «И почему так произошло, я нажал кнопку один раз.», "why did it renew, i cancelled it": a short
                # first clause opening with «почему»/"why" (not «когда», a conjunction too) asks before the comma
                chat = len(sentence.text.split(",", 1)[0].split()) - greeting <= self.chat_question_words
            conditional = not chat and not sentence.text.rstrip().endswith("!") \
                and self._asks_after_condition(sentence.lowers, greeting, len(sentence.lowers)) \
                and greeting < len(sentence.lowers) and sentence.lowers[greeting] in self.conditional_openers \
                and any(c.startswith("wh.") for c in cues)
            if not (chat and ("wh-first" in cues or "inverted-first" in cues)) and not conditional:
                return None
            if _capitalised_line(sentence.text, NAME_LINE_WORDS):
                return None  # "Will Thornton", "May Chen" under the message: a signature, not "will…?"
            if "wh-first" not in cues and greeting + 1 < len(sentence.lowers) \
                    and sentence.lowers[greeting + 1] in self.prohibitions:
                return None  # "DO NOT CLICK ON https://…": without a question mark, a warning
        if not self._prose(sentence.text) or "code" in cues:
            return None
        if not sentence.keys and not any(c.startswith("wh.") for c in cues):
            return None  # nothing to answer: «Ну?», "Any update?"… has no content word
        if "choice" in cues and sentence.asks \
                and not any(c[3:] in self.kind_required for c in cues if c.startswith("wh.")):
            # (not a "when" or a "how much" naming two things: "How soon can you provide a replacement or repair?"
            # asks for a time)
            return "choice"
        if any(c.startswith("wh.") for c in cues):
            return "wh"
        if asked:
            return sorted(asked)[0] if "yes-no" not in asked else "yes-no"
        return "yes-no"

    def _hedged_estimate(self, sentence: Sentence) -> bool:
        """Does the sentence close on a short hedged number after a comma ("…, maybe 4?", "…, about 20 minutes?",
        «…, где-то 5 штук?»): the «?» of an estimate, not of a question?"""
        if not self.hedge_words:
            return False
        head, comma, tail = sentence.text.rstrip().rstrip("?!.").rpartition(",")
        words = tail.lower().split()
        return bool(comma and head.strip()) and 1 < len(words) <= HEDGE_TAIL_WORDS and words[0] in self.hedge_words \
            and any(self._numeral(w) for w in words[1:])

    def _prose(self, text: str) -> bool:
        """Logs and code are not asked: most of a line's characters are letters."""
        visible = len(text) - len(_SPACES.findall(text))
        return visible > 0 and sum(map(len, _LETTERS.findall(text))) >= self.min_letter_share * visible

    # -- coverage ----------------------------------------------------------------
    def cover_all(self, questions: list[Question], reply: list[Sentence],
                  context: frozenset[str] = frozenset()) -> list[Coverage]:
        """The coverage of each question of one message by the reply.

        A question's focus is its content words; its distinctive words are those
        no other question of the message shares («Можно ли перенести лицензию?
        Нужно ли деактивировать её?»: «деактивировать»). A reply sentence that
        states something (neither a question nor a request for details)
        answers it when it holds enough of the focus (`coverage` share, at most
        `coverage_enough` words), or one word with an answer of the kind asked,
        and, where the question has distinctive words, one of them (or two focus
        words). A question with no topic of its own («Что случилось?», "Any
        advice?") is answered by any reply sentence that says something. A
        sentence promising an answer defers the questions whose words it holds,
        or every question when it holds none of them. `context`: the words of
        the message's other sentences (see `_weigh`)."""
        # the signature after «С уважением,» / "Best regards," answers nothing
        signoff = next((k for k, s in enumerate(reply) if "signoff" in s.cues), None)
        body = reply[:signoff] if signoff is not None else reply
        # a sentence that asks the customer for something («Подскажите, пожалуйста, трек-номер…»)
        # or only thanks («Спасибо за обращение.») answers nothing
        answering = [s for s in body if not s.asks and self._may_answer(s)
                     and not s.text.endswith(PLACEHOLDER_END)]  # an unfilled «…: …» answers nothing
        if self.statement_before_question and any(s.asks or "asks-back" in s.cues for s in body):
            # (the statement of a sentence that goes on to ask: «Можно на среду — какое время удобно?»; or to ask
            # for details, beside the sentence itself: "The same setup is available; please share the date")
            stated = {id(s): self._statement_before_question(s) for s in body if s.asks or "asks-back" in s.cues}
            answers = {id(s) for s in answering}  # (a set: a list's `in` made long replies quadratic)
            answering = [t for s in body for t in ((s,) if id(s) not in stated else (stated[id(s)],) if s.asks
                                                   else (s, stated[id(s)]))
                         if t is not None and (id(t) in answers if t is s else self._may_answer(t))]
        if self.steps_by_imperative:
            # (an imperative is told to the customer: steps in other words too, "Just come to the kiosk")
            marks = {"answer.steps", self.other_words_cue.get("steps", "answer.steps")}
            for s in answering:
                # (not a line of names, "Nina, Pulse Support": a signature whose sign-off no cue names)
                if not marks <= s.cues and self._tells_steps(s) and not self._name_line(s):
                    s.cues = s.cues | marks  # (once per reply sentence: the cue stays with it)
        # an answer often runs over two sentences («Это кнопка «Пригласить». Она вверху
        # страницы «Участники».»): each sentence is also read with the next one
        windows = [((k,), s) for k, s in enumerate(answering)] + [
            ((k, k + 1), Sentence(a.local, a.text, a.keys | b.keys, False, a.cues | b.cues,
                                  a.has_number or b.has_number, to_source=a._to_source))
            for k, (a, b) in enumerate(zip(answering, answering[1:]))]
        window_keys = [window.keys for _, window in windows]

        def holding(words: frozenset[str]) -> list[int]:
            """The windows that hold one of the words, in order (a set test per window: a reply has a few dozen
            words and a question a few)."""
            return [w for w, keys in enumerate(window_keys) if not keys.isdisjoint(words)] if words else []
        deferrals = [s for s in reply if "deferral" in s.cues] + [
            s for k, s in enumerate(reply) if "deferral" not in s.cues and self._hands_off(reply, k)]
        # "I'll email you on Thursday with the fee": a promise to send something defers what it names
        named_deferrals = [s for s in reply if "deferral-named" in s.cues and "deferral" not in s.cues]
        questions = questions[:MAX_QUESTIONS]
        yes_no = [q for q in questions if q.kind == "yes-no" or q.kind in self.granted_kinds]
        focuses = [self._focus(n, q, questions, context) for n, q in enumerate(questions)]
        candidates = [sorted(self._by_kind(q, f, windows).union(holding(f.words))) for q, f in zip(questions, focuses)]
        strong_sets: list[set[int]] = []  # each question's windows that answer it fully (made once, when needed)

        def strong() -> list[set[int]]:
            if not strong_sets:
                # (a «когда»/"when" is answered in full only by a sentence giving the time: "We have four candidates
                # ready, but we're waiting on feedback" holds "candidates" of "When can we expect candidates?", but
                # answers "What's the hold-up?")
                strong_sets.extend({w for w in candidates[m] if self._holds(focuses[m], windows[w][1], questions[m])
                                    and (questions[m].expects not in self.kind_required
                                         or self._answers_kind(questions[m], windows[w][1]))}
                                   for m in range(len(questions)))
            return strong_sets

        def taken_by_others(n: int, by_yes_no: bool = True) -> set[int]:
            """The answering sentences that fully answer a question other than question n (or than the guess
            right after it: "Which format do you need? Will PDF do?" - "We need a PDF in CMYK" answers both);
            `by_yes_no` False: not counting those that answer a yes/no question."""
            guess = n + 1 if n + 1 < len(questions) and self._guess(questions[n], questions[n + 1]) else None
            return {k for m, ws in enumerate(strong()) if m != n and m != guess
                    and (by_yes_no or questions[m].kind != "yes-no")
                    for k in self._taking(questions[m], ws, windows, focuses[m].words)}

        def free_sentence(n: int, test) -> Sentence | None:
            """The first answering sentence that passes `test` and fully answers no other question (see
            taken_by_others)."""
            taken = taken_by_others(n)
            return next((s for k, s in enumerate(answering) if k not in taken and test(s)), None)

        out = []
        for n, question in enumerate(questions):
            focus = focuses[n]
            by = None
            # «Когда?», «Сколько стоит?»: only a time, a number or a price answers
            needs_kind = question.expects in self.kind_required
            if not focus.words:  # no topic of its own: any sentence that says something answers
                # (a price or a time where only the word asking for it was there: «Сколько стоит?»;
                # a cause, or what happened, for «Почему так получилось?»)
                priced = needs_kind and bool(question.focus - self.generic)
                explained = question.expects in self.topicless_kind
                # (a short one too where it names the question's word with it: "What time is check-in?" -
                # "Check-in is from 3 pm")
                # (a cause told beside an apology answers a why: «Это наша ошибка: координатор заболел, и обзвон не
                # провели — приносим извинения»; not thanks or an apology opening the sentence)
                by = next((s for s in answering if (self._says_something(s) or priced and question.focus & s.keys
                                                    and not {"courtesy", "escalation"} & s.cues
                                                    or len(s.keys) >= self.substantive
                                                    and not {"courtesy-first", "escalation"} & s.cues
                                                    and self._answers_kind(question, s))
                           and (not priced or self._answers_kind(question, s))
                           and (not explained or self._answers_kind(question, s) or self._tells_past(s)
                                or self._tells_account(s, self.topicless_account_forms))), None)
            by = by or next((windows[w][1] for w in candidates[n] if self._holds(focus, windows[w][1], question)
                             and (not needs_kind or self._answers_kind(question, windows[w][1]))), None)
            if by is None:
                # one word of the question and an answer of its kind, in sentences that
                # are not already the full answer to another question
                taken = taken_by_others(n)
                own = focus.own
                by = next((windows[w][1] for w in candidates[n] if not taken.intersection(windows[w][0])
                           and (not own or own & windows[w][1].keys)
                           and self._answers_kind(question, windows[w][1])), None)
            # "will it arrive before Friday?", "Is it ready yet?": a yes/no question about when it is done, read
            # as a "when" one
            status = self.status_other_words and question.kind == "yes-no" and question.sentence is not None \
                and not self.status_words.isdisjoint(question.sentence.lowers)
            paying = self._paying(question)
            expects = "time" if status else "price" if paying else question.expects
            if by is None and (expects in self.other_words_kinds or paying) and focus.own \
                    and not any(focus.own & s.keys for s in answering if not self._name_line(s)):
                # «Когда можно подклеить?» - «Переклейка … — среда, 12 марта»: the reply names none of the
                # question's own words (a signature naming the business does not: "…\nTerry\nBay Deckchairs" to "how
                # does the deckchair hire work?"); an answer of the kind no other question takes is its answer
                taken = taken_by_others(n, expects not in self.yes_no_takes_none)
                # (a cue of the kind, and for a time a date or a number with it; not a conditional, unless the
                # question is one: "If not, what would you suggest?" - "If it doesn't come back, … my pick")
                # (a month named answers a "when": "when's the best time of year?" - "between October and March";
                # not a yes/no question read as one, "can we check in late, as the ferry arrives at 10pm?" -
                # "we look forward to welcoming you in August")
                kind = self.other_words_cue.get(expects, f"answer.{expects}")
                # (or a condition trailing it: «И сколько ждать, если придётся везти его обратно?» - «Если привезёте
                # пылесос до обеда, отдадим его на следующий день»)
                iffy = question.sentence is not None and (self._conditional(question.sentence) or any(
                    h in self.conditional_openers for h in question.sentence.lowers))
                # (a short sentence too where it holds the value itself: "I have rebooked you for Tuesday 18th at
                # 8am.", "There's no charge for this.")
                by = next((s for k, s in enumerate(answering) if k not in taken and (self._says_something(s) or (
                    s.has_number or "yes-no-answer" in s.cues) and not {"courtesy", "escalation"} & s.cues)
                           and (kind in s.cues or expects in self.path_answers and "answer.path" in s.cues
                                # (a path told, not one asked to follow for details: «Для диагностики, пожалуйста,
                                # выгрузите журнал: «Устройство» → «Отправить журнал»»)
                                and "please-word" not in s.cues)
                           and (iffy or not self._conditional(s))
                           and (kind != "answer.time" or s.has_number or "answer.period" in s.cues
                                # (a number in words: «в течение пяти рабочих дней», "about three weeks")
                                or any(self._numeral(s.word(h)) for h in s.lowers)
                                or "answer.date" in s.cues or not status and "answer.month" in s.cues
                                # (a time set by an event: "when could I have it?" - "You would be welcome to book
                                # once you have stopped breastfeeding")
                                or not status and "answer.upon" in s.cues)), None)
            if by is None and self.whereabouts_words and question.kind == "wh" and question.expects == "place" \
                    and question.sentence is not None and not self.whereabouts_words.isdisjoint(question.sentence.lowers) \
                    and focus.own and not any(focus.own & s.keys for s in answering if not self._name_line(s)):
                by = free_sentence(n, lambda s: self._says_something(s) and not self._conditional(s)
                                   and ("answer.date" in s.cues or "answer.time" in s.cues and s.has_number))
            whole = question.sentence.whole if question.sentence is not None else None
            own = focus.own - context  # (a word the message named before is no sign of this half)
            if by is None and whole and own:
                # a half of «Можно ли перенести бронь и сохранится ли скидка?»: answered where the
                # reply answers the whole sentence in a word of this half too that the message did not
                # name before (the answer to the other half alone, sharing none, leaves it open)
                whole_focus = Focus(whole, whole - frozenset().union(
                    *(q.focus for q in questions if q.sentence is None or q.sentence.whole != whole)), False, whole)
                by = next((windows[w][1] for w in holding(whole)
                           if own & windows[w][1].keys and self._holds(whole_focus, windows[w][1])
                           and (not needs_kind or self._answers_kind(question, windows[w][1]))), None)
            if by is None and len(questions) == 1 and (question.kind == "request" or question.expects in self.link_answers):
                # the message's one request or "how": a reply that points to an article answers it
                by = next((s for s in answering if "link" in s.cues), None)
            if by is None and question.kind in ("yes-no", "request") and question.sentence is not None \
                    and "asks-document" in question.sentence.cues:
                # "Do you have a guide for that?", «Есть ли где-то инструкция?»: whether a write-up exists, which a
                # reply sentence linking to one answers, whatever its words
                by = next((s for s in answering if "link" in s.cues), None)
            if by is None and question.sentence is not None \
                    and "asks-way" in question.sentence.cues and "steps" in self.sole_kinds:
                # the one "Is there any way to…?": steps answer it in their own words; beside other questions, steps
                # no other question takes, not on a condition ("Can I return it? If not, is there any way to save
                # it?" - "…it isn't eligible for return. Scrub the rust off with steel wool…")
                taken = taken_by_others(n) if len(questions) > 1 else ()
                by = next((s for k, s in enumerate(answering) if "answer.steps" in s.cues and self._says_something(s)
                           and k not in taken and (len(questions) == 1 or not self._conditional(s))), None)
            if by is None and len(questions) == 1 and question.expects in self.sole_kinds:
                # the message's one "how do I…?": a reply sentence giving steps answers it in its own words
                # ("press the spring bar in with a paperclip, slide the clasp one notch…")
                by = next((s for s in answering if f"answer.{question.expects}" in s.cues
                           and self._says_something(s)), None)
            if by is None and question.sentence is not None and "action-request" in question.sentence.cues:
                # the one request for an action ("Can someone come back and sort it?"): a reply
                # sentence that commits to one at a time ("Dave can pop round on Friday") answers it;
                # any request for an action, a commitment naming its thing ("Can you give me a new code?" -
                # "Once I've checked the code, I'll issue you a replacement")
                # (not "Could you tell me whether…", which asks for an answer)
                # (or a choice of two actions asked directly: "Can you replace them or give us a credit?" - "we will
                # credit the two bags at £18.50 each"; not "Could you tell me whether X is included, or charged
                # separately?", which asks for an answer)
                named = "ask.request" not in question.sentence.cues and (question.kind == "yes-no" or (
                    question.kind == "choice" and not any(c in question.sentence.cues for c in _YES_NO_CUES)))
                # (a request naming when: "Could someone take a look this week?", "can u resend today" - "I've
                # booked our plumber for Wednesday", "a same-day replacement … by 7pm tonight")
                timed = self.timed_action_by_commitment and "answer.time" in question.sentence.cues
                by = next((s for s in answering if "commitment" in s.cues and (
                    "answer.time" in s.cues and (len(questions) == 1 or timed) or named and focus.own & s.keys)),
                          None)
                if by is None and named and self.free_timed_commitment:
                    # (beside other questions: a commitment with a time that answers none of them)
                    taken = taken_by_others(n)
                    # (not a promise to write later, "We'll email you within 48 hours", nor one on a condition, "I can
                    # have quotes ready by Friday if you send the address")
                    by = next((s for k, s in enumerate(answering) if k not in taken and "commitment" in s.cues
                               and "answer.time" in s.cues and not {"deferral", "deferral-named"} & s.cues
                               and self.conditional_openers.isdisjoint(s.lowers)), None)
                if by is None and named and self.commitment_with_details:
                    # ("We'll compensate you in full: reply with the price, and…": granted, then a detail asked)
                    by = next((s for s in body if not s.asks and "commitment" in s.cues and "asks-back" in s.cues
                               and focus.own & s.keys and not self._conditional(s)), None)
            if by is None and question.kind == "yes-no" and question.sentence is not None \
                    and "leave-request" in question.sentence.cues and "asks-instead" not in question.sentence.cues \
                    and self.leave_granted_by:
                # leave to do something the company arranges ("Can I reschedule?" - "I've moved your physio session to
                # Tuesday 16 July at 11:20"): a commitment with a time, or naming the question's own word, that no
                # other question takes and that names none of another question's words ("I've reversed the fee; the
                # credit will show within 2 business days" grants "Can you refund it?", not "can I switch accounts?"),
                # beside no question asking when (whose time it gives: "When will I get it back? Can I buy essentials?"
                # - "it will be delivered to your address tomorrow")
                others = frozenset().union(*(q.focus for q in questions if q is not question))
                taken = taken_by_others(n) if not any(
                    q is not question and (q.expects == "time" or q.sentence is not None
                                           and not self.status_words.isdisjoint(q.sentence.lowers))
                    for q in questions) else range(len(answering))
                by = next((s for k, s in enumerate(answering) if k not in taken and self.leave_granted_by & s.cues
                           and ("answer.time" in s.cues or focus.own & s.keys) and not others & s.keys
                           and not {"deferral", "deferral-named"} & s.cues and not self._conditional(s)), None)
                if by is None and self.leave_by_free_modal and not any(
                        q is not question and q.sentence is not None and "leave-request" in q.sentence.cues
                        for q in questions):
                    # (the message's one leave asked: a judgement of whether it may be done, «Оформить полис после
                    # регистрации сделки можно: …», "Lifters who miss the weigh-in can't compete", no other question
                    # takes, naming none of another question's words)
                    by = next((s for k, s in enumerate(answering) if k not in taken and "modal-answer" in s.cues
                               and self._says_something(s) and not others & s.keys
                               and not {"deferral", "deferral-named"} & s.cues and not self._conditional(s)), None)
            if by is None and len(questions) == 1 and question.expects not in self.kind_required:
                # the message's one question about a feature or a way to do something: a sentence saying there is
                # none ("we currently don't have that feature yet", «Пока такой функции у нас нет») answers it
                # (naming it as "that feature", «такой функции», or by a word of the question: not "our recorder
                # doesn't support that" to "Can the audio be recovered?")
                by = next((s for s in answering if "absent" in s.cues
                           and ("absent-such" in s.cues or (focus.words | question.focus) & s.keys)), None)
            if by is None and question.sentence is not None and (
                    "help-request" in question.sentence.cues
                    and (question.kind in ("request", "yes-no") or "ask.request" in question.sentence.cues)
                    # «что теперь делать?», "what do I do now?": what to do, which where to turn tells
                    or "asks-steps" in question.sentence.cues and question.expects == "steps"):
                # a request for help ("can you help?", "Any chance of getting assistance?"): a sentence telling
                # where to get it answers ("You can still contact us here: …", "Please send us an email at …")
                by = next((s for s in body if not s.asks and "channel" in s.cues), None)
                if by is None and len(questions) == 1:
                    # the message's one request for help: a sentence telling what to do gives it
                    # (a step may be put as a request: "First, please check that the tab is pushed in"; not one
                    # asking for details, «Пришлите фото»)
                    by = next((s for s in body if not s.asks and self.help_sole_cues & s.cues
                               and "asks-back" not in s.cues and self._says_something(s)
                               and not self._conditional(s)), None)
            if by is None and question.kind == "choice":
                by = self._names_option(question, focus, answering)
            if by is None and question.kind == "choice" and self._clause_choice(question):
                # "Is that something we can fix ourselves, or do we need to book someone?" - "Yes, you can usually
                # sort that yourself": a direct answer settles its first option
                by = next((s for s in answering if "direct-answer" in s.cues), None)
            if by is None and question.kind == "yes-no" and answering and self._bare_answer(answering[0]):
                # "@ryandarbonne Hi Ryan - yes!": a bare yes or no opening the reply answers the yes/no questions
                # left open (not "No worries, …", which holds a word of its own)
                by = answering[0]
            if by is None and question in yes_no and len(yes_no) > 1:
                # several yes/no questions, the others answered in their words («Это правда так дорого?
                # Может, можно просто переустановить систему?» - «Переустановка … не поможет»): a direct
                # answer («К сожалению, это так») no other question takes answers the one left open
                # (one with no topic of its own answered before counts as answered: "Did I do something wrong?" by the
                # account of what happened)
                if [m for m, q in enumerate(questions) if q in yes_no and (m == n or not strong()[m] and not (
                        m < n and not focuses[m].words and out[m].status == "answered"))] == [n]:
                    by = free_sentence(n, lambda s: "direct-answer" in s.cues)
            if by is None and yes_no == [question]:
                # the one yes/no question, and a reply sentence that opens with «Да,»/"No,",
                # or, when it is the message's only question, one that says «нельзя»/"isn't possible"
                # (beside questions that hang on its answer: «Можно ли без шкипера? Если нет, сколько стоит
                # шкипер?», "Can I bring my dog? If not, is there a kennel nearby?")
                sole = [q for q in questions if q.sentence is None or not self._conditional(q.sentence)] == [question]
                cues = {"direct-answer", "modal-answer"} if sole and question.kind == "yes-no" \
                    else {"direct-answer"}  # (a request is granted by "Sure,", not by "you can…")
                # (beside other questions, "you can"/«можно» in a sentence naming a word of its own: «Каковы условия
                # обмена? Можно ли получить другой сорт?» - «Обмен возможен при …; заменить можно на сорт «Удача»»)
                by = next((s for s in answering if cues & s.cues or question.kind == "yes-no"
                           and "modal-answer" in s.cues and focus.own & s.keys), None)
            if by is None and question.kind == "yes-no" and all(not focuses[m].words for m in range(len(questions))
                                                                 if m != n):
                # the one question with a topic of its own (beside «Что вы посоветуете?», "Any advice?"): a
                # judgement of whether it can be done answers it («Можно ли ещё успеть?» - «сложно, но реально»)
                by = next((s for s in answering if "feasible" in s.cues), None)
            if by is None and question.sentence is not None:
                # the reply says the thing asked about is not needed («Когда приедет замерщик?» - «Замерщик не
                # нужен: достаточно фото», "When can the engineer come?" - "The engineer isn't needed"),
                # naming it by a word of the question's own: the question's premise answered, whatever it asks
                own = focus.own or focus.words
                by = next((s for s in answering if "needless" in s.cues and own & s.keys), None)
            if by is None and self.normal_keys and question.kind == "yes-no" and (focus.words and (
                    focus.words <= self.normal_keys or self._normal_in_circumstance(question))
                    # ("Is it supposed to go stale that fast?": whether it is normal, with a topic of its own)
                    or question.sentence is not None and "asks-normal" in question.sentence.cues):
                # "Is that normal?" - "The dispenser ran out on Saturday; that shouldn't have happened"
                by = next((s for s in answering if "judges-normal" in s.cues), None)
                if by is None and self.normal_by_cause:
                    by = free_sentence(n, lambda s: "answer.reason" in s.cues and self._says_something(s)
                                       and not self._conditional(s))
            if by is None and self.progress_keys and question.kind in self.progress_kinds and focus.words \
                    and focus.words <= self.progress_keys:
                # "Has there been any progress?" - "We've found two copies so far, but neither fitted your brief"
                by = next((s for s in answering if "reports-progress" in s.cues and self._says_something(s)), None)
            if by is None and self.worry_by_reassurance and question.kind == "yes-no" \
                    and question.sentence is not None and "worry" in question.sentence.cues:
                # "Am I in trouble?" - "please don't worry, this is very common and easy to put right"
                by = next((s for s in answering if self.worry_cues & s.cues), None)
            if by is None and self.need_by_needless and question.kind == "yes-no" and question.sentence is not None \
                    and not self.asked_needed.isdisjoint(question.sentence.lowers):
                # "Do we need to be present?" - "Someone is welcome to attend but doesn't need to"
                by = free_sentence(n, lambda s: "needless" in s.cues and not self._conditional(s))
            if by is None and self.fit_words and question.kind == "yes-no" and question.sentence is not None \
                    and question.sentence.has_number and not self.fit_words.isdisjoint(question.sentence.lowers):
                units = self._units_told(question.sentence)
                if units:
                    by = free_sentence(n, lambda s: s.has_number and self._says_something(s)
                                       and not self._conditional(s) and units & self._units_told(s))
            if by is None and self.admission_openers and question.kind == "yes-no" and question.sentence is not None \
                    and self._opens_with(question.sentence, self.admission_openers):
                # "Did something get knocked during the repair?" - "It's our mistake: we removed the finder bracket
                # and didn't re-align it": whether something went wrong, which an admission no other question
                # takes answers
                by = free_sentence(n, lambda s: "admits" in s.cues)
            if by is None and question.kind == "yes-no" and question.sentence is not None and (
                    "cause-guess" in question.sentence.cues and len(question.focus - self.cause_heads) <= 1
                    and self._opens_at(
                        "cause-guess", question.sentence.lowers,
                        self._first_word_of(question.sentence),
                        len(question.sentence.lowers))
                    # "Did I miss something?", «Я что-то сделал не так?»: whether the customer caused it, a guess too
                    or "self-blame" in question.sentence.cues):
                # "Is that the seal?", «Это какая-то экономия?»: a guess at the cause of what the message told, which
                # the cause told answers ("the whistle means the moulding lifted before the urethane had set")
                blamed = self.self_blame_by_reassurance and "self-blame" in question.sentence.cues
                by = free_sentence(n, lambda s: ("answer.reason" in s.cues or blamed and "reassurance" in s.cues)
                                   and self._says_something(s) and not self._conditional(s))
            if by is None and self.prevention_by_advice and question.sentence is not None \
                    and "asks-prevention" in question.sentence.cues:
                # "what can we do so we don't end up with a flood again?" - "Going forward, a few things make a big
                # difference: a battery backup for the sump pump…": advice for the future no other question takes
                # (a measure may name a word of another question: «С этого сезона мы ставим бирку…» beside «сколько
                # стоит сезон?», which the price answers)
                by = next((s for s in answering if "prevents" in s.cues and self._says_something(s)), None)
            if by is None and self.advice_by_recommendation and question.kind == "yes-no" \
                    and question.sentence is not None and "asks-advice" in question.sentence.cues:
                # "should I book another consultation?" - "I'd recommend a review appointment at the 12-week mark"
                by = free_sentence(n, lambda s: {"recommends", "needless"} & s.cues and self._says_something(s)
                                   and not self._conditional(s))
            if by is None and self.consequence_by_condition and question.sentence is not None \
                    and "asks-consequence" in question.sentence.cues:
                # "what happens if they get lost?" - "if they haven't returned by then, our safety team will sweep
                # the course": what follows on a condition, told by a sentence with a condition of its own
                by = free_sentence(n, lambda s: self._says_something(s) and not self.conditional_openers.isdisjoint(s.lowers)
                                   and not {"deferral", "deferral-named", "channel", "handoff"} & s.cues)
            if by is None and self.reason_by_account and question.expects == "reason":
                # (not a sentence naming another question's words, nor one that answered a question before: «Стоимость
                # доставки мы вернули» answers «Вернёте ли деньги за доставку?», not the «почему» beside it)
                others = frozenset().union(*(q.focus for q in questions if q is not question)) - question.focus
                used = {id(c.by) for c in out if c.by is not None}
                pool = [s if not others & s.keys and id(s) not in used else None for s in answering]
                by = self._cause_told(pool, taken_by_others(n), question.focus | focus.words, len(questions) == 1)
                if by is None and self.account_beside_others and len(questions) > 1 \
                        and all(strong()[m] or self.account_beside_topicless and not focuses[m].words
                                for m in range(len(questions)) if m != n):
                    # (beside other questions the reply answers in their words: an account in other words too, not
                    # one the writer tells of themselves, «Также мы начислили Вам 300 бонусных баллов», "Like I said
                    # before, …": a remedy or a reminder, not the cause)
                    by = self._cause_told([s if s is not None and self.writer_words.isdisjoint(s.lowers) else None
                                           for s in pool], taken_by_others(n), question.focus | focus.words, True)
            sending = bool(question.focus & self.asked_to_send)
            needed = question.sentence is not None and not self.asked_needed.isdisjoint(question.sentence.lowers)
            # (a yes/no question asking whether there is anything to send or to do is asked like "what": "Does she
            # need to bring anything?" - "She needs a swimming costume, a towel and goggles", «Нужно ли что-то
            # подготовить?» - «Пожалуйста, закройте кур в курятнике с вечера», told by a sentence no other question
            # takes)
            open_ask = self.open_yes_no and question.kind == "yes-no" and (sending or needed) \
                and question.sentence is not None and "open-ask" in question.sentence.cues
            if by is None and (question.kind == "wh" and question.expects in ("thing", "steps") or open_ask) \
                    and question.sentence is not None and (sending or needed):
                # "What do I need to send you?" - "please send us photos of the ceiling and the plumber's invoice";
                # "What documentation do you need?", "What kit does she need?" - "we'll need the signed delivery
                # note…", "she'll need a sleeping bag and mat…"
                # (`need_answers_what_to_send` false: a need told answers only a question asking what is needed,
                # «Какие документы нужны / собрать?», not «что будет с деньгами?»)
                # (what is needed, by a request to send it too: «Что мне ещё нужно подготовить?» - «пришлите отчёт об
                # оценке и полис»; not how to do it, «Как подготовить велосипед?» - «пришлите фото»)
                what = needed and (question.expects == "thing" or open_ask)
                if open_ask:
                    # (a request to do it may name the thing another yes/no question asks about: «Уток тоже
                    # прививаете?» beside «Пожалуйста, закройте кур … до и после прививки»)
                    taken = taken_by_others(n, by_yes_no=False)
                    pool = [s for k, s in enumerate(answering) if k not in taken]
                else:
                    pool = body
                # (or by what the reply asks them to do: "What should I bring?" - "Please wear closed shoes…", "What
                # do I need to have ready?" - "Please have the ewes gathered in the pens…")
                by = next((s for s in pool if not s.asks and ((sending or what) and (
                    "asks-back" in s.cues or self.bring_by_request and self._asks_to_do(s))
                                                              or "states-need" in s.cues
                                                              and (needed or self.need_answers_sending))
                           and self._says_something(s)), None)
            if by is None and question.kind == "wh" and question.expects == "place" \
                    and focus.words & self.asked_where_to_send:
                # «Куда отправлять фото?» - «Фото отправьте, пожалуйста, на claims@…»: where to send it, told by the
                # address in the request to send it (holding the question's words)
                by = next((s for s in body if not s.asks and "asks-back" in s.cues and self._holds(focus, s, question)
                           and focus.words & self.asked_where_to_send & s.keys
                           and ("link" in s.cues or _EMAIL.search(s.text))), None)
            if by is not None:
                out.append(Coverage(question, "answered", by))
                continue
            # a deferral names a word of the question, or of no question; a question
            # with no topic of its own («Почему это происходит?») is about the
            # message, which any deferral takes up
            # (or one naming the kind asked: "I'll email you by Wednesday with the cause" to "Why hasn't it updated?")
            named_kind = self.deferral_kind_words.get(question.expects, frozenset())
            specific = [s for s in deferrals + named_deferrals if (focus.words | question.focus | named_kind) & s.keys]
            anyone = deferrals if not focus.words else \
                [s for s in deferrals if not any(q.focus & s.keys for q in questions)]
            deferral = (specific or anyone or [None])[0]
            out.append(Coverage(question, "deferred" if deferral else "unanswered", deferral))
        self._follow_ups(out)
        return self._weigh(out, body, answering, context)

    @staticmethod
    def _name_line(sentence: Sentence) -> bool:
        """Is the sentence a line of a few capitalised words with no cue, no digit and no closing mark ("Bay
        Deckchairs", "Nina, Pulse Support")?"""
        text = sentence.text.strip()
        return bool(text) and _capitalised_line(text, SIGNATURE_LINE_WORDS) and not sentence.cues \
            and text[-1] not in ".!?:;" and not _DIGIT.search(text)

    def _hands_off(self, reply: list[Sentence], k: int) -> bool:
        """Does reply sentence k move the case to another channel and take it on there: a `channel` cue, an
        address (a link or an e-mail) in it or the sentence after, and a `handoff` promise in it or beside it
        ("Please send us an email at <link> and we will assist.", "We can help with that. Please open a ticket
        here: <link>", «Для уточнения причины напишите на help@…»)? Not a step for a case still to come ("If it
        persists, contact us and we'll check"), nor a request for details in the thread ("Could you send your
        order number so we can look into it?", which names no other place)."""
        sentence = reply[k]
        if "channel" not in sentence.cues or self._conditional(sentence):
            return False
        near = reply[max(0, k - 1): k + 2]
        return any("handoff" in s.cues for s in near) \
            and any("link" in s.cues or _EMAIL.search(s.text) for s in reply[k: k + 2])

    @staticmethod
    def _follow_ups(coverage: list[Coverage]) -> None:
        """A question opening with a follow-up cue asks the question before it again, as its other option
        («Вы делаете это при клиенте? Или обязательно оставлять на несколько дней?») or in other words ("Does the
        check include speech testing? Basically, will it test what I struggle with?"): what answers either
        answers both (in place)."""
        for n in range(1, len(coverage)):
            after = coverage[n].question.sentence
            if after is None or "follow-up" not in after.cues:
                continue
            before, now = coverage[n - 1], coverage[n]
            if now.status != "answered" and before.status == "answered":
                coverage[n] = Coverage(now.question, "answered", before.by)
            elif before.status != "answered" and now.status == "answered":
                coverage[n - 1] = Coverage(before.question, "answered", now.by)

    def _options(self, question: Question) -> tuple[frozenset[int], frozenset[str]]:
        """The options of a choice question: the numbers (as LOWER hashes) and word keys within
        `choice_reach` tokens of a choice word ("Do I pay 30% or the full amount now?": 30, %, full, amount),
        the comma before it not counted ("Is this something the council deals with, or the electricity
        company?": council, deals, with; the, electricity, company)."""
        sentence = question.sentence
        if sentence is None:
            return frozenset(), frozenset()
        lowers, keys_of = sentence.lowers, sentence.keys_of
        numbers, keys = set(), set()
        for i, h in enumerate(lowers):
            if h not in self.choice:
                continue
            first = max(0, i - self.choice_reach)
            if i and lowers[i - 1] == self.comma:
                first = max(0, first - 1)
            for j in range(first, min(len(lowers), i + self.choice_reach + 1)):
                if j == i:
                    continue
                if _DIGIT.search(sentence.word(lowers[j])):
                    numbers.add(lowers[j])
                elif j < len(keys_of) and keys_of[j]:
                    keys.add(keys_of[j])
        return frozenset(numbers), frozenset(keys)

    def _names_option(self, question: Question, focus: Focus, answering: list[Sentence]) -> Sentence | None:
        """A choice answered by naming one option: a sentence (or it and the next) holding a number or a word of
        an option and another word of the question («50 ролей для 2-х каналов или 1?» - «… именно для 1
        канала»; "Do I pay 30% or the full amount now?" - "it's a 30% deposit … you only need to pay the £390")."""
        numbers, keys = self._options(question)
        if not numbers and not keys:
            return None
        for k, s in enumerate(answering):
            pair = answering[k: k + 2]
            named_numbers = {h for t in pair for h in t.lowers if h in numbers}
            named_keys = keys & frozenset().union(*(t.keys for t in pair))
            if not named_numbers and not named_keys:
                continue
            others = (focus.words | question.focus) & frozenset().union(*(t.keys for t in pair))
            if named_numbers and others or len(others) >= 2 or others - named_keys:
                return s
            if named_keys and (question.focus <= keys or self.clause_options and self._clause_choice(question)
                               and len(question.focus) <= self.clause_options
                               and question.focus <= keys | frozenset(question.sentence.keys_of)):
                # the question is its options and nothing more («Это у меня руки кривые или у вас баг?» - «Это баг»,
                # "Is it the battery or the charger?" - "It's the charger"), or two clauses that are ("Will it recover
                # or does it need replacing?" - "…we'll re-plug any patches that haven't recovered"): naming one answers
                return s
        return None

    def _guess(self, question: Question, after: Question) -> bool:
        """Is `after` a guess at the answer to `question`: a short yes/no question right after a "what/which"
        one («Какой формат файла нужен? PDF подойдёт?», "Which size do I need? Is a 10 okay?")?"""
        return question.expects == "thing" and after.kind == "yes-no" and len(after.focus) <= self.guess_words \
            and after.sentence is not None and question.sentence is not None \
            and after.sentence.local[0] - question.sentence.local[1] <= 2

    @staticmethod
    def _bare_answer(sentence: Sentence) -> bool:
        """Is the sentence a direct answer and nothing more: no word of its own but a name ("Hi Ryan - yes!")?"""
        if "direct-answer" not in sentence.cues or len(sentence.keys) > 1:
            return False
        names = {k for h, k in zip(sentence.lowers, sentence.keys_of) if k and sentence.word(h)[:1] != "@"}
        return not sentence.keys or any(w[:1].isupper() for w in sentence.text.split()[1:]) and len(names) <= 1

    def _clause_choice(self, question: Question) -> bool:
        """Is the second option of a choice a clause: a choice word before an auxiliary with a subject
        ("or do we need…"), or before one of `choice_clause_openers` («или нужно…»)?"""
        lowers = question.sentence.lowers if question.sentence is not None else ()
        for i, h in enumerate(lowers[:-1]):
            if h in self.choice:
                nxt = lowers[i + 1]
                if nxt in self.choice_clause_openers or nxt in self.yes_no_aux and i + 2 < len(lowers) \
                        and lowers[i + 2] in self.yes_no_subjects:
                    return True
        return False

    def _taking(self, question: Question, strong: set[int], windows: list,
                words: frozenset[str] = frozenset()) -> set[int]:
        """The sentences that answer a question fully, for what they take from the others: of a yes/no question's,
        those with a yes/no answer where some have one («Сверлить можно, …» takes «Можно ли сверлить?»; «Используйте
        дюбели и не сверлите глубже 5 см» after it is left to «Как это сделать?»); of several, those holding all
        of its `words` where some do (`taken_by_fullest_answer`: «Это гарантийный случай?» takes «Это гарантийный
        случай, гарантия на термостат — 12 месяцев», leaving «По описанию похоже на неисправность датчика…» to «В чём
        может быть проблема?»)."""
        answered = self._answered_by(strong, windows)
        if question.kind == "yes-no" and self.yes_no_takes_answer_only and len(answered) > 1:
            said = {k for k in answered if _YES_NO_ANSWERS & windows[k][1].cues}
            if said:
                answered = said
        if self.taken_by_fullest and words and len(answered) > 1:
            held = {k: len(words & windows[k][1].keys) for k in answered}
            if max(held.values()) == len(words):
                answered = {k for k, n in held.items() if n == len(words)}
        return answered

    @staticmethod
    def _answered_by(strong: set[int], windows: list) -> set[int]:
        """The sentences that answer a question fully: those of its strong windows, where a
        sentence read with the next counts only if no sentence answers it alone («Результаты будут
        в четверг.» takes the «когда», not the sentence after it)."""
        alone = {windows[w][0][0] for w in strong if len(windows[w][0]) == 1}
        if alone:
            # (and none where one sentence answers it alone: two others that share its words between them answer
            # something else - "Can we get a credit on the next delivery?" - "We're not able to credit the lot, but …
            # your spring delivery" leaves the cause told over "…stored warm after delivery" and "…this contract" to "Is
            # this a crop problem?")
            return alone
        return {k for w in strong for k in windows[w][0]}

    def _may_answer(self, sentence: Sentence) -> bool:
        """Is it not a request for details, thanks alone, a deferral or a sign-off?"""
        blocking = self._not_answering & sentence.cues
        if "asks-back" in blocking and self.asks_back_with_answer and self.asks_back_answers & sentence.cues:
            blocking = blocking - {"asks-back"}
        if "courtesy-first" in blocking and self.courtesy_with_answer and (
                self.courtesy_answer_cues & sentence.cues if self.courtesy_answer_cues is not None
                else any(c.startswith("answer.") or c in ("yes-no-answer", "reassurance") for c in sentence.cues)):
            blocking = blocking - {"courtesy-first"}
        if "asks-back" in blocking and self.purpose_steps_first and "answer.steps" in sentence.cues \
                and self._purpose_led(sentence):
            blocking = blocking - {"asks-back"}
        if "ask.request" in blocking and self.request_after_answer and self.asks_back_answers & sentence.cues \
                and not self._opens_at("ask.request", sentence.lowers, self._first_word_of(sentence),
                                       len(sentence.lowers)):
            # «Соседку взять с собой можно: один сопровождающий едет бесплатно, только скажите о ней диспетчеру»: an
            # answer that goes on to tell the customer what to say, not a request opening the sentence
            blocking = blocking - {"ask.request"}
        if "ask.request" in blocking and "link" in sentence.cues:
            # "please check out the 'Report an issue' section here: <link>", "Try: <link>": a request phrase
            # beside a link points to the answer (a request for details is "asks-back")
            blocking = blocking - {"ask.request"}
        return not blocking

    def _by_kind(self, question: Question, focus: Focus, windows: list) -> set[int]:
        """The windows that answer a question naming what it asks for ("the price")
        with an answer of that kind ("£145"), whatever words they share; for a yes/no question or a request,
        those giving the kind a word of it names ("Could you explain the fee?" - "The £90 is …")."""
        if question.kind in ("yes-no", "request") and self.yes_no_named_kinds:
            named = {self.expects_by_word.get(k) for k in focus.words} & self.yes_no_named_kinds
            return {w for w, (_, window) in enumerate(windows) if any(self._gives(kind, window) for kind in named)}
        if question.expects not in self.named_kinds \
                or not any(self.expects_by_word.get(k) == question.expects for k in focus.words):
            return set()
        return {w for w, (_, window) in enumerate(windows) if self._answers_kind(question, window)}

    def _conditional(self, sentence: Sentence) -> bool:
        """Does the sentence open with a conditional («Если…», "If…")?"""
        first = self._first_word_of(sentence)
        return first < len(sentence.lowers) and sentence.lowers[first] in self.conditional_openers

    def _purpose_led(self, sentence: Sentence) -> bool:
        """Does the sentence open with the customer's purpose («Чтобы повторить выплату, …»), not one of ours
        («Чтобы мы могли проверить, …»)? (`purpose_led_steps`)"""
        i = self._first_word_of(sentence)
        lowers = sentence.lowers
        return i + 1 < len(lowers) and lowers[i] in self.purpose_steps_first \
            and lowers[i + 1] not in self.purpose_steps_not_before

    def _says_something(self, sentence: Sentence) -> bool:
        """Is it more than thanks, an apology or «we passed it on»?"""
        return len(sentence.keys) >= self.substantive and not {"courtesy", "escalation"} & sentence.cues

    def _weigh(self, coverage: list[Coverage], body: list[Sentence], answering: list[Sentence],
               context: frozenset[str]) -> list[Coverage]:
        """Keep "unanswered" where the evidence is plain: the reply says little
        of substance (only asks for logs, thanks, escalates, offers a call),
        answers the message's other questions but not this one, or takes up the
        words around the question (even in its own questions) but not the
        question. A reply of several statements sharing no word with the
        message answers in other words (a knowledge-base article): unclear."""
        said = [s for s in answering if self._says_something(s)]
        if len(said) < self.unclear_statements or any(c.status == "answered" for c in coverage):
            return coverage
        talked_about = frozenset().union(*(s.keys for s in body if "courtesy-first" not in s.cues))
        out = []
        for c in coverage:
            if c.status == "unanswered":
                around = context.union(*(o.question.focus for o in coverage if o is not c))
                if not around & talked_about:
                    c = Coverage(c.question, "unclear", None)
            out.append(c)
        return out

    def _focus(self, n: int, question: Question, questions: list[Question],
               context: frozenset[str] = frozenset()) -> Focus:
        """The words that answer question n: its content words; the distinctive
        ones are those no other question of the message shares. A short question
        that points back («А сколько он стоит?») is read with the words of the one
        before, but an answer must hold its own word («стоит»)."""
        words = question.focus
        if question.expects in self.kind_required and words - self.generic <= self.kind_words:
            # «Сколько стоит?», «сколько по времени?»: only the word that asks for the price or the
            # time, which the answer's price or time says
            words = frozenset()
        elif question.expects in self.kind_met_among_words and words & self.kind_words:
            # "What time will we get back to Leeds?", "How often should I water it?": the word asking
            # for the time is said by the answer's time; the rest of the question's words answer, when
            # they hold one no other question of the message has
            rest = words - self.kind_words
            if rest - self.generic - frozenset().union(*(q.focus for q in questions if q is not question)):
                words = rest
        topic = words - self.generic
        if not topic or question.kind == "yes-no" and len(topic) <= self.indignant_topic \
                and question.sentence is not None and "indignant" in question.sentence.cues:
            # «Что случилось?»: no topic of its own; «Это вообще нормально?», "Is that even legal?": a challenge
            # to what happened, about the whole message, which the reply's account of it answers
            return Focus(frozenset(), frozenset(), False, frozenset())
        if len(topic) <= 1 and n and question.pronoun:
            return Focus(words | questions[n - 1].focus, topic, True, topic)
        others = frozenset().union(*(q.focus for q in questions if q is not question))
        # words the message already established (the tariff named in the sentence
        # before) do not make an answer: the new part of the question must be there
        new = topic - others - context
        return Focus(words, new or (topic - others), False, topic - others)

    def _holds(self, focus: Focus, sentence: Sentence, question: Question | None = None) -> bool:
        """Does the sentence hold enough of the focus to answer it? A word naming
        what is asked ("price", "long") is there when the sentence holds an answer
        of that kind ("£145", "two days")."""
        shared = focus.words & sentence.keys
        if question is not None and question.expects in self.named_kinds and self._answers_kind(question, sentence):
            shared = shared | {k for k in focus.words if self.expects_by_word.get(k) == question.expects}
        if question is not None and self.yes_no_named_kinds and question.kind in ("yes-no", "request"):
            # "…collected before the next scheduled date?" - "…will collect it on Saturday 19 October"
            shared = shared | {k for k in focus.words if self.expects_by_word.get(k) in self.yes_no_named_kinds
                               and self._gives(self.expects_by_word[k], sentence)}
        if question is not None and self.paying_keys and question.kind == "wh" and "answer.price" in sentence.cues \
                and focus.words & self.paying_keys and self._paying(question):
            # "Who pays for return delivery?" - "we will collect the chair … at no cost to you"
            shared = shared | (focus.words & self.paying_keys)
        if question is not None and self.compound_heads and focus.words - shared:
            shared = shared | self._compound_heads(focus.words - shared, sentence, question)
        # (and in a yes/no question: "Can you fix it quickly?", «Сможете быстро исправить?» - «исправим отчёт в течение
        # двух рабочих дней»)
        if question is not None and self.time_words_met and (question.expects == "time" or question.kind == "yes-no") \
                and shared \
                and shared - self.time_asking_words \
                and ("answer.time" in sentence.cues or "answer.period" in sentence.cues):
            # (a word asking for a price is another word: «Это другое расписание и та же цена?» - «по вторникам в
            # 19:30, цена та же»)
            # "how long should a rehair last?" - "a rehair typically lasts six months to a year": the word asking
            # for the time is said by the time given, where the sentence shares another word of the question
            shared = shared | (focus.words & self.time_words if question.expects == "time" else frozenset(
                k for k in focus.words & self.time_words if k not in self.expects_by_word))  # (yes/no: "soon" only)
        overlap = len(shared)
        if not overlap:
            return False
        # three of its words in all will do, or two after a direct «Да,»/"Yes," to a yes/no question
        enough = 2 if question is not None and question.kind == "yes-no" and "direct-answer" in sentence.cues else 3
        if focus.distinctive and not focus.distinctive & shared and (focus.strict or overlap < enough):
            return False
        return overlap >= min(self.coverage_enough, max(1, math.ceil(self.coverage_share * len(focus.words))))

    def _cause_told(self, answering: list[Sentence | None], taken: set[int], topic: frozenset[str],
                    sole: bool = False) -> Sentence | None:
        """The first reply sentence (None: one left out, keeping the indices `taken` holds) no other question
        takes that names a cause (an `answer.reason` cue) or tells what happened (a verb in the past) naming a word
        of the question's `topic`, and is not thanks, a promise, a condition or a request (`reason_account_not_cues`)."""
        return next((s for k, s in enumerate(answering) if s is not None and k not in taken
                     and not self.account_not_cues & s.cues
                     and len(s.keys) >= self.substantive and not self._conditional(s)
                     and ("answer.reason" in s.cues or topic & s.keys and (
                         self._tells_past(s) or self.topic_account_forms
                         and self._tells_account(s, not_after=self.writer_words))
                          or sole and self._tells_account(s))), None)

    def _with_phrase_keys(self, keys: frozenset[str], cues: frozenset[str]) -> frozenset[str]:
        """The word keys with those of the cue phrases the sentence holds (`_phrase_keys`: a cue naming a thing in
        other words counts as that word)."""
        if self._phrase_keys and not self._phrase_key_classes.isdisjoint(cues):
            return keys | frozenset(self._phrase_keys[c] for c in cues if c in self._phrase_keys)
        return keys

    def _tells_account(self, sentence: Sentence, forms: tuple | None = None,
                       not_after: frozenset[int] = frozenset()) -> bool:
        """Does the sentence hold a verb of one of `account_forms` (all the features of one set; or of `forms`), not a
        generic one («получилось», "happened")?"""
        forms = self.account_forms if forms is None else forms
        if not forms or self.analyze is None:
            return False
        keys = sentence.keys_of
        for i, h in enumerate(sentence.lowers):
            if i and (sentence.lowers[i - 1] in self.account_not_after or sentence.lowers[i - 1] in not_after) \
                    or i < len(keys) and keys[i] in self.generic:
                continue  # (nor a verb naming no topic: «Очень жаль, что так получилось» tells no cause)
            morph = self.analyze(sentence.word(h))[2]
            if morph and any(all(f in morph for f in one) for one in forms):
                return True
        return False

    def _normal_in_circumstance(self, question: Question) -> bool:
        """Is it "is it normal" with the circumstance it is judged in after the normality word, and no other word
        of its own before it ("Is that normal after a trim?", «Это нормально для нового протеза?»; not "Is the noise
        normal?", whose topic is the noise)?"""
        sentence = question.sentence
        if not self.normal_circumstance or sentence is None:
            return False
        keys = sentence.keys_of
        for i, h in enumerate(sentence.lowers[:-1]):
            if i < len(keys) and keys[i] in self.normal_keys:
                return sentence.lowers[i + 1] in self.normal_circumstance \
                    and not any(k and k not in self.normal_keys for k in keys[:i])
        return False

    def _paying(self, question: Question) -> bool:
        """Is it a yes/no question about paying ("Do I have to pay for it?", "Will I be charged?"), or one asking who
        pays (`paying_wh`: "Who pays for return delivery?")?"""
        if question.kind == "wh" and question.expects in self.paying_wh_kinds:
            return question.sentence is not None and not self.paying_wh_words.isdisjoint(question.sentence.lowers)
        return bool(self.paying_words) and question.kind == "yes-no" and question.sentence is not None \
            and not self.paying_words.isdisjoint(question.sentence.lowers)

    @staticmethod
    def _gives(kind: str, sentence: Sentence) -> bool:
        """Does the sentence give an answer of the kind by its cues: a time or a day named, a price?"""
        if kind == "time":
            return "answer.time" in sentence.cues or "answer.date" in sentence.cues
        return f"answer.{kind}" in sentence.cues

    def _answers_kind(self, question: Question, sentence: Sentence) -> bool:
        """Does the sentence hold an answer of the kind asked: yes/no, a number
        for «сколько», a time for «когда», steps for «как», a place, a reason?"""
        cues = sentence.cues
        if "link" in cues and (question.kind == "request" or question.expects in self.link_answers):
            return True
        if "absent" in cues and (question.kind in ("yes-no", "request", "choice")
                                 or question.expects in ("steps", "place", "thing")):
            return True  # "we don't have that feature yet", «такой функции пока нет»: no, and no way to
        if question.kind == "yes-no" and "answer.steps" in cues and question.sentence is not None \
                and "asks-way" in question.sentence.cues:
            return True  # "Is there any way to fix this?" - "Please try to update the console in safe mode"
        if question.kind in ("yes-no", "request", "choice") and not (question.kind == "request" and question.expects):
            # ("Could you tell me the cost?": a request naming what it asks for takes an answer of that kind)
            # "Is it ready yet?": a time answers a question about when something will be done
            return "yes-no-answer" in cues or question.sentence is not None and "answer.time" in cues \
                and not self.status_words.isdisjoint(question.sentence.lowers) \
                or "answer.price" in cues and self._paying(question)
        if question.expects == "time" and self.price_no_time and "answer.price" in cues and "answer.time" not in cues \
                and not sentence.keys & self.time_units and not self._times(sentence):
            return False  # "costs £120-£180" holds numbers, but no time («1 900 рублей, срок 3–4 дня» does, and a
            # clock time: «Привозите в любой день до 18:00, настроим бесплатно»)
        if question.expects in ("number", "time"):  # «через 2 часа», "on March 14"
            return sentence.has_number or f"answer.{question.expects}" in cues \
                or question.expects == "number" and self.number_in_words \
                and any(self._numeral(sentence.word(h)) for h in sentence.lowers)  # "two years", «три сезона»
        if question.expects == "place" and self.place_by_steps and "answer.steps" in cues:
            return True  # "Where do I enter it?" - "tap your photo and choose My details": the way there
        if "answer.path" in cues and question.expects in self.path_answers:
            return True  # «Как включить уведомления?» - «Профиль → Уведомления → Операции по карте»: the way there
        return f"answer.{question.expects}" in cues

    # -- redundant questions -------------------------------------------------------
    def redundant(self, reply: list[Sentence], customer: list[Sentence], source_index: int) -> list[Redundant]:
        """A reply question (or request: «Пришлите номер заказа») about what the
        customer already wrote or tried. Tried: a yes/no question most of whose
        words the customer's message holds, sharing one with a sentence that says
        they did it (a «tried» cue, or their own verb in the past: «телефон
        перезагружала», "I rebooted"). Stated: an identifier asked for («номер
        заказа?», "order number?") that the customer wrote with its number
        («Заказ 88123»), or a question whose words the message holds nearly all
        of. The finding quotes the customer's sentence that said it."""
        out = []
        # (a «?» inside quotes asks nothing: «Пароль сбрасывала через «Забыли пароль?»» tells what they did)
        statements = [s for s in customer if (not s.asks or "code" in s.cues) and "ask.request" not in s.cues
                      and s.keys]
        if not statements:
            return out
        saying: dict[str, list[int]] = {}  # word key -> the statements that hold it
        for k, said in enumerate(statements):
            for key in said.keys:
                saying.setdefault(key, []).append(k)
        everything = frozenset(saying)
        numbered = frozenset().union(*(s.numbered() for s in statements))
        # the customer's own values (an order, a subscription number), which a reply request may copy
        values = frozenset(h for s in statements if s.has_number for h in s.lowers if _DIGIT.search(s.word(h)))
        # ("Why does moss keep coming back under an oak? Mostly because the tree shades the lawn": a why the reply
        # asks and answers in the next sentence, no question to the customer; not "Why not try…?", a suggestion)
        told = {id(s) for s, t in zip(reply, reply[1:]) if s.asks and "wh.reason" in s.cues and "suggest" not in s.cues
                and self.prohibitions.isdisjoint(s.lowers[:2]) and not t.asks and "answer.reason" in t.cues}
        asking = [s for s in reply if s.keys and "rhetorical" not in s.cues and id(s) not in told
                  and (s.asks or not self.asking_cues.isdisjoint(s.cues))][:MAX_QUESTIONS]
        for sentence in asking:
            if self._offers(sentence) or not sentence.asks and "builds-on-done" in sentence.cues \
                    or "asks-elsewhere" in sentence.cues:
                # (nor a request that builds on what the customer may have done: "If you've already collected lunch
                # orders through our form, …, so just let me know the name of the third person"; nor one sending them
                # to ask someone else, «Уточните у гостя, насколько сильная у него аллергия», "check with your vet")
                continue
            if self.value_kinds and ("suggest" not in sentence.cues
                                     or not sentence.cues.isdisjoint(("asks-back", "tell-back"))):
                said = self._kind_said(sentence, statements)
                if said is not None:
                    out.append(Redundant(sentence, said, source_index))
                    continue
            context = self._context(sentence) if sentence.asks else frozenset()
            if not sentence.asks and (self.asking_cues - {self.imperative_cue}).isdisjoint(sentence.cues):
                # (asks only by an imperative beside a courtesy word: «Проверьте, пожалуйста, папку «Спам»»)
                said = next(filter(None, (self._step_said(verb, step, statements, everything)
                                          for verb, step in self._imperatives(sentence))), None)
                if said is not None:
                    out.append(Redundant(sentence, said, source_index))
                continue
            # (the time context a question sets is not what it asks: "Have the filters been changed since your
            # fitting in March?" after "the aids fitted in March")
            focus = sentence.keys - context if sentence.keys - context else sentence.keys
            # a request put as a question ("Could you send us a few photos…?") asks like one without «?»
            wh = any(c.startswith("wh.") for c in sentence.cues)
            requests = not sentence.asks and "asks-back" in sentence.cues
            # (an identifier asked in a question, "Could you provide your order number and a photo?", is
            # redundant by the number given alone, as in "Your order number?")
            sends = "asks-back" in sentence.cues and (requests or not wh)
            # asked to send a thing (not "Could you confirm whether…"): the customer did it only by sending it, a
            # sentence with the request's own verb ("I've already sent the full clinical history"), not one sharing
            # its words ("Could you send us a screenshot showing the green tick?" - "the app showed the green tick")
            sends_thing = sends and sentence.cues.isdisjoint(_YES_NO_CUES) \
                and self.yes_no_openers.isdisjoint(sentence.lowers)
            sending = self._cue_keys(sentence, "asks-back") if sends_thing else frozenset()
            asked = self._requested_order(sentence) if sends else ()

            def head_sent(candidate: Sentence, asked=asked) -> bool:
                alias = self.redundant_alias.get
                return bool(asked) and alias(asked[0], asked[0]) in {alias(k, k) for k in self._given(candidate)} \
                    and not set(asked) & self.alternatives \
                    and set(asked[1:]) <= everything
            if sends:
                # «Пришлите, пожалуйста, фото царапины — и мы оформим замену»: what is asked for is the
                # clause the request opens
                focus = self._requested(sentence, ("asks-back",)) or focus
            # «Попробуйте перезагрузить телефон», "Please try another card", "Could you try logging out and
            # back in?": a suggestion asks, like «Вы пробовали…?», whether the customer did it
            suggests = (not sentence.asks or not wh) and "suggest" in sentence.cues \
                and "asks-back" not in sentence.cues
            if suggests:
                # «попробуйте переустановить приложение — часто это решает проблему», "try logging out and back
                # in, and then downloading…": the step is the clause the suggestion opens
                focus = self._requested(sentence, ("suggest",)) or focus
            # "Could you let us know the name and address of the new practice?", «Уточните, пожалуйста, дату и
            # время поездки, чтобы мы нашли водителя»: a request to tell a detail asks for the clause it opens,
            # which the customer said by its value
            # (not a yes/no question after it: «Подскажите, занималась ли дочь английским раньше?»)
            tells = not suggests and "tell-back" in sentence.cues and sentence.cues.isdisjoint(_YES_NO_CUES)
            if tells:
                # (less the time context it sets: «подскажите: перед тем как квадроцикл заглох, загорался индикатор?»)
                focus = (self._requested(sentence, ("tell-back",)) - context) or focus
            # «уточните, включён ли автомат на самой колонке» after «Автомат на колонке я проверил, он включён»: a
            # yes/no question asked as a request asks the clause it opens, as a question (what the customer said or
            # did), not a value
            whether = not suggests and not tells and "tell-back" in sentence.cues \
                and not sentence.cues.isdisjoint(_YES_NO_CUES)
            if whether:
                focus = self._requested(sentence, ("tell-back",)) or focus
            asks_what = not suggests and not whether \
                and (any(c.startswith("wh.") for c in sentence.cues) or not sentence.asks)
            # «назовите на кассе номер подписки AW-2381», "anything else on order BK-45102?": the number the
            # customer wrote, copied into the request, gives the identifier rather than asking for it; the words it
            # numbers are no part of what is asked (and a request left with nothing else asks nothing already said)
            copied = self._copied_values(sentence, values)
            if copied:
                if not focus - copied:
                    continue
                focus = focus - copied
            known = len(focus & everything)
            # (in a request by the word itself: «сообщите код бронирования», «код» keyed with «пароль»)
            named = focus & (self._identifier_keys(sentence) if requests else self.identifiers)
            said = None
            if named and not suggests:  # «номер заказа?»: the customer wrote the order with its number
                wanted = (focus - named) & numbered
                if requests:  # «Пришлите номер заказа и скриншот списания»: all it asks for, not the number alone
                    rest = focus - named
                    said = next((s for s in statements if len(rest & s.numbered()) >= max(
                        1, math.ceil(self.redundant_share * len(rest)))), None)
                else:
                    said = next((s for s in statements if wanted & s.numbered()), None) if wanted else None
            if said is None and (not named or suggests):
                for candidate in (statements[k] for k in sorted({k for key in focus for k in saying.get(key, ())})):
                    overlap = focus & candidate.keys
                    # (a request to send something asks for it, not whether they did it: "Could you send us a
                    # screenshot showing the green tick?" after "the app showed the green tick")
                    tried = not asks_what and not (sends_thing and "gave" not in candidate.cues
                                                   and not sending & candidate.keys) \
                        and known >= max(1, math.ceil(self.redundant_value_share * len(focus))) \
                        and ("tried" in candidate.cues or self._did(candidate, overlap))
                    if suggests:  # the sentence that says they did it holds two of its words (its action and what)
                        # or its action as their own past one («Игру переустанавливала»)
                        tried = tried and (len(overlap) >= min(2, len(focus)) or self._did(candidate, overlap))
                    stated = not suggests and len(focus) >= 2 \
                        and len(overlap) >= math.ceil(self.redundant_share * len(focus))
                    if sends:  # asked to send it: the customer sent it («Фото прикладываю») or wrote its value
                        # (or sent the thing asked, the rest of it named in the message: «пришлите фотографии
                        # царапины» - «заметил царапину…», «фото и видео прикрепил»)
                        stated = stated and ("gave" in candidate.cues or bool(overlap & candidate.valued())) \
                            or head_sent(candidate) \
                            or len(overlap) >= max(min(2, len(focus)), math.ceil(self.redundant_value_share * len(focus))) \
                            and bool(overlap & self._given(candidate))  # ("… slipped tiles (photos attached)")
                    if tried or stated:
                        said = candidate
                        break
            if said is None and asked:  # (the thing sent named in other words: «фото» - «фотографии»)
                said = next((s for s in statements if head_sent(s)), None)
            if said is None and sentence.asks and not suggests and self.alternatives:
                # "Have you tried again at a different time of day?" - "I've tried twice today, at 10am and again
                # at 3pm": a try at another time is told by tries at two times
                said = self._tried_at_times(focus, statements, everything)
            # (a request holding a «which» clause asks which one: «напишите нам, на какой email зарегистрирован
            # кабинет» after «Мой email — s.markova@yandex.ru»)
            # (a measure asked, "how much does Ruby weigh?", is told only by a number with its unit: see _measured)
            if said is None and (asks_what and (not requests or wh) or tells) \
                    and not focus & self.measure_units.keys():
                # («пришлите файл» after «файл на 5000 контактов»: asked to send it, not which one it is)
                # «Какая у вас модель роутера?», "Which firmware version is your hub on?":
                # the customer named it with its value («Роутер TP-Link Archer C6»)
                # or, asked when or how many, the customer's sentence gave a time or a number with the topic
                # ("What date is the christening?" - "a christening cake for Sunday 20 October")
                topic = focus - self.attributes - self.identifiers
                need = max(1, math.ceil(self.redundant_value_share * len(topic)))
                kinds = {_GIVEN_BY[c] for c in sentence.cues if c in _GIVEN_BY}
                # «какой у Вас кредитный лимит?» - «лимит…, сейчас он 150 000 ₽»: an amount of money asked is told
                # by a sum in the sentence naming it (not by «работаю 3 года»)
                sums = self.amount_cues if focus & self.amounts else frozenset()
                # an address asked ("your dad's new address?") is told by one with its number, or by the word
                literal = focus & self.literal_attributes - everything
                # the property a «which» word names («какой породы щенок?», "which colour is it?") must be said
                # too; an attribute («какая версия приложения?») is said by the thing's value
                prop = self._which_property(sentence)
                # the thing a «which» word asks about («на какую почту зарегистрирован аккаунт?», "which email is
                # the account under?"), written with a literal value («Логин — почта k.sidorova@…»; not a name:
                # «на какой тариф хотите перейти?» after «Сейчас у меня тариф Базовый»)
                head = self._which_head(sentence)
                # (asked which one in a request, «напишите нам, на какой email…»: only the thing it names, by its value)
                which_only = requests and not tells
                said = next((s for s in statements if not which_only and len(topic & s.keys) >= need
                    and (not prop or prop in s.keys)
                    and (not literal or s.has_number) and (
                    (topic | focus & self.attributes) & s.keys & s.valued()
                    or kinds and (kinds & s.cues or s.has_number) or sums & s.cues)
                    or head and head in self._literal(s)), None)
            if said is None and sentence.asks and self.question_after and not suggests:
                # «Нам нужно знать толщину роговицы — Вы проходили у нас диагностику?»: the yes/no question after a
                # dash or a colon is asked on its own, whatever the clause before it says
                said = self._tail_tried(sentence, statements, everything)
            if said is None and not suggests and (tells or sends or asks_what or "ask.request" in sentence.cues):
                # "Could you let me know the overall length of Halcyon?" after "a 9.4 m Westerly called Halcyon"
                said = self._measured(focus, statements, everything)
            if said is None:
                # «Пересчитайте, пожалуйста, компоненты по списку», «…и уточните их размер»: each imperative clause
                for verb, step in self._imperatives(sentence):
                    said = self._step_said(verb, step, statements, everything)
                    if said is not None:
                        break
            if said is not None:
                out.append(Redundant(sentence, said, source_index))
        return out

    @staticmethod
    def _copied_values(sentence: Sentence, values: frozenset[int]) -> frozenset[str]:
        """Keys of the words in a reply sentence that a value copied from the customer's message follows (within
        the reach of `Sentence.numbered`), and the value's own key where it has letters: «номер заказа 88123» after
        the customer's «заказ 88123»."""
        if not values or not sentence.has_number:
            return frozenset()
        lowers, keys_of = sentence.lowers, sentence.keys_of
        return frozenset(keys_of[j] for i, h in enumerate(lowers) if h in values
                         for j in range(max(0, i - 3), i + 1) if keys_of[j])  # (and «AW-2381» itself)

    def _tail_tried(self, sentence: Sentence, statements: list[Sentence],
                    everything: frozenset[str]) -> Sentence | None:
        """The customer's sentence saying they did what the yes/no question after a sentence's last dash or colon
        asks («… — Вы проходили у нас диагностику?» - «по вашей же диагностике 468 мкм, делал 12 сентября»)."""
        words = [sentence.word(h) for h in sentence.lowers]
        at = max((i for i, w in enumerate(words) if w in self.question_after), default=None)
        if at is None or at == 0:
            return None
        tail = words[at + 1:]
        if any(w in self.wh for w in tail):
            return None  # («… — в каком браузере?»: a «which» question, read as the whole)
        focus = frozenset(k for k in sentence.keys_of[at + 1:] if k)
        if len(focus) < 2 or focus & self.alternatives \
                or len(focus & everything) < math.ceil(self.redundant_value_share * len(focus)):
            return None
        return next((s for s in statements if focus & s.keys
                     and ("tried" in s.cues or self._did(s, focus & s.keys))), None)

    def _numeral(self, word: str) -> bool:
        """A number, in digits or in words ("three", «два»)."""
        return word[:1].isdigit() or bool(self._like_num and self._like_num(word))

    def _phrase_key(self, word: str) -> str:
        """A word of a phrase matched by key («почты» - «почту»), or as written when it has none ("your")."""
        word = str(word).lower()
        return self.word_key(word) or "=" + word

    def _kinds_in(self, words: list[str], keys: list[str]) -> list[tuple[int, str, bool]]:
        """Where the words ask for a value kind, longest phrase first: [(position, kind, whether the phrase names it
        in two words or more)] («адрес почты»: an e-mail; not after a destination word: "to your email", «на почту»)."""
        marks = [k or "=" + w for w, k in zip(words, keys)]
        out = []
        i = 0
        while i < len(marks):  # left to right, the longest phrase at each word
            hit = next(((phrase, name) for phrase, name in self._kind_first.get(marks[i], ())
                        if tuple(marks[i:i + len(phrase)]) == phrase), None)
            if hit is None:
                i += 1
                continue
            phrase, name = hit
            before = []  # the words before it, back to a «which» word («в каком браузере» asks)
            for w in reversed(words[max(0, i - 2):i]):
                if w in self.which_heads:
                    break
                before.append(w)
            if self.value_not_after.isdisjoint(before):
                out.append((i, name, sum(not m.startswith("=") for m in phrase) >= 2))
            i += len(phrase)
        return out

    def _kind_value(self, name: str, sentence: Sentence) -> bool:
        """Does the sentence write a value of the kind (an e-mail address, a phone number, a browser's name)?"""
        _, pattern, words = self.value_kinds[name]
        return pattern is not None and pattern.search(sentence.text) is not None or bool(words and words & sentence.keys)

    def _kind_said(self, sentence: Sentence, statements: list[Sentence]) -> Sentence | None:
        """The customer's sentence that wrote the value of each kind the reply sentence asks for ("Could you tell me
        the domain name?" - "Our domain is brightleaf-pottery.co.uk"; «Оставьте номер телефона для связи» - «Мой
        телефон +7 916 204-33-18»). Not a confirmation holding the value itself, nor another one ("a different
        email")."""
        if sentence.keys.isdisjoint(self._kind_words):  # (one set test for most sentences)
            return None
        words = sentence.words()
        found = self._kinds_in(words, sentence.keys_of)
        if not found or sentence.keys & self.alternatives:
            return None
        def lead(j: int) -> int:  # the first word from j on, past courtesy words, commas and pronouns
            while j < len(words) and (words[j] in self.imperative_courtesy or words[j] in self.clause_breaks
                                      or not sentence.keys_of[j] and not any(f[0] == j for f in found)):
                j += 1
            return j
        if not sentence.asks and (self.asking_cues - {self.imperative_cue}).isdisjoint(sentence.cues):
            # a request told by an imperative alone, by the words its clause opens with, in two words or more
            # («Оставьте, пожалуйста, номер телефона…»; not "please make sure your email address is correct")
            # (a detail asked for a case is asked all the same: «Если не найдёте, укажите адрес почты…»)
            openers = set()
            for clause, _ in self._imperatives(sentence, conditional=True):
                at = next(_phrase_positions(words, clause), None)
                if at is not None:
                    openers.add(lead(at + 1))
            found = [f for f in found if f[0] in openers and f[2]]
        else:
            # named in two words or more, anywhere in a question or a request ("Do you have a phone number we can
            # reach you on?"); in one word, as what a question word or a request for details opens ("Which
            # browser…?", «в каком браузере…?», «Назовите адрес», "tell me the domain name"; not "do you see any
            # error in the browser console?", «пришлите цифры карты, … поменяем почту», "please check your email")
            starts = [i + 1 for i, w in enumerate(words) if w in self.wh]
            for name in ("asks-back", "tell-back"):  # (not "please check your email…": an action asked)
                if name in sentence.cues:
                    starts += [i + n for i, n in self._phrase_index((name,)).matches(words)]
            leads = {lead(j) for j in starts}
            found = [f for f in found if f[2] or f[0] in leads]
        if not found:
            return None
        kinds = {f[1] for f in found}
        if any(self._kind_value(name, sentence) for name in kinds):
            return None  # ("Is jo@mail.com still the best address?")
        said = None
        for name in kinds:
            by = next((s for s in statements if self._kind_value(name, s)), None)
            if by is None:
                return None
            said = said or by
        return said

    def _opens_with(self, sentence: Sentence, words: frozenset[int]) -> bool:
        """Is the sentence's first word that counts (past lead words: "And did…") one of the words?"""
        lowers = list(sentence.lowers)
        first = self._first_word_of(sentence)
        return first < len(lowers) and lowers[first] in words

    def _compound_heads(self, focus: frozenset[str], sentence: Sentence, question: Question) -> frozenset[str]:
        """The focus words the sentence holds as the head of a compound ("Is wood for the burner included?" - "a
        basket of firewood"): a word of the question, of at least `compound_head_min_letters`, ending a longer
        word of the sentence after three letters or more."""
        if question.sentence is None or not sentence.lowers:
            return frozenset()
        asked = {question.sentence.word(h): k for h, k in zip(question.sentence.lowers, question.sentence.keys_of)
                 if k in focus}
        asked = {w: k for w, k in asked.items() if len(w) >= self.compound_heads and w.isalpha()}
        if not asked:
            return frozenset()
        out = set()
        for h in sentence.lowers:
            word = sentence.word(h)
            if len(word) < self.compound_heads + 3 or not word.isalpha():
                continue
            out.update(k for w, k in asked.items() if word.endswith(w) and len(word) - len(w) >= 3)
        return frozenset(out)

    def _asks_to_do(self, sentence: Sentence) -> bool:
        """Does the sentence ask the customer to do something: a courtesy word right before an imperative
        ("Please wear…", "Please have them ready", «Возьмите, пожалуйста, …»)?"""
        words = [w for w in sentence.words() if w[:1].isalnum()]  # (past commas: «Возьмите, пожалуйста, …»)
        return any(w in self.imperative_courtesy and any(
            words[j] in self.request_auxiliaries or self._is_imperative(words[j]) for j in (i - 1, i + 1)
            if 0 <= j < len(words))
                   for i, w in enumerate(words))

    def _tells_steps(self, sentence: Sentence) -> bool:
        """Does a clause of the sentence open with an imperative («Заверните её во влажную ткань», «…: используйте
        дюбели и не сверлите глубже 5 см»), past a negation («не»)?"""
        if sentence._strings is not self.strings:
            return False  # (a reply piece in another language, read by its own pipeline)
        lowers = sentence.lowers
        first = self._first_word_of(sentence)
        openers, step_verbs = self._clause_openers, self._step_verbs
        tokens = sentence._tokens
        # (the clauses open at the first word and after an opener: the openers found in C, not a test per token)
        for i in (first, *[p + 1 for p in positions_in(lowers, openers) if first <= p < len(lowers) - 1]) \
                if first < len(lowers) else ():
            j = i + 1 if i + 1 < len(lowers) and lowers[i] in self._imperative_negation else i
            if i != first and tokens is not None and lowers[i - 1] != self._colon \
                    and tokens[0][tokens[1] + j].text[:1].isupper():
                continue  # (a name within the sentence: "the Education, Key Skills and Preferred Location sections")
            h = lowers[j]
            opens = step_verbs.get(h)
            if opens is None:
                word = self.strings[h]
                opens = remember(step_verbs, h, self._is_imperative(word)
                                 and self.analyze(word)[0] not in self._referral_verbs, 100_000)
            if opens:
                return True
        return False

    def _is_imperative(self, word: str) -> bool:
        """Is the word a verb in the imperative («проверьте», in any reading; "tap", in its bare form)?"""
        found = self._imperative_words.get(word)
        if found is None:
            found = remember(self._imperative_words, word, self._imperative_of(word), 100_000)
        return found

    def _imperative_of(self, word: str) -> bool:
        if self.analyze is None or not word[:1].isalpha():
            return False
        lemma, pos, morph = self.analyze(word)
        if self.imperative_morph:
            readings = self.readings(word) if self.readings else (morph,)
            return pos == "VERB" and any(all(f in m for f in self.imperative_morph) for m in readings)
        return self.imperative_base and pos == "VERB" and lemma == word and not morph

    def _imperatives(self, sentence: Sentence, conditional: bool = False) -> list[tuple[tuple[str, ...], frozenset[str]]]:
        """The imperative clauses of a reply sentence: (its words from the verb on, the keys of its clause, the
        verb's with them).
        An imperative opens one beside a courtesy word («Проверьте, пожалуйста, …», «пожалуйста, загрузите …»,
        "Please go to …"), or after a conjunction once one is open («…и уточните их размер», "… and tap …");
        a clause runs to a clause break (past the courtesy word and its commas) or the next such imperative."""
        if not self.imperative_courtesy or self.analyze is None:
            return []
        words = sentence.words()
        if self.imperative_courtesy.isdisjoint(words):
            return []
        first = self._first_word_of(sentence)
        if not conditional and first < len(words) and sentence.lowers[first] in self.conditional_openers:
            return []  # "If it is, please switch Face ID off and on again": advice for a case, not a step done
        content = [i for i, w in enumerate(words) if w[:1].isalnum()]
        at = {i: n for n, i in enumerate(content)}
        opens = []
        for i, w in enumerate(words):
            if i not in at or w in self.imperative_courtesy or not self._is_imperative(w) \
                    or i and words[i - 1] in self.imperative_negations:
                continue
            n = at[i]
            near = content[max(0, n - self.imperative_reach): n]  # "please go", «пожалуйста, проверьте»
            if self.imperative_before:
                near = near + content[n + 1: n + 1 + self.imperative_reach]  # «Проверьте, пожалуйста»
            if any(words[j] in self.imperative_courtesy for j in near) \
                    or opens and n and words[content[n - 1]] in self.imperative_after:
                opens.append(i)
        out = []
        for k, i in enumerate(opens):
            end = opens[k + 1] if k + 1 < len(opens) else len(words)
            keys = [sentence.keys_of[i]] if sentence.keys_of[i] else []
            started = False
            for j in range(i + 1, end):
                w = words[j]
                if w in self.clause_breaks or w in self.imperative_courtesy:
                    if started:
                        break
                    continue
                if sentence.keys_of[j]:
                    keys.append(sentence.keys_of[j])
                    started = True
            if len(keys) > 1:
                out.append((tuple(words[i:end]), frozenset(keys)))
        return out

    def _step_said(self, clause: tuple[str, ...], step: frozenset[str], statements: list[Sentence],
                   everything: frozenset[str]) -> Sentence | None:
        """The customer's sentence that already did the step an imperative clause tells («Пересчитайте
        компоненты по списку» - «Всё пересчитал дважды по списку компонентов»), or gave the detail it asks for
        («уточните их размер» - «Размеры M»): a verb opening a request for details asks for the clause after it."""
        asks_for = any(p and clause[:len(p)] == p for name in ("asks-back", "tell-back")
                       for p in self._asking_phrases(name))
        if asks_for:
            focus = step - {self.word_key(clause[0])}
            if not focus or focus & self.alternatives:
                return None
            said = self._measured(focus, statements, everything)
            if said is None and len(focus) >= 2:  # ("send us an email at …": where to write, not a detail)
                said = next((s for s in statements if len(focus & s.keys) >= math.ceil(self.redundant_share * len(focus))
                             and (focus & s.valued() or focus & self._given(s))), None)
            return said
        # the sentence that did it holds the step's action («Пересчитайте…» - «пересчитал»), or all it acts on ("tap
        # Restore purchases" - "used Restore purchases"), not just the topic ("please switch Face ID off and on" -
        # "Face ID login still fails"); with less of the step's words in the message, its action as their own past
        # one («Посмотрите, не попало ли письмо в папку «Спам»» - «Проверил спам»)
        if step & self.redo:
            return None  # ("upload a new photo" after "I uploaded my ID": the first one failed, a redo is asked)
        action = self.word_key(clause[0])
        shared = len(step & everything) >= max(2, math.ceil(self.redundant_value_share * len(step)))
        for said in statements:
            overlap = step & said.keys
            if len(overlap) < 2:
                continue
            if shared and (action in overlap or step - {action} <= said.keys) \
                    and ("tried" in said.cues or self._did(said, overlap, done=True)):
                return said
            if action in overlap and self._did(said, frozenset({action}), done=True):
                return said
        if action in self.look_verbs and self.look_in:
            # the place is what the verb opens, its first two words («папку «Спам»», "your junk folder"; not "check
            # that 4417 matches your account", «проверьте после обновления в магазине приложений»)
            j = 1
            while j < len(clause) and (not clause[j][:1].isalnum() or clause[j] in self.imperative_courtesy):
                j += 1
            if j >= len(clause) or clause[j] in self.look_not_before:
                return None
            place = frozenset([k for k in (self.word_key(w) for w in clause[j:j + 6] if _LETTERS.search(w)) if k][:2])
            for said in statements:
                if not place & said.keys:
                    continue
                words = [said.word(h) for h in said.lowers]
                if not self.look_absent.intersection(words):
                    continue
                if any(w in self.look_in and place.intersection(said.keys_of[i + 1:i + 4])
                       for i, w in enumerate(words)):
                    return said  # («даже в спаме нет», "nothing in my junk folder either")
        return None

    def _units_told(self, sentence: Sentence) -> frozenset[str]:
        """The units of `measure_units` the sentence gives a value in ("2.2 m", "45cm", «2,1 м»)."""
        units = self._all_units
        words = sentence.words()
        found = set()
        for i, w in enumerate(words):
            if _DIGIT.search(w):
                if i + 1 < len(words) and words[i + 1] in units:
                    found.add(words[i + 1])
                else:
                    found.update(u for u in units if u and w.endswith(u)
                                 and w[:-len(u)].replace(".", "").replace(",", "").isdigit())
        return frozenset(found)

    def _measured(self, focus: frozenset[str], statements: list[Sentence],
                  everything: frozenset[str]) -> Sentence | None:
        """The customer's sentence telling a measure asked by its value ("the overall length of Halcyon" - "a 9.4 m
        Westerly called Halcyon"; «их размер» - «Размеры M»), when the share of what is asked that a value tells
        is told: the measure, dates by a date, the rest by the words themselves."""
        measures = focus & (self.measure_units.keys() | self.measure_labels.keys())
        if not measures or focus & self.distributive:
            return None
        anchor = None
        told = set(focus & everything)
        for said in statements:
            words = [said.word(h) for h in said.lowers]
            raw = said.text
            for m in measures:
                units = self.measure_units.get(m, ())
                labels = self.measure_labels.get(m, ())
                hit = any(_DIGIT.search(w) and (i + 1 < len(words) and words[i + 1] in units
                                               or any(w.endswith(u) and w[:-len(u)].replace(".", "").replace(",", "").isdigit()
                                                      for u in units if u))
                          for i, w in enumerate(words))
                if not hit and labels:
                    hit = any(t.strip(".,;:()") in labels for t in raw.split())
                if hit:
                    told.add(m)
                    anchor = anchor or said
            if focus & self.date_words and not self.date_cues.isdisjoint(said.cues) and said.has_number:
                told |= focus & self.date_words
        if anchor is None or len(told & focus) < max(1, math.ceil(self.redundant_value_share * len(focus))):
            return None
        return anchor

    def _context(self, sentence: Sentence) -> frozenset[str]:
        """The keys of the time context a question sets: a `redundant_context_openers` phrase and the words after
        it up to a clause break ("since your fitting in March", «после обновления»)."""
        if not self.context_openers and not self.purpose_openers and not self.partitive:
            return frozenset()
        words = [sentence.word(h) for h in sentence.lowers]
        out = set()
        for phrase in self.purpose_openers:  # ("…, so I can add you to the ticket?"): to the next punctuation mark
            for i in _phrase_positions(words, phrase):
                for j in range(i + len(phrase), len(words)):
                    if not words[j][:1].isalnum():
                        break
                    if sentence.keys_of[j]:
                        out.add(sentence.keys_of[j])
        if self.partitive:  # «Which three days of the half-term week…?»: the set chosen from
            at = next((i for i, w in enumerate(words) if w in self.which_heads), None)
            if at is not None:
                # (right after it, or after a number and its noun: "which of the dates", "which three days of the
                # week"; not "which model of printer", the thing whose model is asked)
                j = at + 1
                if j < len(words) and self._numeral(words[j]):
                    j += 2
                of = j if j < len(words) and words[j] in self.partitive else None
                if of is not None:
                    for j in range(of + 1, len(words)):
                        if words[j] in self.clause_breaks or "?" in words[j]:
                            break
                        if sentence.keys_of[j]:
                            out.add(sentence.keys_of[j])
        for phrase in self.context_openers:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) != phrase:
                    continue
                for j in range(i, len(words)):
                    if j >= i + n and words[j] in self.clause_breaks:
                        break
                    if sentence.keys_of[j]:
                        out.add(sentence.keys_of[j])
        return frozenset(out)

    def _cue_keys(self, sentence: Sentence, name: str) -> frozenset[str]:
        """The keys of the words of the sentence's cue phrases of the class ("send" of "Could you send us…")."""
        out = set()
        for i, n in self._phrase_index((name,)).matches(sentence.words()):
            out.update(k for k in sentence.keys_of[i:i + n] if k)
        return frozenset(out)

    def _offers(self, sentence: Sentence) -> bool:
        """Does the reply question offer to do something («Записать маму на это время?», "Shall I book it?")
        rather than ask whether the customer did it («Перезагрузить пробовали?» asks: a «tried» cue)?"""
        if not sentence.asks or "tried" in sentence.cues:
            return False
        first = self._first_word_of(sentence)
        if first >= len(sentence.lowers) or any(sentence.word(h)[:1].isalpha() for h in sentence.lowers[:first]):
            return False  # («И открыть страницу в режиме инкогнито?» goes on with the question before: «Пробовали…?»)
        words = [sentence.word(h) for h in sentence.lowers[first:first + 6]]
        if any(tuple(words[:len(p)]) == p for p in self.offer_phrases):
            return True
        if self.offer_morph and self.analyze is not None:
            _, pos, morph = self.analyze(words[0])
            return pos == "VERB" and all(f in morph for f in self.offer_morph)
        return False

    def _requested_order(self, sentence: Sentence) -> tuple[str, ...]:
        """The keys of what a request for details asks for, in order: the first names the thing to send."""
        wanted = self._requested(sentence, ("asks-back",))
        out = []
        for k in sentence.keys_of:
            if k in wanted and k not in out:
                out.append(k)
        return tuple(out)

    def _requested(self, sentence: Sentence, classes=("asks-back",)) -> frozenset[str]:
        """The keys of what a request for details (or a suggested step) asks for: the words after its
        cue, up to the end of the clause («Сообщите, пожалуйста, номер самоката, чтобы мы…»: номер,
        самокат; «попробуйте переустановить приложение — часто…»: переустановить, приложение)."""
        words = sentence.words()
        found = self._phrase_index(tuple(classes)).matches(words)
        if not found:
            return frozenset()
        opened = min(i + n for i, n in found)  # (where the first cue phrase to end ends)
        out = []
        for i in range(opened, len(words)):
            if words[i] in self.clause_breaks:
                if out:
                    break
                continue  # («Сообщите, пожалуйста, номер…»: the commas around a courtesy word)
            if sentence.keys_of[i]:
                out.append(sentence.keys_of[i])
        return frozenset(out)

    def _given(self, said: Sentence) -> frozenset[str]:
        """The keys of what a customer's sentence says they sent: the words beside its «gave» cue
        ("(photos attached)", «Фото прикладываю», "I've attached a screenshot")."""
        if "gave" not in said.cues:
            return frozenset()
        out = set()
        for i, n in self._phrase_index(("gave",)).matches(said.words()):
            out.update(k for k in said.keys_of[max(0, i - GIVEN_REACH): i + n + GIVEN_REACH] if k)
        return frozenset(out)

    def _tried_at_times(self, focus: frozenset[str], statements: list[Sentence],
                        everything: frozenset[str]) -> Sentence | None:
        """A customer's sentence saying they tried it at two times or more, for a question asking whether
        they tried another time: its words are a time and an alternative, the rest said in the message
        ("The booking page crashes. I tried at 9am and again at 6pm")."""
        alternative = focus & self.alternatives
        timed = focus & self.time_attributes
        if not alternative or not timed:
            return None
        for said in statements:
            if "tried" not in said.cues:
                continue
            rest = focus - alternative - timed - everything
            if not rest and self._times(said) >= 2:
                return said
        return None

    def _times(self, said: Sentence) -> int:
        """How many clock times a sentence gives ("at 9am and again at 6pm", «в 10:00 и в 15:30»)."""
        words = [said.word(h) for h in said.lowers]
        count = 0
        for i, w in enumerate(words):
            if not _DIGIT.search(w):
                continue
            if ":" in w or w.endswith(self.time_marks) and w[:1].isdigit() \
                    or i + 1 < len(words) and words[i + 1] in self.time_marks:
                count += 1
        return count

    def _literal(self, said: Sentence) -> frozenset[str]:
        """Keys of the words a literal value follows within a few words: a number, a code or an e-mail
        address («почта k.sidorova@yandex.ru», "model UE50AU7100")."""
        words = [said.word(h) for h in said.lowers]
        literal = [bool(_DIGIT.search(w)) or ("@" in w[1:-1] and "." in w) for w in words]
        return frozenset(k for i, k in enumerate(said.keys_of) if k and any(literal[i + 1: i + 4]))

    def _which_head(self, sentence: Sentence) -> str:
        """The key of the word right after a «which» question word («на какую почту…?»: почта), when
        it names a thing of its own (not an attribute: «какая версия…?», "what time…?")."""
        if not self.which_heads:
            return ""
        words = [sentence.word(h) for h in sentence.lowers]
        for i, w in enumerate(words[:-1]):
            if w in self.which_heads:
                key = sentence.keys_of[i + 1]
                if key and key not in self.attributes and key not in self.identifiers:
                    return key
                return ""
        return ""

    def _identifier_keys(self, sentence: Sentence) -> frozenset[str]:
        """The keys of the words asking for an identifier (by the word itself: «код» is keyed with
        «пароль», which asks for none)."""
        return frozenset(k for h, k in zip(sentence.lowers, sentence.keys_of)
                         if k and self._stem(sentence.word(h)) in self.identifiers)

    def _which_property(self, sentence: Sentence) -> str:
        """The word right after a «which» question word, when it names a property other than the
        attributes a value says («какой породы щенок?»: порода; not «какая версия…»)."""
        if "wh.thing" not in sentence.cues or not self.which_words:
            return ""  # («What date is it?», «во сколько?»: a time, said by a date)
        words = [sentence.word(h) for h in sentence.lowers]
        for i, w in enumerate(words[:-1]):
            if self.wh.get(w) == "thing" and w in self.which_words:
                key = sentence.keys_of[i + 1]
                if not key or key in self.attributes or key in self.identifiers:
                    return ""
                if i + 2 < len(words) and sentence.keys_of[i + 2] and sentence.keys_of[i + 2] in self.attributes:
                    return ""  # ("which phone model…?": the thing's attribute, which its value says)
                if self.property_morph and self.analyze is not None:
                    # a property in its own case, of a thing named too («какой породы щенок»; not «какой
                    # тариф у вас?», where the value names the thing asked)
                    readings = self.readings(words[i + 1]) if self.readings else (self.analyze(words[i + 1])[2],)
                    if not any(all(f in m for f in self.property_morph) for m in readings) \
                            or not any(k and k != key for k in sentence.keys_of[i + 2:]):
                        return ""
                return key
        return ""

    def may_request(self, text: str) -> bool:
        """Might the text ask for details or suggest a step without «?» (a word opening an
        asking cue: «пришлите», «попробуйте», "please send")? A cheap look before reading it."""
        if self._request_pattern is None:
            firsts = {p[0] for name in self.asking_cues for p in self._asking_phrases(name) if p}
            self._request_pattern = re.compile(
                r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, firsts), key=len, reverse=True)) + r")(?!\w)"
                if firsts else r"(?!x)x")
        return self._request_pattern.search(text.lower()) is not None

    def _phrase_index(self, classes: tuple[str, ...]) -> _PhraseIndex:
        """The phrases of the cue classes, indexed by their first word (made once per set of classes)."""
        found = self._phrase_indexes.get(classes)
        if found is None:
            found = self._phrase_indexes[classes] = _PhraseIndex(
                [p for name in classes for p in self._asking_phrases(name)])
        return found

    def _asking_phrases(self, name: str):
        if name.startswith("ask."):
            return self.ask_kinds.get(name[4:], ())
        return self.cues.get(name, ())

    def _tells_past(self, sentence: Sentence) -> bool:
        """Does the sentence tell what happened (a verb in the past: «у нас сбоила программа»)?"""
        return self._did(sentence, None)

    def _did(self, said: Sentence, overlap: frozenset[str] | None, done: bool = False) -> bool:
        """Does the customer's sentence put one of these words (None: any) as their own past action? `done`: as
        an action done, not denied ("not yet verified", «не перезагружал» do not tell that a step was taken, though
        they answer "Have you changed it?")."""
        for h, key in zip(said.lowers, said.keys_of):
            if overlap is not None and key not in overlap or not key:
                continue
            word = said.word(h)  # (from the customer's own pipeline: it may be another language's)
            if done and self.done_negations:
                i = said.lowers.index(h)
                if self.done_negations.intersection(said.lowers[max(0, i - 2):i]):
                    continue  # ("not yet verified", «не перезагружал»: not done)
            if self.done_suffixes and word.endswith(self.done_suffixes) \
                    and (self.analyze is None or self.analyze(word)[0] != word):
                return True  # (an inflection: "rebooted", not "red" or "embed")
            if self.done_morph and self.analyze is not None:
                morph = self.analyze(word)[2]
                if all(f in morph for f in self.done_morph):
                    return True
                if overlap is not None and self.done_any_reading and any(
                        all(f in m for f in self.done_morph) for m in self.readings(word)):
                    return True
        return False


def _any_in(positions: list[int], a: int, b: int) -> bool:
    """Is any of the sorted positions in [a, b)?"""
    k = bisect.bisect_left(positions, a)
    return k < len(positions) and positions[k] < b


class Read:
    """What the sentence step read in a message: its sentences, and with
    `asking_only` the words of the sentences it did not build (`other_keys`,
    pooled only when a question needs them as context); `ranges` and `arrays`
    let `QuestionReader.every_sentence` build the rest."""

    __slots__ = ("sentences", "arrays", "_skipped", "_other", "ranges", "to_source")

    def __init__(self, sentences: list[Sentence], arrays: _Arrays | None, skipped: list[tuple[int, int]],
                 ranges: list[tuple[int, int, list[Sentence] | None]], to_source):
        self.sentences = sentences
        self.arrays, self._skipped = arrays, skipped
        self.ranges, self.to_source = ranges, to_source
        self._other: frozenset[str] | None = None

    @property
    def other_keys(self) -> frozenset[str]:
        if self._other is None:
            keys_of = self.arrays.keys_of if self._skipped else []
            self._other = frozenset(k for a, b in self._skipped for k in keys_of[a:b] if k)
        return self._other


class _Arrays:
    """A doc's token columns as the sentence step reads them; the word keys,
    whitespace flags and character offsets only where a sentence is built."""

    __slots__ = ("reader", "doc", "lowers", "hits", "splits", "text", "in_fence", "fences", "_keys_of", "_spaces",
                 "_idx", "_length")

    def __init__(self, reader: QuestionReader, doc, lowers: list[int], hits: list[int], splits: list[int], text: str,
                 in_fence: bool = False):
        self.reader, self.doc, self.lowers, self.text, self.in_fence = reader, doc, lowers, text, in_fence
        self.fences = fences(text)  # where ``` marks are
        self.hits = hits  # positions of cue words
        self.splits = splits  # positions of question marks and of the words that start a second question
        self._keys_of: list[str] | None = None
        self._spaces: list[int] | None = None
        self._idx: list[int] | None = None
        self._length: list[int] | None = None

    @property
    def keys_of(self) -> list[str]:
        if self._keys_of is None:
            self._keys_of = self.reader.keys_of(self.lowers)
        return self._keys_of

    @property
    def spaces(self) -> list[bool]:
        """Is each token whitespace (spaCy's IS_SPACE: its text `isspace`), by its LOWER hash (no `to_array`)."""
        if self._spaces is None:
            self._spaces = self.reader.spaces_of(self.lowers)
        return self._spaces

    def char_span(self, a: int, b: int) -> tuple[int, int]:
        """The character offsets of tokens a to b - 1: from the IDX and LENGTH columns where a step already read
        them, or from the two tokens (a `to_array` of a doc's columns costs what a dozen tokens do, and a message
        has a few sentences)."""
        if self._idx is None:
            found = self.doc.user_data.get(COLUMNS) or {}
            self._idx, self._length = found.get(IDX, ()), found.get(LENGTH, ())
        if not self._idx or not self._length:
            doc = self.doc
            last = doc[b - 1]
            return doc[a].idx, last.idx + len(last)
        return self._idx[a], self._idx[b - 1] + self._length[b - 1]
