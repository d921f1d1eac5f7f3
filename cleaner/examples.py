"""Run the inline examples of rules: each through its own rule alone, then tidy.

Used by the test suite (every shipped rule) and by ``cleaner rules test`` (any rule file).

>>> from cleaner.rules import load_rules
>>> [failure for rule in load_rules() for failure in check(rule)]
[]
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cleaner.document import Document
from cleaner.options import Context, Options
from cleaner.pipeline import TIDY, run, run_rule_alone
from cleaner.rules import Example, Rule, RuleError, RuleSet

# Seconds that loading may spend on the inline examples of user rule files.
LOAD_BUDGET = 2.0
_TIDY_ONLY = Context.build(Options(), RuleSet([], "tidy"))


@dataclass(frozen=True, slots=True)
class Failure:
    rule: Rule
    example: Example
    got: str
    expected: str
    problem: str

    def __str__(self) -> str:
        return (
            f"{self.rule.source}: rule {self.rule.id!r}: {self.problem}\n"
            f"  input:    {self.example.input!r}\n"
            f"  expected: {self.expected!r}\n"
            f"  got:      {self.got!r}"
        )


def tidied(text: str) -> str:
    """What tidy alone makes of a text: examples are compared after tidy."""
    return run(Document("expected", text), _TIDY_ONLY, [TIDY]).text


def cases(rule: Rule) -> Iterator[tuple[str, Example]]:
    """Every example of a rule, labelled: ``changes-1``, ``unchanged-2``..."""
    for number, example in enumerate(rule.examples, 1):
        yield f"changes-{number}", example
    for number, example in enumerate(rule.unchanged, 1):
        yield f"unchanged-{number}", example


def check_one(rule: Rule, example: Example) -> Failure | None:
    """None if the example holds; else what went wrong."""
    doc = run_rule_alone(rule, example)
    expected = tidied(example.expected)
    if doc.text != expected:
        return Failure(rule, example, doc.text, expected, "output differs")
    again = run_rule_alone(rule, Example(doc.text, doc.text, example.language, example.quotes))
    if again.text != doc.text:
        return Failure(rule, example, again.text, doc.text, "a second run changes the output")
    own = [c for c in doc.changes if not c.rule.startswith("tidy.")]
    if example.input == example.expected and own:
        return Failure(rule, example, doc.text, expected, "changed an input that must stay")
    if example.input != example.expected and not own:
        return Failure(rule, example, doc.text, expected, "the rule itself changed nothing")
    return None


def check_at_load(rules: Iterable[Rule], *, budget: float = LOAD_BUDGET) -> tuple[int, int]:
    """Run the examples of user rules (not shipped ones) until ``budget`` seconds are spent.

    Returns (examples run, examples skipped); a failing example raises :class:`RuleError`,
    so a rule that does not do what its own examples say is never applied.
    """
    ran = skipped = 0
    deadline = time.monotonic() + budget
    for rule in rules:
        if rule.shipped:
            continue
        for _, example in cases(rule):
            if time.monotonic() > deadline:
                skipped += 1
                continue
            failure = check_one(rule, example)
            if failure is not None:
                raise RuleError(f"{failure}\n(run 'cleaner rules test' to see every example)")
            ran += 1
    return ran, skipped


def check(rule: Rule) -> Iterator[Failure]:
    for _, example in cases(rule):
        failure = check_one(rule, example)
        if failure is not None:
            yield failure
