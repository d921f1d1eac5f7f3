"""Past one machine, for real: shards into one --out, their locks, a Slurm array's recipe,
resuming a killed run, and splitting one big JSONL file so that it shards."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner.engines.locks import OutputLock, sweep_temporaries
from cleaner.engines.shards import Shard
from tests.conftest import ROOT, manifest_records, run_cli

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def make_corpus(root: Path, *, texts: int = 24, jsonl_records: int = 6) -> Path:
    """A folder of text files in sub-folders and JSONL files (plain and gzip) beside them."""
    corpus = root / "corpus"
    for n in range(texts):
        seed = SEEDS[n % len(SEEDS)].read_bytes()
        where = corpus / f"site{n % 3}" / f"{n:04d}.txt"
        where.parent.mkdir(parents=True, exist_ok=True)
        # Each document differs (so none is a copy of another) and stays dirty.
        where.write_bytes(f"[ad_1]\nDocument {n} ,about Aliev.\n".encode() + seed)
    for name in ("a.jsonl", "deep/b.jsonl.gz", "deep/c.jsonl"):
        lines = [
            json.dumps({"id": f"{name}-{k}", "text": f"[ad_1]\nRecord {k} of Nagorno Karabakh ."})
            for k in range(jsonl_records)
        ]
        data = ("\n".join(lines) + "\n").encode()
        path = corpus / "feeds" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(data, mtime=0) if name.endswith(".gz") else data)
    return corpus


def outputs(out: Path) -> dict[str, bytes]:
    """Every output file of a run (not its manifest parts, locks or cache)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".cleaner-cache" not in p.parts and not p.name.startswith("manifest")
    }


def manifest_lines(out: Path) -> list[bytes]:
    """The records of every manifest file in ``out``, as sorted lines (compared as a set),
    without the run headers (each part has one; compared by ``run_headers``)."""
    lines: list[bytes] = []
    for part in sorted(out.glob("manifest*.jsonl")):
        lines += [line for line in part.read_bytes().splitlines() if not line.startswith(b'{"run"')]
    return sorted(lines)


def run_headers(out: Path) -> set[bytes]:
    """The distinct run headers of the manifest parts in ``out``."""
    return {part.read_bytes().split(b"\n", 1)[0] for part in out.glob("manifest*.jsonl")}


def cli(*args: str, cwd: Path = ROOT) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cleaner", *args],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


# --- shards --------------------------------------------------------------------------------


def test_shards_partition_by_a_stable_hash_of_the_id() -> None:
    ids = [f"site{n % 3}/{n:04d}.txt" for n in range(300)]
    owners = [[s for s in range(4) if Shard(s, 4).owns(i)] for i in ids]
    assert all(len(found) == 1 for found in owners)  # every file in exactly one shard
    sizes = [sum(found == [s] for found in owners) for s in range(4)]
    assert min(sizes) > 50  # roughly balanced (75 each on average)
    # A file's shard depends on its id alone: adding files moves no other file.
    assert [Shard(1, 4).owns(i) for i in ids] == [Shard(1, 4).owns(i) for i in [*ids, "new"]][:300]


@pytest.mark.parametrize(
    ("given", "problem"),
    [("3/3", "I must be from 0 to N-1"), ("1", "expected I/N"), ("0/0", "N must be")],
)
def test_bad_shard_is_a_usage_error(given: str, problem: str) -> None:
    proc = run_cli("clean", "seeds", "--out", "unused", "--shard", given)
    assert proc.returncode == 2 and problem.encode() in proc.stderr


