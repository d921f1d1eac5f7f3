"""Repair spacing and glued words: rule kind ``replace`` (a pattern and its replacement).

>>> from cleaner.api import Cleaner
>>> Cleaner().clean("On the night of November10 , they signed.").text
'On the night of November 10, they signed.\\n'
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from cleaner.document import Batch, Document, Edit, limited
from cleaner.options import Context
from cleaner.prefilter import pairs_of
from cleaner.rules import ReplaceSpec, time_limit

KINDS = ("replace",)


def holds_pair(text: str, pairs: frozenset[str]) -> bool:
    """Whether ``text`` holds one of ``pairs`` (two-character strings), each looked for only
    where the text holds its first character: a one-character search is far quicker than a
    two-character one, and most texts hold no tab.

    >>> holds_pair("a ,b", frozenset({"\\t,", " ,"})), holds_pair("a,b", frozenset({" ,"}))
    (True, False)
    """
    return any(
        first in text and any(map(text.__contains__, group))
        for first, group in _by_first(pairs)
    )


@functools.cache
def _by_first(pairs: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``pairs`` grouped by their first character (a rule's pairs, read once)."""
    groups: dict[str, list[str]] = {}
    for pair in sorted(pairs):
        groups.setdefault(pair[0], []).append(pair)
    return tuple((first, tuple(group)) for first, group in groups.items())

def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    # The rules whose language conditions hold, read once per language; each rule's terms
    # and pairs are looked for in the text as the rules before it left it.
    for rule in ctx.rules.in_language(KINDS, doc.rule_language)[0]:
        if rule.when.mentions and not rule.when.hold(doc.text, doc.rule_language):
            continue
        spec = rule.spec
        assert isinstance(spec, ReplaceSpec)
        pairs = pairs_of(spec.pattern)
        if pairs is not None and not holds_pair(doc.text, pairs):
            continue  # no match can be found: the pattern is not run
        seconds = ctx.timeout(rule)
        with time_limit(rule, seconds):
            edits = [
                Edit(m.start(), m.end(), m.expand(spec.replacement), rule.id, "replace")
                for m in limited(spec.pattern.finditer, seconds)(doc.text)
            ]
        yield edits
