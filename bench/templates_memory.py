"""Peak traced memory and CPU of the site-template learner alone, for growing page counts.

    python bench/templates_memory.py [PAGES ...]      # default: 20000 200000

Every page belongs to one of 20,000 sites and has 20 lines of its own and one line its site's
pages share (21 distinct lines a page); only ``observe`` and ``Learner.add`` run, under
``tracemalloc``. The learner's one global cap must keep the peak flat however many pages come.
"""

from __future__ import annotations

import sys
import time
import tracemalloc

from cleaner.corpus.templates import Learner, observe

SITES = 20_000


def letters(n: int) -> str:
    """``n`` in letters: lines are compared with digits as 0, so digits would not tell them
    apart."""
    out = ""
    while True:
        n, rest = divmod(n, 26)
        out += chr(97 + rest)
        if not n:
            return out


def run(pages: int) -> tuple[float, float]:
    """The peak traced MB and the CPU seconds of learning ``pages`` pages."""
    learner = Learner()
    tracemalloc.start()
    cpu = time.process_time()
    for n in range(pages):
        site = f"site{n % SITES}.example"
        word = letters(n)
        lines = [f"line {chr(97 + k)} of page {word} of its own text" for k in range(20)]
        lines.append(f"the shared line of {site}")
        learner.add(site, observe(lines))
    cpu = time.process_time() - cpu
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak, cpu


def main() -> int:
    for pages in [int(arg) for arg in sys.argv[1:]] or [20_000, 200_000]:
        peak, cpu = run(pages)
        print(f"{pages:,} pages: peak {peak:.1f} MB, {cpu:.1f} s CPU", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
