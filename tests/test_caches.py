"""Caches are only a speed-up: whatever is in a cache file (wrong JSON shape,
a pickle of something else, garbage, a directory, no permission), the next
run ignores it, gives the right result and rewrites the entry."""

from __future__ import annotations

import json
import os
import pathlib
import pickle
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main
from replylint.morphology import FormsCache
from replylint.packs import load_rules
from replylint.yamlio import LinedDict, LinedList, load_yaml, load_yaml_cached, yaml_cache_path
from replylint.errors import ConfigError

PACK = """\
lang: en
category: blame
rules:
  - id: en.blame.rtfm
    message: "Telling the customer to read the docs"
    why: "It implies they did not try."
    extends: phrases
    phrases: ["read the docs"]
    suggest: ["see the docs"]
    examples:
      bad: [{text: "Just read the docs.", span: "read the docs"}]
      good: ["See the docs."]
  - id: en.blame.you-forgot
    message: "Says the customer forgot"
    why: "Blame."
    extends: tokens
    patterns:
      - - {LOWER: you}
        - {LEMMA: forget, name: verb}
    suggest: ["the step was {verb|inflect:VBN}"]
    examples:
      bad: [{text: "You forgot the key.", span: "You forgot"}]
      good: ["We forgot the key."]
"""
REPLY = "Hi,\nyou forgot the key. Just read the docs.\n"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def packs(tmp_path) -> Path:
    root = tmp_path / "packs"
    (root / "en").mkdir(parents=True)
    (root / "en" / "custom.yaml").write_text(PACK, encoding="utf-8")
    return root


