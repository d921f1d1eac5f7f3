"""Shortcuts that skip work give what the full work gives, byte for byte.

Each shortcut is compared with the same code run without it (the shortcut's filter patched
to let everything through) over generated text built from the words the shortcut is about,
and over the speed corpus when it is present.
"""

from __future__ import annotations

import itertools
import subprocess
import sys
from typing import Any
from unittest.mock import patch

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.aliases import (
    WORD,
    AliasIndex,
    Match,
    _is_gloss,
    _overlaps,
    _protected_spans,
    _reads_as_name,
    _split_at_breaks,
    keep_case,
)
from cleaner.document import (
    LINE_BREAK,
    Document,
    Edit,
    Line,
    _count_lines,
    _line_starts,
    split_lines,
)
from cleaner.options import Context
from cleaner.rules import (
    AliasSpec,
    EchoSpec,
    LineSpec,
    QuoteSpec,
    RepeatSpec,
    ReplaceSpec,
    load_rules,
)
from cleaner.steps import boilerplate, metadata
from cleaner.steps.article import WORD as ARTICLE_WORD
from tests.conftest import SHARED

CLEANER = Cleaner()
INDEX: AliasIndex = CLEANER._context.aliases
GENERATOR = SHARED / "bench" / "speed" / "gen_corpus.py"


def _phrases(index: AliasIndex) -> tuple[list[str], list[str], list[str], list[str]]:
    """The shipped aliases' variants, canonical forms and exceptions (as written, in capitals,
    with a plural s); each of their words in those forms and in lower case; the rules'
    condition terms; and each full name followed by its surname (bare, plural, capitals)."""
    phrases: set[str] = set()
    words: set[str] = set()
    terms: set[str] = set()
    people: set[str] = set()
    for rule in index.rules:
        spec = rule.spec
        assert isinstance(spec, AliasSpec)
        for phrase in [p for pair in spec.table for p in pair] + list(spec.exceptions):
            phrases.update({phrase, phrase.upper(), phrase + "s"})
            names = WORD.findall(phrase)
            for word in names:
                words.update({word, word.upper(), word.lower(), word + "s", word + "S"})
            if len(names) > 1:
                surname = names[-1]
                for form in (surname, surname + "s", surname.upper(), surname.upper() + "S"):
                    people.add(f"{phrase} spoke. Later {form} and {surname} left")
        terms.update(rule.when.mentions)
    return sorted(phrases), sorted(words), sorted(terms), sorted(people)


PHRASES, WORDS, TERMS, PEOPLE = _phrases(INDEX)
GLUE = [" ", " ", " ", "-", " – ", "\n", "\n\n", "'s ", ", ", ". ", " (", ") ", '"', "“", "”"]
EXTRAS = ["the", "said", "President", "Further reading", "Oxford: Clarendon Press, 1994", "Later"]
token = st.one_of(*(st.sampled_from(group) for group in (PHRASES, WORDS, TERMS, PEOPLE, EXTRAS)))
names_text = st.lists(st.tuples(token, st.sampled_from(GLUE)), max_size=60).map(
    lambda parts: "".join(a + b for a, b in parts)
)


def _find(index: AliasIndex, text: str, language: str | None) -> list[Match]:
    return list(index.find(text, language))


def _find_without_filters(
    index: AliasIndex, text: str, language: str | None, monkeypatch: pytest.MonkeyPatch
) -> list[Match]:
    """``find`` as it was before its shortcuts: a variant tried at every word, every word
    looked up for a person to follow, every span computed first (the code of 1a06d15)."""
    with monkeypatch.context() as patch:
        patch.setattr(index, "_following", lambda strings, events: set(strings))
        if not index.rules:
            return []
        active = index.active(text, language)
        if not any(active):
            return []
        blocked = index._exception_spans(text, active)
        protected = _protected_spans(text)
        words = list(WORD.finditer(text))
        found: list[tuple[Match, int, int]] = []
        at = 0
        while at < len(words):
            hit = index._match_at(text, words, at, active)
            if hit is None:
                at += 1
                continue
            candidate, end_index, plural = hit
            start, end = words[at].start(), words[end_index].end()
            rule = index.rules[candidate.rule]
            spec = rule.spec
            assert isinstance(spec, AliasSpec)
            if (
                _overlaps(start, end, blocked.get(candidate.rule, ()))
                or _overlaps(start, end, protected)
                or (spec.as_name_only and not _reads_as_name(text, start, end, spec))
                or _is_gloss(text, start, end, candidate.canonical)
            ):
                at += 1
                continue
            matched = text[start:end]
            replacement = candidate.canonical + ("s" if plural else "")
            if spec.case_insensitive or matched.isupper():
                replacement = keep_case(matched, replacement)
            found.append((Match(start, end, replacement, rule), at, end_index))
            at = end_index + 1
        strings = [word[0] for word in words]
        found = index._follow_people(text, words, strings, found, blocked, protected, active)
        return [
            split
            for match, first, last in found
            for split in _split_at_breaks(text, words[first : last + 1], match)
        ]


@settings(max_examples=500)
@given(names_text, st.sampled_from(["en", "und", "de", None]))
def test_alias_filters_change_nothing(text: str, language: str | None) -> None:
    with pytest.MonkeyPatch.context() as patch:
        assert _find(INDEX, text, language) == _find_without_filters(INDEX, text, language, patch)


