"""`extends: question`: a rule over the questions of an exchange.

It matches no text itself. The engine reads every question in the customer's
messages and every sentence of the reply (replylint/questions.py, lexicons in
rules/language/<lang>.yaml under `questions:`) and decides each question's
coverage. `flag` picks what the rule reports:

- `unanswered`: a customer question no reply sentence covers or defers (the
  finding's span is in the customer's message; `stub` is the placeholder
  sentence an agent can insert and fill in, `{question}` being the question);
- `deferred`: a question the reply explicitly promises to answer later;
- `redundant`: a reply question about what the customer already said or tried.
"""

from __future__ import annotations

from ..questions import PLACEHOLDER_END
from .base import CompileContext, Hit, Match, RuleType

FLAGS = ("unanswered", "deferred", "redundant")


class QuestionRule(RuleType):
    name = "question"
    required_keys = {"flag": str}
    optional_keys = {"stub": str}
    reads_questions = True

    def __init__(self, spec: dict, ctx: CompileContext):
        self.flag = spec["flag"]
        if self.flag not in FLAGS:
            ctx.error(spec.line_of("flag"), f"`flag` is one of {', '.join(FLAGS)}; got {self.flag!r}")
        self.stub = spec.get("stub")
        if self.stub is not None and ("{question}" not in self.stub or not self.stub.endswith(PLACEHOLDER_END)):
            ctx.error(spec.line_of("stub"), f"`stub` must hold {{question}}, where the question is quoted, "
                                            f"and end with {PLACEHOLDER_END!r}, where the agent writes the answer")

    def find(self, doc, hits: list[Hit]) -> list[Match]:
        return []  # reads the exchange's questions, not text: see Engine._questions

    def stub_for(self, quoted: str) -> tuple[str, ...]:
        """The placeholder sentence that addresses the question (`quoted` as the
        question reader quotes it) in the reply."""
        if self.stub is None:
            return ()
        return (self.stub.replace("{question}", quoted),)
