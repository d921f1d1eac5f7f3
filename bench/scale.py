"""Past one machine, measured: the local engine, the Ray engine and datatrove, on one corpus.

Builds the speed corpus with ``../shared/bench/speed/gen_corpus.py`` (its ``txt/`` folder of
5-10 KB news-like documents), starts a local Ray cluster of 2 CPUs (``ray start --head
--block`` on 127.0.0.1, its own token), then, round by round in alternating order:

- ``local``: the local engine with ``--jobs 2``;
- ``ray``: the Ray engine with 2 tasks (``--engine ray --jobs 2``) on that cluster;
- ``datatrove``: a datatrove ``LocalPipelineExecutor`` with 2 tasks on 2 workers, a reader of
  the same ``.txt`` files (files ``rank::2``), ``CleanerStep`` and ``JsonlWriter``.

Each measurement runs in a fresh process that builds its cleaner first; the time is the
engine's alone: ``local.run`` (its worker pool included), the Ray engine's own clock from the
first task submitted to the last result (connecting to the cluster not included), and
``executor.run()``. The whole process's wall time is reported beside it. After the first
round the outputs are compared: Ray's files and manifest records byte for byte with the local
run's, datatrove's texts with the local run's files.

Then, for each engine of ``--resume`` (default ``ray``), the real command line (``cleaner
clean TXT --out OUT --jobs 2 [--engine ray --address ...]``) runs into an empty folder, is
killed (``kill -9`` of its process group) once half of the documents have completion markers
(rows in the run's cache indexes), and runs again: the wall time of that resumed run as a
share of a full run's, the median whole-process time of that engine's rounds (a process that
starts, builds its cleaner, connects and runs, as the command does). Its outputs and manifest
records are compared with the last round's.

    python bench/scale.py [--mb 50] [--rounds 3] [--datatrove-rounds 1] [--work DIR]
                          [--resume ray local] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEED = ROOT.parent / "shared" / "bench" / "speed"
ENGINES = ("local", "ray", "datatrove")


# --- one measurement, in its own process --------------------------------------------------


def measure(engine: str, corpus: Path, out: Path, address: str | None) -> dict:
    from cleaner import Cleaner
    from cleaner.batch import Batch, Plan
    from cleaner.engines import local
    from cleaner.io import discover
    from cleaner.report import Report

    cleaner = Cleaner()
    before = _cpu()
    if engine == "datatrove":
        found = _datatrove(cleaner, corpus, out)
        return {**found, "cpu": found["cpu"] + _cpu() - before}
    sources = discover([corpus])
    report = Report()
    plan = Plan(out=out, jobs=2 if engine == "local" else 1)
    batch = Batch(cleaner, plan, report, sys.stdout.write)
    found: dict = {}
    if engine == "local":
        started = time.perf_counter()
        local.run(batch, sources)
        seconds = time.perf_counter() - started
        found["cpu"] = _cpu() - before  # this process and its pool's workers
    else:
        from cleaner.engines import ray as ray_engine

        started = time.perf_counter()
        run = ray_engine.run(batch, sources, address=address, tasks=2)
        found["with_connect"] = time.perf_counter() - started
        seconds = run.seconds
        # The tasks' own CPU time (they run in the cluster's worker processes) and the driver's.
        found["cpu"] = sum(done.cpu for done in run.shards) + _cpu() - before
        found["tasks"] = [
            {
                "shard": f"{done.shard.index}/{done.shard.count}",
                "waited": done.started - run.submitted,  # a worker to start and take it
                "setup": done.setup,  # imports and building the cleaner
                "seconds": done.seconds,
                "cpu": done.cpu,
                "bytes": sum(s.size for s in sources if done.shard.owns(s.id)),
            }
            for done in run.shards
        ]
    return {"seconds": seconds, "documents": report.cleaned + len(report.errors), **found}


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (a pool's workers)."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(found.ru_utime + found.ru_stime for found in usage)


def _read_txt(data: object, rank: int = 0, world_size: int = 1, *, folder: str) -> Iterator:
    """A datatrove reader of a folder of .txt files: this rank's share, ``rank::world_size``."""
    from datatrove.data import Document

    for path in sorted(Path(folder).glob("*.txt"))[rank::world_size]:
        yield Document(path.read_text(encoding="utf-8"), path.name)


def _cpu_probe(data: Iterator, rank: int = 0, world_size: int = 1, *, folder: str) -> Iterator:
    """The last step: passes the documents on, then writes this worker's CPU time (its
    workers are the forkserver's children, out of reach of this process's rusage)."""
    yield from data
    Path(folder, f"cpu-{rank}").write_text(str(time.process_time()))


