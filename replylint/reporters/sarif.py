"""SARIF 2.1.0, for code-review and CI tools that display it."""

from __future__ import annotations

import json

from .. import __version__

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(checked: list, color: bool = False) -> str:
    results, rule_ids = [], []
    for message in checked:
        for f in message.findings:
            if f.rule_id not in rule_ids:
                rule_ids.append(f.rule_id)
            results.append({
                "ruleId": f.rule_id,
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": message.path_of(f)},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "charOffset": f.start, "charLength": f.end - f.start,
                               "snippet": {"text": f.text}},
                }}],
                "fixes": [{"description": {"text": s}} for s in f.suggestions],
            })
    doc = {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {"driver": {"name": "replylint", "version": __version__,
                                "rules": [{"id": rid} for rid in rule_ids]}},
            "results": results,
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
