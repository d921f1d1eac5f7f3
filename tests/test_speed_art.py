"""Exact shortcuts of the repair and article steps (issue 13, helper ``art``).

Each shortcut is held against the answer it stands for: ftfy's own badness search and entity
decoding for the repair step's gate, ``WORD.findall`` and the stoplist for the article
judgement.
"""

from __future__ import annotations

import json
import random

import ftfy
import pytest
from ftfy import badness, chardata, fixes
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.steps import repair
from cleaner.steps.repair import FTFY_CONFIG, _badness, _ftfy_gate, _unescapes, ftfy_may_act
from tests.conftest import SHARED

CASES = SHARED / "bench" / "ftfy-cases"


@pytest.fixture(scope="module")
def named() -> list[str]:
    """Every character some alternative of ftfy's badness regex names."""
    gate = _ftfy_gate()
    assert gate is not None
    return sorted(frozenset().union(*(chars for sets in gate[1] for chars in sets)))


def _ftfy_unchanged(text: str) -> bool:
    fixed, plan = ftfy.fix_and_explain(text, config=FTFY_CONFIG)
    return fixed == text and not plan


def _case_texts() -> list[str]:
    found: list[str] = []
    for path in sorted(CASES.glob("*.json")) if CASES.is_dir() else []:
        cases = json.loads(path.read_text(encoding="utf-8"))
        for case in cases if isinstance(cases, list) else []:
            if isinstance(case, dict) and "original" in case:
                found += [case["original"], case.get("fixed", "")]
    return found


# --- the badness search around the rarest characters -------------------------------------


BAD_ALPHABET = st.sampled_from(
    list("aeAE zZ.,;:!?'\"\n-&<>()0123456789")
    + list("éèüöÂÃâ€™œ“”‘’«»—–…°±×²³ŠšŽžØÙÐÎ¢£¥©®¶§µ·½¼¾¡¿\xa0\xad")
    + list("вЂВГРСΒΓΞΟβāàåøæ√≈‚ÄπΑαЖж│┌═▀ÕÔ\x80\x9d")
)


@settings(max_examples=500)
@given(st.lists(BAD_ALPHABET, max_size=60).map("".join), st.integers(0, 30))
def test_badness_around_the_rarest_characters_is_ftfys(text: str, pad: int) -> None:
    for padded in (text, "x" * pad + text, text + " " * pad, f"{'ab ' * pad}{text}\n{text}"):
        assert _badness(padded) is badness.is_bad(padded), repr(padded)


def test_badness_on_pairs_and_triples_far_apart(named: list[str]) -> None:
    """Each named character alone, next to another and 5 to 14 characters from it, at the
    text's start (``^``) and further in."""
    rng = random.Random(13)
    for a in named:
        partners = rng.sample(named, 12)
        for b in partners:
            for gap in (0, 1, 5, 6, 7, 12, 13, 14):
                for text in (f"{a}{'x' * gap}{b}", f"ab {a}{' ' * gap}{b}.", f"{b}{'y' * gap}{a}"):
                    assert _badness(text) is badness.is_bad(text), repr(text)


def test_badness_on_long_texts_of_every_density(named: list[str]) -> None:
    rng = random.Random(7)
    filler = "The army said on Monday that talks would resume.\n"
    for density in (0.0005, 0.005, 0.05, 0.3, 0.9):
        for _ in range(40):
            chars = [
                rng.choice(named) if rng.random() < density else filler[i % len(filler)]
                for i in range(rng.randint(50, 3000))
            ]
            text = "".join(chars)
            assert _badness(text) is badness.is_bad(text)


def test_badness_on_ftfys_cases_and_the_seeds() -> None:
    texts = _case_texts() + [p.read_text(encoding="utf-8") for p in SHARED.glob("seeds/**/*.txt")]
    assert texts
    for text in texts:
        assert _badness(text) is badness.is_bad(text)


# --- ``&`` opens the gate only where ftfy would decode an entity -----------------------------


ENTITY_ALPHABET = st.sampled_from(
    [
        *("&", "&amp;", "&AMP;", "&#39;", "&#x2019;", "&eacute;", "&EACUTE;", "&nbsp", "&;"),
        *("&#;", "&zzz;", "<", ">", "a", " ", ";", "#", "x", "\n", "é", "’", "“", "Ã©", "\x85"),
        "ﬁ",
    ]
)


