"""The audit's outputs, written from its store (audit.sqlite): findings.jsonl,
summary.csv and report.html, a self-contained page (inline CSS, JS and SVG
charts; nothing fetched) a support lead opens in a browser."""

from __future__ import annotations

import csv
import html
import json
import re
import sqlite3
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path

CATEGORIES = ("blame", "formality", "unanswered", "redundant-question")
COLORS = {"blame": "#d93025", "formality": "#e37400", "unanswered": "#1a73e8", "redundant-question": "#188038"}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d ()\-]{6,}\d(?!\d)")
_ACCOUNT = re.compile(r"(?<!\d)\d{6,}(?!\d)")


class Redactor:
    """Masks e-mails, card, phone and account numbers, and the names of the
    customers of the conversation a text belongs to."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self._names: dict[str, re.Pattern | None] = {}  # conversation id -> its customers' names

    def __call__(self, text: str, conversation: str) -> str:
        if not text:
            return text
        text = _EMAIL.sub("[email]", text)
        text = _CARD.sub("[card]", text)
        text = _PHONE.sub("[phone]", text)
        text = _ACCOUNT.sub("[number]", text)
        names = self._pattern(conversation)
        return names.sub("[customer]", text) if names is not None else text

    def _pattern(self, conversation: str) -> re.Pattern | None:
        if conversation not in self._names:
            if len(self._names) > 10_000:
                self._names.clear()
            authors = [row[0] for row in self.db.execute(
                "SELECT DISTINCT author FROM messages WHERE conversation_id = ? AND role = 'customer'",
                (conversation,))]
            words = sorted({w for a in authors for w in re.findall(r"\w{2,}", a)}, key=len, reverse=True)
            self._names[conversation] = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b",
                                                   re.IGNORECASE) if words else None
        return self._names[conversation]


def _identity(text: str, conversation: str = "") -> str:
    return text


# findings.jsonl: each line's keys and the findings column (SQL) each is read from;
# a store written before findings had a fix region: the span is the region
_FINDING_FIELDS = (("conversation_id", "conversation_id"), ("message_id", "message_id"), ("agent", "agent"),
                   ("created_at", "created_at"), ("rule_id", "rule_id"), ("category", "category"),
                   ("severity", "severity"), ("message", "message"), ("source", "source"),
                   ("source_index", "source_index"), ("start", "start"), ("end", '"end"'), ("line", "line"),
                   ("column", '"column"'), ("text", "text"), ("suggestions", "suggestions"),
                   ("span_message_id", "span_message_id"), ("fix_start", "COALESCE(fix_start, start)"),
                   ("fix_end", 'COALESCE(fix_end, "end")'))


def write_outputs(db: sqlite3.Connection, out: Path, redact: bool = False) -> None:
    """The three outputs, read from the store row by row and aggregated in
    SQL: memory does not grow with the number of findings."""
    mask = Redactor(db) if redact else _identity
    order = " FROM findings ORDER BY conversation_id, message_id, source, source_index, start, rule_id"
    with open(out / "findings.jsonl", "w", encoding="utf-8") as f:
        if not redact:
            # the lines are made by SQLite's json_object, in C: a year's findings are written in
            # seconds, and this tail of a run is not spread over the workers
            fields = ", ".join(f"'{key}', " + (f"json({sql})" if key == "suggestions" else sql)
                               for key, sql in _FINDING_FIELDS)
            f.writelines(line + "\n" for (line,) in db.execute(f"SELECT json_object({fields})" + order))
        else:
            keys = [key for key, _ in _FINDING_FIELDS]
            for row in db.execute("SELECT " + ", ".join(sql for _, sql in _FINDING_FIELDS) + order):
                data = dict(zip(keys, row))
                conversation = data["conversation_id"]
                data["suggestions"] = [mask(s, conversation) for s in json.loads(data["suggestions"])]
                data["text"], data["message"] = mask(data["text"], conversation), mask(data["message"], conversation)
                f.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    replies = Counter(dict(db.execute(
        "SELECT author, COUNT(*) FROM messages WHERE role = 'agent' AND linted = 1 GROUP BY author").fetchall()))
    per_agent: dict[str, Counter] = defaultdict(Counter)
    for agent, category, count in db.execute("SELECT agent, category, COUNT(*) FROM findings GROUP BY 1, 2"):
        per_agent[agent][category] = count
    categories = _categories(per_agent)
    with open(out / "summary.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["agent", "replies", *(f"{c}_findings" for c in categories),
                         *(f"{c}_per_100_replies" for c in categories)])
        for agent in sorted(replies):
            n = replies[agent]
            counts = [per_agent[agent][c] for c in categories]
            writer.writerow([agent, n, *counts, *(f"{100 * k / n:.1f}" if n else "0.0" for k in counts)])
    (out / "report.html").write_text(_report(db, replies, per_agent, categories, mask), encoding="utf-8")


def _categories(per_agent: dict[str, Counter]) -> list[str]:
    seen = {c for counts in per_agent.values() for c in counts}
    return [c for c in CATEGORIES if c in seen] + sorted(seen - set(CATEGORIES)) or list(CATEGORIES[:1])


def _week(stamp: str) -> str | None:
    try:
        day = datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()
    except (ValueError, AttributeError):
        return None
    return (day - timedelta(days=day.weekday())).isoformat()


def _report(db, replies: Counter, per_agent, categories: list[str], mask) -> str:
    total_replies = sum(replies.values())
    conversations = db.execute("SELECT COUNT(*) FROM conversations").fetchone()[0]
    errors = db.execute("SELECT file, location, reason FROM errors ORDER BY file, location LIMIT 50").fetchall()
    error_count = db.execute("SELECT COUNT(*) FROM errors").fetchone()[0]
    by_category = Counter()
    for counts in per_agent.values():
        by_category.update(counts)
    total_findings = sum(by_category.values())
    # by day in SQL, by week here (a year is a few hundred days)
    weekly_replies: Counter = Counter()
    for day, count in db.execute("SELECT substr(created_at, 1, 10), COUNT(*) FROM messages "
                                 "WHERE role = 'agent' AND linted = 1 GROUP BY 1"):
        if (week := _week(day)) is not None:
            weekly_replies[week] += count
    weekly = defaultdict(Counter)
    for day, category, count in db.execute("SELECT substr(created_at, 1, 10), category, COUNT(*) FROM findings "
                                           "GROUP BY 1, 2"):
        if (week := _week(day)) is not None:
            weekly[week][category] += count
    rules = db.execute("SELECT rule_id, COUNT(*) FROM findings GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10").fetchall()
    parts = [_HEAD, "<header><h1>Support replies audit</h1>",
             f"<p>{conversations:,} conversations · {total_replies:,} agent replies checked · "
             f"{total_findings:,} findings · {error_count:,} records that could not be read</p></header><main>"]
    # totals
    parts.append('<section><h2>What was found</h2><div class="cards">')
    for c in categories:
        rate = 100 * by_category[c] / total_replies if total_replies else 0
        parts.append(f'<div class="card" style="border-color:{COLORS.get(c, "#5f6368")}"><div class="n">'
                     f'{rate:.1f}</div><div>{html.escape(_label(c))} per 100 replies</div>'
                     f'<div class="muted">{by_category[c]:,} in all</div></div>')
    parts.append("</div></section>")
    # weekly chart
    parts.append("<section><h2>Per 100 replies, week by week</h2>")
    parts.append(_line_chart(sorted(weekly_replies), weekly_replies, weekly, categories))
    parts.append("</section>")
    # agents
    parts.append('<section><h2>Agents</h2><p class="muted">Click a column to sort.</p>'
                 '<table id="agents"><thead><tr><th data-kind="text">Agent</th><th>Replies</th>')
    parts += [f"<th>{html.escape(_label(c))} /100</th>" for c in categories]
    parts.append("<th>All /100</th></tr></thead><tbody>")
    for agent in sorted(replies, key=lambda a: -sum(per_agent[a].values()) / max(replies[a], 1)):
        n = replies[agent] or 1
        cells = "".join(f"<td>{100 * per_agent[agent][c] / n:.1f}</td>" for c in categories)
        parts.append(f"<tr><td>{html.escape(agent or '(unknown)')}</td><td>{replies[agent]}</td>{cells}"
                     f"<td>{100 * sum(per_agent[agent].values()) / n:.1f}</td></tr>")
    parts.append("</tbody></table></section>")
    # rules
    parts.append("<section><h2>Most frequent rules</h2>")
    parts.append(_bar_chart(rules))
    parts.append("</section>")
    # worst replies
    parts.append("<section><h2>Replies to look at first</h2>"
                 '<p class="muted">The replies with the most (and most severe) findings; hover or focus a '
                 "highlight for what is wrong, the rewrite is listed below it.</p>")
    parts += _worst(db, mask)
    parts.append("</section>")
    if errors:
        parts.append(f"<section><h2>Records that could not be read ({error_count:,})</h2><ul>")
        parts += [f"<li>{html.escape(f)}, {html.escape(loc)}: {html.escape(reason)}</li>"
                  for f, loc, reason in errors[:50]]
        parts.append("</ul></section>")
    parts.append("</main>" + _SCRIPT + "</body></html>")
    return "".join(parts)


def _label(category: str) -> str:
    return {"blame": "Blame", "formality": "Formality", "unanswered": "Unanswered questions",
            "redundant-question": "Redundant questions"}.get(category, category)


def _line_chart(weeks: list[str], replies: Counter, weekly, categories: list[str]) -> str:
    if not weeks:
        return '<p class="muted">No dated replies.</p>'
    width, height, left, bottom, top = 760, 260, 48, 40, 16
    series = {c: [100 * weekly[w][c] / replies[w] if replies[w] else 0 for w in weeks] for c in categories}
    peak = max([v for values in series.values() for v in values] + [1.0])
    step = (width - left - 20) / max(len(weeks) - 1, 1)

    def xy(k: int, v: float) -> str:
        return f"{left + k * step:.1f},{top + (height - top - bottom) * (1 - v / peak):.1f}"

    out = [f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="Findings per 100 replies by week">']
    for frac in (0, 0.5, 1):
        y = top + (height - top - bottom) * (1 - frac)
        out.append(f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{peak * frac:.0f}</text>')
    for k in sorted({0, len(weeks) - 1, len(weeks) // 2}):
        anchor = "start" if k == 0 else "end" if k == len(weeks) - 1 else "middle"
        out.append(f'<text x="{left + k * step:.1f}" y="{height - 18}" text-anchor="{anchor}">week of {weeks[k]}'
                   "</text>")
    for n, c in enumerate(categories):
        points = " ".join(xy(k, v) for k, v in enumerate(series[c]))
        color = COLORS.get(c, "#5f6368")
        out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{points}"><title>'
                   f'{html.escape(_label(c))}</title></polyline>')
        out.append(f'<rect x="{left + n * 170}" y="{height - 10}" width="10" height="10" fill="{color}"/>'
                   f'<text x="{left + n * 170 + 14}" y="{height - 1}">{html.escape(_label(c))}</text>')
    out.append("</svg>")
    return "".join(out)


def _bar_chart(rules: list[tuple[str, int]]) -> str:
    if not rules:
        return '<p class="muted">No findings.</p>'
    width, row = 760, 24
    peak = rules[0][1]
    out = [f'<svg viewBox="0 0 {width} {row * len(rules) + 8}" role="img" aria-label="Most frequent rules">']
    for k, (rule, count) in enumerate(rules):
        bar = (width - 330) * count / peak
        out.append(f'<text x="0" y="{k * row + 16}">{html.escape(rule)}</text>'
                   f'<rect x="270" y="{k * row + 4}" width="{bar:.1f}" height="16" fill="#8ab4f8"/>'
                   f'<text x="{276 + bar:.1f}" y="{k * row + 16}">{count:,}</text>')
    out.append("</svg>")
    return "".join(out)


def _worst(db, mask, limit: int = 10) -> list[str]:
    worst = db.execute(
        "SELECT conversation_id, message_id FROM findings WHERE source = 'reply' GROUP BY 1, 2 "
        "ORDER BY SUM(CASE severity WHEN 'error' THEN 3 WHEN 'warning' THEN 2 ELSE 1 END) DESC, 1, 2 LIMIT ?",
        (limit,)).fetchall()
    out = []
    for conversation, message in worst:
        text, author, created = db.execute(
            "SELECT text, author, created_at FROM messages WHERE conversation_id = ? AND message_id = ? "
            "AND role = 'agent'", (conversation, message)).fetchone() or ("", "", "")
        rows = db.execute(
            'SELECT start, "end", severity, message, text, suggestions, COALESCE(fix_start, start), '
            'COALESCE(fix_end, "end") FROM findings WHERE conversation_id = ? '
            "AND message_id = ? AND source = 'reply' ORDER BY start, \"end\"", (conversation, message)).fetchall()
        body, pos = [], 0
        for start, end, severity, note, *_ in rows:
            if start < pos:
                continue
            body.append(html.escape(mask(text[pos:start], conversation)))
            body.append(f'<mark tabindex="0" class="{severity}" title="{html.escape(note)}">'
                        f'{html.escape(mask(text[start:end], conversation))}</mark>')
            pos = end
        body.append(html.escape(mask(text[pos:], conversation)))
        fixes = "".join(f"<li><b>{html.escape(mask(found, conversation))}</b>: {html.escape(mask(note, conversation))}"
                        + _rewrite_note(text, (start, end), (fix_start, fix_end), json.loads(suggest),
                                        lambda s: mask(s, conversation)) + "</li>"
                        for start, end, _, note, found, suggest, fix_start, fix_end in rows)
        out.append(f'<article><div class="muted">{html.escape(author or "(unknown)")} · '
                   f'{html.escape(created)} · conversation {html.escape(mask(conversation, conversation))}</div>'
                   f'<div class="reply">{"".join(body)}</div><ul>{fixes}</ul></article>')
    return out or ['<p class="muted">No findings in replies.</p>']


def _rewrite_note(text: str, span: tuple[int, int], region: tuple[int, int], suggestions: list[str], mask) -> str:
    """« → rewrite» after a finding; a rewrite of the sentence around the span names what it replaces."""
    if not suggestions:
        return ""
    replaced = "" if region == span else f" «{html.escape(mask(text[region[0]:region[1]]))}»"
    return f" →{replaced} <i>{html.escape(mask(suggestions[0]) or '(remove)')}</i>"


_HEAD = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Support replies audit</title>
<style>
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#f6f7f9}
header{background:#fff;border-bottom:1px solid #e3e5e8;padding:14px 24px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#5f6368}main{padding:20px 24px;display:grid;gap:20px;max-width:1100px}
section{background:#fff;border:1px solid #e3e5e8;border-radius:8px;padding:14px 18px}h2{font-size:16px;margin:0 0 10px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{border-left:5px solid;padding:8px 14px;min-width:170px;background:#fafafa}
.card .n{font-size:28px;font-weight:700}.muted{color:#5f6368;font-size:13px}svg{width:100%;height:auto;font-size:12px}
svg .grid{stroke:#e3e5e8}table{border-collapse:collapse;width:100%}th,td{padding:6px 10px;border-bottom:1px solid #eee;
text-align:right}th:first-child,td:first-child{text-align:left}th{cursor:pointer;user-select:none;background:#fafafa}
th:focus{outline:3px solid #1a73e8}article{border-top:1px solid #eee;padding:10px 0}.reply{white-space:pre-wrap;
background:#fafafa;padding:8px;border-radius:6px;margin:6px 0}mark{border-radius:3px}mark.warning{background:#fff1b8}
mark.error{background:#ffd6d6}mark.info{background:#dcecff}mark:focus{outline:3px solid #1a73e8}
</style></head><body>"""

_SCRIPT = """<script>
"use strict";
document.querySelectorAll("#agents th").forEach((th, column) => {
  th.tabIndex = 0;
  const sort = () => {
    const body = th.closest("table").tBodies[0];
    const rows = Array.from(body.rows);
    const text = th.dataset.kind === "text";
    const descending = th.dataset.order !== "desc";
    rows.sort((a, b) => {
      const x = a.cells[column].textContent, y = b.cells[column].textContent;
      const order = text ? x.localeCompare(y) : parseFloat(x) - parseFloat(y);
      return descending ? -order : order;
    });
    th.dataset.order = descending ? "desc" : "asc";
    rows.forEach((r) => body.append(r));
  };
  th.addEventListener("click", sort);
  th.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
});
</script>"""
