"""Move header fields that scrapers glue to the text into the metadata.

A leading ``date YYYY-MM-DD``, on a line of its own or glued to the text that follows, becomes
``meta["date"]``; the rest of that line stays and is cleaned like any other. "Leading" means
on the first line with content, not counting lines that boilerplate rules remove from the top
of any page (an ``[ad_1]`` before the date), so a second run finds nothing new.

>>> from cleaner.api import Cleaner
>>> result = Cleaner(default_rules=False).clean(" date 2020-09-28 The President spoke.")
>>> result.meta["date"], result.text
('2020-09-28', 'The President spoke.\\n')
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import regex

from cleaner.document import Batch, Document, Edit, Line
from cleaner.options import Context
from cleaner.rules import LineSpec, Rule, time_limit

# The date must be a real calendar date; the spaces after it go with it.
LEADING_DATE = regex.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*")


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    # The date line comes first: only when there is one do the lines above it need the
    # rules' judgement (the rules of every language: a first document compiles them all).
    lines = doc.lines()
    dated = _first_date(doc, lines)
    if dated is None:
        return
    number, found = dated
    removable = [
        rule
        for rule in ctx.rules_of("remove_line")
        if isinstance(rule.spec, LineSpec) and rule.spec.where in ("anywhere", "head")
    ]
    # Whether a line is removable is a pure function of its content (and the rules): kept
    # for the document, as the settle passes ask again about the same first lines.
    patterns = tuple(rule.spec.pattern for rule in removable if isinstance(rule.spec, LineSpec))

    def gone(content: str) -> bool:
        return any(_removable(rule, content, ctx, doc) for rule in removable)

    for line in lines[:number]:
        if not line.blank and not doc.line_memo.remember(
            ("metadata.removable", patterns), line.content, gone
        ):
            return
    line = lines[number]
    whole = found.end() == len(line.text)
    end = line.stop if whole else line.start + found.end()
    doc.meta["date"] = found[1]
    yield [Edit(line.start, end, "", "metadata.date", "move_to_metadata")]


def _first_date(doc: Document, lines: list[Line]) -> tuple[int, regex.Match[str]] | None:
    """The index of the first line that opens with a real ``date YYYY-MM-DD``, and its match."""
    if "date" not in doc.text:
        return None
    for number, line in enumerate(lines):
        found = LEADING_DATE.match(line.text) if "date" in line.text else None
        if found and _is_date(found[1]):
            return number, found
    return None


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _removable(rule: Rule, line: str, ctx: Context, doc: Document) -> bool:
    assert isinstance(rule.spec, LineSpec)
    seconds = ctx.timeout(rule)
    with time_limit(rule, seconds):
        # Remembered: the boilerplate step asks the same of the same lines.
        return doc.line_memo.fullmatch(rule.spec.pattern, line, seconds)