def _datatrove(cleaner: object, corpus: Path, out: Path) -> dict:
    import functools

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.writers import JsonlWriter

    from cleaner.integrations.datatrove import CleanerStep

    executor = LocalPipelineExecutor(
        pipeline=[
            functools.partial(_read_txt, folder=str(corpus)),
            CleanerStep(cleaner),
            JsonlWriter(str(out / "docs")),
            functools.partial(_cpu_probe, folder=str(out)),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(out / "logs"),
    )
    started = time.perf_counter()
    executor.run()
    seconds = time.perf_counter() - started
    cpu = sum(float(path.read_text()) for path in out.glob("cpu-*"))
    return {"seconds": seconds, "documents": len(list(corpus.glob("*.txt"))), "cpu": cpu}


# --- the cluster, the runs ----------------------------------------------------------------


def ray_cluster(cpus: int = 2) -> contextlib.AbstractContextManager[tuple[str, dict]]:
    """A local Ray cluster of ``cpus`` CPUs on 127.0.0.1 with its own token (the engine's
    ``loopback_head``, as the tests use it)."""
    from cleaner.engines.ray import loopback_head

    return loopback_head(cpus, pythonpath=str(ROOT))


def run_child(
    engine: str, corpus: Path, out: Path, address: str, env: dict[str, str]
) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, __file__, "--measure", engine, "--corpus", str(corpus)]
    command += ["--out", str(out), "--address", address]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{engine} failed:\n{done.stderr[-3000:]}")
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return {**found, "process": wall}


def outputs(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".cleaner-cache" not in p.parts and not p.name.startswith("manifest")
    }


def manifest_lines(out: Path) -> list[bytes]:
    """The manifest records of every part, sorted; each part's run header left out."""
    lines: list[bytes] = []
    for part in sorted(out.glob("manifest*.jsonl")):
        lines += [line for line in part.read_bytes().splitlines() if line.startswith(b'{"id"')]
    return sorted(lines)


def datatrove_texts(out: Path) -> dict[str, str]:
    import gzip

    texts = {}
    for part in sorted((out / "docs").glob("*.jsonl.gz")):
        for line in gzip.decompress(part.read_bytes()).decode().splitlines():
            record = json.loads(line)
            texts[record["id"]] = record["text"]
    return texts


