"""Where the time goes, step by step: CPU time in the first pass and in the settle passes.

    PYTHONPATH=TREE python bench/steps.py CORPUS [--docs 300] [--rounds 3]

``CORPUS`` is a folder of ``.txt`` files or a JSONL file with a ``text`` field per line (the
Scrapinghub pages). Its first ``--docs`` documents go through one ``Cleaner().clean`` each
(after ten to warm up), ``--rounds`` times in the process; printed are the medians, in ms of
CPU time per document: the whole ``clean`` (timers included), and each step's run in the
first pass and in the settle passes (the second, and the third where the second changed
something), with how many settle runs each step made (a skipped run makes none) and in how
many documents each pass of the step changed the text. Timers wrap each step's ``run`` (the
edits it yields are applied inside it), so a step's figure holds its ``Document.apply``.
``PYTHONPATH`` picks the tree to measure: run it once per tree, in the same session.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cleaner.pipeline as pipeline
from cleaner import Cleaner

Key = tuple[int, str]  # (1 for the first pass, 2 for the settle passes; step name)


def load(corpus: Path, count: int) -> list[str]:
    """The first ``count`` documents of a folder of ``.txt`` files or of a JSONL file."""
    if corpus.is_dir():
        paths = sorted(corpus.glob("*.txt"))[:count]
        return [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    texts: list[str] = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            texts.append(json.loads(line)["text"])
            if len(texts) == count:
                break
    return texts


class Timers:
    """Per-step CPU time, settle runs and changed documents, by pass."""

    def __init__(self) -> None:
        self.seconds: dict[Key, float] = defaultdict(float)
        self.runs: dict[Key, int] = defaultdict(int)
        self.changed: dict[Key, int] = defaultdict(int)
        self._doc: object = None
        self._pass = 0

    def install(self) -> None:
        once = pipeline._run_once

        def counted(doc: Any, ctx: Any, steps: Any, *rest: Any) -> None:
            if doc is not self._doc:
                self._doc, self._pass = doc, 0
            self._pass += 1
            once(doc, ctx, steps, *rest)

        pipeline._run_once = counted  # type: ignore[assignment]
        for step in pipeline.STEPS:
            # Step is frozen: its run is swapped in place, for this process only.
            object.__setattr__(step, "run", self._timed(step.name, step.run))

    def _timed(self, name: str, run: Callable[[Any, Any], Iterator[Any]]) -> Any:
        def timed(doc: Any, ctx: Any) -> Iterator[Any]:
            key = (min(self._pass, 2), name)
            start, logged = time.process_time(), len(doc.changes)
            yield from run(doc, ctx)
            self.seconds[key] += time.process_time() - start
            self.runs[key] += 1
            self.changed[key] += len(doc.changes) > logged

        return timed

    def clear(self) -> None:
        for table in (self.seconds, self.runs, self.changed):
            table.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = load(args.corpus, args.docs)
    timers = Timers()
    timers.install()
    cleaner = Cleaner()
    for text in texts[:10]:
        cleaner.clean(text)
    totals: list[float] = []
    cells: dict[Key, list[float]] = defaultdict(list)
    for _ in range(args.rounds):
        timers.clear()
        start = time.process_time()
        for text in texts:
            cleaner.clean(text)
        totals.append((time.process_time() - start) * 1000 / len(texts))
        for step in pipeline.STEPS:
            for number in (1, 2):
                key = (number, step.name)
                cells[key].append(timers.seconds.get(key, 0.0) * 1000 / len(texts))
    print(f"{len(texts)} documents, {args.rounds} rounds: {statistics.median(totals):.2f} ms a doc")
    print("| step | first pass | settle passes | settle runs | changed (first, settle) |")
    print("|---|---:|---:|---:|---|")
    for step in pipeline.STEPS:
        first, settle = (statistics.median(cells[(n, step.name)]) for n in (1, 2))
        runs = timers.runs.get((2, step.name), 0)
        changed = [timers.changed.get((n, step.name), 0) for n in (1, 2)]
        print(f"| {step.name} | {first:.2f} | {settle:.2f} | {runs} | {changed[0]}, {changed[1]} |")
    for number, name in ((1, "first pass"), (2, "settle passes")):
        passes = [
            sum(cells[(number, s.name)][r] for s in pipeline.STEPS) for r in range(args.rounds)
        ]
        print(f"{name}: {statistics.median(passes):.2f} ms a doc")


if __name__ == "__main__":
    main()
