"""`extends: register`: a rule over the register profiles of an exchange.

It matches no text itself: `when` holds conditions on the exchange (the
customer's «ты»/«Вы», register, formal markers, name and gender, the register the policy
expects of the reply, the features the reply has), and `flag` names the reply
evidence to report when they hold. `when` may be a list of such condition sets:
the rule applies when one of them holds. `mirror: true` flags no evidence the
customer's own message shows too (a «Привет» answered with «Привет», an emoji
with an emoji): the reply mirrors the customer. `rewrite` picks how a finding is fixed:
`polite` (ты-forms to Вы-forms), `customer-name`, or, by default, the first
suggestion of the evidence rule that found the phrase.
"""

from __future__ import annotations

from dataclasses import replace

from ..register import FEATURES, REGISTERS
from .base import CompileContext, Hit, Match, RuleType

CONDITIONS = {
    "customer.tv": ("T", "V", "mixed", None),
    "customer.register": REGISTERS,
    "expected": REGISTERS,
    "customer.name": ("given", "patronymic", "title", "requested", "surname"),
    "customer.gender": ("masc", "femn", None),
    "reply.has": tuple(sorted(FEATURES)),
    # at least this many kinds of formal marker in the customer's message (features of positive weight: a
    # "Dear …", a "Sincerely", a title): 2 is a formal letter, not one "Regards" or "Good evening" alone
    "customer.formal_markers": (1, 2, 3),
}
REWRITES = ("polite", "customer-name")


class RegisterRule(RuleType):
    name = "register"
    required_keys = {"when": (dict, list), "flag": list}
    optional_keys = {"rewrite": str, "mirror": bool, "merge_adjacent": bool}
    reads_exchange = True

    def __init__(self, spec: dict, ctx: CompileContext):
        sets = spec["when"] if isinstance(spec["when"], list) else [spec["when"]]
        if not sets or not all(isinstance(s, dict) for s in sets):
            ctx.error(spec.line_of("when"), "`when` is a mapping of conditions or a non-empty list of them")
            sets = [s for s in sets if isinstance(s, dict)]
        # any of these condition sets (each: all its conditions) lets the rule flag
        self.when_any: list[dict[str, frozenset]] = [self._conditions(s, spec, ctx) for s in sets]
        self.mirror = bool(spec.get("mirror", False))
        # evidence a space apart is one finding («!!! 🥳🥳🥳»: one run of chat marks, one fix)
        self.merge_adjacent = bool(spec.get("merge_adjacent", False))
        self.flag = frozenset(f for f in spec["flag"] if isinstance(f, str))
        unknown = [f for f in spec["flag"] if f not in FEATURES]
        if unknown or not spec["flag"]:
            ctx.error(spec.line_of("flag"), f"`flag` lists register features ({', '.join(sorted(FEATURES))}); "
                                            f"got {', '.join(map(repr, unknown)) or 'none'}")
        self.rewrite = spec.get("rewrite")
        if self.rewrite is not None and self.rewrite not in REWRITES:
            ctx.error(spec.line_of("rewrite"), f"unknown rewrite {self.rewrite!r} (known: {', '.join(REWRITES)})")

    @staticmethod
    def _conditions(when: dict, spec, ctx: CompileContext) -> dict[str, frozenset]:
        out: dict[str, frozenset] = {}
        for key, values in when.items():
            line = when.line_of(key) if hasattr(when, "line_of") else spec.line_of("when")
            if key not in CONDITIONS:
                ctx.error(line, f"unknown condition {key!r} in `when` (known: {', '.join(CONDITIONS)})")
                continue
            values = values if isinstance(values, list) else [values]
            wrong = [v for v in values if v not in CONDITIONS[key]]
            if wrong:
                shown = ", ".join("null" if v is None else str(v) for v in CONDITIONS[key])
                ctx.error(line, f"`when: {key}` takes {shown}; got {', '.join(map(repr, wrong))}")
            out[key] = frozenset(values)
        return out

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        return []  # reads profiles, not text: see `judge`

    def judge(self, view) -> list:
        """The reply evidence to flag in this exchange (`view`: an ExchangeView)."""
        if not any(self._holds(when, view) for when in self.when_any):
            return []
        found = [e for e in view.reply_evidence if e.feature in self.flag]
        if self.mirror and found and view.customer is not None:
            shown = view.customer.features()
            found = [e for e in found if e.feature not in shown]
        if self.merge_adjacent and len(found) > 1:
            found = _merged(found)
        return found

    @staticmethod
    def _holds(when: dict[str, frozenset], view) -> bool:
        for key, allowed in when.items():
            if key == "reply.has":
                if not allowed <= view.reply.features():
                    return False
            elif key == "customer.formal_markers":
                customer = view.customer
                markers = {e.feature for e in customer.evidence if customer.weights.get(e.feature, 0) > 0} \
                    if customer is not None else ()
                if len(markers) < min(allowed):
                    return False
            elif key == "customer.name":
                if not allowed & view.customer_name_tags:
                    return False
            elif view.condition(key) not in allowed:
                return False
        return True


def _merged(found: list) -> list:
    """Evidence at most one character apart (a space) joined into one span: its text, the first
    piece's rewrite («!!! 🥳🥳🥳» → «!»)."""
    out = []
    for e in sorted(found, key=lambda e: (e.start, e.end)):
        last = out[-1] if out else None
        if last is not None and 0 <= e.start - last.end <= 1:
            gap = " " if e.start > last.end else ""
            out[-1] = replace(last, end=max(last.end, e.end), text=last.text + gap + e.text)
        else:
            out.append(e)
    return out
