"""cleaner against what a user would run instead, on the same corpus, in one run.

Builds the speed corpus with ``../shared/bench/speed/gen_corpus.py`` (news-like documents of
5-10 KB, a fifth with mojibake, boilerplate lines and tails, name variants), then runs each
contender as a whole process over its folder of ``.txt`` files, alternating contenders round
by round, and reports CPU time (user + system of the child process) per MB, median of the
rounds. The figures that count are the ratios, measured in the same run on the same machine::

    python bench/compare.py [--mb 50] [--rounds 3] [--only cleaner-cli ...]

Contenders: ``cleaner-cli`` (``cleaner clean DIR --out OUT --jobs 1``), ``cleaner-api`` (a
script that reads each file and calls ``Cleaner().clean``), ``datatrove`` (its JSONL reader ->
``FTFYFormatter`` -> JSONL writer, one task, over the corpus's ``docs.jsonl``: the same
documents), ``cleaner-base`` (``cleaner-cli`` run from another source tree given with
``--base-tree DIR``, e.g. ``git archive COMMIT | tar -x -C DIR``: before and after in one run),
and the modes of
``../shared/bench/speed/contenders.py``: ``ftfy`` (``ftfy.fix_text``), ``cleantext``
(clean-text), ``naive`` (ftfy + 20 line regexes + 30 name substitutions: the script a user
would write), ``none`` (read and write only). The ``bench`` extra installs clean-text.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEED = ROOT.parent / "shared" / "bench" / "speed"
SEEDS = ROOT.parent / "shared" / "seeds"

API_SCRIPT = """
import sys
from pathlib import Path
from cleaner import Cleaner
cleaner = Cleaner()
source, target = Path(sys.argv[1]), Path(sys.argv[2])
target.mkdir(parents=True, exist_ok=True)
for path in sorted(source.glob("*.txt")):
    (target / path.name).write_text(cleaner.clean(path.read_bytes()).text, encoding="utf-8")
"""


DATATROVE_SCRIPT = """
import sys
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.formatters import FTFYFormatter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter
source, target = sys.argv[1], sys.argv[2]
LocalPipelineExecutor(
    [
        JsonlReader(source, glob_pattern="docs.jsonl", recursive=False),
        FTFYFormatter(),
        JsonlWriter(target + "/data", compression=None),
    ],
    tasks=1,
    workers=1,
    logging_dir=target + "/logs",
).run()
"""


def commands(corpus: Path, out: Path, base_tree: Path | None = None) -> dict[str, list[str]]:
    python = sys.executable
    found = {
        "cleaner-cli": [
            python,
            "-m",
            "cleaner",
            "clean",
            str(corpus),
            "--out",
            str(out),
            "--jobs",
            "1",
            "--force",
        ],
        "cleaner-api": [python, "-c", API_SCRIPT, str(corpus), str(out)],
    }
    if base_tree is not None:
        # The other tree's package comes first on the path (before the editable install).
        found["cleaner-base"] = ["env", f"PYTHONPATH={base_tree}", *found["cleaner-cli"]]
    found["datatrove"] = [python, "-c", DATATROVE_SCRIPT, str(corpus.parent), str(out)]
    for mode in ("none", "ftfy", "cleantext", "naive"):
        found[mode] = [python, str(SPEED / "contenders.py"), mode, str(corpus), str(out)]
    return found


def cpu_seconds(command: list[str]) -> float | None:
    """CPU time of one child process (user + system), or None if it failed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # From a neutral folder: ``python -m`` puts the working folder first on the path, which
    # would shadow --base-tree with the checkout the benchmark is started from.
    done = subprocess.run(command, capture_output=True, check=False, cwd=tempfile.gettempdir())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.stderr.write(f"{command[2] if len(command) > 2 else command}: failed\n")
        sys.stderr.write(done.stderr.decode(errors="replace")[-500:])
        return None
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", action="append", help="run only these contenders")
    parser.add_argument("--work", type=Path, help="keep the corpus here (default: a temp dir)")
    parser.add_argument(
        "--base-tree", type=Path, help="also run cleaner-cli from this source tree (cleaner-base)"
    )
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="cleaner-compare-"))
    corpus = work / "txt"
    if not corpus.is_dir():
        subprocess.run(
            [
                sys.executable,
                str(SPEED / "gen_corpus.py"),
                "--seeds",
                str(SEEDS),
                "--out",
                str(work),
                "--mb",
                str(args.mb),
            ],
            check=True,
        )
    megabytes = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
    runs = commands(corpus, work / "out", args.base_tree)
    names = [n for n in runs if not args.only or n in args.only]
    times: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(args.rounds):
        for name in names:
            shutil.rmtree(work / "out", ignore_errors=True)
            seconds = cpu_seconds(runs[name])
            if seconds is not None:
                times[name].append(seconds)
        print(f"round {round_number + 1} of {args.rounds} done", file=sys.stderr, flush=True)
    print(f"corpus: {megabytes:.1f} MB, {len(list(corpus.glob('*.txt')))} documents ({work})")
    print(f"{'contender':14} {'CPU s (median)':>15} {'MB/s per core':>14}")
    rates: dict[str, float] = {}
    for name in names:
        if not times[name]:
            print(f"{name:14} {'failed':>15}")
            continue
        median = statistics.median(times[name])
        rates[name] = megabytes / median
        print(f"{name:14} {median:15.2f} {rates[name]:14.3f}")
    if "cleaner-cli" in rates:
        print("\nratios, cleaner-cli throughput over each contender's (same run):")
        for name, rate in rates.items():
            if name != "cleaner-cli":
                print(f"  vs {name:12} {rates['cleaner-cli'] / rate:6.2f}x")
    if not args.work:
        print(f"(corpus kept in {work}; pass --work {work} to reuse it)", file=sys.stderr)
    os.sync()
    return 0


if __name__ == "__main__":
    sys.exit(main())
