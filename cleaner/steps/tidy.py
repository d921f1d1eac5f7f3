"""Last step: white space invariants that hold whatever earlier steps removed.

No leading or trailing white space on a line, runs of spaces and tabs collapsed to one space,
at most one blank line between paragraphs, no blank lines at the edges, and exactly one final
newline (none for an empty text). Paragraph breaks are kept.

>>> from cleaner.api import Cleaner
>>> Cleaner(default_rules=False).clean("\\n  a \\t b  \\n\\n\\n\\nc").text
'a b\\n\\nc\\n'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import regex

from cleaner.document import Batch, Document, Edit
from cleaner.options import Context

# White space that tidy trims from line edges: what the regex ``[^\S\n]`` matches.
EDGE_SPACE = (
    "\t\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
NO_BREAK_SPACE = regex.compile(r"[\u00a0\u202f\u2007]")
# A no-break space French keeps: after « or before », ; : ! ?
FRENCH_NO_BREAK = regex.compile(r"(?<=«)[\u00a0\u202f]|[\u00a0\u202f](?=[»;:!?])")
# Where French wants one and has nothing: after «, before » and before ; ! ? that end a word.
FRENCH_MISSING = regex.compile(
    r"(?<=«)(?=\p{L})|(?<=[\p{L}.!?…])(?=»)|(?<=\p{L})(?=[;!?]+(?:\s|$|»))"
)
# Where French has a plain space: after « and before » it becomes a thin no-break one.
FRENCH_PLAIN = regex.compile(r"(?<=«)[ \t]+(?=\S)|(?<=\S)[ \t]+(?=»)")
INNER_RUN = regex.compile(r"(?<=[^\s])(?:[ \t]{2,}|\t)(?=[^\s])")
EXTRA_BLANK_LINES = regex.compile(r"\n{3,}")
LEADING_BLANK = regex.compile(r"\A\n+")


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    # No-break spaces become spaces, except where French typography puts them: inside « »
    # and before ; : ! ? (a thin one, U+202F, is inserted where French text has none, and
    # replaces a plain space inside « »).
    french = doc.rule_language == "fr"
    yield [
        Edit(m.start(), m.end(), " ", "tidy.no-break-space", "replace")
        for m in NO_BREAK_SPACE.finditer(doc.text)
        if not (french and FRENCH_NO_BREAK.match(doc.text, m.start()))
    ] + [
        Edit(m.start(), m.end(), "\u202f", "tidy.french-spacing", "replace")
        for pattern in ((FRENCH_MISSING, FRENCH_PLAIN) if french else ())
        for m in pattern.finditer(doc.text)
    ]
    # A run to collapse holds a tab or two spaces: a text with neither is not searched (the
    # pattern opens with a lookbehind, so the engine would try it at every position).
    runs: Iterable[regex.Match[str]] = ()
    if "\t" in doc.text or "  " in doc.text:
        runs = INNER_RUN.finditer(doc.text)
    yield [
        Edit(start, end, "", "tidy.line-edges", "normalize") for start, end in _edges(doc)
    ] + [Edit(m.start(), m.end(), " ", "tidy.spaces", "normalize") for m in runs]
    yield [
        Edit(m.start(), m.end(), "\n\n", "tidy.blank-lines", "normalize")
        for m in EXTRA_BLANK_LINES.finditer(doc.text)
    ]
    edits = [
        Edit(m.start(), m.end(), "", "tidy.blank-lines", "normalize")
        for m in LEADING_BLANK.finditer(doc.text)
    ]
    # The final run of line breaks (a regex ``\n*\Z`` would be tried at every position).
    start = len(doc.text.rstrip("\n"))
    final = "\n" if start > 0 else ""
    edits.append(Edit(start, len(doc.text), final, "tidy.final-newline", "normalize"))
    yield edits


def idempotent(doc: Document) -> bool:
    """Whether this step changes nothing on its own output, for this document: true but in
    French, where a figure space after « becomes a plain space that the next run makes a
    thin one (``tests/test_properties.py`` holds the rest for any text).

    >>> doc = Document("a", "« oui »")
    >>> doc.rule_language = "fr"
    >>> idempotent(doc)
    False
    """
    return doc.rule_language != "fr"


def _edges(doc: Document) -> Iterator[tuple[int, int]]:
    """The white space at the start and at the end of each line, found with ``str.strip``.

    A regex ``[^\\S\\n]+$`` would retry from every space of a long run: quadratic.
    """
    for line in doc.lines():
        content = line.text.lstrip(EDGE_SPACE)
        if not content:
            if line.text:
                yield line.start, line.end
            continue
        if len(content) < len(line.text):
            yield line.start, line.end - len(content)
        right = len(content.rstrip(EDGE_SPACE))
        if right < len(content):
            yield line.end - len(content) + right, line.end
