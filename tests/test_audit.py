"""`replylint audit`: inputs (JSONL, CSV, gzip), the SQLite ledger, resume
after SIGKILL, error rows for corrupt input, --jobs, --redact, and the report
in headless Chromium."""

from __future__ import annotations

import csv
import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import main

from .browser import headless_chrome, needs_chromium

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = Path(os.environ.get("REPLYLINT_REPORT_SCREENSHOT", ROOT / "build" / "audit-report.png"))

RU = [("Добрый день. Скажите, пожалуйста, это нормально? Мой номер +7 912 345-67-89.",
       "Привет, Марко! Вы указали неверные настройки."),
      ("Здравствуйте! Не приходит код подтверждения. Что делать?",
       "Здравствуйте! Код приходит в течение пяти минут; если его нет, нажмите «Отправить ещё раз»."),
      ("Добрый вечер. Можно ли перенести лицензию на другой компьютер?",
       "Добрый вечер! Да, можно: деактивируйте её в разделе «Лицензии» и активируйте на новом компьютере.")]
EN = [("Hi, my invoice is wrong. Is this normal? Reach me at anna.lee@example.com",
       "Obviously, you should have read the billing FAQ."),
      ("Hello, how do I reset my password?",
       "Hi! Open Settings, choose Security and press Reset password; the link arrives within a minute."),
      ("Dear support, the app crashes on start. Any idea why?",
       "Hey!! did you even try reinstalling it?")]
AGENTS = ["Игнат", "Sam", "Olga", "Lee"]


def conversations(n: int, seed: int = 7):
    rng = random.Random(seed)
    for k in range(n):
        pairs = rng.choice([RU, EN])
        messages = []
        day = 1 + k % 28
        for turn in range(rng.randint(1, 3)):
            question, answer = rng.choice(pairs)
            stamp = f"2026-{1 + k % 6:02d}-{day:02d}T1{turn}:00:00"
            messages.append({"id": f"m{2 * turn}", "role": "customer", "author": rng.choice(["Марко Сантино",
                                                                                             "Anna Lee"]),
                             "created_at": stamp, "text": question})
            messages.append({"id": f"m{2 * turn + 1}", "role": "agent", "author": rng.choice(AGENTS),
                             "created_at": stamp.replace(":00:00", ":30:00"), "text": answer})
        yield {"id": f"conv-{k:05d}", "messages": messages}


def write_jsonl(path: Path, items, gz: bool = False) -> Path:
    lines = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as f:
            f.write(lines)
    else:
        path.write_text(lines, encoding="utf-8")
    return path


def audit(*args):
    result = CliRunner().invoke(main, ["audit", "--no-config", "--quiet", *map(str, args)])
    assert "Traceback" not in result.output, result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def sorted_findings(out: Path) -> list[str]:
    return sorted((out / "findings.jsonl").read_text(encoding="utf-8").splitlines())


def test_jsonl_csv_and_gzip_inputs_reconcile_and_fill_every_output(tmp_path):
    items = list(conversations(30))
    jsonl = write_jsonl(tmp_path / "a.jsonl", items[:10])
    gz = write_jsonl(tmp_path / "b.jsonl.gz", items[10:20], gz=True)
    with open(tmp_path / "c.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["ticket", "message_id", "role", "author", "created_at", "body"])
        rows = [(c["id"], m["id"], m["role"], m["author"], m["created_at"], m["text"])
                for c in items[20:] for m in c["messages"]]
        random.Random(1).shuffle(rows)  # a conversation's rows need not be together
        writer.writerows(rows)
    out = tmp_path / "out"
    result = audit(jsonl, gz, tmp_path / "c.csv", "--out", out, "--jobs", "1",
                   "--column", "conversation=ticket", "--column", "text=body")
    assert result.exit_code == 0, result.output
    assert "30 conversations read: 30 linted, 0 could not be read" in result.stderr
    db = sqlite3.connect(out / "audit.sqlite")
    assert db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0] == 30
    replies = db.execute("SELECT COUNT(*) FROM messages WHERE role = 'agent' AND linted = 1").fetchone()[0]
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert findings and {"conversation_id", "message_id", "agent", "created_at", "rule_id", "span_message_id",
                         "start", "end", "text", "suggestions"} <= set(findings[0])
    assert {"blame", "formality", "unanswered"} <= {f["category"] for f in findings}
    blame = next(f for f in findings if f["rule_id"] == "ru.blame.you-did-wrong")
    text = db.execute("SELECT text FROM messages WHERE conversation_id = ? AND message_id = ?",
                      (blame["conversation_id"], blame["span_message_id"])).fetchone()[0]
    assert text[blame["start"]:blame["end"]] == blame["text"]
    with open(out / "summary.csv", encoding="utf-8") as f:
        summary = list(csv.DictReader(f))
    assert sum(int(row["replies"]) for row in summary) == replies
    igor = next(row for row in summary if row["agent"] == "Игнат")
    assert float(igor["blame_per_100_replies"]) == pytest.approx(100 * int(igor["blame_findings"]) / int(igor["replies"]),
                                                                 abs=0.06)
    assert (out / "report.html").read_text(encoding="utf-8").count("<svg") == 2


