"""Repair spacing and glued words: rule kind ``replace`` (a pattern and its replacement).

>>> from cleaner.api import Cleaner
>>> Cleaner().clean("On the night of November10 , they signed.").text
'On the night of November 10, they signed.\\n'
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

import regex

from cleaner.document import Batch, Document, Edit
from cleaner.options import Context
from cleaner.prefilter import _parse, sre
from cleaner.rules import ReplaceSpec, time_limit

KINDS = ("replace",)

# A pair screen of more two-character strings than this costs more than it saves.
MAX_PAIRS = 16


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    for rule in ctx.rules_of(*KINDS):
        if not rule.when.hold(doc.text, doc.rule_language):
            continue
        spec = rule.spec
        assert isinstance(spec, ReplaceSpec)
        pairs = pairs_of(spec.pattern)
        if pairs is not None and not any(pair in doc.text for pair in pairs):
            continue  # no match can be found: the pattern is not run
        seconds = ctx.timeout(rule)
        with time_limit(rule, seconds):
            edits = [
                Edit(m.start(), m.end(), m.expand(spec.replacement), rule.id, "replace")
                for m in spec.pattern.finditer(doc.text, timeout=seconds)
            ]
        yield edits


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
