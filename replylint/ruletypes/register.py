"""`extends: register`: a rule over the register profiles of an exchange.

It matches no text itself: `when` holds conditions on the exchange (the
customer's «ты»/«Вы», register, name and gender, the register the policy
expects of the reply, the features the reply has), and `flag` names the reply
evidence to report when they hold. `rewrite` picks how a finding is fixed:
`polite` (ты-forms to Вы-forms), `customer-name`, or, by default, the first
suggestion of the evidence rule that found the phrase.
"""

from __future__ import annotations

from ..register import FEATURES, REGISTERS
from .base import CompileContext, Hit, Match, RuleType

CONDITIONS = {
    "customer.tv": ("T", "V", "mixed", None),
    "customer.register": REGISTERS,
    "expected": REGISTERS,
    "customer.name": ("given", "patronymic", "title", "requested"),
    "customer.gender": ("masc", "femn", None),
    "reply.has": tuple(sorted(FEATURES)),
}
REWRITES = ("polite", "customer-name")


class RegisterRule(RuleType):
    name = "register"
    required_keys = {"when": dict, "flag": list}
    optional_keys = {"rewrite": str}
    reads_exchange = True

    def __init__(self, spec: dict, ctx: CompileContext):
        self.when: dict[str, frozenset] = {}
        for key, values in spec["when"].items():
            line = spec["when"].line_of(key) if hasattr(spec["when"], "line_of") else spec.line_of("when")
            if key not in CONDITIONS:
                ctx.error(line, f"unknown condition {key!r} in `when` (known: {', '.join(CONDITIONS)})")
                continue
            values = values if isinstance(values, list) else [values]
            wrong = [v for v in values if v not in CONDITIONS[key]]
            if wrong:
                shown = ", ".join("null" if v is None else str(v) for v in CONDITIONS[key])
                ctx.error(line, f"`when: {key}` takes {shown}; got {', '.join(map(repr, wrong))}")
            self.when[key] = frozenset(values)
        self.flag = frozenset(f for f in spec["flag"] if isinstance(f, str))
        unknown = [f for f in spec["flag"] if f not in FEATURES]
        if unknown or not spec["flag"]:
            ctx.error(spec.line_of("flag"), f"`flag` lists register features ({', '.join(sorted(FEATURES))}); "
                                            f"got {', '.join(map(repr, unknown)) or 'none'}")
        self.rewrite = spec.get("rewrite")
        if self.rewrite is not None and self.rewrite not in REWRITES:
            ctx.error(spec.line_of("rewrite"), f"unknown rewrite {self.rewrite!r} (known: {', '.join(REWRITES)})")

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        return []  # reads profiles, not text: see `judge`

    def judge(self, view) -> list:
        """The reply evidence to flag in this exchange (`view`: an ExchangeView)."""
        for key, allowed in self.when.items():
            if key == "reply.has":
                if not allowed <= view.reply.features():
                    return []
            elif key == "customer.name":
                if not allowed & view.customer_name_tags:
                    return []
            elif view.condition(key) not in allowed:
                return []
        return [e for e in view.reply_evidence if e.feature in self.flag]
