"""--jobs 2 against --jobs 1 on a generated corpus: same bytes, and how much faster.

    python bench/parallel.py [--docs 3000] [--runs 5]

Builds a folder of documents from the seeds (each one varied so no two are equal), runs
``cleaner clean DOCS --out OUT --jobs N --force`` for N = 1 and 2, alternating, ``--runs``
times each, checks that both give byte-identical outputs and manifests, and prints the
median wall time of each and the speed-up. Wall time of the whole command, start-up
included, as a user sees it; beside it the CPU time of the command and its workers
(``wait4``), whose excess at ``--jobs 2`` is what the parallel run costs on top of the work.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(folder: Path, docs: int) -> int:
    rng = random.Random(2020)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    size = 0
    for n in range(docs):
        lines = seeds[n % len(seeds)].splitlines()
        rng.shuffle(lines)
        text = "\n".join(lines) + f"\nDocument {n} ends here.\n"
        (folder / f"{n // 100:03d}").mkdir(exist_ok=True)
        (folder / f"{n // 100:03d}" / f"doc{n:05d}.txt").write_text(text, encoding="utf-8")
        size += len(text.encode())
    return size


def snapshot(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".cleaner-cache" not in p.parts
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        size = make_corpus(docs, args.docs)
        times: dict[int, list[float]] = {1: [], 2: []}
        cpu: dict[int, list[float]] = {1: [], 2: []}
        outputs: dict[int, dict[str, bytes]] = {}
        for _ in range(args.runs):
            for jobs in (1, 2):
                out = Path(tmp) / f"out{jobs}"
                command = [
                    sys.executable,
                    "-m",
                    "cleaner",
                    "clean",
                    str(docs),
                    "--out",
                    str(out),
                    "--jobs",
                    str(jobs),
                    "--force",
                ]
                start = time.perf_counter()
                with subprocess.Popen(
                    command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                ) as process:
                    _, status, usage = os.wait4(process.pid, 0)
                    process.returncode = os.waitstatus_to_exitcode(status)
                times[jobs].append(time.perf_counter() - start)
                if process.returncode != 0:
                    raise SystemExit(f"{' '.join(command)}: exit {process.returncode}")
                cpu[jobs].append(usage.ru_utime + usage.ru_stime)
                outputs[jobs] = snapshot(out)
        identical = outputs[1] == outputs[2]
        one, two = statistics.median(times[1]), statistics.median(times[2])
        print(
            f"corpus: {args.docs} documents, {size / 1e6:.1f} MB; {args.runs} runs each, "
            "alternating"
        )
        print("| jobs | median s | runs (s) | CPU s (median) |")
        print("|---|---|---|---|")
        for jobs in (1, 2):
            runs = ", ".join(f"{t:.1f}" for t in times[jobs])
            median = statistics.median(times[jobs])
            print(f"| {jobs} | {median:.2f} | {runs} | {statistics.median(cpu[jobs]):.2f} |")
        print(
            f"speed-up --jobs 2 / --jobs 1: {one / two:.2f}x; outputs byte-identical: "
            f"{identical} ({len(outputs[1])} files)"
        )
        return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
