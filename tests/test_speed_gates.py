"""Gates that skip work must never skip work that would change something.

The repair step skips ftfy when :func:`cleaner.steps.repair.ftfy_may_act` says no fixer can
act. These tests hold that gate against the installed (pinned) ftfy: over every code point,
over every pair of the characters its badness regex names, and over generated and real text.
"""

from __future__ import annotations

import itertools
import json
import random

import ftfy
import pytest
from ftfy import badness, chardata, fixes
from hypothesis import given
from hypothesis import strategies as st

from cleaner.steps.repair import FTFY_CONFIG, _ftfy_gate, ftfy_may_act
from tests.conftest import SHARED

ALL_CODE_POINTS = [chr(cp) for cp in range(0x110000)]


def _unchanged(text: str) -> bool:
    fixed, _ = ftfy.fix_and_explain(text, config=FTFY_CONFIG)
    return fixed == text


@pytest.fixture(scope="module")
def gate() -> tuple[frozenset[str], tuple[tuple[frozenset[str], ...], ...]]:
    found = _ftfy_gate()
    assert found is not None, "the gate no longer understands the installed ftfy"
    return found


@pytest.fixture(scope="module")
def named(gate: tuple) -> frozenset[str]:
    """Every character some alternative of the badness regex names."""
    return frozenset().union(*(chars for sets in gate[1] for chars in sets))


def test_every_fixer_trigger_is_a_trigger(gate: tuple) -> None:
    """Over every code point: a character a fixer acts on by itself opens the gate."""
    triggers = gate[0]
    missing = [
        c
        for c in ALL_CODE_POINTS
        if (
            c in "&\x1b"
            or ord(c) in chardata.CONTROL_CHARS
            or ord(c) in chardata.LIGATURES
            or fixes.C1_CONTROL_RE.match(c)
            or fixes.SURROGATE_RE.match(c)
        )
        and c not in triggers
    ]
    assert missing == []


def test_every_alternative_names_characters(gate: tuple) -> None:
    assert len(gate[1]) >= 30 and all(gate[1]), "an alternative with no named character"


def test_the_fixers_reasoned_about_are_the_ones_on() -> None:
    assert not FTFY_CONFIG.fix_character_width
    assert not FTFY_CONFIG.uncurl_quotes
    assert not FTFY_CONFIG.fix_line_breaks
    assert FTFY_CONFIG.normalization is None


def test_no_code_point_alone_is_missed(gate: tuple, named: frozenset[str]) -> None:
    """Over every code point, in a few contexts: where ftfy changes it, the gate is open.

    The characters the badness regex never names are checked together, as one text (one
    ftfy call: the gate is shut for it, so ftfy must give it back unchanged).
    """
    surrogates = range(0xD800, 0xE000)
    quiet = [
        c
        for c in ALL_CODE_POINTS
        if c not in named and c not in gate[0] and ord(c) not in surrogates
    ]
    text = " ".join("".join(quiet[i : i + 7]) for i in range(0, len(quiet), 7))
    assert not ftfy_may_act(text)
    assert _unchanged(text)
    shuffled = quiet[:]
    random.Random(0).shuffle(shuffled)
    assert _unchanged("".join(shuffled))
    for c in sorted(named):
        for context in (c, f"a{c}b", f" {c}{c} ", f"A{c}.", f"{c}\n"):
            if not ftfy_may_act(context):
                assert _unchanged(context), repr(context)


def test_pairs_of_named_characters(named: frozenset[str]) -> None:
    """Every pair (and a few contexts) of the characters the badness regex names."""
    checked = 0
    for a, b in itertools.product(sorted(named), repeat=2):
        for text in (f"x{a}{b}y",):
            if not ftfy_may_act(text):
                checked += 1
                assert _unchanged(text), repr(text)
    assert checked > 1000


ALPHABET = st.sampled_from(
    list("aeAE zZ.,;:!?'\"\n-&<>()0123456789")
    + list("éèüöÂÃâ€™œ“”‘’«»—–…°±×²³ŠšŽžØÙÐÎ¢£¥©®¶§µ·½¼¾¡¿")
    + list("вЂВГРСΒΓΞΟβāàåøæ√≈‚ÄπΑαЖж│┌═▀ÕÔ")
)


@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_generated_text(text: str) -> None:
    if not ftfy_may_act(text):
        assert not badness.is_bad(text)
        assert _unchanged(text)


def test_ftfy_cases_and_negatives() -> None:
    """ftfy's own test cases: wherever the gate is shut, ftfy leaves the text as it is."""
    folder = SHARED / "bench" / "ftfy-cases"
    assert folder.is_dir(), f"{folder} is missing: put the shared folder beside the repository"
    shut = 0
    for path in sorted(folder.glob("*.json")):
        cases = json.loads(path.read_text(encoding="utf-8"))
        for case in cases if isinstance(cases, list) else []:
            if not ftfy_may_act(case["original"]):
                shut += 1
                assert _unchanged(case["original"]), case["label"]
    assert shut > 0
