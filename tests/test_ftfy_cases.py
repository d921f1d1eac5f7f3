"""ftfy's own cases: cleaning mojibake gives what cleaning its fix gives; negatives stay."""

from __future__ import annotations

import json

import pytest

from cleaner import Cleaner
from tests.conftest import SHARED

CASES = SHARED / "bench" / "ftfy-cases"
PASSING = ["in-the-wild.json", "synthetic.json", "language-names.json", "negative.json"]


def _load(name: str) -> list:
    path = CASES / name
    assert path.is_file(), f"{path} is missing: put the shared folder beside the repository"
    return [c for c in json.loads(path.read_text(encoding="utf-8")) if c["expect"] == "pass"]


def _params(names: list[str]) -> list:
    if not CASES.is_dir():
        return [pytest.param(None, id="shared-folder-missing")]
    return [pytest.param(c, id=f"{n}:{c['label'][:50]}") for n in names for c in _load(n)]


@pytest.fixture(scope="module")
def full() -> Cleaner:
    # ftfy's "fixed" strings have their quote marks uncurled (its own default), which says
    # nothing of the marks the text had; straight quotes for every language compare alike.
    return Cleaner(quotes="straight")


@pytest.mark.parametrize("case", _params(PASSING))
def test_original_and_fix_clean_alike(case: dict | None, full: Cleaner) -> None:
    assert case is not None, f"{CASES} is missing"
    assert full.clean(case["original"]).text == full.clean(case["fixed"]).text


@pytest.mark.parametrize("case", _params(["negative.json"]))
def test_negatives_get_no_encoding_fix(case: dict | None, full: Cleaner) -> None:
    assert case is not None, f"{CASES} is missing"
    result = full.clean(case["original"])
    assert [c for c in result.changes if c.action == "fix_encoding"] == []