def run_check(packs: Path):
    result = CliRunner().invoke(main, ["check", "-", "--packs", str(packs), "--no-builtin", "--format", "json"],
                                input=REPLY)
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output  # findings, not an error
    found = [(f["rule_id"], f["text"], f["suggestions"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("en.blame.you-forgot", "you forgot", ["the step was forgotten"]),
                     ("en.blame.rtfm", "read the docs", ["see the docs"])]


def yaml_entries(cache: Path) -> list[Path]:
    return sorted((cache / "yaml").glob("*.pickle"))


def forms_entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("forms-*.json"))


def rules_entries(cache: Path) -> list[Path]:
    return sorted((cache / "rules").glob("*.pickle"))


def forget_rule_sets(cache: Path) -> None:
    """Drop the cached rule sets, so that loading reads the packs' parsed trees (the layer under them)."""
    for entry in rules_entries(cache):
        entry.unlink()


def warm(cache: Path, packs: Path) -> None:
    run_check(packs)
    assert yaml_entries(cache) and forms_entries(cache)


def assert_rebuilt(cache: Path, entries: list[Path]) -> None:
    """Every entry is a valid file again and no temporary file is left."""
    for entry in entries:
        assert entry.is_file()
        assert os.access(entry, os.R_OK)
        if entry.suffix == ".json":
            envelope = json.loads(entry.read_text(encoding="utf-8"))
            assert envelope["format"] == "replylint-forms" and isinstance(envelope["entries"], dict)
        elif entry.parent.name == "rules":
            from replylint.packs import RuleSet

            assert type(pickle.loads(entry.read_bytes())) is RuleSet
        elif entry.parent.name == "index":
            tag, digest, state = pickle.loads(entry.read_bytes())
            assert tag == "replylint-pattern-index" and entry.stem == digest and isinstance(state, dict)
        else:
            tag, _, _, tree = pickle.loads(entry.read_bytes())
            assert tag == "replylint-yaml-tree" and isinstance(tree, LinedDict)
    assert not [p for p in cache.rglob("*") if p.name.endswith(".tmp")]


def _directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


READ_BYTES = pathlib.Path.read_bytes


def _unreadable(path: Path, monkeypatch) -> None:
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: refuse to read it the way the OS would
        def read_bytes(self):
            if self.name.endswith((".json", ".pickle")) and not (self.stat().st_mode & 0o444):
                raise PermissionError(13, "Permission denied", str(self))
            return READ_BYTES(self)

        monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


BAD_ANY = {
    "empty": lambda path: path.write_bytes(b""),
    "garbage": lambda path: path.write_bytes(b"\x80\x04\xff\x00garbage\xfe" * 7),
    "truncated": _truncated,
    "directory": _directory,
}

BAD_JSON = {
    "list": b"[]",
    "null": b"null",
    "number": b"5",
    "string": b'"forms"',
    "foreign mapping": b'{"x": 1}',
    "old layout (bare entries)": b'{"forms:read": ["read", "reads"], "valid-patterns": []}',
    "wrong value types": b'{"forms:read": 5, "lemma:forget": {"a": 1}, "valid-patterns": {"x": 1}}',
    "envelope of another version": b'{"format": "replylint-forms", "version": -1, "entries": {}}',
    "envelope with entries of the wrong shape": json.dumps(
        {"format": "replylint-forms", "version": 3, "entries": []}).encode(),
    "envelope with wrong entry values": json.dumps({
        "format": "replylint-forms", "version": 3,
        "entries": {"forms:read": 5, "forms:the": [1, 2], "forms:docs": [], "lemma:forget": ["nothing"],
                    "valid-patterns": "x"},
    }).encode(),
    "deeply nested": b"[" * 100_000 + b"]" * 100_000,
    "not UTF-8": b'{"format": "\xff\xfe"}',
}


class _Marker:
    """Unpickling this would create a file: the cache must never run it."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):
        return (pathlib.Path.touch, (self.path,))


def bad_pickles(path: Path, marker: Path) -> dict[str, bytes]:
    tree = load_yaml(path, ConfigError)
    key = yaml_cache_path(path.read_bytes()).stem
    lineless = LinedList([1])
    return {
        "pickled list": pickle.dumps([1, 2, 3]),
        "pickled int": pickle.dumps(5),
        "pickled None": pickle.dumps(None),
        "old layout (bare tree)": pickle.dumps(tree),
        "envelope of another version": pickle.dumps(("replylint-yaml-tree", -1, key, tree)),
        "envelope of another file": pickle.dumps(("replylint-yaml-tree", 2, "0" * 32, tree)),
        "envelope too short": pickle.dumps(("replylint-yaml-tree", 2, key)),
        "tree without line numbers": pickle.dumps(("replylint-yaml-tree", 2, key, LinedDict(tree))),
        "list without item lines": pickle.dumps(("replylint-yaml-tree", 2, key, lineless)),
        "foreign class": pickle.dumps(_Marker(marker)),
        "foreign class in the tree": pickle.dumps(("replylint-yaml-tree", 2, key, _Marker(marker))),
    }


@pytest.mark.parametrize("kind", sorted(BAD_ANY) + ["unreadable"])
def test_any_bad_cache_file_is_ignored_and_rebuilt(cache, packs, monkeypatch, kind):
    warm(cache, packs)
    entries = yaml_entries(cache) + forms_entries(cache) + index_entries(cache) + rules_entries(cache)
    for entry in entries:
        if kind == "unreadable":
            _unreadable(entry, monkeypatch)
        else:
            BAD_ANY[kind](entry)
    run_check(packs)
    monkeypatch.setattr(pathlib.Path, "read_bytes", READ_BYTES)
    assert_rebuilt(cache, entries)
    run_check(packs)


@pytest.mark.parametrize("kind", sorted(BAD_JSON))
def test_forms_cache_of_the_wrong_shape_is_ignored_and_rebuilt(cache, packs, kind):
    warm(cache, packs)
    entries = forms_entries(cache)
    for entry in entries:
        entry.write_bytes(BAD_JSON[kind])
    for entry in index_entries(cache):  # (read back, the index asks for no lemma's forms)
        entry.unlink()
    run_check(packs)
    assert_rebuilt(cache, entries)
    if kind != "envelope with wrong entry values":
        return
    (entry,) = entries
    fixed = json.loads(entry.read_text(encoding="utf-8"))["entries"]
    assert "reads" in fixed["forms:read"] and fixed["forms:docs"] == ["docs"] and "forgotten" in fixed["lemma:forget"]
    assert isinstance(fixed["valid-patterns"], list)


def test_pack_cache_of_the_wrong_type_is_ignored_and_rebuilt(cache, packs, tmp_path):
    marker = tmp_path / "unpickled"
    warm(cache, packs)
    pack = packs / "en" / "custom.yaml"
    entry = yaml_cache_path(pack.read_bytes())
    assert entry in yaml_entries(cache)
    for kind, data in bad_pickles(pack, marker).items():
        for other in yaml_entries(cache):  # the language files' entries too
            other.write_bytes(data)
        forget_rule_sets(cache)
        ruleset = load_rules(extra_dirs=(packs,), builtin=False)
        assert [r.id for r in ruleset.rules] == ["en.blame.rtfm", "en.blame.you-forgot"], kind
        assert ruleset.rules[0].line == 4 and ruleset.rules[0].raw.line_of("phrases") == 8, kind
        assert set(ruleset.language_config) == {"common", "ru", "en"}, kind
        assert_rebuilt(cache, [entry])
        entry.write_bytes(data)
        forget_rule_sets(cache)
        run_check(packs)
        assert not marker.exists(), kind


def test_a_swapped_cache_entry_is_not_read_as_another_file(cache, packs):
    """Two entries swapped (or one copied over another) are each the right
    shape, but of another file: the content key inside catches it."""
    warm(cache, packs)
    pack = packs / "en" / "custom.yaml"
    entry = yaml_cache_path(pack.read_bytes())
    other = next(p for p in yaml_entries(cache) if p != entry)
    entry.write_bytes(other.read_bytes())
    forget_rule_sets(cache)
    run_check(packs)
    assert pickle.loads(entry.read_bytes())[2] == entry.stem


def test_good_caches_are_used(cache, packs, monkeypatch):
    warm(cache, packs)
    import replylint.yamlio

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(replylint.yamlio, "load_yaml", no_parsing)
    monkeypatch.setattr(FormsCache, "save", lambda self: None)
    computed = []
    real_get = FormsCache.get

    def get(self, kind, word, compute):
        return real_get(self, kind, word, lambda w: computed.append(w) or compute(w))

    monkeypatch.setattr(FormsCache, "get", get)
    run_check(packs)
    assert computed == []



# -- the validated rule set (packs.load_rules) ---------------------------------------

def test_a_cached_rule_set_is_used(cache, packs, monkeypatch):
    import replylint.packs

    first = load_rules(extra_dirs=(packs,), builtin=False)
    assert len(rules_entries(cache)) == 1

    def no_loading(*args, **kwargs):
        raise AssertionError("packs loaded although their rule set is cached")

    monkeypatch.setattr(replylint.packs, "_load_rules", no_loading)
    again = load_rules(extra_dirs=(packs,), builtin=False)
    assert again == first and again is not first
    assert again.rules[1].raw.line_of("patterns") == first.rules[1].raw.line_of("patterns") == 17
    run_check(packs)


def test_an_edited_pack_or_another_directory_gets_a_rule_set_of_its_own(cache, packs, tmp_path):
    load_rules(extra_dirs=(packs,), builtin=False)
    pack = packs / "en" / "custom.yaml"
    pack.write_text(PACK.replace("Telling the customer to read the docs", "Sends them to the docs"), encoding="utf-8")
    assert load_rules(extra_dirs=(packs,), builtin=False).get("en.blame.rtfm").message == "Sends them to the docs"
    other = tmp_path / "other"
    (other / "en").mkdir(parents=True)
    (other / "en" / "custom.yaml").write_text(PACK, encoding="utf-8")
    assert load_rules(extra_dirs=(other,), builtin=False).get("en.blame.rtfm").path.startswith(str(other))
    assert len(rules_entries(cache)) == 3


def test_a_rule_set_cache_entry_of_anything_else_is_ignored_and_never_run(cache, packs, tmp_path):
    marker = tmp_path / "unpickled"
    first = load_rules(extra_dirs=(packs,), builtin=False)
    (entry,) = rules_entries(cache)
    for kind, data in {"foreign class": pickle.dumps(_Marker(marker)),
                       "a rule set holding a foreign class": pickle.dumps(
                           replylint_ruleset_with(first, _Marker(marker))),
                       "a list of rules": pickle.dumps(list(first.rules)),
                       "garbage": b"\x80\x04garbage"}.items():
        entry.write_bytes(data)
        assert load_rules(extra_dirs=(packs,), builtin=False) == first, kind
        assert not marker.exists(), kind
        assert_rebuilt(cache, [entry])


def replylint_ruleset_with(ruleset, extra):
    from dataclasses import replace

    return replace(ruleset, rules=ruleset.rules + (extra,))



def test_editing_the_code_that_loads_packs_names_another_rule_set(cache, packs, monkeypatch):
    from replylint import packs as packs_module

    before = packs_module._ruleset_cache_path((packs,), False)

    def read_bytes(self):
        data = READ_BYTES(self)
        return data + b"# edited" if self.name == "tokens.py" and self.parent.name == "ruletypes" else data

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    assert packs_module._ruleset_cache_path((packs,), False) not in (before, None)

def test_a_pack_with_problems_is_never_cached(cache, packs):
    (packs / "en" / "custom.yaml").write_text(PACK.replace("extends: phrases", "extends: nonsense"), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ConfigError):
            load_rules(extra_dirs=(packs,), builtin=False)
    assert rules_entries(cache) == []

def test_load_yaml_cached_survives_an_unusable_cache_directory(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("REPLYLINT_CACHE_DIR", str(blocker))
    path = tmp_path / "a.yaml"
    path.write_text(textwrap.dedent("""\
        a: [1, 2]
        b: {c: d}
    """), encoding="utf-8")
    assert load_yaml_cached(path, ConfigError) == {"a": [1, 2], "b": {"c": "d"}}
    assert load_yaml_cached(path, ConfigError).line_of("b") == 2
    cache = FormsCache("en", {})
    assert cache.get("forms", "docs", lambda word: {word, "doc"}) == {"docs", "doc"}
    cache.save()
    assert blocker.read_text(encoding="utf-8") == "x"


def test_yaml_scalars_survive_the_cache(cache, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("when: 2001-12-14t21:59:43.10-05:00\nday: 2002-12-14\nbin: !!binary aGVsbG8=\n"
                    "set: !!set {a, b}\npairs: !!pairs [{a: 1}]\nf: .inf\nn: null\nt: true\n", encoding="utf-8")
    first = load_yaml_cached(path, ConfigError)
    assert yaml_cache_path(path.read_bytes()).is_file()
    assert load_yaml_cached(path, ConfigError) == first



def test_yaml_lines_survive_the_cache(cache, tmp_path):
    # a flow mapping on one line keeps no per-key table (line_of answers its own line); a block
    # mapping keeps each key's line; list items keep theirs
    path = tmp_path / "a.yaml"
    path.write_text("rules:\n  - id: x\n    patterns: [{LOWER: a}, {LOWER: {IN: [b, c]}}]\n", encoding="utf-8")
    for tree in (load_yaml_cached(path, ConfigError), load_yaml_cached(path, ConfigError)):
        rule = tree["rules"][0]
        flow = rule["patterns"][1]
        assert (flow.line, flow.key_lines, flow.line_of("LOWER")) == (3, None, 3)
        assert (rule.line_of("id"), rule.line_of("patterns"), tree.line_of("rules")) == (2, 3, 1)
        assert tree["rules"].item_lines == [2] and rule["patterns"].item_lines == [3, 3]
        assert not hasattr(flow, "__dict__")  # slots: a pack tree has tens of thousands of nodes

# -- the pattern index (prefilter.PatternIndex.add_all) --------------------------------

def index_entries(cache: Path) -> list[Path]:
    return sorted((cache / "index").glob("*.pickle"))


def _index_pickles(marker: Path, entry: Path) -> dict[str, bytes]:
    tag, digest, state = pickle.loads(entry.read_bytes())
    return {
        "pickled list": pickle.dumps([1, 2, 3]),
        "envelope of another digest": pickle.dumps((tag, "0" * 32, state)),
        "envelope of another tag": pickle.dumps(("replylint-yaml-tree", digest, state)),
        "state missing a part": pickle.dumps((tag, digest, {k: v for k, v in state.items() if k != "word_bits"})),
        "regex sources of the wrong type": pickle.dumps((tag, digest, {**state, "regex_required": {(0, 0): (5,)}})),
        "foreign class": pickle.dumps(_Marker(marker)),
        "foreign class in the state": pickle.dumps((tag, digest, {**state, "always": _Marker(marker)})),
    }


def test_pattern_index_cache_of_the_wrong_shape_is_ignored_and_rebuilt(cache, packs, tmp_path):
    """(Garbage, truncated, empty, unreadable entries: test_any_bad_cache_file_is_ignored_and_rebuilt.)"""
    warm(cache, packs)
    (entry,) = index_entries(cache)
    good = entry.read_bytes()
    marker = tmp_path / "unpickled"
    for name, data in _index_pickles(marker, entry).items():
        entry.write_bytes(data)
        run_check(packs)
        assert entry.read_bytes() == good, name  # rebuilt: the same state again
        assert not marker.exists(), name


def test_good_pattern_index_cache_is_used(cache, packs, monkeypatch):
    warm(cache, packs)
    from replylint.prefilter import PatternIndex

    def no_adding(*args, **kwargs):
        raise AssertionError("indexed although cached")

    monkeypatch.setattr(PatternIndex, "add", no_adding)
    run_check(packs)


def test_changed_patterns_get_an_index_of_their_own(cache, packs):
    warm(cache, packs)
    pack = packs / "en" / "custom.yaml"
    pack.write_text(PACK.replace("{LOWER: you}", "{LOWER: {IN: [you, u]}}"), encoding="utf-8")
    run_check(packs)
    assert len(index_entries(cache)) == 2


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_restored_index_is_the_built_one(cache, lang):
    """The builtin packs' index read back from the cache holds exactly what `add` derives."""
    from replylint.engine import Engine
    from replylint.prefilter import _STATE

    built = Engine(load_rules()).linter(lang).index
    assert index_entries(cache)
    restored = Engine(load_rules()).linter(lang).index
    for name in _STATE:
        assert getattr(restored, name) == getattr(built, name), name
    assert {k: [s for s, _ in v] for k, v in restored.regex_required.items()} == \
        {k: [s for s, _ in v] for k, v in built.regex_required.items()}
    assert restored.patterns == built.patterns


def test_old_pattern_index_entries_are_pruned(cache, packs, monkeypatch):
    import replylint.prefilter

    monkeypatch.setattr(replylint.prefilter, "INDEX_ENTRIES_KEPT", 2)
    for word in ("you", "u", "ya"):
        (packs / "en" / "custom.yaml").write_text(PACK.replace("{LOWER: you}", f"{{LOWER: {{IN: [you, {word}]}}}}"),
                                                  encoding="utf-8")
        run_check(packs)
    assert len(index_entries(cache)) == 2


def test_a_pattern_index_entry_read_again_is_kept(cache, packs, monkeypatch):
    import os

    import replylint.prefilter

    monkeypatch.setattr(replylint.prefilter, "INDEX_ENTRIES_KEPT", 2)
    original = PACK
    run_check(packs)
    (kept,) = index_entries(cache)
    os.utime(kept, (1, 1))  # written long ago...
    def edit(word):
        (packs / "en" / "custom.yaml").write_text(original.replace("{LOWER: you}", f"{{LOWER: {{IN: [you, {word}]}}}}"),
                                                  encoding="utf-8")
        run_check(packs)

    edit("u")
    (packs / "en" / "custom.yaml").write_text(original, encoding="utf-8")
    run_check(packs)  # ...but read again since
    edit("ya")  # a third entry: the one read least recently ("u") goes
    assert len(index_entries(cache)) == 2 and kept in index_entries(cache)


def test_old_parsed_pack_entries_are_pruned_and_a_file_read_again_is_kept(cache, tmp_path, monkeypatch):
    import os

    import replylint.yamlio

    monkeypatch.setattr(replylint.yamlio, "YAML_ENTRIES_KEPT", 2)
    kept = tmp_path / "kept.yaml"
    kept.write_text("a: 1\n", encoding="utf-8")
    load_yaml_cached(kept, ConfigError)
    kept_entry = yaml_cache_path(kept.read_bytes())
    os.utime(kept_entry, (1, 1))  # written long ago...
    for n in range(3):
        edited = tmp_path / f"edited{n}.yaml"
        edited.write_text(f"b: {n}\n", encoding="utf-8")
        load_yaml_cached(edited, ConfigError)
        load_yaml_cached(kept, ConfigError)  # ...but read at every start
    assert len(yaml_entries(cache)) == 2
    assert kept_entry.exists()


# -- token patterns spaCy validated (FormsCache valid-patterns) ---------------------------

def _validations(monkeypatch) -> list:
    """Every token pattern handed to spaCy's validating Matcher from now on."""
    import spacy.matcher

    import replylint.ruletypes.tokens as tokens

    added = []

    class CountingMatcher(spacy.matcher.Matcher):
        def add(self, key, patterns, *args, **kwargs):
            added.append(key)
            return super().add(key, patterns, *args, **kwargs)

    monkeypatch.setattr(tokens, "Matcher", CountingMatcher)
    return added


def test_a_rule_validated_from_the_same_pack_bytes_is_not_validated_again(cache, packs, monkeypatch):
    added = _validations(monkeypatch)
    run_check(packs)
    assert added, "the first compile validates the token patterns"
    added.clear()
    run_check(packs)
    assert added == []
    # an edit anywhere in the file is a rule of other bytes: its patterns are looked up one by one,
    # and a pattern of the same content validated before is not validated again either
    pack = packs / "en" / "custom.yaml"
    pack.write_text(PACK.replace("Blame.", "Blame, again."), encoding="utf-8")
    run_check(packs)
    assert added == []


def test_an_invalid_pattern_is_reported_after_its_rule_was_valid(cache, packs):
    run_check(packs)
    pack = packs / "en" / "custom.yaml"
    pack.write_text(PACK.replace("{LOWER: you}", "{LOWER: {IN: you}}"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-", "--packs", str(packs), "--no-builtin"], input=REPLY)
    assert result.exit_code == 2 and "invalid token pattern" in result.output, result.output
