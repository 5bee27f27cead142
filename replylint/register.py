"""Register profiles: how a message addresses the other person.

Every message of an exchange (the reply and each customer message) gets a
`Profile`: the register evidence found in it, each piece with its span
(greetings, closings, slang and address words come from the evidence rules
of rules/<lang>/register.yaml; ты/Вы forms, names and emoji from the word
classes below), the «ты»/«Вы» reading, a formal/neutral/informal register from
the weights of rules/language/<lang>.yaml, and the writer's own name and
gender. `relate` then compares the reply's addresses with the customer's
name (a wrong name, a diminutive, a bare first name, a wrong gender), and the
`extends: register` rules read both profiles.

Word classes are looked up per distinct word form and cached, so a message
without a register marker costs one dict lookup per token.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from dataclasses import dataclass, field, replace
from itertools import compress

from spacy.attrs import IDX, IS_ALPHA, IS_TITLE, LENGTH, LOWER, ORTH
from spacy.strings import get_string_id

from .nlp import QuoteMarks, column, columns, positions_in, ru_morph_features

# what a profile's evidence may be called: the evidence rules' `evidence:` and
# the `flag:` lists of formality rules are checked against it
FEATURES = frozenset({
    "tv.T", "tv.V", "tv.V-polite", "tv.V-group", "tv.V-slip",
    "tv.V-errand",  # lowercase «у вас»/«вам»/«ваш» beside an errand with the company: plural in a customer's message
    "greeting.formal", "greeting.informal", "greeting.colloquial", "greeting.slang", "closing.formal", "closing.informal",
    "closing.colloquial",  # "Cheers,": friendly, too breezy only for a formal letter
    "style.exclamations",  # "!!", "!!!": chat style
    "style.lowercase",  # a message written all in lowercase: chat style
    "address.formal", "address.familiar", "request.formal", "request.informal", "slang", "emoji", "emoticon",
    "name.patronymic", "name.title",
    "name.diminutive",  # the writer signs with a familiar form of their name («Лёша», «Гена»): casual
    # the writer speaking of themselves: «я заказывал», «я отключала»
    "writer.masc", "writer.femn",
    # the writer speaking for several («мы», «нас двое», «наш сын»): a plural «вы»-form to them chooses no «Вы»
    "writer.plural",
    # found by comparing the reply with the customer
    "address.first-name", "address.diminutive", "address.wrong-name", "address.wrong-gender",
    "name.misspelt",  # the customer's surname misspelt where the reply names them («на имя И. В. Гольштейн»)
    "address.other-title",  # "Mr Haddad" to a customer who signed "Dr Samira Haddad", "Mrs." to "Ms."
})
_WRITER_GENDERS = frozenset({"writer.masc", "writer.femn"})  # (not writer.plural: several writers have no gender)
REGISTERS = ("formal", "neutral", "informal")
# «Вы»-forms collected per piece: enough to weigh a message; more would only
# cost time on a pathological input («Вы Вы Вы …» a megabyte long)
MAX_V_EVIDENCE = 64
_UNREAD = object()  # (`_possessive_before`: the word after it not read yet)
_INITIAL = re.compile(r"^[А-ЯЁ]\.$")  # an initial in a Russian signature: «Р.» (English names are read by place)
# a text without it holds no _INITIAL token: tested once per piece, not per word
_INITIAL_IN_TEXT = re.compile(r"(?<![А-ЯЁа-яёA-Za-z])[А-ЯЁ]\.")
CLAUSE_MARKS = frozenset({",", ";", ":", "—", "–", "-"})  # after these a clause opens
# "Of course, Dorothy.": a vocative after a short opening ends its clause with one of these
MAX_OPENER_WORDS = 3
# after a signature name on its line, these open the signer's role or company ("Tom Hadley, Funeral Director")
SIGNATURE_ROLE_MARKS = frozenset({",", "—", "-", "–", "(", "|"})
# a signer's role before the full name on its line: «главный бухгалтер Л. М. Шеховцова»
MAX_ROLE_WORDS = 4
_SENTENCE_ENDS = frozenset({".", "!", "!!", "…", "..."})  # what ends a sentence inside a line
VOCATIVE_ENDS = frozenset({".", "!", ",", ":", "?", "…", "!!", "?!"})
MID_VOCATIVE_ENDS = VOCATIVE_ENDS | {"—", "–"}  # «можно, Марат, — после Вас…»
# always-formal: the reply owes the customer the formal register unless the
# customer writes informally; mirror-customer: no more casual than the customer
FORMALITY_POLICIES = ("always-formal", "mirror-customer")
_WRITTEN_FORMS = "replylint.register.written_forms"  # doc.user_data: the ORTH hashes of its tokens (`_written_forms`)



@dataclass(frozen=True)
class Evidence:
    """One register marker: its feature, where it is in the original message,
    and the rewrite its rule offers (if any)."""

    feature: str
    start: int
    end: int
    text: str
    suggestions: tuple[str, ...] = ()
    rule_id: str = ""
    gender: str | None = None  # of an agreeing word or title, where it shows one

    def to_dict(self) -> dict:
        return {"feature": self.feature, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Person:
    """A name found in a message, as written and analysed."""

    start: int
    end: int
    text: str
    given: str | None = None  # lemma, lowercase
    given_text: str | None = None
    patronymic: str | None = None
    patronymic_text: str | None = None  # as written: it shows the writer's gender
    surname: str | None = None
    title: str | None = None
    gender: str | None = None
    title_start: int | None = None  # where a title or gendered address word starts
    title_end: int | None = None
    title_gender: str | None = None


@dataclass
class Profile:
    lang: str
    evidence: list[Evidence] = field(default_factory=list)
    people: list = field(default_factory=list)  # (Person, places) mentions, until `finish`
    person: Person | None = None  # the writer (customer: from the signature or introduction)
    addresses: list[Person] = field(default_factory=list)  # whom the message addresses by name
    cosigners: list[Person] = field(default_factory=list)  # who signs with the writer («Илья и Катя»)
    aliases: list[Person] = field(default_factory=list)  # the writer's other name, in brackets: "Akela (Steve Burrows)"
    gender: str | None = None
    # register words the message uses as names of things (lowercase): quoted or
    # capitalised inside a phrase ("the Buddy plan"); no evidence anywhere in it
    things: set = field(default_factory=set)
    weights: dict = field(default_factory=dict)
    formal_at: int = 2
    informal_at: int = -2
    # (forms, markers): the «вы»-forms that are plural in a customer's message whose markers of
    # informal address weigh informal (`informal_plural`)
    plural_when_informal: tuple = (frozenset(), frozenset())

    def features(self) -> set[str]:
        return {e.feature for e in self.evidence}

    @property
    def tv(self) -> str | None:
        features = self.features()
        t, v = "tv.T" in features, bool({"tv.V", "tv.V-polite", "tv.V-errand"} & features)
        return "mixed" if t and v else "T" if t else "V" if v else None

    @property
    def score(self) -> int:
        return sum(self.weights.get(e.feature, 0) for e in self.evidence)

    @property
    def register(self) -> str:
        score = self.score
        return "formal" if score >= self.formal_at else "informal" if score <= self.informal_at else "neutral"

    def name_tags(self) -> set[str]:
        """What the writer's name tells: given, patronymic, title, requested."""
        tags = set()
        person = self.person
        if person is not None:
            if person.given:
                tags.add("given")
            if person.patronymic:
                tags.add("patronymic")
            if person.title and person.surname:
                tags.add("title")
            if person.surname and not person.given:
                tags.add("surname")  # «Р. Гайнутдинов»: signed with initials and surname
        features = self.features()
        if "request.formal" in features and "request.informal" not in features:
            tags.add("requested")  # («Обращайтесь ко мне просто Костя» asks for the plain name)
        return tags

    def to_dict(self) -> dict:
        person = self.person
        return {
            "lang": self.lang,
            "register": self.register,
            "tv": self.tv,
            "name": person.text if person else None,
            "gender": self.gender,
            "evidence": [e.to_dict() for e in sorted(self.evidence, key=lambda e: (e.start, e.end, e.feature))],
        }


def merge(profiles: list[Profile]) -> Profile | None:
    """One profile for several customer messages: all their evidence; the
    name and gender of the latest message that has them."""
    if not profiles:
        return None
    last = profiles[-1]
    merged = Profile(last.lang, weights=last.weights, formal_at=last.formal_at, informal_at=last.informal_at,
                     plural_when_informal=last.plural_when_informal)
    for profile in profiles:
        evidence = _errands_to_company(_company_plural(profile.evidence))
        merged.evidence.extend(_informal_plural(evidence, profile))
        merged.things |= profile.things
        merged.people.extend(profile.people)
        if profile.person is not None:
            merged.person, merged.cosigners, merged.aliases = profile.person, profile.cosigners, profile.aliases
        merged.gender = profile.gender or merged.gender
    return merged


def _company_plural(evidence: list[Evidence]) -> list[Evidence]:
    """A customer who says «ты» to the agent means the company by a lowercase
    «вы» in the same message («я каталась у вас на сапе… ты можешь глянуть?»):
    that «вы» is plural, not a switch of address."""
    features = {e.feature for e in evidence}
    if "tv.T" not in features or "tv.V" not in features:
        return evidence
    polite = {e.start for e in evidence if e.feature == "tv.V-polite"}
    return [replace(e, feature="tv.V-group") if e.feature == "tv.V" and e.start not in polite else e
            for e in evidence]


def _informal_plural(evidence: list[Evidence], profile: Profile) -> list[Evidence]:
    """A customer whose markers of informal address (a «Привет», slang, a signature «Лёша») weigh
    informal («Привет! … у вас уже залиты. Лёша», «Здарова! … как отправите? Гоша») means the company by a
    lowercase «вы»: plural, no choice of «Вы». A polite capital «Вас» mid-sentence chooses «Вы»: then
    nothing changes."""
    plural, informal = profile.plural_when_informal
    if not plural or not any(e.feature in plural for e in evidence) or any(e.feature == "tv.V-polite" for e in evidence):
        return evidence
    if sum(profile.weights.get(e.feature, 0) for e in evidence if e.feature in informal) > profile.informal_at:
        return evidence
    return [replace(e, feature="tv.V-group") if e.feature in plural else e for e in evidence]


def _errands_to_company(evidence: list[Evidence]) -> list[Evidence]:
    """A customer's «купил у вас», «отдавал вам», «после вашего ремонта» mean the
    company: plural, no choice of «Вы» (in a reply, the same words address the customer)."""
    return [replace(e, feature="tv.V-group") if e.feature == "tv.V-errand" else e for e in evidence]


class WordClasses:
    """Register classes of single words, from their morphology: tv.T, tv.V,
    name.given/patronymic/surname with gender, emoji. Cached per word form."""

    def __init__(self, lang: str, config: dict, analyze, readings=None, emoji: re.Pattern | None = None):
        self.lang = lang
        self.emoji = emoji  # a character class of emoji (rules/language/common.yaml)
        self.analyze = analyze  # lower -> (lemma, pos, morph) of the language's annotator
        # lower -> [(score, UD features)] of every reading (Russian): a verb
        # form with a likely reading that is not 2nd person («пришли»: "send!"
        # or "came") is no evidence
        self.readings = readings
        self.ambiguity = float(config.get("ambiguity_score", 1.0))
        # the verb forms of such a reading («пришли»: past; «отрасти»: infinitive of «отрасти»)
        self.ambiguity_forms = tuple(f"VerbForm={form}" for form in config.get("ambiguity_verb_forms", ("Fin",)))
        # nor is a form whose 2nd-person readings together are less likely than this («прокси»: "proxy!" of
        # a rare verb, or the indeclinable noun in any of its cases)
        self.second_person_floor = float(config.get("second_person_floor", 0.0))
        # … nor, with this set, a form whose likeliest 2nd-person reading is no likelier than its likeliest other
        # reading: the dictionary gives no reason to prefer it («спрей»: "rot!" or the noun, each 0.15)
        self.second_person_likeliest = bool(config.get("second_person_must_be_likeliest", False))
        words = config.get("words", {})
        self.tv = {
            feature: (frozenset(spec.get("lemmas", ())), [frozenset(s) for s in spec.get("features", ())])
            for feature, spec in words.items()
        }
        self.not_tv = frozenset(config.get("not_tv", ()))
        initial = config.get("clause_initial_2nd_person", {})
        self.initial_score = float(initial.get("score", 1.1))  # (no such reading by default)
        self.initial_over = frozenset(initial.get("over", ()))
        self.writer_words = frozenset(config.get("writer_words", ()))  # «я»: before the writer's own verbs
        # a verb in the 1st person plural («опоздаем», «хотим»): the writer speaks for several, as with «мы»
        self.plural_writer_forms = [frozenset(f) for f in config.get("plural_writer_features", ())]
        self.known_names = frozenset(config.get("known_names", ()))  # the team's lists: given names, whatever the dictionary says
        self.genitive_score = float(config.get("genitive_after_noun", 1.1))  # (no such reading by default)
        self.cache: dict[int, frozenset[str]] = {}

    def of(self, key: int, lower: str) -> frozenset[str]:
        return _cached(self.cache, key, 300_000, lambda: self._classify(lower))

    def _classify(self, lower: str) -> frozenset[str]:
        out = set()
        if self.emoji is not None and self.emoji.search(lower):
            out.add("emoji")
        if lower in self.known_names:
            out.add("name.given")
        if not self.tv or not any(ch.isalpha() for ch in lower):
            return frozenset(out)  # (English has no word classes but emoji: no analysis needed)
        lemma, pos, morph = self.analyze(lower)
        feats = frozenset(morph.split("|")) if morph else frozenset()
        if lower in self.writer_words:
            out.add("writer")
        if any(f <= feats for f in self.plural_writer_forms):
            out.add("writer.plural")
        if lower not in self.not_tv and pos != "PROPN":
            for feature, (lemmas, sets) in self.tv.items():
                if lemma in lemmas or (any(s <= feats for s in sets) and not self._ambiguous(lower)):
                    out.add(feature)
                elif pos in self.initial_over and self._less_likely(lower, sets):
                    out.add(f"{feature}-clause-initial")
        if "tv.T" in out and "Mood=Imp" in feats and self._genitive_reading(lower):
            out.add("tv.T-or-genitive")  # «мочи»: "soak!" or "of urine"
        for name_type, cls in (("NameType=Giv", "name.given"), ("NameType=Pat", "name.patronymic"),
                               ("NameType=Sur", "name.surname")):
            if name_type in feats:
                out.add(cls)
        if "name.given" not in out and self.readings is not None and any(
                "NameType=Giv" in reading for _, reading in self.readings(lower)[1:]):
            out.add("name.given-reading")  # «Вера», «Надежда»: a name where names stand
        return frozenset(out)

    def _less_likely(self, lower: str, sets) -> bool:
        """Has the word a reading with these features, likely enough to win at
        the start of a clause?"""
        return self.readings is not None and any(
            score >= self.initial_score and any(s <= frozenset(feats.split("|")) for s in sets)
            for score, feats in self.readings(lower)[1:])

    def _genitive_reading(self, lower: str) -> bool:
        """Has the word a genitive noun reading at least `genitive_after_noun` likely?"""
        return self.readings is not None and any(
            score >= self.genitive_score and "Case=Gen" in feats and not any(f in feats for f in ("VerbForm", "Mood", "Person", "Poss"))
            for score, feats in self.readings(lower))

    def _ambiguous(self, lower: str) -> bool:
        if self.readings is None:
            return False
        readings = self.readings(lower)
        if self.second_person_floor and sum(score for score, feats in readings if "Person=2" in feats) < self.second_person_floor:
            return True
        if self.second_person_likeliest and max((score for score, feats in readings if "Person=2" in feats), default=0.0) <= max(
                (score for score, feats in readings if "Person=2" not in feats), default=-1.0):
            return True
        return any(score >= self.ambiguity and "Person=2" not in feats and any(f in feats for f in self.ambiguity_forms)
                   for score, feats in readings)