@given(names_text)
def test_no_name_found_means_none_followed(text: str) -> None:
    """``find`` returns at once when no variant matched: following people then adds none."""
    active = INDEX.active(text, "en")
    words = list(WORD.finditer(text))
    strings = [word[0] for word in words]
    blocked = INDEX._exception_spans(text, active)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(INDEX, "_following", lambda strings, events: set(strings))
        assert INDEX._follow_people(text, words, strings, [], blocked, [], active) == []


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seeds, and 40 documents or so of the speed benchmark's corpus (its generator)."""
    out = tmp_path_factory.mktemp("speed")
    subprocess.run(
        [sys.executable, str(GENERATOR), "--seeds", str(SHARED / "seeds"), "--out", str(out),
         "--mb", "0.3"],
        check=True, capture_output=True,
    )  # fmt: skip
    paths = [*sorted((SHARED / "seeds").glob("*.txt")), *sorted((out / "txt").glob("*.txt"))]
    return [path.read_text(encoding="utf-8") for path in paths]


def test_alias_filters_on_real_text(corpus: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    for text in corpus:
        for version in (text, CLEANER.clean(text).text):
            assert _find(INDEX, version, "en") == _find_without_filters(
                INDEX, version, "en", monkeypatch
            )


EXCEPTION_RULES = """
[[rule]]
id = "t.folded"
description = "case-insensitive, exceptions that change length when casefolded"
kind = "alias"
canonical = "Aliyev"
variants = ["Aliev", "Alijew"]
case_insensitive = true
exceptions = ["Dmitri Aliev", "İlham Aliev", "ALIEV ALIEV", "Straße Alijew"]
examples = [{input = "Aliev", expected = "Aliyev"}]
unchanged = ["x"]

[[rule]]
id = "t.exact"
description = "case-sensitive, an exception that overlaps itself, one listed twice"
kind = "alias"
canonical = "Sarkissian"
variants = ["Sarkisian"]
exceptions = ["Sarkisian Sarkisian", "Vazgen Sarkisian", "Vazgen Sarkisian"]
examples = [{input = "Sarkisian", expected = "Sarkissian"}]
unchanged = ["x"]

[[rule]]
id = "t.other"
description = "another rule sharing an exception phrase"
kind = "alias"
canonical = "Hasanov"
variants = ["Gasanov"]
exceptions = ["Vazgen Sarkisian Gasanov", "Gasanov"]
examples = [{input = "Gasanov", expected = "Hasanov"}]
unchanged = ["x"]
"""
EXCEPTION_WORDS = [
    "Dmitri",
    "DMITRI",
    "dmitri",
    "İlham",
    "i̇lham",
    "Aliev",
    "ALIEV",
    "aliev",
    "Straße",
    "STRASSE",
    "strasse",
    "Alijew",
    "Sarkisian",
    "Vazgen",
    "Gasanov",
    "😀",
]


@pytest.fixture(scope="module")
def exception_index(tmp_path_factory: pytest.TempPathFactory) -> AliasIndex:
    path = tmp_path_factory.mktemp("rules") / "exceptions.toml"
    path.write_text(EXCEPTION_RULES, encoding="utf-8")
    return AliasIndex(list(load_rules([path], defaults=False)))


def _exception_spans_in_full(
    index: AliasIndex, text: str, active: list[bool]
) -> dict[int, list[tuple[int, int]]]:
    """The exception spans as a ``str.find`` loop per phrase finds them (the code of 1a06d15)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for number, rule in enumerate(index.rules):
        spec = rule.spec
        assert isinstance(spec, AliasSpec)
        if not active[number] or not spec.exceptions:
            continue
        haystack = text.casefold() if spec.case_insensitive else text
        for phrase in spec.exceptions:
            needle = phrase.casefold() if spec.case_insensitive else phrase
            at = haystack.find(needle)
            while at >= 0:
                spans.setdefault(number, []).append((at, at + len(needle)))
                at = haystack.find(needle, at + 1)
    return spans


@given(
    st.lists(st.tuples(st.sampled_from(EXCEPTION_WORDS), st.sampled_from(["", " ", "\n"]))).map(
        lambda parts: "".join(a + b for a, b in parts)
    ),
    st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_exception_phrases_found_in_one_pass(
    exception_index: AliasIndex, text: str, active: list[bool]
) -> None:
    assert exception_index._exception_spans(text, active) == _exception_spans_in_full(
        exception_index, text, active
    )


@given(names_text)
def test_shipped_exception_phrases_found_in_one_pass(text: str) -> None:
    active = [True] * len(INDEX.rules)
    assert INDEX._exception_spans(text, active) == _exception_spans_in_full(INDEX, text, active)


def _metadata_oracle(doc: Document, ctx: Context) -> dict[str, Any]:
    """The header step as it was before it looked for the date line first: every line from
    the top is tried against every ``head`` and ``anywhere`` rule until one is kept."""
    removable = [
        rule
        for rule in ctx.rules_of("remove_line")
        if isinstance(rule.spec, LineSpec) and rule.spec.where in ("anywhere", "head")
    ]
    for line in doc.lines():
        found = metadata.LEADING_DATE.match(line.text)
        if not found or not metadata._is_date(found[1]):
            if line.blank or any(
                rule.spec.pattern.fullmatch(line.content) is not None  # type: ignore[union-attr]
                for rule in removable
            ):
                continue
            return {}
        end = line.stop if found.end() == len(line.text) else line.start + found.end()
        return {"date": found[1], "span": (line.start, end)}
    return {}


HEADER_LINES = [
    "",
    "  ",
    "[ad_1]",
    "Advertisement",
    "Share this:",
    "News",
    "date 2020-09-28",
    " date 2020-09-28 The President spoke.",
    "date 2020-02-30 not a day",
    "date 2021-01-05\tThe talks resumed.",
    "Update date 2020-09-28",
    "The ceasefire held overnight after three days of fighting, the ministry said.",
    "Photo: AP",
    "Politics",
]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(HEADER_LINES), max_size=8))
def test_header_step_finds_the_date_line_first(lines: list[str]) -> None:
    """Looking for the date line before judging the lines above it changes nothing."""
    text = "\n".join(lines)
    doc = Document("t", text)
    ctx = CLEANER._context
    expected = _metadata_oracle(doc, ctx)
    assert _metadata_found(doc, ctx) == expected


def _metadata_found(doc: Document, ctx: Context) -> dict[str, Any]:
    """The header step's answer on ``doc``: the date and the span of the line it removes."""
    batches = list(metadata.run(doc, ctx))
    if not batches:
        return {}
    return {"date": doc.meta["date"], "span": (batches[0][0].start, batches[0][0].end)}


# The spacing step runs a ``replace`` pattern only on a text that holds one of its pairs
# (``prefilter.pairs_of``): a text where the pattern matches always holds one.
PAIR_PATTERNS = {
    r"(?<=[\p{L}\p{N}])[ \t]+(?=[,.](?!\d))": {" ,", " .", "\t,", "\t."},
    r"a(?=b)": {"ab"},
    r"(?<=a)b": {"ab"},
    r"(?<=a|c)\bb": {"ab", "cb"},
    r"x[ab]+(?=[cd]|e)": {"xa", "xb"},  # the fewer pairs of two points
    r"[ab]+(?=[cd]|e)": {"ac", "ad", "ae", "bc", "bd", "be"},
    r"(?:ab|cd)e": {"be", "de"},
    r"ab+?c": {"ab"},
    r"(?:a|b)(?:x)": {"ax", "bx"},
    r"(?=a)b": None,  # contradictory, but no pair straddles a point of it
    r"a$": None,
    r"a\s*b": None,
    r"a?b": None,
    r"(?i)ab": None,
    r"(?i:a)b": None,
    r"[^a]b": None,
    r"[a-c]d": None,
    r"(ab)": None,
}
PAIR_TEXT = st.text(alphabet=st.sampled_from(list("abcdex ,.\t\n1")), max_size=40)


@pytest.mark.parametrize("source", sorted(PAIR_PATTERNS))
def test_pairs_read_from_a_pattern(source: str) -> None:
    import regex

    from cleaner.prefilter import pairs_of

    expected = PAIR_PATTERNS[source]
    assert pairs_of(regex.compile(source, regex.V1)) == (
        None if expected is None else frozenset(expected)
    )


@given(PAIR_TEXT)
def test_a_text_without_a_patterns_pairs_has_no_match(text: str) -> None:
    import regex

    from cleaner.prefilter import pairs_of

    for source in PAIR_PATTERNS:
        pattern = regex.compile(source, regex.V1)
        pairs = pairs_of(pattern)
        if pairs is not None and not any(pair in text for pair in pairs):
            assert pattern.search(text) is None, (source, text)


SPACING_TEXT = st.lists(
    st.sampled_from([*"ab1 \t\n,.;:?!\"')]”’«»", "May10", "November1st", " .5", "...", "e.g."]),
    max_size=40,
).map("".join)


def _shipped_pairs_hold(text: str) -> None:
    from cleaner.prefilter import pairs_of

    for rule in CLEANER.rules.of_kind("replace"):
        assert isinstance(rule.spec, ReplaceSpec)
        pattern = rule.spec.pattern
        pairs = pairs_of(pattern)
        if pairs is not None and not any(pair in text for pair in pairs):
            assert pattern.search(text) is None, (rule.id, text)


@given(SPACING_TEXT)
def test_shipped_spacing_pairs_never_turn_a_match_away(text: str) -> None:
    _shipped_pairs_hold(text)


def test_shipped_spacing_pairs_on_real_text(corpus: list[str]) -> None:
    from cleaner.prefilter import pairs_of

    screened = [r for r in CLEANER.rules.of_kind("replace") if pairs_of(r.spec.pattern)]
    assert len(screened) >= 3  # the three "no space before punctuation" rules
    for text in corpus:
        for line in text.split("\n"):
            _shipped_pairs_hold(line)


# The language step counts letters again from the changes logged since its last count
# (steps/language.py ``_counts``): the counts are those of the whole text, counted again.
def _counts_checked(texts: list[str]) -> int:
    """How many counts were made from the changes (none is left to counting the whole text
    because that is cheaper); each is checked."""
    from cleaner.steps import language

    from_changes = 0
    real = language._counts

    def counts(doc: Document) -> tuple[int, int, int, int]:
        nonlocal from_changes
        from_changes += doc.line_memo.get(language.COUNTED) is not None
        found = real(doc)
        assert found == language.counts_of(doc.text), doc.text
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(language, "_counts", counts)
        patch.setattr(language, "CHANGE_COST", 0)
        for text in texts:
            CLEANER.clean(text)
    return from_changes


LANGUAGE_TEXT = st.lists(
    st.sampled_from(
        [*" \n\n.,“”’", "Aliev", "Əliyev", "Բաքու", "თბილისი", "Comment", "READ MORE", "[ad_1]",
         "the war", "Nagorno Karabakh", "Yasar Aliev", "«", "»", "—", "  ", "\t"]
    ),
    max_size=80,
).map("".join)  # fmt: skip


@given(st.lists(LANGUAGE_TEXT, min_size=1, max_size=3))
def test_letters_counted_from_the_changes_are_the_texts(texts: list[str]) -> None:
    _counts_checked(texts)


def test_letters_counted_from_the_changes_on_real_text(corpus: list[str]) -> None:
    assert _counts_checked(corpus) >= len(corpus) // 2


# The quotes step finds the marks of the whole text once and passes over the paragraphs that
# hold none (steps/quotes.py ``find_edits``): the edits of a search per paragraph.
def _quote_edits_per_paragraph(text: str, style: tuple[str, str, str, str]) -> list[Edit]:
    from cleaner.document import split_lines
    from cleaner.steps import quotes

    edits: list[Edit] = []
    for rule in CLEANER.rules.of_kind("quotes"):
        spec = rule.spec
        assert isinstance(spec, QuoteSpec)
        spans = quotes.paragraphs(split_lines(text))
        for index, (start, end) in enumerate(spans):
            following = text[spans[index + 1][0]] if index + 1 < len(spans) else ""
            edits.extend(quotes._double(text, start, end, following, rule, spec, style))
            edits.extend(quotes._single(text, start, end, rule, spec, style))
    return edits


def _quote_edits(text: str, style: tuple[str, str, str, str]) -> list[Edit]:
    from cleaner.document import split_lines
    from cleaner.steps import quotes

    return [
        edit
        for rule in CLEANER.rules.of_kind("quotes")
        for edit in quotes.find_edits(text, split_lines(text), rule, rule.spec, style)
    ]


QUOTES_TEXT = st.lists(
    st.sampled_from([*" \n\n\t.,—(“”„«»‘’'\"", "word", "soldiers", "rock 'n' roll", "'90s"]),
    max_size=60,
).map("".join)


@given(QUOTES_TEXT, st.sampled_from(["straight", "curly"]))
def test_quote_marks_found_once(text: str, style: str) -> None:
    from cleaner.steps.quotes import STYLES

    chosen = STYLES[style]
    assert _quote_edits(text, chosen) == _quote_edits_per_paragraph(text, chosen)


def test_quote_marks_found_once_on_real_text(corpus: list[str]) -> None:
    from cleaner.steps.quotes import STYLES

    for text in corpus:
        for style in STYLES.values():
            assert _quote_edits(text, style) == _quote_edits_per_paragraph(text, style)


@given(st.text(alphabet=st.sampled_from(list("ab. \t\n\xa0\u2000")), max_size=30))
def test_tidy_runs_only_in_a_text_with_a_tab_or_two_spaces(text: str) -> None:
    from cleaner.steps.tidy import INNER_RUN

    assert INNER_RUN.search(text) is None or "\t" in text or "  " in text
# The document's lines: split column by column in C, line starts from ``str.split`` where
# ``\n`` is the only break, and input lines carried across an edit piece by piece.


def _lines_by_loop(text: str) -> list[tuple[int, int, int, int, str, str, bool]]:
    """What ``split_lines`` gave when it built each line in a Python loop."""
    parts = text.split("\n")
    if len(parts) > 1 and not parts[-1]:
        parts.pop()
    lines = []
    start = 0
    for number, part in enumerate(parts):
        end = start + len(part)
        stop = end if number == len(parts) - 1 and end == len(text) else end + 1
        lines.append((number, start, end, stop, part, part.strip(), not part.strip()))
        start = stop
    return lines


@given(st.text(alphabet="ab \t\n\r\u2028\u2029", max_size=30))
def test_lines_split_in_c_are_the_loops_lines(text: str) -> None:
    assert [tuple(line) for line in split_lines(text)] == _lines_by_loop(text)
    breaks = [m.end() for m in LINE_BREAK.finditer(text)]
    assert _line_starts(text) == [0, *breaks]
    assert _count_lines(text) == len(breaks) + 1


raw_edits = st.lists(
    st.tuples(st.integers(0, 24), st.integers(0, 4), st.text(alphabet="x\n", max_size=3)),
    max_size=5,
)


def _edits(raw: list[tuple[int, int, str]], size: int) -> list[Edit]:
    """Generated (start, length, replacement) triples as edits inside a text of ``size``."""
    return [Edit(min(a, size), min(a + k, size), after, "r", "a") for a, k, after in raw]


@settings(max_examples=300)
@given(st.text(alphabet="ab \n", max_size=24), raw_edits, raw_edits)
def test_origins_carried_by_piece_are_the_origins_looked_up_by_line(
    text: str, first: list[tuple[int, int, str]], second: list[tuple[int, int, str]]
) -> None:
    carried, looked_up = Document("d", text), Document("d", text)
    for raw in (first, second):
        edits = _edits(raw, len(carried.text))
        carried.apply(edits)
        with patch("cleaner.document._only_newlines", return_value=False):
            looked_up.apply(edits)
        assert carried.text == looked_up.text
        assert carried._origins == looked_up._origins
        assert carried.changes == looked_up.changes


# The boilerplate step: sentence breaks found from their end mark, case folded only for a
# sentence that could be an echo, and repeat keys read only for lines that have a line of as
# many words.

REPEAT_RULE = next(rule for rule in CLEANER.rules if rule.kind == "repeat")
LOOKBEHIND_BREAK = regex.compile(r"(?<=[.!?][\"'”’»)\]]?)[ \t]+(?=[\"'“‘«(\[]?\p{Lu})")


def _echoes_in_full(text: str, spec: EchoSpec) -> list[tuple[int, int]]:
    """What ``_echoes`` gave with a lookbehind break and every word casefolded."""
    spans: list[tuple[int, int]] = []
    breaks = list(LOOKBEHIND_BREAK.finditer(text))
    if not breaks:
        return spans
    previous: list[str] = []
    cursor = 0
    for brk in [*breaks, None]:
        end = brk.start() if brk else len(text)
        words = [w.casefold() for w in ARTICLE_WORD.findall(text[cursor:end])]
        if (
            previous
            and spec.min_words <= len(words) <= spec.max_words
            and len(previous) > len(words)
            and previous[-len(words) :] == words
        ):
            spans.append((boilerplate._space_before(text, cursor), end))
        else:
            previous = words
        cursor = brk.end() if brk else end
    return spans


ECHO_WORDS = ["the", "The", "THE", "president", "said", "Ünal", "ß"]
MARKS = [" ", "  ", "\t", ". ", "! ", '." ', ".) ", '.")', "? «", ".", ", ", " “"]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """Sentences of a few words, some followed by their last words again (an echo), in
    another case, after one of several marks."""
    text = ""
    for _ in range(draw(st.integers(0, 4))):
        words = draw(st.lists(st.sampled_from(ECHO_WORDS), min_size=1, max_size=8))
        text += " ".join(words) + draw(st.sampled_from(MARKS))
        echo = words[-draw(st.integers(1, len(words))) :]
        if draw(st.booleans()):
            text += " ".join(echo).title() + draw(st.sampled_from(MARKS))
    return text


@settings(max_examples=500)
@given(sentences(), st.integers(0, 4), st.integers(0, 8))
def test_echoes_are_the_echoes_found_in_full(text: str, low: int, high: int) -> None:
    spec = EchoSpec(min_words=low, max_words=high)
    assert boilerplate._echoes(text, spec) == _echoes_in_full(text, spec)
    assert [m.span(1) for m in boilerplate.SENTENCE_BREAK.finditer(text)] == [
        m.span() for m in LOOKBEHIND_BREAK.finditer(text)
    ]


def _repeats_in_full(doc: Document, spec: RepeatSpec) -> list[Edit]:
    """What ``remove_repeats`` gave reading every line's key (no article span)."""
    groups: dict[tuple[str, ...], list[Line]] = {}
    for line in doc.lines():
        key = boilerplate._folded_words(line.text)
        if len(key) >= spec.min_words:
            groups.setdefault(key, []).append(line)
    span = boilerplate._body_span(doc)
    top = next((line for line in doc.lines() if not line.blank), None)
    first = top.number if top is not None else -1
    title = boilerplate._folded_words(top.text) if top is not None else ()
    edits: list[Edit] = []
    for key, copies in groups.items():
        if len(copies) < 2:
            continue
        above = [n for n in copies if span is not None and n.number < span[0]]
        keep = above[-1] if len(above) > 1 else copies[0]
        titled = (
            keep.number == first
            or boilerplate._of_title(key, title)
            or (span is not None and keep.number < span[0])
            or not boilerplate._inside(keep, None)
        )
        edits.extend(
            Edit(n.start, n.stop, "", REPEAT_RULE.id, "remove_line")
            for n in copies
            if n is not keep and (titled or not boilerplate._inside(n, None))
        )
    return edits


REPEAT_LINES = [
    "",
    "Home",
    "Read more about it",
    "read MORE, about it!",
    "Four words per line",
    "Five words in this line",
    "The minister said on Monday that the budget would be cut by a tenth next year",
    "the minister said on monday that the budget would be cut by a tenth next year.",
    "A different sentence of exactly sixteen words, written so that it counts as a body line",
]


@given(st.lists(st.sampled_from(REPEAT_LINES), max_size=12), st.integers(1, 5))
def test_repeats_are_the_repeats_found_in_full(lines: list[str], low: int) -> None:
    spec = RepeatSpec(min_words=low)
    doc = Document("d", "\n".join(lines))
    assert boilerplate.remove_repeats(doc, REPEAT_RULE, spec) == _repeats_in_full(doc, spec)


@given(
    st.text(alphabet="ab Ünß漢字ไทย .-_1'’", max_size=16), st.integers(0, 16), st.integers(0, 16)
)
def test_last_word_searched_backwards_is_the_last_word_found(text: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    words = ARTICLE_WORD.findall(text[start:end])
    last = boilerplate.LAST_WORD.search(text, start, end)
    assert (last[0] if last is not None else None) == (words[-1] if words else None)


# helper names: the alias index's one-pass shortcuts (issue 13)

from cleaner.aliases import (  # noqa: E402
    CITATION_MARK,
    CITATION_MAX_WORDS,
    QUOTED,
    REFERENCE_HEADING,
    SHORT_QUOTE_WORDS,
    SPEECH_END,
    YEAR,
)


def _protected_spans_line_by_line(text: str) -> list[tuple[int, int]]:
    """The protected spans as every line was tried in turn (the code of 80292ba)."""
    spans = [
        m.span("inner")
        for m in QUOTED.finditer(text)
        if len(WORD.findall(m["inner"])) <= SHORT_QUOTE_WORDS and not SPEECH_END.search(m["inner"])
    ]
    start = 0
    for line in text.split("\n"):
        if REFERENCE_HEADING.match(line):
            spans.append((start, len(text)))
            break
        if (
            YEAR.search(line)
            and CITATION_MARK.search(line)
            and len(WORD.findall(line)) <= CITATION_MAX_WORDS
        ):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


REFERENCE_PARTS = [
    "Further reading",
    "  References: ",
    "Bibliography",
    "Smith, J. (1994). Karabakh. Oxford: Clarendon Press, 1994",
    "Aliev, H. ed. Baku 2003, pp. 4-9",
    "In 1994 Aliev spoke",
    "ISBN 1999",
    "20001",
    "Press",
    '"Agdam" 1995 Press',
    "Vol. 3, 2020",
    "\u2028",
    "\r",
]


@given(
    st.lists(
        st.tuples(
            st.one_of(st.sampled_from(REFERENCE_PARTS), st.sampled_from(PHRASES)),
            st.sampled_from(["\n", " ", "\n\n", ", ", ""]),
        ),
        max_size=30,
    ).map(lambda parts: "".join(a + b for a, b in parts))
)
def test_protected_spans_are_those_found_line_by_line(text: str) -> None:
    assert _protected_spans(text) == _protected_spans_line_by_line(text)


def test_protected_spans_on_real_text(corpus: list[str]) -> None:
    for text in corpus:
        assert _protected_spans(text) == _protected_spans_line_by_line(text)


def _may_start_in_full(index: AliasIndex, text: str) -> bool:
    """Whether some word of ``text``, or that word without a final s, is a first word of a
    variant (as written or in capitals): what the one-pass scan answers."""
    firsts = index._exact_first | index._upper_first
    return any(
        word in firsts or (word[-1] in "sS" and word[:-1] in firsts) for word in WORD.findall(text)
    )


@settings(max_examples=500)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(WORDS + TERMS + ["s", "S", "ski", "x", "_", "1", "é", "\u0301"]),
            st.sampled_from(["", " ", "-", "\n", "'", "’"]),
        ),
        max_size=20,
    ).map(lambda parts: "".join(a + b for a, b in parts))
)
def test_one_pass_scan_is_the_word_test(text: str) -> None:
    present, may_start = INDEX._terms.scan(text)
    assert may_start == _may_start_in_full(INDEX, text)
    assert present == {term for term in TERMS if term in text or term.upper() in text}


