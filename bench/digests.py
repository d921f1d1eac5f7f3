"""Byte-identity digests of a source tree's outputs: what every "exact" speed commit is checked by.

    python bench/digests.py [--tree TREE] [--work DIR] [--jobs 2]

Runs ``cleaner clean`` from ``TREE`` (default: this checkout; any ``git archive`` snapshot
will do) over four corpora and prints one SHA-256 a corpus, of every output file and every
manifest record with its timings left out:

- ``seeds``: ``../shared/seeds``;
- ``scrapinghub``: the 181 raw pages as one JSONL file with each page's URL (templates on);
- ``speedtxt``, ``speedjsonl``: the speed corpus of ``compare.py`` (5 MB, built once into
  ``--work`` by ``../shared/bench/speed/gen_corpus.py``) as files and as its ``docs.jsonl``.

Two trees give the same outputs and manifests exactly when their digests are equal: run it
once per tree with the same ``--work``. The clean runs start from an empty folder, since
``python -m`` puts the current folder first on the path (a run started inside another
checkout would clean with that checkout's code).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from scrapinghub import DATASET, pages_jsonl

SHARED = Path(__file__).resolve().parents[2] / "shared"
SPEED_MB = 5.0
# Manifest fields that hold timings, which differ from run to run.
TIMINGS = ("elapsed", "seconds")


def corpora(work: Path) -> dict[str, Path]:
    """The four corpora, built into ``work`` on first use."""
    if not (work / "speed" / "docs.jsonl").is_file():
        subprocess.run(
            [
                sys.executable,
                str(SHARED / "bench" / "speed" / "gen_corpus.py"),
                "--seeds",
                str(SHARED / "seeds"),
                "--out",
                str(work / "speed"),
                "--mb",
                str(SPEED_MB),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    pages = work / "scrapinghub.jsonl"
    if not pages.is_file():
        pages_jsonl(DATASET / "raw", pages)
    return {
        "seeds": SHARED / "seeds",
        "scrapinghub": pages,
        "speedtxt": work / "speed" / "txt",
        "speedjsonl": work / "speed" / "docs.jsonl",
    }


def digest(out: Path) -> str:
    """SHA-256 over the output files (path and content, in path order, the cache left out) and
    the manifest records without their timings (sorted)."""
    total = hashlib.sha256()
    files = sorted(
        p
        for p in out.rglob("*")
        if p.is_file() and ".cleaner-cache" not in p.parts and not _manifest(p)
    )
    for path in files:
        total.update(f"{path.relative_to(out).as_posix()}\0".encode())
        total.update(hashlib.sha256(path.read_bytes()).digest())
    for record in sorted(_records(p for p in out.iterdir() if _manifest(p))):
        total.update(record.encode("utf-8") + b"\n")
    return total.hexdigest()


def _manifest(path: Path) -> bool:
    return path.name.startswith("manifest") and path.name.endswith(".jsonl")


def _records(manifests: Iterable[Path]) -> list[str]:
    """Each document's manifest record (the lines with an ``id``), timings left out."""
    records = []
    for manifest in manifests:
        for line in manifest.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if "id" not in record:
                continue  # the header and the run's summary
            for key in TIMINGS:
                record.pop(key, None)
            records.append(json.dumps(record, sort_keys=True, ensure_ascii=False))
    return records


def clean(tree: Path, corpus: Path, out: Path, jobs: int) -> int:
    """``cleaner clean CORPUS --out OUT`` with ``tree``'s code, from an empty folder."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    with tempfile.TemporaryDirectory() as empty:
        command = [sys.executable, "-m", "cleaner", "clean", str(corpus), "--out", str(out)]
        command += ["--jobs", str(jobs), "-q"]
        return subprocess.run(command, cwd=empty, env=env, stdout=subprocess.DEVNULL).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--work", type=Path, help="keep the corpora here (default: a temp dir)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", action="append", help="only these corpora")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="cleaner-digests-"))
    tree = args.tree.resolve()
    status = 0
    for name, corpus in corpora(work).items():
        if args.only and name not in args.only:
            continue
        with tempfile.TemporaryDirectory() as temp:
            out = Path(temp) / name
            code = clean(tree, corpus, out, args.jobs)
            if code:
                status = 1
            print(f"{digest(out)}  {name}" + (f"  (exit {code})" if code else ""), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
