"""Options: every setting a run can take, in one immutable object; and the step context."""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.aliases import AliasIndex
from cleaner.rules import QUOTE_STYLES, Rule, RuleSet


@dataclass(frozen=True, slots=True)
class Options:
    """How to clean.

    quotes
        ``"straight"`` (default): ASCII ``"`` and ``'``. ``"curly"``: typographic marks,
        directed by pairing, not by what the input had.
    """

    quotes: str = "straight"

    def __post_init__(self) -> None:
        if self.quotes not in QUOTE_STYLES:
            raise ValueError(
                f"quotes must be one of {', '.join(QUOTE_STYLES)}, not {self.quotes!r}"
            )


@dataclass(frozen=True, slots=True)
class Context:
    """What a step may read besides the document: options, rules, and what they compile to."""

    options: Options
    rules: RuleSet
    aliases: AliasIndex

    @classmethod
    def build(cls, options: Options, rules: RuleSet) -> Context:
        return cls(options, rules, AliasIndex(rules))

    def rules_of(self, *kinds: str) -> tuple[Rule, ...]:
        return self.rules.of_kind(*kinds)
