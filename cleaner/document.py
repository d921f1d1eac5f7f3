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

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate, chain
from operator import add, itemgetter, not_
from typing import Any, NamedTuple, TypeVar

import regex

from cleaner.prefilter import ADMIT_ALL, Screens, fold, fullmatch_of, screen_of

T = TypeVar("T")
R = TypeVar("R")

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


class Line(NamedTuple):
    """A line of the current text: ``text[start:end]``, and ``stop`` past its line break.

    A named tuple rather than a frozen dataclass: every version of a document's text is split
    into lines, and a tuple is built several times faster (see :func:`split_lines`).
    """

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


# One past a number: a line's next start, past its line break.
_plus_one = (1).__add__
# A line's start (Line.start), text and content, read in C.
_start_of = itemgetter(1)
_text_of = itemgetter(4)
_content_of = itemgetter(5)
# A Line from the tuple of its fields, without a call into Python code.
_new_line = partial(tuple.__new__, Line)


def split_lines(text: str) -> list[Line]:
    """The lines of a text that uses ``\\n`` breaks (true after the repair step).

    >>> [line.text for line in split_lines("a\\n\\nb")]
    ['a', '', 'b']
    """
    parts = text.split("\n")
    if len(parts) > 1 and not parts[-1]:
        parts.pop()  # a final line break ends the last line; it starts no new one
    lengths = list(map(len, parts))
    # Built column by column in C (map, zip, accumulate): the documents' lines are split
    # again after every change.
    starts = list(accumulate(map(_plus_one, lengths[:-1]), initial=0))
    ends = list(map(add, starts, lengths))
    # A line stops where the next one starts: the same numbers, and the same int objects (a
    # 10 MB text has 100,000 lines, each number above 256 an object of its own).
    stops = starts[1:]
    # The last line stops at its end, or past the final line break if the text has one.
    stops.append(ends[-1] if ends[-1] == len(text) else ends[-1] + 1)
    contents = list(map(str.strip, parts))
    fields = zip(
        range(len(parts)), starts, ends, stops, parts, contents, map(not_, contents), strict=True
    )
    return list(map(_new_line, fields))


class LineMemo(dict[Any, Any]):
    """Results of pure functions of a line's text (a pattern's match), kept across versions
    of a document's text: the settle passes, and other steps, ask again about the same lines.

    Each function's results are one dictionary in it, by line text, under the function's key
    (for a pattern's matches, the pattern): a look-up costs one hash of the text.
    """

    def results(self, key: Any) -> dict[str, Any]:
        """The results remembered under ``key``, by line text."""
        found = self.get(key)
        if found is None:
            found = self[key] = {}
        return found  # type: ignore[no-any-return]

    def fullmatch(
        self,
        pattern: regex.Pattern[str],
        text: str,
        timeout: float | None = None,
        screens: Screens | None = None,
    ) -> bool:
        """``pattern.fullmatch(text, timeout=timeout) is not None``, remembered.

        The pattern only runs on a text its :func:`~cleaner.prefilter.screen_of` admits:
        one the screen turns away cannot match (and so cannot time out either). Given
        ``screens`` that hold the pattern, the screen's answer is read from theirs (one
        :meth:`~cleaner.prefilter.Screens.admitted` a line for all their patterns).
        """
        found = self.results(pattern)
        result = found.get(text)
        if result is None:
            if screens is not None and pattern in screens:
                admits = pattern in self.admitted(screens, text)
            else:
                screen = screen_of(pattern)
                admits = screen is ADMIT_ALL or screen.admits(self.remember(_FOLDS, text, fold))
            result = found[text] = admits and _fullmatch(pattern, timeout)(text) is not None
        return result  # type: ignore[no-any-return]

    def matching(
        self,
        pattern: regex.Pattern[str],
        texts: Iterable[str],
        timeout: float | None = None,
        screens: Screens | None = None,
    ) -> list[int]:
        """The indexes of the texts that :meth:`fullmatch` says ``pattern`` matches, asked
        in order: one call for all the lines a rule looks at."""
        found = self.results(pattern)
        # Bound on first use: a shipped pattern is compiled when a line first needs it, and
        # reading its method compiles it (most patterns' screens turn away every line).
        run: Callable[[str], regex.Match[str] | None] | None = None
        kept: list[int] = []
        if screens is not None and pattern in screens:
            # The screens' answers for a line, for all their patterns, are read once; a line
            # this pattern's screen turns away is not asked further.
            admitted = self.results(screens)
            for index, text in enumerate(texts):
                passed = admitted.get(text)
                if passed is None:
                    passed = self.admitted(screens, text)
                if pattern not in passed:
                    continue
                result = found.get(text)
                if result is None:
                    if run is None:
                        run = _fullmatch(pattern, timeout)
                    result = found[text] = run(text) is not None
                if result:
                    kept.append(index)
            return kept
        screen = screen_of(pattern)
        folds = self.results(_FOLDS) if screen is not ADMIT_ALL else None
        for index, text in enumerate(texts):
            result = found.get(text)
            if result is None:
                if folds is not None:
                    folded = folds.get(text)
                    if folded is None:
                        folded = folds[text] = fold(text)
                    if not screen.admits(folded):
                        found[text] = False
                        continue
                if run is None:
                    run = _fullmatch(pattern, timeout)
                result = found[text] = run(text) is not None
            if result:
                kept.append(index)
        return kept

    def admitted(self, screens: Screens, text: str) -> set[regex.Pattern[str]]:
        """``screens.admitted`` for a line (the patterns whose screens admit it), remembered.

        The line's fold is not remembered: the answer is, and the fold is seldom asked of
        that line again (once more for one line in a hundred, by a pattern no screens hold:
        see :meth:`fullmatch`), while the folds of every version of a long text's lines
        were its largest store (25 MB for 10 MB of prose, 1.5 to 2.5 MB per MB)."""
        admitted = self.results(screens)
        passed = admitted.get(text)
        if passed is None:
            passed = admitted[text] = screens.admitted(fold(text))
        return passed  # type: ignore[no-any-return]

    def remember(self, key: Any, text: str, compute: Callable[[str], T]) -> T:
        """``compute(text)``, remembered under ``key``; ``compute`` must be pure."""
        found = self.results(key)
        result = found.get(text, _MISSING)
        if result is _MISSING:
            result = found[text] = compute(text)
        return result  # type: ignore[no-any-return]


