"""Options: every setting a run can take, in one immutable object; and the step context."""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.aliases import AliasIndex
from cleaner.corpus.templates import SiteTemplate
from cleaner.rules import QUOTE_OPTIONS, Rule, RuleSet

DEFAULT_MAX_DOC_BYTES = 16 * 1024 * 1024
DEFAULT_RULE_TIMEOUT = 5.0


@dataclass(frozen=True, slots=True)
class Options:
    """How to clean.

    quotes
        ``"auto"`` (default): English, and Latin-script text too short or unsure to tell,
        gets ASCII ``"`` and ``'``; every other language keeps its own marks, repaired in its
        own convention where that is unambiguous (French « » with thin no-break spaces inside,
        German „…“ turned round when written “…„). ``"straight"``
        and ``"curly"`` (typographic marks, directed by pairing, not by what the input had)
        force one style on every language. ``"keep"`` changes no quote mark in any
        language: only spaces inside a pair (``“ yes ”`` to ``“yes”``) are removed, and French
        guillemets get their thin no-break spaces as in ``"auto"``.

    max_doc_bytes
        Documents larger than this (in UTF-8 bytes) are input errors instead of memory
        blow-ups; 16 MiB by default.
    rule_timeout
        Seconds one match of a user rule's pattern may take before the document is an input
        error naming the rule (shipped rules have no limit: they are linear); 5 by default.
    """

    quotes: str = "auto"
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES
    rule_timeout: float = DEFAULT_RULE_TIMEOUT

    def __post_init__(self) -> None:
        if self.quotes not in QUOTE_OPTIONS:
            raise ValueError(
                f"quotes must be one of {', '.join(QUOTE_OPTIONS)}, not {self.quotes!r}"
            )
        if self.max_doc_bytes < 1:
            raise ValueError(f"max_doc_bytes must be at least 1, not {self.max_doc_bytes!r}")
        if not self.rule_timeout > 0:
            raise ValueError(f"rule_timeout must be above 0 seconds, not {self.rule_timeout!r}")


@dataclass(frozen=True, slots=True)
class Context:
    """What a step may read besides the document: options, rules, and what they compile to."""

    options: Options
    rules: RuleSet
    aliases: AliasIndex
    # The furniture lines of the document's own site, when site templates apply to it.
    site_template: SiteTemplate | None = None

    @classmethod
    def build(cls, options: Options, rules: RuleSet) -> Context:
        return cls(options, rules, AliasIndex(rules))

    def rules_of(self, *kinds: str) -> tuple[Rule, ...]:
        return self.rules.of_kind(*kinds)

    def timeout(self, rule: Rule) -> float | None:
        """The per-match time limit for ``rule``'s patterns: none for shipped rules."""
        return None if rule.shipped else self.options.rule_timeout
