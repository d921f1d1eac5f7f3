"""The datatrove step in a real datatrove pipeline: a LocalPipelineExecutor with 2 tasks on 2
worker processes (the pipeline deep-copied and pickled per rank), JsonlReader -> CleanerStep ->
JsonlWriter, compared document by document with ``Cleaner.clean``."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.batch import summary
from tests.conftest import ROOT

try:
    import datatrove  # noqa: F401
except ImportError:
    if os.environ.get("CI") == "true":  # in CI a missing datatrove fails, never skips
        raise
    pytest.skip("pip install 'cleaner[datatrove]'", allow_module_level=True)

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from cleaner.integrations.datatrove import CleanerStep

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
USER_RULE = """\
[[rule]]
id = "mine.subscribe"
description = "Channel subscription prompts alone on a line."
kind = "remove_line"
patterns = ['Subscribe to our channel!']
examples = [{ input = "Text.\\nSubscribe to our channel!\\nMore.", expected = "Text.\\nMore.\\n" }]
"""


def corpus(folder: Path) -> dict[str, str]:
    """Two JSONL files (one per task): the seeds, short dirty texts, one that is all
    boilerplate and one too large to clean. Returns the texts by id."""
    texts = {f"seed{n}": path.read_text(encoding="utf-8") for n, path in enumerate(SEEDS)}
    texts |= {f"short{n}": f"[ad_1]\nItem {n} ,about Aliev.\nSubscribe to our channel!\n" for n in range(8)}
    texts["empty"] = "[ad_1]\n[ad_2]\n"
    texts["huge"] = "Too long. " * 3000  # over the cleaner's limit: passes through unchanged
    folder.mkdir()
    ids = list(texts)
    for number, half in enumerate((ids[::2], ids[1::2])):
        lines = [json.dumps({"id": i, "text": texts[i], "metadata": {"url": f"u/{i}"}}) for i in half]
        (folder / f"part{number}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return texts


def test_a_datatrove_pipeline_with_the_step_cleans_as_cleaner_does(tmp_path: Path) -> None:
    texts = corpus(tmp_path / "in")
    rules = tmp_path / "mine.toml"
    rules.write_text(USER_RULE)
    cleaner = Cleaner(rules=[rules], max_doc_bytes=20_000)
    rules.unlink()  # the workers get the rules from the step's spec, not from the file
    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            CleanerStep(cleaner, drop_empty=True),
            JsonlWriter(str(tmp_path / "out")),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()

    written = {}
    for part in sorted((tmp_path / "out").glob("*.jsonl.gz")):
        for line in gzip.decompress(part.read_bytes()).decode().splitlines():
            record = json.loads(line)
            written[record["id"]] = record
    assert len(list((tmp_path / "out").glob("*.jsonl.gz"))) == 2  # one per task
    assert set(written) == set(texts) - {"empty"}  # the one that came out empty is dropped
    changes: dict[str, int] = {}
    for doc_id, text in texts.items():
        expected = cleaner.clean(text, id=doc_id)
        for rule, count in summary(expected).get("changes", {}).items():
            changes[rule] = changes.get(rule, 0) + count
        if doc_id == "empty":
            assert expected.text == ""
            continue
        record = written[doc_id]
        assert record["text"] == (expected.text if expected.ok else text), doc_id
        assert record["metadata"]["cleaner"] == summary(expected), doc_id
        assert record["metadata"]["url"] == f"u/{doc_id}"  # the rest is kept
    assert written["huge"]["metadata"]["cleaner"]["error_kind"] == "input"

    # datatrove's merged stats: one entry per rule (its total: that rule's changes), the
    # drop reason, and the documents in and out.
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    found = next(s for s in stats if s["name"].endswith(CleanerStep.name))["stats"]
    step = {label: v if isinstance(v, int) else v["total"] for label, v in found.items()}
    assert step["total"] == len(texts)
    assert step["dropped"] == step["dropped_empty"] == 1
    assert step["forwarded"] == len(texts) - 1
    assert step["error_input"] == 1
    assert {rule: step[rule] for rule in changes} == changes
    assert changes["mine.subscribe"] == 8
    # executor.json names the rules by their fingerprint, without the rule files' text.
    described = (tmp_path / "logs" / "executor.json").read_text()
    assert cleaner.rules.fingerprint[:12] in described and "[[rule]]" not in described
    # Each rank marked itself complete, so a rerun skips both (datatrove's resume).
    assert sorted(p.name for p in (tmp_path / "logs" / "completions").iterdir()) == [
        "00000",
        "00001",
    ]
