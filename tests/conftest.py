"""Shared fixtures. ``../shared`` (seeds' expectations, benchmarks) must be beside the repo:
tests that need it fail, never skip, when it is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from cleaner import Cleaner
from cleaner.audit.manifest import read_records

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# Two body paragraphs (prose the article span keeps), shared by the behaviour tables.
BODY = (
    "Armenia and Azerbaijan agreed on Monday to resume the talks that stalled in the spring, "
    "the foreign ministers of both countries said in a joint statement."
)
BODY2 = (
    "The talks will last two days, and the two delegations will meet the co-chairs of the "
    "group on the second day in Moscow, officials in both capitals said."
)

settings.register_profile("repo", derandomize=True, deadline=None, max_examples=150)
settings.load_profile("repo")


@pytest.fixture(scope="session")
def shared() -> Path:
    assert SHARED.is_dir(), f"{SHARED} is missing: put the shared folder beside the repository"
    return SHARED


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="session")
def line_rules_only() -> Cleaner:
    # A sentence alone: the line rules judge it, not its position under the article span.
    return Cleaner(disable=["article.span"])


def run_cli(
    *args: str, cwd: Path = ROOT, stdin: bytes | None = None
) -> subprocess.CompletedProcess:
    """Run ``python -m cleaner`` for real, in a subprocess."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        timeout=300,
    )


def manifest_records(path: Path) -> list[dict]:
    """The records of a manifest file, without its run header."""
    return list(read_records([path]))


def manifest_header(path: Path) -> dict:
    """The run header: the manifest's first line."""
    import json

    with path.open(encoding="utf-8") as stream:
        return json.loads(stream.readline())["run"]
