"""SARIF 2.1.0, for code-review and CI tools that display it."""

from __future__ import annotations

import json
from urllib.parse import quote

from .. import __version__

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A URI reference for a path (or a label such as <stdin>): forward slashes, percent-encoded."""
    return quote(path.replace("\\", "/"), safe="/:@-._~")


def render(checked: list, color: bool = False) -> str:
    results, rules = [], {}
    for message in checked:
        for f in message.findings:
            rules.setdefault(f.rule_id, {
                "id": f.rule_id,
                "shortDescription": {"text": f.message},
                "defaultConfiguration": {"level": LEVELS[f.severity]},
                "properties": {"category": f.category},
            })
            artifact = {"uri": _uri(message.path_of(f))}
            region = {"startLine": f.line, "startColumn": f.column,
                      "charOffset": f.start, "charLength": f.end - f.start,
                      "snippet": {"text": f.text}}
            results.append({
                "ruleId": f.rule_id,
                "ruleIndex": list(rules).index(f.rule_id),
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
                # a fix needs artifactChanges (SARIF 2.1.0 §3.55): replace the fix region (the span,
                # or the clause or sentence around it) with the suggestion
                "fixes": [{
                    "description": {"text": s if s else "remove it"},
                    "artifactChanges": [{
                        "artifactLocation": artifact,
                        "replacements": [{
                            "deletedRegion": {"charOffset": f.fix_start, "charLength": f.fix_end - f.fix_start},
                            "insertedContent": {"text": s},
                        }],
                    }],
                } for s in f.suggestions],
            })
    doc = {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {"driver": {"name": "replylint", "version": __version__,
                                "rules": list(rules.values())}},
            # columns and offsets count Unicode code points, not the UTF-16 units SARIF assumes by default
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
