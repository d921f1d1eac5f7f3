"""Document and Change: the values every step reads, and the log every report is built from.

A step never edits ``Document.text`` itself. It proposes :class:`Edit` spans (or a whole-text
:class:`Rewrite`) and :meth:`Document.apply` makes them, appending one :class:`Change` per
edit. That is the only way text changes, so the log is complete by construction.

>>> doc = Document("a.txt", "one\\n[ad_1]\\ntwo\\n")
>>> doc.apply([Edit(4, 11, "", rule="boilerplate.ad-marker", action="remove_line")])
>>> doc.text
'one\\ntwo\\n'
>>> doc.changes[0].line, doc.changes[0].before
(2, '[ad_1]\\n')
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import regex

from cleaner.prefilter import ADMIT_ALL, fold, screen_of

T = TypeVar("T")

# Every sequence that ends a line in the decoded input. Line numbers in the log count these,
# so a file with CRLF or lone CR endings is numbered as an editor would number it. U+0085 is
# left out: in scraped text it is a mis-decoded Windows-1252 ellipsis for ftfy to repair.
LINE_BREAK = regex.compile(r"\r\n|[\n\r\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Change:
    """One change made to a document: which rule, what it did, where, and the text.

    ``line`` is the 1-based line in the decoded input (tracked through earlier removals), or
    ``None`` for a whole-document change such as new line endings, or a re-decoding that
    added or removed lines.
    """

    rule: str
    action: str
    line: int | None
    before: str
    after: str
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "rule": self.rule,
            "action": self.action,
            "line": self.line,
            "before": self.before,
            "after": self.after,
        }
        if self.note is not None:
            record["note"] = self.note
        return record


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``after``; proposed by a step, applied by the document."""

    start: int
    end: int
    after: str
    rule: str
    action: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Rewrite:
    """Replace the whole text (ftfy's re-decoding, NFC, line endings): logged by line where
    the lines stay the same lines (see :meth:`Document._rewrite`), else with line None."""

    text: str
    rule: str
    action: str
    note: str | None = None