def _fullmatch(
    pattern: regex.Pattern[str], timeout: float | None
) -> Callable[[str], regex.Match[str] | None]:
    """``pattern.fullmatch`` with the time limit, if any (see :func:`limited`); without one,
    an alternation is tried only in the branches its screen admits (``fullmatch_of``)."""
    return fullmatch_of(pattern) if timeout is None else limited(pattern.fullmatch, timeout)


def limited(call: Callable[..., R], timeout: float | None) -> Callable[..., R]:
    """A ``regex`` pattern's method (``fullmatch``, ``search``, ``finditer``) with the time
    limit ``timeout``, if any: the ``regex`` module reads keyword arguments slowly
    (``timeout=None`` alone triples the cost of a quick failing match), and the shipped
    rules, asked of every line, have no limit.

    >>> limited(regex.compile("a+").search, None)("baa")
    <regex.Match object; span=(1, 3), match='aa'>
    """
    return call if timeout is None else partial(call, timeout=timeout)


_MISSING = object()
# Where a memo keeps the folded lines its patterns' screens compare.
_FOLDS = "fold"


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
    # Every line text (and content) of the long versions of the text, by itself: see lines.
    _line_texts: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.set_input(self.text)

    def set_input(self, text: str) -> None:
        """Make ``text`` the decoded input: lines are numbered 1..N from here."""
        self.text = self.source = text
        self._origins = list(range(1, _count_lines(self.text) + 1))

    def lines(self) -> list[Line]:
        """The current lines (computed once per version of the text)."""
        if self._memo_text is self.text:  # asked many times a version: read here
            found = self._memo.get("lines")
            if found is not None:
                return found  # type: ignore[no-any-return]
        return self.memo("lines", self._split_lines)

    def _split_lines(self, text: str) -> list[Line]:
        """:func:`split_lines`; in a long text, each line's text and content the string
        object an earlier version's equal line had (see :data:`SHARED_LINES_CHARS`)."""
        lines = split_lines(text)
        if len(text) < SHARED_LINES_CHARS:
            return lines
        known = self._line_texts
        share = known.setdefault
        lines = [
            _new_line((number, start, end, stop, share(text, text), share(content, content), blank))
            for number, start, end, stop, text, content, blank in lines
        ]
        self._forget_old_lines(lines)
        return lines

    def _forget_old_lines(self, lines: list[Line]) -> None:
        """Forget the line texts of earlier versions that ``lines`` (the current version's)
        no longer hold, and what the line memo remembers by them, once they outnumber the
        current ones: the quote and name steps rewrite most lines of prose, and the texts
        of every version, each a key of several of the memo's dictionaries, were kept to
        the end (10 MB of texts and 7 MB of answers for 10 MB of prose). The memo's answers
        are pure functions of their keys (see :class:`LineMemo`): one forgotten is asked
        again, with the same answer, if its line comes back."""
        current = set(map(_text_of, lines))
        current.update(map(_content_of, lines))
        if len(self._line_texts) <= 2 * len(current):
            return
        old = self._line_texts.keys() - current
        self._line_texts = {text: text for text in current}
        for found in self.line_memo.values():
            if isinstance(found, dict) and found:
                for text in [key for key in found if key in old]:
                    del found[text]

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
        starts = self._line_starts()
        return self._origins[bisect_right(starts, position) - 1] if self._origins else None

    def _line_starts(self) -> list[int]:
        """Where each current line starts (:func:`_line_starts`), read from the current lines
        where they are split already: one split of the text serves both."""

        def find(text: str) -> list[int]:
            lines = self._memo.get("lines")
            if lines is None or not _only_newlines(text):
                return _line_starts(text)
            starts = list(map(_start_of, lines))
            if text.endswith("\n"):
                starts.append(len(text))  # the empty line after a final line break
            return starts

        return self.memo("line_starts", find)

    def apply(self, batch: Iterable[Edit] | Rewrite) -> None:
        """Make a batch of edits (or one rewrite) and log each one.

        Edits are applied left to right; an edit overlapping an earlier accepted one is dropped,
        and an edit that would change nothing is not logged, so the outcome does not depend on
        the order a step listed them in.
        """
        if not batch:
            return  # most rules find nothing in most documents: their batches are empty
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
        starts = self._line_starts()
        # What is remembered of the old text (its lines above all, 35 MB for a 10 MB text)
        # goes before the new text is built, not after.
        self._memo, self._memo_text = {}, None

        def origin_at(pos: int) -> int | None:
            return self._origins[bisect_right(starts, pos) - 1]

        # Rebuild the text as pieces: copies of the old text and replacements. Each new line
        # takes the input line of the character that starts it (replacements: of their edit).
        pieces: list[str] = []
        sources: list[tuple[int, bool]] = []  # (old offset, copied?) of each piece
        cursor = 0

        def put(piece: str, old_pos: int, copied: bool) -> None:
            if piece:
                pieces.append(piece)
                sources.append((old_pos, copied))

        for edit in accepted:
            put(old[cursor : edit.start], cursor, True)
            put(edit.after, edit.start, False)
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
        put(old[cursor:], cursor, True)
        new = "".join(pieces)
        memo: dict[str, Any] = {}
        if _only_newlines(old) and _only_newlines(new):
            # The new line starts are left for when they are asked (see _line_starts).
            origins = self._carried_origins(pieces, sources, starts, len(old), new)
        else:
            new_starts = memo["line_starts"] = _line_starts(new)
            origins = [
                origin_at(pos) for pos in _origin_positions(pieces, sources, new_starts, len(old))
            ]
        self.text = new
        self._origins = origins
        self._memo_text, self._memo = new, memo

    def _carried_origins(
        self,
        pieces: list[str],
        sources: list[tuple[int, bool]],
        starts: list[int],
        old_len: int,
        new: str,
    ) -> list[int | None]:
        """The input line of each line of ``new``, piece by piece (both texts break lines
        with ``\\n`` only): what :func:`_origin_positions` gives, without a look-up per line.

        A copied piece keeps the origins of the old lines that start inside it, in one slice;
        the lines a replacement starts take its edit's line; and a piece that opens a line (at
        0, or after a ``\\n``) gives that line the origin of its first old character.
        """
        old_origins = self._origins

        def origin_at(pos: int) -> int | None:
            return old_origins[bisect_right(starts, pos) - 1]

        if not new:
            return [origin_at(0)]
        origins: list[int | None] = []
        opens_line = True  # position 0 starts a line
        for piece, (old_pos, copied) in zip(pieces, sources, strict=True):
            if copied:
                if opens_line:
                    origins.append(origin_at(old_pos))
                end = old_pos + len(piece)
                origins.extend(
                    old_origins[bisect_right(starts, old_pos) : bisect_left(starts, end)]
                )
            else:
                count = piece.count("\n", 0, len(piece) - 1) + opens_line
                origins.extend([origin_at(old_pos)] * count)
            opens_line = piece[-1] == "\n"
        if opens_line:  # a final line break: the empty line after it
            origins.append(origin_at(old_len))
        return origins

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
        same_count = _count_lines(old) == _count_lines(rewrite.text)
        changed = False
        if same_count:
            # The lines paired by number, split a part of the texts at a time: a 10 MB text
            # split whole, old and new, was four copies of it at once.
            olds, news = _lines_of(old, SPLIT_CHARS), _lines_of(rewrite.text, SPLIT_CHARS)
            pairs = zip(olds, news, strict=True)
            for number, (a, b) in enumerate(pairs):
                if a != b:
                    changed = True
                    before, after = _differing_middle(a, b)
                    self.changes.append(
                        Change(
                            rewrite.rule,
                            rewrite.action,
                            self._origins[number],
                            before,
                            after,
                            rewrite.note,
                        )
                    )
        if not changed:
            before, after = _differing_middle(old, rewrite.text)
            self.changes.append(
                Change(rewrite.rule, rewrite.action, None, before, after, rewrite.note)
            )
        if not same_count:
            self._origins = _map_origins(
                LINE_BREAK.split(old), LINE_BREAK.split(rewrite.text), self._origins
            )
        self.text = rewrite.text


