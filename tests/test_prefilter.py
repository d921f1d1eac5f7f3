"""A screen never turns away a line its pattern matches.

:mod:`cleaner.prefilter` reads, from each line pattern, literals every match must contain and
the characters a match may start with; :meth:`cleaner.document.LineMemo.fullmatch` runs the
pattern only on lines the screen admits. These tests hold that promise for every shipped line
pattern: over each rule's examples, real pages and generated lines, and over every code point
for the case folding it relies on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.document import LineMemo
from cleaner.prefilter import (
    ADMIT_ALL,
    LEAD_CATEGORIES,
    Screen,
    _for_re,
    _parse,
    branches_of,
    fold,
    fullmatch_of,
    screen_of,
)
from cleaner.rules import LineSpec, TailSpec
from tests.conftest import ROOT, SHARED

RULES = Cleaner().rules
PATTERNS = [
    (f"{rule.id}:{name}", pattern)
    for rule in RULES
    if isinstance(rule.spec, LineSpec | TailSpec)
    for name, pattern in (
        ("pattern", rule.spec.pattern),
        ("confirm", getattr(rule.spec, "confirm", None)),
    )
    if pattern is not None
]
IDS = [name for name, _ in PATTERNS]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _example_lines() -> list[str]:
    found: list[str] = []
    for rule in RULES:
        for example in (*rule.examples, *rule.unchanged):
            found += _lines(example.input) + _lines(example.expected)
    return found


def _page_lines() -> list[str]:
    found: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        found += _lines(path.read_text(encoding="utf-8"))
    for record in (ROOT / "bench" / "furniture" / "pages.jsonl").read_text().splitlines():
        found += [line["text"].strip() for line in json.loads(record)["lines"]]
    for path in sorted((SHARED / "bench" / "scrapinghub" / "raw").glob("*.txt"))[:60]:
        found += _lines(path.read_text(encoding="utf-8", errors="replace"))
    return found


LINES = sorted(set(_example_lines() + _page_lines()))


def _admits_every_match(pattern: regex.Pattern[str], lines: list[str]) -> list[str]:
    """The lines the pattern matches that its screen turns away (there must be none)."""
    screen = screen_of(pattern)
    return [
        line
        for line in lines
        if not screen.admits(fold(line)) and pattern.fullmatch(line) is not None
    ]


def test_the_corpus_has_matches_to_lose() -> None:
    """The lines below include lines each kind of pattern removes, so the test has teeth."""
    assert len(LINES) > 5000
    matched = sum(1 for _, p in PATTERNS if any(p.fullmatch(line) for line in LINES))
    assert matched > len(PATTERNS) // 2


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=IDS)
def test_no_matching_line_is_screened_out(name: str, pattern: regex.Pattern[str]) -> None:
    assert _admits_every_match(pattern, LINES) == []


def test_the_reader_understands_the_shipped_patterns() -> None:
    """Every shipped pattern is read (else its screen would admit everything), and most of
    them get a screen."""
    assert [name for name, p in PATTERNS if _parse(p) is None] == []
    screened = [name for name, p in PATTERNS if screen_of(p) is not ADMIT_ALL]
    assert len(screened) > 0.6 * len(PATTERNS)


def _pieces(pattern: regex.Pattern[str]) -> list[str]:
    """Words and marks of the pattern's source, and of its screen: what matching lines hold."""
    screen = screen_of(pattern)
    words = regex.findall(r"[^\W\d_]{2,}|[^\w\s\\()|?*+{}\[\]]", pattern.pattern)
    return sorted(
        {*words, *(lit for clause in screen.clauses for lit in clause), *(screen.first or ())}
    )


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=IDS)
@given(data=st.data())
def test_generated_lines_never_lose_a_match(
    name: str, pattern: regex.Pattern[str], data: st.DataObject
) -> None:
    """Lines made of the pattern's own words, marks and literals, in any case and order, with
    spaces, digits and any text between them: a line that matches is admitted."""
    pieces = _pieces(pattern)
    glue = st.sampled_from([" ", "", ": ", " | ", "1", "2021 ", ". ", "(", ")"])
    part = st.one_of(
        st.sampled_from(pieces).map(lambda s: s.upper() if len(s) % 2 else s.title()),
        st.sampled_from(pieces),
        st.text(max_size=8),
    )
    parts = data.draw(st.lists(st.tuples(part, glue), min_size=1, max_size=12))
    line = "".join(p + g for p, g in parts).strip()
    assert _admits_every_match(pattern, [line]) == []