def test_a_case_insensitive_rule_leaves_no_shortcut(exception_index: AliasIndex) -> None:
    assert exception_index._terms.scan("nothing here")[1]
    assert [m.replacement for m in exception_index.find("ALIEV and aliev", "en")] == [
        "ALIYEV",
        "aliyev",
    ]


# --- helper settle: the settle pass ------------------------------------------------------


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(HEADER_LINES), max_size=8),
    st.lists(st.lists(st.sampled_from(HEADER_LINES), max_size=8), max_size=3),
)
def test_header_step_remembers_removable_lines(first: list[str], later: list[str]) -> None:
    """The header step's removable lines, remembered in the document's line memo across
    versions of its text (as the settle passes see them), give the oracle's answer."""
    ctx = CLEANER._context
    memo = Document("t", "").line_memo
    for lines in [first, *later]:
        doc = Document("t", "\n".join(lines))
        doc.line_memo = memo
        expected = _metadata_oracle(doc, ctx)
        assert _metadata_found(doc, ctx) == expected


EDIT_TEXT = st.text(alphabet="ab \n\"“", max_size=12)


@given(
    EDIT_TEXT,
    st.lists(st.tuples(st.integers(0, 12), st.integers(0, 4), EDIT_TEXT), max_size=8),
)
def test_edits_that_change_nothing_stand_in_no_edits_way(
    text: str, spans: list[tuple[int, int, str]]
) -> None:
    """``Document.apply`` skips an edit that changes nothing before it can block another:
    a step may leave such edits out (the quotes step does) and the document is the same."""
    edits = []
    for start, length, after in spans:
        start = min(start, len(text))
        end = min(start + length, len(text))
        # Half of them change nothing: the text they replace, put back.
        edits.append(Edit(start, end, text[start:end] if length % 2 else after, "r", "a"))
    whole, kept = Document("t", text), Document("t", text)
    whole.apply(edits)
    kept.apply([e for e in edits if text[e.start : e.end] != e.after])
    assert (kept.text, kept.changes) == (whole.text, whole.changes)


