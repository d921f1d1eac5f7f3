"""A document's changes in context: its input rebuilt from the log, beside its clean text.

The manifest keeps each change's input line, ``before`` and ``after``, but not the input
itself nor a column, so the input is rebuilt from the clean text and the log, as far as the
log allows:

1. Line removals (``remove_line``, ``remove_block``, a whole-line ``move_to_metadata``) take
   input lines from their logged line on, one per line of ``before``; a change that removes
   line breaks (blank lines collapsed) takes the following lines as blank ones. Lines
   already taken are skipped, which is how the log numbers lines ("tracked through earlier
   removals").
2. The remaining input lines, in order, are the lines of the clean text.
3. A replacement is placed on its line where its ``after`` occurs in the clean line (left to
   right for one rule, as a step logs them). One that cannot be placed (empty ``after``, or
   text a later change rewrote) is shown at the end of its line, marked as unplaced.

Whole-document changes (line ``None``: re-decoding, ftfy, NFC, line endings) are listed
apart; if one changed the number of lines, the alignment is flagged as approximate.

>>> view = reconstruct(
...     [{"rule": "boilerplate.ad-marker", "action": "remove_line", "line": 2,
...       "before": "[ad_1]\\n", "after": ""},
...      {"rule": "names.aliyev", "action": "replace", "line": 3, "before": "Aliev",
...       "after": "Aliyev"}],
...     "Title\\nIlham Aliyev spoke.\\n")
>>> view.rows
[['k', 1, 1, ['Title']], ['r', 2, '[ad_1]', 0, 0], ['k', 3, 2, ['Ilham ', [1], ' spoke.']]]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LINE_ACTIONS = frozenset({"remove_line", "remove_block"})
# Rows shown in full below this many lines; longer documents show changed lines with context.
FULL_ROWS = 80
CONTEXT = 2
# A run of more than RUN_SHOWN removed lines of one rule shows its first and last lines only.
RUN_SHOWN = 12
RUN_HEAD, RUN_TAIL = 5, 2

# A row is a list, to keep the report small (the page's script reads the same shapes):
#   ["k", input line, output line, segments]   a kept line
#   ["r", input line, text, change index, characters cut]   a removed line
#   ["f", input lines, change index]           removed lines not shown (a long run of one rule)
#   ["g", input lines, output lines]           unchanged lines not shown
# A segment is a str (unchanged text), [change] (a replacement placed here), [change, 0]
# (a change on this line whose position the log does not give) or ["cut", characters].
Row = list[Any]


@dataclass
class View:
    """The rebuilt input of one document, row by row, and what could not be placed."""

    rows: list[Row] = field(default_factory=list)
    whole: list[int] = field(default_factory=list)  # whole-document changes
    unplaced: list[int] = field(default_factory=list)  # changes on lines not found
    approximate: bool = False
    lines_in: int = 0
    lines_out: int = 0
    cut_rows: int = 0  # rows left out to keep the report small


def reconstruct(
    changes: list[dict[str, Any]],
    clean: str,
    *,
    max_rows: int = 400,
    max_line: int = 1000,
) -> View:
    """Rebuild the input of a document from its clean text and its changes (see above)."""
    view = View()
    out_lines = clean.split("\n")
    if clean.endswith("\n") or not clean:
        out_lines.pop()
    removed: dict[int, tuple[str, int]] = {}

    def take(start: int, count: int) -> list[int]:
        taken: list[int] = []
        number = max(start, 1)
        while len(taken) < count:
            if number not in removed:
                taken.append(number)
            number += 1
        return taken

    # No input line can lie past this: a line number beyond it is not to be trusted.
    bound = len(out_lines) + sum(str(c.get("before")).count("\n") + 1 for c in changes) + 1
    inline: list[int] = []
    for index, change in enumerate(changes):
        line, action = change.get("line"), change.get("action")
        before, after = str(change.get("before") or ""), str(change.get("after") or "")
        if line is None or action == "decode":
            view.whole.append(index)
            if line is None and before.count("\n") != after.count("\n"):
                view.approximate = True
            continue
        if not isinstance(line, int) or not 0 < line <= bound:
            view.unplaced.append(index)
            view.approximate = True
            continue
        if action in LINE_ACTIONS or (action == "move_to_metadata" and before.endswith("\n")):
            pieces = (before[:-1] if before.endswith("\n") else before).split("\n")
            for number, text in zip(take(line, len(pieces)), pieces, strict=True):
                removed[number] = (text, index)
            continue
        breaks = before.count("\n") - after.count("\n")
        if breaks > 0:
            # A run of line breaks shortened: from its own line when nothing is left (leading
            # blank lines), else from the line after the one it starts on.
            for number in take(line if not after else line + 1, breaks):
                removed[number] = ("", index)
        elif breaks < 0 and (before.strip() or after.strip()):
            # Added line breaks shift the lines below; white space only is the final newline.
            view.approximate = True
        if before.strip() or after.strip() or "\n" not in before + after:
            inline.append(index)

    kept: dict[int, int] = {}  # input line -> row index
    last_removed = max(removed, default=0)
    number, position = 1, 0
    while position < len(out_lines) or number <= last_removed:
        if number in removed:
            text, index = removed[number]
            view.rows.append(["r", number, text, index, 0])
        elif position < len(out_lines):
            kept[number] = len(view.rows)
            view.rows.append(["k", number, position + 1, out_lines[position]])
            position += 1
        else:
            view.approximate = True  # an input line the log neither removed nor kept
        number += 1
    view.lines_in, view.lines_out = number - 1, len(out_lines)

    _place(view, changes, inline, kept, removed)
    _fold_removed(view, changes)
    _fold(view, max_rows)
    _cut_long_lines(view, max_line)
    return view


def _place(
    view: View,
    changes: list[dict[str, Any]],
    inline: list[int],
    kept: dict[int, int],
    removed: dict[int, tuple[str, int]],
) -> None:
    """Turn kept rows' text into segments, placing each change where its ``after`` is."""
    spans: dict[int, list[tuple[int, int, int]]] = {}  # row -> (start, end, change)
    badges: dict[int, list[int]] = {}
    cursors: dict[tuple[int, str], int] = {}
    for index in inline:
        change = changes[index]
        line = change["line"]
        row = kept.get(line)
        if row is None:
            # On a line removed later, the removed text already shows the change's result.
            if line not in removed:
                view.unplaced.append(index)
            continue
        text = view.rows[row][3]
        after = change.get("after") or ""
        taken = spans.setdefault(row, [])
        key = (row, change.get("rule", ""))
        found = _find(text, after, cursors.get(key, 0), taken) if after else -1
        if found < 0 and after:
            found = _find(text, after, 0, taken)
        if found < 0:
            badges.setdefault(row, []).append(index)
            continue
        taken.append((found, found + len(after), index))
        cursors[key] = found + len(after)
    for row, shown in enumerate(view.rows):
        if shown[0] != "k":
            continue
        _, number, out_number, text = shown
        segments: list[Any] = []
        cursor = 0
        for start, end, index in sorted(spans.get(row, [])):
            if start > cursor:
                segments.append(text[cursor:start])
            segments.append([index])
            cursor = end
        if cursor < len(text) or not segments:
            segments.append(text[cursor:])
        # A date moved to metadata led its line; other unplaced changes go at its end.
        leading = [i for i in badges.get(row, []) if changes[i].get("action") == "move_to_metadata"]
        trailing = [i for i in badges.get(row, []) if i not in leading]
        segments = [[i, 0] for i in leading] + segments + [[i, 0] for i in trailing]
        view.rows[row] = ["k", number, out_number, segments]