def markers(out: Path) -> int:
    """Documents with a completion marker: rows in every cache index of ``out``."""
    total = 0
    for index in (out / ".cleaner-cache").glob("done*.sqlite"):
        with contextlib.suppress(sqlite3.Error):
            db = sqlite3.connect(f"{index.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
            with contextlib.closing(db):
                total += db.execute("SELECT count(*) FROM done").fetchone()[0]
    return total


def cli_command(engine: str, corpus: Path, out: Path, address: str) -> list[str]:
    command = [sys.executable, "-m", "cleaner", "clean", str(corpus), "--out", str(out)]
    command += ["--jobs", "2"]
    if engine == "ray":
        command += ["--engine", "ray", "--address", address]
    return command


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started, done.stderr.strip().splitlines()[-1]


def killed_and_resumed(
    engine: str, corpus: Path, work: Path, address: str, env: dict[str, str], full: float
) -> dict:
    """A run killed once half its documents have markers, and its resumed run."""
    from cleaner.engines.locks import live_pids

    total = len(list(corpus.glob("*.txt")))
    full_out, out = work / f"out-{engine}", work / f"resume-{engine}"
    shutil.rmtree(out, ignore_errors=True)
    run = subprocess.Popen(
        cli_command(engine, corpus, out, address),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    started = time.perf_counter()
    while markers(out) < total / 2:
        if run.poll() is not None:
            raise SystemExit(f"{engine}: the run ended before half its documents were done")
        time.sleep(0.05)
    killed_at = time.perf_counter() - started
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    at_kill = markers(out)
    deadline = time.monotonic() + 60
    while live_pids(out) and time.monotonic() < deadline:  # Ray ends the dead driver's tasks
        time.sleep(0.1)
    resumed, summary = timed(cli_command(engine, corpus, out, address), env)
    same = outputs(out) == outputs(full_out) and manifest_lines(out) == manifest_lines(full_out)
    return {
        "full": full,
        "killed_after": killed_at,
        "markers_at_kill": at_kill,
        "resumed": resumed,
        "share": resumed / full,
        "summary": summary,
        "same_as_full": same,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--datatrove-rounds", type=int, default=1)
    parser.add_argument("--resume", nargs="*", default=["ray"], choices=["ray", "local"])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--measure", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--address", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.corpus, args.out, args.address)))
        return 0

    work = args.work or Path(tempfile.mkdtemp(prefix="cleaner-scale-"))
    corpus = work / "corpus" / "txt"
    if not corpus.is_dir():
        generate = [sys.executable, str(SPEED / "gen_corpus.py"), "--seeds", str(ROOT / "seeds")]
        subprocess.run([*generate, "--out", str(work / "corpus"), "--mb", str(args.mb)], check=True)
    files = sorted(corpus.glob("*.txt"))
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    load = os.getloadavg()
    print(f"corpus: {megabytes:.1f} MB, {len(files)} documents ({corpus})", file=sys.stderr)
    results: dict[str, list[dict]] = {engine: [] for engine in ENGINES}
    resumes: dict[str, dict] = {}
    with ray_cluster() as (address, env):
        for round_number in range(args.rounds):
            order = ENGINES if round_number % 2 == 0 else ENGINES[::-1]
            for engine in order:
                if engine == "datatrove" and round_number >= args.datatrove_rounds:
                    continue
                found = run_child(engine, corpus, work / f"out-{engine}", address, env)
                results[engine].append(found)
                print(f"round {round_number + 1} {engine}: {found}", file=sys.stderr)
            if round_number == 0:
                local_out, ray_out = work / "out-local", work / "out-ray"
                same_ray = outputs(ray_out) == outputs(local_out) and manifest_lines(
                    ray_out
                ) == manifest_lines(local_out)
                same_datatrove = None  # not run: --datatrove-rounds 0
                if results["datatrove"]:
                    texts = datatrove_texts(work / "out-datatrove")
                    same_datatrove = texts == {
                        name: data.decode("utf-8") for name, data in outputs(local_out).items()
                    }
        for engine in args.resume:
            full = statistics.median(r["process"] for r in results[engine])
            resumes[engine] = killed_and_resumed(engine, corpus, work, address, env, full)
            print(f"resume {engine}: {resumes[engine]}", file=sys.stderr)
    load_end = os.getloadavg()

    ran = [engine for engine in ENGINES if results[engine]]
    medians = {e: statistics.median(r["seconds"] for r in results[e]) for e in ran}
    report = {
        "corpus": {"megabytes": megabytes, "documents": len(files), "path": str(corpus)},
        "load": {"start": load, "end": load_end},
        "runs": results,
        "medians": medians,
        "ray_vs_local": medians["local"] / medians["ray"],
        "datatrove_vs_local": (
            medians["local"] / medians["datatrove"] if "datatrove" in medians else None
        ),
        "same_bytes": {"ray": same_ray, "datatrove_texts": same_datatrove},
        "resume": resumes,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"corpus: {megabytes:.1f} MB, {len(files)} documents; load average {load[0]:.2f} at "
          f"start, {load_end[0]:.2f} at end\n")
    print(
        "| engine | median s | MB/s | vs --jobs 2 | runs (s) | whole process (s) | "
        "CPU s (median) | MB per CPU s |"
    )
    print("|---|---:|---:|---:|---|---|---:|---:|")
    for engine in ran:
        seconds = ", ".join(f"{r['seconds']:.1f}" for r in results[engine])
        process = ", ".join(f"{r['process']:.1f}" for r in results[engine])
        cpu = statistics.median(r["cpu"] for r in results[engine])
        print(
            f"| {engine} | {medians[engine]:.2f} | {megabytes / medians[engine]:.3f} | "
            f"{medians['local'] / medians[engine]:.2f}x | {seconds} | {process} | {cpu:.1f} | "
            f"{megabytes / cpu:.3f} |"
        )
    for found in results["ray"]:
        tasks = "; ".join(
            f"{t['shard']}: waited {t['waited']:.1f} s, setup {t['setup']:.1f} s, "
            f"ran {t['seconds']:.1f} s, CPU {t['cpu']:.1f} s, {t['bytes'] / 1e6:.1f} MB"
            for t in found["tasks"]
        )
        print(f"ray tasks: {tasks}")
    print(f"\nsame bytes: ray {same_ray}, datatrove texts {same_datatrove}")
    for engine, found in resumes.items():
        print(
            f"resume ({engine}): full run {found['full']:.1f} s; killed after "
            f"{found['killed_after']:.1f} s with {found['markers_at_kill']} of {len(files)} "
            f"markers; resumed {found['resumed']:.1f} s = {found['share']:.0%} of a full run; "
            f"same as the full run: {found['same_as_full']}; {found['summary']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
