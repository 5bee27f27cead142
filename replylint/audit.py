"""`replylint audit`: lint a year of past conversations into a store and a report.

Inputs (gzip-compressed too, by the `.gz` suffix):
- canonical JSONL, one conversation a line:
  {"id", "messages": [{"id", "role": "customer"|"agent", "author", "created_at", "text" | "html"}]}
- CSV, one message a row; columns by name (`--column conversation=ticket_id`, defaults below),
  rows of a conversation anywhere in the file (they are gathered in the store first).

Every agent message is linted with the customer messages it answers: those
since the agent's previous message (the earlier ones were answered before),
so formality and unanswered questions work as in `check`.

The run's ledger is `audit.sqlite` in the output folder: conversations,
messages, findings and errors, committed in batches, so an interrupted run
loses nothing and `--resume` goes on without duplicating a row. Nothing is
lost: a record that cannot be read is an error row (file, line, reason), and
conversations read = linted + errors. The outputs (`findings.jsonl`,
`summary.csv`, `report.html`) are written from the store at the end.
"""

from __future__ import annotations

import collections
import csv
import gc
import gzip
import io
import itertools
import json
import os
import shutil
import signal
import sqlite3
import sys
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .errors import InputError, Problem

ROLES = ("customer", "agent")
CSV_COLUMNS = {"conversation": "conversation_id", "message": "message_id", "role": "role", "author": "author",
               "created_at": "created_at", "text": "text"}
BATCH = 200  # conversations per committed transaction
CHUNK = 32  # conversations a worker takes at a time
# conversations sent to the workers and not yet stored, per worker, in chunks: the workers never run
# far ahead of the one process that stores (memory stays bounded, and an interrupt lands where the
# store is, not after every result is already computed)
IN_FLIGHT_CHUNKS = 4
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, file TEXT, location TEXT, replies INTEGER);
CREATE TABLE IF NOT EXISTS messages (conversation_id TEXT, message_id TEXT, position INTEGER, role TEXT,
    author TEXT, created_at TEXT, text TEXT, linted INTEGER, PRIMARY KEY (conversation_id, position));
CREATE TABLE IF NOT EXISTS findings (conversation_id TEXT, message_id TEXT, agent TEXT, created_at TEXT,
    rule_id TEXT, category TEXT, severity TEXT, message TEXT, source TEXT, source_index INTEGER,
    start INTEGER, "end" INTEGER, line INTEGER, "column" INTEGER, text TEXT, suggestions TEXT,
    span_message_id TEXT, fix_start INTEGER, fix_end INTEGER);
CREATE TABLE IF NOT EXISTS errors (file TEXT, location TEXT, reason TEXT, PRIMARY KEY (file, location));
CREATE TABLE IF NOT EXISTS staged_rows (file TEXT, line INTEGER, conversation_id TEXT, message_id TEXT,
    role TEXT, author TEXT, created_at TEXT, text TEXT);
