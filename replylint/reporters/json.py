"""Machine-readable findings for ticket tools and pre-send hooks."""

from __future__ import annotations

import json
from collections import Counter


def render(checked: list, color: bool = False) -> str:
    findings = []
    counts: Counter = Counter()
    for message in checked:
        for f in message.findings:
            counts[f.severity] += 1
            findings.append({"path": message.path_of(f), **f.to_dict()})
    return json.dumps(
        {"findings": findings, "counts": {s: counts[s] for s in ("error", "warning", "info")}},
        ensure_ascii=False,
        indent=2,
    )
