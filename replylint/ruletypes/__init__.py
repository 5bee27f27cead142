"""Rule types: each YAML rule picks one with `extends:`; each is one small
class behind the `RuleType` interface."""

from .base import CompileContext, Match, RuleType
from .phrases import PhrasesRule
from .question import QuestionRule
from .regex import RegexRule
from .register import RegisterRule
from .rewrite import RewriteRule
from .tokens import TokensRule
from .tone import ToneRule

RULE_TYPES: dict[str, type[RuleType]] = {
    cls.name: cls for cls in (PhrasesRule, TokensRule, RegexRule, RegisterRule, QuestionRule, ToneRule, RewriteRule)
}

__all__ = ["RULE_TYPES", "CompileContext", "Match", "RuleType"]