class ProfileBuilder:
    """Builds a message's profile from its annotated pieces (one language)."""

    def __init__(self, lang: str, config: dict, morphology, analyze, parts_of_speech=None):
        self.lang = lang
        self._analyze = analyze  # lower -> (lemma, pos, morph): the annotator's analysis
        # lower -> every part of speech the annotator's dictionary knows the form as (None: its analysis only)
        self._more_parts_of_speech = parts_of_speech
        self._analysis: dict[str, tuple[str, str, str]] = {}
        self._name_cues: frozenset[int] | None = None  # LOWER hashes of words before a name
        self._title_words: frozenset[int] = frozenset()  # LOWER hashes of titles ("mrs", "mrs.")
        self.config = config
        self.morphology = morphology
        # the cases a vocative name can be in (UD «Case=…»), from `vocative_cases`
        self.vocative_cases = tuple(f"Case={case}" for case in config.get("vocative_cases", ()))
        self.weights = dict(config.get("weights", {}))
        self.formal_at = int(config.get("formal_at", 2))
        self.informal_at = int(config.get("informal_at", -2))
        # «вы»-forms read as plural (the company) in a customer's message that is informal without them
        informal_plural = config.get("informal_plural") or {}
        self.plural_when_informal = (frozenset(informal_plural.get("forms", ())),
                                     frozenset(informal_plural.get("markers", ())))
        # «мы», «нас», «наш»: the writer speaks for several (`writer.plural`)
        self.plural_writer_words = frozenset(config.get("plural_writer_words", ()))
        self.diminutives = {full: frozenset(forms) for full, forms in config.get("diminutives", {}).items()}
        self.full_of = {dim: full for full, forms in self.diminutives.items() for dim in forms}
        self.titles = dict(config.get("titles", {}))  # title before a surname -> gender it shows
        self.title_spelled = dict(config.get("title_spelled", {}))  # how a rewrite writes a title
        self._title_end_hashes: frozenset[int] | None = None  # (`_title_ends`)
        # letters a case ending may change at the end of a surname («Сомову» is «Сомов»)
        self.surname_endings = int(config.get("surname_endings", 0))
        misspelt = config.get("misspelt_surname") or {}
        self.misspelt_edits = int(misspelt.get("max_edits", 0))  # 0: not looked for
        self.misspelt_min_length = int(misspelt.get("min_length", 0))
        self.signoff_words = frozenset(config.get("signoff_words", ()))  # before a signature name
        # a closing wish that may stand before the writer's name and role («Всего Вам доброго, Марина, администратор …»,
        # «С заботой, Арина, салон …»); not any opener: «Конечно, Маша, заказ в пути.» addresses the reader
        self.closing_wish_words = frozenset(config.get("closing_wish_words", ()))
        # … or a short wish that opens its sentence with one of these words or an adjective in the genitive
        # (`closing_wish_opener`: «Приятного аппетита, Хавьер, лавка …», «До встречи на паркете, Мария, школа …»)
        opener = config.get("closing_wish_opener") or {}
        self.wish_opener_words = frozenset(opener.get("words", ()))
        self.wish_opener_pos = frozenset(opener.get("pos", ()))
        self.wish_opener_features = frozenset(opener.get("features", ()))
        self.postscripts = tuple(config.get("postscripts", ()))  # what opens a postscript line («P.S.»)
        # academic degrees written before a signature name («К.м.н. Левон Оганесян»): part of the signature
        self.degrees = frozenset(config.get("degrees", ()))
        # the first word of a signer's role or company after «Name,» closing the message («… Ждём снова! Денис,
        # управляющий», «… извинения. Ольга, служба проката.»): its parts of speech and features
        role = config.get("closing_role") or {}
        self.closing_role_pos = frozenset(role.get("pos", ()))
        self.closing_role_features = frozenset(role.get("features", ()))
        self.closing_role_not = tuple(role.get("not_features", ()))  # no word of a role has these («Ольга, проверьте»)
        # … nor is one of these parts of speech («Маша, заказ уже в пути»: a clause told to the reader, not a role)
        self.closing_role_not_pos = frozenset(role.get("not_pos", ()))
        # a closing wish before the writer's name, role and company ("Happy baking, Claire, Crumb & Co"): the
        # phrases word by word, and words a gerund after them makes a wish of ("happy" + "gardening")
        wishes = config.get("closing_wishes") or {}
        self.closing_wishes = frozenset(tuple(p) for p in wishes.get("phrases", ()))
        self.wish_before_gerund = frozenset(wishes.get("before_gerund", ()))
        # "Crispy, curling edges mean …": an adjective opening a sentence before a comma, more attributes and
        # their noun going on with the sentence: coordinated attributes, no vocative
        attributes = config.get("coordinate_attributes") or {}
        self.attribute_first = frozenset(attributes.get("first", ()))
        self.attribute_pos = frozenset(attributes.get("attributes", ()))
        self.attribute_forms = frozenset(attributes.get("attribute_forms", ()))
        self.attribute_head = frozenset(attributes.get("head", ()))
        self.attribute_predicate = frozenset(attributes.get("predicate", ()))
        self._pos_cache: dict[str, frozenset[str]] = {}
        # "which Elena and Marcus should sign" to Eleanor and Marcus: the first letters a wrong name shares with the
        # co-signer it stands for (0: not looked for)
        self.cosigner_slip_prefix = int(config.get("cosigner_slip_prefix", 0))
        self.not_names = frozenset(config.get("not_names", ()))
        self.known_names = frozenset(config.get("known_names", ()))  # the team's name lists (configuration)
        # words read as these parts of speech are no names where a common word is none ("Hopefully, …")
        self.not_name_pos = frozenset(config.get("not_name_pos", ()))
        # … nor a word the dictionary knows only as these parts of speech, with one of these endings, of at least
        # this length: the state of a thing ("Unopened, the starter keeps…", "Refrigerated, it lasts a week")
        state = config.get("not_name_states") or {}
        self.state_parts_of_speech = frozenset(state.get("parts_of_speech", ()))
        self.state_endings = tuple(state.get("endings", ()))
        self.state_min_length = int(state.get("min_length", 0))
        self.agent_names = frozenset(config.get("agent_names", ()))  # an agent's own name addresses nobody
        self.prepositional = dict(config.get("polite_prepositional", {}))
        self.polite_pronoun = dict(config.get("polite_pronoun", {}))  # ты-form -> its Вы-form
        self.polite_agreeing = dict(config.get("polite_agreeing", {}))  # «сам» -> «сами»
        self.not_after = {word: frozenset(before) for word, before in config.get("not_after", {}).items()}
        self.not_before = {word: frozenset(after) for word, after in config.get("not_before", {}).items()}
        # «Обнови Вы масло вовремя — пятен бы не было»: an imperative with its own subject, then «бы»
        conditional = config.get("conditional_imperative") or {}
        self.conditional_subjects = frozenset(conditional.get("subjects", ()))
        self.conditional_markers = frozenset(conditional.get("markers", ()))
        self.conditional_ends = frozenset(conditional.get("ends", ()))
        self.conditional_alone = frozenset(conditional.get("subjects_alone", ()))
        self.group_words = frozenset(config.get("group_words", ()))
        self.names_not_tv = bool(config.get("names_not_tv", False))  # «с Бусей»: a name, not an imperative
        self.relative_pronouns = frozenset(config.get("relative_pronouns", ()))  # after a name: a third party
        self.question_determiners = frozenset(config.get("question_determiners", ()))  # "which option": no relative
        self.after_agreeing_adjective = frozenset(config.get("after_agreeing_adjective", ()))  # «Вы первая, кто»
        self.genitive_head_features = frozenset(config.get("genitive_head_adjective_features", ()))  # «ручной клади»
        self.parentheticals = [tuple(p) for p in config.get("parentheticals", ())]  # «, наверное,» between subject and verb
        self.subject_sharing = frozenset(config.get("subject_sharing", ()))  # «…, когда сдавал»: the same subject
        # «если занят, можешь подождать»: a subjectless clause in a «ты» piece has the reader for its subject
        reader_clause = config.get("reader_clause") or {}
        self.reader_clause_openers = frozenset(reader_clause.get("openers", ()))
        self.reader_clause_not_lemmas = frozenset(reader_clause.get("not_lemmas", ()))
        # «Спасибо, что написал»: thanks or praise for what the reader did
        self.addressee_clauses = [tuple(p) for p in config.get("addressee_clauses", ())]
        self._addressee_openers = frozenset(p[0] for p in self.addressee_clauses)
        self.idioms: dict[str, list[tuple[str, ...]]] = {}  # set phrases by their first word
        # «дешевле не найдёшь», «лучше и не придумаешь»: the generic «ты» after a comparative or «и» and «не»
        generic = config.get("generic_second_person") or {}
        self.generic_negation = frozenset(generic.get("negation", ()))
        self.generic_emphatic = frozenset(generic.get("emphatic", ()))
        self.generic_before_features = frozenset(generic.get("before_features", ())) or frozenset({"-"})
        self.generic_verb_features = frozenset(generic.get("verb_features", ()))
        # «бывает, что цифры читаешь, а галочки — нет»: after a phrase telling what happens to anyone, a 2nd person
        # singular of those readings up to the sentence's end addresses no one (unless «ты» is in it)
        self.generic_after: dict[str, list[tuple[str, ...]]] = {}
        for phrase in generic.get("after", ()):
            self.generic_after.setdefault(phrase[0], []).append(tuple(phrase))
        for phrase in config.get("idioms", ()):
            self.idioms.setdefault(phrase[0], []).append(tuple(phrase))
        self._idiom_hashes: dict[int, list[tuple[int, ...]]] | None = None  # (see _idiom_tokens)
        # a message of at least `min_words` such words, none of them capitalised: chat style
        style = config.get("chat_lowercase") or {}
        self.chat_min_words = int(style.get("min_words", 0))
        self.chat_word = re.compile(style["word"]) if style.get("word") else None
        # «Вы … прав»: a less likely singular short-form reading at least this
        # likely counts as agreeing with «Вы» where it ends the clause
        score = config.get("slip_short_form_score")
        self.slip_short_form_score = float(score) if score is not None else None
        self.group_after_you = frozenset(config.get("group_after_you", ()))
        self.institution_nouns = frozenset(config.get("institution_nouns", ()))
        errand = config.get("company_errand") or {}
        self.errand_verbs = frozenset(errand.get("verbs", ()))
        self.errand_work_nouns = frozenset(errand.get("work_nouns", ()))
        self.errand_window = int(errand.get("window", 0))
        self.errand_forms = frozenset(errand.get("forms", ()))
        # ты-possessive lemma -> its Вы-form («твой» -> «ваш»)
        self.polite_possessive = dict(config.get("polite_possessive", {}))
        self.subject_pronouns = dict(config.get("subject_pronouns", {}))  # feature -> the pronoun
        self.policy = config.get("policy", "always-formal")
        # words after which a name is an address («Уважаемый Олег», "Dear Marco"),
        # with the gender they show (or none)
        self.address_words = dict(config.get("address_words", {}))
        # address words that are also ordinary nouns ("Saturday morning", "this evening"): they cue a name only
        # where they open a sentence ("Morning Sam!") or follow one of their words ("Good morning Sam")
        self.address_nouns = {word: frozenset(before) for word, before in (config.get("address_nouns") or {}).items()}
        # words that join a role's head noun to its complement before «, Name,» ("our head of ski school, Anna,")
        self.apposition_links = frozenset(config.get("apposition_links", ()))
        # an opening with one of these lemmas is the head of an apposition, not an
        # opening before a vocative ("Our manager, Louise, will call", «Наш мастер, Олег, …»)
        self.apposition_determiners = frozenset(config.get("apposition_determiners", ()))
        # a word right before «, Name» read as one of these (part of speech and morphological features) heads
        # an apposition: «Ключи передаст хозяйка, Галина Петровна, …» (no article to mark it, as "the" does)
        head = config.get("apposition_head") or {}
        self.apposition_head_pos = frozenset(head.get("pos", ()))
        self.apposition_head_features = frozenset(head.get("features", ()))
        # address words that show the reader's gender without a name ("sir", «сударыня»)
        self.gendered_address = dict(config.get("gendered_address", {}))
        # the customer registers in which one who signed with a title and a
        # given name ("Mr. Anil Mehta") is still owed title and surname
        self.titled_first_name = frozenset(config.get("titled_first_name", ()))
        self.title_joiners = frozenset(config.get("title_joiners", ()))  # "Mr. and Mrs.": a couple
        # lowercase words inside a company named in capitalised words after a signer ("Jo, Bank of Scotland")
        self.company_name_joiners = frozenset(config.get("company_name_joiners", ()))
        # a name after a comma inside a sentence is a vocative after a word of these parts of speech or these
        # words ("… to you, Rob, and …"), not after a noun ("our walker, Aaron, …")
        in_clause = config.get("vocative_in_clause") or {}
        self.vocative_in_clause_pos = frozenset(in_clause.get("pos", ()))
        self.vocative_in_clause_words = frozenset(in_clause.get("words", ()))
        self.post_nominals = frozenset(config.get("post_nominals", ()))  # "DipPFS", "Jr" after a name: no surname
        self.given_name_titles = frozenset(config.get("given_name_titles", ()))  # "Sir Richard"
        self.rank_titles = frozenset(config.get("rank_titles", ()))  # "Dr", "Prof": not to be replaced by "Mr"
        # a title -> the titles it presumes on ("Mrs." to a customer who signed "Ms.")
        self.presumed_titles = {title: frozenset(over) for title, over in config.get("presumed_titles", {}).items()}
        self.intro = [tuple(phrase) for phrase in config.get("intro", ())]
        self._intro_by_last: dict[str, list[tuple[str, ...]]] = {}  # an intro phrase by its last word
        self.intro_not_names = frozenset(config.get("intro_not_names", ()))  # "I am French": no name
        for phrase in self.intro:
            self._intro_by_last.setdefault(phrase[-1], []).append(phrase)
        self.names_from_dictionary = config.get("names_from", "position") == "dictionary"
        self.quotes = dict(config.get("quotes", {}))  # opening -> closing mark
        self._quote_marks = QuoteMarks(self.quotes)
        # the characters that end a sentence, for names read without sentence splitting
        self.sentence_ends = frozenset(t[-1] for t in config.get("terminals", (".", "!", "?")))
        self._hashes: dict[frozenset[str], frozenset[int]] = {}  # LOWER/ORTH hashes of word sets

    def analyze(self, lower: str) -> tuple[str, str, str]:
        """The annotator's analysis of a word form, cached."""
        return _cached(self._analysis, lower, 100_000, lambda: self._analyze(lower))

    def new(self) -> Profile:
        return Profile(self.lang, weights=self.weights, formal_at=self.formal_at, informal_at=self.informal_at,
                       plural_when_informal=self.plural_when_informal)

    # -- evidence from word classes ---------------------------------------
    def word_evidence(self, doc, classes: list[frozenset[str]], to_source) -> list[Evidence]:
        """Evidence of the words of one piece. `to_source(start_char, end_char)`
        maps a piece span to (start, end, text) in the original message."""
        evidence: list[Evidence] = []
        quoted = None
        taken: set[int] = set()  # a verb already in its «ты …» span
        to_group = None  # does the piece address a group («ребята»)?
        v_seen = 0
        # (words read off the LOWER and ORTH columns: no Token built per classed word)
        strings, (lowers, orths) = doc.vocab.strings, columns(doc, (LOWER, ORTH))
        for i in compress(range(len(classes)), classes):  # (the words of no class skipped in C)
            cls = classes[i]
            lower = strings[lowers[i]]
            if "writer" in cls and i + 1 < len(doc):
                gender = self._self_reference(doc, i, classes)
                if gender:
                    evidence.append(self._evidence(f"writer.{gender}", doc, i, i + 1, to_source))
            if "emoji" in cls:  # its rewrite: remove it
                evidence.append(self._evidence("emoji", doc, i, i + 1, to_source, suggestions=("",)))
            for feature in ("tv.T", "tv.V"):
                if feature not in cls and not (f"{feature}-clause-initial" in cls and self._opens_clause(doc, i)
                                               and any(feature in c for c in classes)):
                    continue  # a less likely reading counts where the piece already has the form
                if _after_hyphen(doc, i):
                    continue
                if feature == "tv.V":
                    v_seen += 1
                    if v_seen > MAX_V_EVIDENCE:
                        continue  # «Вы» is no finding: a profile needs its presence, not every one
                if quoted is None:
                    quoted = self.quoted_tokens(doc) | self._idiom_tokens(doc)
                if i in quoted:
                    continue  # quoted, or a set phrase that addresses no one («семь раз отмерь»)
                if i in taken or (i > 0 and strings[lowers[i - 1]] in self.not_after.get(lower, ())) or \
                        (i + 1 < len(doc) and strings[lowers[i + 1]] in self.not_before.get(lower, ())):
                    continue
                if feature == "tv.T" and self._conditional_imperative(doc, i):
                    continue
                if feature == "tv.T" and self.names_not_tv and self._name_not_verb(doc, i):
                    continue  # «с Бусей»: a pet's or person's name in the instrumental, not "бусей!"
                if feature == "tv.T" and "tv.T-or-genitive" in cls and i > 0 and self._genitive_head(strings[lowers[i - 1]]):
                    continue  # «анализ мочи», «ручной клади»: a noun's genitive, not an imperative
                if feature == "tv.T" and i > 0 and self._loan_noun_after_adjective(doc, i):
                    continue  # «Открытое кимчи хранится»: an indeclinable noun, not "кимчи!"
                if feature == "tv.V":
                    if to_group is None:
                        to_group = self._holds_any(doc, self.group_words)
                    if to_group or self._to_group_or_company(doc, i):
                        evidence.append(self._evidence("tv.V-group", doc, i, i + 1, to_source))
                        continue
                    if self._company_errand(doc, i):
                        evidence.append(self._evidence("tv.V-errand", doc, i, i + 1, to_source))
                        continue
                span_start, span_end, gender = i, i + 1, None
                if feature == "tv.T" and lower == self.subject_pronouns.get("tv.T"):
                    span_end, gender = self._agreeing(doc, i, classes)
                    taken.update(range(i, span_end))
                    if span_end > i + 1:
                        for k, shared_gender in self._shared_subject(doc, span_end):
                            if k not in taken:
                                taken.add(k)
                                evidence.append(self._evidence("tv.T", doc, k, k + 1, to_source, gender=shared_gender))
                if feature == "tv.T":
                    # «о тебе» → «о Вас»: the preposition decides the case; «можешь сам»
                    # → «можете сами»: a word after it agrees too
                    if i > 0 and strings[lowers[i - 1]] in self.prepositional.get("after", ()):
                        span_start = i - 1
                    if span_end < len(doc) and strings[lowers[span_end]] in self.polite_agreeing:
                        span_end += 1
                elif feature == "tv.V" and lower == self.subject_pronouns.get("tv.V"):
                    slip_end, slip_gender = self._agreeing(doc, i, classes, short_forms=True)
                    if slip_end > i + 1 and slip_gender is not None:
                        # «Вы уверен»: polite «Вы» to one person takes the plural
                        evidence.append(self._evidence("tv.V-slip", doc, i, slip_end, to_source, gender=slip_gender))
                    else:
                        # «Вы первая, кто заметил»: a full adjective agrees with the one person in gender
                        span_end, gender = self._agreeing_adjective(doc, i)
                evidence.append(self._evidence(feature, doc, span_start, span_end, to_source, gender=gender))
                if feature == "tv.V" and strings[orths[i]][:1].isupper() and not self._starts_sentence(doc, i):
                    evidence.append(self._evidence("tv.V-polite", doc, i, i + 1, to_source))
        if self.reader_clause_openers and any(e.feature == "tv.T" for e in evidence):
            evidence.extend(self._reader_clauses(doc, {e.start for e in evidence}, to_source))
        return evidence

    def plural_writer_evidence(self, doc, classes: list[frozenset[str]], to_source) -> list[Evidence]:
        """`writer.plural` once a piece where the writer speaks for several («мы», «нас трое», «наш сын», or a
        verb in the 1st person plural: «если опоздаем на полчаса, пустят?»): what the profile needs is its
        presence."""
        if self._holds_any(doc, self.plural_writer_words):
            plural = self._word_hashes(doc, self.plural_writer_words)
            i = next(k for k, h in enumerate(column(doc, LOWER)) if h in plural)
        else:
            i = next((k for k, c in enumerate(classes) if "writer.plural" in c), None)
            if i is None or i in self.quoted_tokens(doc):
                return []
        return [self._evidence("writer.plural", doc, i, i + 1, to_source)]

    def to_plural_writer(self, reply: Profile, customer: Profile | None) -> Profile:
        """The reply's profile read against a customer who writes for several («Хотим взять байдарку, нас
        двое»): a plural «вы»-form («во сколько приедете») addresses them all and chooses no «Вы», unless it is
        the polite capital mid-sentence."""
        if customer is None or "writer.plural" not in customer.features() or "tv.V" not in reply.features():
            return reply
        polite = {e.start for e in reply.evidence if e.feature == "tv.V-polite"}
        return replace(reply, evidence=[replace(e, feature="tv.V-group") if e.feature == "tv.V" and e.start not in polite
                                        else e for e in reply.evidence])

    def _reader_clauses(self, doc, found: set[int], to_source) -> list[Evidence]:
        """In a piece that speaks to the reader with «ты»: a clause opened by one of `reader_clause.openers`
        with no subject of its own, its past verb or short adjective in the singular («— если не очень
        занят, можешь подождать», «Если сегодня занят, курьер привезёт завтра»): the reader is its subject.
        Not the writer's own understanding («если правильно понял»: `reader_clause.not_lemmas`)."""
        out = []
        for j, token in enumerate(doc):
            if token.lower_ not in self.reader_clause_openers or not (
                    self._starts_sentence(doc, j) or j > 0 and doc[j - 1].text in CLAUSE_MARKS):
                continue
            agreeing = None
            for k in range(j + 1, len(doc)):
                if doc[k].is_punct or doc[k].is_space:
                    break
                lemma, pos, morph = self.analyze(doc[k].lower_)
                if pos in ("NOUN", "PRON", "PROPN") and "Case=Nom" in morph:
                    agreeing = None  # the clause has its own subject («если тебе нужна изгородь»)
                    break
                if agreeing is None and k - j <= MAX_ROLE_WORDS and ("Tense=Past" in morph or "Variant=Short" in morph) \
                        and "Number=Sing" in morph and lemma not in self.reader_clause_not_lemmas:
                    agreeing = (k, _gender_of(morph))  # (a neuter one is impersonal: «если не получилось»)
                elif agreeing is None and ("VerbForm=Fin" in morph or "VerbForm=Inf" in morph):
                    break
            if agreeing is not None and agreeing[1] is not None:
                k, gender = agreeing
                evidence = self._evidence("tv.T", doc, k, k + 1, to_source, gender=gender)
                if evidence.start not in found:
                    out.append(evidence)
        return out

    def _genitive_head(self, before: str) -> bool:
        """Does the word before a form read as an imperative or a noun's genitive make it the noun: a noun it is
        the attribute of («анализ мочи»), or an adjective agreeing with it in an oblique case («ручной клади», «для
        новой клади»; not «свою клади», an accusative, nor «лучше проверь», a comparative)?"""
        _, pos, morph = self.analyze(before)
        if pos == "NOUN":
            return True
        return pos == "ADJ" and bool(morph) and not self.genitive_head_features.isdisjoint(morph.split("|"))

    def _loan_noun_after_adjective(self, doc, i: int) -> bool:
        """Is the «ты»-form at i a noun the dictionary does not know, which only its ending makes an imperative,
        right after a full adjective («Открытое кимчи хранится», «такое кимчи», «Белое кимчи»): an indeclinable
        loan word the adjective agrees with? A known imperative keeps its reading («новое поставь»)."""
        if not hasattr(self.morphology, "parse"):
            return False
        _, pos, morph = self.analyze(doc[i - 1].lower_)
        if pos != "ADJ" or "Case=" not in morph:
            return False  # (a comparative or a short form is no attribute: «лучше проверь»)
        parses = self.morphology.parse(doc[i].lower_)
        return bool(parses) and not parses[0].is_known and any(p.tag.POS == "NOUN" for p in parses)

    def _name_not_verb(self, doc, i: int) -> bool:
        """Is the ты-form at i a name: capitalised right after a word inside a sentence («поиграли с
        Бусей»), or after a preposition, which no verb follows («с бусей»)? Not «ты»/«твой» themselves."""
        token = doc[i]
        if i == 0 or self.analyze(token.lower_)[0] in self.subject_pronouns.values() \
                or self.analyze(token.lower_)[0] in self.polite_possessive:
            return False
        before = doc[i - 1]
        if self.analyze(before.lower_)[1] == "ADP":
            return True
        return before.is_alpha and _capitalised_word(token) and not self._starts_sentence(doc, i)

    def _conditional_imperative(self, doc, i: int) -> bool:
        """Is doc[i] an imperative in its conditional use, a subject of its own
        right after it and «бы» later in the sentence («Обнови Вы масло вовремя —
        пятен бы не было», «Знай я заранее, я бы…»), or a subject that no «ты» can
        have, «бы» or not («…, загляни Вы туда хоть раз»): a condition, not an address?"""
        if not self.conditional_subjects or i + 1 >= len(doc) or doc[i + 1].lower_ not in self.conditional_subjects:
            return False
        if "Mood=Imp" not in self.analyze(doc[i].lower_)[2]:
            return False
        if doc[i + 1].lower_ in self.conditional_alone:  # «загляни Вы туда хоть раз»: «Вы» is no «ты»'s subject
            return True
        for token in doc[i + 2 :]:
            if token.lower_ in self.conditional_markers:
                return True
            if token.lower_ in self.conditional_ends:
                return False
        return False

    def addressee_evidence(self, doc, to_source) -> list[Evidence]:
        """«Хорошо, что заранее предупредил», «Спасибо, что написала»: thanks
        or praise for what the reader did; a singular past verb right after it
        (no subject of its own between) is the reader's: «ты», with its gender."""
        if not self._holds_any(doc, self._addressee_openers):
            return []
        out = []
        quoted = None
        # (only where a phrase's first word stands: most messages hold «спасибо», few the clause)
        for i in positions_in(column(doc, LOWER), self._word_hashes(doc, self._addressee_openers)):
            for phrase in self.addressee_clauses:
                k = self._phrase_end(doc, i, phrase)
                if k is None or self._praise_of_subject(doc, i):
                    continue
                for j in range(k, min(len(doc), k + 3)):
                    _, pos, morph = self.analyze(doc[j].lower_)
                    if doc[j].is_punct or pos in ("NOUN", "PRON", "PROPN") and "Case=Nom" in morph:
                        break  # the clause has its own subject («что заказ пришёл», «что вы написали»)
                    if "Tense=Past" in morph and "Number=Sing" in morph:
                        quoted = self.quoted_tokens(doc) if quoted is None else quoted
                        # (a neuter past is impersonal: «хорошо, что получилось»)
                        if j not in quoted and _gender_of(morph):
                            out.append(self._evidence("tv.T", doc, j, j + 1, to_source, gender=_gender_of(morph)))
                        break
        return out

    def _praise_of_subject(self, doc, i: int) -> bool:
        """Does the clause before the praise word at i have a subject of its own that is not the reader: a
        noun, name or 1st/3rd person pronoun in the nominative («мастер поступил правильно, что проверил
        насос», «он сделал хорошо, что позвонил»)? The clause after is about that subject, not the reader
        («Правильно, что позвонил», «Ты правильно сделал, что позвонил» still praise the reader)."""
        for k in range(i - 1, -1, -1):
            token = doc[k]
            if token.text in CLAUSE_MARKS or token.text in self.sentence_ends:
                return False
            if token.is_alpha:
                _, pos, morph = self.analyze(token.lower_)
                if pos in ("NOUN", "PROPN", "PRON") and "Case=Nom" in morph and "Person=2" not in morph:
                    return True
            if self._starts_sentence(doc, k):
                return False
        return False

    @staticmethod
    def _phrase_end(doc, i: int, phrase: tuple[str, ...]) -> int | None:
        """Where a phrase starting at token i ends, commas between its words skipped."""
        k = i
        for n, word in enumerate(phrase):
            while n and k < len(doc) and doc[k].text == ",":
                k += 1
            if k >= len(doc) or doc[k].lower_ != word:
                return None
            k += 1
        return k

    def _idiom_tokens(self, doc) -> set[int]:
        """Tokens of the set phrases whose 2nd person addresses no one
        («ничего не скажешь», «семь раз отмерь», «как ни крути»)."""
        if not self.idioms and not self.generic_after:
            return set()
        lowers = column(doc, LOWER)
        if self._idiom_hashes is None:
            # first word's hash -> each of its phrases as hashes: compared with the LOWER column, no Token built
            self._idiom_hashes = {get_string_id(first): [tuple(map(get_string_id, phrase)) for phrase in phrases]
                                  for first, phrases in self.idioms.items()}
        out: set[int] = set()
        for i in positions_in(lowers, self._idiom_hashes.keys()):
            for phrase in self._idiom_hashes[lowers[i]]:
                if tuple(lowers[i : i + len(phrase)]) == phrase:
                    out.update(range(i, i + len(phrase)))
        if self.generic_negation:
            for i in positions_in(lowers, self._word_hashes(doc, self.generic_negation)):
                if self._generic_second_person(doc, i):
                    out.add(i + 1)
        if self.generic_after:
            for i in positions_in(lowers, self._word_hashes(doc, frozenset(self.generic_after))):
                for phrase in self.generic_after[doc[i].lower_]:
                    if tuple(t.lower_ for t in doc[i : i + len(phrase)]) == phrase:
                        out.update(self._generic_after(doc, i + len(phrase)))
        return out

    def _generic_after(self, doc, k: int) -> set[int]:
        """The 2nd person singular verbs (of the `generic_second_person` readings) from token k to the end of its
        sentence, after a phrase telling what happens to anyone («бывает, что цифры читаешь, а галочки — нет»);
        none where «ты» is among them («бывает, что ты торопишься»: the reader)."""
        pronoun = self.subject_pronouns.get("tv.T")
        found: set[int] = set()
        for j in range(k, len(doc)):
            if j > k and (doc[j].text in self.sentence_ends or self._starts_sentence(doc, j)):
                break
            if doc[j].lower_ == pronoun:
                return set()
            if self.generic_verb_features <= set(self.analyze(doc[j].lower_)[2].split("|")):
                found.add(j)
        return found

    def _generic_second_person(self, doc, i: int) -> bool:
        """Is the word after the negation at i a generic «ты» that addresses no one: a 2nd person singular
        of the `generic_second_person` readings after a comparative or the emphatic particle («дешевле не
        найдёшь», «лучше и не придумаешь», «сразу и не разберёшь»), with no «ты» before it in its clause?"""
        if i < 1 or i + 1 >= len(doc):
            return False
        if not self.generic_verb_features <= set(self.analyze(doc[i + 1].lower_)[2].split("|")):
            return False
        k = i - 1
        if doc[k].lower_ not in self.generic_emphatic and \
                not self.generic_before_features <= set(self.analyze(doc[k].lower_)[2].split("|")):
            return False
        pronoun = self.subject_pronouns.get("tv.T")
        for j in range(k, -1, -1):
            if doc[j].lower_ == pronoun:
                return False  # «ты и не заметишь»: the reader
            if doc[j].text in CLAUSE_MARKS or doc[j].text in self.sentence_ends or self._starts_sentence(doc, j):
                break
        return True

    def _evidence(self, feature, doc, first: int, last: int, to_source, *, gender=None, suggestions=()) -> Evidence:
        """Evidence of the tokens doc[first:last] (their characters read off the IDX and LENGTH columns: no Span)."""
        idx, length = columns(doc, (IDX, LENGTH))
        start, end, text = to_source(idx[first], idx[last - 1] + length[last - 1])
        return Evidence(feature, start, end, text, tuple(suggestions), f"{self.lang}.register.words", gender)

    def _self_reference(self, doc, i: int, classes) -> str | None:
        """«я заказывал», «я ведь отключала»: the gender of the writer's own past verb."""
        for j in range(i + 1, min(len(doc), i + 4)):
            if doc[j].is_punct:
                return None
            morph = self.analyze(doc[j].lower_)[2]
            if "Tense=Past" in morph and "Number=Sing" in morph:
                return "masc" if "Gender=Masc" in morph else "femn" if "Gender=Fem" in morph else None
        return None

    def _to_group_or_company(self, doc, i: int) -> bool:
        """«вы все», «вы оба», «ваш отель»: plural to a group or company."""
        following = _next_word(doc, i)
        if following is not None and following in self.group_after_you:
            return True
        return self._possessive_before(doc, i, self.institution_nouns, following)

    def _possessive_before(self, doc, i: int, nouns: frozenset[str], following=_UNREAD) -> bool:
        """Is doc[i] «ваш» in any form, the next word (past punctuation; `following` if read already) one of
        `nouns` by lemma?"""
        if self.analyze(doc.vocab.strings[column(doc, LOWER)[i]])[0] not in self.polite_possessive.values():
            return False
        if following is _UNREAD:
            following = _next_word(doc, i)
        return following is not None and self.analyze(following)[0] in nouns

    def _company_errand(self, doc, i: int) -> bool:
        """A lowercase «у вас» / «вам» beside an errand with the company («купил у
        вас катушку», «отдавал вам байк») or «ваш» before the company's work or
        staff («после вашего ремонта»): the company, if a customer wrote it."""
        orths, lowers = columns(doc, (ORTH, LOWER))
        if orths[i] != lowers[i]:
            return False  # «Вас», «Ваш»: the polite capital addresses a person
        if self._possessive_before(doc, i, self.errand_work_nouns):
            return True
        if doc.vocab.strings[lowers[i]] not in self.errand_forms:
            return False
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(doc) and abs(j - i) <= self.errand_window and not doc[j].is_punct:
                if self.analyze(doc[j].lower_)[0] in self.errand_verbs:
                    return True
                j += step
        return False

    def _short_singular(self, doc, j: int) -> str | None:
        """The gender of a singular short form a word may be though it reads
        first as something else («Вы совершенно прав:» — «прав» is first the
        genitive of «право»): a reading at least `slip_short_form_score` likely,
        where the word ends its clause."""
        if self.slip_short_form_score is None or (j + 1 < len(doc) and not doc[j + 1].is_punct):
            return None
        for parse in self.morphology.parse(doc[j].lower_)[1:]:
            tag = parse.tag
            if parse.score >= self.slip_short_form_score and tag.POS in ("ADJS", "PRTS") and tag.number == "sing":
                return _gender(parse)
        return None

    def _agreeing(self, doc, i: int, classes, short_forms: bool = False) -> tuple[int, str | None]:
        """A «ты» subject and the verb or short adjective agreeing with it
        («ты сможешь», «ты когда-нибудь слышал», «ты мне не сказала», «ты
        уверена»), rewritten together: the span end and the gender the
        agreeing word shows. Adverbs, particles, objects and a parenthetical
        between commas («ты их, наверное, оставил») may stand between them;
        other punctuation or another finite verb ends the search."""
        j, end = i + 1, min(len(doc), i + 7)
        while j < end:
            skip = self._parenthetical(doc, j)
            if skip:  # «ты их, наверное, оставил»: a parenthetical word between commas
                j, end = j + skip, min(len(doc), end + skip)
                continue
            token = doc[j]
            if token.is_punct and token.text != "-" or token.is_space:
                break
            if "tv.T" in classes[j]:
                return j + 1, None
            lemma, pos, morph = self.analyze(token.lower_)
            if ("Tense=Past" in morph or "Variant=Short" in morph) and "Number=Sing" in morph:
                return j + 1, _gender_of(morph)
            if short_forms and pos in ("NOUN", "PROPN"):
                gender = self._short_singular(doc, j)
                if gender is not None:
                    return j + 1, gender
            if "VerbForm=Fin" in morph and not _after_hyphen(doc, j):
                break  # another finite verb: the clause has its own
            j += 1
        return i + 1, None

    def _agreeing_adjective(self, doc, i: int) -> tuple[int, str | None]:
        """«Вы первая, кто…», «Вы единственный из…»: a full adjective in the
        nominative singular after «Вы», ending its phrase, shows the reader's
        gender (a noun after it would be what it agrees with: «Вы первый раз»).
        The span end and the gender, or (i + 1, None)."""
        for j in range(i + 1, min(len(doc) - 1, i + 3)):
            _, pos, morph = self.analyze(doc[j].lower_)
            if pos in ("ADV", "PART"):
                continue  # «Вы точно первая»
            if pos == "ADJ" and "Case=Nom" in morph and "Number=Sing" in morph and "Variant=Short" not in morph \
                    and (doc[j + 1].is_punct or doc[j + 1].lower_ in self.after_agreeing_adjective):
                gender = _gender_of(morph)
                if gender is not None:
                    return j + 1, gender
            break
        return i + 1, None

    def _parenthetical(self, doc, j: int) -> int:
        """How many tokens a parenthetical between commas takes at j («,
        наверное,», «, может быть,»); 0 if none starts there."""
        if doc[j].text != ",":
            return 0
        for words in self.parentheticals:
            k = j + 1 + len(words)
            if k < len(doc) and doc[k].text == "," and tuple(t.lower_ for t in doc[j + 1 : k]) == words:
                return k - j + 1
        return 0

    def _shared_subject(self, doc, after: int) -> list[tuple[int, str]]:
        """«Ты их оставил, когда сдавал весло»: a clause opened by a conjunction
        with no subject of its own shares the «ты» subject; its past verbs
        (index, gender) up to the end of the sentence."""
        out = []
        j = after
        while j < len(doc) and doc[j].text not in self.sentence_ends:
            if doc[j].lower_ in self.subject_sharing:
                for k in range(j + 1, min(len(doc), j + 4)):
                    if doc[k].is_punct:
                        break
                    _, pos, morph = self.analyze(doc[k].lower_)
                    if pos in ("NOUN", "PRON", "PROPN") and "Case=Nom" in morph:
                        break  # the clause has its own subject
                    if "Tense=Past" in morph and "Number=Sing" in morph:
                        if _gender_of(morph):  # (a neuter past is impersonal: «и ничего не произошло»)
                            out.append((k, _gender_of(morph)))
                        break
            j += 1
        return out

    # -- names -------------------------------------------------------------
    def people(self, doc, classes, greeting_tokens: set[int], to_source, text: str) -> list[tuple[Person, set[str]]]:
        """Names in a piece with where they stand: `addressed` (after a
        greeting or address word, or a vocative «Олег, …»), `intro` («Меня
        зовут …», "My name is …"), `signature` (a name line near the end).
        Russian names come from pymorphy3's Name/Patr/Surn tags; English ones
        from capitalised words in those places (there is no name dictionary)."""
        out: list[tuple[Person, set[str]]] = self._gendered_addresses(doc, to_source)
        # only words that can start a name are looked at: Russian given names
        # (a word class); English capitalised words where a name can stand
        # (after a greeting, title or introduction, at a line start, near the end)
        if self.names_from_dictionary:
            # (IS_TITLE read as one column: a Token built per word cost more than the test)
            initials = _INITIAL_IN_TEXT.search(text) is not None
            # (a title's last token is a title or what follows a hyphen in one: «Д-р» is «Д», «-», «р»; a doc with
            # none of them has no title to read before each capitalised word)
            titled = not self._title_ends(doc).isdisjoint(column(doc, LOWER))
            candidates = [i for i, (cls, title) in enumerate(zip(classes, column(doc, IS_TITLE))) if "name.given" in cls
                          or "name.given-reading" in cls and self._in_name_place(doc, classes, i, greeting_tokens)
                          or title and titled and self._title_before(doc, i) is not None  # «Д-р Хасанов»
                          or initials and i > 0 and _INITIAL.match(doc[i - 1].text) and _capitalised_word(doc[i])]  # «Л. М. Шеховцова»
        else:
            candidates = self._english_candidates(doc, text, greeting_tokens)
        if not candidates:
            return out
        # (where names are read by their place, a line that goes on into another sentence signs nothing: its first
        # capitalised words are no name)
        lines = _LineFinder(doc, text, roles=self.names_from_dictionary, sentences=not self.names_from_dictionary,
                            joiners=self.title_joiners, degrees=self.degrees,
                            wish=self._closing_wish if self.closing_wishes or self.wish_before_gerund else None,
                            postscripts=self.postscripts)
        quoted = self.quoted_tokens(doc)
        done = 0
        signed_end = None  # where the last signature name ends: «Илья и Катя» sign together
        addressed_end = None  # where the last addressed English name ends: "Hi Gwen and Idris" addresses both
        role_line = None  # the line of a signature name a role follows: "Priya Nair, Private Client Team, …"
        for i in candidates:
            if i < done or i in quoted:
                continue  # a quoted name is someone's words («"Hey Google, …"»), not an address
            if role_line is not None and lines.line_of(doc[i].idx) == role_line and i > 0 \
                    and doc[i - 1].text in SIGNATURE_ROLE_MARKS:
                continue  # the signer's role or company after the name on its line, not a vocative
            if self.names_from_dictionary:
                found = self._russian_name(doc, classes, i)
            else:
                found = self._english_name(doc, i, greeting_tokens, lines)
            if found is None:
                continue
            first, last, title_token, fields = found
            if last < len(doc) and (self._relative_clause_after(doc, last) or (
                    not self.names_from_dictionary and title_token is None and self._apposition_after(doc, last))):
                done = last
                continue  # a third party, neither addressed nor the writer
            places = set()
            before = _previous_word(doc, title_token if title_token is not None else first)
            if title_token is not None and self._joined_title(doc, title_token):
                before = _previous_word(doc, title_token - 2)  # "Dear Mr. and Mrs. Pritchard"
            if before is not None and (before in greeting_tokens or self._address_cue(doc, before)) \
                    or title_token is not None and self._address_cue(doc, title_token):
                # (the title may be the address word itself: «Уважаемый Игнат, после обновления …» opening
                # the message's second paragraph addresses him, wherever the paragraph stands)
                places.update(("addressed", "cued"))  # (cued: a greeting or address word says so, not the place alone)
            start = first if title_token is None else title_token
            vocative_form = title_token is not None or self._vocative_form(doc[first])
            # a titled name is a signature from its title on ("Dr Naomi Fielding, Admissions Officer")
            signs = lines.is_signature(start, last, self.signoff_words)
            # (read also where the name signs by its place: on the message's only line it is the first line too)
            closing_role = self._closing_role(doc, start, last)
            signs = signs or closing_role
            if vocative_form and self._vocative_after_opener(doc, start, last) \
                    and not signs and not (
                        doc[start - 2].lower_ in self.signoff_words and lines.line_of(doc[start].idx) in lines.last_lines):
                # "Of course, Dorothy.", «Конечно, Олег!»; not a sign-off and name that sign the
                # message («С уважением, Настя, менеджер бюро»)
                places.add("addressed")
            if vocative_form and not signs and self.names_from_dictionary and self._vocative_mid_sentence(doc, classes, start, last):
                places.add("addressed")  # «Продлить можно, Марат, — после Вас яхта свободна»
            if vocative_form and title_token is None and not signs and self._vocative_in_clause(doc, first, last):
                places.add("addressed")  # "… at no cost to you, Rob, and …", "… does not suit, Sinéad."
            if vocative_form and self._starts_sentence(doc, first if title_token is None else title_token) \
                    and last < len(doc) and doc[last].text in (",", "!") \
                    and (lines.is_first_line(first) and not closing_role or not signs):
                places.add("addressed")  # a vocative: «Олег, проверьте…»
            if title_token is None and addressed_end is not None and first == addressed_end + 1 \
                    and not self.names_from_dictionary and doc[addressed_end].lower_ in self.title_joiners:
                places.add("addressed")  # "Hi Gwen and Iris": the second of two names addressed together
            addressed_end = last if "addressed" in places else None
            if title_token is None and not self.names_from_dictionary and self._joined_to_name(doc, last - 1) \
                    and last - first == 1:
                places.add("joins")  # the first of two names joined ("Eleanor and Marcus should both sign")
            if title_token is None and not self.names_from_dictionary and first >= 2 \
                    and doc[first - 1].lower_ in self.title_joiners and _capitalised_word(doc[first - 2]):
                places.add("joined")  # the second of them
            if self._starts_sentence(doc, first if title_token is None else title_token):
                places.add("opens")  # a name that opens a sentence or line, not one inside a sentence
            if self._after_intro(doc, first if title_token is None else title_token) \
                    or last - first > 1 and self._apposed_to_writer(doc, start):
                places.add("intro")
            if signs and last < len(doc) and doc[last].text in SIGNATURE_ROLE_MARKS:
                role_line = lines.line_of(doc[start].idx)
            # (the writer's titled name is found as a full name opening a line: "named" in `finish`)
            if closing_role or lines.is_signature(first, last, self.signoff_words) or (
                    title_token is not None and "addressed" not in places
                    and (self.names_from_dictionary or lines.opens_line(title_token))
                    and lines.is_signature(title_token, last, self.signoff_words)):
                # «С уважением, профессор Сомов», "Regards,\nMr. Graham Tulloch\nFleet Manager, …": the title
                # opens the signature (an English one opens its line: "thanks, Dr. Mia Stone" closing a chat
                # line signs no formal letter)
                places.add("signature")
            elif signed_end is not None and start == signed_end + 1 \
                    and doc[signed_end].lower_ in self.title_joiners and "addressed" not in places:
                # the second name of «Илья и Катя», "Tom and Anna", "Dr. Nkechi Obi and Mr. David Hale" under the message
                places.add("cosigned")
            # (after an introduction too: «Мы, Ольга Сергеевна и Дмитрий Павлович Лаврентьевы, …»)
            signed_end = last if places & {"signature", "cosigned", "intro"} else None
            span = doc[first:last]
            s, e, text = to_source(span.start_char, span.end_char)
            ts = te = None
            if title_token is not None:
                ts, te, _ = to_source(doc[title_token].idx, doc[title_token].idx + len(doc[title_token]))
            out.append((Person(s, e, text, title_start=ts, title_end=te, **fields), places))
            done = last
            if "signature" in places and last + 1 < len(doc) and doc[last].text == "(":
                # "Akela (Steve Burrows)": the name in brackets after a signature is the signer's other name
                names, k = self._name_words(doc, last + 1)
                if names and k < len(doc) and doc[k].text == ")":
                    s, e, text = to_source(doc[last + 1].idx, doc[k - 1].idx + len(doc[k - 1]))
                    alias = {"given": names[0][0], "given_text": names[0][1]}
                    if len(names) > 1:
                        alias["surname"] = names[-1][0]
                    out.append((Person(s, e, text, **alias), {"alias"}))
                    done = k
        return out

    def _closing_role(self, doc, start: int, last: int) -> bool:
        """Does a name that opens a sentence go on, after a comma or a dash, with nothing but the signer's role or
        company to the end of the message: «… Приносим извинения. Ольга, служба проката.», «… Ждём снова!
        Денис, управляющий», «… на четверг? Лена, автошкола «Старт»»? The role opens with a word of the
        `closing_role` readings (a noun or participle in the nominative) or a quoted name, or with any word right
        before a quoted name (the kind of the place the dictionary misreads: «Глеб, роллердром «Колесо»», «Сабина,
        хамам «Султан»»), holds at most `MAX_ROLE_WORDS` words besides the quoted name («студия загара «Солнце
        круглый год»»), none of them a verb or pronoun with a person («Ольга, проверьте почту.»), and
        no sentence end but the last full stop («Ольга, хорошего дня!» addresses the reader)."""
        if not self.closing_role_pos or last + 1 >= len(doc) or doc[last].text not in SIGNATURE_ROLE_MARKS \
                or not (self._starts_sentence(doc, start) or self._after_closing_wish(doc, start, last)):
            return False  # (after a short closing too: «Всего Вам доброго, Марина, администратор клиники»)
        words, opened, titled = 0, False, False
        kind = False  # the role's first word, unread as a role: it must stand right before a quoted name
        closing_quote = None  # inside a quoted name: the mark that closes it
        for k in range(last + 1, len(doc)):
            token = doc[k]
            if token.is_space:
                continue
            if closing_quote is not None:
                if token.text == closing_quote:
                    closing_quote = None
                continue  # the words of a quoted name are the company's, whatever they are
            if kind and token.text not in self.quotes:
                return False
            if token.is_alpha:
                words += 1
                if words > MAX_ROLE_WORDS:
                    return False
                _, pos, morph = self.analyze(token.lower_)
                features = morph.split("|")
                if any(feature in features for feature in self.closing_role_not) or pos in self.closing_role_not_pos:
                    return False
                if titled and not (_capitalised_word(token) or token.lower_ in self.company_name_joiners):
                    return False
                if not opened and not (pos in self.closing_role_pos and (self.closing_role_features <= set(features)
                                                                         or self._nominative_too(token))):
                    # a company named in capitalised words, where names are read by their place ("Anita, Crown
                    # Dry Cleaners": "crown" is a verb too); then every word of it is capitalised
                    if self.names_from_dictionary and not _capitalised_word(token):
                        kind = True  # («роллердром»: read as an instrumental) a quoted name must follow
                    elif self.names_from_dictionary or not _capitalised_word(token) or self._common_word(token):
                        return False
                    else:
                        titled = True
                opened = True
            elif token.text == ".":
                # only the last full stop, or one after an abbreviation that the role goes on from («зав. складом»)
                rest = [t for t in doc[k + 1 :] if not t.is_space]
                if rest and not (rest[0].is_alpha and rest[0].text.islower()):
                    return False
            elif token.text in self.sentence_ends or token.text in ("!", "?", "…", "!!", "?!", ":", ";"):
                return False
            elif token.is_punct or token.like_num or token.text in ("№", "«", "»", "\"", "„", "“"):
                if token.text in self.quotes:
                    opened, kind = True, False  # a company in quotes: «Ольга, «Ромашка»»
                    closing_quote = self.quotes[token.text]
                continue
            else:
                return False
        return opened and not kind

    def _after_closing_wish(self, doc, first: int, last: int) -> bool:
        """A name after a short closing wish and a comma (`closing_wish_words`: «Всего Вам доброго, Марина, …»)."""
        return first >= 2 and ((doc[first - 2].lower_ in self.closing_wish_words
                                or doc[first - 2].lower_ in self.signoff_words or self._wish_opens(doc, first - 2))
                               and self._vocative_after_opener(doc, first, last)
                               or self._opens_last_line(doc, first))

    def _opens_last_line(self, doc, first: int) -> bool:
        """Does the name at token `first` stand on the message's last line, after a comma and at most
        `MAX_ROLE_WORDS` words that open the line, with a quoted company name after it («Ждём тебя, Рома, школа
        паркура «Траектория»», «С любовью к узорам, Сабина, студия мехенди «Хна-арт»»): a closing of any wording,
        where the signer's role follows? (Not «Конечно, Маша, заказ в пути.»: no company named.)"""
        if first < 2 or doc[first - 1].text != "," or "\n" in doc[first:].text.rstrip() \
                or not any(token.text in self.quotes for token in doc[first:]):
            return False
        words = 0
        for j in range(first - 2, -1, -1):
            if not doc[j].is_alpha:
                return False
            words += 1
            if words > MAX_ROLE_WORDS:
                return False
            if j == 0 or "\n" in doc[j - 1].whitespace_ or doc[j - 1].is_space and "\n" in doc[j - 1].text:
                return True
        return False

    def _wish_opens(self, doc, k: int) -> bool:
        """Does the sentence that reaches token k open, at most `MAX_OPENER_WORDS` words before, with a closing
        wish's first word (`closing_wish_opener`: «Приятного аппетита», «Удачной поездки», «До встречи на
        паркете»)?"""
        if not (self.wish_opener_words or self.wish_opener_pos):
            return False
        for j in range(k, max(k - MAX_OPENER_WORDS, -1), -1):
            if not doc[j].is_alpha:
                return False
            if self._starts_sentence(doc, j):
                lower = doc[j].lower_
                if lower in self.wish_opener_words:
                    return True
                _, pos, morph = self.analyze(lower)
                return pos in self.wish_opener_pos and self.wish_opener_features <= set(morph.split("|"))
        return False

    def _nominative_too(self, token) -> bool:
        """Has the word a reading with the `closing_role` features besides its first one: «магазин», «салон»,
        «кабинет» read first as accusatives (the same form as the nominative)?"""
        return bool(self.vocative_cases) and any(self.closing_role_features <= set(ru_morph_features(p.tag).split("|"))
                                                 for p in self.morphology.parse(token.lower_)[:8])

    def _vocative_form(self, token) -> bool:
        """Can this name word address someone: a reading in one of `vocative_cases`
        (the nominative, or «Маш», «Саш»)? «ул. Марата, 18», «Ирине, нашему мастеру,»
        are other cases: a street, a third party."""
        if not self.vocative_cases:
            return True
        return any(case in ru_morph_features(p.tag).split("|")
                   for p in self.morphology.parse(token.lower_)[:8] for case in self.vocative_cases)

    def _address_cue(self, doc, k: int) -> bool:
        """Is token k an address word a name after it is addressed by ("Dear Marco", "Hi Sam")? One of the
        `address_nouns` only where it opens a sentence or follows one of its words ("Morning Sam", "Good
        morning Sam"; not "the Saturday morning Snowflakes group")."""
        lower = doc[k].lower_
        if lower not in self.address_words:
            return False
        before = self.address_nouns.get(lower)
        if before is None or self._starts_sentence(doc, k):
            return True
        return k > 0 and doc[k - 1].lower_ in before

    def _in_name_place(self, doc, classes, i: int, greeting_tokens: set[int]) -> bool:
        """Does a capitalised word that is a name only in a less likely reading
        («Вера»: faith) stand where a name does: before a patronymic («Вера
        Николаевна»), after a greeting or address word («Здравствуйте, Вера!»),
        opening a sentence before a comma and a greeting («Вера, добрый день!»),
        or alone on the last line (a signature)?"""
        if not _capitalised_word(doc[i]):
            return False
        if i + 1 < len(doc) and "name.patronymic" in classes[i + 1] and doc[i + 1].text[:1].isupper():
            return True
        before = _previous_word(doc, i)
        if before is not None and (before in greeting_tokens or self._address_cue(doc, before)):
            return True
        if self._starts_sentence(doc, i) and i + 1 < len(doc) and doc[i + 1].text == "," \
                and any(k in greeting_tokens for k in range(i + 2, min(len(doc), i + 5))):
            return True
        # alone on the message's last line, a signature: «…Меняйте.\nГена» («гена»: also "of the gene")
        return self._starts_sentence(doc, i) and all(t.is_space or t.is_punct for t in doc[i + 1 :]) \
            and (i == 0 or "\n" in doc[i - 1].whitespace_ or "\n" in doc[i - 1].text)

    def _vocative_after_opener(self, doc, first: int, last: int) -> bool:
        """A name after a short sentence opening and a comma, closing its clause:
        "Of course, Dorothy.", "Thank you, Mark!", «Конечно, Олег.» (at most
        `MAX_OPENER_WORDS` words before the comma, from the sentence start)."""
        if first < 2 or doc[first - 1].text != "," or (last < len(doc) and doc[last].text not in VOCATIVE_ENDS):
            return False
        if self.apposition_head_pos:
            _, pos, morph = self.analyze(doc[first - 2].lower_)
            if pos in self.apposition_head_pos and self.apposition_head_features <= set(morph.split("|")):
                return False  # «хозяйка, Галина Петровна»: a third party named after who they are
        words = 0
        for k in range(first - 2, -1, -1):
            if not doc[k].is_alpha or self.analyze(doc[k].lower_)[0] in self.apposition_determiners:
                return False
            words += 1
            if words > MAX_OPENER_WORDS:
                return False
            if self._starts_sentence(doc, k):
                return True
        return False

    def _vocative_mid_sentence(self, doc, classes, first: int, last: int) -> bool:
        """A name set off by commas inside a sentence, after a word that is no name and before a stop, a
        comma or a dash: «Продлить аренду можно, Марат, — после Вас…», «Бронь готова, Марат.». Not one
        of a list («Олег, Марат и Анна»), nor a name after the person it names («наш механик, Марат,»:
        an animate noun or a possessive in the words before the comma)."""
        if first < 2 or doc[first - 1].text != "," or last >= len(doc) or doc[last].text not in MID_VOCATIVE_ENDS:
            return False
        if doc[last].text == "," and last + 1 < len(doc) and (_capitalised_word(doc[last + 1]) or doc[last + 1].lower_ in self.title_joiners):
            return False  # «Олег, Марат, Анна»
        k = first - 2
        if not doc[k].is_alpha or {"name.given", "name.surname", "name.patronymic"} & classes[k] or _capitalised_word(doc[k]):
            return False  # a list of names, or a capitalised word: a name or a title before it
        for k in range(first - 2, max(-1, first - 2 - MAX_ROLE_WORDS), -1):
            if not doc[k].is_alpha:
                break
            lemma, pos, morph = self.analyze(doc[k].lower_)
            if lemma in self.apposition_determiners or pos in self.apposition_head_pos and \
                    self.apposition_head_features <= set(morph.split("|")):
                return False  # «наш механик, Марат,», «для ребёнка, Руденко Марка,»
        return True

    def _vocative_in_clause(self, doc, first: int, last: int) -> bool:
        """A name between commas inside a sentence, or closing it, after a verb, an adverb or "you" (the
        `vocative_in_clause` readings): "… at no cost to you, Rob, and …", "… if that time does not suit,
        Sinéad, and …". Not after a noun phrase with a determiner ("our walker, Aaron, …": an apposition),
        a capitalised word (a list of names) or another pronoun ("him, Aaron")."""
        if not self.vocative_in_clause_pos or first < 2 or doc[first - 1].text != "," \
                or last >= len(doc) or doc[last].text not in VOCATIVE_ENDS:
            return False
        before = doc[first - 2]
        if not before.is_alpha or not before.text.islower() or self._starts_sentence(doc, first - 2):
            return False
        if before.lower_ in self.vocative_in_clause_words:
            return True  # ("… the slot to you, Peter, …")
        if self.analyze(before.lower_)[1] not in self.vocative_in_clause_pos:
            return False
        for k in range(first - 3, max(-1, first - 5), -1):  # "your walker, Aaron": the head of an apposition
            if not doc[k].is_alpha or self._starts_sentence(doc, k + 1):
                break
            if doc[k].lower_ in self.apposition_determiners:
                return False
        return not self._linked_apposition(doc, first - 2)

    def _linked_apposition(self, doc, end: int) -> bool:
        """Does a role with its complement end at token `end`, before «, Name»: a determiner, the head noun
        and a phrase joined by one of `apposition_links` ("our head of ski school, Anna, …", "the manager of our
        Leeds branch, Tom, …")? The name after it is a third party's. (The annotator may read the nouns as
        verbs out of context, "school", "head": the link and the determiner before the head decide.)"""
        if not self.apposition_links:
            return False
        linked, head_words = False, 0
        for k in range(end, max(-1, end - 2 * MAX_ROLE_WORDS), -1):
            token = doc[k]
            if not (token.is_alpha or token.text in ("'s", "’s")) or (k < end and self._starts_sentence(doc, k + 1)):
                return False
            lower = token.lower_
            if lower in self.apposition_links:
                if k == end:
                    return False  # a sentence ending on "of" names nothing
                linked, head_words = True, 0
            elif lower in self.apposition_determiners:
                if linked and head_words:
                    return True
                if linked:
                    return False  # "… of the, Anna"
                # a determiner inside the complement ("of the Leeds branch"): go on to the head
            elif token.is_stop or lower in self.vocative_in_clause_words:
                return False  # "… is ready, Anna", "… to you, Rob": no noun phrase
            elif linked:
                head_words += 1
        return False

    def _list_after(self, doc, comma: int) -> bool:
        """"Blocks, straps and bolsters are provided": one lowercase word after the comma and then "and",
        "or" or another comma make the capitalised word the first item of a list ("Tom, sorry, …",
        "Anna, yes, …" address the reader: a common word is no item)."""
        k = comma + 1
        if k + 1 < len(doc) and doc[k].is_alpha and doc[k].text.islower() and not self._common_word(doc[k]) \
                and (doc[k + 1].text == "," or doc[k + 1].lower_ in self.title_joiners or doc[k + 1].lower_ == "or"):
            return True
        # items of two or three words ("Wetsuits, buoyancy aids and spray tops are provided", "Helmets, knee pads,
        # and gloves …"): a list where the item after the joiner is bare too ("Alex, good news and a small ask:"
        # goes on to a determiner and addresses Alex)
        j = k
        while j < len(doc) and j - k < MAX_OPENER_WORDS and _bare_word(doc[j]) and not self._common_word(doc[j]):
            j += 1
        if j - k < 2 or j + 1 >= len(doc):
            return False
        if doc[j].text == "," and doc[j + 1].lower_ in self.title_joiners | {"or"}:
            j += 1  # (a serial comma)
        if doc[j].text != "," and doc[j].lower_ not in self.title_joiners and doc[j].lower_ != "or":
            return False
        return j + 1 < len(doc) and _bare_word(doc[j + 1]) and not self._common_word(doc[j + 1])

    def _closing_wish(self, words: tuple[str, ...]) -> bool:
        """Are these words a closing wish: one of the `closing_wishes` phrases ("take care", "all the best")
        or a wish word and a gerund ("happy gardening", "happy practising")?"""
        return words in self.closing_wishes or (
            len(words) == 2 and words[0] in self.wish_before_gerund and "VerbForm=Ger" in self.analyze(words[1])[2])

    def _parts_of_speech(self, lower: str) -> frozenset[str]:
        """Every part of speech a word form can be: the annotator's choice and every other one its
        dictionary knows ("regular": a noun first, an adjective too), where the annotator tells them."""
        def compute():
            found = {self.analyze(lower)[1]}
            if self._more_parts_of_speech is not None:
                found.update(self._more_parts_of_speech(lower))
            return frozenset(found)

        return _cached(self._pos_cache, lower, 50_000, compute)

    def _attributes_after(self, doc, i: int) -> bool:
        """"Crispy, curling edges nearly always …", "Short, regular sessions work best": the capitalised
        word at i, an adjective before a comma, is the first of coordinated attributes (`coordinate_attributes`):
        lowercase adjectives or participles after the comma, their noun, and the sentence going on with a verb
        or adverb. ("Amber, good news:" stops at the noun: the name addresses the reader.)"""
        if not self.attribute_first or doc[i].lower_ in self.known_names \
                or not self._parts_of_speech(doc[i].lower_) & self.attribute_first:
            return False
        k = i + 2
        attributes = 0
        while k < len(doc) and attributes < MAX_OPENER_WORDS and doc[k].is_alpha and doc[k].text.islower():
            _, _, morph = self.analyze(doc[k].lower_)
            if not (self._parts_of_speech(doc[k].lower_) & self.attribute_pos
                    or any(form in morph for form in self.attribute_forms)):
                break
            attributes += 1
            k += 1
        if not attributes or k + 1 >= len(doc):
            return False
        head, goes_on = doc[k], doc[k + 1]
        return head.is_alpha and head.text.islower() and bool(self._parts_of_speech(head.lower_) & self.attribute_head) \
            and goes_on.is_alpha and goes_on.text.islower() \
            and bool(self._parts_of_speech(goes_on.lower_) & self.attribute_predicate)

    def _apposition_after(self, doc, comma: int) -> bool:
        """"Henrik, our senior watchmaker, will …": a short noun phrase with a determiner between commas
        after the name says who they are: a third party. ("Kasia, the next inspection is booked …" goes
        on to a verb: the name addresses the reader.)"""
        if doc[comma].text != "," or comma + 2 >= len(doc) or doc[comma + 1].lower_ not in self.apposition_determiners:
            return False
        for k in range(comma + 2, min(len(doc), comma + 7)):
            if doc[k].text == ",":
                return True
            if not doc[k].is_alpha or self.analyze(doc[k].lower_)[1] == "AUX":
                return False
        return False

    def _relative_clause_after(self, doc, comma: int) -> bool:
        """"Dr. Kaur, who saw Rufus, …", «Ольга, которая вела занятие, …»: a
        relative clause after the comma makes the name a third party's."""
        if doc[comma].text != "," or comma + 1 >= len(doc) or doc[comma + 1].lower_ not in self.relative_pronouns:
            return False
        # "…, Mario, which option you'd prefer": a determiner before a noun asks an embedded question
        # (or before a word and a personal pronoun: "which colour you like"; the annotator reads "colour" a verb)
        return not (doc[comma + 1].lower_ in self.question_determiners and comma + 2 < len(doc) and (
            self.analyze(doc[comma + 2].lower_)[1] == "NOUN"
            or comma + 3 < len(doc) and "PronType=Prs" in self.analyze(doc[comma + 3].lower_)[2]))

    def _gendered_addresses(self, doc, to_source) -> list[tuple[Person, set[str]]]:
        """"Dear Sir", "Thank you, sir", «сударыня»: a gendered address word
        without a name addresses the reader as that gender. Not in "Sir or
        Madam" (a word of the other gender near it), nor before a name (a
        title: "Sir John"), nor quoted."""
        if not self.gendered_address:
            return []
        hashes = self._word_hashes(doc, frozenset(self.gendered_address))
        lowers = column(doc, LOWER)
        found = positions_in(lowers, hashes)
        if not found:
            return []
        quoted = self.quoted_tokens(doc)
        out = []
        for i in found:
            gender = self.gendered_address[doc[i].lower_]
            near = doc[max(0, i - 3) : i + 4]
            if i in quoted or any(self.gendered_address.get(t.lower_, gender) != gender for t in near):
                continue
            if i + 1 < len(doc) and _capitalised_word(doc[i + 1]) and not self._starts_sentence(doc, i + 1):
                continue
            s, e, text = to_source(doc[i].idx, doc[i].idx + len(doc[i]))
            out.append((Person(s, e, text, title_start=s, title_end=e, title_gender=gender), {"addressed"}))
        return out

    def _english_candidates(self, doc, text: str, greeting_tokens: set[int]) -> list[int]:
        """Capitalised words that may start a name: after a greeting, title or
        introduction, at the start of a line, or among the last words."""
        titles, alphas, lowers, idx, orths = columns(doc, (IS_TITLE, IS_ALPHA, LOWER, IDX, ORTH))
        titled = list(compress(range(len(titles)), titles))  # (the loop in C)
        if not titled:
            return []
        if self._name_cues is None:
            strings = doc.vocab.strings
            cues = set(self.address_words) | set(self.titles) | {f"{t}." for t in self.titles}
            cues |= {phrase[-1] for phrase in self.intro} | self.title_joiners  # "Gwen and Idris"
            self._name_cues = frozenset(strings.add(c) for c in cues)
            self._title_words = frozenset(strings.add(c) for t in self.titles for c in (t, f"{t}."))
        alpha = list(compress(range(len(alphas)), alphas))
        tail = alpha[-4] if len(alpha) >= 4 else 0
        cues, title_words = self._name_cues, self._title_words
        # (the comma and the joiner the two last tests open with, read off the columns: no Token built)
        comma, joiners, n = get_string_id(","), self._word_hashes(doc, self.title_joiners), len(lowers)
        # a title starts a name wherever it stands ("Dear Mr. and Mrs. Pritchard")
        return [i for i in titled
                if i == 0 or i >= tail or lowers[i - 1] in cues or (i - 1) in greeting_tokens or lowers[i] in title_words
                or text[idx[i] - 1 : idx[i]] == "\n" or text[idx[i] - 2 : idx[i]] == ", "
                or i + 2 < n and orths[i + 1] == comma and self._vocative_opening(doc, text, i)
                or i + 2 < n and lowers[i + 1] in joiners and self._joined_to_name(doc, i)]

    def _joined_to_name(self, doc, i: int) -> bool:
        """Is the capitalised word at i the first of two joined ones ("… which Eleanor and Marcus sign")?"""
        return i + 2 < len(doc) and doc[i + 1].lower_ in self.title_joiners and _capitalised_word(doc[i + 2]) \
            and _capitalised_word(doc[i])

    @staticmethod
    def _vocative_opening(doc, text: str, i: int) -> bool:
        """A capitalised word opening a sentence inside a line before a comma: "… is attached. Kasia, the
        next …"; not after an abbreviation's full stop ("Kilrush, Co. Clare, …"), nor before capitalised
        words (a signature and company on one line: "… the party! Sam, Jumping Jacks Soft Play")."""
        if i < 2 or i + 2 >= len(doc) or doc[i + 1].text != "," or text[doc[i].idx - 1 : doc[i].idx] != " " \
                or _capitalised_word(doc[i + 2]):
            return False
        mark = doc[i - 1].text
        return mark in ("!", "?") or mark == "." and (doc[i - 2].text.islower() or doc[i - 2].text.isdigit())

    def _common_word(self, token) -> bool:
        """A word that starts sentences and is no name: a stop word, one of
        the language's `not_names` or a sign-off word ("Respectfully,"; English
        has no name dictionary here)."""
        return (token.is_stop or token.lower_ in self.not_names or token.lower_ in self.signoff_words
                or bool(self.not_name_pos) and self.analyze(token.lower_)[1] in self.not_name_pos
                or self._names_a_state(token.lower_)) \
            and token.lower_ not in self.known_names

    def _names_a_state(self, lower: str) -> bool:
        """Is the word a participle or adjective the dictionary knows as nothing else, shaped as `not_name_states`
        says ("Unopened", "Refrigerated"; not "Alfred", which it does not know, nor "Frank")?"""
        if not self.state_endings or len(lower) < self.state_min_length or not lower.endswith(self.state_endings) \
                or self._more_parts_of_speech is None:
            return False
        known = self._more_parts_of_speech(lower)
        return bool(known) and set(known) <= self.state_parts_of_speech

    # -- token columns -------------------------------------------------------
    def _word_hashes(self, doc, words: frozenset[str]) -> frozenset[int]:
        found = self._hashes.get(words)
        if found is None:
            strings = doc.vocab.strings
            found = self._hashes[words] = frozenset(strings.add(w) for w in words)
        return found

    def _holds_any(self, doc, words: frozenset[str]) -> bool:
        """Does the doc hold one of these (lowercase) words? Read off the LOWER column."""
        return bool(words) and not self._word_hashes(doc, words).isdisjoint(column(doc, LOWER))

    def quoted_tokens(self, doc) -> set[int]:
        """Tokens inside quotes («…», “…”): quoted words are not the writer's own."""
        return self._quote_marks.inside(doc)

    def _opens_clause(self, doc, i: int) -> bool:
        """Does token i open a sentence or a clause after a comma, colon or dash,
        with more of the clause after it? («Удали старые файлы», not «Вой.»)"""
        return (i + 1 < len(doc) and not doc[i + 1].is_punct
                and (self._starts_sentence(doc, i) or doc[i - 1].text in CLAUSE_MARKS))

    def _starts_sentence(self, doc, i: int) -> bool:
        """Does token i start a sentence (after terminal punctuation or a line
        break)? Read off the neighbours, so that names need no sentence splitting."""
        k = i - 1
        while k >= 0 and doc[k].is_space:
            if "\n" in doc[k].text:
                return True
            k -= 1
        if k < 0:
            return True
        previous = doc[k]
        return "\n" in previous.whitespace_ or previous.text[-1:] in self.sentence_ends

    def _apposed_to_writer(self, doc, i: int) -> bool:
        """Does a full name at i stand after a comma in a sentence the writer opens with «Я» and no verb,
        naming themselves by their role first («Я преподаватель школы № 1543, Галина Аркадьевна
        Рябинина»; «Я, Галина Аркадьевна Рябинина, …»)?"""
        words = self.config.get("writer_apposition_words") or self.config.get("writer_words")
        if i < 2 or doc[i - 1].text != "," or not words:
            return False
        for k in range(i - 2, max(-1, i - 2 - MAX_ROLE_WORDS * 3), -1):
            if self._starts_sentence(doc, k):
                return doc[k].lower_ in words
            if doc[k].text in self.sentence_ends or "VerbForm=Fin" in self.analyze(doc[k].lower_)[2]:
                return False
        return False

    def _after_intro(self, doc, i: int) -> bool:
        """Does an introduction («Меня зовут», "my name is") end right before token i?"""
        phrases = self._intro_by_last.get(doc[i - 1].lower_) if i else None
        if not phrases or doc[i].lower_ in self.intro_not_names:
            return False
        return any(i >= len(phrase) and tuple(doc[k].lower_ for k in range(i - len(phrase), i)) == phrase
                   for phrase in phrases)

    def _russian_name(self, doc, classes, i):
        token = doc[i]
        titled = self._title_before(doc, i)
        after_initial = i > 0 and _INITIAL.match(doc[i - 1].text) is not None
        if not ({"name.given", "name.given-reading"} & classes[i] or titled or after_initial) or not token.text[:1].isupper():
            return None
        parse = self._name_parse(token.lower_, "Name")
        fields = {"given": parse.normal_form if parse else token.lower_, "given_text": token.text,
                  "gender": _gender(parse)}
        j = i + 1
        written = None  # the surname as written: its ending shows the gender («Белова»)
        if j < len(doc) and "name.patronymic" in classes[j] and doc[j].text[:1].isupper():
            patr = self._name_parse(doc[j].lower_, "Patr")
            fields["patronymic"] = patr.normal_form if patr else doc[j].lower_
            fields["patronymic_text"] = doc[j].text
            fields["gender"] = fields["gender"] or _gender(patr)
            j += 1
        if j < len(doc) and _capitalised_word(doc[j]) and "name.given" not in classes[j] and not self._starts_sentence(doc, j) \
                and ("name.surname" in classes[j] or fields.get("patronymic")):
            end = _hyphenated_end(doc, j)  # a double surname, «Гольдберг-Алексеева», is one
            fields["surname"] = written = doc[j:end].text.lower()
            j = end
        elif i > 0 and "name.surname" in classes[i - 1] and _capitalised_word(doc[i - 1]):
            fields["surname"] = written = doc[i - 1].lower_
            i -= 1  # «Гусев Артём Игоревич»: the name starts at the surname
        title_token = None
        before = _previous_word(doc, i)
        titled = self._title_before(doc, i)
        if titled is not None and "name.given" in classes[i] and not fields.get("patronymic") and (
                fields.get("surname") or j < len(doc) and _capitalised_word(doc[j]) and not self._starts_sentence(doc, j)):
            # «профессор Андрей Ланской»: a title, a given name and a surname
            title_token, title = titled
            if not fields.get("surname"):
                fields["surname"] = written = doc[j].lower_  # as written: a case ending differs by `surname_endings`
                j += 1
            fields.update(title=title, gender=fields.get("gender") or self.titles[title], title_gender=self.titles[title])
        elif titled is not None:
            # «господин Сантино», «Гн. Сантино», «Д-р Хасанов»: a title and a surname (its
            # dictionary form where the word reads as a surname, else as written)
            title_token, title = titled
            surname = self._name_parse(doc[i].lower_, "Surn") if fields.get("given") is not None else None
            written = doc[i].lower_
            fields.pop("given")
            fields.update(title=title, surname=surname.normal_form if surname else doc[i].lower_,
                          gender=self.titles[title], title_gender=self.titles[title])
            fields.pop("given_text", None)
        elif before is not None and _INITIAL.match(doc[before].text) and fields.get("given") is not None:
            # «Р. Гайнутдинов», «Н. В. Гришина»: after initials the word is a surname
            surname = self._name_parse(doc[i].lower_, "Surn")
            written = doc[i].lower_
            fields.pop("given")
            fields.pop("given_text", None)
            fields["surname"] = surname.normal_form if surname else doc[i].lower_
        elif before is not None and self.address_words.get(doc[before].lower_):
            title_token = before
            fields["title_gender"] = self.address_words[doc[before].lower_]
        if not fields.get("gender") and written is not None:
            fields["gender"] = self._surname_gender(written)  # «Саша Белова»: the surname tells
        return i, j, title_token, fields

    def _surname_gender(self, lower: str) -> str | None:
        """The gender a surname shows in the nominative («Белова»: femn), when all its nominative readings
        agree («Оганесян», «Лаврентьевы»: none)."""
        genders = {_gender(p) for p in self.morphology.parse(lower) if "Surn" in p.tag and p.tag.case == "nomn"}
        return genders.pop() if len(genders) == 1 else None

    def _title_ends(self, doc) -> frozenset[int]:
        """LOWER hashes of the tokens a title can end with (a title, or its part after a hyphen)."""
        if self._title_end_hashes is None:
            strings = doc.vocab.strings
            self._title_end_hashes = frozenset(strings.add(title[at + 1:]) for title in self.titles
                                               for at in [-1, *(k for k, c in enumerate(title) if c == "-")])
        return self._title_end_hashes

    def _title_before(self, doc, i: int) -> tuple[int, str] | None:
        """The title right before token i, and the token it starts at: «господин», «Гн.»,
        «Д-р» (split by the tokenizer into «Д», «-», «р»), «проф.»."""
        k = _previous_word(doc, i)
        if k is not None and doc[k].text == "." and k > 0:
            k -= 1
        if k is None:
            return None
        first = k
        while first >= 2 and doc[first - 1].text == "-" and not doc[first - 2].whitespace_ and not doc[first - 1].whitespace_:
            first -= 2
        word = "".join(t.text for t in doc[first : k + 1]).lower()
        return (first, word) if word in self.titles else None

    def _joined_title(self, doc, i: int) -> bool:
        """Is the title at i the second of two joined ("Mr. and Mrs.", «г-н и г-жа»)?"""
        return i >= 2 and doc[i - 1].lower_ in self.title_joiners and doc[i - 2].lower_.rstrip(".") in self.titles

    def _name_parse(self, lower: str, tag: str):
        """The parse of a name form that carries `tag`, nominative first."""
        parses = [p for p in self.morphology.parse(lower) if tag in p.tag]
        parses.sort(key=lambda p: p.tag.case != "nomn")
        return parses[0] if parses else None

    def _english_name(self, doc, i, greeting_tokens, lines):
        """A title and surname, or capitalised words in a name position."""
        token = doc[i]
        title = token.lower_.rstrip(".")
        if title in self.titles:
            j, title = self._after_titles(doc, i)  # "Lt Col (Retd) R. J. Harcourt-Bligh": the last title counts
            names, j = self._name_words(doc, j, initials=True)  # "Mr. R. Patel": an initial is no given name
            if not names:
                return None
            # "Mr. and Mrs. Pritchard": a couple, no one gender
            gender = None if self._joined_title(doc, i) else self.titles[title]
            fields = {"title": title, "surname": names[-1][0], "gender": gender, "title_gender": gender}
            if len(names) > 1:
                fields.update(given=names[0][0], given_text=names[0][1])
            elif (shared := self._shared_surname(doc, j)) is not None:
                # "Mr. Rui and Mrs. Joana Carvalho": a couple's one surname after the second given name
                fields.update(given=names[0][0], given_text=names[0][1], surname=shared)
            return i + 1, j, i, fields
        if not _capitalised_word(token) or token.lower_ in self.address_words or i in greeting_tokens:
            return None
        before = _previous_word(doc, i)
        cued = before is not None and (before in greeting_tokens or self._address_cue(doc, before))
        if not cued and token.lower_ in self.apposition_determiners:
            return None  # "My Labrador, Major, was …": a determiner starts no name ("Hi An," may)
        if (self._starts_sentence(doc, i) and not cued and self._common_word(token)
                and not (i + 1 < len(doc) and _capitalised_word(doc[i + 1]))):
            return None  # a common word capitalised by its place ("Thanks", "Please") is no name
        names, j = self._name_words(doc, i)
        if not names:
            return None  # a suffix that is no name of its own ("Sr." for Sister, "Jr")
        if not cued and j == i + 1 and token.lower in _written_forms(doc) \
                and not lines.is_signature(i, j, self.signoff_words):
            # a common word the text writes in lowercase too ("Worms, as it turns out, aren't fans of onion skins … the
            # worms climb to get away"), no name
            return None
        in_place = cued or self._after_intro(doc, i) or lines.is_signature(i, j, self.signoff_words) \
            or (not self._common_word(token) and (self._vocative_after_opener(doc, i, j)
                                                   or self._vocative_in_clause(doc, i, j))) \
            or (self._starts_sentence(doc, i) and i + 1 < len(doc) and doc[i + 1].text == "," and not self._common_word(token)
                and not self._list_after(doc, i + 1) and not self._attributes_after(doc, i)) \
            or (i >= 2 and doc[i - 1].lower_ in self.title_joiners and _capitalised_word(doc[i - 2])
                and not self._common_word(token)) \
            or (self._joined_to_name(doc, i) and not self._common_word(token)
                and not self._common_word(doc[i + 2]))  # "Gwen and Idris", "Sam & Jess": either name of two
        if not in_place:
            return None
        fields = {"given": names[0][0], "given_text": names[0][1]}
        if len(names) > 1:
            fields["surname"] = names[-1][0]
        return i, j, None, fields

    def _shared_surname(self, doc, j: int) -> str | None:
        """The surname a couple shares when the first of two titled names has one name word: "Mr. Rui and
        Mrs. Joana Carvalho" (from token j, the joiner). "Dr Obi and Mr Hale" are two surnames."""
        if j + 1 >= len(doc) or doc[j].lower_ not in self.title_joiners or doc[j + 1].lower_.rstrip(".") not in self.titles:
            return None
        k, _ = self._after_titles(doc, j + 1)
        names, _ = self._name_words(doc, k, initials=True)
        return names[-1][0] if len(names) > 1 else None

    def _after_titles(self, doc, i: int) -> tuple[int, str]:
        """Where the name after the title at i starts, past further titles ("Lt Col", "Wg Cdr"), their full
        stops and a short note in brackets ("(Retd)"), and the last of those titles."""
        title = doc[i].lower_.rstrip(".")
        j = i + 1
        while j < len(doc):
            if doc[j].text == "." and not doc[j - 1].whitespace_:
                j += 1
            elif doc[j].lower_.rstrip(".") in self.titles and j + 1 < len(doc) and not doc[j + 1].is_space:
                title = doc[j].lower_.rstrip(".")
                j += 1
            elif doc[j].text == "(" and j + 2 < len(doc) and doc[j + 1].is_alpha and doc[j + 2].text == ")":
                j += 3
            else:
                break
        return j, title

    def _name_words(self, doc, j: int, initials: bool = False) -> tuple[list[tuple[str, str]], int]:
        """The words of a name from token j, (lowercase, as written), and where it ends: at most three
        capitalised words, a hyphenated one counting as one ("Harcourt-Bligh"), initials skipped where
        `initials`; post-nominal letters ("DipPFS", "PhD") and suffixes ("Jr") end it."""
        names = []
        while j < len(doc) and len(names) < 3:
            if initials and _initial(doc[j]):
                j += 1
                continue
            if not _capitalised_word(doc[j]) or doc[j].lower_.rstrip(".") in self.post_nominals:
                break
            end = j + 1
            while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                    and not doc[end].whitespace_ and _capitalised_word(doc[end + 1]):
                end += 2
            text = doc[j:end].text
            names.append((text.lower(), text))
            j = end
        return names, j

    def finish(self, profile: Profile, people: list[tuple[Person, set[str]]], text: str = "") -> Profile:
        """The writer's own name (an introduction, else the last signature
        name that is not addressed) and the names the message addresses; the
        message's chat style (`text`: all lowercase)."""
        # a name keeps its capital in a chat message too («ну чё там с моим сяоми? Дэн»)
        names = {word.lower() for person, _ in people for word in person.text.split()}
        if text and self.chat_word is not None and self._lowercase(text, names):
            profile.evidence.append(Evidence("style.lowercase", 0, 0, ""))
        if profile.things:  # "Buddy covers dental care" after "the Buddy plan"
            profile.evidence, ends = self._split_things(profile.evidence, profile.things)
            people = [(person, places) for person, places in people if not _follows(person, ends)]
        intro = [person for person, places in people if "intro" in places]
        signed = [person for person, places in people if "signature" in places and "addressed" not in places]
        # «Екатерина Андреевна Лебедева, ИП. Не отображаются…»: a full name
        # opening a line that nobody is addressed by is the writer's; a titled
        # name inside a sentence ("with Dr. Lowe") is a third party
        named = [person for person, places in people
                 if "addressed" not in places and "opens" in places and (person.patronymic or person.title)]
        # a signature block puts the name first, then role and company lines
        profile.person = intro[-1] if intro else signed[0] if signed else named[-1] if named else None
        profile.addresses = [person for person, places in people if "addressed" in places and "intro" not in places
                             and (person.given or "") not in self.agent_names]
        if profile.person is not None:
            profile.cosigners = [person for person, places in people if "cosigned" in places]
            profile.aliases = [person for person, places in people if "alias" in places]
            profile.gender = profile.person.gender or profile.person.title_gender
            if any(c.gender and c.gender != profile.gender for c in profile.cosigners):
                profile.gender = None  # a couple signs: either gender may be addressed
            if profile.person.patronymic:
                profile.evidence.append(Evidence("name.patronymic", profile.person.start, profile.person.end,
                                                 profile.person.text))
            if profile.person.given in self.full_of and not profile.person.patronymic and not profile.person.surname:
                # «Лёша», «Гена» under the message: the writer signs with a familiar form of their name
                profile.evidence.append(Evidence("name.diminutive", profile.person.start, profile.person.end,
                                                 profile.person.text))
            if profile.person.title:
                profile.evidence.append(Evidence("name.title", profile.person.start, profile.person.end,
                                                 profile.person.text))
        said = {e.feature.split(".")[1] for e in profile.evidence if e.feature in _WRITER_GENDERS}
        if len(said) == 1:
            profile.gender = said.pop()  # the writer's own verbs outweigh a name of either gender («Женя»)
        return profile

    def _lowercase(self, text: str, names: frozenset[str] | set[str] = frozenset()) -> bool:
        """Is the message written all in lowercase («а где моя посылка??»):
        enough words, none capitalised (an all-caps abbreviation does not count,
        nor a person's name: `names`, lowercase)?"""
        count = 0
        for m in self.chat_word.finditer(text):
            word = m.group()
            if word.lower() in names:
                continue
            if word[0].isupper() and (len(word) == 1 or not word.isupper()) and not any(c.isupper() for c in word[1:]):
                return False  # (an all-caps abbreviation, «ДТП», does not count, nor a mixed-case one, «ДнД»; «А» does)
            count += 1
        return count >= self.chat_min_words

    @staticmethod
    def is_thing(evidence: Evidence, things: set) -> bool:
        """Is this phrase evidence, capitalised, a word the exchange uses as a name?"""
        return evidence.text[:1].isupper() and evidence.text.lower() in things

    def _split_things(self, evidence: list[Evidence], things: set) -> tuple[list[Evidence], set[int]]:
        """The evidence that names no thing, and where the evidence naming one ends."""
        kept, ends = [], set()
        for e in evidence:
            if self.is_thing(e, things):
                ends.add(e.end)
            else:
                kept.append(e)
        return kept, ends

    def without_things(self, profile: Profile, things: set) -> Profile:
        """The profile without evidence that names a thing, nor the names right
        after it ("Mate Pro" is a product, not Pro addressed by "mate")."""
        kept, ends = self._split_things(profile.evidence, things)
        if not ends:
            return profile
        return replace(profile, evidence=kept, addresses=[a for a in profile.addresses if not _follows(a, ends)])

    def names_a_thing(self, doc, start: int, end: int) -> bool:
        """Does the phrase at doc[start:end] name a thing rather than address
        anyone: part of a hyphenated name ("Club-Mate"), or capitalised after a
        lowercase word inside a sentence ("the Buddy plan", "our Buddy Plus")?"""
        if _after_hyphen(doc, start) or (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
                                         and not doc[end].whitespace_):
            return True
        token = doc[start]
        if token.text[:1].isupper() and (start >= 2 and doc[start - 1].text == "&" and _capitalised_word(doc[start - 2])
                                         or end + 1 < len(doc) and doc[end].text == "&" and _capitalised_word(doc[end + 1])):
            return True  # one of two words a "&" joins into a business's name: "Rust & Honey Hair Studio", "Mate & Co"
        if token.text[:1].isupper() and end + 1 < len(doc) and doc[end].text == "." and not doc[end - 1].whitespace_ \
                and doc[end + 1].is_alpha and doc[end + 1].text[:1].isupper() \
                and (end + 2 == len(doc) or "\n" in doc[end + 1].whitespace_ or doc[end + 2].is_space
                     or doc[end + 2].text == ","):
            return True  # an abbreviation heading a title that closes its line: "Hon. Secretary" signs a letter
        if not token.text[:1].isupper() or start == 0 or self._starts_sentence(doc, start):
            return False
        before = doc[start - 1]
        return before.is_alpha and before.text.islower() and not self._address_cue(doc, start - 1) \
            and before.lower_ not in self.signoff_words and not before.whitespace_.count("\n")

    # -- relating the reply to the customer --------------------------------
    def relate(self, reply: Profile, customer: Profile | None) -> list[Evidence]:
        """Evidence of the reply against the customer: addresses by a wrong
        name, a diminutive, a bare first name, a wrong gender."""
        if customer is None:
            return []
        out = []
        person = customer.person
        tags = customer.name_tags()
        addresses = list(reply.addresses)
        signed = reply.person
        if signed is not None and person is not None and signed.given and signed.given not in self.agent_names \
                and signed not in addresses and self._relation(signed, person) in ("same", "diminutive"):
            addresses.append(signed)  # "Cheers, Kwame" to Kwame: the customer's name signs nothing, it addresses them
        # the names the customer mentions of someone else («свободна ли та же Эльза?»): the reply that opens a
        # sentence with one («Эльза, к сожалению, занята») speaks of them; only a greeting or address word before it
        # makes it an address to the customer by a wrong name
        others = {p.given for p, places in customer.people if p.given and p != person
                  and not places & {"signature", "intro", "cosigned", "alias"}}
        placed = {p for p, places in reply.people if "addressed" in places and "cued" not in places} if others else ()
        for address in addresses:
            if person is not None and address.given:
                relation = self._relation(address, person)
                if relation == "other" and address.given in others and address in placed:
                    continue
                if relation == "other" and any(self._relation(address, c) == "same"
                                               for c in (*customer.cosigners, *customer.aliases)):
                    # «Илья, Катя, здравствуйте!» to «Илья и Катя»: the one who signed with the writer;
                    # "Hello Steve" to "Akela (Steve Burrows)": the signer's name in brackets
                    continue
                span = Evidence("", address.start, address.end, address.text)
                if relation == "other" and customer.cosigners:
                    # "Hi Gwen and Iris" to Gwen and Idris: the name meant is the signer nobody is addressed by
                    left = [p.given_text for p in (person, *customer.cosigners) if p.given_text
                            and not any(self._relation(a, p) == "same" for a in addresses if a.given)]
                    span = replace(span, suggestions=tuple(left[:1]) if len(left) == 1 else ())
                if relation in ("other", "diminutive"):
                    out.append(replace(span, feature="address.wrong-name" if relation == "other" else "address.diminutive"))
                    self._wrong_gender(address, customer, out)
                    continue
            if person is not None and not address.given and address.title and address.surname and person.surname \
                    and not self._same_surname(address.surname, person.surname) and address.surname != person.given \
                    and not any(c.surname and self._same_surname(address.surname, c.surname) for c in customer.cosigners):
                # "Dear Mr. Patel" to Mr. Anand Desai: the title is right, the surname another's (not the
                # one who signed with him: "Mr Hale" to "Dr. Nkechi Obi and Mr. David Hale")
                start = address.title_start if address.title_start is not None else address.start
                out.append(Evidence("address.wrong-name", start, address.end, address.text))
                continue
            if person is not None and address.title and address.surname and address.surname == person.surname \
                    and address.title_start is not None and (
                        person.title in self.rank_titles and address.title not in self.rank_titles
                        or person.title in self.presumed_titles.get(address.title, ())):
                # "Dear Mr Haddad" to Dr Samira Haddad: the surname is right, the rank she signed with dropped;
                # "Dear Mrs. Feld" to Ms. Naomi Feld: a marital title she did not choose
                out.append(Evidence("address.other-title", address.title_start, address.end, address.text))
                continue
            if address.given and not address.patronymic and not address.title and (
                    {"patronymic", "requested"} & tags or ("title" in tags and (
                        person is None or not person.given or customer.register in self.titled_first_name))):
                if person is None or not person.given or self._relation(address, person) == "same" or (
                        "title" in tags and address.given != (person.surname or "")):
                    out.append(Evidence("address.first-name", address.start, address.end, address.text))
            self._wrong_gender(address, customer, out)
        if person is not None and person.surname and self.misspelt_edits:
            out.extend(self._misspelt_surnames(reply, person, addresses))
        if person is not None and person.given and customer.cosigners and self.cosigner_slip_prefix:
            out.extend(self._wrong_cosigner(reply, [person, *customer.cosigners], addresses))
        gender = customer.gender
        for e in reply.evidence:
            if e.feature in ("tv.T", "tv.V") and e.gender and gender and e.gender != gender:
                out.append(replace(e, feature="address.wrong-gender"))
        return out

    def _misspelt_surnames(self, reply: Profile, person: Person, addresses: list[Person]) -> list[Evidence]:
        """The customer's surname misspelt where the reply names them («договор на имя И. В. Гольштейн»
        to Гольдштейн): a surname at most `misspelt_surname.max_edits` letters from theirs, not
        theirs in another case, under no other given name."""
        own = person.surname
        if len(own) < self.misspelt_min_length:
            return []
        out = []
        for mention, _ in reply.people:
            said = mention.surname
            if mention in addresses or mention is reply.person or not said or said[:1] != own[:1] \
                    or self._same_surname(said, own) or mention.given and person.given \
                    and not self._same_surname(mention.given, person.given):  # («Валерии» of «Валерия»)
                continue
            if _edits(said, own, self.misspelt_edits) <= self.misspelt_edits or self._misspelt_half(said, own):
                words = mention.text.split()
                start = mention.end - len(words[-1]) if words else mention.start
                out.append(Evidence("name.misspelt", start, mention.end, mention.text[start - mention.start :]))
        return out

    def _wrong_cosigner(self, reply: Profile, signers: list[Person], addresses: list[Person]) -> list[Evidence]:
        """Two who signed together named together in a sentence, one of them by another name: "… the
        contract, which Elena and Marcus should both sign" to Eleanor and Marcus. The other name is the signer
        the pair leaves out, beginning as it does (`cosigner_slip_prefix` letters: a slip, not a colleague named
        with one of them), not the writer's own, nor an agent's."""
        out = []
        people = reply.people
        for (a, a_places), (b, b_places) in zip(people, people[1:]):
            if "joins" not in a_places or "joined" not in b_places or a in addresses or b in addresses \
                    or (a_places | b_places) & {"signature", "intro", "cosigned"}:
                continue
            for right, wrong in ((a, b), (b, a)):
                if not right.given or not wrong.given or wrong.given in self.agent_names \
                        or reply.person is not None and wrong.given == reply.person.given:
                    continue
                meant = [p for p in signers if self._relation(right, p) == "same"]
                left = [p for p in signers if p not in meant]
                if meant and len(left) == 1 and all(self._relation(wrong, p) == "other" for p in signers) \
                        and left[0].given and wrong.given[: self.cosigner_slip_prefix] == left[0].given[: self.cosigner_slip_prefix]:
                    out.append(Evidence("address.wrong-name", wrong.start, wrong.end, wrong.text,
                                        suggestions=(left[0].given_text,) if left[0].given_text else ()))
        return out

    def _misspelt_half(self, said: str, own: str) -> bool:
        """A double surname with one half the customer's and the other misspelt («Гольдман-Алексеевой» to
        Гольдберг-Алексеева): the other half begins as theirs (at least `misspelt_surname.min_length` / 2
        letters) and is not it."""
        halves, own_halves = said.split("-"), own.split("-")
        if len(halves) != len(own_halves) or len(halves) < 2:
            return False
        same = [self._same_surname(a, b) for a, b in zip(halves, own_halves)]
        return any(same) and not all(same) and all(
            ok or len(os.path.commonprefix([a, b])) >= max(3, self.misspelt_min_length // 2)
            for ok, a, b in zip(same, halves, own_halves))

    @staticmethod
    def _wrong_gender(address: Person, customer: Profile, out: list[Evidence]) -> None:
        """«Уважаемый» or "Mr." before the name of a customer of the other gender."""
        gender = customer.gender
        if gender and address.title_gender and address.title_gender != gender and address.title_start is not None:
            out.append(Evidence("address.wrong-gender", address.title_start, address.title_end, "",
                                gender=address.title_gender))

    def _same_surname(self, said: str, own: str) -> bool:
        """The same surname, up to a case ending of at most `surname_endings` letters
        («Сомову» / «Сомов»); «Гайнудтинов» for «Гайнутдинов» is another."""
        if said == own:
            return True
        cut = self.surname_endings
        common = len(os.path.commonprefix([said, own]))
        return cut > 0 and common >= max(len(said), len(own)) - cut and common >= min(len(said), len(own)) - cut \
            and common >= 3

    def _relation(self, address: Person, person: Person) -> str:
        """same | diminutive | other: how the addressed name relates to the writer's."""
        said, own = address.given, person.given
        if own is None:
            if person.surname and said == person.surname:
                return "same"
            return "unknown"
        if said == own and address.patronymic and person.patronymic and address.patronymic != person.patronymic:
            return "other"  # «Полина Алексеевна» to «Полина Андреевна»: the patronymic is another's
        if said == own or said == person.surname:
            return "same"
        if said in self.diminutives.get(own, ()):
            return "diminutive"
        if own in self.diminutives.get(said, ()) or self.full_of.get(said) == self.full_of.get(own, own):
            return "same"  # the writer signed with the short form
        return "other"

    # -- rewrites ------------------------------------------------------------
    def rewrite(self, kind: str | None, evidence: Evidence, view) -> tuple[str, ...]:
        """The fix a formality finding offers: `polite` (ты-forms to Вы-forms),
        `customer-name`, or the evidence rule's own suggestion."""
        if kind == "polite":
            text = self.polite(evidence.text)
        elif kind == "customer-name":  # (a name `relate` chose, else the customer's own)
            text = evidence.suggestions[0] if evidence.suggestions else self._customer_name(evidence, view.customer)
        elif evidence.suggestions:
            text = _same_case(evidence.text, evidence.suggestions[0])
        else:
            return ()
        return (text,) if text is not None and text != evidence.text else ()

    def polite(self, text: str) -> str | None:
        """«ты сможешь» → «Вы сможете», «проверь» → «проверьте», «твоего» →
        «вашего», «тебе» → «Вам»: every ты-form of a phrase in its Вы-form."""
        pronouns = self.polite_pronoun
        pieces = _WORDS.findall(text)
        words = [k for k, piece in enumerate(pieces) if piece.isalpha()]
        # the ты-form and the word agreeing with it (the span's first and last
        # words); the words between them («когда-нибудь», objects) stay
        agreeing = self.polite_agreeing
        after = set(self.prepositional.get("after", ()))
        if words and pieces[words[0]].lower() in after:
            words = words[1:]  # «о тебе»: the preposition stays
            prepositional = True
        else:
            prepositional = False
        for k in words:  # «ты сама …», «можешь сам» → «Вы сами …», «можете сами»
            if pieces[k].lower() in agreeing:
                pieces[k] = _same_case(pieces[k], agreeing[pieces[k].lower()])
                words = [w for w in words if w != k]
        for k in {words[0], words[-1]} if words else ():
            lower = pieces[k].lower()
            if prepositional and k == words[0] and lower in self.prepositional:
                pieces[k] = self.prepositional[lower]
            elif lower in pronouns:
                pieces[k] = pronouns[lower]
            else:
                pieces[k] = _same_case(pieces[k], self._plural(lower) or lower)
        return "".join(pieces)

    def _plural(self, lower: str) -> str | None:
        parses = self.morphology.parse(lower)
        if not parses:
            return None
        # the 2nd-person reading, where pymorphy3 put another first («удали»: «удаль»)
        first = next((p for p in parses if "impr" in p.tag.grammemes or "2per" in p.tag.grammemes), parses[0])
        possessive = self.polite_possessive.get(first.normal_form)
        if possessive:
            keep = {g for g in (first.tag.case, first.tag.number, first.tag.gender, first.tag.animacy) if g}
            target = self.morphology.parse(possessive)[0].inflect(keep)
            return target.word if target else None
        # a short form agreeing with «ты» reads best as a participle («уверены»)
        short = next((p for p in parses[:3] if p.tag.POS in ("PRTS", "ADJS")), None) if first.tag.POS in ("PRTS", "ADJS") else None
        for parse in ([p for p in parses[:3] if p.tag.POS == "PRTS"] or [short] if short else [first]):
            if parse is None:
                continue
            form = parse.inflect({"plur"})
            if form is not None:
                return form.word
        return None

    def _customer_name(self, evidence: Evidence, customer: Profile | None) -> str | None:
        person = customer.person if customer else None
        if person is None:
            return None
        if evidence.feature == "name.misspelt":
            return person.text.split()[-1] if person.surname else None  # the surname as they signed it
        if evidence.feature == "address.first-name" or not person.given or person.patronymic or person.title:
            # a customer who signed with a patronymic or title is addressed with it
            if person.patronymic and person.given_text:
                return f"{person.given_text} {person.patronymic_text or person.patronymic.capitalize()}"
            if person.title and person.surname:
                title = self.title_spelled.get(person.title, person.title.capitalize())
                if person.title in self.given_name_titles and person.given_text:
                    return f"{title} {person.given_text}"  # "Sir Richard", not "Sir Ambrose"
                return f"{title} {'-'.join(part.capitalize() for part in person.surname.split('-'))}"
            return None
        return person.given_text

    def expected(self, customer: Profile | None) -> str:
        """The register the reply owes this customer, by the policy."""
        register = customer.register if customer is not None else "neutral"
        if self.policy == "mirror-customer":
            return register
        return "informal" if register == "informal" else "formal"


def _cached(cache: dict, key, limit: int, compute):
    """cache[key], computed on a miss; the cache is emptied when it holds `limit` entries."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= limit:
            cache.clear()
        found = cache[key] = compute()
    return found


_WORDS = re.compile(r"\w+|\W+")
_NEWLINE = re.compile("\n")


def _same_case(original: str, new: str) -> str:
    """`new` capitalised like `original` ("Привет" → "Здравствуйте")."""
    if original[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new


def _edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of two words, or limit + 1 once it is over `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        new = [i]
        for j, cb in enumerate(b, 1):
            new.append(min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (ca != cb)))
        if min(new) > limit:
            return limit + 1
        row = new
    return row[-1]


def _gender_of(morph: str) -> str | None:
    """The gender a UD feature string shows (masc, femn), if any."""
    return "masc" if "Gender=Masc" in morph else "femn" if "Gender=Fem" in morph else None


def _gender(parse) -> str | None:
    if parse is None:
        return None
    gender = parse.tag.gender
    return gender if gender in ("masc", "femn") else None


def _next_word(doc, i: int) -> str | None:
    """The lowercase form of the first of the two tokens after i that is no punctuation, if any."""
    for j in range(i + 1, min(i + 3, len(doc))):
        token = doc[j]
        if not token.is_punct:
            return token.lower_
    return None


def _hyphenated_end(doc, j: int) -> int:
    """Where a word at j ends with the capitalised words joined to it by hyphens («Гольдберг-Алексеева»)."""
    end = j + 1
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and _capitalised_word(doc[end + 1]):
        end += 2
    return end


def _after_hyphen(doc, i: int) -> bool:
    """The second half of a hyphenated word («что-нибудь»)."""
    return i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_


def _bare_word(token) -> bool:
    """A lowercase word."""
    return token.is_alpha and token.text.islower()


def _written_forms(doc) -> frozenset[int]:
    """The ORTH hashes of the doc's tokens, as a set built once per doc (each name candidate asks)."""
    found = doc.user_data.get(_WRITTEN_FORMS)
    if found is None:
        found = doc.user_data[_WRITTEN_FORMS] = frozenset(column(doc, ORTH))
    return found


def _capitalised_word(token) -> bool:
    text = token.text
    return text[:1].isupper() and text.replace("-", "").replace("'", "").isalpha() and len(text) > 1 and not text.isupper()


def _follows(person: Person, ends: set[int]) -> bool:
    """Does the name (or its title) start right after one of these ends?"""
    start = person.title_start if person.title_start is not None else person.start
    return any(0 <= start - end <= 1 for end in ends)


def _initial(token) -> bool:
    """An initial: "R." (one capital letter and a full stop)."""
    text = token.text
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def _previous_word(doc, i: int) -> int | None:
    """The token before i, skipping commas."""
    k = i - 1
    while k >= 0 and doc[k].text == ",":
        k -= 1
    return k if k >= 0 else None


class _LineFinder:
    """Lines of a piece: a signature is a short line among the last three
    non-empty lines (a name alone, or after a closing such as «С уважением,»),
    or the words that end the message."""

    def __init__(self, doc, text: str, roles: bool = False, joiners: frozenset[str] = frozenset(),
                 wish=None, degrees: frozenset[str] = frozenset(), postscripts: tuple[str, ...] = (),
                 sentences: bool = False):
        self.doc = doc
        self.sentences = sentences  # is a line that goes on into another sentence no signature (`_sentence_follows`)?
        self.postscripts = postscripts  # what opens a postscript line after the signature («P.S.»), lowercase
        self.degrees = degrees  # degrees before a signer's name («к.м.н.»), lowercase without the last full stop
        self.wish = wish  # words -> are they a closing wish (before a signer's name, role and company)?
        self.text = text
        self.joiners = joiners  # words joining two signers' names on one line ("and", "&")
        self.roles = roles  # may a role stand before a full name on its line («главный бухгалтер Л. М. Шеховцова»)?
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)] if "\n" in text else [0]

    def line_of(self, char: int) -> int:
        return bisect.bisect_right(self.starts, char) - 1

    @functools.cached_property
    def _nonempty(self) -> list[int]:
        """The lines that hold more than whitespace (worked out when a name is
        weighed, not for every message)."""
        text, starts = self.text, self.starts
        return [n for n, start in enumerate(starts) if text[start : starts[n + 1] if n + 1 < len(starts) else len(text)].strip()]

    @property
    def last_lines(self) -> set[int]:
        return set(self._nonempty[-3:])

    @property
    def first_line(self) -> int:
        return self._nonempty[0] if self._nonempty else 0

    @functools.cached_property
    def _words(self) -> list[int]:
        return [i for i, alpha in enumerate(column(self.doc, IS_ALPHA)) if alpha]

    @property
    def last_word(self) -> int:
        return self._words[-1] if self._words else -1

    @functools.cached_property
    def words_on_line(self) -> list[int]:
        counts = [0] * len(self.starts)
        if len(self.starts) > 1:
            idx = column(self.doc, IDX)
            for i in self._words:
                counts[self.line_of(idx[i])] += 1
        else:
            counts[0] = len(self._words)
        return counts

    def is_first_line(self, i: int) -> bool:
        return self.line_of(self.doc[i].idx) == self.first_line

    def _after_role(self, k: int, signoff_words: frozenset[str]) -> tuple[bool, bool]:
        """Does a role of at most `MAX_ROLE_WORDS` words end at token k, after a line start or a sign-off
        («главный бухгалтер» after «С уважением,»)? (at line start, after a sign-off)"""
        doc = self.doc
        for _ in range(MAX_ROLE_WORDS):
            if k < 0 or not doc[k].is_alpha or doc[k].lower_ in signoff_words:
                break
            if k == 0 or "\n" in doc[k - 1].whitespace_ or doc[k - 1].is_space and "\n" in doc[k - 1].text:
                return True, False
            if not doc[k].text.islower():
                return False, False  # a capitalised word inside the line: no role
            k -= 1
        while k >= 0 and doc[k].text == ",":
            k -= 1
        return False, k >= 0 and doc[k].lower_ in signoff_words

    def _closing_wish(self, k: int) -> bool:
        """Do the words of the sentence ending at token k (before a comma) make a closing wish?"""
        if k < 0 or self.wish is None:
            return False
        doc = self.doc
        words = []
        while k >= 0 and doc[k].is_alpha and len(words) <= MAX_ROLE_WORDS:
            words.append(doc[k].lower_)
            if k == 0 or doc[k - 1].text[-1:] in ".!?" or self.opens_line(k):
                return self.wish(tuple(reversed(words)))
            k -= 1
        return False

    def _closes_letter(self, line: int) -> bool:
        """Is the line the letter's last one with text, or followed only by a postscript?"""
        return bool(self._nonempty) and (line == self._nonempty[-1] or self._postscript_after(line))

    def _postscript_after(self, line: int) -> bool:
        """Do the lines after this one all open with a postscript mark (`postscripts`)?"""
        if not self.postscripts:
            return False
        later = [n for n in self._nonempty if n > line]
        text, starts = self.text, self.starts

        def opening(n: int) -> str:
            return text[starts[n] : starts[n + 1] if n + 1 < len(starts) else len(text)].lstrip().lower()

        return bool(later) and all(opening(n).startswith(self.postscripts) for n in later)

    def opens_line(self, i: int) -> bool:
        """Does token i open its line?"""
        doc = self.doc
        return i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space and "\n" in doc[i - 1].text

    def _names_follow(self, last: int) -> bool:
        """Does the name ending at token `last` go on with a joiner (`joiners`: "and", "&") and only
        capitalised words to the end of its line ("… and Mr. David Hale"): two signers on one line?"""
        doc = self.doc
        after = doc[last + 1].text.rstrip(".") if last + 1 < len(doc) else ""
        if not self.joiners or doc[last].lower_ not in self.joiners or not (after[:1].isupper() and after.isalpha()):
            return False
        line = self.line_of(doc[last].idx)
        for k in range(last + 1, len(doc)):
            token = doc[k]
            if token.is_space and "\n" in token.text or self.line_of(token.idx) != line:
                break
            if token.is_alpha and not _capitalised_word(token) and token.lower_ not in self.joiners:
                return False
        return True

    def _sentence_follows(self, last: int, line: int) -> bool:
        """Does the line of a name ending before token `last` go on past a question mark, or past a sentence's end
        into another sentence ("Windows 11, app 2.19.0. Any idea?")? A signature line holds a name and a role, no
        sentences ("Dr. Ruth Okafor, dept. of surgery": an abbreviation's full stop before a lowercase word)."""
        doc = self.doc
        for k in range(last, len(doc)):
            token = doc[k]
            if token.is_space and "\n" in token.text or self.line_of(token.idx) != line:
                return False
            if "?" in token.text and token.is_punct:
                return True
            if token.text in _SENTENCE_ENDS and k + 1 < len(doc) and not doc[k + 1].is_space \
                    and self.line_of(doc[k + 1].idx) == line and _capitalised_word(doc[k + 1]) \
                    and "\n" not in token.whitespace_:
                return True
        return False

    def is_signature(self, first: int, last: int, signoff_words: frozenset[str] = frozenset()) -> bool:
        """A name that signs the message: it ends the message after a sign-off
        ("Thanks, Ingrid", "— Marco") or at a line start, or stands at the
        start of a short line (at most four words) among the last three of a
        message of several lines (a role may follow it after a comma)."""
        doc = self.doc
        k = first - 1
        after_sentence = False
        while k >= 0 and _INITIAL.match(doc[k].text):
            k -= 1  # initials before a surname («Р. Гайнутдинов») belong to the signature
        if self.degrees and k >= 0:
            # a degree before the name («К.м.н. Левон Оганесян»; its full stop may be a token of its own)
            d = k - 1 if doc[k].text == "." and k > 0 and not doc[k - 1].whitespace_ else k
            if doc[d].lower_.rstrip(".") in self.degrees:
                k = d - 1
        role_end = k  # a role would end here, right before the name
        while k >= 0 and doc[k].text in (",", ".", "!", "?") and not doc[k].is_space:
            after_sentence = after_sentence or doc[k].text != ","
            k -= 1
        at_line_start = k < 0 or after_sentence or doc[k].is_space and "\n" in doc[k].text or "\n" in doc[k].whitespace_
        signed_off = k >= 0 and doc[k].lower_ in signoff_words
        if self.roles and not (at_line_start or signed_off) and k == role_end and k >= 0 and doc[k].is_alpha \
                and (last - first > 1 or first > 0 and _INITIAL.match(doc[first - 1].text)):
            # a role before a full name: «Директор по персоналу Инна Валерьевна Гольдштейн»,
            # «С уважением, главный бухгалтер Л. М. Шеховцова»
            at_line_start, signed_off = self._after_role(k, signoff_words)
        if last > self.last_word:
            return at_line_start or signed_off
        line = self.line_of(doc[first].idx)
        if self.sentences and self._sentence_follows(last, line):
            return False  # "Since Monday, all emails go to spam. Nothing changed.": a sentence's first words, no name
        # a role may follow the name on its line: «Оксана, мама ученика 5 «Б»»; after a full stop inside a
        # line the role is capitalised ("… today. Priya Nair, Private Client Team"): "… weekend. Dr Obe,
        # could you …" goes on with the sentence
        role_follows = last < len(doc) and doc[last].text in SIGNATURE_ROLE_MARKS and (
            not after_sentence or last + 1 < len(doc) and _capitalised_word(doc[last + 1]))
        # or a second signer: "Anna-Lena Fischer and Joss Whitaker", "Dr. Nkechi Obi and Mr. David Hale"
        role_follows = role_follows or self._names_follow(last)
        if signed_off and role_follows and self._closes_letter(line):
            # «… С уважением, профессор Сомов, зав. кафедрой» ending a one-paragraph letter (or before its
            # postscript: «С уважением, Артём, служба поддержки\nP.S. …»)
            return True
        if role_follows and not after_sentence and last + 1 < len(doc) and _capitalised_word(doc[last + 1]) \
                and self._nonempty and line == self._nonempty[-1] and self._closing_wish(k):
            return True  # "… Happy baking, Claire, Crumb & Co": a wish, the writer's name and company
        return (len(self.last_lines) > 1 or len(self.starts) > 1) and line in self.last_lines \
            and (self.words_on_line[line] <= 4 or role_follows and at_line_start) and (at_line_start or signed_off)
