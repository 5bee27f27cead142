"""Rule packs: discovery, strict schema validation, and compilation.

A pack is a YAML file `rules/<lang>/<category>.yaml`:

    lang: ru
    category: blame          # default for its rules
    lexicons:                # named word lists the rules' token patterns refer to
      addressee: [вы, ты]
    fallback_suggest: [...]  # templates every text rule tries after its own `suggest`
    fallback_rewrite: [ru.blame.passive, ru.blame.tone]  # then these rules' rewrites around the match:
                                                         # construction rewrites, a tone rule's clause removal
    rules:
      - id: ru.blame.you-did-wrong
        severity: warning
        message: ...
        why: ...
        extends: tokens      # phrases | tokens | regex | ...
        patterns: [...]      # IN / NOT_IN lists may name the pack's lexicons: "@addressee"
        suggest: [...]
        examples: {bad: [{text, span, suggest?}], good: [text, ...]}

Loading collects every problem with file:line and raises one ConfigError.
Compilation happens per language, once, when that language is first needed.
"""

from __future__ import annotations

import os
import pickle
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ConfigError, Problem
from .finding import SEVERITIES
from .yamlio import LinedDict, TreeUnpickler, load_yaml_cached, yaml_describe, yaml_repr, yaml_type_names

LANGS = ("ru", "en")
CATEGORIES = ("blame", "formality", "unanswered", "redundant-question", "style", "register")
SCOPES = ("reply", "customer", "any")
UNLESS_WITHIN = ("sentence", "clause")  # where a rule's `unless` phrases are looked for
RULE_ID = re.compile(r"^(ru|en)\.[a-z]+(\.[a-z0-9][a-z0-9-]*)+$")

PACK_KEYS = {"lang": str, "category": str, "severity": str, "rules": list, "lexicons": dict, "fallback_suggest": list,
             "fallback_rewrite": (str, list)}
# the rule types whose matches are text spans a template can rewrite (`fallback_suggest`)
TEMPLATE_TYPES = ("tokens", "phrases", "regex")
LEXICON_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
RULE_KEYS = {
    "id": str, "category": str, "severity": str, "message": str, "why": str, "extends": str,
    "suggest": list, "examples": dict, "unless": list, "unless_within": str, "scope": str,
    # register evidence rules: the profile feature a match is evidence of
    "evidence": str,
}
REQUIRED_RULE_KEYS = ("id", "message", "why", "extends")


