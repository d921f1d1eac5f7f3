r"""The HTML page: the data the page's script reads, and the one self-contained file.

Everything the page needs is inline: ``page.css``, ``page.js`` and the data as JSON in a
``<script type="application/json">`` element, with ``<`` escaped so no text from a document
can close it. The page loads nothing from anywhere and carries no timestamp, so the same run
gives the same bytes.

>>> embed_json({"text": "</script> https://example.com"})
'{"text":"\\u003c\\/script> https:\\/\\/example.com"}'
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

from cleaner.audit.context import View, reconstruct
from cleaner.audit.stats import Candidate, Collector

MAX_SITES = 300  # sites listed on the page (the stats JSON has all of them)
MAX_CHANGE_TEXT = 300  # characters of a change's before/after kept for the change list
MAX_CHANGES = 500  # changes per document listed, beyond those its shown lines refer to
# Over all shown documents: rows of context, and changes listed beyond those the rows show.
# Together they keep a page under about 15 MB however many rules and documents there are.
ROW_BUDGET = 120_000
CHANGE_BUDGET = 60_000
LINE_ACTIONS = frozenset({"remove_line", "remove_block"})


def embed_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element (``<`` and line separators escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "/" only occurs inside JSON strings; escaped, no URL in a document reads as one here.
    for raw, escaped in (
        ("<", "\\u003c"),
        ("/", "\\/"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def page_data(
    collector: Collector,
    stats: dict[str, Any],
    *,
    title: str,
    descriptions: dict[str, str],
    known_rules: list[str],
    clean_text: Any,
) -> dict[str, Any]:
    """What the page's script renders: tables, the chosen documents and their context.

    ``clean_text(candidate)`` returns a chosen document's clean text (or None).
    """
    rule_ids = [rule for step in stats["steps"] for rule in step["stats"]["rules"]]
    rule_ids.sort(key=lambda rule: (-collector.rules[rule].changes, rule))
    rule_index = {rule: index for index, rule in enumerate(rule_ids)}
    rules = [
        [rule, descriptions.get(rule), tally.changes, tally.documents, tally.removed_chars]
        for rule in rule_ids
        for tally in [collector.rules[rule]]
    ]

    def rows_of(table: dict[str, Any], limit: int | None = None) -> list[list[Any]]:
        items = list(table.items())[:limit]
        return [
            [
                key,
                t["documents"],
                t["changed"],
                t["unchanged"],
                t["errors"],
                t["changes"],
                t["removed_chars"],
                t["bytes_in"],
                t["bytes_out"],
                {str(rule_index[r]): n for r, n in t["rules"].items() if r in rule_index},
            ]
            for key, t in items
        ]

    chosen = collector.chosen()
    max_rows = max(40, min(400, ROW_BUDGET // max(1, len(chosen))))
    max_changes = max(50, min(MAX_CHANGES, CHANGE_BUDGET // max(1, len(chosen))))
    docs = [_document(c, clean_text(c), rule_index, max_rows, max_changes) for c in chosen]
    position = {candidate.seq: index for index, candidate in enumerate(chosen)}
    fired = set(rule_ids)
    return {
        "title": title,
        "manifests": stats["manifests"],
        "totals": stats["totals"],
        "errorKinds": stats["errors"]["by_kind"],
        "rules": rules,
        "languages": rows_of(stats["languages"]),
        "sites": rows_of(stats["sites"], MAX_SITES),
        "sitesTotal": len(stats["sites"]),
        "errors": [list(error) for error in collector.errors],
        "docs": docs,
        "top": [position[seq] for seq in collector.top()],
        "examplesPerRule": collector.examples_per_rule,
        "silent": [[rule, descriptions.get(rule)] for rule in known_rules if rule not in fired],
    }


def _document(
    candidate: Candidate,
    text: str | None,
    rule_index: dict[str, int],
    max_rows: int,
    max_changes: int,
) -> dict[str, Any]:
    record = candidate.record
    changes = [c for c in record.get("changes") or [] if isinstance(c, dict)]
    # Without its clean text (a --check run, a deleted file) a document shows its change list.
    view = reconstruct(changes, text, max_rows=max_rows) if text is not None else View()

    # Keep the changes the shown rows refer to, and the first ``max_changes`` for the list.
    wanted = set(range(min(len(changes), max_changes))) | set(view.whole) | set(view.unplaced)
    for row in view.rows:
        if row[0] == "r":
            wanted.add(row[3])
        elif row[0] == "f":
            wanted.add(row[2])
        elif row[0] == "k":
            wanted.update(s[0] for s in row[3] if isinstance(s, list) and isinstance(s[0], int))
    kept = sorted(wanted)
    renumber = {old: new for new, old in enumerate(kept)}
    for row in view.rows:
        if row[0] == "r":
            row[3] = renumber[row[3]]
        elif row[0] == "f":
            row[2] = renumber[row[2]]
        elif row[0] == "k":
            for segment in row[3]:
                if isinstance(segment, list) and isinstance(segment[0], int):
                    segment[0] = renumber[segment[0]]
    per_rule: dict[str, int] = {}
    for change in changes:
        rule = str(change.get("rule"))
        per_rule[str(rule_index[rule])] = per_rule.get(str(rule_index[rule]), 0) + 1
    return {
        "id": str(record.get("id")),
        "src": record.get("source"),
        "rid": record.get("record_id"),
        "lang": record.get("language") or "(none)",
        "site": candidate.site,
        "removed": candidate.removed,
        "bin": candidate.bytes_in,
        "bout": candidate.bytes_out,
        "n": len(changes),
        "rules": per_rule,
        "for": [rule_index[rule] for rule in candidate.sampled_for],
        "top": candidate.top,
        "ch": [_change(changes[index], rule_index) for index in kept],
        "chOmitted": len(changes) - len(kept),
        "rows": view.rows,
        "whole": [renumber[index] for index in view.whole],
        "unplaced": [renumber[index] for index in view.unplaced],
        "approx": view.approximate,
        "cutRows": view.cut_rows,
        "lin": view.lines_in,
        "lout": view.lines_out,
        "missing": text is None,
    }


def _change(change: dict[str, Any], rule_index: dict[str, int]) -> list[Any]:
    # A removed line's text is on its row already: the list needs only its start.
    limit = 80 if change.get("action") in LINE_ACTIONS else MAX_CHANGE_TEXT

    def short(text: Any) -> str:
        text = text if isinstance(text, str) else ""
        if len(text) <= limit:
            return text
        return text[:limit] + f"… [+{len(text) - limit:,} characters]"

    return [
        rule_index[str(change.get("rule"))],
        change.get("action"),
        change.get("line"),
        short(change.get("before")),
        short(change.get("after")),
        change.get("note"),
    ]


def render_html(data: dict[str, Any]) -> str:
    """The whole page: template, style, script and data in one string."""
    folder = resources.files("cleaner.audit")
    template = folder.joinpath("page.html").read_text(encoding="utf-8")
    style = folder.joinpath("page.css").read_text(encoding="utf-8")
    script = folder.joinpath("page.js").read_text(encoding="utf-8")
    parts = {
        "TITLE": _escape(data["title"]),
        "STYLE": style,
        "SCRIPT": script,
        "DATA": embed_json(data),
    }
    # One pass over the template: text put in is never searched for placeholders again.
    return re.sub(r"\{\{(TITLE|STYLE|SCRIPT|DATA)\}\}", lambda m: parts[m[1]], template)


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
