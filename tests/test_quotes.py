"""Behaviour table for quote pairing, spacing repair, strays and the two styles."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

STRAIGHT = Cleaner()
CURLY = Cleaner(quotes="curly")

CASES = [
    ("to anyone, “Aliyev told them.", None, "unpairable, nothing apart: left in place"),
    (
        "«We are here. We will not give ours to anyone, “Aliyev told the country’s leadership.",
        '"We are here. We will not give ours to anyone," Aliyev told the country\'s leadership.',
        "closer moved past the space",
    ),
    (
        "restoration of” historical justice “and the rest",
        'restoration of "historical justice" and the rest',
        "flipped pair",
    ),
    ("« empty, silent »", '"empty, silent"', "guillemets with French spacing"),
    ("He said: “to win.”", 'He said: "to win."', "already right"),
    ('We communicate. "', "We communicate.", "unpaired mark at the paragraph's edge"),
    ('a " b "c" d', 'a b "c" d', "the stray is the one standing apart"),
    ("killed’ and 90 wounded", "killed and 90 wounded", "stray closing apostrophe"),
    ("the soldiers’ families", "the soldiers' families", "plural possessive in s"),
    ("Sánchez’ party", "Sánchez' party", "possessive in z"),
    (
        "the so-called ‘second Armenian state’",
        "the so-called 'second Armenian state'",
        "single quotation",
    ),
    ("rock ’n’ roll in the ’90s", "rock 'n' roll in the '90s", "elisions"),
    ("don’t", "don't", "apostrophe inside a word"),
    ('"First paragraph of a long quote.\n\n"Second and last."', None, "continued quotation kept"),
    ("I got an A- on the test.", None, "no quotes at all"),
    ('He said "yes"', None, "straight and right"),
]

CURLY_CASES = [
    (
        "He said \"yes\" and 'no' to the country's plan.",
        "He said “yes” and ‘no’ to the country’s plan.",
        "directed by pairing",
    ),
    (
        "retreating, ”said the ministry “today",
        "retreating, “said the ministry” today",
        "two marks pair in order",
    ),
    (
        "retreating, ”said the ministry",
        "retreating, “said the ministry",
        "one mark, nothing apart: directed by position",
    ),
    ("rock 'n' roll in the '90s", "rock ’n’ roll in the ’90s", "elisions get apostrophes"),
]


@pytest.mark.parametrize(("text", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_straight(text: str, expected: str | None, why: str) -> None:
    out = STRAIGHT.clean(text).text.rstrip("\n")
    assert out == (
        text.replace("“", '"').replace("”", '"').replace("’", "'") if expected is None else expected
    )


@pytest.mark.parametrize(("text", "expected", "why"), CURLY_CASES, ids=[c[2] for c in CURLY_CASES])
def test_curly(text: str, expected: str, why: str) -> None:
    assert CURLY.clean(text).text.rstrip("\n") == expected


def test_one_paragraph_per_line_documents_pair_per_line() -> None:
    text = "He said “yes.\nShe said “no” today.\nThey said “maybe.”\n"
    # Line 1 cannot be paired; pairing across lines would have made a mess of lines 2-3.
    assert STRAIGHT.clean(text).text == 'He said "yes.\nShe said "no" today.\nThey said "maybe."\n'


def test_removed_marks_are_logged() -> None:
    changes = STRAIGHT.clean('We communicate. "').changes
    assert [(c.rule, c.action, c.note) for c in changes if c.action == "remove"] == [
        ("quotes.pairing", "remove", "unpaired quote mark")
    ]
