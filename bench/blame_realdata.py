"""Blame on real public text (../shared/realdata), figures only:

    python bench/blame_realdata.py

- github_incivility_en: share of comments labelled Impatience, Mocking or Irony
  that get a blame finding (recall), and of civil ones ("None": false alarms);
- stanford_politeness_en (Wikipedia requests) and tydip_ru_en: the blame flag
  rate in the least polite quarter against the most polite quarter;
- rutube_support_qna_ru and twitter_customer_care_ibm_en: real agent replies
  flagged, by rule.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REALDATA = ROOT.parent / "shared" / "realdata"
sys.path.insert(0, str(ROOT))


def flagged(engine, text: str) -> list[str]:
    from replylint.engine import Exchange

    return [f.rule_id for f in engine.lint(Exchange(text)) if f.category == "blame"]


def main() -> None:
    from replylint.engine import Engine
    from replylint.packs import load_rules

    if not REALDATA.is_dir():
        sys.exit(f"{REALDATA} is not present")
    csv.field_size_limit(10**8)
    engine = Engine(load_rules())
    rows = list(csv.DictReader((REALDATA / "github_incivility_en" / "annotated_comment_level_sample.csv")
                               .open(encoding="utf-8")))
    for labels, name in ((("Impatience", "Mocking", "Irony"), "impatience/mocking/irony"), (("None",), "civil")):
        chosen = [r["comment_body"] for r in rows if r["tbdf"] in labels]
        hits = sum(1 for text in chosen if flagged(engine, text))
        print(f"github_incivility_en {name}: {hits}/{len(chosen)} flagged ({hits / len(chosen):.1%})")
    sources = [("stanford_politeness_en", "wikipedia.annotated.csv", "Request", "Normalized Score"),
               ("tydip_ru_en", "data_all_en_test.csv", "sentence", "score"),
               ("tydip_ru_en", "data_all_ru_test.csv", "sentence", "score")]
    for folder, file, text_key, score_key in sources:
        items = sorted(((float(r[score_key]), r[text_key]) for r in
                        csv.DictReader((REALDATA / folder / file).open(encoding="utf-8"))), key=lambda x: x[0])
        quarter = len(items) // 4
        rates = [sum(1 for _, t in part if flagged(engine, t)) / quarter
                 for part in (items[:quarter], items[-quarter:])]
        print(f"{folder}/{file}: least polite quarter {rates[0]:.1%} flagged, most polite {rates[1]:.1%}")
    sys.path.insert(0, str(ROOT))
    from tests.realdata_exchanges import rutube_exchanges, twitter_exchanges

    for name, exchanges in (("rutube", rutube_exchanges()), ("twitter", twitter_exchanges())):
        rules = Counter(rule for _, reply in exchanges.values() for rule in set(flagged(engine, reply)))
        replies = sum(1 for _, reply in exchanges.values() if flagged(engine, reply))
        print(f"{name}: {replies}/{len(exchanges)} agent replies with a blame finding {dict(rules)}")


if __name__ == "__main__":
    main()