# Past this many characters, a text's lines are split a part at a time (see _lines_of).
SPLIT_CHARS = 1 << 20
# From this many characters, the lines of each version of a text are the same string objects
# as the equal lines of the versions before (Document.lines). The line memo's dictionaries
# keep the text of every line they were asked about, each from the version it was first
# asked in: in a long text rewritten line by line (a 10 MB text, about 15 versions in the
# boilerplate step), the same line's text was kept once for every version. A shorter text
# is not worth the look-up per line and version.
SHARED_LINES_CHARS = 1 << 16


def _lines_of(text: str, part_chars: int = SPLIT_CHARS) -> Iterator[str]:
    """``LINE_BREAK.split(text)``, one item at a time, split a part of about ``part_chars``
    characters at a time: a part ends just after a ``\\n``, which ends any break it is in
    (``\\r\\n``), so the parts' splits, each without the empty line after its final break,
    make the whole text's.

    >>> list(_lines_of("a\\r\\nb\\n\\nc\\rd", part_chars=2))
    ['a', 'b', '', 'c', 'd']
    """
    return chain.from_iterable(_split_in_parts(text, part_chars))


def _split_in_parts(text: str, part_chars: int) -> Iterator[list[str]]:
    start = 0
    while (cut := text.find("\n", start + part_chars)) >= 0:
        yield LINE_BREAK.split(text[start : cut + 1])[:-1]
        start = cut + 1
    yield LINE_BREAK.split(text[start:] if start else text)