# What a step yields: edits to make together, or one whole-text rewrite.
Batch = list[Edit] | Rewrite


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the current text: ``text[start:end]``, and ``stop`` past its line break."""

    number: int  # 0-based index in the current text
    start: int
    end: int
    stop: int
    text: str
    # ``text.strip()``, and whether that is empty: asked of every line by many rules, so
    # computed once (no defaults: a Line built without them would silently read as blank).
    content: str
    blank: bool

    @classmethod
    def of(cls, number: int, start: int, end: int, stop: int, text: str) -> Line:
        """A line of ``text`` with its stripped content computed."""
        content = text.strip()
        return cls(number, start, end, stop, text, content, not content)


def split_lines(text: str) -> list[Line]:
    """The lines of a text that uses ``\\n`` breaks (true after the repair step).

    >>> [line.text for line in split_lines("a\\n\\nb")]
    ['a', '', 'b']
    """
    parts = text.split("\n")
    if len(parts) > 1 and not parts[-1]:
        parts.pop()  # a final line break ends the last line; it starts no new one
    last = len(parts) - 1
    lines: list[Line] = []
    start = 0
    for number, part in enumerate(parts):
        end = start + len(part)
        stop = end if number == last and end == len(text) else end + 1
        content = part.strip()
        lines.append(Line(number, start, end, stop, part, content, not content))
        start = stop
    return lines


class LineMemo(dict[Any, Any]):
    """Results of pure functions of a line's text (a pattern's match), kept across versions
    of a document's text: the settle passes, and other steps, ask again about the same lines.
    """

    def fullmatch(
        self, pattern: regex.Pattern[str], text: str, timeout: float | None = None
    ) -> bool:
        """``pattern.fullmatch(text, timeout=timeout) is not None``, remembered.

        The pattern only runs on a text its :func:`~cleaner.prefilter.screen_of` admits:
        one the screen turns away cannot match (and so cannot time out either).
        """
        key = (pattern, text)
        found = self.get(key)
        if found is None:
            screen = screen_of(pattern)
            folded = screen is ADMIT_ALL or screen.admits(self.remember("fold", text, fold))
            found = self[key] = folded and pattern.fullmatch(text, timeout=timeout) is not None
        return found  # type: ignore[no-any-return]

    def remember(self, key: Any, text: str, compute: Callable[[str], T]) -> T:
        """``compute(text)``, remembered under ``(key, text)``; ``compute`` must be pure."""
        found = self.get((key, text), _MISSING)
        if found is _MISSING:
            found = self[(key, text)] = compute(text)
        return found  # type: ignore[no-any-return]


_MISSING = object()


@dataclass
class Document:
    """A document flowing through the pipeline: id, text, metadata and the change log.

    ``raw`` holds the undecoded bytes until the decode step turns them into ``text``;
    ``source`` keeps the decoded input as it was, for diffs.
    """

    id: str
    text: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    language: str | None = None
    # The language rule conditions see: ``language``, except that a Latin-script text too
    # short to tell (``und``) counts as English (short titles in an English corpus).
    rule_language: str | None = None
    changes: list[Change] = field(default_factory=list)
    raw: bytes | None = None
    source: str = field(default="", repr=False)
    _origins: list[int | None] = field(default_factory=list, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)
    _memo_text: str | None = field(default=None, repr=False)
    # Results of pure functions of a line's text (a pattern's match), kept across versions
    # of the text: the settle passes ask again about lines that did not change.
    line_memo: LineMemo = field(default_factory=LineMemo, repr=False)

    def __post_init__(self) -> None:
        self.set_input(self.text)

    def set_input(self, text: str) -> None:
        """Make ``text`` the decoded input: lines are numbered 1..N from here."""
        self.text = self.source = text
        self._origins = list(range(1, _count_lines(self.text) + 1))

    def lines(self) -> list[Line]:
        """The current lines (computed once per version of the text)."""
        return self.memo("lines", split_lines)

    def memo(self, key: str, compute: Callable[[str], T]) -> T:
        """``compute(self.text)``, cached until the text changes."""
        if self._memo_text is not self.text:
            self._memo.clear()
            self._memo_text = self.text
        if key not in self._memo:
            self._memo[key] = compute(self.text)
        return self._memo[key]  # type: ignore[no-any-return]

    def origin(self, position: int) -> int | None:
        """The input line number of the character at ``position`` of the current text."""
        starts = self.memo("line_starts", _line_starts)
        return self._origins[bisect_right(starts, position) - 1] if self._origins else None

    def apply(self, batch: Iterable[Edit] | Rewrite) -> None:
        """Make a batch of edits (or one rewrite) and log each one.

        Edits are applied left to right; an edit overlapping an earlier accepted one is dropped,
        and an edit that would change nothing is not logged, so the outcome does not depend on
        the order a step listed them in.
        """
        if isinstance(batch, Rewrite):
            self._rewrite(batch)
            return
        old = self.text
        accepted: list[Edit] = []
        last_end = -1
        for edit in sorted(batch, key=lambda e: (e.start, e.end)):
            if edit.start < last_end or old[edit.start : edit.end] == edit.after:
                continue
            accepted.append(edit)
            last_end = max(last_end, edit.end)
        if not accepted:
            return
        starts = self.memo("line_starts", _line_starts)

        def origin_at(pos: int) -> int | None:
            return self._origins[bisect_right(starts, pos) - 1]

        # Rebuild the text as pieces: copies of the old text and replacements. Each new line
        # takes the input line of the character that starts it (replacements: of their edit).
        pieces: list[str] = []
        piece_starts: list[int] = []  # new-text offset of each piece
        piece_source: list[tuple[int, bool]] = []  # (old offset, copied?)
        new_len = 0
        cursor = 0

        def add(piece: str, old_pos: int, copied: bool) -> None:
            nonlocal new_len
            if piece:
                pieces.append(piece)
                piece_starts.append(new_len)
                piece_source.append((old_pos, copied))
                new_len += len(piece)

        for edit in accepted:
            add(old[cursor : edit.start], cursor, True)
            add(edit.after, edit.start, False)
            self.changes.append(
                Change(
                    edit.rule,
                    edit.action,
                    origin_at(edit.start),
                    old[edit.start : edit.end],
                    edit.after,
                    edit.note,
                )
            )
            cursor = edit.end
        add(old[cursor:], cursor, True)
        new = "".join(pieces)

        origins: list[int | None] = []
        new_starts = _line_starts(new)
        for line_start in new_starts:
            index = bisect_right(piece_starts, line_start) - 1
            if index < 0 or line_start >= new_len:
                origins.append(origin_at(len(old)) if line_start else origin_at(0))
                continue
            old_pos, copied = piece_source[index]
            origins.append(
                origin_at(old_pos + (line_start - piece_starts[index]) if copied else old_pos)
            )
        self.text = new
        self._origins = origins
        self._memo_text, self._memo = new, {"line_starts": new_starts}

    def _rewrite(self, rewrite: Rewrite) -> None:
        """Replace the whole text; logged line by line where the lines stay the same lines.

        A re-decoding that mends a few characters on some lines is logged as one change per
        line it changed (its input line, the differing part of that line), not as the whole
        stretch of the document between the first and the last character it changed. When
        lines are added or removed, or only the line breaks change (line endings), it is one
        whole-document change (line ``None``).
        """
        old = self.text
        if rewrite.text == old:
            return
        old_lines = LINE_BREAK.split(old)
        new_lines = LINE_BREAK.split(rewrite.text)
        changed = (
            [n for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=True)) if a != b]
            if len(old_lines) == len(new_lines)
            else []
        )
        for number in changed:
            before, after = _differing_middle(old_lines[number], new_lines[number])
            self.changes.append(
                Change(
                    rewrite.rule, rewrite.action, self._origins[number], before, after, rewrite.note
                )
            )
        if not changed:
            before, after = _differing_middle(old, rewrite.text)
            self.changes.append(
                Change(rewrite.rule, rewrite.action, None, before, after, rewrite.note)
            )
        if len(old_lines) != len(new_lines):
            self._origins = _map_origins(old_lines, new_lines, self._origins)
        self.text = rewrite.text


def _count_lines(text: str) -> int:
    return sum(1 for _ in LINE_BREAK.finditer(text)) + 1


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in LINE_BREAK.finditer(text))]


def _differing_middle(old: str, new: str) -> tuple[str, str]:
    """The part of two texts between their common prefix and common suffix."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]


def _map_origins(
    old_lines: list[str], new_lines: list[str], origins: list[int | None]
) -> list[int | None]:
    """Carry line origins across a rewrite that changed the number of lines.

    Lines equal at the start and at the end keep their origins; each line of the differing
    middle takes the origin of the old line at the same offset (the last one past its end).
    Linear in the number of lines, unlike a full diff: a rewrite that adds one line break
    before thousands of identical lines must not cost their square.
    """
    limit = min(len(old_lines), len(new_lines))
    head = 0
    while head < limit and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while tail < limit - head and old_lines[-1 - tail] == new_lines[-1 - tail]:
        tail += 1
    old_middle = len(old_lines) - head - tail
    mapped = origins[:head]
    for offset in range(len(new_lines) - head - tail):
        source = head + min(offset, old_middle - 1) if old_middle else min(head, len(origins) - 1)
        mapped.append(origins[source])
    mapped.extend(origins[len(origins) - tail :] if tail else [])
    return mapped
