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
import regex
from ftfy import badness, chardata, fixes
from hypothesis import given
from hypothesis import strategies as st

from cleaner.document import LINE_BREAK, Document
from cleaner.options import Context, Options
from cleaner.rules import RuleSet
from cleaner.steps import repair
from cleaner.steps.repair import FTFY_CONFIG, _ftfy_gate, ftfy_may_act
from tests.conftest import SHARED

ALL_CODE_POINTS = [chr(cp) for cp in range(0x110000)]
CONTEXT = Context.build(Options(), RuleSet([], "none"))


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


def test_every_alternative_needs_one_of_the_rarest_characters(gate: tuple) -> None:
    """The quick test before the alternatives: each alternative has a set wholly among the
    rarest characters, so a text with none of them matches no alternative."""
    rarest = gate[2]
    assert all(any(chars <= rarest for chars in sets) for sets in gate[1])
    assert rarest.isdisjoint("The army said on Monday, \"we will not leave\" (2020).")


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


# The repair step skips a pattern's pass over the text when the text holds none of the
# characters the pattern matches: each set must be exactly what its pattern matches.
REPAIR_SETS = [
    (repair.CONTROL_CHARACTERS, repair.CONTROL_SET),
    (repair.FULLWIDTH, repair.FULLWIDTH_SET),
    (repair.LONE_SURROGATE, repair.SURROGATE_SET),
    (repair.INVISIBLE, repair.INVISIBLE_SET),
]


@pytest.mark.parametrize(
    "pattern, chars", REPAIR_SETS, ids=lambda x: str(getattr(x, "pattern", ""))
)
def test_repair_sets_are_what_their_patterns_match(
    pattern: regex.Pattern[str], chars: frozenset[str]
) -> None:
    """Over every code point: a pattern of single-character items matches a character alone
    exactly when it is in the set, so it finds nothing in a text with none of them."""
    assert {c for c in ALL_CODE_POINTS if pattern.search(c)} == chars


def test_line_endings_change_only_at_their_characters() -> None:
    changed = {c for c in ALL_CODE_POINTS if LINE_BREAK.sub("\n", c) != c}
    assert changed == repair.LINE_ENDINGS
    assert LINE_BREAK.sub("\n", "a\r\nb") != "a\r\nb" and "\r" in repair.LINE_ENDINGS


REPAIR_ALPHABET = st.sampled_from(
    list("ab A\n.Ã©â€™&;é")
    + sorted(repair.LINE_ENDINGS | repair.INVISIBLE_SET)
    + ["\x00", "\x1b", "\x7f", "\x85", "\uff21", "\uff0c", "\ud800", "e\u0301", "\u212b", "漢"]
)


def _repaired(text: str) -> tuple[str, list]:
    doc = Document("t", text)
    for batch in repair.run(doc, CONTEXT):
        doc.apply(batch)
    return doc.text, doc.changes


@given(st.lists(REPAIR_ALPHABET, max_size=30).map("".join))
def test_repair_gates_change_nothing(text: str) -> None:
    """The repair step with its character gates against the same step with every gate open."""
    gated = _repaired(text)
    every = frozenset().union(*(chars for _, chars in REPAIR_SETS), repair.LINE_ENDINGS)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(repair, "_characters", lambda doc: every)
        patch.setattr(repair.unicodedata, "is_normalized", lambda form, text: False)
        assert _repaired(text) == gated