def test_corrupt_input_becomes_error_rows_named_by_line_and_exit_1(tmp_path):
    good = [json.dumps(c, ensure_ascii=False) for c in conversations(3)]
    (tmp_path / "broken.jsonl").write_text(f"{good[0]}\n{{not json\n{good[1]}\n[1, 2]\n{good[0]}\n",
                                           encoding="utf-8")
    data = gzip.compress(("\n".join(good[2:] + good[:1]) + "\n").encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) - 12])  # a truncated gzip
    rows = "conversation_id,message_id,role,author,created_at,text\n" \
           "t1,1,customer,A,2026-01-01,Is this normal?\n".encode() + b"t1,2,agent,B,2026-01-01,\xff\xfe bad\n" \
           + "t2,1,agent,B,2026-01-02,Thanks!\nt3,1,robot,B,2026-01-02,Hi\n".encode()
    (tmp_path / "rows.csv").write_bytes(rows)
    out = tmp_path / "out"
    result = audit(tmp_path / "broken.jsonl", tmp_path / "cut.jsonl.gz", tmp_path / "rows.csv",
                   tmp_path / "missing.jsonl", "--out", out)
    assert result.exit_code == 1
    errors = sqlite3.connect(out / "audit.sqlite").execute("SELECT file, location, reason FROM errors").fetchall()
    where = {(Path(f).name, loc) for f, loc, _ in errors}
    assert {("broken.jsonl", "line 2"), ("broken.jsonl", "line 4"), ("broken.jsonl", "line 5"), ("rows.csv", "line 3"),
            ("rows.csv", "line 5"), ("missing.jsonl", "-")} <= where
    assert any(loc == "line 5" and "appears again" in reason for _, loc, reason in errors)
    assert any(Path(f).name == "cut.jsonl.gz" and "cannot read further" in reason for f, _, reason in errors)
    assert "broken.jsonl: line 2: invalid JSON" in result.stderr
    # read = linted + errors
    db = sqlite3.connect(out / "audit.sqlite")
    linted = db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0]
    read = int(result.stderr.split(" conversations read")[0].split()[-1].replace(",", ""))
    assert read == linted + len(errors)


def _sigint_as_in_a_terminal() -> None:
    # a test run started in the background (`cmd &`, nohup, some CI runners) hands its children
    # SIGINT ignored, and Python then never raises KeyboardInterrupt: the run would finish instead
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("stop, jobs", [(signal.SIGKILL, "1"), (signal.SIGINT, "2")])
def test_a_run_killed_half_way_and_resumed_gives_the_same_outputs(tmp_path, stop, jobs):
    total = 3000  # commits come every 200 conversations: enough of them that the kill lands mid-run
    source = write_jsonl(tmp_path / "many.jsonl", conversations(total, seed=3))
    whole = tmp_path / "whole"
    assert audit(source, "--out", whole, "--jobs", "1").exit_code == 0
    part = tmp_path / "part"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    process = subprocess.Popen([sys.executable, "-m", "replylint", "audit", "--no-config", "--quiet", str(source),
                                "--out", str(part), "--jobs", jobs], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=_sigint_as_in_a_terminal)
    deadline = time.time() + 300
    committed = 0
    while time.time() < deadline and process.poll() is None and committed < 200:
        time.sleep(0.05)
        try:
            db = sqlite3.connect(f"file:{part / 'audit.sqlite'}?mode=ro", uri=True)
            committed = db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0]
            db.close()
        except sqlite3.Error:
            pass
    assert process.poll() is None, "the run ended before it could be killed: make the input larger"
    os.killpg(process.pid, stop)  # the whole process group, as Ctrl+C in a terminal
    _, stderr = process.communicate(timeout=120)
    assert 0 < committed < total
    if stop == signal.SIGINT:
        assert process.returncode == 130 and stderr.strip() == "replylint: interrupted", stderr
    assert audit(source, "--out", part).exit_code == 2  # an existing run is not overwritten
    result = audit(source, "--out", part, "--resume", "--jobs", "1")
    assert result.exit_code == 0 and "done by an earlier run" in result.stderr
    assert sorted_findings(part) == sorted_findings(whole)
    assert (part / "summary.csv").read_text(encoding="utf-8") == (whole / "summary.csv").read_text(encoding="utf-8")
    db = sqlite3.connect(part / "audit.sqlite")
    assert db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0] == total


