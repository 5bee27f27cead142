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


if __name__ == "__main__":
    source, start, stop = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    items = list((rutube_exchanges() if source == "rutube" else twitter_exchanges()).items())
    for key, (customer, reply) in items[start:stop]:
        print(f"=== {key}\n--- customer:\n{customer.strip()}\n--- reply:\n{reply.strip()}\n")
