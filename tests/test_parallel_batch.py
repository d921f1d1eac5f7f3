"""The batch's work done in the workers: same outputs, manifest, report and cache keys as one
process, whatever the number of jobs; a bad document stays one error record."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner import batch as batch_module
from cleaner.api import Result
from cleaner.batch import Batch, Finish, Plan, _finish_file
from cleaner.cache import CACHE_DIR, Cache
from cleaner.document import Change
from cleaner.io import compact_changes, discover
from cleaner.parallel import Done, chunks, ordered_map
from cleaner.report import Report
from tests.conftest import ROOT, manifest_records, run_cli

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CLEANER = Cleaner()
FORK = "fork" in multiprocessing.get_all_start_methods()


def _add(cleaner: Cleaner, item: int) -> int:
    return item * 10


@pytest.mark.parametrize("chunk", [1, 3, 8])
def test_chunks_and_done_items_come_back_in_order(chunk: int) -> None:
    items = [Done(-n) if n % 5 == 0 else n for n in range(23)]
    found = list(ordered_map(_add, items, jobs=2, spec=CLEANER.spec, chunk=chunk, window=2))
    assert found == [-n if n % 5 == 0 else n * 10 for n in range(23)]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_compact_record_is_what_the_manifest_made_of_the_dicts(seed: Path) -> None:
    result = CLEANER.clean(seed.read_bytes(), id=seed.name)
    assert result.changes
    dicts = result.record("out")
    assert result.record("out", compact=True) == {
        **dicts,
        "changes": compact_changes(dicts["changes"]),
    }


def test_compact_record_keeps_notes_lines_and_runs() -> None:
    changes = (
        Change("a", "replace", 1, "x", "y"),
        Change("a", "replace", None, "x", "y", "why"),
        Change("a", "remove_line", 2, "z", ""),
        Change("b", "replace", 3, "", "", ""),
        Change("a", "replace", 4, "x", "y"),
    )
    result = Result("d", "text", "en", {"k": 1}, changes)
    assert result.record(compact=True)["changes"] == [
        ["a", "replace", [1, "x", "y"], [None, "x", "y", "why"]],
        ["a", "remove_line", [2, "z", ""]],
        ["b", "replace", [3, "", "", ""]],
        ["a", "replace", [4, "x", "y"]],
    ]
    assert result.record(compact=True)["changes"] == compact_changes(result.record()["changes"])


def _outputs(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and CACHE_DIR not in p.parts
    }


def _docs(folder: Path) -> Path:
    docs = folder / "docs"
    docs.mkdir()
    for n in range(30):
        seed = SEEDS[n % len(SEEDS)]
        (docs / f"{n:02d}.txt").write_bytes(seed.read_bytes().replace(b"the", b"the%d" % n, 1))
    (docs / "bad.txt").symlink_to(folder / "nowhere")  # an input error, found by discover
    return docs


def test_diff_and_explain_print_the_same_for_any_jobs(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    shown = {}
    for jobs in ("1", "2"):
        proc = run_cli("clean", str(docs), "--diff", "--explain", "--jobs", jobs)
        shown[jobs] = (proc.returncode, proc.stdout, proc.stderr)
    assert shown["1"] == shown["2"]
    assert b"quotes." in shown["1"][1] and b"+++ b/" in shown["1"][1]


def test_keys_made_in_the_workers_are_the_lookups_keys(tmp_path: Path) -> None:
    """A first run (nothing cached: the workers key each document from the bytes they
    read) and a rerun (the run's process keys them to look them up) agree: the rerun skips
    every document, with either number of jobs."""
    docs = _docs(tmp_path)
    whole = tmp_path / "whole"
    first = run_cli("clean", str(docs), "--out", str(whole), "--jobs", "2")
    again = run_cli("clean", str(docs), "--out", str(whole), "--jobs", "1")
    assert b"; 30 done in an earlier run" in again.stderr, again.stderr
    forced = run_cli("clean", str(docs), "--out", str(whole), "--jobs", "2", "--force")
    assert b"done in an earlier run" not in forced.stderr
    rerun = run_cli("clean", str(docs), "--out", str(whole), "--jobs", "2")
    assert b"; 30 done in an earlier run" in rerun.stderr, rerun.stderr
    assert first.returncode == again.returncode == forced.returncode == rerun.returncode == 1
    one = tmp_path / "one"
    run_cli("clean", str(docs), "--out", str(one), "--jobs", "1")
    assert _outputs(one) == _outputs(whole)


def test_a_worker_writes_its_temporaries_under_the_runs_pid(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    source = discover([docs])[0]
    plan = Plan(out=tmp_path / "out")
    written = _finish_file(CLEANER, (Finish(plan, 1 << 20, os.getpid()), source, None, None, ""))
    assert written.tally[1] == "ok" and written.entry is None  # no cache: no entry
    assert (plan.out / source.id).read_bytes() == CLEANER.clean(source.path.read_bytes()).text.encode()
    # A worker whose run has ended (its pid is neither this process nor its parent) writes
    # nothing: a rerun may hold the folder by now.
    (plan.out / source.id).unlink()
    orphan = _finish_file(CLEANER, (Finish(plan, 1 << 20, 1), source, None, None, None))
    assert orphan.tally[1] == "error" and orphan.tally[4] == "environment"
    assert not (plan.out / source.id).exists()
    assert not list(plan.out.glob(".cleaner-*"))


@pytest.mark.skipif(not FORK, reason="the failure is planted in forked workers")
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_that_breaks_its_worker_is_one_error_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    docs = _docs(tmp_path)
    real = batch_module.write_atomic

    def broken(path: Path, data: bytes, *, owner: int | None = None) -> None:
        if path.name == "07.txt":
            raise RuntimeError("planted")
        real(path, data, owner=owner)

    monkeypatch.setattr(batch_module, "write_atomic", broken)
    out = tmp_path / "out"
    report = Report()
    Batch(CLEANER, Plan(out=out, jobs=jobs), report, lambda _: None).run(
        discover([docs]), lambda _bytes, _documents: None
    )
    records = {r["id"]: r for r in manifest_records(out / "manifest.jsonl")}
    assert records["07.txt"]["error_kind"] == "internal" and "planted" in records["07.txt"]["error"]
    assert records["07.txt"]["output"] is None and not (out / "07.txt").exists()
    assert [name for name, r in records.items() if r["status"] == "error"] == ["07.txt", "bad.txt"]
    assert all((out / name).exists() for name, r in records.items() if r["status"] == "ok")
    assert report.kinds == {"internal": 1, "input": 1} and report.cleaned == 29


def test_an_empty_cache_needs_no_lookup_and_a_filled_one_does(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cache = Cache(out, "fingerprint")
    assert not cache.may_hit
    cache.close()
    run_cli("clean", str(_docs(tmp_path)), "--out", str(out), "--jobs", "1")
    filled, unread = Cache(out, "fingerprint"), Cache(out, "x", read=False)
    assert filled.may_hit and not unread.may_hit
    filled.close()
    unread.close()


def test_one_job_and_two_give_one_report(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    summaries = []
    for jobs in (1, 2):
        report = Report()
        batch = Batch(CLEANER, Plan(out=tmp_path / f"out{jobs}", jobs=jobs), report, print)
        batch.run(discover([docs]), lambda _bytes, _documents: None)
        summaries.append((report.summary(), report.errors, report.exit_code))
    assert summaries[0] == summaries[1]
    assert _outputs(tmp_path / "out1") == _outputs(tmp_path / "out2")


def test_the_cache_commits_without_waiting_for_the_disk(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "fingerprint")
    assert cache._db.execute("PRAGMA synchronous").fetchone() == (0,)  # OFF
    cache.close()


def test_heavy_items_go_one_by_one_light_ones_in_chunks() -> None:
    items = [1, 1, 1, 9, 1, 9, 9, 1, Done(-1), 1, 1, 1, 1, 1]
    assert list(chunks(items, 4, weight=lambda n: n, budget=9)) == [
        [1, 1, 1, 9],
        [1, 9],
        [9],
        [1],
        Done(-1),
        [1, 1, 1, 1],
        [1],
    ]
    found = ordered_map(_add, items, jobs=2, spec=CLEANER.spec, chunk=4, weight=abs, budget=9)
    assert list(found) == [-1 if isinstance(n, Done) else n * 10 for n in items]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_verbose_counts_each_documents_changes(tmp_path: Path, jobs: str) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "text": "“Hi” and “yo”, Ilham Aliev."}\n{"id": "b"}\n')
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("“Hi” and “yo”.\n")
    out = tmp_path / "out"
    proc = run_cli(
        "clean", str(corpus), str(tmp_path / "docs"), "--out", str(out), "-v", "--jobs", jobs
    )
    lines = proc.stderr.decode().splitlines()
    records = {r["id"]: r for r in manifest_records(out / "manifest.jsonl")}
    count = len(records["a.txt"]["changes"])  # one dict per change, as read back
    assert f"a.txt: {count} changes" in lines and count >= 4
    count = len(records["corpus.jsonl:1"]["changes"])
    assert f"corpus.jsonl:1: {count} changes" in lines and count >= 5
    assert "corpus.jsonl:2: error" in lines
