"""The Scrapinghub bench's cross-validated choice (``bench/scrapinghub.py``'s ``choose``): the
issue's floor (no page under 80% of its gold tokens) is a constraint before the objective."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from scrapinghub import choose


def page(f1: float, recall: float) -> dict[str, float]:
    return {"precision": f1, "recall": recall, "f1": f1}


BODIES = {"a": 1.0, "b": 1.0}

# (raw-page scores per grid point, gold-body scores per grid point, expected choice, why)
CASES = [
    (
        [
            {"a": page(0.90, 0.95), "b": page(0.90, 0.95)},
            {"a": page(0.99, 0.79), "b": page(1.0, 1.0)},
        ],
        [BODIES, BODIES],
        0,
        "a point that leaves a page under 80% of its gold loses to one that does not, "
        "whatever its mean",
    ),
    (
        [
            {"a": page(0.90, 0.95), "b": page(0.90, 0.95)},
            {"a": page(0.92, 0.95), "b": page(0.90, 0.95)},
        ],
        [BODIES, BODIES],
        1,
        "with the floor held by both, the better raw F1 wins",
    ),
    (
        [
            {"a": page(0.90, 0.95), "b": page(0.90, 0.95)},
            {"a": page(0.92, 0.95), "b": page(0.90, 0.95)},
        ],
        [BODIES, {"a": 0.95, "b": 1.0}],
        0,
        "the gold bodies count as much as the raw pages: harming clean text costs the point",
    ),
    (
        [
            {"a": page(0.90, 0.95), "b": page(0.90, 0.95)},
            {"a": page(0.90, 0.95), "b": page(0.90, 0.95)},
        ],
        [BODIES, BODIES],
        0,
        "a tie goes to the earlier grid point",
    ),
    (
        [
            {"a": page(0.99, 0.70), "b": page(0.90, 0.95)},
            {"a": page(0.50, 0.60), "b": page(0.50, 0.60)},
        ],
        [BODIES, BODIES],
        0,
        "when no point holds the floor, the fewest pages under it",
    ),
]


@pytest.mark.parametrize(("scores", "bodies", "expected", "why"), CASES)
def test_choose(
    scores: list[dict[str, dict[str, float]]],
    bodies: list[dict[str, float]],
    expected: int,
    why: str,
) -> None:
    assert choose(scores, bodies, ["a", "b"]) == expected, why


def test_choose_reads_only_the_pages_given() -> None:
    scores = [{"a": page(0.9, 0.95), "b": page(0.1, 0.1)}, {"a": page(0.8, 0.95), "b": page(1, 1)}]
    assert choose(scores, [BODIES, BODIES], ["a"]) == 0
    assert choose(scores, [BODIES, BODIES], ["b"]) == 1
