"""The screens of a step's line patterns asked at once give each pattern's own screen's answer.

:class:`cleaner.prefilter.Screens` reads the first characters, prefixes and first clauses of
many screens into look-up tables and one Aho-Corasick pass; :meth:`Screens.admitted` must
name exactly the patterns whose :func:`screen_of` admits a line, and the line memo must
answer with them as it answers without them. Checked for the shipped rules of every
language, over the lines of ``tests/test_prefilter.py`` (rule examples, seeds, furniture
and Scrapinghub pages), generated lines, and patterns written to reach every kind of screen.
"""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.document import LineMemo
from cleaner.prefilter import Screens, ends_of, fold, fullmatch_of, screen_of
from tests.test_prefilter import LINES, RULES, _pieces

KINDS = ("remove_line", "remove_tail")
LANGUAGES = sorted(
    {None, "en", *(language for rule in RULES for language in rule.when.languages)},
    key=str,
)


def _patterns(language: str | None) -> list[regex.Pattern[str]]:
    return RULES.line_patterns(KINDS, language)


def _one_by_one(patterns: list[regex.Pattern[str]], folded: str) -> set[regex.Pattern[str]]:
    return {pattern for pattern in patterns if screen_of(pattern).admits(folded)}


def _wrong(patterns: list[regex.Pattern[str]], lines: list[str]) -> list[str]:
    screens = Screens(patterns)
    return [
        line
        for line in lines
        if screens.admitted(fold(line)) != _one_by_one(patterns, fold(line))
    ]


@pytest.mark.parametrize("language", LANGUAGES, ids=str)
def test_shipped_screens_at_once_answer_as_one_by_one(language: str | None) -> None:
    patterns = _patterns(language)
    assert patterns
    assert _wrong(patterns, ["", *LINES]) == []


def test_the_lines_pass_screens_of_every_kind() -> None:
    """The lines reach each way a screen admits: a prefix, a stem, a lead class, literals."""
    patterns = _patterns("fr")
    screens = Screens(patterns)
    admitted = [screens.admitted(fold(line)) for line in LINES]
    reached = {pattern for found in admitted for pattern in found}
    assert len(reached) > 0.8 * len(patterns)


ALL_PATTERNS = _patterns("fr")
PIECES = sorted({piece for pattern in ALL_PATTERNS for piece in _pieces(pattern)})


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.sampled_from(PIECES),
                st.sampled_from(PIECES).map(str.upper),
                st.text(max_size=6),
            ),
            st.sampled_from([" ", "", ": ", " | ", "1", "2021 ", ". ", "(", ")", "\t"]),
        ),
        max_size=10,
    )
)
def test_generated_lines_get_the_same_screens(parts: list[tuple[str, str]]) -> None:
    line = "".join(piece + glue for piece, glue in parts)
    assert _wrong(ALL_PATTERNS, [line, line.strip()]) == []


# Patterns written to reach each kind of screen: first characters only, prefixes and stems,
# a lead class (\d, \s), a whole match shorter than the prefixes, literals (a wide start),
# a split alternation, a pattern with no screen, and an empty match.
WRITTEN = [
    r"(?:Share|Tweet)\s*:?|\d+ shares",
    r"\s*(?:Posted|Updated) on .{1,40}",
    r"(?i)ok|okay then",
    r"[^\n]{0,40}\bour\s+use\s+of\s+cookies\b.*",
    r"(?:.{0,40}\bwe\s+use\s+cookies.*)|(?:Got it)|(?:\d{1,2} comments?)",
    r"[A-Z][a-z]+ \| [A-Z][a-z]+",
    r"(?:x)?",
    r"(.)\1+",
    r"İstanbul.{0,20}",
    r".{0,30}(?:©|\(c\)).{0,30}rights.*",
]


@pytest.mark.parametrize("flags", [0, regex.IGNORECASE])
def test_written_patterns_get_the_same_screens(flags: int) -> None:
    patterns = [regex.compile(source, flags) for source in WRITTEN]
    lines = [
        "",
        " ",
        "Share:",
        "SHARE",
        "12 shares",
        "\u0663 shares",
        " Posted on Monday",
        "ok",
        "OK",
        "okay then",
        "oka",
        "We value our use of cookies",
        "Hello, we use cookies.",
        "Got it",
        "7 comments",
        "Home | News",
        "x",
        "aaaa",
        "istanbul today",
        "ISTANBUL TODAY",
        "© 2024 All rights reserved",
        *LINES[:2000],
    ]
    assert _wrong(patterns, lines) == []


