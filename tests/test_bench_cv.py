"""The Scrapinghub bench's cross-validation (``bench/scrapinghub.py``): its choice puts the
floors (no raw page under 80% of its gold tokens, no clean body under 95% of its own) before
the objective, and its rule variants change only the numbers asked for."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from scrapinghub import choose, shipped_point, variant

from cleaner.api import Cleaner


def page(f1: float, recall: float) -> dict[str, float]:
    return {"precision": f1, "recall": recall, "f1": f1}


def body(f1: float, kept: float = 1.0) -> dict[str, float]:
    return {"f1": f1, "kept": kept}


BODIES = {"a": body(1.0), "b": body(1.0)}

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
        [BODIES, {"a": body(0.98), "b": body(1.0)}],
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


def test_damaged_clean_text_is_a_floor_too() -> None:
    better = {"a": page(0.99, 0.99), "b": page(0.99, 0.99)}
    worse = {"a": page(0.90, 0.95), "b": page(0.90, 0.95)}
    damaged = {"a": body(0.95, kept=0.90), "b": body(1.0)}
    # The better raw pages lose when they cost a clean body a tenth of its tokens ...
    assert choose([better, worse], [damaged, BODIES], ["a", "b"]) == 1
    # ... but the floor on the raw pages comes before it.
    low = {"a": page(0.90, 0.70), "b": page(0.90, 0.95)}
    assert choose([better, low], [damaged, BODIES], ["a", "b"]) == 0


def test_a_tie_keeps_the_shipped_values() -> None:
    same = {"a": page(0.9, 0.95), "b": page(0.9, 0.95)}
    assert choose([same, same, same], [BODIES] * 3, ["a", "b"], shipped=2) == 2
    assert choose([same, same, same], [BODIES] * 3, ["a", "b"]) == 0
    better = {"a": page(0.91, 0.95), "b": page(0.9, 0.95)}
    assert choose([better, same, same], [BODIES] * 3, ["a", "b"], shipped=2) == 0


def test_the_shipped_point_is_found() -> None:
    points = [{"link_cost": 5, "isolated_weight": 0.3}, {"link_cost": 10, "isolated_weight": 0.3}]
    assert shipped_point(points) == 1
    assert shipped_point(points[:1]) is None
    assert shipped_point([{"templates.site-line:body_min_pages": 5}]) == 0


def test_choose_reads_only_the_pages_given() -> None:
    scores = [{"a": page(0.9, 0.95), "b": page(0.1, 0.1)}, {"a": page(0.8, 0.95), "b": page(1, 1)}]
    assert choose(scores, [BODIES, BODIES], ["a"]) == 0
    assert choose(scores, [BODIES, BODIES], ["b"]) == 1


def test_a_variant_changes_only_its_numbers(tmp_path: Path) -> None:
    folder = variant({"link_cost": 12, "templates.site-line:body_min_pages": 6}, tmp_path)
    rules = {rule.id: rule for rule in Cleaner(rules=[folder]).rules}
    shipped = {rule.id: rule for rule in Cleaner().rules}
    assert rules["article.span"].spec.link_cost == 12
    assert rules["templates.site-line"].spec.body_min_pages == 6
    # (specs hold compiled patterns, which compare by identity: compare their reprs)
    changed = {i for i in shipped if repr(rules[i].spec) != repr(shipped[i].spec)}
    assert changed == {"article.span", "templates.site-line"}
