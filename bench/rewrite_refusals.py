"""Why the tone rule's clause removal offers no rewrite: for every labeled case (dev + fixtures) with a
human `neutral:` rewrite whose --fix output keeps a tone finding that had no suggestion, the reasons each
candidate removal was refused (ClauseRemoval.trace), grouped.

    PYTHONPATH=. python bench/rewrite_refusals.py ru [-v]
"""
import collections
import os
import sys
from pathlib import Path

sys.path.insert(0, os.getcwd())
from replylint.engine import Engine, Exchange  # noqa: E402
from replylint.evaluation import load_cases  # noqa: E402
from replylint.packs import load_rules  # noqa: E402
from replylint.rewrite import fix_exchange  # noqa: E402

lang = sys.argv[1]
verbose = "-v" in sys.argv
paths = sorted(Path("../shared/eval/dev").glob("*.yaml")) + sorted(Path("tests/fixtures/heldout").glob("*.yaml"))
engine = Engine(load_rules())
linter = engine.linter(lang)
tone = next(r for r in linter.rules if r.spec.id == f"{lang}.blame.tone").matcher
removal = tone._rewrite
groups = collections.defaultdict(list)
for case in load_cases(paths):
    if not case.neutral or case.lang != lang:
        continue
    ex = Exchange(case.reply, (case.customer,) if case.customer else ())
    found = [f for f in engine.lint(ex) if f.rule_id == f"{lang}.blame.tone" and not f.suggestions]
    if not found:
        continue
    _, left = fix_exchange(engine, ex)
    left = {(f.text) for f in left if f.rule_id == f"{lang}.blame.tone"}
    doc = linter.doc(case.reply)
    linter.split_sentences(doc)
    if linter.annotate is not None:
        linter.annotate(doc)
    for f in found:
        if f.text not in left:
            continue
        span = doc.char_span(f.start, f.end, alignment_mode="expand")
        removal.trace = []
        tone._sentence_rewrite(doc, span.start, span.end)
        trace, removal.trace = removal.trace, None
        kinds = sorted({t[0] for t in trace}) or ["(no candidate)"]
        key = " + ".join(kinds)
        detail = "; ".join(f"{t[0]}:{span[t[1]:t[2]].text!r}" + (f"={t[3]}" if len(t) > 3 else "")
                           if len(t) >= 3 else t[0] for t in trace)
        groups[key].append((case.id, f.text, detail))
for key, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
    print(f"{len(items):4}  {key}")
    if verbose:
        for cid, text, detail in items:
            print(f"      {cid}  {text!r}\n          {detail}")