CREATE INDEX IF NOT EXISTS findings_by_conversation ON findings (conversation_id);
CREATE INDEX IF NOT EXISTS staged_by_conversation ON staged_rows (file, conversation_id, line);
"""


@dataclass(frozen=True)
class Message:
    id: str
    role: str
    author: str
    created_at: str
    text: str


@dataclass(frozen=True)
class Conversation:
    id: str
    messages: tuple[Message, ...]
    file: str
    location: str  # "line 12" / "rows 3-9"


@dataclass(frozen=True)
class ErrorRecord:
    file: str
    location: str
    reason: str


@dataclass
class Filters:
    since: date | None = None
    until: date | None = None
    agent: str | None = None

    def wants(self, message: Message) -> bool:
        if self.agent is not None and message.author != self.agent:
            return False
        if self.since is None and self.until is None:
            return True
        day = _day(message.created_at)
        if day is None:
            return False  # a dated window drops undated replies
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)


def _day(stamp: str) -> date | None:
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
    except (ValueError, AttributeError):
        return None


# -- reading ----------------------------------------------------------------------

def _open_text(path: Path):
    """The file as text lines; gzip by suffix. Undecodable bytes are kept as
    surrogates, so the one bad line or row is reported, not the whole file."""
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="surrogateescape", newline="")
    return open(path, encoding="utf-8", errors="surrogateescape", newline="")


def _is_csv(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    return ".csv" in suffixes[-2:]


def _bad_text(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


@dataclass(frozen=True)
class RawLine:
    """A JSONL line sent to a worker unparsed (the worker parses it: the main
    process only reads and stores)."""

    file: str
    number: int
    text: str


def read_jsonl(path: Path, raw: bool = False) -> Iterator[Conversation | ErrorRecord | RawLine]:
    name = str(path)
    number = 0
    try:
        with _open_text(path) as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                yield RawLine(name, number, line) if raw else _conversation_from_json(line, name, number)
    except (EOFError, OSError, zlib.error) as exc:  # a truncated or corrupt gzip stream
        yield ErrorRecord(name, f"after line {number}", f"cannot read further: {exc}")


def _conversation_from_json(line: str, name: str, number: int) -> Conversation | ErrorRecord:
    where = f"line {number}"
    if _bad_text(line):
        return ErrorRecord(name, where, "not UTF-8 text")
    try:
        data = json.loads(line)
    except (ValueError, RecursionError) as exc:
        return ErrorRecord(name, where, f"invalid JSON: {exc}")
    if not isinstance(data, dict):
        return ErrorRecord(name, where, 'expected an object with "id" and "messages"')
    if "comments" in data and "messages" not in data:
        return _zendesk_ticket(data, name, where)
    ident = data.get("id")
    if not isinstance(ident, (str, int)) or isinstance(ident, bool) or str(ident) == "":
        return ErrorRecord(name, where, '"id" must be a non-empty string or a number')
    raw = data.get("messages")
    if not isinstance(raw, list) or not raw:
        return ErrorRecord(name, where, f'conversation {ident}: "messages" must be a non-empty list')
    messages = []
    for k, m in enumerate(raw):
        problem = _message_problem(m)
        if problem:
            return ErrorRecord(name, where, f"conversation {ident}, message {k}: {problem}")
        messages.append(Message(str(m.get("id", k)), m["role"], str(m.get("author") or ""),
                                str(m.get("created_at") or ""), m["text"] if "text" in m else m["html"]))
    return Conversation(str(ident), tuple(messages), name, where)


def _message_problem(m) -> str | None:
    if not isinstance(m, dict):
        return "must be an object"
    if m.get("role") not in ROLES:
        return f'"role" must be customer or agent, got {m.get("role")!r}'
    body = m.get("text", m.get("html"))
    if not isinstance(body, str):
        return 'needs "text" (or "html") as a string'
    if "\x00" in body:
        return "contains a NUL character: binary data, not text"
    return None


def _zendesk_ticket(ticket: dict, name: str, where: str) -> Conversation | ErrorRecord:
    """A Zendesk ticket with its comments: the requester's public comments
    are the customer's, the other public ones the agents'; internal notes
    (`public: false`) are left out."""
    ident = ticket.get("id")
    if not isinstance(ident, (str, int)) or isinstance(ident, bool):
        return ErrorRecord(name, where, 'ticket "id" must be a string or a number')
    comments = ticket.get("comments")
    if not isinstance(comments, list):
        return ErrorRecord(name, where, f'ticket {ident}: "comments" must be a list')
    requester = ticket.get("requester_id")
    messages = []
    for k, c in enumerate(comments):
        if not isinstance(c, dict):
            return ErrorRecord(name, where, f"ticket {ident}, comment {k}: must be an object")
        if c.get("public") is False:
            continue
        body = c.get("plain_body") or c.get("body") or c.get("html_body")
        if not isinstance(body, str):
            return ErrorRecord(name, where, f"ticket {ident}, comment {k}: needs plain_body, body or html_body")
        author = c.get("author_id")
        role = "customer" if requester is not None and author == requester else "agent"
        messages.append(Message(str(c.get("id", k)), role, str(author if author is not None else ""),
                                str(c.get("created_at") or ""), body))
    if not messages:
        return ErrorRecord(name, where, f"ticket {ident}: no public comment")
    return Conversation(str(ident), tuple(messages), name, where)


def read_json(path: Path) -> Iterator[Conversation | ErrorRecord]:
    """A whole-file JSON export: a list of conversations or Zendesk tickets, or {"tickets": [...]}."""
    name = str(path)
    try:
        with _open_text(path) as f:
            text = f.read()
    except (EOFError, OSError, zlib.error) as exc:
        yield ErrorRecord(name, "-", f"cannot read: {exc}")
        return
    if _bad_text(text):
        yield ErrorRecord(name, "-", "not UTF-8 text")
        return
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield ErrorRecord(name, f"line {getattr(exc, 'lineno', '?')}", f"invalid JSON: {exc}")
        return
    items = data.get("tickets", data.get("conversations")) if isinstance(data, dict) else data
    if not isinstance(items, list):
        yield ErrorRecord(name, "-", 'expected a list of conversations or tickets, or {"tickets": [...]}')
        return
    for k, item in enumerate(items):
        yield _conversation_from_json(json.dumps(item, ensure_ascii=False), name, k + 1) \
            if isinstance(item, dict) else ErrorRecord(name, f"item {k + 1}", "expected an object")


def stage_mail(path: Path, agent_domains: tuple[str, ...], db: sqlite3.Connection) -> list[ErrorRecord]:
    """Put an mbox file's (or a folder of .eml files') messages in the store,
    threaded by Message-ID / In-Reply-To / References; the agent side is
    known by the sender's domain (--agent-domain)."""
    import email
    import email.policy
    import email.utils
    import mailbox
    import tempfile

    name = str(path)
    errors: list[ErrorRecord] = []
    db.execute("DELETE FROM staged_rows WHERE file = ?", (name,))
    if path.is_dir():
        sources = ((f"{p.name}", p.read_bytes) for p in sorted(path.glob("*.eml")))
    else:
        mbox_path, temporary = path, None
        if path.suffix == ".gz":  # mailbox reads a path: the mbox is unpacked to a temporary file
            temporary = tempfile.NamedTemporaryFile(suffix=".mbox", delete=False)
            try:
                with gzip.open(path, "rb") as f:
                    shutil.copyfileobj(f, temporary)
            except (EOFError, OSError, zlib.error) as exc:
                errors.append(ErrorRecord(name, "-", f"cannot read further: {exc}"))
            temporary.close()
            mbox_path = Path(temporary.name)
        box = mailbox.mbox(mbox_path, create=False)
        sources = ((f"message {k}", (lambda key=key: box.get_bytes(key))) for k, key in enumerate(box.keys(), 1))
    thread_of: dict[str, str] = {}
    rows = []
    for number, (where, read) in enumerate(sources, 1):
        try:
            message = email.message_from_bytes(read(), policy=email.policy.default)
            sender = email.utils.parseaddr(str(message.get("From", "")))
            own = str(message.get("Message-ID", "")).strip() or f"<{name}:{number}>"
            references = str(message.get("References", "")).split()
            parent = str(message.get("In-Reply-To", "")).strip()
            root = thread_of.get(references[0] if references else parent, references[0] if references else
                                 parent or own)
            thread_of[own] = root
            part = message.get_body(preferencelist=("plain", "html"))
            if part is None:
                raise ValueError("no text body")
            body = part.get_content()
            stamp = message.get("Date")
            created = email.utils.parsedate_to_datetime(str(stamp)).isoformat() if stamp else ""
        except Exception as exc:  # noqa: BLE001 - a broken message is an error row, whatever broke in it
            errors.append(ErrorRecord(name, where, f"cannot read the message: {type(exc).__name__}: {exc}"))
            continue
        domain = sender[1].rpartition("@")[2].lower()
        role = "agent" if domain and domain in agent_domains else "customer"
        rows.append((name, number, root, own, role, sender[0] or sender[1], created, body))
    db.executemany("INSERT INTO staged_rows VALUES (?,?,?,?,?,?,?,?)", rows)
    db.commit()
    if not path.is_dir():
        box.close()
        if temporary is not None:
            os.unlink(temporary.name)
    return errors


