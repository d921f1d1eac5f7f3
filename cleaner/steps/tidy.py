"""Last step: white space invariants that hold whatever earlier steps removed.

No leading or trailing white space on a line, runs of spaces and tabs collapsed to one space,
at most one blank line between paragraphs, no blank lines at the edges, and exactly one final
newline (none for an empty text). Paragraph breaks are kept.

>>> from cleaner.api import Cleaner
>>> Cleaner(default_rules=False).clean("\\n  a \\t b  \\n\\n\\n\\nc").text
'a b\\n\\nc\\n'
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from cleaner.document import Batch, Document, Edit
from cleaner.options import Context

LINE_EDGE = regex.compile(r"(?m)^[^\S\n]+|[^\S\n]+$")
INNER_RUN = regex.compile(r"(?<=[^\s])(?:[ \t]{2,}|\t)(?=[^\s])")
EXTRA_BLANK_LINES = regex.compile(r"\n{3,}")
LEADING_BLANK = regex.compile(r"\A\n+")
TRAILING = regex.compile(r"\n*\Z")


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    yield [
        Edit(m.start(), m.end(), "", "tidy.line-edges", "normalize")
        for m in LINE_EDGE.finditer(doc.text)
    ] + [
        Edit(m.start(), m.end(), " ", "tidy.spaces", "normalize")
        for m in INNER_RUN.finditer(doc.text)
    ]
    yield [
        Edit(m.start(), m.end(), "\n\n", "tidy.blank-lines", "normalize")
        for m in EXTRA_BLANK_LINES.finditer(doc.text)
    ]
    edits = [
        Edit(m.start(), m.end(), "", "tidy.blank-lines", "normalize")
        for m in LEADING_BLANK.finditer(doc.text)
    ]
    end = TRAILING.search(doc.text)
    assert end is not None
    final = "\n" if end.start() > 0 else ""
    edits.append(Edit(end.start(), end.end(), final, "tidy.final-newline", "normalize"))
    yield edits
