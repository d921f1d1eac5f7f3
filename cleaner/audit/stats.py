"""Counting a run from its manifest, and choosing the documents the report shows.

:class:`Collector` takes manifest records one at a time and keeps counters (totals, per
rule, per language, per site) plus a bounded set of candidate documents, so memory does not
grow with the number of documents beyond the counters themselves. See the package docstring
for the statistics' shape and the sampling method.

>>> site_of({"url": "https://www.example.com/a"}, None)
'example.com'
>>> site_of({}, None)
'(none)'
"""

from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from cleaner.audit.manifest import Outputs, is_jsonl_record

REMOVALS = frozenset({"remove", "remove_line", "remove_block", "move_to_metadata"})
NONE = "(none)"
MAX_ERRORS = 1000  # listed on the page; the counts cover every error
FORMAT = "cleaner-report-stats/1"


def site_of(meta: dict[str, Any], output_record: dict[str, Any] | None) -> str:
    """``meta.site``, else the host of ``meta.url`` (or of the output record's URL)."""
    site = meta.get("site")
    if isinstance(site, str) and site:
        return site
    urls = [meta.get("url")]
    if output_record is not None:
        metadata = output_record.get("metadata")
        if isinstance(metadata, dict):
            urls.append(metadata.get("url"))
        urls.append(output_record.get("url"))
    for url in urls:
        if isinstance(url, str) and url:
            try:
                host = urlsplit(url if "//" in url else "//" + url).hostname
            except ValueError:
                host = None
            if host:
                return host.removeprefix("www.")
    return NONE


def removed_chars(change: dict[str, Any]) -> int:
    """Characters a change took out of the text (0 for replacements and normalizations)."""
    if change.get("action") not in REMOVALS:
        return 0
    return max(0, len(change.get("before") or "") - len(change.get("after") or ""))


def _utf8(text: Any) -> int:
    return len(text.encode("utf-8", errors="replace")) if isinstance(text, str) else 0


@dataclass
class Tally:
    """Counters for one slice of the run (a language, a site)."""

    documents: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: int = 0
    changes: int = 0
    removed_chars: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    rules: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "errors": self.errors,
            "changes": self.changes,
            "removed_chars": self.removed_chars,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "rules": dict(sorted(self.rules.items(), key=lambda item: (-item[1], item[0]))),
        }


@dataclass
class RuleTally:
    changes: int = 0
    documents: int = 0
    removed_chars: int = 0
    actions: dict[str, int] = field(default_factory=dict)


@dataclass
class Candidate:
    """A document the report may show: its record, where it stands, and its clean text."""

    seq: int
    record: dict[str, Any]
    site: str
    removed: int
    bytes_in: int | None
    bytes_out: int | None
    text: str | None  # JSONL outputs only: text outputs are read once chosen
    sampled_for: list[str] = field(default_factory=list)
    top: bool = False