def _count_lines(text: str) -> int:
    # The LINE_BREAK matches, counted: a CRLF is one break.
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    return breaks + text.count("\u2028") + text.count("\u2029") + 1


def _line_starts(text: str) -> list[int]:
    """Where each line starts: 0 and the end of every LINE_BREAK."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        return [0, *(m.end() for m in LINE_BREAK.finditer(text))]
    # Only ``\n`` breaks (true after the repair step): one past the end of each line.
    return list(accumulate(map(_plus_one, map(len, text.split("\n")[:-1])), initial=0))


def _only_newlines(text: str) -> bool:
    """Whether ``\\n`` is the only LINE_BREAK in ``text``."""
    return "\r" not in text and "\u2028" not in text and "\u2029" not in text


def _origin_positions(
    pieces: list[str], sources: list[tuple[int, bool]], new_starts: list[int], old_len: int
) -> list[int]:
    """For each line start of the text the pieces make, the old position whose input line
    it takes: the character it was copied from, or the start of the edit that wrote it (the
    old text's end for an empty line after a final line break)."""
    piece_starts = list(accumulate(map(len, pieces[:-1]), initial=0)) if pieces else []
    new_len = sum(map(len, pieces))
    positions: list[int] = []
    for line_start in new_starts:
        index = bisect_right(piece_starts, line_start) - 1
        if index < 0 or line_start >= new_len:
            positions.append(old_len if line_start else 0)
            continue
        old_pos, copied = sources[index]
        positions.append(old_pos + (line_start - piece_starts[index]) if copied else old_pos)
    return positions


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