def test_screens_reject_most_body_lines() -> None:
    """The point of it all: body text is turned away before the costliest patterns run."""
    body = [line for line in LINES if len(line.split()) >= 15]
    costly = [p for name, p in PATTERNS if "cookie-notice" in name or "photo-caption" in name]
    for pattern in costly:
        admitted = sum(screen_of(pattern).admits(fold(line)) for line in body)
        assert admitted < 0.5 * len(body)


def test_case_folding_agrees_with_the_regex_module_on_every_screen_character() -> None:
    """Screens compare folded text. That is exact only if every character the ``regex``
    module matches to a screen's character case-insensitively folds to it, over every code
    point (the two modules carry their own Unicode tables)."""
    chars = sorted(
        {
            char
            for _, pattern in PATTERNS
            for clause in screen_of(pattern).clauses
            for literal in clause
            for char in literal
        }
        | {char for _, pattern in PATTERNS for char in (screen_of(pattern).first or ())}
        | {
            char
            for _, pattern in PATTERNS
            for text in (
                *screen_of(pattern).prefixes,
                *(stem for _, stems in screen_of(pattern).stems for stem in stems),
            )
            for char in text
        }
    )
    assert chars
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    anyone = regex.compile(
        "[" + "".join(regex.escape(c) for c in chars) + "]", regex.IGNORECASE | regex.V1
    )
    for found in set(anyone.findall(every)):
        for char in chars:
            if regex.fullmatch(regex.escape(char), found, regex.IGNORECASE | regex.V1):
                assert char in fold(found), (char, found)


def test_case_folding_agrees_with_the_regex_module_on_every_cased_character() -> None:
    """Any two characters the ``regex`` module matches to each other case-insensitively fold
    the same (the Turkish i's are why :func:`fold` is more than ``str.casefold``)."""
    flags = regex.IGNORECASE | regex.V1
    wrong = []
    for code in range(0x110000):
        char = chr(code)
        variants = {char.lower(), char.upper(), char.title(), char.casefold()} - {char}
        for other in variants:
            if regex.fullmatch(regex.escape(other), char, flags) and not (
                fold(other) in fold(char) or fold(char) in fold(other)
            ):
                wrong.append((char, other))
    assert wrong == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"[\p{Lu}][\p{L}.&' -]{1,40}", r"[\s\S][\s\S.&' -]{1,40}"),
        (r"\p{Lu}\pL", r"[\s\S][\s\S]"),
        (r"a{2,}b{,3}", r"a{2,}b{,3}"),
        (r"[]a]", r"[]a]"),
        (r"(?:abc){e<=1}", None),  # fuzzy matching: the literal need not be there
        (r"[[a-z]--[aeiou]]", None),  # a set operation
        (r"[\w&&\d]", None),
        (r"x{", None),
    ],
)
def test_regex_only_syntax_is_translated_or_refused(source: str, expected: str | None) -> None:
    assert _for_re(source) == expected


@pytest.mark.parametrize(
    "source",
    [r"(?:abc){e<=1}", r"\m\w+\M", r"(?|(a)|(b))c", r"(?r)abc", r"\Gabc", r"(?<n>a)\g<n>"],
)
def test_patterns_the_reader_is_unsure_of_admit_everything(source: str) -> None:
    assert screen_of(regex.compile(source, regex.V1)) is ADMIT_ALL