def test_the_memo_answers_with_screens_as_without() -> None:
    patterns = _patterns("en")
    screens = Screens(patterns)
    lines = LINES[:3000]
    with_screens, without = LineMemo(), LineMemo()
    for pattern in patterns:
        assert with_screens.matching(pattern, lines, None, screens) == without.matching(
            pattern, lines
        )
    fresh = LineMemo()
    for pattern in patterns[:8]:
        assert [fresh.fullmatch(pattern, line, None, screens) for line in lines[:500]] == [
            LineMemo().fullmatch(pattern, line) for line in lines[:500]
        ]


def test_a_pattern_outside_the_screens_is_screened_alone() -> None:
    screens = Screens([regex.compile(r"Share")])
    other = regex.compile(r"Follow us")
    assert other not in screens
    assert LineMemo().matching(other, ["Follow us", "Share"], None, screens) == [0]


# --- the last characters a match ends with (``ends_of``), read only where no limit applies ---

SHIPPED = sorted(
    {p for language in LANGUAGES for p in _patterns(language)}, key=lambda p: p.pattern
)


def test_shipped_patterns_with_end_screens_answer_as_the_pattern() -> None:
    """``fullmatch_of`` turns away a line no match can end like: the pattern's own answer on
    every line of the corpus, for every shipped pattern (split alternations included)."""
    assert sum(1 for p in SHIPPED if ends_of(p) is not None) >= 5
    for pattern in SHIPPED:
        fullmatch = fullmatch_of(pattern)
        assert [
            line for line in LINES if (fullmatch(line) is None) != (pattern.fullmatch(line) is None)
        ] == [], pattern.pattern


@pytest.mark.parametrize(
    ("source", "flags", "ends"),
    [
        (r"[^\n]{3,300}?\((?:AFP|Reuters)\)", regex.I, {")"}),
        (r"Share(?: on)?", regex.I, {"e", "n"}),
        (r"Read more.*", 0, None),  # any character may end it
        (r"(?:x)?", 0, None),  # or none
        (r"\d+ comments?", regex.I, {"t", "s"}),
        (r"STRASSE|Straße", regex.I | regex.FULLCASE, {"e"}),
        (r"(?:Photo|Foto)(?=\s|$)", regex.I, {"o"}),
        (r"x(?<=x)", 0, {"x"}),
        (r"KELVIN \u212a", 0, {"k"}),
        (r"İ", regex.I, {"i"}),
        (r"a\u0307", 0, None),  # folds to nothing: unknown
        (r"[A-C]", regex.I, {"a", "b", "c"}),
        (r"[^)]", 0, None),
        (r"(a)\1", 0, None),
    ],
)
def test_end_screen_table(source: str, flags: int, ends: set[str] | None) -> None:
    found = ends_of(regex.compile(source, flags))
    assert (None if found is None else set(found)) == ends


@pytest.mark.parametrize(
    ("source", "flags", "line"),
    [
        (r"STRASSE|Straße", regex.I | regex.FULLCASE, "strasse"),
        (r"STRASSE|Straße", regex.I | regex.FULLCASE, "STRAẞE"),
        (r"Stras", regex.I | regex.FULLCASE, "Straß"),
        (r"İ", regex.I, "i\u0307"),
        (r"İ", regex.I, "İ"),
        (r"ı", regex.I, "I"),
        (r"KELVIN \u212a", regex.I, "kelvin k"),
        (r"[^\n]{3,300}?\((?:AFP|Reuters)\)", regex.I, "Troops near Fuzuli (REUTERS)"),
        (r"[^\n]{3,300}?\((?:AFP|Reuters)\)", regex.I, "Troops near Fuzuli (REUTERS) x"),
    ],
)
def test_end_screens_keep_every_match(source: str, flags: int, line: str) -> None:
    pattern = regex.compile(source, flags)
    assert (fullmatch_of(pattern)(line) is None) == (pattern.fullmatch(line) is None)

