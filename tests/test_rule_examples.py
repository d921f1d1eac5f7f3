"""Every inline example of every shipped rule runs as a test named after its rule.

``pytest -k boilerplate.comments`` runs one rule's examples. Each example goes through its
own rule alone (its conditions included), then tidy.
"""

from __future__ import annotations

import pytest

from cleaner.pipeline import STEP_OF_KIND, run_rule_alone
from cleaner.rules import KINDS, Example, Rule, load_rules

RULES = load_rules([], defaults=True)


def _cases() -> list:
    cases = []
    for rule in RULES:
        for number, example in enumerate(rule.examples, 1):
            cases.append(pytest.param(rule, example, id=f"{rule.id}-changes-{number}"))
        for number, example in enumerate(rule.unchanged, 1):
            cases.append(pytest.param(rule, example, id=f"{rule.id}-unchanged-{number}"))
    return cases


def _tidy(text: str) -> str:
    """What tidy alone makes of an input: the baseline an unchanged example is held to."""
    from cleaner.document import Document
    from cleaner.options import Context, Options
    from cleaner.pipeline import TIDY, run
    from cleaner.rules import RuleSet

    return run(Document("x", text), Context.build(Options(), RuleSet([], "")), [TIDY]).text


@pytest.mark.parametrize(("rule", "example"), _cases())
def test_rule_example(rule: Rule, example: Example) -> None:
    doc = run_rule_alone(rule, example)
    expected = _tidy(example.expected)
    assert doc.text == expected, f"{rule.source}: {rule.id}: {example.input!r}"
    own = [c for c in doc.changes if not c.rule.startswith("tidy.")]
    if example.input == example.expected:
        assert own == [], f"{rule.id} changed an input that must stay: {own}"
    else:
        assert own and all(c.rule == rule.id for c in own)


def test_every_rule_has_examples_that_change_and_that_stay() -> None:
    for rule in RULES:
        assert rule.examples, rule.id
        assert rule.unchanged, f"{rule.id} has no inputs that must stay unchanged"


def test_every_kind_has_a_step() -> None:
    assert set(KINDS) == set(STEP_OF_KIND)
