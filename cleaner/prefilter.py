"""What every match of a line pattern must contain: a cheap test run before the pattern.

A line rule's pattern is matched against every line of every document, and most lines match
none of them. Many patterns start with a bounded wildcard (``[^\\n]{0,200}\\bour\\s+use...``)
that the regex engine retries at every position before it fails. Yet every match of such a
pattern contains some literal text: ``our``, ``use``, ``of`` and ``cookies`` here. A
:class:`Screen` holds such necessary literals, read from the pattern's syntax tree: clauses of
which every one must hold, each clause a few literals of which one must appear. A line that
fails a clause cannot match, and the pattern is not run on it.

The test is exact, never an approximation: a clause only ever holds literals that every match
contains, compared after folding both sides (:func:`fold`), so it holds under ``IGNORECASE``
too. The first character is read the same way. A pattern the reader cannot be sure of (syntax
of the ``regex`` module that Python's ``re`` parser reads differently, or does not read) gets
the screen that admits every line. Also a line the screen turns away is never matched, so a
user's pattern that would have run past its time limit on it no longer does.

>>> screen = screen_of(regex.compile(r"[^\\n]{0,40}\\bour\\s+use\\s+of\\s+cookies\\b.*", regex.I))
>>> screen.admits(fold("We value our use of cookies")), screen.admits(fold("Our use of data"))
(True, False)
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import product
from operator import itemgetter
from typing import Any

import regex

try:  # Python's own regex parser: re._parser since 3.11
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - older or future layouts: no screens, still exact
    sre = sre_parse = None  # type: ignore[assignment]

# A clause: at least one of these (folded) literals is in every match.
Clause = frozenset[str]

# Limits that keep a screen cheaper than the pattern it guards: a clause of more literals
# than this is dropped (it would cost more than it saves), and at most this many clauses are
# kept from the alternatives of a group.
MAX_LITERALS = 32
MAX_CLAUSES = 6
MAX_COMBINATIONS = 256


@dataclass(frozen=True, slots=True)
class Screen:
    """What every match of a pattern holds, in folded text (:func:`fold`): its first
    character is one of ``first`` (None: any), and every clause has one of its literals."""

    first: frozenset[str] | None = None
    clauses: tuple[tuple[str, ...], ...] = ()
    # Or, read further than the first character (see :class:`Prefixes`): every match's
    # first ``size`` characters are one of ``prefixes``, or it starts with one of ``stems``
    # (by length), or its first character is one of ``lead`` (a class too large to list).
    size: int = 0
    prefixes: frozenset[str] = frozenset()
    stems: tuple[tuple[int, frozenset[str]], ...] = ()
    lead: Lead | None = None
    stem_first: frozenset[str] = frozenset()  # the stems' first characters

    def admits(self, folded: str) -> bool:
        """Whether a line (folded) could match."""
        first = self.first
        if first is not None and folded[:1] not in first:
            # Only a lead character can open a match that no listed first character opens.
            lead = self.lead
            if lead is None:
                return False
            char = folded[:1]
            if char.isascii():
                if char not in lead.ascii:
                    return False
            elif lead.pattern.match(char) is None:
                return False
        elif self.size:
            head = folded[: self.size]
            if head not in self.prefixes and not self._stemmed(head):
                return False
        for clause in self.clauses:
            for literal in clause:
                if literal in folded:
                    break
            else:
                return False
        return True

    def _stemmed(self, head: str) -> bool:
        """Whether a line's folded start opens with one of the stems or a lead character."""
        first = head[:1]
        if first in self.stem_first:
            for length, stems in self.stems:
                if head[:length] in stems:
                    return True
        return self.lead is not None and self._led(first)

    def _led(self, char: str) -> bool:
        """Whether a first character (folded) is one of the lead class's."""
        lead = self.lead
        assert lead is not None
        if char.isascii():
            return char in lead.ascii
        return lead.pattern.match(char) is not None


@dataclass(frozen=True, slots=True)
class Lead:
    """First characters of a class too large to list (``\\d``, ``\\s``): the ``regex``
    module's own class decides, with its ASCII members listed."""

    pattern: regex.Pattern[str]
    ascii: frozenset[str]  # its ASCII members


ADMIT_ALL = Screen()


@functools.cache
def screen_of(pattern: regex.Pattern[str]) -> Screen:
    """The screen of a compiled pattern (read once per pattern and process).

    Every pattern is screened by its first character where that is known. Only one that
    can open with a long repeat (``[^\\n]{0,200}``, ``.{1,60}?``) is screened by its literals
    too: the engine retries what follows such a repeat at every position of the line, while
    it rejects a line that fails an anchored pattern at its first characters, sooner than the
    literals could be looked for. An alternation with such a branch is screened branch by
    branch (see :func:`branches_of`).
    """
    branches = _branch_sources(pattern.pattern, pattern.flags)
    if branches is not None:
        return Either(branches=tuple(_screen_of(source, pattern.flags) for source in branches))
    return _screen_of(pattern.pattern, pattern.flags)


