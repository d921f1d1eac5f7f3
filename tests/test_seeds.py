"""The seeds end to end: the shared checker, golden files, the manifest, idempotence."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, manifest_records, run_cli

GOLDEN = ROOT / "tests" / "golden" / "seeds"
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "out"
    proc = run_cli("clean", "seeds", "--out", str(out))
    assert proc.returncode == 0, proc.stderr.decode()
    return out


def test_shared_checker_passes(seeds_out: Path, shared: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(shared / "eval" / "check.py"), str(seeds_out)],
        capture_output=True,
        text=True,
    )
    assert proc.stdout.strip().endswith("5 passed, 0 failed"), proc.stdout
    assert proc.returncode == 0


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name for s in SEEDS])
def test_golden(seed: Path, seeds_out: Path) -> None:
    """Whole-document behaviour. After an intended change: UPDATE_GOLDEN=1 pytest -k golden."""
    produced = (seeds_out / seed.name).read_text(encoding="utf-8")
    golden = GOLDEN / seed.name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")


def test_manifest(seeds_out: Path) -> None:
    records = manifest_records(seeds_out / "manifest.jsonl")
    assert [r["id"] for r in records] == [s.name for s in SEEDS]
    assert {r["language"] for r in records} == {"en"}
    dates = {r["id"][:3]: r["meta"].get("date") for r in records}
    assert dates["000"] == "2020-09-28" and dates["002"] == "2020-11-17"
    for record in records:
        assert record["status"] == "ok" and record["error"] is None
        assert record["output"] == record["id"]
        assert all(
            set(c) >= {"rule", "action", "line", "before", "after"} for c in record["changes"]
        )


def test_cleaning_clean_output_changes_nothing(seeds_out: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    proc = run_cli("clean", str(seeds_out), "--out", str(again))
    assert proc.returncode == 0, proc.stderr.decode()
    for seed in SEEDS:
        assert (again / seed.name).read_bytes() == (seeds_out / seed.name).read_bytes()
    records = manifest_records(again / "manifest.jsonl")
    assert all(r["changes"] == [] for r in records)
    assert b"0 changed, 5 unchanged" in proc.stderr
