"""The audit report: one self-contained HTML page (and a stats JSON) from a run's manifest.

>>> import json, tempfile
>>> from cleaner import Cleaner
>>> out = Path(tempfile.mkdtemp())
>>> result = Cleaner().clean("[ad_1]\\nIlham Aliev spoke.\\n", id="a.txt")
>>> _ = (out / "a.txt").write_text(result.text)
>>> _ = (out / "manifest.jsonl").write_text(json.dumps(result.record("a.txt")) + "\\n")
>>> stats = build_report(out)
>>> stats["totals"]["changed"], stats["steps"][0]["name"], (out / "report.html").is_file()
(1, 'boilerplate', True)

``build_report(out, html=None, *, stats=None, examples_per_rule=20)`` reads the output folder
``out`` of ``cleaner clean``: every manifest part (``manifest.jsonl`` and the
``manifest-IIII-of-NNNN.jsonl`` parts of a sharded run), streamed line by line, and the clean
outputs (a record's ``output`` is relative to ``out``; for a JSONL input it is a JSONL file
holding the run's ok records in manifest order, so it is streamed alongside the manifest).
It writes the page to ``html`` (default ``out/report.html``), the statistics to ``stats``
when given, and returns the statistics.

The page
--------
Totals; changes per rule as an SVG bar chart with each rule's description (a rule a user
added shows its id alone); tables per language and per site (``meta.site``, else the host
of ``meta.url``, else of the output record's ``metadata.url``, else ``(none)``); the
documents with most removed text; chosen documents in context, their input rebuilt from the
log (removed lines struck through, replacements marked before -> after, the rule on hover;
see :mod:`cleaner.audit.context`) beside the clean text; the errors (id, kind, message).
Filters by rule, language and site and a text search work in the page (plain script, no
network: it opens offline).

Method: what scales and what is sampled
---------------------------------------
Statistics cover every document, in one streaming pass; memory holds the counters and the
candidate documents below, never the whole manifest.

Documents shown in context are chosen deterministically, independent of the order of
processing: for each rule, the ``examples_per_rule`` documents with the smallest
``sha256(rule + "\\n" + id)`` among those the rule changed (a uniform, reproducible sample
that stays the same when documents are added), plus the 25 documents with most removed
text. A document chosen twice is shown once. Long documents show their changed lines with
two lines of context and fold the rest (and the middle of long runs of removed lines); rows
per document are capped so that all documents together stay near 120,000 rows, and the
change list near 60,000 changes (at most 500 a document); lines are cut at 1,000 characters
and a change's text in the list at 300; every cut is said on the page. At most 1,000
errors and 300 sites are listed (the counts cover all). So the page stays under about 15 MB
whatever the run; a 100,000-document run takes seconds (``bench/report_corpus.py``).

Statistics (the ``stats`` JSON)
-------------------------------
In the manner of datatrove's ``stats.json`` (per-step counters, each with its totals)::

    {"format": "cleaner-report-stats/1",
     "manifests": ["manifest.jsonl"],
     "totals": {"documents", "ok", "changed", "unchanged", "errors", "changes",
                "removed_chars", "bytes_in", "bytes_out", "missing_outputs"},
     "errors": {"total": N, "by_kind": {"input": N, "internal": N, "unknown": N}},
     "steps": [{"name": "boilerplate",            # rule-id family, in pipeline order
                "stats": {"changes", "documents", "removed_chars",
                          "rules": {"boilerplate.ad-marker": {"description", "changes",
                                    "documents", "removed_chars", "actions": {...}}}}}],
     "languages": {"en": {"documents", "changed", "unchanged", "errors", "changes",
                          "removed_chars", "bytes_in", "bytes_out", "rules": {id: N}}},
     "sites": {... the same per site ...},
     "runs": [{"cleaner", "rules", "roots", "sites"}]}   # the manifests' run headers

A document's site is the one its manifest record names (``site``: the host of its URL, or its
folder with ``--sites folder``), else the host of a URL in its metadata or output record.

``documents`` of a rule or step counts the documents it changed at least once.
``removed_chars`` counts characters taken out by removals (``remove``, ``remove_line``,
``remove_block``, ``move_to_metadata``), not replacements. ``bytes_out`` is the clean
output's UTF-8 size; ``bytes_in`` is the decoded input's UTF-8 size, rebuilt exactly from the
log (``bytes_out`` minus every change's growth: every edit is logged), so it differs from the
file's size only for inputs in another encoding. ``missing_outputs`` counts ok records
without a readable output (``--check`` and ``--diff`` write none); sizes leave them out. An
error record without ``error_kind`` (older manifests) counts as ``unknown``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cleaner.audit.manifest import (
    Outputs,
    ReportError,
    is_jsonl_record,
    manifest_parts,
    read_records,
)
from cleaner.audit.page import page_data, render_html
from cleaner.audit.stats import Candidate, Collector
from cleaner.io import write_atomic

__all__ = ["BUILTIN_DESCRIPTIONS", "ReportError", "build_report"]

# Changes the pipeline makes without a rule file: their ids and what they do.
BUILTIN_DESCRIPTIONS = {
    "decode.encoding": "Bytes decoded from a legacy encoding (before: its name); output is UTF-8.",
    "repair.line-endings": "Line endings (CRLF, CR, U+2028, U+2029) to \\n.",
    "repair.ftfy": "Mojibake and other encoding damage repaired by ftfy (its plan in the note).",
    "repair.nfc": "Unicode normalized to NFC.",
    "repair.invisible": "Zero-width characters and soft hyphens removed (ZWJ/ZWNJ kept).",
    "repair.no-break-space": "No-break spaces to spaces.",
    "metadata.date": "A leading 'date YYYY-MM-DD' moved to meta.date.",
    "tidy.line-edges": "White space at the start and end of each line removed.",
    "tidy.spaces": "Runs of spaces or tabs inside a line collapsed to one space.",
    "tidy.blank-lines": "At most one blank line in a row; none at the start.",
    "tidy.final-newline": "Exactly one final newline.",
}


def build_report(
    out: Path,
    html: Path | None = None,
    *,
    stats: Path | None = None,
    examples_per_rule: int = 20,
    text_field: str = "text",
) -> dict[str, Any]:
    """Write the audit page of the run in ``out`` (and ``stats`` JSON); return the stats.

    ``text_field`` names the text field of JSONL outputs (``--text-field`` of the run).
    Raises :class:`ReportError` when ``out`` holds no manifest or a manifest line is broken.
    """
    out = Path(out)
    parts = manifest_parts(out)
    if not parts:
        raise ReportError(
            f"{out}: no manifest.jsonl (or manifest-*-of-*.jsonl parts); "
            f"run 'cleaner clean ... --out {out}' first"
        )
    descriptions, known = _descriptions()
    outputs = Outputs(out, text_field)
    collector = Collector(outputs, examples_per_rule=examples_per_rule)
    runs: list[dict[str, Any]] = []
    try:
        for record in read_records(parts, runs, sources=True):
            collector.add(record)
    finally:
        outputs.close()
    from cleaner.pipeline import STEPS

    numbers = collector.stats(
        descriptions=descriptions,
        steps=[step.name for step in STEPS],
        parts=[part.name for part in parts],
    )
    numbers["runs"] = runs

    def clean_text(candidate: Candidate) -> str | None:
        if candidate.text is not None or is_jsonl_record(candidate.record):
            return candidate.text
        output = candidate.record.get("output")
        return outputs.text(output) if isinstance(output, str) else None

    data = page_data(
        collector,
        numbers,
        title=f"Cleaning report: {out.name or out}",
        descriptions=descriptions,
        known_rules=known,
        clean_text=clean_text,
    )
    target = html or out / "report.html"
    _write(target, render_html(data))
    if stats is not None:
        _write(stats, json.dumps(numbers, ensure_ascii=False, indent=1) + "\n")
    return numbers


def _descriptions() -> tuple[dict[str, str], list[str]]:
    """Rule descriptions (shipped rules and the pipeline's own), and the shipped rule ids."""
    from cleaner.rules import RuleError, load_rules

    descriptions = dict(BUILTIN_DESCRIPTIONS)
    try:
        rules = load_rules()
    except RuleError:  # a broken rules install must not stop a report on a finished run
        return descriptions, []
    descriptions.update({rule.id: rule.description for rule in rules})
    return descriptions, [rule.id for rule in rules]


def _write(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))