@pytest.mark.parametrize(
    ("source", "line", "admitted"),
    [
        (r"[^\n]{0,40}\bour\s+use\s+of\s+cookies\b.*", "We explain our use of cookies.", True),
        (r"[^\n]{0,40}\bour\s+use\s+of\s+cookies\b.*", "Our use of data", False),
        (r"[^\n]{3,300}?\s*\((?:Photo|Image)s?\s*:\s*[^()\n]{2,60}\)", "A (Photo: AP)", True),
        (r"[^\n]{3,300}?\s*\((?:Photo|Image)s?\s*:\s*[^()\n]{2,60}\)", "No brackets", False),
        (r"(?:Subscribe|Sign\s*up)(?:\s+now)?", "subscribe now", True),
        (r"(?:Subscribe|Sign\s*up)(?:\s+now)?", "Read more", False),
        (r"(?:copyright\s*)?(?:©|\(c\)\s*\d{4}).*", "© 2020 Example", True),
        (r".{0,60}STRASSE.{0,20}", "Hauptstraße 5", True),  # full case folding: ß is ss
        (r".{0,60}YANITLA.{0,20}", "Bir yanıtla", True),  # regex: ı matches I
        (r".{0,60}yanıtla.{0,20}", "BIR YANITLA", True),
        (r".{0,60}İstanbul.{0,20}", "in istanbul", True),
    ],
)
def test_screen_table(source: str, line: str, admitted: bool) -> None:
    pattern = regex.compile(source, regex.IGNORECASE | regex.V1)
    assert screen_of(pattern).admits(fold(line)) is admitted
    if not admitted:
        assert pattern.fullmatch(line) is None


def test_the_memo_gives_the_patterns_answer() -> None:
    pattern = regex.compile(r"[^\n]{0,40}\bour\s+use\s+of\s+cookies\b.*", regex.I | regex.V1)
    memo = LineMemo()
    assert memo.fullmatch(pattern, "See our use of cookies here") is True
    assert memo.fullmatch(pattern, "A line about nothing in particular") is False
    assert isinstance(screen_of(pattern), Screen)


def test_screens_do_not_depend_on_string_hashing() -> None:
    """A screen is the same in every process: its choice among clauses of equal cost does not
    follow the order of a set, which string hashing changes from process to process."""
    script = (
        "from cleaner import Cleaner\n"
        "from cleaner.prefilter import screen_of\n"
        "for r in Cleaner().rules:\n"
        "    p = getattr(r.spec, 'pattern', None)\n"
        "    if hasattr(p, 'pattern'):\n"
        "        s = screen_of(p)\n"
        "        print(r.id, sorted(s.first or ()), s.clauses)\n"
    )
    dumps = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(dumps) == 1


def test_case_variants_fold_to_the_same_text() -> None:
    """Prefix screens compare a line's folded start with the folded start of a match: that
    needs every two characters the ``regex`` module matches case-insensitively to fold to
    the same text, not only to overlap (over every code point)."""
    flags = regex.IGNORECASE | regex.V1
    wrong = []
    for code in range(0x110000):
        char = chr(code)
        for other in {char.lower(), char.upper(), char.title(), char.casefold()} - {char}:
            if regex.fullmatch(regex.escape(other), char, flags) and fold(other) != fold(char):
                wrong.append((char, other))
    assert wrong == []


def test_lead_classes_keep_their_characters_when_folded() -> None:
    """A lead class (``\\d``, ``\\s``) is tested on a line's first folded character: every
    character the ``regex`` module puts in it folds to a text opening with one of its own."""
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    for source in LEAD_CATEGORIES.values():
        lead = regex.compile(source, regex.V1)
        members = set(lead.findall(every))
        assert members
        assert [c for c in members if lead.match(fold(c)[:1]) is None] == []


