"""How good `--fix` rewrites of blame are, against human neutral rewrites.

    python bench/rewrites.py             # dev cases, fixtures, and the detox corpora
    python bench/rewrites.py --limit 500 # fewer detox pairs

For every labeled case with a human `neutral:` rewrite (../shared/eval/dev
and tests/fixtures/heldout) whose reply a blame rule flags: the share whose
`--fix` output has no blame finding left (target >= 95%), and the mean chrF
of the fixed reply against the human rewrite (sacrebleu's chrF; the reply as
it was is scored too, for a baseline). The same on the pairs of
../shared/realdata/paradetox_en and rudetoxifier_ru whose toxic side a blame
rule flags. Prints figures, never asserts. Needs sacrebleu (pip install
sacrebleu).
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def chrf(hypothesis: str, references: list[str]) -> float:
    from sacrebleu.metrics import CHRF

    return CHRF().sentence_score(hypothesis, references).score


def score(engine, items: list[tuple[str, tuple[str, ...], list[str]]]) -> dict:
    """items: (reply, customer messages, human rewrites) -> figures over those a blame rule flags."""
    from replylint.engine import Exchange
    from replylint.rewrite import fix_exchange

    flagged = clean = 0
    before, after = [], []
    for reply, customer, references in items:
        exchange = Exchange(reply, customer)
        if not any(f.category == "blame" for f in engine.lint(exchange)):
            continue
        flagged += 1
        fixed, left = fix_exchange(engine, exchange)
        clean += not any(f.category == "blame" for f in left)
        before.append(chrf(reply, references))
        after.append(chrf(fixed, references))
    return {"flagged": flagged, "clean": clean, "before": statistics.mean(before) if before else 0.0,
            "after": statistics.mean(after) if after else 0.0}


def labeled_cases() -> dict[str, list]:
    from replylint.evaluation import load_cases

    paths = [p for p in (SHARED / "eval" / "dev").glob("*.yaml")] + sorted((ROOT / "tests" / "fixtures" / "heldout")
                                                                          .glob("*.yaml"))
    out: dict[str, list] = {"ru": [], "en": []}
    for case in load_cases([p for p in paths if p.exists()]):
        if case.neutral and case.lang in out:
            out[case.lang].append((case.reply, (case.customer,) if case.customer else (), [case.neutral]))
    return out


def detox(limit: int) -> dict[str, list]:
    out: dict[str, list] = {"ru": [], "en": []}
    sources = {"en": SHARED / "realdata" / "paradetox_en" / "paradetox.tsv",
               "ru": SHARED / "realdata" / "rudetoxifier_ru" / "dataset_200.tsv"}
    for lang, path in sources.items():
        if not path.exists():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
        for row in rows[1:limit + 1]:
            if len(row) >= 2 and row[0].strip():
                references = [r for r in row[1:] if r.strip()]
                if references:
                    out[lang].append((row[0].strip(), (), references))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=20_000, help="detox pairs read per corpus")
    args = parser.parse_args()
    try:
        import sacrebleu  # noqa: F401
    except ImportError:
        sys.exit("bench/rewrites.py needs sacrebleu for chrF: pip install sacrebleu")
    from replylint.engine import Engine
    from replylint.packs import load_rules

    engine = Engine(load_rules())
    for title, groups in (("labeled cases with neutral: (dev + fixtures)", labeled_cases()),
                          ("detox pairs (paradetox_en, rudetoxifier_ru)", detox(args.limit))):
        print(title)
        for lang, items in groups.items():
            if not items:
                print(f"  [{lang}] no data")
                continue
            s = score(engine, items)
            share = s["clean"] / s["flagged"] if s["flagged"] else 0.0
            print(f"  [{lang}] {len(items)} pairs, {s['flagged']} flagged by blame; --fix leaves no blame finding on "
                  f"{s['clean']} ({share:.1%}, target >= 95%); chrF vs the human rewrite: {s['before']:.1f} as "
                  f"written -> {s['after']:.1f} fixed")


if __name__ == "__main__":
    main()
