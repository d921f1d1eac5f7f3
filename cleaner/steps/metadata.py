"""Move header fields that scrapers glue to the text into the metadata.

A leading ``date YYYY-MM-DD``, on a line of its own or glued to the text that follows, becomes
``meta["date"]``; the rest of that line stays and is cleaned like any other.

>>> from cleaner.api import Cleaner
>>> result = Cleaner(default_rules=False).clean(" date 2020-09-28 The President spoke.")
>>> result.meta["date"], result.text
('2020-09-28', 'The President spoke.\\n')
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import regex

from cleaner.document import Batch, Document, Edit
from cleaner.options import Context

# Blank lines and spaces may come first; the date must be a real calendar date.
LEADING_DATE = regex.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b(?:[ \t]*\n|[ \t]*)")


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    found = LEADING_DATE.match(doc.text)
    if not found:
        return
    try:
        datetime.date.fromisoformat(found[1])
    except ValueError:
        return
    doc.meta["date"] = found[1]
    yield [Edit(found.start(), found.end(), "", "metadata.date", "move_to_metadata")]