@given(QUOTES_TEXT, st.sampled_from(["straight", "curly"]))
def test_quote_edits_all_change_something(text: str, style: str) -> None:
    from cleaner.steps.quotes import STYLES

    for edit in _quote_edits(text, STYLES[style]):
        assert text[edit.start : edit.end] != edit.after


SPAN_LINES = [
    "Talks resume in Moscow - Daily News",
    "Home",
    "Talks resume in Moscow",
    "Armenia and Azerbaijan agreed on Monday to resume the talks that stalled in the spring.",
    "The foreign ministers of both countries said so in a joint statement on the day.",
    "Related",
    "Other story",
    "May 17, 2017",
    "",
]


@given(st.lists(st.lists(st.sampled_from(SPAN_LINES), max_size=10), min_size=1, max_size=4))
def test_article_span_remembered_is_the_span_found(pages: list[list[str]]) -> None:
    """``find_span`` with the document's memo, asked in turn about several texts (equal ones
    among them), answers what it answers without the memo."""
    from cleaner.steps.article import find_span

    memo = Document("t", "").line_memo
    for rule in CLEANER.rules.of_kind("article_span"):
        for lines in pages:
            content = [line for line in split_lines("\n".join(lines)) if not line.blank]
            alone = find_span(content, rule.spec, "en")  # type: ignore[arg-type]
            assert find_span(content, rule.spec, "en", None, memo) == alone  # type: ignore[arg-type]