@settings(max_examples=500)
@given(st.lists(ENTITY_ALPHABET, max_size=20).map("".join))
def test_an_ampersand_opens_the_gate_only_for_an_entity_ftfy_decodes(text: str) -> None:
    if not _unescapes(text):
        assert fixes.unescape_html(text) == text or "<" in text
    if not ftfy_may_act(text):
        assert _ftfy_unchanged(text), repr(text)


def test_the_entity_pattern_is_the_one_ftfy_decodes_with() -> None:
    assert fixes.HTML_ENTITY_RE is chardata.HTML_ENTITY_RE
    assert FTFY_CONFIG.unescape_html == "auto"
    assert ftfy_may_act("AT&amp;T") and not ftfy_may_act("AT&T") and not ftfy_may_act("<b>&amp;")


def test_the_gate_on_real_pages_is_ftfys_answer() -> None:
    """Wherever the gate is shut, ftfy changes nothing; on the seeds, shut gates are many."""
    texts = _case_texts() + [p.read_text(encoding="utf-8") for p in SHARED.glob("seeds/**/*.txt")]
    shut = 0
    for text in texts:
        if not ftfy_may_act(text):
            shut += 1
            assert _ftfy_unchanged(text)
    assert shut > 10


def test_the_rarest_runs_cover_every_rarest_character() -> None:
    gate = _ftfy_gate()
    assert gate is not None
    text = "".join(sorted(gate[2]))
    covered = sum(run.end() - run.start() for run in repair._rarest_runs().finditer(text))
    assert covered == len(text)


# --- the article judgement: ASCII words by ``re``, words casefolded and counted once --------


def test_an_ascii_character_is_a_word_character_for_both_patterns() -> None:
    from cleaner.steps.article import ASCII_WORD, WORD

    for code in range(128):
        char = chr(code)
        assert (WORD.fullmatch(char) is not None) is (ASCII_WORD.fullmatch(char) is not None)


WORD_ALPHABET = st.sampled_from(
    [*"aZz09_ .,'-\n\t:;!?()/&", "Abc", "THE", "of", "İ", "ß", "é", "漢", "の", "ไทย", "⺀", "١"]
)


@settings(max_examples=500)
@given(st.lists(WORD_ALPHABET, max_size=30).map("".join))
def test_words_of_and_folded_words_are_words_findall(text: str) -> None:
    from cleaner.steps.article import WORD, folded_words, word_count, words_of

    assert words_of(text) == WORD.findall(text)
    assert folded_words(text) == [word.casefold() for word in WORD.findall(text)]
    assert word_count(text) == len(WORD.findall(text))
    ascii_text = text.encode("ascii", "ignore").decode()
    assert words_of(ascii_text) == WORD.findall(ascii_text)
    assert folded_words(ascii_text) == [w.casefold() for w in WORD.findall(ascii_text)]


def _spec() -> object:
    from cleaner.rules import load_rules

    return next(r.spec for r in load_rules([]) if r.kind == "article_span")


def _judged_as_before(text: str, spec: object, stops: frozenset[str]) -> tuple:
    """The judgement as it was: ``is_body`` and ``is_link_like`` over ``WORD.findall``."""
    from cleaner.steps.article import WORD, is_body, is_link_like

    words = WORD.findall(text)
    body = is_body(text, spec, stops, None, words)  # type: ignore[arg-type]
    link = not body and is_link_like(text, spec, stops, None, words)  # type: ignore[arg-type]
    marker = not body and spec.end_markers.fullmatch(text) is not None  # type: ignore[attr-defined]
    feed = not body and spec.feed_lines.fullmatch(text) is not None  # type: ignore[attr-defined]
    return body, link, marker, feed, len(words)


JUDGE_ALPHABET = st.sampled_from(
    [
        *("the ", "of ", "and ", "THE ", "Der ", "und ", "la ", "et ", "army ", "said ", "2017 "),
        *("Related", "Comments", ". ", "! ", ", ", "\u00e9t\u00e9 ", "漢字", "。", "ß ", "İ "),
    ]
)


@settings(max_examples=400)
@given(st.lists(JUDGE_ALPHABET, max_size=40).map("".join), st.sampled_from(["en", "de", "zh"]))
def test_the_judgement_is_as_before(text: str, language: str) -> None:
    from cleaner.steps.article import _judge, stoplist

    spec, stops = _spec(), stoplist(language)
    text = text.strip()
    assert _judge(text, spec, stops, None) == _judged_as_before(text, spec, stops)  # type: ignore[arg-type]


