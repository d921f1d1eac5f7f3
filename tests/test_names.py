"""Names: the shipped rules on real cases, and each precision control of the alias kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.rules import RuleError

CONFLICT = "Azerbaijan and Armenia. "

SHIPPED = [
    ("Ilham Aliev of Azerbaijan", "Ilham Aliyev of Azerbaijan", "surname variant"),
    (CONFLICT + "Aliev's decree", CONFLICT + "Aliyev's decree", "possessive"),
    (CONFLICT + "pro-Aliev media", CONFLICT + "pro-Aliyev media", "compound"),
    (CONFLICT + "Alieva spoke", CONFLICT + "Alieva spoke", "longer word untouched"),
    (
        CONFLICT + "skater Dmitri Aliev won",
        CONFLICT + "skater Dmitri Aliev won",
        "exception phrase",
    ),
    ("Nagorno Karabakh", "Nagorno-Karabakh", "unconditional place variant"),
    ("Nagorno\nKarabakh", "Nagorno\nKarabakh", "never across a line break"),
    (
        CONFLICT + "Artesian officials say",
        CONFLICT + "Artsakh officials say",
        "MT error in a conflict document",
    ),
    (
        CONFLICT
        + "Armenia accused its enemy, while yesterday's Bahamian President promised to win.",
        CONFLICT
        + "Armenia accused its enemy, while yesterday's Azerbaijani President promised to win.",
        "MT error, two words",
    ),
    (
        CONFLICT + "Mir Margaryan called; Margarian also called",
        CONFLICT + "Mher Margaryan called; Margaryan also called",
        "first name and surname",
    ),
    (
        CONFLICT + "Yasar Aliyev said; Yasar Guler met him",
        CONFLICT + "Yashar Aliyev said; Yasar Guler met him",
        "full-name form only",
    ),
]

UNRELATED = (
    "The artisan bakers of the Artisan Cheese Guild drilled an artesian well. Economists "
    "blamed stagnant wages, and the Bahamian Prime Minister agreed. Dmitri Aliev skated "
    "a clean program in the free skate.\n"
)


@pytest.mark.parametrize(("text", "expected", "why"), SHIPPED, ids=[c[2] for c in SHIPPED])
def test_shipped_rules(cleaner: Cleaner, text: str, expected: str, why: str) -> None:
    assert cleaner.clean(text).text == expected + "\n"


def test_unrelated_document_is_untouched(cleaner: Cleaner) -> None:
    result = cleaner.clean(UNRELATED)
    assert result.text == UNRELATED
    assert [c for c in result.changes if c.rule.startswith("names.")] == []


# --- precision controls of the alias kind, each with its own rule file -----------------


def rule(body: str, *, examples: str = '[{ input = "x", expected = "x" }]') -> str:
    return f"""