def _is_mail(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    return path.is_dir() or ".mbox" in suffixes[-2:]


def stage_csv(path: Path, columns: dict[str, str], db: sqlite3.Connection) -> list[ErrorRecord]:
    """Put a CSV file's rows in the store, to read them back by conversation
    (the rows of one conversation may be anywhere in the file)."""
    name = str(path)
    errors: list[ErrorRecord] = []
    db.execute("DELETE FROM staged_rows WHERE file = ?", (name,))
    line = 0
    try:
        with _open_text(path) as f:
            reader = csv.DictReader(f)
            missing = [column for column in columns.values() if column not in (reader.fieldnames or [])]
            if missing:
                return [ErrorRecord(name, "line 1", f"no column {', '.join(map(repr, missing))} "
                                                    f"(columns: {', '.join(reader.fieldnames or [])}; map them "
                                                    "with --column conversation=NAME ...)")]
            batch = []
            for row in reader:
                line = reader.line_num
                values = {key: row.get(column) for key, column in columns.items()}
                if None in row or any(v is None for v in values.values()):
                    errors.append(ErrorRecord(name, f"line {line}", "the row has a different number of fields"))
                    continue
                if any(_bad_text(v) for v in values.values()):
                    errors.append(ErrorRecord(name, f"line {line}", "not UTF-8 text"))
                    continue
                if values["role"] not in ROLES:
                    errors.append(ErrorRecord(name, f"line {line}",
                                              f"role must be customer or agent, got {values['role']!r}"))
                    continue
                if not values["conversation"]:
                    errors.append(ErrorRecord(name, f"line {line}", "no conversation id"))
                    continue
                batch.append((name, line, values["conversation"], values["message"] or str(line), values["role"],
                              values["author"], values["created_at"], values["text"]))
                if len(batch) >= 5000:
                    db.executemany("INSERT INTO staged_rows VALUES (?,?,?,?,?,?,?,?)", batch)
                    batch.clear()
            db.executemany("INSERT INTO staged_rows VALUES (?,?,?,?,?,?,?,?)", batch)
    except (EOFError, OSError, zlib.error, csv.Error) as exc:
        errors.append(ErrorRecord(name, f"after line {line}", f"cannot read further: {exc}"))
    db.commit()
    return errors


def read_staged(path: Path, store_path: Path) -> Iterator[Conversation]:
    """A staged CSV file's conversations, through a read-only connection of
    its own (this runs in the thread that feeds the worker processes)."""
    name = str(path)
    db = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT conversation_id, line, message_id, role, author, created_at, text "
                          "FROM staged_rows WHERE file = ? ORDER BY conversation_id, line", (name,))
        current, messages, lines = None, [], []
        for conversation, line, message, role, author, created_at, text in rows:
            if conversation != current and messages:
                yield Conversation(current, tuple(messages), name, _rows(lines))
                messages, lines = [], []
            current = conversation
            messages.append(Message(message, role, author or "", created_at or "", text or ""))
            lines.append(line)
        if messages:
            yield Conversation(current, tuple(messages), name, _rows(lines))
    finally:
        db.close()


