"""Every inline example of every rule runs as a test named after its rule.

``pytest -k boilerplate.comments`` runs one rule's examples. Each example goes through its
own rule alone (its conditions included), then tidy. Your own rule files join with
``CLEANER_RULES=path/to/rules python -m pytest tests/test_rule_examples.py`` (or run
``cleaner rules test path/to/rules``).
"""

from __future__ import annotations

import os

import pytest

from cleaner import examples
from cleaner.pipeline import STEP_OF_KIND
from cleaner.rules import KINDS, Example, Rule, load_rules

EXTRA = [p for p in os.environ.get("CLEANER_RULES", "").split(os.pathsep) if p]
RULES = load_rules(EXTRA, defaults=True)


def _cases() -> list:
    return [
        pytest.param(rule, example, id=f"{rule.id}-{label}")
        for rule in RULES
        for label, example in examples.cases(rule)
    ]


@pytest.mark.parametrize(("rule", "example"), _cases())
def test_rule_example(rule: Rule, example: Example) -> None:
    failure = examples.check_one(rule, example)
    assert failure is None, str(failure)


def test_every_rule_has_examples_that_change_and_that_stay() -> None:
    for rule in RULES:
        assert rule.examples, rule.id
        assert rule.unchanged, f"{rule.id} has no inputs that must stay unchanged"


def test_every_kind_has_a_step() -> None:
    assert set(KINDS) == set(STEP_OF_KIND)


def test_a_wrong_example_is_caught() -> None:
    rule = next(r for r in RULES if r.id == "boilerplate.ad-marker")
    wrong = Example("[ad_1]\nText.", "[ad_1]\nText.\n")
    failure = examples.check_one(rule, wrong)
    assert failure is not None and failure.problem == "output differs"
