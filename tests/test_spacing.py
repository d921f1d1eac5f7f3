"""Behaviour table for spacing repairs (rule kind ``replace``)."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

CASES = [
    (
        "on the night of November10 , Moscow",
        "on the night of November 10, Moscow",
        "glued month, space before comma",
    ),
    ("They signed .", "They signed.", "space before full stop"),
    ("He claimed : no ; never", "He claimed: no; never", "colon and semicolon"),
    ("and then ... nothing", "and then ... nothing", "ellipsis stays"),
    ("a .5 caliber round on .NET", "a .5 caliber round on .NET", "decimals and names stay"),
    ("Smile :) please", "Smile :) please", "emoticon stays"),
    ("Mayday in Marchetti", "Mayday in Marchetti", "month-like words stay"),
    ("since May 2020", "since May 2020", "month and year stay"),
]


@pytest.mark.parametrize(("text", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_spacing(cleaner: Cleaner, text: str, expected: str, why: str) -> None:
    assert cleaner.clean(text).text == expected + "\n"


def test_french_keeps_its_space_before_colon(cleaner: Cleaner) -> None:
    text = (
        "Le président a déclaré : la guerre est terminée ; les négociations reprendront bientôt.\n"
    )
    result = cleaner.clean(text)
    assert result.language == "fr" and result.text == text