def _rows(lines: list[int]) -> str:
    return f"line {lines[0]}" if len(lines) == 1 else f"lines {', '.join(map(str, lines[:20]))}" + (
        " ..." if len(lines) > 20 else "")


# -- linting (in worker processes) ------------------------------------------------

_ENGINE = None


def _init_worker(settings_values: dict, settings_origins: dict, settings_path, settings_base) -> None:
    global _ENGINE
    from .config import Config, build_engine, build_ruleset

    settings = Config(settings_values, settings_origins, settings_path, Path(settings_base))
    _ENGINE = build_engine(settings, build_ruleset(settings))


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl+C and ends the pool


def _init_pool_worker(*settings_args) -> None:
    _ignore_sigint()
    _init_worker(*settings_args)


def lint_item(item):
    """A worker's answer for one item of the input: ("error", ErrorRecord),
    ("skip", id) for a conversation an earlier run linted, or ("ok", _Stored):
    the conversation's rows for the store. The collector pairs answers with
    the items it sent, in order."""
    if isinstance(item, ErrorRecord):
        return ("error", item)
    if isinstance(item, str):
        return ("skip", item)
    conversation, filters = item
    if isinstance(conversation, RawLine):
        conversation = _conversation_from_json(conversation.text, conversation.file, conversation.number)
        if isinstance(conversation, ErrorRecord):
            return ("error", conversation)
    try:
        found, linted = _lint(conversation, filters)
    except InputError as exc:
        return ("error", ErrorRecord(conversation.file, conversation.location,
                                     f"conversation {conversation.id}: " + "; ".join(p.message for p in exc.problems)))
    # the store's rows are made here, in the worker: the process that writes them
    # (one for all workers) only inserts them
    return ("ok", _Stored.of(conversation, found, linted))


