"""The Ray engine on a real local Ray cluster: `ray start --head` on 127.0.0.1 with 2 CPUs, as
its own process, and `cleaner clean --engine ray --address` connecting to it. Its outputs and
manifest parts are byte for byte a local run's; a killed run resumes.

One cluster for the module (it takes seconds to start); without Ray the cluster tests skip,
except under CI=true, where that is a failure."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from cleaner.engines.locks import live_pids
from cleaner.engines.ray import HeadFailed, loopback_head
from tests.conftest import ROOT, run_cli
from tests.test_scale import make_corpus, manifest_lines, outputs


@dataclass(frozen=True)
class Cluster:
    address: str
    env: dict[str, str]  # what a driver needs: the token's file, the loopback switch


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    try:
        import ray  # noqa: F401
    except ImportError:
        message = "the Ray tests need Ray: pip install 'cleaner[ray]'"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    try:
        with loopback_head(2, pythonpath=str(ROOT)) as (address, env):
            yield Cluster(address, env)
    except HeadFailed as exc:
        pytest.fail(str(exc))


def ray_cli(cluster: Cluster, *args: str, address: str | None = None) -> subprocess.Popen:
    head = address or cluster.address
    return subprocess.Popen(
        [sys.executable, "-m", "cleaner", *args, "--engine", "ray", "--address", head],
        cwd=ROOT,
        env=cluster.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_a_ray_run_writes_what_local_runs_write(cluster: Cluster, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path)  # text files in sub-folders, JSONL and gzip JSONL files
    local = tmp_path / "local"
    assert run_cli("clean", str(corpus), "--out", str(local), "--jobs", "2").returncode == 0
    shards = tmp_path / "shards"
    for index in range(3):
        shard = run_cli("clean", str(corpus), "--out", str(shards), "--shard", f"{index}/3")
        assert shard.returncode == 0, shard.stderr

    out = tmp_path / "ray"
    run = ray_cli(cluster, "clean", str(corpus), "--out", str(out), "--jobs", "3")
    _, stderr = run.communicate(timeout=300)
    assert run.returncode == 0, stderr
    assert stderr.decode().splitlines() == [
        "cleaned 42 documents: 42 changed, 0 unchanged, 0 errors"
    ]
    assert outputs(out) == outputs(local)
    assert manifest_lines(out) == manifest_lines(local)
    parts = sorted(p.name for p in out.glob("manifest*"))
    assert parts == [f"manifest-000{i}-of-0003.jsonl" for i in range(3)]
    for part in parts:  # each task wrote exactly what `--shard I/3` writes
        assert (out / part).read_bytes() == (shards / part).read_bytes(), part
    assert not list(out.rglob(".cleaner-*.tmp"))


def test_a_killed_ray_run_resumes_where_it_stopped(cluster: Cluster, tmp_path: Path) -> None:
    # Enough documents that the run cannot finish in the moment between the first 40 outputs
    # and the kill, however idle the machine.
    corpus = make_corpus(tmp_path, texts=400, jsonl_records=6)  # 418 documents
    whole = tmp_path / "whole"
    assert run_cli("clean", str(corpus), "--out", str(whole), "--jobs", "2").returncode == 0

    out = tmp_path / "out"
    run = ray_cli(cluster, "clean", str(corpus), "--out", str(out), "--jobs", "2")
    deadline = time.monotonic() + 180
    while len(list(out.rglob("*.txt"))) < 40 and run.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    while not committed_records(out):  # past a cache commit: the rerun has work to skip
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)  # the driver: Ray then ends the run's tasks
    run.communicate()
    assert run.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    deadline = time.monotonic() + 60
    while live_pids(out):  # the tasks' workers are gone once their locks are free
        assert time.monotonic() < deadline, "the killed run's tasks still hold their shards"
        time.sleep(0.2)
    done_before = len(list(out.rglob("*.txt")))
    assert 40 <= done_before < 400
    assert not list(out.glob("manifest*.jsonl"))  # no part was complete

    rerun = ray_cli(cluster, "clean", str(corpus), "--out", str(out), "--jobs", "2")
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr
    summary = stderr.decode().strip().splitlines()[-1]
    assert summary.startswith("cleaned 418 documents"), summary
    skipped = int(summary.split("; ")[1].split()[0])
    assert 0 < skipped <= done_before, summary  # only the rest was cleaned again
    assert outputs(out) == outputs(whole)
    assert manifest_lines(out) == manifest_lines(whole)
    assert not list(out.rglob(".cleaner-*.tmp"))  # the killed tasks' temporaries removed


def committed_records(out: Path) -> int:
    """Rows the runs' cache indexes hold so far (0 while an index is being created)."""
    found = 0
    for index in (out / ".cleaner-cache").glob("*.sqlite"):
        try:
            with closing(sqlite3.connect(f"{index.resolve().as_uri()}?mode=ro", uri=True)) as db:
                found += db.execute("SELECT count(*) FROM records").fetchone()[0]
        except sqlite3.Error:
            pass  # not created yet, or locked by a commit: ask again
    return found


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--shard", "0/2"], "--shard: it makes the shards itself"),
        (["--check"], "--check, --diff or --explain"),
        (["--manifest", "m.jsonl"], "--manifest"),
    ],
)
def test_what_a_ray_run_cannot_do_is_a_usage_error(
    tmp_path: Path, args: list[str], problem: str
) -> None:
    out = tmp_path / "out"
    proc = run_cli("clean", "seeds", "--out", str(out), "--engine", "ray", *args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.decode().startswith(f"cleaner: --engine ray cannot be used with {problem}")
    assert not out.exists()


def test_an_unreachable_head_is_a_fault_not_a_hang(cluster: Cluster, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out = tmp_path / "out"
    run = ray_cli(cluster, "clean", "seeds", "--out", str(out), address=f"127.0.0.1:{port}")
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 3, stderr
    assert stderr.decode().startswith(f"cleaner: cannot reach the Ray cluster at 127.0.0.1:{port}")
    assert not out.exists()


def test_address_without_the_ray_engine_is_a_usage_error() -> None:
    proc = run_cli("clean", "seeds", "--out", "unused", "--address", "127.0.0.1:6379")
    assert proc.returncode == 2 and b"use it with --engine ray" in proc.stderr


def test_without_ray_installed_it_says_what_to_install(tmp_path: Path) -> None:
    out = tmp_path / "out"
    # None in sys.modules makes `import ray` fail as it does where Ray is not installed.
    code = (
        "import sys; sys.modules['ray'] = None; from cleaner.cli import main; "
        f"sys.argv = ['cleaner', 'clean', 'seeds', '--out', {str(out)!r}, '--engine', 'ray']; "
        "main()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "cleaner: --engine ray needs Ray, an optional extra: pip install 'cleaner[ray]'\n"
    )
    assert not out.exists()
