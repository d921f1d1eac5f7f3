"""Peak memory of ``cleaner clean FILE.jsonl --jobs 1`` for a small and a 10x larger input.

    python bench/memory.py [--small-mb 20] [--large-mb 200] [--sites 10000]

With ``--sites N`` the records belong to N sites (``https://siteK.example/``), each page
with a line of its own and a line its site's pages share, so the run learns site templates
in its first pass (the default) over N sites and many distinct lines: the learner's one
global cap must keep memory flat.

Generates two JSONL files of seed-like records (same records, repeated), cleans each in a
child process with ``--jobs 1``, and reads the child's peak resident set size
(``ru_maxrss`` of the waited-for child). Memory that grows with the input means something
is not streamed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_jsonl(path: Path, megabytes: int, sites: int = 0) -> int:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    target = megabytes * 1_000_000
    size = 0
    n = 0
    with path.open("w", encoding="utf-8") as stream:
        while size < target:
            text, url = seeds[n % len(seeds)], f"https://example.org/{n}"
            if sites:
                site = n % sites
                word = "".join(chr(97 + int(d)) for d in str(site))  # digits fold: use letters
                text = f"The {word} gazette radio\nPage {word} {n} of its own\n{text}"
                url = f"https://site{site}.example/{n}"
            line = json.dumps({"id": n, "text": text, "metadata": {"url": url}}) + "\n"
            stream.write(line)
            size += len(line.encode())
            n += 1
    return n


def peak_rss_mb(command: list[str]) -> float:
    """Run ``command`` in a child and return its peak RSS in MB (Linux: ru_maxrss in kB)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.chdir(ROOT)
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            os.dup2(null.fileno(), 2)
        os.execv(command[0], command)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed")
    return usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small-mb", type=int, default=20)
    parser.add_argument("--large-mb", type=int, default=200)
    parser.add_argument("--sites", type=int, default=0, help="spread records over N sites")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for megabytes in (args.small_mb, args.large_mb):
            corpus = Path(tmp) / f"corpus{megabytes}.jsonl"
            records = make_jsonl(corpus, megabytes, args.sites)
            out = Path(tmp) / f"out{megabytes}"
            command = [
                sys.executable,
                "-m",
                "cleaner",
                "clean",
                str(corpus),
                "--out",
                str(out),
                "--jobs",
                "1",
            ]
            rows.append((megabytes, records, peak_rss_mb(command)))
            corpus.unlink()
            subprocess.run(["rm", "-rf", str(out)], check=True)
    if args.sites:
        print(f"{args.sites:,} sites, site templates learned in a first pass")
    print("| input | records | peak RSS (MB) |")
    print("|---|---|---|")
    for megabytes, records, rss in rows:
        print(f"| {megabytes} MB | {records} | {rss:.1f} |")
    growth = rows[1][2] - rows[0][2]
    print(
        f"growth from {args.small_mb} MB to {args.large_mb} MB: {growth:+.1f} MB "
        f"(target: under 30 MB)"
    )
    return 0 if growth < 30 else 1


if __name__ == "__main__":
    sys.exit(main())