def test_three_shards_in_parallel_equal_one_unsharded_run(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    whole = tmp_path / "whole"
    assert run_cli("clean", str(corpus), "--out", str(whole), "-j", "1").returncode == 0
    assert (whole / "manifest.jsonl").is_file()
    assert "feeds/deep/b.jsonl.gz" in outputs(whole)  # folders are searched for JSONL too
    shared = tmp_path / "shared"
    runs = [
        cli("clean", str(corpus), "--out", str(shared), "--shard", f"{i}/3", "-j", "1")
        for i in range(3)
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    parts = sorted(p.name for p in shared.glob("manifest*"))
    assert parts == [f"manifest-000{i}-of-0003.jsonl" for i in range(3)]
    assert all((shared / part).stat().st_size > 0 for part in parts)  # each shard did work
    assert outputs(shared) == outputs(whole)
    assert manifest_lines(shared) == manifest_lines(whole)
    assert run_headers(shared) == run_headers(whole)  # the same inputs, rules and roots
    assert not list(shared.rglob(".cleaner-*.tmp"))
    # An unsharded run into the same folder reads every shard's cache and replaces the
    # parts (they would count twice).
    redo = run_cli("clean", str(corpus), "--out", str(shared))
    assert redo.returncode == 0 and b"42 done in an earlier run" in redo.stderr, redo.stderr
    assert sorted(p.name for p in shared.glob("manifest*")) == ["manifest.jsonl"]
    assert (shared / "manifest.jsonl").read_bytes() == (whole / "manifest.jsonl").read_bytes()
    # Cleaning a cleaned folder again skips its manifest and cache: they are no inputs.
    again = run_cli("clean", str(shared), "--out", str(tmp_path / "again"))
    assert again.returncode == 0, again.stderr
    assert set(outputs(tmp_path / "again")) == set(outputs(whole))


SLURM_RECIPE = """\
#!/bin/bash
#SBATCH --job-name=clean --array=0-3 --cpus-per-task=2
# One array task per shard; every task writes into the same --out.
cleaner clean corpus --out cleaned --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT"
"""


def test_slurm_array_recipe_run_locally_equals_one_run(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)
    (tmp_path / "clean-array.sh").write_text(SLURM_RECIPE)
    bin_dir = tmp_path / "bin"  # `cleaner` on PATH as an installed package provides it
    bin_dir.mkdir()
    (bin_dir / "cleaner").write_text(f'#!/bin/sh\nexec {sys.executable} -m cleaner "$@"\n')
    (bin_dir / "cleaner").chmod(0o755)
    for task in range(4):
        env = {
            **ENV,
            "PATH": f"{bin_dir}:{os.environ['PATH']}",
            "SLURM_ARRAY_TASK_ID": str(task),
            "SLURM_ARRAY_TASK_COUNT": "4",
        }
        proc = subprocess.run(
            ["bash", "clean-array.sh"], cwd=tmp_path, env=env, capture_output=True, timeout=300
        )
        assert proc.returncode == 0, proc.stderr
    whole = tmp_path / "whole"
    assert run_cli("clean", str(corpus), "--out", str(whole)).returncode == 0
    cleaned = tmp_path / "cleaned"
    assert len(list(cleaned.glob("manifest-*-of-0004.jsonl"))) == 4
    assert outputs(cleaned) == outputs(whole)
    assert manifest_lines(cleaned) == manifest_lines(whole)
    # The audit report reads every part.
    report = run_cli("report", str(cleaned), "--stats", str(tmp_path / "stats.json"))
    assert report.returncode == 0, report.stderr
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["totals"]["documents"] == len(manifest_lines(whole))


@pytest.mark.parametrize(
    ("held", "attempt", "refused"),
    [
        ("0/3", ["--shard", "0/3"], True),  # the same shard twice
        ("0/3", ["--shard", "1/3"], False),  # another shard of the same run
        ("0/3", ["--shard", "0/2"], True),  # another number of shards
        ("0/3", [], True),  # an unsharded run beside shards
        (None, ["--shard", "1/3"], True),  # a shard beside an unsharded run
    ],
)
def test_shard_locks(tmp_path: Path, held: str | None, attempt: list[str], refused: bool) -> None:
    out = tmp_path / "out"
    holder = OutputLock(out, Shard.parse(held) if held else None)
    holder.acquire()
    try:
        proc = run_cli("clean", "seeds", "--out", str(out), *attempt)
    finally:
        holder.release()
    if refused:
        assert proc.returncode == 3, proc.stderr
        message = proc.stderr.decode()
        assert f"is in use by cleaner pid {os.getpid()}" in message, message
        assert "Traceback" not in message and len(message.splitlines()) == 1
        if held:
            assert f"(shard {held})" in message
    else:
        assert proc.returncode == 0, proc.stderr
    # Released (as a killed holder's lock is by the kernel): the same run goes through.
    assert run_cli("clean", "seeds", "--out", str(out), *attempt).returncode == 0


def test_a_killed_shard_holder_frees_its_lock(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code = (
        "import sys, time; from pathlib import Path; from cleaner.engines.locks import OutputLock;"
        "from cleaner.engines.shards import Shard;"
        f"lock = OutputLock(Path({str(out)!r}), Shard(0, 2)); lock.acquire();"
        "print('held', flush=True);"
        "time.sleep(60)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], env=ENV, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        busy = run_cli("clean", "seeds", "--out", str(out), "--shard", "0/2")
        assert busy.returncode == 3 and f"pid {holder.pid}".encode() in busy.stderr
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert run_cli("clean", "seeds", "--out", str(out), "--shard", "0/2").returncode == 0


def test_a_forked_worker_does_not_keep_its_runs_lock(tmp_path: Path) -> None:
    """A pool worker forked while the run holds its lock closes its copy of the lock file: a
    worker outliving a killed run (busy with its task) must not keep the folder locked."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    out = tmp_path / "out"
    run = OutputLock(out)
    run.acquire()
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(os.getpid) != os.getpid()  # the worker is forked and waiting
        run.release()  # as the kernel does for a killed run
        other = OutputLock(out)
        other.acquire()  # Locked if the idle worker still held the run's lock
        other.release()


def test_only_temporaries_of_dead_runs_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    dead = out / "sub" / ".cleaner-999999999-abc.tmp"  # no such process holds a lock
    dead.write_text("half")
    live = out / f".cleaner-{os.getpid()}-def.tmp"  # this process holds shard 1's lock
    live.write_text("in progress")
    mine = out / "notes.tmp"  # not cleaner's
    mine.write_text("keep")
    holder = OutputLock(out, Shard(1, 2))
    holder.acquire()
    try:
        proc = run_cli("clean", "seeds", "--out", str(out), "--shard", "0/2")
        assert proc.returncode == 0, proc.stderr
        assert not dead.exists() and live.exists() and mine.exists()
    finally:
        holder.release()
    assert sweep_temporaries(out) == 1 and not live.exists()


# --- resume --------------------------------------------------------------------------------


def _summary_skipped(stderr: bytes) -> int:
    line = stderr.decode().strip().splitlines()[-1]
    assert line.startswith("cleaned "), line
    return int(line.split("; ")[1].split()[0]) if "; " in line else 0


def test_a_killed_run_resumes_where_it_stopped(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, texts=282, jsonl_records=6)  # 300 documents
    big = corpus / "feeds" / "a.jsonl"
    split = run_cli("split", str(big), "--lines", "2", "--out", str(corpus / "parts"))
    assert split.returncode == 0 and b"into 3 parts of up to 2 lines" in split.stderr
    big.unlink()
    whole = tmp_path / "whole"
    assert run_cli("clean", str(corpus), "--out", str(whole), "-j", "1").returncode == 0

    out = tmp_path / "out"
    run = cli("clean", str(corpus), "--out", str(out), "-j", "1")
    deadline = time.monotonic() + 120
    while len(list(out.rglob("*.txt"))) < 60 and run.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.7)  # past one cache commit (COMMIT_EVERY), into the middle of another
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert run.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert not (out / "manifest.jsonl").exists()
    done_before = len(list(out.rglob("*.txt")))
    assert 60 <= done_before < 282
    # The unfinished manifest, left by kill -9 where the rerun reads its records from.
    assert list((out / ".cleaner-cache").glob("manifest.jsonl.*.partial"))

    rerun = run_cli("clean", str(corpus), "--out", str(out), "-j", "1")
    assert rerun.returncode == 0, rerun.stderr
    skipped = _summary_skipped(rerun.stderr)
    assert 0 < skipped <= done_before, rerun.stderr  # only the rest was cleaned again
    assert b"cleaned 300 documents" in rerun.stderr
    assert outputs(out) == outputs(whole)
    assert (out / "manifest.jsonl").read_bytes() == (whole / "manifest.jsonl").read_bytes()
    assert not list(out.rglob(".cleaner-*.tmp"))  # stale temporaries removed


def test_split_parts_clean_to_what_the_whole_file_gives(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl.gz"
    lines = [json.dumps({"id": k, "text": f"Record {k} ,of Aliev."}) for k in range(7)]
    lines.insert(3, "{not json")
    corpus.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0))
    parts = tmp_path / "parts"
    assert run_cli("split", str(corpus), "--lines", "3", "--out", str(parts)).returncode == 0
    names = sorted(p.name for p in parts.iterdir())
    assert names == [
        "corpus-000000001.jsonl.gz",
        "corpus-000000004.jsonl.gz",
        "corpus-000000007.jsonl.gz",
    ]
    whole, pieces = tmp_path / "whole", tmp_path / "pieces"
    assert run_cli("clean", str(corpus), "--out", str(whole)).returncode == 1  # the bad line
    assert run_cli("clean", str(parts), "--out", str(pieces)).returncode == 1
    joined = b"".join(gzip.decompress((pieces / name).read_bytes()) for name in names)
    assert joined == gzip.decompress((whole / "corpus.jsonl.gz").read_bytes())
    # Part line numbers map back to the whole file: first line of the part + line - 1.
    records = manifest_records(pieces / "manifest.jsonl")
    bad = [r for r in records if r["status"] == "error"]
    assert [(r["id"]) for r in bad] == ["corpus-000000004.jsonl.gz:1"]