def test_the_judgement_of_real_pages_lines_is_as_before() -> None:
    from cleaner.steps.article import _judge, stoplist

    spec = _spec()
    paths = [*SHARED.glob("seeds/**/*.txt"), *(SHARED / "bench" / "scrapinghub" / "raw").glob("*.txt")]
    lines = {
        line.strip()
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert len(lines) > 5000
    for language in ("en", "fr", "ru", None):
        stops = stoplist(language)
        for text in lines:
            assert _judge(text, spec, stops, None) == _judged_as_before(text, spec, stops)  # type: ignore[arg-type]


HEADLINE_LINES = st.sampled_from(
    [
        *("Talks resume in Moscow", "Talks resume", "in Moscow", "Daily News", "TALKS RESUME IN"),
        *("Talks resume in Moscow - Daily News", "Home", "May 17, 2017", "Talks", "x y z w v"),
        "Armenia and Azerbaijan agreed on Monday to resume the talks, the ministers said.",
    ]
)


@settings(max_examples=300)
@given(st.lists(HEADLINE_LINES, min_size=2, max_size=12), st.integers(0, 12))
def test_the_headline_searches_read_the_words_of_the_lines_that_can_fit(
    texts: list[str], start: int
) -> None:
    """``_headline`` and ``_dated_headline`` skip a line whose word count cannot fit the
    title: the same answer as with counts that let every line through."""
    from cleaner.document import Document
    from cleaner.steps.article import _dated_headline, _headline, word_count

    spec = _spec()
    content = [line for line in Document("t", "\n".join(texts)).lines() if not line.blank]
    counts = [word_count(line.text.strip()) for line in content]
    every = [max(1, spec.title_min_words)] * len(content)  # type: ignore[attr-defined]
    start = min(start, len(content))
    assert _headline(content, start, spec, counts) == _headline(content, start, spec, every)  # type: ignore[arg-type]
    body = [word_count(line.text) > 10 for line in content]
    feed = [line.text == "May 17, 2017" for line in content]
    span = (0, len(content) - 1)
    assert _dated_headline(content, body, feed, span, spec, counts) == _dated_headline(  # type: ignore[arg-type]
        content, body, feed, span, spec, every  # type: ignore[arg-type]
    )


# --- ftfy in one round where the second would change nothing ---------------------------------


def _mojibake(text: str, rng: random.Random) -> str:
    encoding = rng.choice(["latin-1", "cp1252", "sloppy-windows-1252", "macroman"])
    try:
        return text.encode("utf-8").decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return text.encode("utf-8").decode("latin-1")


SPICE = [
    *("&amp;", "&eacute;", "&#x2019;", "AT&T", "<b>", "\x85", "\x9d", "\x81", "ﬁ", "\x1b[31m"),
    *("\x00", "\u00a0", "’", "“", "é", "Ã©", "â€™", "Ã ", "\ufffd", "\ud83d", "漢字", "Ё", "\n"),
]


def _one_round_texts() -> list[str]:
    rng = random.Random(5)
    cases = [t for t in _case_texts() if t]
    texts = list(cases)
    base = "The army said on Monday that the talks would resume in Zürich, “soon”.\n"
    for _ in range(1500):
        pieces = [rng.choice([*cases, base]) for _ in range(rng.randint(1, 4))]
        text = "".join(pieces)
        if rng.random() < 0.6:
            text = _mojibake(text, rng)
        for _ in range(rng.randint(0, 3)):
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(SPICE) + text[at:]
        texts.append(text)
    return texts


def test_one_round_of_ftfy_gives_ftfys_text_and_plan() -> None:
    """``repair.fix_and_explain`` (one round where the second changes nothing, else ftfy)
    against ``ftfy.fix_and_explain``; and where the shortcut answers, it answers with
    ftfy's text and plan."""
    answered = 0
    for text in _one_round_texts():
        expected = ftfy.fix_and_explain(text, config=FTFY_CONFIG)
        assert repair.fix_and_explain(text) == (expected.text, expected.explanation), repr(text)
        found = repair._one_round(text)
        if found is not None:
            answered += 1
            assert ("".join(found[0]), found[1]) == (expected.text, expected.explanation)
    assert answered > 500


@settings(max_examples=300)
@given(st.lists(st.sampled_from([*SPICE, "a", " ", "Ã", "©", "â", "€", "™", "<", ";"]), max_size=25))
def test_one_round_on_generated_pieces(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = ftfy.fix_and_explain(text, config=FTFY_CONFIG)
    assert repair.fix_and_explain(text) == (expected.text, expected.explanation)
