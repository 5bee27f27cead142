"""Every setting in rules/language/*.yaml is read by the code.

The readers of these files (question reader, register profiles, annotators,
cleaner) take what they know with `config.get(name, default)`, so a misspelt
or retired key would be silently ignored. The rule packs reject unknown keys
with file:line; here the language files get the same guard, by watching which
keys an engine reads while it builds every language and lints the packs' own
examples that have a customer message. A mapping that is iterated (a lexicon,
word -> features) counts as read whole."""

from __future__ import annotations

import json

from replylint import morphology
from replylint.engine import Engine, Exchange
from replylint.packs import RuleSet, load_language_config, load_rules
from replylint.yamlio import LinedDict, LinedList


class _Watched(LinedDict):
    """A settings mapping that records which of its keys are read."""

    __slots__ = ()
    reads: set[tuple[int, object]] = set()
    paused = False

    def _read(self, key) -> None:
        if not _Watched.paused:
            _Watched.reads.add((id(self), key))

    def _read_all(self) -> None:
        if not _Watched.paused:
            _Watched.reads.update((id(self), key) for key in dict.keys(self))

    def get(self, key, default=None):
        self._read(key)
        return dict.get(self, key, default)

    def __getitem__(self, key):
        self._read(key)
        return dict.__getitem__(self, key)

    def __contains__(self, key):
        self._read(key)
        return dict.__contains__(self, key)

    def __iter__(self):
        self._read_all()
        return dict.__iter__(self)

    def keys(self):
        self._read_all()
        return dict.keys(self)

    def items(self):
        self._read_all()
        return dict.items(self)

    def values(self):
        self._read_all()
        return dict.values(self)


def _watched(node):
    if isinstance(node, dict):
        out = _Watched({key: _watched(value) for key, value in dict.items(node)})
        out.line, out.key_lines = getattr(node, "line", 0), getattr(node, "key_lines", None)
        return out
    if isinstance(node, list):
        out = LinedList([_watched(value) for value in node])
        out.line, out.item_lines = getattr(node, "line", 0), getattr(node, "item_lines", [])
        return out
    return node


def _unread(node, path: str, file: str):
    if isinstance(node, _Watched):
        for key, value in dict.items(node):
            if (id(node), key) not in _Watched.reads:
                yield f"{file}:{node.line_of(key)}: {path}{key}"
            else:
                yield from _unread(value, f"{path}{key}.", file)
    elif isinstance(node, list):
        for value in node:
            yield from _unread(value, path, file)


class _PausedJson:
    """json for the forms cache's digest of the settings: hashing every key is not reading it."""

    def __getattr__(self, name):
        return getattr(json, name)

    @staticmethod
    def dumps(*args, **kwargs):
        _Watched.paused = True
        try:
            return json.dumps(*args, **kwargs)
        finally:
            _Watched.paused = False


def _unread_settings(monkeypatch, planted: dict[tuple[str, ...], object] | None = None) -> list[str]:
    problems: list = []
    settings = load_language_config(problems)
    assert not problems
    settings = {name: _watched(section) for name, section in settings.items()}
    for path, value in (planted or {}).items():
        node = settings
        for key in path[:-1]:
            node = dict.__getitem__(node, key)
        dict.__setitem__(node, path[-1], value)
    monkeypatch.setattr(morphology, "json", _PausedJson())
    monkeypatch.setattr(_Watched, "reads", set())
    rules = load_rules()
    engine = Engine(RuleSet(rules.rules, settings))
    engine.warm()
    for rule in rules.rules:
        for example in rule.bad + rule.good:
            if example.customer:  # (the question reader and the profiles of both messages are built on these)
                engine.lint(Exchange(example.text, (example.customer,)))
    return [line for name, section in settings.items()
            for line in _unread(section, "", f"rules/language/{name}.yaml")]


def test_every_language_setting_is_read(monkeypatch):
    unread = _unread_settings(monkeypatch)
    assert not unread, "settings no code reads (misspelt or retired?):\n" + "\n".join(unread)


def test_a_misspelt_setting_is_reported(monkeypatch):
    unread = _unread_settings(monkeypatch, {("ru", "questions", "chat_questions_splt"): True,
                                            ("en", "register", "greetngs"): [],
                                            ("common", "quoting", "mark"): ">"})
    assert {line.split(": ", 1)[1] for line in unread} == {
        "questions.chat_questions_splt", "register.greetngs", "quoting.mark"}