def test_article_span_remembered_on_real_text(corpus: list[str]) -> None:
    from cleaner.steps.article import find_span

    for text in corpus:
        doc = Document("t", text)
        content = [line for line in doc.lines() if not line.blank]
        for rule in CLEANER.rules.of_kind("article_span"):
            alone = find_span(content, rule.spec, "en")  # type: ignore[arg-type]
            for _ in range(2):
                found = find_span(content, rule.spec, "en", None, doc.line_memo)  # type: ignore[arg-type]
                assert found == alone


def test_language_answers_remembered_by_sample(corpus: list[str]) -> None:
    """langdetect, seeded afresh for every call, answers a sample it saw as it did then."""
    from cleaner.steps import language

    known: dict[str, tuple[str, float]] = {}
    # Samples that share their opening (names) and differ in language after it: a memo keyed
    # on less than the whole sample would answer one with another's language.
    opening = "Ilham Aliyev, Nikol Pashinyan, Vladimir Putin: "
    tails = [
        "Der Minister sagte, dass die Gespräche in der nächsten Woche weitergehen.",
        "le ministre a déclaré que les négociations reprendraient la semaine prochaine.",
        "el ministro dijo que las negociaciones continuarán la próxima semana.",
        "министр заявил, что переговоры продолжатся на следующей неделе.",
        "the minister said that the talks would go on next week.",
    ]
    mixed = [opening + tail for tail in tails]
    assert len({language.detect(text)[0] for text in mixed}) == len(tails)
    texts = [*corpus, *corpus[:5], *mixed, *reversed(mixed)]
    for text in texts:
        assert language.detect(text, known=known) == language.detect(text)