def _find(text: str, needle: str, start: int, taken: list[tuple[int, int, int]]) -> int:
    """The first occurrence of ``needle`` at or after ``start`` overlapping no taken span."""
    found = text.find(needle, start)
    while found >= 0:
        end = found + len(needle)
        if all(end <= s or found >= e for s, e, _ in taken):
            return found
        found = text.find(needle, found + 1)
    return -1


def _changed(row: Row) -> bool:
    return row[0] in "rf" or any(isinstance(s, list) for s in row[3])


def _fold_removed(view: View, changes: list[dict[str, Any]]) -> None:
    """Fold the middle of long runs of lines one rule removed (a menu, a link list)."""
    rows: list[Row] = []
    start = 0
    while start < len(view.rows):
        row = view.rows[start]
        end = start + 1
        if row[0] == "r":
            # Blank lines another rule (tidy) removed inside the run do not break it.
            rule = changes[row[3]].get("rule") if row[2] else None
            while end < len(view.rows) and view.rows[end][0] == "r":
                other = view.rows[end]
                if other[2] and rule is None:
                    rule = changes[other[3]].get("rule")
                elif other[2] and changes[other[3]].get("rule") != rule:
                    break
                end += 1
        run = view.rows[start:end]
        if len(run) > RUN_SHOWN:
            hidden = run[RUN_HEAD : len(run) - RUN_TAIL]
            named = next((r for r in hidden if r[2]), hidden[0])  # the rule, not tidy's blanks
            rows += [*run[:RUN_HEAD], ["f", len(hidden), named[3]], *run[len(run) - RUN_TAIL :]]
        else:
            rows += run
        start = end
    view.rows = rows


def _fold(view: View, max_rows: int) -> None:
    """Long documents: show changed lines with context, fold the rest, cap the row count."""
    rows = view.rows
    if len(rows) > FULL_ROWS:
        near = [False] * len(rows)
        for index, row in enumerate(rows):
            if _changed(row):
                for other in range(max(0, index - CONTEXT), min(len(rows), index + CONTEXT + 1)):
                    near[other] = True
        folded: list[Row] = []
        for index, row in enumerate(rows):
            if near[index]:
                folded.append(row)
            elif folded and folded[-1][0] == "g":
                folded[-1][1] += 1
                folded[-1][2] += row[0] == "k"
            else:
                folded.append(["g", 1, int(row[0] == "k")])
        rows = folded
    if len(rows) > max_rows:
        view.cut_rows = len(rows) - max_rows
        rows = rows[:max_rows]
    view.rows = rows


def _cut_long_lines(view: View, max_line: int) -> None:
    """Cut lines longer than ``max_line`` characters (the cut is shown on the page)."""
    for row in view.rows:
        if row[0] == "r" and len(row[2]) > max_line:
            row[4] = len(row[2]) - max_line
            row[2] = row[2][:max_line]
        elif row[0] == "k":
            budget, kept, cut = max_line, [], 0
            for segment in row[3]:
                if cut or (isinstance(segment, str) and len(segment) > budget):
                    if isinstance(segment, str):
                        kept.append(segment[:budget])
                        cut += len(segment) - budget
                        budget = 0
                    continue
                if isinstance(segment, str):
                    budget -= len(segment)
                kept.append(segment)
            if cut:
                kept.append(["cut", cut])
            row[3] = [s for s in kept if s != ""] or [""]