def test_two_jobs_give_the_same_findings_as_one(tmp_path):
    source = write_jsonl(tmp_path / "c.jsonl", conversations(60, seed=5))
    assert audit(source, "--out", tmp_path / "one", "--jobs", "1").exit_code == 0
    assert audit(source, "--out", tmp_path / "two", "--jobs", "2").exit_code == 0
    assert sorted_findings(tmp_path / "one") == sorted_findings(tmp_path / "two")


def test_filters_and_redaction(tmp_path):
    source = write_jsonl(tmp_path / "c.jsonl", conversations(40, seed=9))
    out = tmp_path / "out"
    assert audit(source, "--out", out, "--jobs", "1", "--redact", "--agent", "Игнат",
                 "--since", "2026-02-01", "--until", "2026-04-30").exit_code == 0
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    assert findings and {f["agent"] for f in findings} == {"Игнат"}
    assert all("2026-02-01" <= f["created_at"][:10] <= "2026-04-30" for f in findings)
    everything = (out / "findings.jsonl").read_text(encoding="utf-8") + (out / "report.html").read_text(encoding="utf-8")
    assert "Марко" not in everything and "912 345" not in everything and "anna.lee@example.com" not in everything
    assert "[customer]" in everything
    assert audit(source, "--out", tmp_path / "x", "--since", "March").exit_code == 2


@needs_chromium
def test_the_report_opens_offline_in_chromium_and_sorts_the_agents(tmp_path):
    from selenium.webdriver.common.by import By

    source = write_jsonl(tmp_path / "c.jsonl", conversations(120, seed=11))
    out = tmp_path / "out"
    assert audit(source, "--out", out, "--jobs", "2").exit_code == 0
    with headless_chrome(1200, 1800) as driver:
        driver.get((out / "report.html").as_uri())
        assert driver.find_element(By.TAG_NAME, "h1").text == "Support replies audit"
        assert len(driver.find_elements(By.CSS_SELECTOR, "svg polyline")) >= 3  # a line per category
        assert len(driver.find_elements(By.CSS_SELECTOR, "article mark")) >= 3  # worst replies, highlighted
        header = driver.find_element(By.XPATH, "//table[@id='agents']//th[1]")
        header.click()
        names = [r.find_element(By.TAG_NAME, "td").text for r in
                 driver.find_elements(By.CSS_SELECTOR, "#agents tbody tr")]
        assert names == sorted(names, reverse=True)
        header.click()
        names = [r.find_element(By.TAG_NAME, "td").text for r in
                 driver.find_elements(By.CSS_SELECTOR, "#agents tbody tr")]
        assert names == sorted(names)
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(SCREENSHOT))


def _mail(sender: str, message_id: str, body: str, date: str, reply_to: str | None = None) -> str:
    headers = [f"From: {sender}", "To: support@help.example", f"Subject: Re: invoice", f"Date: {date}",
               f"Message-ID: {message_id}", "Content-Type: text/plain; charset=utf-8"]
    if reply_to:
        headers += [f"In-Reply-To: {reply_to}", f"References: {reply_to}"]
    return "\n".join(headers) + "\n\n" + body + "\n"


def test_mbox_and_eml_threads_and_a_broken_message(tmp_path):
    import mailbox

    box = mailbox.mbox(tmp_path / "support.mbox")
    box.add(_mail("Anna Lee <anna@example.com>", "<c1@example.com>", "Hi, my invoice is wrong. Is this normal?",
                  "Mon, 02 Mar 2026 10:00:00 +0000").encode())
    box.add(_mail("Sam <sam@help.example>", "<a1@help.example>", "Obviously, you should have read the billing FAQ.",
                  "Mon, 02 Mar 2026 11:00:00 +0000", reply_to="<c1@example.com>").encode())
    box.add(b"From: x@example.com\nMessage-ID: <img@example.com>\nContent-Type: image/png\n\nPNGDATA")
    box.flush()
    box.close()
    folder = tmp_path / "eml"
    folder.mkdir()
    (folder / "1.eml").write_text(_mail("Олег <oleg@example.ru>", "<r1@example.ru>",
                                        "Здравствуйте! Скажите, пожалуйста, когда придёт заказ?",
                                        "Tue, 03 Mar 2026 10:00:00 +0300"), encoding="utf-8")
    (folder / "2.eml").write_text(_mail("Игнат <ignat@help.example>", "<r2@help.example>",
                                        "Привет! Вы указали неверный адрес.\n\n> Здравствуйте! Скажите...",
                                        "Tue, 03 Mar 2026 12:00:00 +0300", reply_to="<r1@example.ru>"),
                                  encoding="utf-8")
    out = tmp_path / "out"
    result = audit(tmp_path / "support.mbox", folder, "--out", out, "--agent-domain", "help.example", "--jobs", "1")
    assert result.exit_code == 1  # the image-only message
    db = sqlite3.connect(out / "audit.sqlite")
    assert db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0] == 2
    (error,) = db.execute("SELECT location, reason FROM errors").fetchall()
    assert error[0] == "message 3" and "no text body" in error[1]
    rules = {f["rule_id"] for f in map(json.loads, (out / "findings.jsonl").read_text(encoding="utf-8").splitlines())}
    assert {"en.blame.condescending-adverb", "ru.blame.you-did-wrong", "ru.unanswered.question"} <= rules
    roles = db.execute("SELECT author, role FROM messages ORDER BY conversation_id, position").fetchall()
    assert ("Sam", "agent") in roles and ("Anna Lee", "customer") in roles


