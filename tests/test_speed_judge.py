"""Exactness of the article judgement's and the boilerplate step's shortcuts (issue 13,
helper ``judge``): each against the code it replaced, over generated and real lines."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.prefilter import Prefixes, _parse, fold, screen_of
from tests.conftest import SHARED
from tests.test_speed_art import _judged_as_before as _judged_unscreened
from tests.test_speed_art import _spec

# Pieces of end markers and feed lines (bullets, brackets, dates, counts) and of other lines.
MARKER_PIECES = st.sampled_from(
    [
        *("»", "•", "-", "> ", "[", "(", ")", "]", ": ", " ", "  ", "\t", "12 ", "3", ",", "."),
        *("Related", "stories", "More", "from", "Comments", "Comment", "Reply", "ago", "min"),
        *("read", "Nov", "18", "2019", "at", "7:07", "pm", "Updated", "Votes", "Rating", "Likes"),
        *("Читайте также", "Комментарии", "関連記事", "댓글", "Lire aussi", "İlgili Haberler"),
        *("RELATED", "ß", "İ", "ı", "the", "army", "said", "Leave a Reply", "2 days"),
    ]
)


@settings(max_examples=600)
@given(st.lists(MARKER_PIECES, min_size=1, max_size=8).map("".join), st.sampled_from(["en", "ru"]))
def test_screened_markers_and_feed_lines_judge_as_unscreened(text: str, language: str) -> None:
    from cleaner.steps.article import _judge, stoplist

    spec, stops = _spec(), stoplist(language)
    text = text.strip()
    if text:
        assert _judge(text, spec, stops, None) == _judged_unscreened(text, spec, stops)


def test_screened_judgement_of_real_lines_is_unscreened() -> None:
    from cleaner.steps.article import _judge, stoplist

    spec = _spec()
    paths = [*(SHARED / "bench" / "scrapinghub" / "raw").glob("*.txt")]
    lines = {
        line.strip()
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert len(lines) > 5000
    stops = stoplist("en")
    for text in lines:
        assert _judge(text, spec, stops, None) == _judged_unscreened(text, spec, stops)


# Prefix screens that read an optional one-character repeat as stems (Prefixes' second try).
STEM_PATTERNS = [
    r"[>»•-]*\s*(?:Related|More\s+stories|Comments?)\s*:?",
    r"[*#]*(?:Share|Tweet)[!.]*",
    r"[-–]?\s*(?:Advertisement|Anzeige)",
    r"x*(?:ab|cd)y?z",
]


@settings(max_examples=300)
@given(
    st.sampled_from(STEM_PATTERNS),
    st.lists(
        st.sampled_from([">", "»", "•", "-", "–", " ", "*", "#", "x", "ab", "cd", "y", "z"]),
        max_size=4,
    ).map("".join),
    st.sampled_from(["Related", "RELATED", "More stories", "Comment", "Share", "Tweet", ""]),
    st.sampled_from(["", ":", "!", ".", " x"]),
)
def test_stemmed_prefix_screens_admit_every_match(
    source: str, head: str, word: str, tail: str
) -> None:
    pattern = regex.compile(source, regex.V1 | regex.IGNORECASE)
    tree = _parse(pattern)
    for size in (2, 3, 4):
        reader = Prefixes(size, stem_repeats=True)
        reader.done |= reader._sequence(list(tree), {""})
        screen = reader._screen()
        text = head + word + tail
        if pattern.fullmatch(text) is not None:
            assert screen.admits(fold(text)), (source, size, text)
    text = head + word + tail
    if pattern.fullmatch(text) is not None:
        assert screen_of(pattern).admits(fold(text))


def test_no_white_space_character_is_a_word_character() -> None:
    """``str.strip`` removes no part of a word: a line's word count is its content's."""
    from cleaner.steps.article import ASCII_WORD, WORD

    spaces = [chr(code) for code in range(0x110000) if chr(code).isspace()]
    assert len(spaces) > 20
    for char in spaces:
        assert WORD.search(char) is None and ASCII_WORD.search(char) is None
        assert not char.strip()


@settings(max_examples=300)
@given(st.lists(MARKER_PIECES, max_size=10).map("".join), st.sampled_from(["", " ", "\t", "\u3000"]))
def test_line_words_are_word_counts_of_the_lines(text: str, pad: str) -> None:
    from cleaner.document import LineMemo
    from cleaner.steps.article import _judge, line_words, stoplist, word_count

    memo = LineMemo()
    line = pad + text + pad
    contents = [line.strip(), "", line.strip()]
    assert line_words(memo, contents) == [word_count(line), 0, word_count(line)]
    assert _judge(line.strip(), _spec(), stoplist("en"), None)[4] == word_count(line)  # type: ignore[arg-type]


def test_boilerplate_word_counts_are_those_of_the_lines() -> None:
    """The boilerplate step's counts, read from the article judgement's, are each line's."""
    from cleaner import Cleaner
    from cleaner.document import Document
    from cleaner.steps import boilerplate
    from cleaner.steps.article import word_count

    cleaner = Cleaner()
    paths = sorted((SHARED / "bench" / "scrapinghub" / "raw").glob("*.txt"))[:20]
    assert paths
    seen: list[tuple[list[int], list[int]]] = []
    original = boilerplate._word_counts

    def checked(doc: Document) -> list[int]:
        counts = original(doc)
        seen.append((counts, [word_count(line.text) for line in doc.lines()]))
        return counts

    boilerplate._word_counts = checked  # type: ignore[assignment]
    try:
        for path in paths:
            cleaner.clean(path.read_text(encoding="utf-8"))
    finally:
        boilerplate._word_counts = original  # type: ignore[assignment]
    assert len(seen) > 20
    for counts, expected in seen:
        assert counts == expected


END_PIECES = st.sampled_from(
    [*".!?…:;。！？；：．؟۔։।", *"\"'”’»)]」』）", "a", "word", " ", "\n", "\r", "\u2028", "\x85", "«", "("]
)


@settings(max_examples=800)
@given(st.lists(END_PIECES, max_size=8).map("".join))
def test_sentence_end_by_string_methods_is_the_search(text: str) -> None:
    from cleaner.prefilter import ends_with_class

    pattern = _spec().sentence_end  # type: ignore[attr-defined]
    ends = ends_with_class(pattern)
    assert ends is not None
    assert ends(text) == (pattern.search(text) is not None)
    for other in (r"[.!?][\"')]*$", r"(?:[.!]['’]*$)"):
        compiled = regex.compile(other, regex.V1)
        assert ends_with_class(compiled)(text) == (compiled.search(text) is not None)


def test_sentence_end_by_string_methods_only_for_its_shape() -> None:
    from cleaner.prefilter import ends_with_class

    for source, flags in [
        (r"[.!?][\"')]*$", regex.V1 | regex.IGNORECASE),
        (r"[.!?][\"')]*$", regex.V1 | regex.MULTILINE),
        (r"[.!?][.\"')]*$", regex.V1),
        (r"[.!?][\"')]+$", regex.V1),
        (r"[^.!?][\"')]*$", regex.V1),
        (r"\.[\"')]*$", regex.V1),
        (r"[.!?]\s*$", regex.V1),
    ]:
        assert ends_with_class(regex.compile(source, flags)) is None
