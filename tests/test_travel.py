"""A Cleaner travels: it pickles, unpickles and deep-copies, in the pools users run it in.

Each test uses the real thing (multiprocessing with fork and spawn, ProcessPoolExecutor,
Hugging Face datasets with two processes) and compares with cleaning in this process.
"""

from __future__ import annotations

import copy
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from cleaner import Cleaner

TEXTS = ["[ad_1]\nIlham Aliev spoke .", "Nagorno Karabakh .", "« quoted » words .", "Plain."]

USER_RULE = """
[[rule]]
id = "mine.subscribe"
description = "Subscription prompts."
kind = "remove_line"
patterns = ['Subscribe now!']
examples = [{ input = "Subscribe now!\\nText.", expected = "Text.\\n" }]
"""


def _texts(cleaner: Cleaner) -> list[str]:
    return [cleaner.clean(text).text for text in TEXTS]


@pytest.fixture(scope="module")
def user_cleaner(tmp_path_factory: pytest.TempPathFactory) -> Cleaner:
    path = tmp_path_factory.mktemp("rules") / "mine.toml"
    path.write_text(USER_RULE)
    cleaner = Cleaner(rules=path)
    path.unlink()  # the worker has no rule file: the rules travel as text
    return cleaner


def test_pickle_and_deepcopy_give_an_equal_cleaner(user_cleaner: Cleaner) -> None:
    for other in (pickle.loads(pickle.dumps(user_cleaner)), copy.deepcopy(user_cleaner)):
        assert other.fingerprint == user_cleaner.fingerprint
        assert _texts(other) == _texts(user_cleaner)
        assert other.clean("Subscribe now!\nText.").text == "Text.\n"
    assert pickle.dumps(user_cleaner) == pickle.dumps(copy.copy(user_cleaner))  # stable


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_pool_map_of_the_bound_method(user_cleaner: Cleaner, method: str) -> None:
    with multiprocessing.get_context(method).Pool(2) as pool:
        results = pool.map(user_cleaner.clean, [*TEXTS, "Subscribe now!\nText."], chunksize=1)
    assert [r.text for r in results] == [*_texts(user_cleaner), "Text.\n"]


def test_process_pool_executor(user_cleaner: Cleaner) -> None:
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(user_cleaner.clean, TEXTS))
    assert [r.text for r in results] == _texts(user_cleaner)


def test_clean_many_takes_texts_or_pairs_and_names_anything_else() -> None:
    cleaner = Cleaner()
    assert [r.id for r in cleaner.clean_many(["One .", ("b", "Two .")])] == ["0", "b"]
    with pytest.raises(TypeError, match="item 1 is list"):
        list(cleaner.clean_many(["One .", ["b", "Two ."]]))
    with pytest.raises(TypeError, match="not NoneType"):
        cleaner.clean(None)  # type: ignore[arg-type]


def test_result_converts_to_a_dict_with_the_text() -> None:
    record = Cleaner().clean("Hello .").to_dict()
    assert record["text"] == "Hello.\n" and record["status"] == "ok"


def test_datasets_map_with_two_processes_reuses_its_cache(tmp_path: Path) -> None:
    datasets = pytest.importorskip("datasets", reason="the datasets extra is not installed")
    cleaner = Cleaner()

    def clean(row: dict) -> dict:
        return {"text": cleaner.clean(row["text"]).text}

    source = datasets.Dataset.from_dict({"text": TEXTS * 4})
    source = source.flatten_indices()
    cache = tmp_path / "cache"
    first = source.map(clean, num_proc=2, cache_file_name=str(cache / "clean.arrow"))
    assert first["text"] == _texts(cleaner) * 4
    files = sorted(p.name for p in cache.iterdir())
    again = source.map(clean, num_proc=2, cache_file_name=str(cache / "clean.arrow"))
    assert again["text"] == first["text"]
    assert again.cache_files == first.cache_files  # the same files: reused, not recomputed
    assert sorted(p.name for p in cache.iterdir()) == files


def test_jobs_zero_follows_the_cpu_affinity(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import os; os.sched_setaffinity(0, {0}); from cleaner.cli import _workers; "
        "print(_workers(0), _workers(8))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert proc.stdout.split() == ["1", "1"]
    assert "more than the 1 CPUs" in proc.stderr
