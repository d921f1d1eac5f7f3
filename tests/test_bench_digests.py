"""bench/digests.py: what its digest reads and what it leaves out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from digests import digest


def _out(root: Path, *, text: str = "clean\n", seconds: float = 0.5, cache: str = "x") -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "a.txt").write_text(text, encoding="utf-8")
    (root / ".cleaner-cache").mkdir()
    (root / ".cleaner-cache" / "entry").write_text(cache, encoding="utf-8")
    records = [
        {"cleaner": "header", "seconds": seconds},
        {"id": "a.txt", "status": "ok", "elapsed": seconds, "changes": []},
    ]
    (root / "manifest.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    return root


def test_timings_and_the_cache_do_not_count(tmp_path: Path) -> None:
    first = digest(_out(tmp_path / "1"))
    assert digest(_out(tmp_path / "2", seconds=9.0, cache="y")) == first


def test_an_output_or_a_record_that_differs_does(tmp_path: Path) -> None:
    first = digest(_out(tmp_path / "1"))
    assert digest(_out(tmp_path / "2", text="clean.\n")) != first
    changed = _out(tmp_path / "3")
    manifest = changed / "manifest.jsonl"
    manifest.write_text(manifest.read_text().replace('"ok"', '"error"'), encoding="utf-8")
    assert digest(changed) != first