# --- helper boil: line starts read from the split lines; shipped patterns without timeout ---


@given(st.text(alphabet="ab \t\n\r\u2028\u2029", max_size=30))
def test_line_starts_read_from_the_lines_are_the_texts_line_starts(text: str) -> None:
    doc = Document("d", text)
    doc.lines()  # split first: the starts are then read from the lines where they can be
    assert doc._line_starts() == _line_starts(text)


@settings(max_examples=200)
@given(st.text(alphabet="ab \n", max_size=24), raw_edits, raw_edits)
def test_origins_are_the_same_whether_lines_were_split_or_not(
    text: str, first: list[tuple[int, int, str]], second: list[tuple[int, int, str]]
) -> None:
    split, unsplit = Document("d", text), Document("d", text)
    for raw in (first, second):
        edits = _edits(raw, len(split.text))
        split.lines()
        split.apply(edits)
        unsplit.apply(edits)
        assert split.text == unsplit.text
        assert split._origins == unsplit._origins
        assert split.changes == unsplit.changes
        assert [split.origin(p) for p in range(len(split.text) + 1)] == [
            unsplit.origin(p) for p in range(len(unsplit.text) + 1)
        ]

# --- helper polish: no timeout keyword without a limit; answered lines read in C; screens ---

CATASTROPHIC = regex.compile(r"(a|aa)+$")
STUCK = "a" * 60 + "!"