class Collector:
    """Streams manifest records into counters and per-rule samples (see the package doc)."""

    def __init__(self, outputs: Outputs, *, examples_per_rule: int = 20, top: int = 25) -> None:
        self.outputs = outputs
        self.examples_per_rule = examples_per_rule
        self.top_n = top
        self.seq = 0
        self.totals = {
            "documents": 0,
            "ok": 0,
            "changed": 0,
            "unchanged": 0,
            "errors": 0,
            "changes": 0,
            "removed_chars": 0,
            "bytes_in": 0,
            "bytes_out": 0,
            "missing_outputs": 0,
        }
        self.error_kinds: dict[str, int] = {}
        self.errors: list[tuple[str, str, str]] = []
        self.rules: dict[str, RuleTally] = {}
        self.families: dict[str, list[int]] = {}  # family -> [documents] (changes: from rules)
        self.languages: dict[str, Tally] = {}
        self.sites: dict[str, Tally] = {}
        # Per rule, a max-heap (negated keys) of the smallest sha256(rule, id) seen so far.
        self._samples: dict[str, list[tuple[int, int, Candidate]]] = {}
        self._top: list[tuple[int, int, Candidate]] = []  # min-heap of (removed, -seq)

    def add(self, record: dict[str, Any]) -> None:
        """Count one manifest record and keep it if it is among the sampled documents."""
        self.seq += 1
        totals = self.totals
        totals["documents"] += 1
        doc_id = str(record.get("id"))
        meta = record.get("meta") if isinstance(record.get("meta"), dict) else {}
        changes = [c for c in record.get("changes") or [] if isinstance(c, dict)]
        ok = record.get("status") == "ok"
        language = record.get("language") or NONE

        text: str | None = None
        output_record: dict[str, Any] | None = None
        bytes_out: int | None = None
        output = record.get("output")
        if ok and isinstance(output, str):
            if is_jsonl_record(record):
                output_record = self.outputs.next_record(output)
                value = (output_record or {}).get(self.outputs.text_field)
                if isinstance(value, str):
                    text, bytes_out = value, _utf8(value)
            else:
                bytes_out = self.outputs.size(output)
        if ok and bytes_out is None:  # --check/--diff runs write none; or it was deleted
            totals["missing_outputs"] += 1
        recorded = record.get("site")
        site = recorded if isinstance(recorded, str) and recorded else site_of(meta, output_record)

        per_rule: dict[str, int] = {}
        removed_total = 0
        delta = 0
        for change in changes:
            rule = str(change.get("rule"))
            action = str(change.get("action"))
            tally = self.rules.get(rule)
            if tally is None:
                tally = self.rules[rule] = RuleTally()
            tally.changes += 1
            tally.actions[action] = tally.actions.get(action, 0) + 1
            removed = removed_chars(change)
            tally.removed_chars += removed
            removed_total += removed
            per_rule[rule] = per_rule.get(rule, 0) + 1
            if action != "decode":  # a decode change names encodings, not text
                delta += _utf8(change.get("after")) - _utf8(change.get("before"))
        for rule in per_rule:
            self.rules[rule].documents += 1
        for family in {rule.split(".", 1)[0] for rule in per_rule}:
            self.families.setdefault(family, [0])[0] += 1

        bytes_in = bytes_out - delta if bytes_out is not None else None
        if ok:
            totals["ok"] += 1
            totals["changed" if changes else "unchanged"] += 1
            totals["bytes_out"] += bytes_out or 0
            totals["bytes_in"] += bytes_in or 0
        else:
            totals["errors"] += 1
            kind = str(record.get("error_kind") or "unknown")
            self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1
            if len(self.errors) < MAX_ERRORS:
                self.errors.append((doc_id, kind, str(record.get("error") or "")))
        totals["changes"] += len(changes)
        totals["removed_chars"] += removed_total

        for key, table in ((language, self.languages), (site, self.sites)):
            slice_ = table.get(key)
            if slice_ is None:
                slice_ = table[key] = Tally()
            slice_.documents += 1
            if ok:
                slice_.changed += bool(changes)
                slice_.unchanged += not changes
            else:
                slice_.errors += 1
            slice_.changes += len(changes)
            slice_.removed_chars += removed_total
            slice_.bytes_in += bytes_in or 0
            slice_.bytes_out += bytes_out or 0
            for rule, count in per_rule.items():
                slice_.rules[rule] = slice_.rules.get(rule, 0) + count

        if not ok:
            return
        candidate: Candidate | None = None

        def keep() -> Candidate:
            nonlocal candidate
            if candidate is None:
                candidate = Candidate(
                    self.seq, record, site, removed_total, bytes_in, bytes_out, text
                )
            return candidate

        if self.examples_per_rule > 0:
            for rule in per_rule:
                digest = hashlib.sha256(f"{rule}\n{doc_id}".encode()).digest()
                key = int.from_bytes(digest[:8], "big")
                heap = self._samples.setdefault(rule, [])
                if len(heap) < self.examples_per_rule:
                    heapq.heappush(heap, (-key, -self.seq, keep()))
                elif -key > heap[0][0]:
                    heapq.heapreplace(heap, (-key, -self.seq, keep()))
        if removed_total > 0 and self.top_n > 0:
            entry = (removed_total, -self.seq, keep())
            if len(self._top) < self.top_n:
                heapq.heappush(self._top, entry)
            elif entry[:2] > self._top[0][:2]:
                heapq.heapreplace(self._top, entry)

    def chosen(self) -> list[Candidate]:
        """The sampled and top documents, once each, in manifest order."""
        chosen: dict[int, Candidate] = {}
        for rule, heap in sorted(self._samples.items()):
            for _, _, candidate in sorted(heap, reverse=True):  # smallest hash first
                candidate.sampled_for.append(rule)
                chosen[candidate.seq] = candidate
        for _, _, candidate in self._top:
            candidate.top = True
            chosen[candidate.seq] = candidate
        return [chosen[seq] for seq in sorted(chosen)]

    def top(self) -> list[int]:
        """Sequence numbers of the documents with most removed text, most first."""
        return [candidate.seq for _, _, candidate in sorted(self._top, reverse=True)]

    def stats(
        self, *, descriptions: dict[str, str], steps: list[str], parts: list[str]
    ) -> dict[str, Any]:
        """The statistics of the run as a JSON-ready dict (shape: see the package doc)."""
        families: dict[str, list[str]] = {}
        for rule in self.rules:
            families.setdefault(rule.split(".", 1)[0], []).append(rule)
        order = {name: index for index, name in enumerate(steps)}
        step_list = []
        for family in sorted(families, key=lambda name: (order.get(name, len(order)), name)):
            rules = sorted(families[family], key=lambda r: (-self.rules[r].changes, r))
            step_list.append(
                {
                    "name": family,
                    "stats": {
                        "changes": sum(self.rules[r].changes for r in rules),
                        "documents": self.families[family][0],
                        "removed_chars": sum(self.rules[r].removed_chars for r in rules),
                        "rules": {
                            rule: {
                                "description": descriptions.get(rule),
                                "changes": self.rules[rule].changes,
                                "documents": self.rules[rule].documents,
                                "removed_chars": self.rules[rule].removed_chars,
                                "actions": dict(sorted(self.rules[rule].actions.items())),
                            }
                            for rule in rules
                        },
                    },
                }
            )

        def table(tallies: dict[str, Tally]) -> dict[str, Any]:
            ordered = sorted(tallies.items(), key=lambda item: (-item[1].documents, item[0]))
            return {key: tally.as_dict() for key, tally in ordered}

        return {
            "format": FORMAT,
            "manifests": parts,
            "totals": dict(self.totals),
            "errors": {
                "total": self.totals["errors"],
                "by_kind": dict(sorted(self.error_kinds.items())),
            },
            "steps": step_list,
            "languages": table(self.languages),
            "sites": table(self.sites),
        }