def test_a_zendesk_export_skips_internal_notes(tmp_path):
    tickets = {"tickets": [{"id": 501, "requester_id": 9, "comments": [
        {"id": 1, "author_id": 9, "public": True, "plain_body": "Is this normal? The invoice is wrong.",
         "created_at": "2026-03-02T10:00:00Z"},
        {"id": 2, "author_id": 77, "public": False, "plain_body": "Obviously the customer is clueless.",
         "created_at": "2026-03-02T10:30:00Z"},
        {"id": 3, "author_id": 77, "public": True, "html_body": "<p>Hi! Yes, this is normal: the invoice updates "
                                                                "overnight.</p>", "created_at": "2026-03-02T11:00:00Z"}]},
        {"id": 502, "requester_id": 9, "comments": "oops"}]}
    (tmp_path / "zendesk.json").write_text(json.dumps(tickets), encoding="utf-8")
    out = tmp_path / "out"
    result = audit(tmp_path / "zendesk.json", "--out", out, "--jobs", "1")
    assert result.exit_code == 1 and "ticket 502" in result.stderr
    assert (out / "findings.jsonl").read_text(encoding="utf-8") == ""  # the note is not a reply
    db = sqlite3.connect(out / "audit.sqlite")
    assert db.execute("SELECT role, linted FROM messages WHERE conversation_id = '501' ORDER BY position").fetchall() \
        == [("customer", 0), ("agent", 1)]


def test_dask_local_gives_the_same_findings_as_two_jobs(tmp_path):
    pytest.importorskip("distributed")
    source = write_jsonl(tmp_path / "c.jsonl", conversations(150, seed=13))
    assert audit(source, "--out", tmp_path / "jobs", "--jobs", "2").exit_code == 0
    result = audit(source, "--out", tmp_path / "dask", "--dask", "local", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert sorted_findings(tmp_path / "dask") == sorted_findings(tmp_path / "jobs")
    assert (tmp_path / "dask" / "summary.csv").read_text(encoding="utf-8") == \
        (tmp_path / "jobs" / "summary.csv").read_text(encoding="utf-8")


def test_findings_keep_their_fix_region_and_an_older_store_is_migrated(tmp_path):
    reply = "Hi Tom, the export works again. It is not rocket science, you know. Have a nice day."
    item = {"id": "c1", "messages": [
        {"id": "m1", "role": "customer", "author": "Tom", "created_at": "2026-01-05T10:00:00", "text": "Export?"},
        {"id": "m2", "role": "agent", "author": "Ann", "created_at": "2026-01-05T11:00:00", "text": reply}]}
    source = write_jsonl(tmp_path / "a.jsonl", [item])
    out = tmp_path / "out"
    # a store from before findings had a fix region: --resume adds the columns
    out.mkdir()
    old = sqlite3.connect(out / "audit.sqlite")
    old.execute("CREATE TABLE findings (conversation_id TEXT, message_id TEXT, agent TEXT, created_at TEXT, "
                "rule_id TEXT, category TEXT, severity TEXT, message TEXT, source TEXT, source_index INTEGER, "
                'start INTEGER, "end" INTEGER, line INTEGER, "column" INTEGER, text TEXT, suggestions TEXT, '
                "span_message_id TEXT)")
    old.commit()
    old.close()
    result = audit(source, "--out", out, "--jobs", "1", "--resume")
    assert result.exit_code == 0, result.output  # (findings are no error for an audit)
    (finding,) = [f for f in map(json.loads, (out / "findings.jsonl").read_text(encoding="utf-8").splitlines())
                  if "rocket" in f["text"] and f["rule_id"] != "en.blame.tone"]  # (the model flags the sentence too)
    assert reply[finding["start"]:finding["end"]] == "not rocket science"
    assert reply[finding["fix_start"]:finding["fix_end"]] == "It is not rocket science, you know."
    assert "«It is not rocket science, you know.»" in (out / "report.html").read_text(encoding="utf-8")
