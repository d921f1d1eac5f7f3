"""Pathological inputs: is every step linear in the size of what it is given?

Each input of the hardening issue's table is cleaned at 1x and at 10x its listed size,
through the API with the shipped rules, three times each (alternating sizes); the figure is
CPU seconds per MB (median of 3), and the verdict is whether the 10x figure stays within
1.5x of the 1x one. Run from the repository root:

    python bench/pathological.py [--only NAME] [--runs 3] [--json]

Exits 1 if any input fails the criterion. The test suite guards only against hangs
(tests/test_hardening.py); timing belongs here.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleaner import Cleaner

LIMIT = 1.5


def spaces(n: int) -> str:
    return "a" + " " * n + "b\n"


def identical_lines(n: int) -> str:
    # "â€¨" is U+2028 misread as Windows-1252: ftfy turns it into a line break, so the
    # rewrite changes the number of lines and the line origins must be carried across.
    return "Azerbaijanâ€¨ said\n" + "The same line again.\n" * n


def license_line(n: int) -> str:
    # No licence name after "under": the credit pattern cannot match, and must fail fast.
    unit = "File: Photo of the bridge.jpg by Some One is licensed under "
    return unit * (n // len(unit)) + "\n"


def read_more(n: int) -> str:
    return "READ MORE\n" * n


def long_paragraph(n: int) -> str:
    unit = 'He said “we will win” and ‘they’ agreed, « non » . '
    return unit * (n // len(unit)) + "\n"


def german_quotes(n: int) -> str:
    # Another language's marks: paired in its own convention, backwards pairs turned round.
    unit = "Er sagte „ja“ und „nein“ und “vielleicht„ dazu. "
    return unit * (n // len(unit)) + "\n"


def odd_quotes(n: int) -> str:
    # An odd number of marks, many standing apart: the stray to drop must be found without
    # trying every candidate against every mark.
    unit = 'They said " yes " and " no " then. '
    return unit * (n // len(unit)) + '"\n'


def many_lines(n: int) -> str:
    unit = "Short line\nAnother short one\nA sentence that ends with a stop.\n\n"
    return unit * (n // len(unit))


# name -> (make, size at 1x): the sizes of the table.
CASES: dict[str, tuple[Callable[[int], str], int]] = {
    "spaces": (spaces, 40_000),
    "identical-lines": (identical_lines, 16_000),
    "license-line": (license_line, 93_000),
    "read-more": (read_more, 80_000),
    "quote-paragraph": (long_paragraph, 100_000),
    "odd-quotes": (odd_quotes, 50_000),
    "german-quotes": (german_quotes, 100_000),
    "short-lines": (many_lines, 200_000),
}


def measure(cleaner: Cleaner, text: str) -> float:
    start = time.process_time()
    cleaner.clean(text)
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="run only this case (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    cleaner = Cleaner()
    cleaner.clean("Warm up the language profiles with a sentence long enough to detect.")
    rows = []
    for name, (make, size) in CASES.items():
        if args.only and name not in args.only:
            continue
        texts = {scale: make(size * scale) for scale in (1, 10)}
        times: dict[int, list[float]] = {1: [], 10: []}
        for _ in range(args.runs):
            for scale in (1, 10):
                times[scale].append(measure(cleaner, texts[scale]))
        per_mb = {
            scale: statistics.median(times[scale]) / (len(texts[scale].encode()) / 1e6)
            for scale in (1, 10)
        }
        ratio = per_mb[10] / per_mb[1] if per_mb[1] else float("inf")
        rows.append(
            {
                "case": name,
                "bytes_1x": len(texts[1].encode()),
                "cpu_s_per_mb_1x": round(per_mb[1], 3),
                "cpu_s_per_mb_10x": round(per_mb[10], 3),
                "ratio": round(ratio, 2),
                "linear": ratio <= LIMIT,
            }
        )
        if not args.json:
            row = rows[-1]
            print(
                f"{name:16} {row['bytes_1x']:>9,} B  {row['cpu_s_per_mb_1x']:8.3f} s/MB at 1x  "
                f"{row['cpu_s_per_mb_10x']:8.3f} s/MB at 10x  ratio {row['ratio']:5.2f}  "
                f"{'ok' if row['linear'] else 'NOT LINEAR'}",
                flush=True,
            )
    if args.json:
        print(json.dumps(rows, indent=2))
    return 0 if all(row["linear"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
