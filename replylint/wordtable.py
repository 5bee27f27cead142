"""lemminflect's answers about every word it knows, kept in an SQLite file in
the cache directory, so that an English check does not load its tables.

Loading lemminflect's lemma and inflection tables takes about 0.4 s, a third
of an English `replylint check`, to answer a few dozen questions. The file
holds, once per lemminflect version, `getAllLemmas(word)` for every lower-case
word of lemminflect's lemma and override tables and `getAllInflections(lemma,
upos="VERB")` for every lemma that has verb forms. lemminflect looks a word up
in those tables and nowhere else, so any other lower-case word has no readings
and no verb forms: a point lookup answers both without loading anything.

Failing to build, read or write the file only costs time: the answers then
come from lemminflect itself."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import tempfile
import threading
from importlib import metadata
from pathlib import Path

from .cache import cache_dir

# Bump when the file's layout changes.
TABLE_FORMAT = 1


def _lemminflect_version() -> str:
    try:
        return metadata.version("lemminflect")
    except metadata.PackageNotFoundError:
        return "unknown"


class LemminflectTable:
    """`lemmas(word)` and `verb_forms(lemma)` as lemminflect's getAllLemmas and
    getAllInflections(upos="VERB") return them, for lower-case words."""

    def __init__(self, path: Path | None = None):
        self.path = path or cache_dir() / f"lemminflect-{_lemminflect_version()}-v{TABLE_FORMAT}.sqlite"
        self._connection: sqlite3.Connection | None = None
        self._pid = None  # a forked worker opens its own connection
        self._unusable = False  # the file could not be built or read: ask lemminflect
        self._lock = threading.Lock()

    def lemmas(self, word: str) -> dict:
        found = self._lookup("SELECT readings FROM lemmas WHERE word = ?", word) if self._answerable(word) else None
        if found is None:
            from lemminflect import getAllLemmas

            return getAllLemmas(word)
        return found

    def verb_forms(self, lemma: str) -> dict:
        found = self._lookup("SELECT forms FROM verb_forms WHERE lemma = ?", lemma) if self._answerable(lemma) else None
        if found is None:
            from lemminflect import getAllInflections

            return getAllInflections(lemma, upos="VERB")
        return found

    @staticmethod
    def _answerable(word: str) -> bool:
        # lemminflect returns its entries in the word's capitalisation style:
        # the file holds them for lower-case words only
        from lemminflect.core.LexicalUtils import getCapsStyle

        return word == word.lower() and getCapsStyle(word) == "lower"

    def _lookup(self, query: str, key: str) -> dict | None:
        """The stored answer ({} for a word the file does not hold), or None
        when the file cannot be used."""
        with self._lock:
            connection = self._open()
            if connection is None:
                return None
            try:
                row = connection.execute(query, (key,)).fetchone()
            except sqlite3.Error:
                self._unusable = True
                return None
        if row is None:
            return {}
        return {tag: tuple(words) for tag, words in json.loads(row[0]).items()}

    def _open(self) -> sqlite3.Connection | None:
        if self._unusable:
            return None
        if self._connection is not None and self._pid == os.getpid():
            return self._connection
        for attempt in range(2):
            try:
                connection = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                             check_same_thread=False)
                meta = dict(connection.execute("SELECT key, value FROM meta"))
                if meta == self._meta():
                    self._connection, self._pid = connection, os.getpid()
                    return connection
                connection.close()
            except (sqlite3.Error, OSError, ValueError):
                pass
            if attempt == 0 and not self._build():
                break
        self._unusable = True
        return None

    @staticmethod
    def _meta() -> dict:
        return {"format": str(TABLE_FORMAT), "lemminflect": _lemminflect_version()}

    def _build(self) -> bool:
        """Write the file (about 2 s): in a temporary file beside it, then
        renamed into place, so a reader never sees half of it."""
        from lemminflect import getAllInflections, getAllLemmas
        from lemminflect.core.Inflections import Inflections
        from lemminflect.core.Lemmatizer import Lemmatizer

        tmp = None
        try:
            lemmatizer, inflections = Lemmatizer(), Inflections()
            words = {w for w in (*lemmatizer._getLemmaDict(), *lemmatizer._getOverridesDict()) if w == w.lower()}
            lemmas = {w for w in (*inflections._getInflDict(), *inflections._getOverridesDict()) if w == w.lower()}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
            os.close(fd)
            with sqlite3.connect(tmp) as connection:
                connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
                connection.execute("CREATE TABLE lemmas (word TEXT PRIMARY KEY, readings TEXT) WITHOUT ROWID")
                connection.execute("CREATE TABLE verb_forms (lemma TEXT PRIMARY KEY, forms TEXT) WITHOUT ROWID")
                connection.executemany("INSERT INTO meta VALUES (?, ?)", self._meta().items())
                connection.executemany("INSERT INTO lemmas VALUES (?, ?)",
                                       ((w, json.dumps(r)) for w in sorted(words) if (r := getAllLemmas(w))))
                connection.executemany("INSERT INTO verb_forms VALUES (?, ?)",
                                       ((w, json.dumps(f)) for w in sorted(lemmas)
                                        if (f := getAllInflections(w, upos="VERB"))))
            connection.close()
            os.replace(tmp, self.path)
            tmp = None
            return True
        except (sqlite3.Error, OSError, AttributeError):  # AttributeError: lemminflect's internals moved
            return False
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass


@functools.cache
def lemminflect_table() -> LemminflectTable:
    """The process's one table (read-only, shared by the annotator and the rewrites)."""
    return LemminflectTable()