def test_a_limit_is_passed_and_no_limit_is_none() -> None:
    from cleaner.document import limited

    assert limited(CATASTROPHIC.search, None) == CATASTROPHIC.search
    with pytest.raises(TimeoutError):
        limited(CATASTROPHIC.search, 0.2)(STUCK)
    with pytest.raises(TimeoutError):
        list(limited(CATASTROPHIC.finditer, 0.2)(STUCK))


def test_the_article_judgement_passes_a_limit_on() -> None:
    """A user span rule's patterns are stopped at their limit, in every part of the judgement."""
    import dataclasses

    from cleaner.rules import load_rules
    from cleaner.steps.article import _feeds_only, _judge

    spec = next(r.spec for r in load_rules([]) if r.kind == "article_span")
    for field_name in ("sentence_end", "end_markers", "feed_lines"):
        slow = dataclasses.replace(spec, **{field_name: CATASTROPHIC})
        with pytest.raises(TimeoutError):
            _judge(STUCK, slow, frozenset(), 0.2)
    slow = dataclasses.replace(spec, sentence_end=CATASTROPHIC, feed_blurbs=2)
    with pytest.raises(TimeoutError):
        _feeds_only(["Blurb.", STUCK, "Blurb."], [True, False, True], (0, 2), slow, 0.2)


def test_a_user_replace_rule_past_its_limit_is_stopped(tmp_path: Any) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[rule]]\nid = "mine.slow"\ndescription = "d"\nkind = "replace"\n'
        "pattern = '(a|aa)+$'\nreplacement = 'b'\n"
        'examples = [{ input = "x aa", expected = "x b" }]\n'
    )
    cleaner = Cleaner(rules=[path], rule_timeout=0.3)
    result = cleaner.clean("Text.\n" + STUCK + "\n")
    assert result.error_kind == "input"
    assert result.error is not None and "rule 'mine.slow'" in result.error


MEMO_PATTERNS = [
    regex.compile(r"a+ ?b?"),  # first-character screen
    regex.compile(r"[^\n]{0,20}ab [^\n]*"),  # literal screen
    regex.compile(r"(?:a|b)*"),  # no screen
]


@settings(max_examples=300)
@given(
    st.lists(st.text(alphabet="ab ", max_size=6), max_size=12),
    st.lists(st.text(alphabet="ab ", max_size=6), max_size=6),
    st.sampled_from(MEMO_PATTERNS),
)
def test_matching_reads_answered_lines_as_it_would_match_them(
    texts: list[str], asked_before: list[str], pattern: regex.Pattern[str]
) -> None:
    """``LineMemo.matching``: answered and unanswered lines, repeats among both, give the
    indexes the pattern matches; the memo ends up holding each line's answer."""
    from cleaner.document import LineMemo

    memo = LineMemo()
    for text in asked_before:
        memo.fullmatch(pattern, text)
    expected = [i for i, text in enumerate(texts) if pattern.fullmatch(text) is not None]
    assert memo.matching(pattern, texts) == expected
    assert memo.matching(pattern, iter(texts)) == expected
    for text in {*texts, *asked_before}:
        assert memo.results(pattern)[text] is (pattern.fullmatch(text) is not None)


def test_matching_compiles_no_pattern_whose_screen_turns_every_line_away() -> None:
    """A shipped pattern compiles when a line first needs it: a zone whose lines its screen
    turns away leaves it uncompiled (the first document of a process compiles only what it
    needs: about 0.09 s of a small-file run)."""
    from cleaner.prefilter import screen_of
    from cleaner.rules import LazyPattern

    pattern = LazyPattern("(?:Share this:)", regex.V1 | regex.IGNORECASE)
    assert screen_of(pattern).admits("share this:")
    memo = Document("t", "").line_memo
    assert memo.matching(pattern, ["Budget passes", "A second line"]) == []
    assert "fullmatch" not in vars(pattern)  # still its source, not compiled
    assert memo.matching(pattern, ["Budget passes", "Share this:"]) == [1]
    assert "fullmatch" in vars(pattern)


# --- helper mem: the 10 MB peak (lines split a part at a time, parts compared unjoined) ---

BREAKS_TEXT = st.text(alphabet="ab \n\r\u2028\u2029\x0b\x0c\x1c\x85", max_size=40)


@settings(max_examples=300)
@given(BREAKS_TEXT, st.integers(1, 8))
def test_lines_split_a_part_at_a_time_are_the_texts_lines(text: str, part_chars: int) -> None:
    from cleaner.document import _lines_of

    assert list(_lines_of(text, part_chars)) == LINE_BREAK.split(text)


