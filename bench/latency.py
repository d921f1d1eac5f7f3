"""Latency and scaling: small texts through the API, start-up costs, and one big document.

    python bench/latency.py [--texts 500] [--runs 3] [--sizes 10k,100k,1m,10m] [--skip-scaling]
        [--bytecode] [--peak-only [--peak-steps]]

Measures, in CPU time (user + system: the machine is shared), medians of ``--runs``:

- **300-character texts**: distinct texts cut from the speed corpus (no result is cached across
  calls: every text is new to the cleaner), through one ``Cleaner``: the first call of the
  process, then the steady state (median and mean per call); ``ftfy.fix_text`` on the same
  texts for scale.
- **Start-up**: ``Cleaner()`` alone and ``Cleaner()`` plus the first ``clean`` in a fresh
  process (the import not counted), and ``cleaner clean`` on one small file (the whole
  process). Where ``PYTHONDONTWRITEBYTECODE`` is set, every process compiles the modules from
  source; ``--bytecode`` measures with them compiled once and kept, as an installed package has
  them.
- **Scaling**: documents of each size through ``Cleaner().clean``, built (``--build``) as
  article prose from the corpus's lines (the default: see :func:`prose`) or as the corpus's
  pages joined by blank lines: CPU seconds per MB at each size (linear when the figures stay
  within 1.5x of each other). Below 1 MB a run cleans distinct documents of the size (each
  from the corpus's next documents) until it has cleaned about 1 MB, so that no timing is
  down at the clock's resolution. Then the peak resident memory (``VmHWM``) of a fresh process
  cleaning the largest one, and of the same process before it reads the document; with
  ``--peak-steps``, also after each step of that clean.
- **Quotes**: the quotes step alone on a single paragraph of about 2 MB full of quote marks.

The corpus is ``../shared/bench/speed/gen_corpus.py``'s (built into a temporary folder unless
``--corpus DIR`` names a folder of its ``.txt`` files).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPEED = ROOT.parent / "shared" / "bench" / "speed"
SEEDS = ROOT.parent / "shared" / "seeds"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}
# Each scaling run cleans at least about this many MB of documents of the size (see scaling).
SCALING_MB = 1.0

STARTUP = """
import resource, sys, time
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
from cleaner import Cleaner
a = cpu()
cleaner = Cleaner()
b = cpu()
cleaner.clean("The President of Azerbaijan, Ilham Aliev, said on Monday that talks would resume.")
c = cpu()
print(b - a, c - a)
"""

# The peak resident memory of this process's own image (VmHWM): ru_maxrss would count the
# pages of the parent it was forked from, however big the parent had grown.
PEAK = """
import sys
from pathlib import Path
from cleaner import Cleaner, pipeline
def peak(field="VmHWM"):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
def show(name):
    print(f"| {name} | {peak('VmRSS'):.0f} | {peak():.0f} |", file=sys.stderr)
seen = set()  # the steps that ran on the document: a second run is a settle pass's
def watched(step, run):
    def watching(doc, ctx):
        yield from run(doc, ctx)
        if doc.id == "big":
            show(step.name if step.name not in seen else "settle: " + step.name)
            seen.add(step.name)
    return watching
if sys.argv[2:] == ["steps"]:
    # Each step's run wrapped to print the resident memory and its high-water mark when the
    # step is done (the steps are frozen dataclasses: set past the freeze, in this process).
    for step in pipeline.STEPS:
        object.__setattr__(step, "run", watched(step, step.run))