def _lint(conversation: Conversation, filters: Filters) -> tuple[list[tuple[int, dict]], list[int]]:
    from .engine import Exchange

    found, linted = [], []
    pending: list[Message] = []  # the customer messages since the agent's last reply
    last_customer: list[Message] = []
    for position, message in enumerate(conversation.messages):
        if message.role == "customer":
            pending.append(message)
            continue
        answered = pending or last_customer
        if pending:
            last_customer, pending = pending, []
        if not message.text.strip() or not filters.wants(message):
            continue
        linted.append(position)
        for finding in _ENGINE.lint(Exchange(message.text, tuple(m.text for m in answered))):
            data = finding.to_dict()
            # the message the span is in: the reply, or the customer message it answers
            data["span_message_id"] = message.id if finding.source == "reply" else answered[finding.source_index].id
            found.append((position, data))
    return found, linted


@dataclass(frozen=True)
class _Stored:
    """A linted conversation as the store's rows (made where it was linted)."""

    conversation: tuple  # (id, file, location, messages linted)
    messages: list[tuple]
    findings: list[tuple]

    @property
    def id(self) -> str:
        return self.conversation[0]

    @property
    def file(self) -> str:
        return self.conversation[1]

    @property
    def location(self) -> str:
        return self.conversation[2]

    @classmethod
    def of(cls, conversation: Conversation, found: list[tuple[int, dict]], linted: list[int]) -> _Stored:
        messages, linted_at = conversation.messages, set(linted)
        return cls(
            (conversation.id, conversation.file, conversation.location, len(linted)),
            [(conversation.id, m.id, position, m.role, m.author, m.created_at, m.text, int(position in linted_at))
             for position, m in enumerate(messages)],
            [(conversation.id, messages[position].id, messages[position].author, messages[position].created_at,
              f["rule_id"], f["category"], f["severity"], f["message"], f["source"], f["source_index"], f["start"],
              f["end"], f["line"], f["column"], f["text"], json.dumps(f["suggestions"], ensure_ascii=False),
              f["span_message_id"], f["fix_start"], f["fix_end"]) for position, f in found])


# -- the store -------------------------------------------------------------------------

class Store:
    def __init__(self, folder: Path, resume: bool):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "audit.sqlite"
        existed = self.path.exists()
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")  # the feeding thread reads staged rows while results are written
        # in WAL mode, NORMAL loses no committed batch when the process is killed (only, at worst, the last
        # ones on a power cut, which --resume redoes); FULL would sync the disk at every batch
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(findings)")}
        for column in ("fix_start", "fix_end"):  # a store from before findings had a fix region
            if column not in columns:
                self.db.execute(f"ALTER TABLE findings ADD COLUMN {column} INTEGER")
        done = self.db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0] + \
            self.db.execute("SELECT COUNT(*) FROM errors").fetchone()[0]
        if existed and done and not resume:
            self.db.close()
            raise InputError(Problem(f"{folder} already holds an audit run: add --resume to go on with it, "
                                     "or choose a new --out folder"))
        self.done = {row[0] for row in self.db.execute("SELECT id FROM conversations")}
        self.failed = {(f, loc) for f, loc in self.db.execute("SELECT file, location FROM errors")}
        self.pending = 0
        self._messages: list[tuple] = []
        self._findings: list[tuple] = []
        self._conversations: list[tuple] = []

    def add(self, stored: _Stored) -> None:
        # rows wait for the batch's commit: one executemany per table per batch is cheaper
        # for the process that stores while the workers lint (it shares their cores)
        self._messages += stored.messages
        self._findings += stored.findings
        self._conversations.append(stored.conversation)
        self.done.add(stored.id)
        self._tick()

    def error(self, record: ErrorRecord) -> None:
        if (record.file, record.location) in self.failed:
            return
        self.db.execute("INSERT OR IGNORE INTO errors VALUES (?,?,?)", (record.file, record.location, record.reason))
        self.failed.add((record.file, record.location))
        self._tick()

    def _tick(self) -> None:
        self.pending += 1
        if self.pending >= BATCH:
            self.commit()

    def commit(self) -> None:
        self.db.executemany("INSERT OR REPLACE INTO messages VALUES (?,?,?,?,?,?,?,?)", self._messages)
        self.db.executemany("INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self._findings)
        self.db.executemany("INSERT INTO conversations VALUES (?,?,?,?)", self._conversations)
        self._messages, self._findings, self._conversations = [], [], []
        self.db.commit()
        self.pending = 0


# -- the run ----------------------------------------------------------------------------

@dataclass
class Totals:
    read: int = 0
    linted: int = 0
    errors: int = 0
    skipped: int = 0  # done in an earlier run (--resume)
    replies: int = 0
    findings: int = 0
    error_rows: list = field(default_factory=list)


def run(inputs: list[Path], out: Path, settings, *, jobs: int = 1, resume: bool = False, filters: Filters | None = None,
        columns: dict[str, str] | None = None, progress: bool = True, redact: bool = False,
        agent_domains: tuple[str, ...] = (), dask: str | None = None) -> Totals:
    filters = filters or Filters()
    columns = {**CSV_COLUMNS, **(columns or {})}
    store = Store(out, resume)
    totals = Totals()
    try:
        _lint_all(inputs, store, settings, jobs, filters, columns, progress, totals,
                  tuple(d.lower().lstrip("@") for d in agent_domains), dask)
        store.commit()
        totals.errors = store.db.execute("SELECT COUNT(*) FROM errors").fetchone()[0]
        totals.linted = store.db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0]
        totals.replies = store.db.execute("SELECT COALESCE(SUM(replies), 0) FROM conversations").fetchone()[0]
        totals.findings = store.db.execute("SELECT COUNT(*) FROM findings").fetchone()[0]
        totals.error_rows = store.db.execute("SELECT file, location, reason FROM errors ORDER BY file, location") \
            .fetchall()
        from .report import write_outputs

        write_outputs(store.db, out, redact=redact)
    finally:
        store.db.close()
    return totals