[[rule]]
id = "t.alias"
description = "test"
kind = "alias"
{body}
examples = {examples}
unchanged = ["x"]
"""


def make(tmp_path: Path, *bodies: str) -> Cleaner:
    path = tmp_path / "t.toml"
    text = ""
    for number, body in enumerate(bodies):
        text += rule(body).replace('"t.alias"', f'"t.alias{number}"')
    path.write_text(text, encoding="utf-8")
    return Cleaner(rules=[path], default_rules=False)


CONTROLS = [
    (
        'canonical = "Aliyev"\nvariants = ["Aliev"]',
        "Aliev, Aliev's, pro-Aliev, Alieva, ALIEV, aliev",
        "Aliyev, Aliyev's, pro-Aliyev, Alieva, ALIYEV, aliev",
        "whole words; capitals matched, case kept",
    ),
    (
        'canonical = "Aliyev"\nvariants = ["Aliev"]\ncase_insensitive = true',
        "Aliev ALIEV aliev",
        "Aliyev ALIYEV aliyev",
        "case-insensitive keeps the case pattern",
    ),
    (
        'canonical = "Aliyev"\nvariants = ["Aliev"]\nexceptions = ["Dmitri Aliev"]',
        "Dmitri Aliev met Ilham Aliev",
        "Dmitri Aliev met Ilham Aliyev",
        "exception phrase",
    ),
    (
        'canonical = "Aliyev"\nvariants = ["Aliev"]\nwhen_mentions = ["Baku"]',
        "Aliev spoke.",
        "Aliev spoke.",
        "condition not met",
    ),
    (
        'canonical = "Aliyev"\nvariants = ["Aliev"]\nwhen_mentions = ["Baku"]',
        "Aliev in Baku.",
        "Aliyev in Baku.",
        "condition met",
    ),
    (
        'canonical = "Aliyev"\nvariants = ["Aliev"]\nlanguages = ["de"]',
        "Aliev spoke to the press today in the city.",
        "Aliev spoke to the press today in the city.",
        "language condition not met",
    ),
    (
        'map = { "Nagorno Karabakh" = "Nagorno-Karabakh", "Karabak" = "Karabakh" }',
        "Nagorno Karabakh and Karabak",
        "Nagorno-Karabakh and Karabakh",
        "table form",
    ),
    (
        'map = { "Nagorny Karabakh" = "Nagorno-Karabakh", "Nagorny" = "Nagorno" }',
        "Nagorny Karabakh, Nagorny",
        "Nagorno-Karabakh, Nagorno",
        "leftmost-longest wins",
    ),
    (
        'map = { "Nagorno Karabakh" = "Nagorno-Karabakh", "Nagorno" = "Nagorny" }',
        "x",
        None,
        "canonical containing a variant rejected",
    ),
    (
        'map = { "Nagorno Karabakh" = "Nagorno-Karabakh" }',
        "Nagorno   Karabakh",
        "Nagorno-Karabakh",
        "a space matches a run of spaces",
    ),
    ('map = { "A" = "B", "B" = "C" }', "A B", None, "chain rejected at load"),
]


@pytest.mark.parametrize(
    ("body", "text", "expected", "why"), CONTROLS, ids=[c[3] for c in CONTROLS]
)
def test_alias_controls(
    tmp_path: Path, body: str, text: str, expected: str | None, why: str
) -> None:
    if expected is None:
        with pytest.raises(RuleError):
            make(tmp_path, body)
        return
    assert make(tmp_path, body).clean(text).text == expected + "\n"


def test_overlapping_rules_resolve_by_length_then_rule_order(tmp_path: Path) -> None:
    cleaner = make(tmp_path, 'map = { "Mir" = "Mher" }', 'map = { "Pashinian" = "Pashinyan" }')
    assert cleaner.clean("Mir Pashinian, Mir").text == "Mher Pashinyan, Mher\n"


VALIDATION = [
    (
        (
            'canonical = "Aliyev"\nvariants = ["Aliev"]',
            'canonical = "Aliev"\nvariants = ["Aliyeff"]',
        ),
        r"canonical 'Aliev' .* is itself a variant of rule 't\.alias0'.*a chain",
        "chain across rules",
    ),
    (('map = { "Aliev" = "Aliyev", "Aliyev" = "Aliev" }',), "a cycle", "cycle in one rule"),
    (
        ('canonical = "Aliyev"\nvariants = ["Aliev"]', 'canonical = "Aliew"\nvariants = ["Aliev"]'),
        r"variant 'Aliev' is also a variant of rule 't\.alias0'",
        "duplicate variant across rules",
    ),
    (
        (
            'canonical = "Nagorno-Karabakh"\nvariants = ["Nagorny Karabakh"]',
            'canonical = "Nagorno"\nvariants = ["Nagorny"]',
        ),
        r"variant 'Nagorny' would match inside variant 'Nagorny Karabakh'",
        "alias inside a longer alias",
    ),
    (
        ('canonical = "X"\nvariants = ["-Aliev"]',),
        "must start and end with a letter or digit",
        "bad variant",
    ),
]


@pytest.mark.parametrize(("bodies", "message", "why"), VALIDATION, ids=[c[2] for c in VALIDATION])
def test_alias_validation(tmp_path: Path, bodies: tuple[str, ...], message: str, why: str) -> None:
    with pytest.raises(RuleError, match=message) as caught:
        make(tmp_path, *bodies)
    assert "t.toml" in str(caught.value)