@pytest.mark.parametrize(
    ("source", "line", "admitted"),
    [
        (r"(?:Share|Tweet|Print)(?:\s*[|•]\s*(?:Share|Tweet))*", "Share | Tweet", True),
        (r"(?:Share|Tweet|Print)(?:\s*[|•]\s*(?:Share|Tweet))*", "She said so", False),
        (r"(?:Share|Tweet|Print)(?:\s*[|•]\s*(?:Share|Tweet))*", "PRINT", True),
        (r"Shares?\s*:?\s*\d+|\d+\s+Shares?", "12 shares", True),
        (r"Shares?\s*:?\s*\d+|\d+\s+Shares?", "١٢ shares", True),  # Arabic-Indic digits
        (r"Shares?\s*:?\s*\d+|\d+\s+Shares?", "Shareholders met", True),  # the stem "share"
        (r"Shares?\s*:?\s*\d+|\d+\s+Shares?", "The shares fell", False),
        (r"(?:\s*(?:Privacy|Terms)\s*(?:[|/]|$))+", "Privacy | Terms", True),
        (r"(?:\s*(?:Privacy|Terms)\s*(?:[|/]|$))+", " Terms", True),  # \s leads
        (r"(?:\s*(?:Privacy|Terms)\s*(?:[|/]|$))+", "Prime minister", False),
        (r"[-–—_ ]*(?:Advertisement|Ad)[-–—_ ]*", "— ADVERTISEMENT —", True),
        (r"[-–—_ ]*(?:Advertisement|Ad)[-–—_ ]*", "Add", False),
        (r"[-–—_ ]*(?:Advertisement|Ad)[-–—_ ]*", "Ad", True),  # a whole match under size
        (r"Straße(?:\s+\d+)?", "STRASSE 5", True),  # full case folding: ß is ss
        (r"İstanbul", "istanbul", True),
        (r"(?:Yanıtla|Reply)", "YANITLA", True),
        (r"(?-i:\p{Lu})\p{L}+ said", "Anyone said", True),  # any first letter: no screen
    ],
)
def test_prefix_screen_table(source: str, line: str, admitted: bool) -> None:
    pattern = regex.compile(source, regex.IGNORECASE | regex.V1)
    assert screen_of(pattern).admits(fold(line)) is admitted
    if not admitted:
        assert pattern.fullmatch(line) is None


def test_prefix_screens_screen_the_costly_anchored_rules() -> None:
    """The anchored rules that open with a class too large to list (``\\s*``, ``\\d+``) or
    with many words get a prefix screen, which turns away most body lines."""
    body = [line for line in LINES if len(line.split()) >= 15]
    for rule in ("site-links", "share-buttons", "timestamp", "ui-controls"):
        pattern = next(p for name, p in PATTERNS if f"boilerplate.{rule}:pattern" == name)
        screen = screen_of(pattern)
        assert screen.size > 1
        assert sum(screen.admits(fold(line)) for line in body) < 0.2 * len(body)


def test_split_alternations_answer_as_the_whole_pattern() -> None:
    """``fullmatch_of`` tries only the branches a line's screen admits: the same answer as
    the whole pattern on every line of the corpus, for every shipped pattern it splits."""
    split = [(name, p) for name, p in PATTERNS if branches_of(p) is not None]
    assert any("cookie-notice" in name for name, _ in split)
    for _, pattern in split:
        fullmatch = fullmatch_of(pattern)
        assert [
            line for line in LINES if (fullmatch(line) is None) != (pattern.fullmatch(line) is None)
        ] == []


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=IDS)
@given(data=st.data())
def test_split_alternations_answer_as_the_whole_pattern_on_generated_lines(
    name: str, pattern: regex.Pattern[str], data: st.DataObject
) -> None:
    pieces = _pieces(pattern)
    glue = st.sampled_from([" ", "", ": ", " | ", "1", "2021 ", ". ", "(", ")"])
    part = st.one_of(st.sampled_from(pieces), st.text(max_size=8))
    parts = data.draw(st.lists(st.tuples(part, glue), min_size=1, max_size=12))
    line = "".join(p + g for p, g in parts).strip()
    assert (fullmatch_of(pattern)(line) is None) == (pattern.fullmatch(line) is None)


@pytest.mark.parametrize(
    ("source", "split"),
    [
        (r"(?:[^\n]{0,40}\bwe\s+use\s+cookies.*)|(?:Got\s+it)", True),
        (r"(?:Share|Tweet)|(?:Print)", False),  # no branch opens wide
        (r"(?:(a)[^\n]{0,40}x)|(?:[^\n]{0,40}\1)", False),  # a back reference
        (r"(?:[|(][^\n]{0,40}x)|(?:[^\n]{0,40}y)", True),  # "|" and "(" in a set
        (r"(?:\|[^\n]{0,40}x)|(?:[^\n]{0,40}y)", True),
        (r"(?:(?#[)[^\n]{0,40}x)|(?:[^\n]{0,40}y)", False),  # a comment
    ],
)
def test_which_alternations_are_split(source: str, split: bool) -> None:
    pattern = regex.compile(source, regex.IGNORECASE | regex.V1)
    branches = branches_of(pattern)
    assert (branches is not None) is split
    if branches is not None:
        assert "|".join(branch.pattern for _, branch in branches) == source