def _conversations(inputs: list[Path], store_path: Path, raw: bool) -> Iterator[Conversation | ErrorRecord | RawLine]:
    for path in inputs:
        if not path.exists():
            yield ErrorRecord(str(path), "-", "no such file")
            continue
        if _is_csv(path) or _is_mail(path):
            yield from read_staged(path, store_path)
        elif [s.lower() for s in path.suffixes][-2:] in ([".json"], [".json", ".gz"]):
            yield from read_json(path)
        else:
            yield from read_jsonl(path, raw)


def _lint_all(inputs, store: Store, settings, jobs: int, filters: Filters, columns: dict, progress: bool,
              totals: Totals, agent_domains: tuple[str, ...] = (), dask: str | None = None) -> None:
    from .config import build_ruleset

    build_ruleset(settings)  # configuration errors before any work
    # CSV rows go to the store first (here, on the thread that owns its connection)
    staged_errors = [e for path in inputs if path.is_file() and _is_csv(path)
                     for e in stage_csv(path, columns, store.db)]
    staged_errors += [e for path in inputs if path.exists() and _is_mail(path)
                      for e in stage_mail(path, agent_domains, store.db)]
    store.commit()
    done = frozenset(store.done)

    sent: collections.deque = collections.deque()

    # a fresh run sends JSONL lines unparsed, and the workers parse them; going on
    # with a run (--resume), lines are parsed here to skip what is done
    raw = not done

    def todo(record: bool = True, room: _Room | None = None):
        # runs in the thread that feeds the workers: it only reads (and notes what it sent)
        for found in itertools.chain(staged_errors, _conversations(inputs, store.path, raw)):
            if isinstance(found, Conversation):
                item = found.id if found.id in done else (found, filters)
            elif isinstance(found, RawLine):
                item = (found, filters)
            else:
                item = found
            if room is not None and not room.take():  # (given back as the item's answer is stored)
                return  # the run is ending (Ctrl+C)
            if record:
                sent.append(item)
            yield item

    args = (settings.values, settings.origins, settings.path, str(settings.base))
    pool = _pool(jobs, args) if dask is None and jobs > 1 else None  # (before the progress bar starts a thread)
    bar = _progress(progress)
    try:
        if dask is not None:
            _collect(_dask_results(todo(record=False), args, dask, jobs), store, bar, totals)
        elif pool is None:
            _init_worker(*args)
            _collect(_in_order(map(lint_item, todo()), sent), store, bar, totals)
        else:
            interrupted = False
            room = _Room(jobs * CHUNK * IN_FLIGHT_CHUNKS)
            try:
                _collect(_in_order(pool.imap(lint_item, todo(room=room), chunksize=CHUNK), sent, room), store, bar,
                         totals)
            except KeyboardInterrupt:
                interrupted = True  # (handled below, once the traceback no longer holds the pool's iterator)
            finally:
                room.close()  # a feeding thread waiting for room stops sending (the pool joins it)
                # the workers ignore Ctrl+C and are ended here, their queues' semaphores
                # released: the CLI exits without the interpreter's teardown
                pool.terminate()
                pool.join()
                del pool
                gc.collect()
            if interrupted:
                raise KeyboardInterrupt
    finally:
        bar.close()


