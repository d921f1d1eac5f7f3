"""Generic boilerplate removal on the Scrapinghub article-extraction benchmark.

Cleans ``raw/`` with the default rules, scores the output against ``gold/`` with the shared
scorer, and prints it under the score of the raw input itself (the do-nothing baseline), so
one run shows what the cleaner gains::

    .venv/bin/python bench/scrapinghub.py                 # headline: --lang en, bow metric
    .venv/bin/python bench/scrapinghub.py --lang all --metric shingle4
    .venv/bin/python bench/scrapinghub.py --out /tmp/sh --per-doc /tmp/sh.tsv
    .venv/bin/python bench/scrapinghub.py --no-default-rules --rules /tmp/variant/  # a rule variant

With ``--per-doc FILE`` it also writes the per-document TSV of both runs: FILE for the
cleaned output and FILE with ``.raw`` before the suffix for the baseline; sort it by
``precision`` to find the pages with the most boilerplate left.

Exit status: 0 when both runs scored, otherwise the status of the step that failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

# ../shared beside the repository, as CI has it.
BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
DATASET = BENCH / "scrapinghub"
SCORER = BENCH / "score.py"


def clean(raw: Path, out: Path, rules: list[Path], *, defaults: bool = True) -> int:
    """Run ``cleaner clean RAW --out OUT`` in this interpreter; its report goes to stderr."""
    command = [sys.executable, "-m", "cleaner", "clean", str(raw), "--out", str(out)]
    if not defaults:
        command.append("--no-default-rules")
    for extra in rules:
        command += ["--rules", str(extra)]
    return subprocess.run(command, stdout=subprocess.DEVNULL, check=False).returncode


def score(pred: Path, *, lang: str | None, metric: str, per_doc: Path | None) -> tuple[int, str]:
    """The scorer's summary line for ``pred`` (and its status)."""
    command = [sys.executable, str(SCORER), str(DATASET), str(pred), "--metric", metric, "--quiet"]
    if lang:
        command += ["--lang", lang]
    if per_doc:
        command += ["--per-doc", str(per_doc)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.stderr.write(done.stderr)
    return done.returncode, done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="keep the cleaned texts here (default: temp)")
    parser.add_argument("--lang", default="en", help="manifest language, or 'all' (default: en)")
    parser.add_argument("--metric", choices=("bow", "shingle4"), default="bow")
    parser.add_argument("--per-doc", type=Path, help="write the per-document TSVs here")
    parser.add_argument(
        "--rules",
        type=Path,
        action="append",
        default=[],
        help="extra rule file or folder, as for 'cleaner clean --rules'",
    )
    parser.add_argument(
        "--no-default-rules",
        action="store_true",
        help="only the --rules given (to compare a variant of the shipped rules)",
    )
    args = parser.parse_args(argv)
    lang = None if args.lang == "all" else args.lang

    with tempfile.TemporaryDirectory(prefix="scrapinghub-") as temp:
        out = args.out or Path(temp)
        status = clean(DATASET / "raw", out, args.rules, defaults=not args.no_default_rules)
        if status == 1:  # some documents failed: the scorer counts them as missing
            print("warning: cleaner reported errors; see its summary above", file=sys.stderr)
        elif status:
            return status
        raw_tsv = args.per_doc.with_suffix(".raw" + args.per_doc.suffix) if args.per_doc else None
        rows = []
        for label, pred, tsv in (("raw", DATASET / "raw", raw_tsv), ("cleaned", out, args.per_doc)):
            status, line = score(pred, lang=lang, metric=args.metric, per_doc=tsv)
            if status:
                return status
            rows.append((label, line))
    for label, line in rows:
        print(f"{label:<8} {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
