"""The same exchange gets the same findings in every process: nothing may hang
on the order of a set of strings, which changes with PYTHONHASHSEED (a question
naming a price and a time once asked for either, by process). Two processes
with different seeds lint the question rounds and a blame round each."""

import json
import os
import subprocess
import sys
from pathlib import Path

HELDOUT = Path(__file__).parent / "fixtures" / "heldout"
ROUNDS = sorted(HELDOUT.glob("questions_*.yaml")) + [HELDOUT / "ru27.yaml", HELDOUT / "en28.yaml"]

LINT_ALL = """
import json, sys
from pathlib import Path
from replylint.engine import Engine, Exchange
from replylint.evaluation import load_cases
from replylint.packs import load_rules

engine = Engine(load_rules())
for case in load_cases([Path(p) for p in sys.argv[1:]]):
    customer = (case.customer,) if case.customer else ()
    for finding in engine.lint(Exchange(case.reply, customer)):
        print(json.dumps([case.id, finding.to_dict()], ensure_ascii=False))
"""


def _findings(seed: str) -> list[str]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    done = subprocess.run([sys.executable, "-c", LINT_ALL, *map(str, ROUNDS)], env=env, capture_output=True,
                          text=True, encoding="utf-8", cwd=Path(__file__).parent.parent, check=True)
    return done.stdout.splitlines()


def test_findings_do_not_depend_on_the_hash_seed():
    first, second = _findings("1"), _findings("2")
    assert first, "no findings at all: the rounds were not read"
    assert all(json.loads(line) for line in first)
    assert first == second