def builtin_rules_dir() -> Path:
    """Packs ship inside the wheel as replylint/rules; a checkout has them at the root."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


@dataclass(frozen=True)
class Example:
    text: str
    span: str | None = None  # bad examples: the text the rule must flag
    suggest: str | None = None  # bad examples: the first suggestion expected
    customer: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class RuleSpec:
    """A validated rule, not yet compiled (compiling needs the language's pipeline)."""

    id: str
    lang: str
    category: str
    severity: str
    message: str
    why: str
    extends: str
    scope: str
    suggest: tuple[str, ...]
    unless: tuple[str, ...]
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    raw: LinedDict = field(repr=False, compare=False, hash=False)
    path: str = ""
    line: int = 0
    evidence: str | None = None  # register evidence rules: the profile feature a match is
    # the pack's rules that rewrite around a match no template of its own rewrites, tried in
    # order (`fallback_rewrite`): construction rewrites (`extends: rewrite`), then a tone rule's clause removal
    fallback_rewrite: tuple[str, ...] = ()
    # where `unless` phrases cancel a match: anywhere in its sentence, or only in its clause
    # (between the colons, semicolons and dashes around it)
    unless_within: str = "sentence"

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[RuleSpec, ...]
    language_config: dict  # lang -> settings from rules/language/<lang>.yaml, plus "common"

    def for_lang(self, lang: str) -> tuple[RuleSpec, ...]:
        return tuple(r for r in self.rules if r.lang == lang)

    def get(self, rule_id: str) -> RuleSpec | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def selected(self, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> RuleSet:
        def picks(rule: RuleSpec, prefixes: tuple[str, ...]) -> bool:
            return any(rule_matches(rule.id, rule.category, p) for p in prefixes)

        kept = tuple(r for r in self.rules if (not select or picks(r, select)) and not picks(r, ignore))
        return RuleSet(kept, self.language_config)

    def with_severities(self, overrides: dict[str, str]) -> RuleSet:
        """The rules with their severity overridden by rule-id prefix (the
        longest prefix that matches a rule wins: `ru.blame.rtfm` over `blame`)."""
        if not overrides:
            return self
        by_length = sorted(overrides.items(), key=lambda item: -len(item[0]))

        def severity(rule: RuleSpec) -> str:
            return next((s for p, s in by_length if rule_matches(rule.id, rule.category, p)), rule.severity)

        return RuleSet(tuple(replace(r, severity=severity(r)) for r in self.rules), self.language_config)


def rule_matches(rule_id: str, category: str, prefix: str) -> bool:
    """Does a dotted prefix pick this rule? It may start the rule's id, the id
    without its language (`blame.rtfm`), or be its category (`unanswered`)."""
    short = rule_id.split(".", 1)[1] if "." in rule_id else rule_id
    return any(rid == prefix or rid.startswith(prefix + ".") for rid in (rule_id, short, category))


def pack_files(directory: Path) -> list[Path]:
    """Every pack file under a directory, skipping the language settings folder."""
    return sorted(p for p in directory.rglob("*.yaml") if "language" not in p.relative_to(directory).parts[:-1])


def load_rules(extra_dirs: tuple[Path, ...] = (), *, builtin: bool = True) -> RuleSet:
    from .cache import gc_paused

    with gc_paused():
        return _load_rules_cached(extra_dirs, builtin)


# Bump when RuleSpec, Example or RuleSet (the cached rule set's shape) or what loading does to a pack change.
RULESET_CACHE_VERSION = 1
RULESET_ENTRIES_KEPT = 8  # rule sets kept: one per combination of pack directories and their bytes
LOADING_CODE = ("packs.py", "yamlio.py", "suggest.py")  # with ruletypes/*.py: what a cached rule set was built by


def _load_rules_cached(extra_dirs: tuple[Path, ...], builtin: bool) -> RuleSet:
    """_load_rules, with the validated rule set kept in the cache keyed by the
    bytes of every file it reads: a start unpickles it instead of expanding
    and checking every rule again (about half of pack loading). Only a rule
    set without problems is cached; anything unexpected in the cache is a miss."""
    from .cache import keep_newest, read_pickled, write_atomically

    cached = _ruleset_cache_path(extra_dirs, builtin)
    if cached is None:  # a directory or file that cannot be read: the loader says which
        return _load_rules(extra_dirs, builtin)
    ruleset = read_pickled(cached, _RuleSetUnpickler)
    if type(ruleset) is RuleSet and type(ruleset.rules) is tuple and all(type(r) is RuleSpec for r in ruleset.rules):
        _touch(cached)  # read now: the entries least recently read go first (see keep_newest)
        return ruleset
    ruleset = _load_rules(extra_dirs, builtin)
    try:
        payload = pickle.dumps(ruleset, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, ValueError, RecursionError):
        return ruleset
    write_atomically(cached, payload)
    keep_newest(cached.parent, RULESET_ENTRIES_KEPT)
    return ruleset


def _ruleset_cache_path(extra_dirs: tuple[Path, ...], builtin: bool) -> Path | None:
    """Where the rule set loaded from these directories is cached: named by the
    path and bytes of every pack and language file; None when one cannot be read."""
    import hashlib

    from . import __version__
    from .cache import cache_dir

    digest = hashlib.sha256(f"{__version__}/{RULESET_CACHE_VERSION}/{builtin}".encode())
    dirs = ([builtin_rules_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    files = [builtin_rules_dir() / "language" / f"{name}.yaml" for name in ("common",) + LANGS]
    # and the code that checks and expands a pack, so that editing it in a checkout is never answered
    # from a rule set it built before (an installed version is covered by __version__ too)
    package = Path(__file__).resolve().parent
    files += [package / name for name in LOADING_CODE] + sorted((package / "ruletypes").glob("*.py"))
    try:
        for directory in dirs:
            if not directory.is_dir():
                return None
            files += pack_files(directory)
        for path in files:
            data = path.read_bytes()
            digest.update(b"\0%s\0%d\0" % (str(path).encode("utf-8", "surrogateescape"), len(data)) + data)
    except OSError:
        return None
    return cache_dir() / "rules" / f"{digest.hexdigest()[:32]}.pickle"


def _touch(path: Path) -> None:
    try:
        os.utime(path)
    except OSError:
        pass


class _RuleSetUnpickler(TreeUnpickler):
    """Unpickles only what a rule set holds (its rules, their examples, YAML trees): no other
    class is ever looked up (or run), whatever the cache file contains."""

    ALLOWED = {**TreeUnpickler.ALLOWED,
               (__name__, "RuleSet"): RuleSet, (__name__, "RuleSpec"): RuleSpec, (__name__, "Example"): Example}


def _load_rules(extra_dirs: tuple[Path, ...], builtin: bool) -> RuleSet:
    problems: list[Problem] = []
    rules: list[RuleSpec] = []
    dirs = ([builtin_rules_dir()] if builtin else []) + [Path(d) for d in extra_dirs]
    for directory in dirs:
        if not directory.is_dir():
            problems.append(Problem("rule pack directory not found", str(directory)))
            continue
        for path in pack_files(directory):
            try:
                data = load_yaml_cached(path, ConfigError)
            except ConfigError as exc:
                problems.extend(exc.problems)
                continue
            rules.extend(_pack_rules(data, str(path), problems))
    seen: dict[str, RuleSpec] = {}
    for rule in rules:
        if rule.id in seen:
            problems.append(Problem(f"duplicate rule id {rule.id!r} (first at {seen[rule.id].location})",
                                    rule.path, rule.line))
        seen.setdefault(rule.id, rule)
    language_config = load_language_config(problems)
    if problems:
        # report pattern and template problems of the valid rules too, all at once
        if rules and all(name in language_config for name in ("common",) + LANGS):
            problems.extend(_compile_problems(RuleSet(tuple(rules), language_config)))
        raise ConfigError(problems)
    _share_word_lists([rule.raw for rule in rules])
    return RuleSet(tuple(rules), language_config)


def _share_word_lists(trees: list) -> None:
    """Make equal lists of words one list: a lexicon named in many patterns is expanded into each of
    them, and thousands of copies of the same list cost megabytes (the cached rule set keeps the sharing).
    Lists of words are only read once loaded; the first one's item lines stand for all."""
    canonical: dict[tuple, list] = {}

    def shared(value):
        if isinstance(value, list) and len(value) > 1 and all(type(v) is str for v in value):
            return canonical.setdefault((type(value), tuple(value)), value)
        visit(value)
        return value

    def visit(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                new = shared(value)
                if new is not value:
                    dict.__setitem__(node, key, new)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                new = shared(value)
                if new is not value:
                    node[i] = new

    for tree in trees:
        visit(tree)


def _compile_problems(ruleset: RuleSet) -> list[Problem]:
    from .engine import Engine

    try:
        Engine(ruleset).compile_all()
    except ConfigError as exc:
        return exc.problems
    return []


def load_language_config(problems: list[Problem]) -> dict:
    config = {}
    base = builtin_rules_dir() / "language"
    for name in ("common",) + LANGS:
        try:
            config[name] = load_yaml_cached(base / f"{name}.yaml", ConfigError) or {}
        except ConfigError as exc:
            problems.extend(exc.problems)
    return config


def _check_keys(node: LinedDict, schema: dict, path: str, what: str, problems: list[Problem],
                extra: dict | None = None) -> bool:
    ok = True
    allowed = dict(schema, **(extra or {}))
    for key, value in node.items():
        if key not in allowed:
            problems.append(Problem(f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(map(str, allowed)))})",
                                    path, node.line_of(key)))
            ok = False
        elif not _has_type(value, allowed[key]):
            problems.append(Problem(f"{what} key {key!r} must be {yaml_type_names(allowed[key])}, "
                                    f"got {yaml_describe(value)}", path, node.line_of(key)))
            ok = False
    return ok


def _has_type(value, expected: type | tuple[type, ...]) -> bool:
    """isinstance, except that YAML's true/false are not numbers."""
    types = expected if isinstance(expected, tuple) else (expected,)
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


def _pack_rules(data, path: str, problems: list[Problem]) -> list[RuleSpec]:
    if not isinstance(data, LinedDict):
        problems.append(Problem("a rule pack must be a mapping with `lang` and `rules`", path, 1))
        return []
    # unknown or mistyped pack keys are reported, and the rules are still checked
    _check_keys(data, PACK_KEYS, path, "pack", problems)
    lang = data.get("lang")
    if "lang" not in data:
        problems.append(Problem(f"pack has no `lang` (one of {', '.join(LANGS)})", path, data.line))
        return []
    if lang not in LANGS:
        if isinstance(lang, str):  # a wrong type was reported by _check_keys
            problems.append(Problem(f"pack `lang` must be one of {', '.join(LANGS)}, got {lang!r}", path,
                                    data.line_of("lang")))
        return []
    if "rules" not in data:
        problems.append(Problem("pack has no `rules` list", path, data.line))
        return []
    if not isinstance(data["rules"], list):
        return []  # reported by _check_keys
    word_maps: dict[str, dict[str, str]] = {}
    lexicons = _lexicons(data, path, problems, word_maps)
    defaults: dict[str, str] = {}
    invalid_defaults: set[str] = set()  # reported once, here, not again for every rule that inherits them
    for key, allowed in (("category", CATEGORIES), ("severity", SEVERITIES)):
        if key not in data:
            continue
        value = data[key]
        if isinstance(value, str) and value in allowed:
            defaults[key] = value
            continue
        if isinstance(value, str):
            problems.append(Problem(f"pack {key} must be one of {', '.join(allowed)}, got {value!r}", path,
                                    data.line_of(key)))
        invalid_defaults.add(key)
    out = []
    for item, line in zip(data["rules"], data["rules"].item_lines):
        if isinstance(item, LinedDict) and "patterns" in item:
            _expand_lexicons(item["patterns"], lexicons, path, item.line_of("patterns"), problems)
        if isinstance(item, LinedDict) and isinstance(item.get("not_tone"), list):  # (a tone rule's word lists)
            for entry in item["not_tone"]:
                for side in ("after", "before", "not_with"):
                    if isinstance(entry, dict) and isinstance(entry.get(side), list):
                        entry[side] = _expanded(entry[side], lexicons, path, item.line_of("not_tone"), problems)
        for key in ("not_before", "not_after", "not_last"):  # (a rewrite rule's word lists)
            if isinstance(item, LinedDict) and isinstance(item.get(key), list):
                item[key] = _expanded(item[key], lexicons, path, item.line_of(key), problems)
        if isinstance(item, LinedDict) and isinstance(item.get("suggest"), list):
            _expand_word_maps(item["suggest"], word_maps)
        if not isinstance(item, LinedDict):
            problems.append(Problem("each rule must be a mapping", path, line))
            continue
        spec = _rule_spec(item, lang, defaults, path, problems, invalid_defaults)
        if spec:
            out.append(spec)
    from .suggest import template_argument_errors

    fallback = _string_list(data, "fallback_suggest", path, problems, allow_empty_strings=True)
    for template, line in _items_with_lines(data, "fallback_suggest"):
        if isinstance(template, str):
            for error in template_argument_errors(template, lang):
                problems.append(Problem(f"fallback_suggest: {error}", path, line))
    if fallback:
        out = [replace(spec, suggest=spec.suggest + tuple(t for t in fallback if t not in spec.suggest))
               if spec.extends in TEMPLATE_TYPES else spec for spec in out]
    fallback_ids = data.get("fallback_rewrite")
    if isinstance(fallback_ids, str):
        fallback_ids = [fallback_ids]
    if isinstance(fallback_ids, list):
        usable = {spec.id: spec for spec in out
                  if spec.extends == "rewrite" or spec.extends == "tone" and "rewrite" in spec.raw}
        wrong = [i for i in fallback_ids if not isinstance(i, str) or i not in usable]
        if wrong or not fallback_ids:
            known = ", ".join(usable) or "none"
            problems.append(Problem(f"fallback_rewrite names no rewrite rule (`extends: rewrite`) or tone rule with a "
                                    f"`rewrite:` in this pack: {', '.join(map(repr, wrong)) or 'an empty list'} "
                                    f"(this pack's: {known})", path, data.line_of("fallback_rewrite")))
        else:
            # text rules borrow the whole list; a tone rule, which removes clauses itself, the constructions
            chain = tuple(fallback_ids)
            out = [replace(spec, fallback_rewrite=chain) if spec.extends in TEMPLATE_TYPES else
                   replace(spec, fallback_rewrite=tuple(i for i in chain if usable[i].extends == "rewrite"))
                   if spec.extends == "tone" else spec for spec in out]
    return out


def _lexicons(data: LinedDict, path: str, problems: list[Problem],
              word_maps: dict[str, dict[str, str]] | None = None) -> dict[str, list[str]]:
    """The pack's named word lists (`lexicons:`), which token patterns refer to
    as "@name" in IN / NOT_IN: a list of words lives once in a pack. A lexicon
    written as a mapping, word: plain form, is a word map: patterns see its
    words, templates its plain forms (`{match|map:@name}`; into `word_maps`)."""
    node = data.get("lexicons")
    if not isinstance(node, LinedDict):
        return {}  # absent, or the wrong type (reported with the pack's keys)
    out = {}
    for name, words in node.items():
        line = node.line_of(name)
        if not isinstance(name, str) or not LEXICON_NAME.match(name):
            problems.append(Problem(f"lexicon names are lowercase words (a-z, 0-9, _ and -), got {yaml_repr(name)}",
                                    path, line))
        elif (isinstance(words, dict) and words
              and all(isinstance(w, str) and w and isinstance(p, str) and p for w, p in words.items())):
            out[name] = list(words)
            if word_maps is not None:
                word_maps[name] = dict(words)
        elif not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
            problems.append(Problem(f"lexicon {name!r} must list words (non-empty strings), got "
                                    f"{yaml_describe(words)}", path, line))
        else:
            # "@other" in a lexicon spells out a lexicon named above it: a narrower list lives once
            out[name] = []
            for word in words:
                if word.startswith("@") and word[1:] in out:
                    out[name] += out[word[1:]]
                elif word.startswith("@"):
                    problems.append(Problem(f"lexicon {name!r} names {word!r}, which is not a lexicon above it",
                                            path, line))
                else:
                    out[name].append(word)
    return out


_WORD_MAP = re.compile(r"(map|suffix):@([a-z0-9_-]+)")


def _expand_word_maps(templates: list, word_maps: dict[str, dict[str, str]]) -> None:
    """Spell out each `map:@name` (and `suffix:@name`) of the templates as the
    pack's word map ("word=plain;…", in place); an unknown name stays for the
    argument check."""
    def spelled(m: re.Match) -> str:
        mapping = word_maps.get(m.group(2))
        return f"{m.group(1)}:" + ";".join(f"{w}={p}" for w, p in mapping.items()) if mapping else m.group(0)

    for i, template in enumerate(templates):
        if isinstance(template, str) and ("map:@" in template or "suffix:@" in template):
            templates[i] = _WORD_MAP.sub(spelled, template)


def _expand_lexicons(value, lexicons: dict[str, list[str]], path: str, line: int, problems: list[Problem]) -> None:
    """Replace each "@name" in the IN / NOT_IN lists of token patterns by the
    words of the pack's lexicon `name` (in place)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("IN", "NOT_IN") and (isinstance(item, list) or isinstance(item, str) and item[:1] == "@"):
                value[key] = _expanded(item if isinstance(item, list) else [item], lexicons, path, line, problems)
            else:
                _expand_lexicons(item, lexicons, path, line, problems)
    elif isinstance(value, list):
        for item in value:
            _expand_lexicons(item, lexicons, path, line, problems)


def _expanded(items: list, lexicons: dict[str, list[str]], path: str, line: int, problems: list[Problem]) -> list:
    if not any(isinstance(i, str) and i[:1] == "@" for i in items):
        return items
    out = []
    for item in items:
        if isinstance(item, str) and item[:1] == "@" and len(item) > 1:
            words = lexicons.get(item[1:])
            if words is None:
                known = ", ".join(f"@{n}" for n in lexicons) or "none"
                problems.append(Problem(f"unknown lexicon {item!r} (this pack's lexicons: {known})", path, line))
                continue
            out += [w for w in words if w not in out]
        elif item not in out:
            out.append(item)
    return out


def _rule_spec(node: LinedDict, lang: str, defaults: dict, path: str, problems: list[Problem],
               invalid_defaults: set[str] = frozenset()) -> RuleSpec | None:
    from .ruletypes import RULE_TYPES
    from .suggest import template_argument_errors

    before = len(problems)
    kind = node.get("extends")
    type_cls = RULE_TYPES.get(kind) if isinstance(kind, str) else None
    if "extends" in node and type_cls is None:
        problems.append(Problem(f"unknown rule type {kind!r} (extends: {' | '.join(RULE_TYPES)})", path,
                                node.line_of("extends")))
    type_keys = {**type_cls.required_keys, **type_cls.optional_keys} if type_cls else {}
    _check_keys(node, RULE_KEYS, path, "rule", problems, type_keys)
    for key in REQUIRED_RULE_KEYS + tuple(type_cls.required_keys if type_cls else ()):
        if key not in node:
            problems.append(Problem(f"rule {node.get('id', '?')!r} has no `{key}`", path, node.line))
    rule_id = node.get("id", "")
    if isinstance(rule_id, str) and rule_id and not (RULE_ID.match(rule_id) and rule_id.startswith(lang + ".")):
        problems.append(Problem(f"rule id {rule_id!r} must look like {lang}.<category>.<name> "
                                "(lowercase, dots and hyphens)", path, node.line_of("id")))
    choices = [_choice(node, "category", CATEGORIES, defaults.get("category"), path, problems, invalid_defaults),
               _choice(node, "severity", SEVERITIES, defaults.get("severity", "warning"), path, problems,
                       invalid_defaults),
               _choice(node, "scope", SCOPES, "reply", path, problems, invalid_defaults),
               _choice(node, "unless_within", UNLESS_WITHIN, "sentence", path, problems, invalid_defaults)]
    (category, severity, scope, unless_within), valid = zip(*choices)
    for key in ("why", "message"):
        if isinstance(node.get(key), str) and not node[key].strip():
            problems.append(Problem(f"`{key}` must not be empty", path, node.line_of(key)))
    suggest = _string_list(node, "suggest", path, problems, allow_empty_strings=True)
    for template, line in _items_with_lines(node, "suggest"):
        if isinstance(template, str):
            for error in template_argument_errors(template, lang):
                problems.append(Problem(f"{rule_id or '?'}: {error}", path, line))
    unless = _string_list(node, "unless", path, problems)
    if "unless_within" in node and "unless" not in node:
        problems.append(Problem("`unless_within` needs `unless`: the phrases it places", path,
                                node.line_of("unless_within")))
    bad, good = _examples(node, path, problems)
    evidence = node.get("evidence")
    if category == "register" and not isinstance(evidence, str):
        problems.append(Problem(f"register rule {rule_id or '?'!r} needs `evidence`: the profile feature it finds",
                                path, node.line))
    elif category != "register" and "evidence" in node:
        problems.append(Problem("`evidence` is only for `category: register` rules", path, node.line_of("evidence")))
    elif isinstance(evidence, str):
        from .register import FEATURES

        if evidence not in FEATURES:
            problems.append(Problem(f"unknown register feature {evidence!r} (known: {', '.join(sorted(FEATURES))})",
                                    path, node.line_of("evidence")))
    if len(problems) > before or not all(valid):
        return None
    return RuleSpec(
        id=rule_id, lang=lang, category=category, severity=severity, message=node["message"].strip(),
        why=" ".join(node["why"].split()), extends=kind, scope=scope, suggest=suggest, unless=unless,
        bad=bad, good=good, raw=node, path=path, line=node.line, evidence=evidence, unless_within=unless_within,
    )


def _choice(node: LinedDict, key: str, allowed: tuple[str, ...], default: str | None, path: str,
            problems: list[Problem], invalid_defaults: set[str]) -> tuple[str | None, bool]:
    """A rule's value for `key` (or its pack's default) and whether it is valid;
    reports each problem once (a wrong type is _check_keys's to report)."""
    if key in node:
        value = node[key]
        if not isinstance(value, str):
            return value, False
        if value not in allowed:
            problems.append(Problem(f"{key} must be one of {', '.join(allowed)}, got {value!r}", path,
                                    node.line_of(key)))
            return value, False
        return value, True
    if key in invalid_defaults:  # the pack's default is wrong, and was reported at the pack
        return None, False
    if default is None:
        problems.append(Problem(f"{key} must be one of {', '.join(allowed)} (neither the rule nor its pack sets it)",
                                path, node.line))
        return None, False
    return default, True


def _items_with_lines(node: LinedDict, key: str) -> list[tuple[object, int]]:
    values = node.get(key, [])
    if not isinstance(values, list):
        return []
    lines = getattr(values, "item_lines", None) or [node.line_of(key)] * len(values)
    return list(zip(values, lines))


def _string_list(node: LinedDict, key: str, path: str, problems: list[Problem], *,
                 allow_empty_strings: bool = False) -> tuple[str, ...]:
    out = []
    for value, line in _items_with_lines(node, key):
        if not isinstance(value, str) or (not allow_empty_strings and not value.strip()):
            problems.append(Problem(f"`{key}` items must be non-empty strings, got {yaml_repr(value)}", path, line))
        else:
            out.append(value)
    return tuple(out)


EXAMPLE_KEYS = {"text": str, "span": str, "suggest": str, "customer": str}


def _examples(node: LinedDict, path: str, problems: list[Problem]) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    examples = node.get("examples")
    if not isinstance(examples, LinedDict):
        return (), ()
    _check_keys(examples, {"bad": list, "good": list}, path, "examples", problems)
    result: dict[str, list[Example]] = {"bad": [], "good": []}
    for kind in ("bad", "good"):
        items = examples.get(kind, [])
        if not isinstance(items, list):
            continue
        for item, line in zip(items, getattr(items, "item_lines", [examples.line] * len(items))):
            if isinstance(item, str):
                item = LinedDict(text=item)
                item.line, item.key_lines = line, {}
            if not isinstance(item, LinedDict) or not _check_keys(item, EXAMPLE_KEYS, path, f"{kind} example", problems):
                if not isinstance(item, LinedDict):
                    problems.append(Problem(f"a {kind} example must be a string or a mapping with `text`", path, line))
                continue
            text = item.get("text")
            if not text:
                problems.append(Problem(f"{kind} example has no `text`", path, line))
                continue
            span = item.get("span")
            if kind == "bad" and span is None:
                problems.append(Problem("bad example needs `span`: the text the rule must flag", path, line))
                continue
            if span is not None and span not in text and span not in (item.get("customer") or ""):
                problems.append(Problem(f"example span {span!r} does not occur in its text", path, item.line_of("span")))
                continue
            result[kind].append(Example(text, span, item.get("suggest"), item.get("customer"), line))
    return tuple(result["bad"]), tuple(result["good"])