@functools.cache
def _screen_of(source: str, flags: int) -> Screen:
    """The screen of a pattern's source (:func:`screen_of`, branches not split)."""
    tree = _parse(_Source(source, flags))
    if tree is None:
        return ADMIT_ALL
    first = _first(tree)
    # A prefix screen, where one is read, decides more lines than the first character.
    prefixes = _prefixes_of(source, flags)
    if not _opens_wide(tree):
        if prefixes is not None:
            return prefixes
        return ADMIT_ALL if first is None else Screen(first)
    clauses = sorted(
        (c for c in _clauses(tree) if len(c) <= MAX_LITERALS and not any(map(_weak, c))),
        key=_cost,
    )
    kept: list[tuple[str, ...]] = []
    budget = MAX_LITERALS
    for clause in clauses:
        if len(clause) > budget:
            break
        budget -= len(clause)
        kept.append(tuple(sorted(clause, key=lambda s: (-len(s), s))))
    # The cheapest clause first: it decides most lines.
    kept.sort(key=len)
    if prefixes is not None:
        return replace(prefixes, clauses=tuple(kept))
    return ADMIT_ALL if first is None and not kept else Screen(first, tuple(kept))


@dataclass(frozen=True, slots=True)
class _Source:
    """A pattern's source and flags: what :func:`_parse` reads of a compiled pattern."""

    pattern: str
    flags: int


@dataclass(frozen=True, slots=True)
class Either(Screen):
    """The screen of an alternation read branch by branch: a line one branch admits."""

    branches: tuple[Screen, ...] = ()

    def admits(self, folded: str) -> bool:
        # A loop, not any() over a generator: this runs for every line and rule.
        for branch in self.branches:  # noqa: SIM110
            if branch.admits(folded):
                return True
        return False


@functools.cache
def branches_of(
    pattern: regex.Pattern[str],
) -> tuple[tuple[Screen, regex.Pattern[str]], ...] | None:
    """The top-level branches of an alternation that has a branch opening with a long repeat
    no prefix screen reads (``[^\\n]{0,200}\\bour\\s+use...``), each compiled alone with its
    screen; None for any other pattern.

    Such a pattern fails slowly: the engine tries every branch, and a wide one at every
    position of the line, though most branches' screens turn the line away. ``fullmatch``
    of an alternation matches exactly when one branch's does (the branches share no group:
    a pattern with a back reference or a conditional is not split).
    """
    sources = _branch_sources(pattern.pattern, pattern.flags)
    if sources is None:
        return None
    return tuple(
        (_screen_of(source, pattern.flags), regex.compile(source, pattern.flags))
        for source in sources
    )


@functools.cache
def fullmatch_of(pattern: regex.Pattern[str]) -> Any:
    """``pattern.fullmatch``, or, for a pattern :func:`branches_of` splits, the same answer
    from the branches the line's screen admits (a match, or None); either way a line whose
    last character no match can end with (:func:`ends_of`) is not run.

    For a pattern with no time limit only: the shipped rules. A user's pattern with a limit
    runs on every line its screen admits, so that a catastrophic one is stopped and named.

    >>> fullmatch = fullmatch_of(regex.compile(r"(?:.{0,40}\\bwe\\s+use\\s+cookies.*)|(?:Got it)"))
    >>> fullmatch("Hello, we use cookies.") is not None, fullmatch("Got it") is not None
    (True, True)
    """
    branches = branches_of(pattern)
    if branches is None:
        ends = ends_of(pattern)
        if ends is None:
            return pattern.fullmatch
        whole = pattern.fullmatch

        def ending(text: str) -> regex.Match[str] | None:
            return whole(text) if fold(text)[-1:] in ends else None

        return ending
    ended = tuple((screen, branch, ends_of(branch)) for screen, branch in branches)

    def fullmatch(text: str) -> regex.Match[str] | None:
        folded = fold(text)
        last = folded[-1:]
        for screen, branch, ends in ended:
            if (ends is None or last in ends) and screen.admits(folded):
                found = branch.fullmatch(text)
                if found is not None:
                    return found
        return None

    return fullmatch


@functools.cache
def ends_of(pattern: regex.Pattern[str]) -> frozenset[str] | None:
    """The folded characters every match of ``pattern`` ends with (the last character of
    the folded text), read from its syntax tree as :func:`_first` reads the first ones;
    None where any character, or none, may end a match.

    A ``fullmatch`` spans the whole line, so a line whose folded text ends with none of
    them cannot match: a pattern that opens with a lazy ``[^\\n]{3,300}?`` and ends with
    ``\\)`` is tried at every length before it fails on a line with no ")" at its end.

    >>> sorted(ends_of(regex.compile(r"[^\\n]{3,300}?\\((?:AFP|Reuters)\\)", regex.I)))
    [')']
    >>> ends_of(regex.compile(r"Share(?: on)?", regex.I)) is None
    False
    >>> ends_of(regex.compile(r"Read more.*")) is None
    True
    """
    tree = _parse(pattern)
    if tree is None:
        return None
    found, nullable = _last_of(list(tree))
    return None if found is None or nullable else frozenset(found)


