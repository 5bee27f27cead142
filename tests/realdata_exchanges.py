"""Real support exchanges from ../shared/realdata, numbered the same way for labelling and for tests.

The text stays in ../shared (its README asks to keep it out of this repository); fixtures in
tests/fixtures/realdata only hold ids and labels. Run as a script to print exchanges:

    python -m tests.realdata_exchanges rutube 0 5
    python -m tests.realdata_exchanges twitter 0 5
"""

import csv
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
RUTUBE = SHARED / "realdata" / "rutube_support_qna_ru" / "cases.tsv"
TWITTER = SHARED / "realdata" / "twitter_customer_care_ibm_en" / "dev.json"


def rutube_exchanges():
    """{"rutube-<row>": (customer, reply)}; row is the 0-based data row of cases.tsv."""
    csv.field_size_limit(10**8)
    with RUTUBE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {f"rutube-{i}": (row["Вопрос пользователя"], row["Ответ сотрудника"]) for i, row in enumerate(rows)}


def twitter_exchanges():
    """{"twitter-<conversation>-<k>": (customer, reply)}.

    A conversation's turns (dialogContent, then agentURL.url_utterance as the last agent turn) are
    grouped into runs: the customer turns since the previous agent turn, joined by a blank line, and
    the agent turns that follow them. Exchange k is the k-th such pair (0-based).
    """
    conversations = json.loads(TWITTER.read_text(encoding="utf-8"))
    exchanges = {}
    for c, conv in enumerate(conversations):
        turns = [("agent" if "agent" in t else "customer", t["message"]) for t in conv["dialogContent"]]
        turns.append(("agent", conv["agentURL"]["url_utterance"]))
        customer, reply, k = [], [], 0
        for side, text in turns:
            if side == "customer":
                if reply:
                    if customer:
                        exchanges[f"twitter-{c}-{k}"] = ("\n\n".join(customer), "\n\n".join(reply))
                        k += 1
                    customer, reply = [], []
                customer.append(text)
            else:
                reply.append(text)
        if customer and reply:
            exchanges[f"twitter-{c}-{k}"] = ("\n\n".join(customer), "\n\n".join(reply))
    return exchanges


LABELS = Path(__file__).resolve().parent / "fixtures" / "realdata"


def score_question_labels(engine, source: str) -> dict:
    """Unanswered-question precision and recall on the hand labels of one source
    (tests/fixtures/realdata/questions_<source>.yaml), and the share of all the
    source's replies that get an unanswered or redundant-question finding."""
    import yaml

    from replylint.engine import Exchange

    exchanges = rutube_exchanges() if source == "rutube" else twitter_exchanges()
    labels = yaml.safe_load((LABELS / f"questions_{source}.yaml").read_text(encoding="utf-8"))
    tp = fp = fn = 0
    wrong = []
    for case in labels:
        customer, reply = exchanges[case["id"]]
        found = [f for f in engine.lint(Exchange(reply, (customer,)))
                 if f.category == "unanswered" and f.severity != "info"]
        expected = []
        for q in case["questions"]:
            if q["status"] == "unanswered":
                start = customer.index(q["text"])
                expected.append((start, start + len(q["text"])))
        hit = [any(f.start < e and s < f.end for f in found) for s, e in expected]
        tp += sum(hit)
        fn += len(hit) - sum(hit)
        for f in found:
            if not any(f.start < e and s < f.end for s, e in expected):
                fp += 1
                wrong.append((case["id"], "FP", f.text))
        wrong.extend((case["id"], "MISS", customer[s:e]) for (s, e), h in zip(expected, hit) if not h)
    flagged = sum(1 for customer, reply in exchanges.values()
                  if any(f.category in ("unanswered", "redundant-question") and f.severity != "info"
                         for f in engine.lint(Exchange(reply, (customer,)))))
    return {"labelled": len(labels), "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "replies": len(exchanges), "flagged": flagged, "wrong": wrong}


if __name__ == "__main__" and sys.argv[1] == "score":
    from replylint.engine import Engine
    from replylint.packs import load_rules

    engine = Engine(load_rules())
    for name in sys.argv[2:] or ("rutube", "twitter"):
        result = score_question_labels(engine, name)
        for case_id, kind, text in result.pop("wrong"):
            print(f"{kind:5} {case_id:16} {text!r}")
        print(name, {k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()})
elif __name__ == "__main__":
    source, start, stop = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    items = list((rutube_exchanges() if source == "rutube" else twitter_exchanges()).items())
    for key, (customer, reply) in items[start:stop]:
        print(f"=== {key}\n--- customer:\n{customer.strip()}\n--- reply:\n{reply.strip()}\n")