class _Room:
    """How many more items the feeding thread may send before the collector
    stores some: taken per item sent, given back per answer stored."""

    def __init__(self, size: int):
        self._free = threading.Semaphore(size)
        self._closed = threading.Event()

    def take(self) -> bool:
        """Wait for room; False once the run is ending."""
        while not self._free.acquire(timeout=0.1):
            if self._closed.is_set():
                return False
        return not self._closed.is_set()

    def give(self) -> None:
        self._free.release()

    def close(self) -> None:
        self._closed.set()


def _pool(jobs: int, settings_args: tuple):
    """The worker processes. On Linux the pipelines and packs are built once, in
    this process, and the forked workers share them: no worker pays the seconds
    of building its own. The fork happens before any thread of this process
    starts (the pool's own, the progress bar's). Elsewhere workers are spawned
    and build their own."""
    import multiprocessing

    if sys.platform.startswith("linux"):
        _init_worker(*settings_args)
        _ENGINE.warm()
        return multiprocessing.get_context("fork").Pool(jobs, initializer=_ignore_sigint)
    return multiprocessing.get_context("spawn").Pool(jobs, initializer=_init_pool_worker, initargs=settings_args)


DASK_CHUNK = 64  # conversations per task


def lint_chunk(items: list, settings_args: tuple) -> list:
    """A Dask task: lint a chunk of conversations in a worker process, whose
    pipelines are built by its first task and kept for the next ones."""
    if _ENGINE is None:
        _init_worker(*settings_args)
    return [lint_item(item) for item in items]


def _dask_results(items, settings_args: tuple, address: str, jobs: int):
    """(item, lint_item's answer) for every item, conversations linted on a
    Dask cluster (`local`: a LocalCluster of `jobs` single-threaded worker
    processes) in chunks, at most a few chunks per worker in flight so memory
    stays bounded; error and skip items are answered here."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise InputError(Problem(f"--dask needs the `dask` extra ({exc.name} is missing): "
                                 "pip install 'replylint[dask]'")) from None
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None) \
        if address == "local" else None
    client = Client(cluster if cluster is not None else address)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or jobs)
        limit = 3 * workers
        pending = as_completed()
        chunks: dict = {}  # future -> the items it lints
        chunk: list = []

        def submit(items: list) -> None:
            future = client.submit(lint_chunk, items, settings_args, pure=False)
            chunks[future] = items
            pending.add(future)

        def drain(until: int):
            while pending.count() > until:
                future = next(pending)
                yield from zip(chunks.pop(future), future.result())

        for item in items:
            if isinstance(item, (ErrorRecord, str)):
                yield item, lint_item(item)
                continue
            chunk.append(item)
            if len(chunk) >= DASK_CHUNK:
                submit(chunk)
                chunk = []
                yield from drain(limit)
        if chunk:
            submit(chunk)
        yield from drain(0)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _in_order(results, sent: collections.deque, room: _Room | None = None):
    """(item, answer) pairs: answers come back in the order the items were
    sent, and `sent` holds those items (filled by the feeding thread); each
    pair taken gives `room` back for one more item."""
    for result in results:
        yield sent.popleft(), result
        if room is not None:
            room.give()


def _collect(pairs, store: Store, bar, totals: Totals) -> None:
    """Store each answer with the item it answers; a conversation id seen
    before in the input is an error row (the first one is kept)."""
    seen: set[str] = set()
    for item, (status, *rest) in pairs:
        totals.read += 1
        if status == "error":
            store.error(rest[0])
        elif status == "skip":
            totals.skipped += 1
            seen.add(item)
        else:
            (stored,) = rest
            if stored.id in seen:
                store.error(ErrorRecord(stored.file, stored.location, f"conversation {stored.id} appears again"))
            else:
                seen.add(stored.id)
                store.add(stored)
        bar.update(1)


def _progress(enabled: bool):
    from tqdm import tqdm

    return tqdm(unit=" conversations", file=sys.stderr, disable=not enabled or not sys.stderr.isatty(),
                dynamic_ncols=True, mininterval=0.5)