@functools.cache
def ends_with_class(pattern: regex.Pattern[str]) -> Any:
    """For a pattern that reads ``[A][B]*$`` (one listed class, a repeat of another with no
    character in common, the end: a sentence's end mark and its closing quotes; no flag but
    the version's and full case folding, which acts only under IGNORECASE), a test by
    string methods giving ``pattern.search(text) is not None``; else None.

    A match ends at the text's end, or before a final ``\\n`` (``$``): the characters of
    ``B`` at the end of what precedes it are the repeat, and the one before them (in no
    ``B``) must be of ``A``. The ``regex`` module's search tries every position instead.

    >>> ends = ends_with_class(regex.compile("[.!?][')]*$", regex.V1))
    >>> ends("He said 'No.'"), ends("Halt!\\n"), ends("No end"), ends(")")
    (True, True, False, False)
    """
    if pattern.flags & ~(regex.V0 | regex.V1 | regex.UNICODE | regex.FULLCASE):
        return None
    tree = _parse(pattern)
    if tree is None or tree.state.flags & GLOBAL_FLAGS:
        return None
    items = list(tree)
    while len(items) == 1 and items[0][0] is sre.SUBPATTERN:
        _, add, remove, inner = items[0][1]
        if add or remove:
            return None
        items = list(inner)
    if len(items) != 3 or items[0][0] is not sre.IN or items[2] != (sre.AT, sre.AT_END):
        return None
    op, (low, high, body) = items[1]
    body = list(body)
    if (
        op not in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
        or (low, high) != (0, sre.MAXREPEAT)
        or len(body) != 1
        or body[0][0] is not sre.IN
    ):
        return None
    marks, closers = _listed_codes(items[0][1]), _listed_codes(body[0][1])
    if marks is None or closers is None or set(marks) & set(closers):
        return None
    ends = frozenset(map(chr, marks))
    tail = "".join(map(chr, closers))

    def ends_with(text: str) -> bool:
        end = text.rstrip(tail)
        if end and end[-1] in ends:
            return True
        if text[-1:] == "\n":
            end = text[:-1].rstrip(tail)
            return bool(end) and end[-1] in ends
        return False

    return ends_with


