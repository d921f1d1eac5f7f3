"""The settle passes skip a step whose last run saw the same input and changed nothing
(``pipeline._run_once``); the result is the result of running every step in every pass.

The oracle is the same pipeline with no step ever skipped (``pipeline._input`` patched to
give a key no earlier run left), over generated text, the seeds, the speed corpus's
generator, Scrapinghub pages and the clean output of each (cleaning clean text is where a
whole settle pass is skipped).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner, pipeline
from cleaner.document import Document
from cleaner.options import Context
from tests.conftest import SHARED
from tests.test_properties import any_text, document, page

CLEANER = Cleaner()
CURLY = Cleaner(quotes="curly")
GENERATOR = SHARED / "bench" / "speed" / "gen_corpus.py"


def _never_seen(step: pipeline.Step, doc: Document) -> tuple[object, ...]:
    return (object(),)  # equal to no key kept: every step runs in every pass


def _state(doc: Document) -> tuple[Any, ...]:
    return (doc.text, doc.changes, doc.meta, doc.language, doc.rule_language)


def _both(text: str, ctx: Context) -> tuple[Document, Document]:
    skipping, every = Document("t", text), Document("t", text)
    pipeline.run(skipping, ctx)
    with patch.object(pipeline, "_input", _never_seen):
        pipeline.run(every, ctx)
    return skipping, every


@given(st.one_of(document, any_text, page), st.booleans())
def test_skipped_steps_change_nothing_the_full_passes_change(text: str, curly: bool) -> None:
    ctx = (CURLY if curly else CLEANER)._context
    skipping, every = _both(text, ctx)
    assert _state(skipping) == _state(every)
    again, every_again = _both(skipping.text, ctx)  # clean text: the settle pass is skipped
    assert _state(again) == _state(every_again)


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The seeds, 40 documents or so of the speed corpus's generator, 40 Scrapinghub pages."""
    out = tmp_path_factory.mktemp("speed")
    subprocess.run(
        [sys.executable, str(GENERATOR), "--seeds", str(SHARED / "seeds"), "--out", str(out),
         "--mb", "0.3"],
        check=True, capture_output=True,
    )  # fmt: skip
    raw = sorted((SHARED / "bench" / "scrapinghub" / "raw").glob("*.txt"))[:40]
    paths = [*sorted((SHARED / "seeds").glob("*.txt")), *sorted((out / "txt").glob("*.txt")), *raw]
    return [path.read_text(encoding="utf-8", errors="replace") for path in paths]


def test_skipped_steps_on_real_text(texts: list[str]) -> None:
    for text in texts:
        skipping, every = _both(text, CLEANER._context)
        assert _state(skipping) == _state(every)
        again, every_again = _both(skipping.text, CLEANER._context)
        assert _state(again) == _state(every_again)
        assert not again.changes  # idempotence, as the properties hold it


def _counted(runs: list[str]) -> Iterator[pipeline.Step]:
    for step in pipeline.STEPS:

        def run(doc: Document, ctx: Context, step: pipeline.Step = step) -> Iterator[Any]:
            runs.append(step.name)
            yield from step.run(doc, ctx)

        yield pipeline.Step(step.name, run, step.kinds, step.idempotent, step.reads_language)


def test_cleaning_clean_text_runs_no_settle_pass() -> None:
    clean = CLEANER.clean("Ilham Aliyev said the talks would resume.\n\nHe left for Baku.").text
    runs: list[str] = []
    doc = Document("t", clean)
    pipeline.run(doc, CLEANER._context, list(_counted(runs)))
    assert not doc.changes
    assert runs == [step.name for step in pipeline.STEPS]  # each step once: the first pass
    runs.clear()
    # Without the skip the run ends there too: a first pass that changes nothing leaves no
    # settle pass to run (pipeline.run; tests/test_speed_exact.py, helper short, compares that
    # end with a settle pass run anyway).
    with patch.object(pipeline, "_input", _never_seen):
        pipeline.run(Document("t", clean), CLEANER._context, list(_counted(runs)))
    assert runs == [step.name for step in pipeline.STEPS]


LANGUAGES = st.sampled_from([None, "und", "en", "fr", "de", "ru", "az"])


@given(st.one_of(document, any_text, page), LANGUAGES, LANGUAGES)
def test_steps_that_read_no_language_act_alike_in_any(
    text: str, language: str | None, rule_language: str | None
) -> None:
    """What the skip's key leaves out for these steps: the language they run under."""
    ctx = CLEANER._context
    for step in pipeline.STEPS:
        if step.reads_language:
            continue
        results = []
        for lang, rule_lang in ((None, None), (language, rule_language)):
            doc = Document("t", text)
            doc.language, doc.rule_language = lang, rule_lang
            for batch in step.run(doc, ctx):
                doc.apply(batch)
            results.append((doc.text, doc.changes, doc.meta) + (
                (doc.language, doc.rule_language) if step.name == "language" else ()
            ))
        assert results[0] == results[1], step.name


def test_the_steps_that_read_no_language_come_first() -> None:
    """They run before the language step (where it is not set yet in a first pass); repair
    and metadata never name it. (The language step sets it from its text alone: the test
    above runs it under every language.)"""
    names = [step.name for step in pipeline.STEPS]
    for step in pipeline.STEPS:
        if not step.reads_language:
            assert names.index(step.name) <= names.index("language")
    root = Path(pipeline.__file__).parent / "steps"
    for name in ("repair", "metadata"):
        source = (root / f"{name}.py").read_text(encoding="utf-8")
        assert "language" not in source.replace("every language", ""), name
