"""What a run did: counts, the one-line summary, the exit code, diffs and explanations.

Everything here is derived from results and their change logs.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from cleaner.api import Result
from cleaner.io import display

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_FAULT = 0, 1, 2, 3


@dataclass
class Report:
    """Counts for a run. ``check`` makes any change a finding (exit 1).

    Errors are kept by kind: ``input`` (the document), ``internal`` (a bug in cleaner) and
    ``environment`` (the machine: a write that failed, a symbolic link in the way).
    """

    check: bool = False
    changed: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: int = 0
    kinds: dict[str, int] = field(default_factory=dict)

    def add(self, result: Result, *, where: str | None = None) -> None:
        self.add_record(result.record(), where=where)

    def add_record(
        self, record: dict[str, Any], *, cached: bool = False, where: str | None = None
    ) -> None:
        """Count a document from its manifest record (cached ones were not cleaned again)."""
        if record["status"] == "error":
            self.error(f"{display(where or record['id'])}: {record['error']}", record)
        elif record["changes"]:
            self.changed += 1
        else:
            self.unchanged += 1
        self.skipped += cached

    def error(self, message: str, record: dict[str, Any]) -> None:
        kind = record.get("error_kind") or "input"
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        self.errors.append(message)

    @property
    def cleaned(self) -> int:
        return self.changed + self.unchanged

    def summary(self) -> str:
        verb = "would change" if self.check else "changed"
        line = (
            f"cleaned {self.cleaned} document{'s' if self.cleaned != 1 else ''}: "
            f"{self.changed} {verb}, {self.unchanged} unchanged, {len(self.errors)} "
            f"error{'s' if len(self.errors) != 1 else ''}"
        )
        faults = {k: n for k, n in sorted(self.kinds.items()) if k != "input"}
        if faults:
            line += " (" + ", ".join(f"{n} {k}" for k, n in faults.items()) + ")"
        if self.skipped:
            line += (
                f"; {self.skipped} done in an earlier run with the same rules, not cleaned "
                "again (--force redoes them)"
            )
        return line

    @property
    def exit_code(self) -> int:
        if any(kind != "input" for kind in self.kinds):
            return EXIT_FAULT
        if self.errors or (self.check and self.changed):
            return EXIT_FINDINGS
        return EXIT_OK


def unified_diff(result: Result, *, label: str | None = None) -> str:
    """The unified diff from the decoded input to the clean text."""
    name = display(label or result.id)
    return "".join(
        difflib.unified_diff(
            result.original.splitlines(keepends=True),
            result.text.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
    )


def explain(result: Result, *, label: str | None = None) -> list[str]:
    """One line per change: ``path:line: rule-id: before -> after``, and ``(note)`` when the
    change says why (the article span's decision, ftfy's plan, an unpaired mark)."""
    name = display(label or result.id)
    return [
        f"{name}:{change.line if change.line is not None else '-'}: {change.rule}: "
        f"{_short(change.before)} -> {_short(change.after)}"
        + (f" ({_short(change.note, 160)[1:-1]})" if change.note else "")
        for change in result.changes
    ]


def _short(text: str, limit: int = 80) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 4] + "...'"