def _last_of(items: Sequence[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """(last characters, folded, or None for any; whether the sequence can match empty
    text): :func:`_first_of` read from the end."""
    return _edge_of(items, last=True)


class Screens:
    """The screens of many patterns (a step's line rules), asked of a line at once:
    :meth:`admitted` gives the patterns whose :func:`screen_of` admits a line.

    Asked one by one, a line's screens cost a Python call each (and one a branch of a split
    alternation), for some 30 to 50 patterns, though a line passes few of them. Here the
    first characters and prefixes of all of them are one dictionary look-up per length
    (1 to 4 characters), and the first clause of every screen with literals one
    Aho-Corasick pass over the line (``pyahocorasick``: every occurrence of many literals,
    overlapping ones too, is what ``literal in line`` asks of each); only the screens a line
    passes so far test their other clauses. The answer is the one each screen gives.

    >>> cookies = regex.compile(r"[^\\n]{0,40}\\bour\\s+use\\s+of\\s+cookies\\b.*", regex.I)
    >>> share = regex.compile(r"Share(?: on)? (?:Facebook|X)", regex.I)
    >>> screens = Screens((cookies, share))
    >>> screens.admitted(fold("Share on X")) == {share}
    True
    >>> screens.admitted(fold("We value our use of cookies")) == {cookies}
    True
    """

    def __init__(self, patterns: Sequence[regex.Pattern[str]]) -> None:
        # What decides a screen's first test: its first character, or its first characters
        # read as prefixes and stems (both a look-up of the line's first n characters), or
        # a lead class. Screens with clauses are entries by number (a split alternation's
        # branches, one each); the others, passing, admit their pattern at once.
        self._patterns = frozenset(patterns)
        self._always: set[regex.Pattern[str]] = set()  # screens that admit every line
        self._always_entries: set[int] = set()  # screens with clauses and no first test
        self._asked: list[tuple[regex.Pattern[str], Screen]] = []
        heads: dict[int, dict[str, tuple[set[regex.Pattern[str]], set[int]]]] = {}
        self._leads: list[tuple[Lead, regex.Pattern[str] | int]] = []
        self._owners: list[regex.Pattern[str]] = []  # each entry's pattern
        self._rest: list[tuple[tuple[str, ...], ...]] = []  # each entry's other clauses
        literals: dict[str, list[int]] = {}  # first-clause literal -> entries
        for pattern in self._patterns:
            screen = screen_of(pattern)
            parts = screen.branches if type(screen) is Either else (screen,)
            if any(type(part) is not Screen for part in parts):
                self._asked.append((pattern, screen))  # a kind of screen not read here
                continue
            for part in parts:
                clauses = [clause for clause in part.clauses if "" not in clause]
                entry: regex.Pattern[str] | int = pattern
                if clauses:  # "" is in every line: such a clause always holds
                    entry = len(self._owners)
                    self._owners.append(pattern)
                    self._rest.append(tuple(clauses[1:]))
                    for literal in set(clauses[0]):
                        literals.setdefault(literal, []).append(entry)
                keys: list[tuple[int, str]] = []
                if part.size:
                    keys += [(part.size, prefix) for prefix in part.prefixes]
                    # (a stem is shorter than ``size``; one longer could never be a head)
                    keys += [
                        (min(length, part.size), stem)
                        for length, stems in part.stems
                        for stem in stems
                    ]
                elif part.first is not None:
                    keys += [(1, char) for char in part.first]
                elif isinstance(entry, int):
                    self._always_entries.add(entry)
                else:
                    self._always.add(pattern)
                for length, key in keys:
                    row = heads.setdefault(length, {}).setdefault(key, (set(), set()))
                    if isinstance(entry, int):
                        row[1].add(entry)
                    else:
                        row[0].add(entry)
                if part.lead is not None:
                    self._leads.append((part.lead, entry))
        # A prefix of ``size`` characters and a stem of that length ask the same: whether
        # the line's first ``size`` characters are the key.
        self._heads = [
            (length, {key: (frozenset(a), frozenset(b)) for key, (a, b) in table.items()})
            for length, table in sorted(heads.items())
        ]
        self._led: dict[str, tuple[frozenset[regex.Pattern[str]], frozenset[int]]] = {}
        self._literals = tuple(literals.values())
        self._automaton: Any = None
        if literals:
            import ahocorasick

            self._automaton = ahocorasick.Automaton()
            for number, literal in enumerate(literals):
                self._automaton.add_word(literal, number)
            self._automaton.make_automaton()

    def __contains__(self, pattern: object) -> bool:
        return pattern in self._patterns

    def admitted(self, folded: str) -> set[regex.Pattern[str]]:
        """The patterns whose screens admit a line (folded by :func:`fold`)."""
        found = set(self._always)
        for pattern, screen in self._asked:
            if screen.admits(folded):
                found.add(pattern)
        passed: set[int] = set()  # entries whose first test the line passes
        for length, table in self._heads:
            row = table.get(folded[:length])
            if row is not None:
                found |= row[0]
                passed |= row[1]
        if self._leads:
            row = self._lead(folded[:1])
            found |= row[0]
            passed |= row[1]
        if self._automaton is None:
            return found
        hits = set(map(_second, self._automaton.iter(folded)))
        if not hits:
            return found
        entries: set[int] = set()
        for hit in hits:
            entries.update(self._literals[hit])
        always, rest, owners = self._always_entries, self._rest, self._owners
        for entry in entries:
            if entry in passed or entry in always:
                for clause in rest[entry]:
                    for literal in clause:
                        if literal in folded:
                            break
                    else:
                        break
                else:
                    found.add(owners[entry])
        return found

    def _lead(self, char: str) -> tuple[frozenset[regex.Pattern[str]], frozenset[int]]:
        """The screens whose lead class holds a line's first character (read once a char)."""
        row = self._led.get(char)
        if row is None:
            patterns: set[regex.Pattern[str]] = set()
            entries: set[int] = set()
            for lead, entry in self._leads:
                if not char or not (
                    char in lead.ascii if char.isascii() else lead.pattern.match(char) is not None
                ):
                    continue
                if isinstance(entry, int):
                    entries.add(entry)
                else:
                    patterns.add(entry)
            row = self._led[char] = (frozenset(patterns), frozenset(entries))
        return row


_second = itemgetter(1)


@functools.cache
def _branch_sources(pattern: str, flags: int) -> tuple[str, ...] | None:
    """The sources of the top-level branches :func:`branches_of` splits a pattern into.

    Each branch must read alone as it reads in the alternation: none refers to a group (a
    back reference, a conditional: it could be another branch's) or sets a flag for the
    whole pattern (``(?i)``).
    """
    if flags & regex.VERBOSE or "(?#" in pattern:
        return None  # comments could hide a "|", "(" or "[" from the cut
    whole = _parse(_Source(pattern, flags))
    if whole is None or not _opens_wide(whole):
        return None  # then no branch opens wide either
    sources = _split_branches(pattern)
    if len(sources) < 2:
        return None
    if len(whole) == 1 and whole[0][0] is sre.BRANCH and len(whole[0][1][1]) == len(sources):
        # The alternation's tree holds each branch's, in order (the parser left them apart:
        # it merges branches only into a class or under a common prefix): not read again.
        verbose = bool(flags & regex.VERBOSE)
        for source, items in zip(sources, whole[0][1][1], strict=True):
            _TREES.setdefault((source, verbose), _Tree(items, whole.state))
    trees = [_parse(_Source(source, flags)) for source in sources]
    if any(tree is None or _refers(tree) or tree.state.flags & GLOBAL_FLAGS for tree in trees):
        return None
    if not any(
        _opens_wide(tree) and _prefixes_of(source, flags) is None
        for tree, source in zip(trees, sources, strict=True)
    ):
        return None
    return tuple(sources)


class _Tree(list[Any]):
    """A branch's items taken from its alternation's tree, with that tree's parser state."""

    def __init__(self, items: list[Any], state: Any) -> None:
        super().__init__(items)
        self.state = state


# Flags a pattern can set for itself as a whole (``(?i)``): ``_parse`` passes none of them.
GLOBAL_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.ASCII | re.LOCALE


@functools.cache
def _prefixes_of(source: str, flags: int) -> Screen | None:
    """:meth:`Prefixes.read` of a pattern's source, read once."""
    tree = _parse(_Source(source, flags))
    return None if tree is None else Prefixes.read(tree)


def _refers(items: Any) -> bool:
    """Whether a syntax tree holds a back reference or a conditional (a branch alone
    could then read otherwise)."""
    for op, value in items:
        if op is sre.GROUPREF or op is sre.GROUPREF_EXISTS:
            return True
        if op is sre.SUBPATTERN and _refers(value[-1]):
            return True
        if op is sre.ATOMIC_GROUP and _refers(value):
            return True
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and _refers(value[2]):
            return True
        if op is sre.BRANCH and any(_refers(branch) for branch in value[1]):
            return True
        if op in (sre.ASSERT, sre.ASSERT_NOT) and _refers(value[1]):
            return True
    return False


def _split_branches(source: str) -> list[str]:
    """``source`` cut at each ``|`` outside groups and sets (escapes skipped)."""
    parts: list[str] = []
    depth, index, start, size = 0, 0, 0, len(source)
    in_set = False
    while index < size:
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_set:
            in_set = char != "]"
        elif char == "[":
            # A "]" right after "[" or "[^" is a literal member, not the end of the set.
            index += 1
            if source[index : index + 1] == "^":
                index += 1
            if source[index : index + 1] == "]":
                index += 1
            in_set = True
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
        index += 1
    parts.append(source[start:])
    return parts


def _parse(pattern: regex.Pattern[str] | _Source) -> Any:
    """Python's ``re`` syntax tree of a ``regex`` pattern, or None when the two could read it
    differently (read once per source: the trees are only read, never changed)."""
    key = (pattern.pattern, bool(pattern.flags & regex.VERBOSE))
    tree = _TREES.get(key, _UNREAD)
    if tree is _UNREAD:
        tree = _TREES[key] = _parse_source(*key)
    return tree


# The trees read so far, by source and VERBOSE (a branch's may come from its alternation's).
_TREES: dict[tuple[str, bool], Any] = {}
_UNREAD = object()


def _parse_source(pattern: str, verbose: bool) -> Any:
    if sre_parse is None:
        return None
    source = _for_re(pattern)
    if source is None:
        return None
    flags = re.VERBOSE if verbose else 0
    with warnings.catch_warnings():
        # ``re`` warns where the ``regex`` module's V1 syntax reads otherwise (nested sets,
        # set operations): no screen then.
        warnings.simplefilter("error")
        try:
            return sre_parse.parse(source, flags)
        except (re.error, Warning, ValueError, OverflowError, RecursionError):
            return None


QUANTIFIER = re.compile(r"\{(?:\d+(?:,\d*)?|,\d+)\}")


def _for_re(source: str) -> str | None:
    """``source`` with the ``regex`` module's Unicode properties (``\\p{Lu}``) turned into
    "any character" classes, which do not change what literals a match contains; or None
    for syntax whose meaning could differ between the two modules (a nested set or a set
    operation, a brace that is no plain repeat count such as fuzzy matching's ``{e<=1}``)."""
    out: list[str] = []
    index, size = 0, len(source)
    in_set = False
    while index < size:
        char = source[index]
        if char == "\\":
            escaped = source[index + 1 : index + 2]
            if escaped in ("p", "P"):
                if source[index + 2 : index + 3] == "{":
                    close = source.find("}", index + 3)
                    if close < 0:
                        return None
                    index = close + 1
                else:
                    index += 3  # \pL
                out.append(r"\s\S" if in_set else r"[\s\S]")
                continue
            out.append(source[index : index + 2])
            index += 2
            continue
        if in_set:
            if char == "[" or source[index : index + 2] in ("&&", "||", "--", "~~"):
                return None
            if char == "]":
                in_set = False
            out.append(char)
            index += 1
            continue
        if char == "[":
            # A "]" right after "[" or "[^" is a literal member, not the end of the set.
            end = index + 1
            if source[end : end + 1] == "^":
                end += 1
            if source[end : end + 1] == "]":
                end += 1
            out.append(source[index:end])
            index, in_set = end, True
            continue
        if char == "{":
            found = QUANTIFIER.match(source, index)
            if found is None:
                return None
            out.append(found[0])
            index = found.end()
            continue
        out.append(char)
        index += 1
    return None if in_set else "".join(out)


def _clauses(items: Sequence[tuple[Any, Any]]) -> list[Clause]:
    """The clauses every match of a sequence of ``re`` syntax tree items satisfies."""
    found: list[Clause] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset([_fold("".join(run))]))
            run.clear()

    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        flush()
        if op is sre.SUBPATTERN:
            found.extend(_clauses(value[-1]))
        elif op is sre.ATOMIC_GROUP:
            found.extend(_clauses(value))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if value[0] >= 1:
                found.extend(_clauses(value[2]))
        elif op is sre.BRANCH:
            found.extend(_alternatives([_clauses(branch) for branch in value[1]]))
        elif op is sre.IN:
            members = _members(value)
            if members is not None:
                found.append(members)
        # Anything else (another class, an anchor, a lookaround, a back reference) requires no
        # literal this reader vouches for.
    flush()
    return found


def _members(value: list[tuple[Any, Any]]) -> Clause | None:
    """The characters of a class made only of listed characters (``[.!?]``), else None."""
    if not value or any(op is not sre.LITERAL for op, _ in value):
        return None
    return _reduce(frozenset(_fold(chr(code)) for _, code in value))


def _alternatives(branches: list[list[Clause]]) -> list[Clause]:
    """Clauses of an alternation: one clause of each branch, joined (a match satisfies the
    clause of the branch it took). A branch with no clause leaves the alternation none."""
    if not branches or not all(branches):
        return []
    # The cheapest clauses of each branch, few enough that their combinations stay few.
    keep = 1
    while (keep + 1) ** len(branches) <= MAX_COMBINATIONS and keep < MAX_CLAUSES:
        keep += 1
    best = [sorted(clauses, key=_cost)[:keep] for clauses in branches]
    joined = {_reduce(frozenset().union(*combination)) for combination in product(*best)}
    return sorted(joined, key=_cost)[:MAX_CLAUSES]


def _cost(clause: Clause) -> tuple[int, int, list[str]]:
    """More selective (a longer shortest literal: "accept" is rarer than "i") and then
    cheaper (fewer literals) first; ties in the literals' order, so that a screen does not
    depend on the order of a set (string hashing differs from process to process)."""
    return (-min(map(len, clause)), len(clause), sorted(clause))


def _weak(literal: str) -> bool:
    """A literal found in almost every line ("t", "in", " "): its clause costs more than it
    rules out."""
    return len(literal) < 3 and (literal.isalnum() or literal.isspace())


def _reduce(clause: Clause) -> Clause:
    """Drop a literal that contains another of the clause: the shorter one's presence is the
    weaker condition, and it is implied by the longer one."""
    kept: list[str] = []
    for literal in sorted(clause, key=len):
        if not any(shorter in literal for shorter in kept):
            kept.append(literal)
    return frozenset(kept)


# The ``regex`` module matches the Turkish dotless and dotted i to I and i under IGNORECASE,
# where casefolding keeps them apart ("ı", and "i̇" for "İ"): both sides fold them to "i"
# (dropping the combining dot above), so a match is never lost. Deleting a character from both
# sides, like mapping one, keeps every substring a substring.


def fold(text: str) -> str:
    """Text as screens compare it: casefolded, with the Turkish i's made one.

    >>> fold("Straße İstanbul")
    'strasse istanbul'
    """
    folded = text.casefold()
    if "\u0131" in folded or "\u0307" in folded:  # (str.replace is much faster than translate)
        return folded.replace("\u0131", "i").replace("\u0307", "")
    return folded


def _fold(text: str) -> str:
    return fold(text)


# The first characters a class may match, when it lists few enough to enumerate.
MAX_FIRST = 256
ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")


def _first(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """The folded first characters of every match of a sequence, or None when a match
    may start with any character (or with none: the sequence can match the empty string)."""
    found, nullable = _first_of(items)
    return None if found is None or nullable else frozenset(found)


def _first_of(items: Sequence[tuple[Any, Any]]) -> tuple[set[str] | None, bool]:
    """(first characters, or None for any; whether the sequence can match empty text)."""
    return _edge_of(items, last=False)


def _edge_of(items: Sequence[tuple[Any, Any]], last: bool) -> tuple[set[str] | None, bool]:
    """(the folded first characters of every match, or its last ones where ``last``; None
    for any character; whether the sequence can match empty text)."""
    edge = -1 if last else 0
    found: set[str] = set()
    for op, value in reversed(items) if last else items:
        if op is sre.LITERAL:
            folded = _fold(chr(value))
            if not folded:
                return None, False
            found.add(folded[edge])
            return found, False
        if op is sre.IN:
            codes = _listed_codes(value)
            if codes is None:
                return None, False
            members = [_fold(chr(code)) for code in codes]
            if not all(members):
                return None, False
            found |= {member[edge] for member in members}
            return found, False
        if op.name in ZERO_WIDTH:
            continue  # an anchor or lookaround consumes nothing: the next item is the edge
        if op is sre.SUBPATTERN:
            inner, nullable = _edge_of(value[-1], last)
        elif op is sre.ATOMIC_GROUP:
            inner, nullable = _edge_of(value, last)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            inner, nullable = _edge_of(value[2], last)
            nullable = nullable or value[0] == 0
        elif op is sre.BRANCH:
            inner, nullable = set(), False
            for branch in value[1]:
                found_in, empty = _edge_of(branch, last)
                if found_in is None:
                    return None, False
                inner |= found_in
                nullable = nullable or empty
        else:  # any character, a category, a back reference, a conditional
            return None, False
        if inner is None:
            return None, False
        found |= inner
        if not nullable:
            return found, False
    return found, True


def _listed_codes(value: list[tuple[Any, Any]]) -> list[int] | None:
    """The code points of a class of listed characters and small ranges; None for a negated
    class, a category (\\d, \\s) or a large range."""
    codes: list[int] = []
    for op, member in value:
        if op is sre.LITERAL:
            codes.append(member)
        elif op is sre.RANGE and member[1] - member[0] < MAX_FIRST:
            codes.extend(range(member[0], member[1] + 1))
        else:
            return None
    return codes


# A repeat of at least this many characters at the start makes a pattern worth its literals.
WIDE_REPEAT = 10


def _opens_wide(items: Sequence[tuple[Any, Any]]) -> bool:
    """Whether a match can begin with a repeat of up to ``WIDE_REPEAT`` characters or more."""
    return _wide_start(items)[0]


def _wide_start(items: Sequence[tuple[Any, Any]]) -> tuple[bool, bool]:
    """(whether a match can begin with a wide repeat; whether the sequence can match empty)."""
    for op, value in items:
        if op.name in ZERO_WIDTH:
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if value[1] >= WIDE_REPEAT:
                return True, False
            wide, nullable = _wide_start(value[2])
            nullable = nullable or value[0] == 0
        elif op is sre.SUBPATTERN:
            wide, nullable = _wide_start(value[-1])
        elif op is sre.ATOMIC_GROUP:
            wide, nullable = _wide_start(value)
        elif op is sre.BRANCH:
            starts = [_wide_start(branch) for branch in value[1]]
            wide = any(w for w, _ in starts)
            nullable = any(n for _, n in starts)
        else:
            return False, False
        if wide:
            return True, False
        if not nullable:
            return False, False
    return False, True


# --- prefix screens (anchored patterns: a fullmatch is decided at the line's start) -------

# Prefix lengths tried, longest first, and the most strings a prefix screen may hold.
PREFIX_SIZES = (4, 3, 2)
MAX_PREFIXES = 1024
# Classes too large to list that may open a match: the first character is then tested by the
# ``regex`` module itself (``\\d``: hundreds of digits; ``\\s``).
LEAD_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s"}


class _Unknown(Exception):
    """A match may open with any character: no prefix screen."""


class _TooMany(Exception):
    """More prefixes than :data:`MAX_PREFIXES` at this length."""


class Prefixes:
    """Reads the first ``size`` folded characters every match of an anchored pattern can
    start with, from its syntax tree: literals and listed classes are spelled out, repeats
    and alternatives expanded. Where an item could be any of too many characters, the
    strings read so far become *stems* (a line that opens with one is admitted); at the
    very start only ``\\d`` and ``\\s`` may stand there (the *lead*), anything else leaves
    the pattern unscreened. Lookarounds and anchors consume nothing and are passed over.

    A screen for ``fullmatch``: a match spans the whole line, so the line's folded start is
    the fold of what the pattern's first items matched (every character the ``regex``
    module matches to another case-insensitively folds the same: tests/test_prefilter.py
    holds it over every code point), and a line shorter than ``size`` must be a whole match.

    >>> screen = Prefixes.read(_parse(regex.compile(r"(?:Share|Tweet)\\s*:?|\\d+ shares")))
    >>> screen.admits(fold("SHARE:")), screen.admits(fold("12 shares")), screen.admits(fold("She"))
    (True, True, False)
    """

    def __init__(self, size: int, stem_repeats: bool = False) -> None:
        self.size = size
        # Read an optional repeat of one character (``[>»•-]*`` before a heading) as stems:
        # a line opening with one of its characters is admitted, and the reading goes on
        # past it as if it matched nothing. Tried where spelling out every repeat is too
        # many prefixes: a match the repeat opens with a character opens with such a stem.
        self.stem_repeats = stem_repeats
        self.done: set[str] = set()  # prefixes of ``size`` characters, and whole short matches
        self.stems: set[str] = set()
        self.lead: set[str] = set()  # LEAD_CATEGORIES keys
        self.lead_chars: set[str] = set()

    @classmethod
    def read(cls, tree: Any) -> Screen | None:
        """The prefix screen of a pattern's tree, or None where none is known."""
        if sre is None:  # pragma: no cover
            return None
        for size in PREFIX_SIZES:
            for stem_repeats in (False, True):
                reader = cls(size, stem_repeats)
                try:
                    reader.done |= reader._sequence(list(tree), {""})
                except _Unknown:
                    return None
                except _TooMany:
                    continue
                return reader._screen()
        return None

    def _screen(self) -> Screen:
        stems: dict[int, set[str]] = {}
        for stem in self.stems:
            stems.setdefault(len(stem), set()).add(stem)
        lead = None
        if self.lead or self.lead_chars:
            source = "".join(LEAD_CATEGORIES[name] for name in sorted(self.lead))
            source += "".join(regex.escape(char) for char in sorted(self.lead_chars))
            compiled = regex.compile(f"[{source}]", regex.V1)
            ascii_chars = frozenset(c for c in map(chr, range(128)) if compiled.match(c))
            lead = Lead(compiled, ascii_chars)
        return Screen(
            # The first characters of what is listed: most lines fail this first test.
            first=frozenset(text[:1] for text in self.done | self.stems),
            size=self.size,
            prefixes=frozenset(self.done),
            stems=tuple((length, frozenset(found)) for length, found in sorted(stems.items())),
            lead=lead,
            stem_first=frozenset(stem[:1] for stem in self.stems),
        )

    def _grow(self, opened: set[str], pieces: set[str]) -> set[str]:
        """Each open string followed by each piece; those that reach ``size`` are done."""
        grown: set[str] = set()
        for start in opened:
            for piece in pieces:
                text = start + piece
                if len(text) >= self.size:
                    self.done.add(text[: self.size])
                else:
                    grown.add(text)
        if len(self.done) + len(grown) + len(self.stems) > MAX_PREFIXES:
            raise _TooMany
        return grown

    def _stop(
        self, opened: set[str], lead: set[str] | None = None, chars: frozenset[str] = frozenset()
    ) -> None:
        """Any character may follow: the open strings become stems (at the start, only a
        lead class, ``lead`` categories and ``chars``, may stand there)."""
        for start in opened:
            if start:
                self.stems.add(start)
            elif lead is None:
                raise _Unknown
            else:
                self.lead |= lead
                self.lead_chars |= chars

    def _sequence(self, items: Sequence[tuple[Any, Any]], opened: set[str]) -> set[str]:
        for op, value in items:
            if not opened:
                break
            opened = self._item(op, value, opened)
        return opened

    def _item(self, op: Any, value: Any, opened: set[str]) -> set[str]:
        if op is sre.LITERAL:
            return self._grow(opened, {_fold(chr(value))})
        if op is sre.IN:
            pieces = self._class(value)
            if pieces is not None:
                return self._grow(opened, pieces)
            self._stop(opened, *self._lead_of(value))
            return set()
        if op.name in ZERO_WIDTH:
            return opened
        if op is sre.SUBPATTERN:
            return self._sequence(value[-1], opened)
        if op is sre.ATOMIC_GROUP:
            return self._sequence(value, opened)
        if op is sre.BRANCH:
            found: set[str] = set()
            for branch in value[1]:
                found |= self._sequence(branch, opened)
            return found
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, body = value
            chars = self._one_char(body) if self.stem_repeats and low == 0 else None
            if chars is not None:
                for start in opened:
                    for char in chars:
                        stem = start + char
                        if len(stem) >= self.size:
                            self.done.add(stem[: self.size])
                        else:
                            self.stems.add(stem)
                if len(self.done) + len(self.stems) > MAX_PREFIXES:
                    raise _TooMany
                return opened
            # After size + 1 rounds an open string is as short as one already seen (the
            # body matched empty text), or every string is done.
            rounds = min(high, self.size + 1)
            needed = min(low, rounds)
            found = set()
            for count in range(rounds + 1):
                if count >= needed:
                    found |= opened
                if count == rounds or not opened:
                    break
                opened = self._sequence(body, opened)
            return found
        self._stop(opened)  # any character, a back reference, a conditional
        return set()

    def _one_char(self, body: Any) -> set[str] | None:
        """The folded characters of a repeat's body of one literal or listed class (each
        folding to text that opens a stem), else None."""
        items = list(body)
        if len(items) != 1:
            return None
        op, value = items[0]
        if op is sre.LITERAL:
            pieces: set[str] | None = {_fold(chr(value))}
        elif op is sre.IN:
            pieces = self._class(value)
        else:
            return None
        return None if pieces is None or "" in pieces else pieces

    @staticmethod
    def _class(value: list[tuple[Any, Any]]) -> set[str] | None:
        """The folded members of a class of listed characters and small ranges, else None."""
        codes = _listed_codes(value)
        return None if codes is None else {_fold(chr(code)) for code in codes}

    @staticmethod
    def _lead_of(value: list[tuple[Any, Any]]) -> tuple[set[str] | None, frozenset[str]]:
        """The lead categories and listed first characters of a class that opens a match,
        or (None, ...) when it may open with anything else."""
        names: set[str] = set()
        chars: set[str] = set()
        for op, member in value:
            if op is sre.CATEGORY and member.name in LEAD_CATEGORIES:
                names.add(member.name)
            elif op is sre.LITERAL and _fold(chr(member)):
                chars.add(_fold(chr(member))[0])
            elif op is sre.RANGE and member[1] - member[0] < MAX_FIRST:
                folded = [_fold(chr(code)) for code in range(member[0], member[1] + 1)]
                if not all(folded):
                    return None, frozenset()
                chars |= {f[0] for f in folded}
            else:
                return None, frozenset()
        return names, frozenset(chars)


# --- pair screens (the spacing step's replace patterns) -----------------------------------

# A pair screen of more two-character strings than this costs more than it saves.
MAX_PAIRS = 16


@functools.cache
def pairs_of(pattern: regex.Pattern[str]) -> frozenset[str] | None:
    """Two-character strings of which a text holds one wherever ``pattern`` matches in it;
    None when the pattern's syntax tree names no such pairs (or few enough of them).

    A pattern that removes the spaces before a stop (``[ \\t]+(?=[,.])``) runs over the
    whole text, trying every position, though most texts hold no space before a stop; a
    substring test for `` ,``, `` .``, ``\\t,`` and ``\\t.`` decides that much sooner. The
    pairs are read at a point of the pattern where the character before it is one of a few
    listed characters and the character after it is too (a lookahead or lookbehind counts:
    it reads the text where it stands). Patterns with case folding get none.

    >>> sorted(pairs_of(regex.compile(r"(?<=\\w)[ \\t]+(?=[;:])")))
    ['\\t:', '\\t;', ' :', ' ;']
    >>> pairs_of(regex.compile(r"\\s+,")) is None
    True
    """
    if pattern.flags & regex.IGNORECASE:
        return None
    tree = _parse(pattern)
    if tree is None or tree.state.flags & regex.IGNORECASE:
        return None
    items = list(tree)
    best: frozenset[str] | None = None
    for split in range(1, len(items)):
        before, after = _last(items[:split]), _next(items[split:])
        if before is None or after is None or len(before) * len(after) > MAX_PAIRS:
            continue
        pairs = frozenset(a + b for a in before for b in after)
        if best is None or len(pairs) < len(best):
            best = pairs
    return best


def _chars(op: Any, value: Any) -> frozenset[str] | None:
    """The characters a one-character item matches: a literal, or a class that lists them."""
    if op is sre.LITERAL:
        return frozenset(chr(value))
    if op is sre.IN and value and all(member is sre.LITERAL for member, _ in value):
        return frozenset(chr(code) for _, code in value)
    return None


def _cased(value: Any) -> bool:
    """Whether a group turns case folding on (``(?i:...)``)."""
    return bool(value[1] & regex.IGNORECASE)


def _next(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """The characters the text must have where a match of ``items`` starts (a lookahead
    there counts), or None when that is not known or may be past the text's end."""
    for op, value in items:
        if op is sre.AT or op is sre.ASSERT_NOT or (op is sre.ASSERT and value[0] < 0):
            continue  # consumes nothing and tells nothing of the next character
        if op is sre.ASSERT:
            found = _next(value[1])
            if found is not None:
                return found
            continue
        return _item(op, value, _next)
    return None


def _last(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """The characters the text must have just before where a match of ``items`` ends (a
    lookbehind there counts), or None when that is not known or may be before the start."""
    for op, value in reversed(items):
        if op is sre.AT or op is sre.ASSERT_NOT or (op is sre.ASSERT and value[0] > 0):
            continue
        if op is sre.ASSERT:
            found = _last(value[1])
            if found is not None:
                return found
            continue
        return _item(op, value, _last)
    return None


def _item(op: Any, value: Any, edge: Any) -> frozenset[str] | None:
    """The edge characters of one item that consumes text (``edge`` is _next or _last)."""
    chars = _chars(op, value)
    if chars is not None:
        return chars
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return edge(value[2]) if value[0] >= 1 else None
    if op is sre.SUBPATTERN:
        return None if _cased(value) else edge(value[-1])
    if op is sre.ATOMIC_GROUP:
        return edge(value)
    if op is sre.BRANCH:
        found: set[str] = set()
        for branch in value[1]:
            chars = edge(branch)
            if chars is None:
                return None
            found |= chars
        return frozenset(found)
    return None