cleaner = Cleaner()
cleaner.clean("Warm up: a sentence long enough for the language step to load its profiles.")
show("warm-up clean")
before = peak()
text = Path(sys.argv[1]).read_text(encoding="utf-8")
show("document read")
result = cleaner.clean(text, id="big")
print(before, peak(), result.ok)
"""


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def corpus(folder: Path | None, work: Path) -> list[str]:
    if folder is None:
        folder = work / "corpus"
        subprocess.run(
            [
                sys.executable,
                str(SPEED / "gen_corpus.py"),
                "--seeds",
                str(SEEDS),
                "--out",
                str(folder),
                "--mb",
                "5",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        folder = folder / "txt"
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.glob("*.txt"))]


def short_texts(docs: list[str], count: int, size: int = 300) -> list[str]:
    """Distinct texts of about ``size`` characters, cut at line ends from the documents."""
    texts: list[str] = []
    seen: set[str] = set()
    for doc in docs:
        lines = doc.splitlines(keepends=True)
        for start in range(0, len(lines), 3):
            text = ""
            for line in lines[start:]:
                if len(text) + len(line) > size and text:
                    break
                text += line
            text = text[: size + 100]
            if len(text) >= size // 2 and text not in seen:
                seen.add(text)
                texts.append(text)
            if len(texts) >= count:
                return texts
    return texts


def small_texts(docs: list[str], count: int, runs: int) -> None:
    from cleaner import Cleaner

    texts = short_texts(docs, count * (runs + 1))
    cleaner = Cleaner()
    start = cpu()
    cleaner.clean(texts[0])
    first = cpu() - start
    medians, means = [], []
    for run in range(runs):
        batch = texts[1 + run * count : 1 + (run + 1) * count]
        times = []
        for text in batch:
            start = cpu()
            cleaner.clean(text)
            times.append(cpu() - start)
        medians.append(statistics.median(times))
        means.append(statistics.fmean(times))
    import ftfy

    ftfy_times = []
    for text in texts[1 : 1 + count]:
        start = cpu()
        ftfy.fix_text(text)
        ftfy_times.append(cpu() - start)
    print(f"## 300-character texts ({count} distinct texts a run, {runs} runs)\n")
    print("| measure | ms CPU |\n|---|---:|")
    print(f"| first `clean` of the process (Cleaner built) | {first * 1000:.2f} |")
    print(f"| steady state, median per call | {statistics.median(medians) * 1000:.3f} |")
    print(f"| steady state, mean per call | {statistics.median(means) * 1000:.3f} |")
    print(f"| `ftfy.fix_text`, mean per call | {statistics.fmean(ftfy_times) * 1000:.3f} |\n")


def breakdown(docs: list[str], count: int, runs: int) -> None:
    """Where a 300-character text's time goes: each step's CPU time in the first pass and in
    the settle passes, split by whether the run changed the text (a run that changes nothing
    is the step's fixed cost, what it pays to find there is nothing to do), the time outside
    the steps, and why the settle pass runs (the steps whose changes in the first pass made
    it run: a text the first pass changed gets a second pass, even when only ``tidy`` moved
    its final line break)."""
    from collections import Counter, defaultdict

    from cleaner import Cleaner, pipeline

    texts = short_texts(docs, count * (runs + 1))
    # (pass, step) -> [(microseconds, changed)], and per text the steps that changed it in
    # the first pass; the steps are frozen dataclasses: their run is swapped in place, for
    # this process only.
    seen: dict[tuple[int, str], list[tuple[float, bool]]] = defaultdict(list)
    first_changes: list[str] = []
    state = {"doc": None, "pass": 0}
    once = pipeline._run_once

    def counted(doc: Any, ctx: Any, steps: Any, *rest: Any) -> None:
        if doc is not state["doc"]:
            state["doc"], state["pass"] = doc, 0
        state["pass"] += 1
        once(doc, ctx, steps, *rest)

    def timed(name: str, run: Any) -> Any:
        def step_run(doc: Any, ctx: Any) -> Iterator[Any]:
            logged = len(doc.changes)
            start = time.process_time()
            yield from run(doc, ctx)
            spent = (time.process_time() - start) * 1e6
            changed = len(doc.changes) > logged
            seen[min(state["pass"], 2), name].append((spent, changed))
            if state["pass"] == 1 and changed:
                first_changes.append(name)

        return step_run

    pipeline._run_once = counted  # type: ignore[assignment]
    for step in pipeline.STEPS:
        object.__setattr__(step, "run", timed(step.name, step.run))
    cleaner = Cleaner()
    for text in texts[:count]:  # warm-up: every language's rules compiled
        cleaner.clean(text)
    seen.clear()
    totals: list[float] = []
    passes: Counter[int] = Counter()
    causes: Counter[tuple[str, ...]] = Counter()
    measured = texts[count:]
    for text in measured:
        first_changes.clear()
        start = time.process_time()
        cleaner.clean(text)
        totals.append((time.process_time() - start) * 1e6)
        passes[state["pass"]] += 1
        causes[tuple(dict.fromkeys(first_changes))] += 1
    spent = sum(t for cell in seen.values() for t, _ in cell)
    print(f"## Where a 300-character text's time goes ({len(measured)} texts)\n")
    print(
        f"Whole `clean`, mean {statistics.fmean(totals):.0f} us, median "
        f"{statistics.median(totals):.0f} us (step timers included); outside the steps "
        f"{(sum(totals) - spent) / len(measured):.0f} us a text.\n"
    )
    print(
        "| step | first pass, us a text | settle, us a text | first pass: median us when it "
        "changes nothing (texts) | settle: the same |"
    )
    print("|---|---:|---:|---:|---:|")
    for step in pipeline.STEPS:
        cells = []
        for number in (1, 2):
            runs_of = seen.get((number, step.name), [])
            cells.append(sum(t for t, _ in runs_of) / len(measured))
        idle = []
        for number in (1, 2):
            quiet = [t for t, changed in seen.get((number, step.name), []) if not changed]
            idle.append(f"{statistics.median(quiet):.0f} ({len(quiet)})" if quiet else "-")
        print(f"| {step.name} | {cells[0]:.0f} | {cells[1]:.0f} | {idle[0]} | {idle[1]} |")
    print("\n| passes | texts |\n|---:|---:|")
    for number in sorted(passes):
        print(f"| {number} | {passes[number]} |")
    print("\n| steps that changed the text in the first pass | texts |\n|---|---:|")
    for names, texts_of in causes.most_common(8):
        print(f"| {', '.join(names) or '(none)'} | {texts_of} |")
    print()


def startup(runs: int, work: Path, *, bytecode: bool = False) -> None:
    built, firsts, clis = [], [], []
    small = work / "small"
    small.mkdir(exist_ok=True)
    (small / "a.txt").write_text(
        " date 2020-09-28 The President of Azerbaijan, Ilham Aliev, decreed ...\n",
        encoding="utf-8",
    )
    env = dict(os.environ)
    if bytecode:
        # Compiled modules kept in a folder of this run's own, written by a first run that is
        # not timed: what an installed package has (pip compiles its modules).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        subprocess.run([sys.executable, "-c", STARTUP], check=True, env=env, capture_output=True)
        warm = [str(small), "--out", str(work / "warm"), "-q"]
        subprocess.run([sys.executable, "-m", "cleaner", "clean", *warm], check=True, env=env)
    for run in range(runs):
        found = subprocess.run(
            [sys.executable, "-c", STARTUP], check=True, capture_output=True, text=True, env=env
        ).stdout.split()
        built.append(float(found[0]))
        firsts.append(float(found[1]))
        before = children_cpu()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "cleaner",
                "clean",
                str(small),
                "--out",
                str(work / f"small-out-{run}"),
                "-q",
            ],
            check=True,
            env=env,
        )
        clis.append(children_cpu() - before)
    cached = "on" if "PYTHONDONTWRITEBYTECODE" not in env else "off (PYTHONDONTWRITEBYTECODE)"
    print(f"## Start-up (median of {runs}; compiled modules cached: {cached})\n")
    print("| measure | s CPU |\n|---|---:|")
    print(f"| `Cleaner()` | {statistics.median(built):.3f} |")
    print(f"| `Cleaner()` + first `clean` | {statistics.median(firsts):.3f} |")
    cli = statistics.median(clis)
    print(f"| `cleaner clean` on one small file (whole process) | {cli:.3f} |\n")


def big_document(docs: list[str], size: int, build: str = "prose") -> str:
    return BUILDS[build](docs, size, 1)[0]


# The first line of each page tail the corpus generator appends after an article (comment
# forms, related links, footers: gen_corpus.py's TAILS and COMMENT_HEADS; all ASCII, so
# mojibake leaves them as they are).
TAIL_HEADS = frozenset(
    {
        "Leave a Reply",
        "Post a Comment",
        "1 Comment",
        "Related Posts",
        "More policy",
        "Pages",
        "Copyright 2020 News.am. All rights reserved.",
    }
)
# A paragraph of the prose documents: this many of the corpus's long lines (see prose).
PROSE_JOINED = 3
LONG_WORDS = 20


def prose(docs: list[str], size: int, count: int, seed: int = 13) -> list[str]:
    """``count`` documents of about ``size`` bytes that are all article: paragraphs made from
    the lines of the corpus's pages above their tails, as one long article would be.

    The corpus grows its pages from 15 KB of seed paragraphs, so a document of the pages
    joined repeats them: above 100 KB the repeat rule removes nearly all of it and the
    article step reads the pages' tails as the end of one article, leaving a few KB to the
    later steps. Here each paragraph is ``PROSE_JOINED`` long lines (``LONG_WORDS`` words or
    more) drawn at random and joined by spaces, so that paragraphs do not repeat; a short
    line (a subheading, a furniture line such as ``[ad_1]``) comes in as often as the corpus
    has them, as its own line. Every size draws from the same stream: its documents have the
    same make-up per MB, and each holds the mojibake, quote styles and name variants of the
    lines it was drawn from.
    """
    import random

    lines = []
    for doc in docs:
        for line in doc.split("\n"):
            if line.strip() in TAIL_HEADS:
                break
            if line.strip():
                lines.append(line)
    long = [line for line in lines if len(line.split()) >= LONG_WORDS]
    short = [line for line in lines if len(line.split()) < LONG_WORDS]
    # A paragraph takes PROSE_JOINED long lines: short lines come in at the corpus's rate.
    short_share = len(short) / (len(short) + len(long) / PROSE_JOINED)
    rng = random.Random(seed)
    made: list[str] = []
    for _ in range(count):
        parts: list[str] = []
        total = 0
        while total < size:
            if rng.random() < short_share:
                part = rng.choice(short)
            else:
                part = " ".join(rng.choice(long) for _ in range(PROSE_JOINED))
            parts.append(part)
            total += len(part.encode("utf-8")) + 2
        made.append("\n\n".join(parts) + "\n")
    return made


def documents(docs: list[str], size: int, count: int) -> list[str]:
    """``count`` documents of about ``size`` bytes: the corpus's documents in turn, joined by
    blank lines, each document starting where the one before stopped."""
    made: list[str] = []
    index = 0
    for _ in range(count):
        parts: list[str] = []
        total = 0
        while total < size:
            doc = docs[index % len(docs)]
            parts.append(doc)
            total += len(doc.encode("utf-8")) + 2
            index += 1
        made.append("\n\n".join(parts))
    return made


def scaling(
    docs: list[str], sizes: list[str], runs: int, work: Path, build: str = "prose"
) -> None:
    from cleaner import Cleaner

    cleaner = Cleaner()
    cleaner.clean("Warm up: a sentence long enough for the language step to load its profiles.")
    print(f"## Scaling: documents of each size, built as {build} (median of {runs})\n")
    print(
        "| size | documents | MB each | CPU s each | CPU s per MB |\n|---|---:|---:|---:|---:|"
    )
    per_mb = {}
    for name in sizes:
        # Below SCALING_MB, one timing would be a few hundredths of a second, the resolution
        # of the measure: each run cleans enough distinct documents of the size to make
        # SCALING_MB (see documents), and the row is per document.
        count = max(1, round(SCALING_MB * 1e6 / SIZES[name]))
        texts = BUILDS[build](docs, SIZES[name], count)
        mb = sum(len(text.encode("utf-8")) for text in texts) / 1e6
        times = []
        for _ in range(runs):
            start = cpu()
            for text in texts:
                result = cleaner.clean(text)
                assert result.ok, result.error
            times.append(cpu() - start)
        per_mb[name] = statistics.median(times) / mb
        each = statistics.median(times) / count
        print(f"| {name} | {count} | {mb / count:.2f} | {each:.3f} | {per_mb[name]:.2f} |")
    spread = max(per_mb.values()) / min(per_mb.values())
    print(f"\nSlowest per MB / fastest per MB: {spread:.2f} (linear: at most 1.5)\n")
    peak_memory(docs, sizes[-1], work, build=build)


def peak_memory(
    docs: list[str], largest: str, work: Path, *, steps: bool = False, build: str = "prose"
) -> None:
    path = work / "big.txt"
    path.write_text(big_document(docs, SIZES[largest], build), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", PEAK, str(path), *(["steps"] if steps else [])],
        check=True,
        capture_output=True,
        text=True,
    )
    found = done.stdout.split()
    print(
        f"Peak memory cleaning the {largest} document ({build}): {float(found[1]):.0f} MB "
        f"({float(found[0]):.0f} MB before reading it)\n"
    )
    if steps:
        print("| after | RSS MB | high-water MB |\n|---|---:|---:|")
        print(done.stderr)


# How the scaling documents are made: article prose (the default), or the corpus's pages
# joined (the table's construction up to 55cc4af).
BUILDS = {"prose": prose, "pages": documents}


def quotes(runs: int) -> None:
    from cleaner import Cleaner
    from cleaner.document import Document
    from cleaner.steps import quotes as step

    cleaner = Cleaner()
    sentence = 'He said “we will not leave”, and they answered, "never", ‘again’. '
    paragraph = sentence * (2_000_000 // len(sentence.encode("utf-8")))
    times = []
    for _ in range(runs):
        doc = Document("big", paragraph)
        doc.language = doc.rule_language = "en"
        start = cpu()
        for batch in step.run(doc, cleaner._context):
            doc.apply(batch)
        times.append(cpu() - start)
    mb = len(paragraph.encode("utf-8")) / 1e6
    print(f"## Quotes step on one {mb:.1f} MB paragraph (median of {runs})\n")
    print(f"{statistics.median(times):.2f} s CPU (target: under 1 s)\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="10k,100k,1m,10m")
    parser.add_argument("--corpus", type=Path, help="a folder of the speed corpus's .txt files")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument(
        "--build",
        choices=sorted(BUILDS),
        default="prose",
        help="the scaling and peak documents: article prose from the corpus's lines (see "
        "prose), or the corpus's pages joined",
    )
    parser.add_argument("--skip-quotes", action="store_true")
    parser.add_argument(
        "--peak-only", action="store_true", help="only the peak memory of the largest size"
    )
    parser.add_argument(
        "--peak-steps",
        action="store_true",
        help="with --peak-only: the process's memory after each step of the clean",
    )
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="only where a 300-character text's time goes, step by step and pass by pass",
    )
    parser.add_argument(
        "--bytecode",
        action="store_true",
        help="start-up with compiled modules cached (.pyc, in a folder of the run's own), as "
        "an installed package has them, even where PYTHONDONTWRITEBYTECODE is set",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        work = Path(name)
        docs = corpus(args.corpus, work)
        if args.peak_only:
            last = args.sizes.split(",")[-1]
            peak_memory(docs, last, work, steps=args.peak_steps, build=args.build)
            return
        if args.breakdown:
            breakdown(docs, args.texts, args.runs)
            return
        small_texts(docs, args.texts, args.runs)
        startup(args.runs, work, bytecode=args.bytecode)
        if not args.skip_quotes:
            quotes(args.runs)
        if not args.skip_scaling:
            sizes = [s for s in args.sizes.split(",") if s]
            scaling(docs, sizes, args.runs, work, args.build)


if __name__ == "__main__":
    main()
