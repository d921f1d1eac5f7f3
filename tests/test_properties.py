"""Invariants over generated seed-like text (hypothesis, derandomized in conftest)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner

CLEANER = Cleaner()
CURLY = Cleaner(quotes="curly")

WORDS = [
    "the",
    "president",
    "said",
    "Azerbaijan",
    "Armenia",
    "war",
    "of",
    "and",
    "in",
    "forces",
    "Baku",
    "Yerevan",
    "ceasefire",
    "killed",
    "soldiers",
    "country's",
    "was",
    "Aliev",
    "Aliyev",
    "Nagorno Karabakh",
    "Artesian",
    "Stagnant",
    "Margarian",
    "More",
    "November10",
    "Comment",
    "READ MORE",
    "Home",
    "Pages",
    "No information",
    "1",
    "2020-11-17",
    "(AFP)",
    "it",
    "we",
    "they",
    "soldiers'",
    "'90s",
    "rock 'n' roll",
]
MARKS = ["“", "”", '"', "«", "»", "’", "‘", "'", ",", ".", " ,", " .", ":", "?", "—"]
LINES = [
    "[ad_1]",
    "[ad_2]",
    "",
    "",
    "Leave a Reply",
    "1 Comment",
    "READ MORE",
    "More policy",
    "Sunday, November 28",
    " date 2020-09-28 ",
    "Post a Comment",
    "2020-11-17 16:37",
]

token = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS))
sentence = st.lists(token, min_size=1, max_size=30).map(" ".join)
glued = st.lists(st.tuples(token, st.sampled_from(["", " ", "  ", "\t"])), max_size=30).map(
    lambda parts: "".join(a + b for a, b in parts)
)
line = st.one_of(sentence, glued, st.sampled_from(LINES))
document = st.lists(line, max_size=25).map("\n".join)


@given(document)
def test_cleaning_is_idempotent(text: str) -> None:
    once = CLEANER.clean(text)
    twice = CLEANER.clean(once.text)
    assert twice.text == once.text, [c for c in twice.changes]


@given(document)
def test_cleaning_is_idempotent_with_curly_quotes(text: str) -> None:
    once = CURLY.clean(text)
    assert CURLY.clean(once.text).text == once.text


@given(document)
def test_tidy_invariants_hold(text: str) -> None:
    out = CLEANER.clean(text).text
    assert out == "" or (out.endswith("\n") and not out.endswith("\n\n"))
    assert "\n\n\n" not in out and not out.startswith("\n")
    assert all(line == line.strip() and "  " not in line for line in out.split("\n"))


@given(document)
def test_every_change_is_logged(text: str) -> None:
    result = CLEANER.clean(text)
    assert (result.text != text) <= bool(result.changes) or result.text == text


@given(st.lists(document, min_size=2, max_size=4))
def test_documents_do_not_affect_each_other(texts: list[str]) -> None:
    alone = [CLEANER.clean(t).text for t in texts]
    together = [r.text for r in CLEANER.clean_many((str(i), t) for i, t in enumerate(texts))]
    assert alone == together


# The settle passes skip a step with ``idempotent`` where the text (and rule language) is the
# one it left: exact only because such a step changes nothing on its own output, for any
# text, where ``idempotent`` says so. Arbitrary text, weighted to what the tidy step acts on.
TIDY_CHARS = [
    *"ab.;:!?«»'\"\n\n\n \t ",
    *"\x0b\x0c\r\x85\xa0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000",
]
any_text = st.lists(
    st.one_of(st.sampled_from(TIDY_CHARS), st.characters(codec="utf-8")), max_size=60
).map("".join)


@given(any_text, st.sampled_from(["en", "fr", "de", "und", None]))
def test_idempotent_steps_change_nothing_on_their_own_output(
    text: str, language: str | None
) -> None:
    from cleaner.document import Document
    from cleaner.options import Context
    from cleaner.pipeline import STEPS

    ctx: Context = CLEANER._context
    assert any(step.idempotent is not None for step in STEPS)
    doc = Document("t", text)
    doc.rule_language = language
    for step in STEPS:
        if step.idempotent is None or not step.idempotent(doc):
            continue
        for _ in range(2):
            before = len(doc.changes)
            for batch in step.run(doc, ctx):
                doc.apply(batch)
        assert len(doc.changes) == before, (step.name, doc.changes[before:])


def _forgetful(run: Any) -> Any:
    """A step's ``run`` that first forgets everything the document's line memo holds."""

    def forgetting(doc: Any, ctx: Any) -> Any:
        doc.line_memo.clear()
        yield from run(doc, ctx)

    return forgetting


# Every shortcut that keeps answers in ``Document.line_memo`` across steps and passes (line
# patterns, the article span and its judgements, letter counts from the changes, langdetect's
# answers by sample, removable header lines) relies on what it keeps being a pure function of
# what it is kept by: cleaning with the memo wiped before every step gives the same document.
PAGE_LINES = [
    "Talks resume in Moscow - Daily News",
    "Talks resume in Moscow",
    "Armenia and Azerbaijan agreed on Monday to resume the talks that stalled in the spring, "
    "the foreign ministers of both countries said.",
    "The ministers of the two countries said that the talks would go on in the autumn and "
    "that the ceasefire had held for a week.",
    "Related",
    "More stories",
    "May 17, 2017",
]
page = st.lists(st.one_of(st.sampled_from(PAGE_LINES), line), max_size=25).map("\n".join)


@given(st.one_of(document, any_text, page))
def test_the_line_memo_is_only_a_cache(text: str) -> None:
    import dataclasses

    from cleaner import pipeline
    from cleaner.document import Document

    ctx = CLEANER._context
    forgetful = [dataclasses.replace(s, run=_forgetful(s.run)) for s in pipeline.STEPS]
    kept, wiped = Document("t", text), Document("t", text)
    pipeline.run(kept, ctx)
    pipeline.run(wiped, ctx, forgetful)
    assert (kept.text, kept.changes, kept.meta, kept.language, kept.rule_language) == (
        wiped.text,
        wiped.changes,
        wiped.meta,
        wiped.language,
        wiped.rule_language,
    )