def _rewrite_split_whole(
    old: str, new: str, origins: list[int | None]
) -> tuple[list[tuple[int | None, str, str]], list[int | None]]:
    """What ``Document._rewrite`` logged (origin, before, after) and the origins it left when
    it split both texts whole."""
    from cleaner.document import _differing_middle, _map_origins

    old_lines, new_lines = LINE_BREAK.split(old), LINE_BREAK.split(new)
    same = len(old_lines) == len(new_lines)
    pairs = enumerate(zip(old_lines, new_lines, strict=True)) if same else iter(())
    changed = [n for n, (a, b) in pairs if a != b]
    logged = [(origins[n], *_differing_middle(old_lines[n], new_lines[n])) for n in changed]
    if not changed:
        logged = [(None, *_differing_middle(old, new))]
    return logged, origins if same else _map_origins(old_lines, new_lines, origins)


@settings(max_examples=300)
@given(BREAKS_TEXT, BREAKS_TEXT, st.lists(st.integers(0, 39), max_size=6), st.integers(1, 8))
def test_a_rewrite_split_a_part_at_a_time_logs_what_a_whole_split_logged(
    old: str, other: str, flips: list[int], part_chars: int
) -> None:
    """The rewrite's log and origins with parts of a few characters are those of the whole
    split: for a second text of the same lines with letters changed (same number of lines),
    and for any other text."""
    from cleaner import document
    from cleaner.document import Rewrite

    flipped = list(old)
    for at in flips:
        if at < len(flipped) and flipped[at] in "ab":
            flipped[at] = "b" if flipped[at] == "a" else "a"
    for new in ("".join(flipped), other):
        if new == old:
            continue
        doc = Document("t", "x\n" + old)
        doc.apply([Edit(0, 2, "", "t.first", "remove_line")])  # origins that are not 1..N
        origins = list(doc._origins)
        changes = len(doc.changes)
        with patch.object(document, "SPLIT_CHARS", part_chars):
            doc.apply(Rewrite(new, "t.rewrite", "normalize"))
        logged = [(c.line, c.before, c.after) for c in doc.changes[changes:]]
        assert (logged, doc._origins) == _rewrite_split_whole(old, new, origins)
        assert doc.text == new


def _sample_split_whole(text: str) -> str:
    """``language.sample`` as it was: every line split at once, sorted by length and place."""
    from cleaner.steps import language

    if len(text) <= language.SAMPLE_CHARS:
        return text
    lines = text.splitlines()
    chosen: set[int] = set()
    size = 0
    for index in sorted(range(len(lines)), key=lambda i: (-len(lines[i]), i)):
        if size >= language.SAMPLE_CHARS:
            break
        chosen.add(index)
        size += len(lines[index]) + 1
    return "\n".join(lines[i] for i in sorted(chosen))[: language.SAMPLE_CHARS * 2]


@settings(max_examples=300)
@given(
    st.text(alphabet="ab  \n\n\r\x0b\x1c\x85\u2028", max_size=120),
    st.integers(1, 12),
    st.integers(0, 30),
)
def test_sample_split_a_part_at_a_time_is_the_sample(text: str, part_chars: int, chars: int) -> None:
    """The longest lines, ties in document order, whatever the parts (and the sample size:
    the shipped one is more than these texts hold)."""
    from cleaner.steps import language

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(language, "SAMPLE_CHARS", chars)
        mp.setattr(language, "SAMPLE_PART_CHARS", part_chars)
        assert language.sample(text) == _sample_split_whole(text)


def test_sample_split_a_part_at_a_time_on_real_text(corpus: list[str]) -> None:
    from cleaner.steps import language

    texts = [*corpus, "\n\n".join(corpus[:40]), "\r\n".join(corpus[40:80])]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(language, "SAMPLE_PART_CHARS", 500)
        for text in texts:
            assert language.sample(text) == _sample_split_whole(text)


@settings(max_examples=500)
@given(
    st.text(alphabet="ab", max_size=12),
    st.text(alphabet="ab", max_size=12),
    st.lists(st.integers(0, 12), max_size=4),
    st.lists(st.integers(0, 12), max_size=4),
)
def test_parts_compared_unjoined_are_compared_joined(
    one: str, two: str, cuts_one: list[int], cuts_two: list[int]
) -> None:
    from cleaner.steps.repair import _same

    def cut(text: str, cuts: list[int]) -> list[str]:
        at = [0, *sorted(min(c, len(text)) for c in cuts), len(text)]
        return [text[a:b] for a, b in itertools.pairwise(at)]

    for other in (two, one):
        assert _same(cut(one, cuts_one), cut(other, cuts_two)) is (one == other)


def test_the_c1_fixer_acts_on_single_characters_one_for_one() -> None:
    """What ``repair._only_c1_controls`` relies on in the installed ftfy: its C1 pattern
    matches one character at a time, and each becomes one character."""
    from ftfy import chardata, fixes

    c1 = [chr(code) for code in range(0x80, 0xA0)]
    assert chardata.C1_CONTROL_RE.pattern == "[\\x80-\\x9f]"
    for char in c1:
        assert len(fixes.fix_c1_controls(char)) == 1
    assert fixes.fix_c1_controls("".join(c1)) == "".join(map(fixes.fix_c1_controls, c1))


@settings(max_examples=300)
@given(
    st.text(alphabet="a\x80\x81\x9d\x9f€\n", max_size=30),
    st.sampled_from(["same", "fixed", "other"]),
    st.integers(1, 8),
)
def test_only_c1_controls_over_slices_is_the_whole_texts_answer(
    text: str, kind: str, part_chars: int
) -> None:
    from ftfy import fixes

    from cleaner.steps import repair

    fixed = {"same": text, "fixed": fixes.fix_c1_controls(text), "other": text[1:] + "a"}[kind]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(repair, "PART_CHARS", part_chars)
        assert repair._only_c1_controls(text, fixed) is (fixes.fix_c1_controls(text) == fixed)
