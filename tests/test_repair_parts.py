"""ftfy over the parts of a long text (``repair.fix_and_explain``) gives what ftfy gives.

The repair step cuts a long text into parts before line breaks, asks ftfy's whole-text
questions over all the parts together and runs each fix part by part. What that relies on is
checked here against the installed (pinned) ftfy's patterns; then the outcome, text and plan,
against ``ftfy.fix_and_explain`` on the whole text, for texts made of ftfy's own test cases
and characters each fixer acts on, cut into parts of a few characters.
"""

from __future__ import annotations

import inspect
import json
import random
import re
from re import _constants as sre
from re import _parser as parser
from typing import Any

import ftfy
import pytest
from ftfy import badness, chardata, fixes

from cleaner.steps import repair
from tests.conftest import SHARED

CASES = SHARED / "bench" / "ftfy-cases"


def _items(tree: Any) -> Any:
    """Every (op, value) item of a parsed pattern, nested ones included."""
    for op, value in tree:
        yield op, value
        if op in (sre.BRANCH,):
            for branch in value[1]:
                yield from _items(branch)
        elif op in (sre.SUBPATTERN,):
            yield from _items(value[-1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            yield from _items(value[2])
        elif op in (sre.ASSERT, sre.ASSERT_NOT, sre.ATOMIC_GROUP):
            yield from _items(value[-1] if op is not sre.ATOMIC_GROUP else value)


def _may_match_newline(op: Any, value: Any) -> bool:
    if op is sre.LITERAL:
        return bool(value == 10)
    if op is sre.NOT_LITERAL or op is sre.ANY:
        return True
    if op is sre.IN:
        for kind, arg in value:
            if kind is sre.NEGATE:
                return True
            if kind is sre.LITERAL and arg == 10:
                return True
            if kind is sre.RANGE and arg[0] <= 10 <= arg[1]:
                return True
            if kind is sre.CATEGORY and arg is not sre.CATEGORY_DIGIT:
                return True
        return False
    return op is sre.CATEGORY


def _never_matches_a_line_break(pattern: re.Pattern[str]) -> bool:
    return not any(
        _may_match_newline(op, value)
        for op, value in _items(parser.parse(pattern.pattern, pattern.flags))
    )


@pytest.mark.parametrize(
    "pattern",
    [
        chardata.UTF8_DETECTOR_RE,
        chardata.HTML_ENTITY_RE,
        chardata.C1_CONTROL_RE,
        fixes.ANSI_RE,
        fixes.SURROGATE_RE,
        fixes.SURROGATE_PAIR_RE,
    ],
)
def test_ftfy_fragment_patterns_never_match_a_line_break(pattern: re.Pattern[str]) -> None:
    # So no match spans two parts or is a whole part, and none starts a part but the first.
    assert _never_matches_a_line_break(pattern)


def test_ftfy_badness_matches_are_short_and_look_at_nothing_around_them() -> None:
    tree = parser.parse(badness.BADNESS_RE.pattern, badness.BADNESS_RE.flags)
    assert tree.getwidth()[1] <= repair.BADNESS_WIDTH
    looks = (sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF)
    assert not any(op in looks for op, _ in _items(tree))
    # The one anchor is the text's start (no MULTILINE: not a line's start).
    assert {value for op, value in _items(tree) if op is sre.AT} <= {sre.AT_BEGINNING}
    assert not badness.BADNESS_RE.flags & re.MULTILINE


def test_ftfy_single_byte_checks_are_one_character_class_over_the_whole_text() -> None:
    for name, pattern in chardata.ENCODING_REGEXES.items():
        assert pattern.pattern.startswith("^[") and pattern.pattern.endswith("]*$"), name
        assert pattern.match("\n"), name  # line breaks belong to every class: `$` is no issue


def test_ftfy_translations_keep_line_breaks() -> None:
    assert 10 not in chardata.CONTROL_CHARS and 10 not in chardata.LIGATURES
    assert fixes.remove_control_chars("a\nb") == "a\nb"


def test_the_fixers_of_ftfys_loop_are_those_the_parts_run() -> None:
    names = set(repair.FIXERS_IN_ORDER) | {"unescape_html"}
    transcoders = {"restore_byte_a0", "replace_lossy_sequences", "decode_inconsistent_utf8"}
    assert set(ftfy.FIXERS) == names | transcoders
    # ... and in the order ftfy's loop runs them.
    source = inspect.getsource(ftfy.fix_and_explain)
    places = [source.index(f'"{name}"') for name in ("unescape_html", *repair.FIXERS_IN_ORDER)]
    assert places == sorted(places)


def _pieces() -> list[str]:
    found: list[str] = []
    if CASES.is_dir():
        for path in sorted(CASES.glob("*.json")):
            if path.name == "manifest.json":
                continue
            for case in json.loads(path.read_text(encoding="utf-8")):
                if isinstance(case, dict) and "original" in case:
                    found += [case["original"], case.get("fixed", "")]
    return [
        *found,
        "Azərbaycan Respublikası",  # no single-byte encoding holds ə: the parts path runs
        "漢字とカタカナ",
        "Azerbaijanâ€™s army said “yes”",
        "cafÃ©, naÃ¯ve, Ã  la carte",
        "\x85 ellipsis \x91quoted\x92 \x81",
        "the ﬁrst ﬂoor",
        "\x1b[36mblue\x1b[0m",
        "a &amp; b &lt;tag&gt; &EACUTE; &nTILDE;",
        "x < y",
        "\x00\x07 bell \x7f",
        "\ud83d\ude00 and \ud800 alone",
        "voilÃ\xa0 le travail",
        "Ã\n©",
        "",
        " ",
    ]


PIECES = _pieces()


@pytest.mark.parametrize("seed", range(40))
def test_parts_give_ftfys_text_and_plan(seed: int) -> None:
    rng = random.Random(seed)
    used = 0
    for _ in range(25):
        lines = rng.choices(PIECES, k=rng.randint(1, 12))
        text = rng.choice(["\n", "\n\n", "\r\n"]).join(lines) + rng.choice(["", "\n"])
        size = rng.choice([1, 3, 8, 40, 200])
        parts = repair._parts(text, size)
        used += parts is not None and repair._in_parts(parts) is not None
        assert repair.fix_and_explain(text, part_chars=size) == ftfy.fix_and_explain(
            text, config=repair.FTFY_CONFIG
        ), text
    assert used >= 3  # most of these texts take the parts path


def test_a_text_that_is_all_single_byte_mojibake_goes_to_ftfy_whole() -> None:
    text = "cafÃ©\nnaÃ¯ve\n" * 4
    assert repair._in_parts(repair._parts(text, 4) or []) is None
    assert repair.fix_and_explain(text, part_chars=4) == ftfy.fix_and_explain(
        text, config=repair.FTFY_CONFIG
    )


@pytest.mark.parametrize("seed", range(20))
def test_badness_over_parts_is_badness_of_the_text(seed: int) -> None:
    # Pieces of the badness regex's alternatives: the anchored "Ã " (a match only at the
    # text's start), "a\nÃ " (across a cut, which comes before the line break), the longest.
    pieces = ["a", "x", "\n", "Ã", "Â", " ", "œ", "€", "“", "é", "\u0081", "ГўВЂВ", "ГўВЂВ x"]
    rng = random.Random(seed)
    for _ in range(400):
        text = "".join(rng.choices(pieces, k=rng.randint(1, 30)))
        parts = repair._parts(text, rng.randint(1, 9))
        if parts is not None:
            assert repair._bad(parts) == badness.is_bad(text), repr(text)


def test_the_texts_start_is_not_looked_for_before_a_cut_inside_the_text() -> None:
    # "Ã " is bad at the text's start only; here it opens the characters before a cut.
    text = "ZZZZ\nZZZZZZÃ ZZZZZ\nZZ"
    parts = repair._parts(text, 10)
    assert parts is not None and parts[0].endswith("Ã ZZZZZ") and parts[1] == "\nZZ"
    assert not badness.is_bad(text) and not repair._bad(parts)
    assert badness.is_bad("Ã " + text) and repair._bad(repair._parts("Ã " + text, 10) or [])


@pytest.mark.parametrize(
    "text",
    [
        "Ã©Ã©\nəx\n",  # a first part that is nothing but mojibake, then one ftfy cannot decode
        "naÃ¯ve\nAzərbaycan\ncafÃ©\n",
        "Ã©\n\nə\nÃ©Ã©Ã©\n",
    ],
)
def test_a_part_that_is_all_mojibake_is_fixed_as_in_the_whole_text(text: str) -> None:
    # A reviewer's case: with each part required to hold its own line break dropped, the
    # parts gave "Ã©Ã©" back while ftfy decodes it.
    for size in (1, 2, 4, 6):
        assert repair.fix_and_explain(text, part_chars=size) == ftfy.fix_and_explain(
            text, config=repair.FTFY_CONFIG
        ), (text, size)


def test_a_text_over_the_part_size_is_fixed_as_ftfy_fixes_it_whole() -> None:
    # The shipped part size, on a text of about 1.1 million characters (2 parts) with mojibake
    # in every part and across the cuts' neighbourhoods.
    rng = random.Random(7)
    lines = []
    while sum(map(len, lines)) < 1.05 * repair.PART_CHARS:
        lines.append(rng.choice(PIECES) + " Azərbaycan")  # ə: no single-byte whole-text path
    text = "\n".join(lines) + "\n"
    parts = repair._parts(text, repair.PART_CHARS)
    assert parts is not None and len(parts) >= 2 and repair._in_parts(parts) is not None
    assert repair.fix_and_explain(text) == ftfy.fix_and_explain(text, config=repair.FTFY_CONFIG)
