"""Pair quote marks within each paragraph, repair their spacing, and write one style.

Machine translation flips and misplaces quote marks (``anyone, “Aliyev told``), so a mark's
direction in the input says little. Within a paragraph, double marks are paired in order:
first opens, second closes. An opener hugs the word after it and a closer the word before
it, so ``anyone, “Aliyev told`` becomes ``anyone," Aliyev told`` and ``of” historical
justice “and`` becomes ``of "historical justice" and``. With an odd count, a mark standing
apart (white space or the paragraph's edge on both sides) is the one dropped; a quotation
continued into the next paragraph (both open with a mark) keeps its open end.

Single marks: an apostrophe inside a word stays; a closing mark with no open single quote is
a stray (``killed’ and``) and goes, unless the word ends in s or z (``soldiers' families``).

>>> from cleaner.api import Cleaner
>>> Cleaner().clean("« empty, silent », he said of the country’s “capital”.").text
'"empty, silent", he said of the country\\'s "capital".\\n'
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from cleaner.document import Batch, Document, Edit, Line
from cleaner.options import Context
from cleaner.rules import QuoteSpec, Rule

KINDS = ("quotes",)

STYLES = {
    # style: (open double, close double, open single, close single / apostrophe)
    "straight": ('"', '"', "'", "'"),
    "curly": ("\u201c", "\u201d", "\u2018", "\u2019"),
}
# What may stand right before an opening mark without a space.
OPENING_CONTEXT = frozenset("([{<\u2014\u2013-/")
SPACE = frozenset(" \t")
GUILLEMETS = frozenset("«»‹›")
STRAIGHTEN = str.maketrans("‘’‚‛´ʼ", "''''''")
DECADE = regex.compile(r"'\d0s(?!\w)")
# A line ending like this ends a paragraph in a document that puts one paragraph per line.
# Quote marks after the punctuation do not count, so removing or restyling them never changes
# how a block is read.
PARAGRAPH_END = regex.compile(r"[.!?:;)\]…][\s\"'“”‘’«»„‟‚‛‹›]*$")
# What a line's last character alone tells of that pattern: it matches where the line ends in
# one of its end marks, and cannot where the line ends in an ASCII letter or digit.
END_MARKS = frozenset(".!?:;)]…")
ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


# Each language's double quotation marks, as (opening, closing) pairs; a language may have
# several (German „…“, »…« and the Swiss «…»). A mark that only opens (or only closes) in the
# document's language tells its direction; one that does both, or a language not listed, does
# not, and then nothing is flipped. Sources: the national style guides as summarized in
# Wikipedia's "Quotation mark" table.
CONVENTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "fr": (("«", "»"), ("“", "”")),
    "de": (("„", "“"), ("»", "«"), ("«", "»")),
    "ru": (("«", "»"), ("„", "“")),
    "uk": (("«", "»"), ("„", "“")),
    "be": (("«", "»"), ("„", "“")),
    "bg": (("„", "“"), ("«", "»")),
    "cs": (("„", "“"), ("»", "«")),
    "sk": (("„", "“"), ("»", "«")),
    "pl": (("„", "”"), ("«", "»")),
    "ro": (("„", "”"), ("«", "»")),
    "hu": (("„", "”"), ("»", "«")),
    "nl": (("“", "”"), ("„", "”")),
    "es": (("«", "»"), ("“", "”")),
    "pt": (("«", "»"), ("“", "”")),
    "it": (("«", "»"), ("“", "”")),
    "ca": (("«", "»"), ("“", "”")),
    "el": (("«", "»"), ("“", "”")),
    "tr": (("“", "”"), ("«", "»")),
    "hy": (("«", "»"),),
    "ka": (("„", "“"),),
    "da": (("»", "«"), ("„", "“")),
    "sv": (("”", "”"), ("»", "»")),
    "fi": (("”", "”"), ("»", "»")),
    "zh": (("“", "”"),),
    "ja": (("“", "”"),),
}
# ``--quotes keep`` writes no style: an English document's pairs are turned round in the
# curly convention it was written in.
KEEP_CONVENTIONS = {**CONVENTIONS, "en": (("\u201c", "\u201d"),)}
# Guillemets that French spaces from the words they enclose (tidy puts U+202F there).
SPACED = {"fr": frozenset("«»")}


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    chosen = ctx.options.quotes
    language = doc.rule_language
    if chosen == "keep" or (chosen == "auto" and language != "en"):
        # Another language's marks, or a corpus whose marks are to stay: its own conventions,
        # never English quotes. ``keep`` restyles and removes no mark: it repairs pairing
        # (backwards pairs turned round) and the spaces inside pairs.
        keep = chosen == "keep"
        pairs = (KEEP_CONVENTIONS if keep else CONVENTIONS).get(language or "")
        for rule in ctx.rules_of(*KINDS):
            if rule.when.hold(doc.text, language):
                assert isinstance(rule.spec, QuoteSpec)
                yield find_native_edits(
                    doc.text, doc.lines(), rule, rule.spec, language, pairs, strays=not keep
                )
        return
    style = STYLES["straight" if chosen == "auto" else chosen]
    for rule in ctx.rules_of(*KINDS):
        if rule.when.hold(doc.text, language):
            assert isinstance(rule.spec, QuoteSpec)
            yield find_edits(doc.text, doc.lines(), rule, rule.spec, style)


def find_native_edits(
    text: str,
    lines: list[Line],
    rule: Rule,
    spec: QuoteSpec,
    language: str | None,
    pairs: tuple[tuple[str, str], ...] | None,
    *,
    strays: bool = True,
) -> list[Edit]:
    """Repairs that keep a language's own marks (``„Ja“``, ``« oui »``), per paragraph.

    The double marks of a paragraph pair in order. Only what is unambiguous changes:

    - spaces inside a pair whose marks open and close in this language go (``„ Ja “`` to
      ``„Ja“``), except inside French guillemets, which keep (or get, in tidy) a thin space;
    - with ``pairs`` (a known language): a pair written backwards with marks that only close
      and only open in it is turned round (``“Ja„`` to ``„Ja“``, French ``»oui«`` to
      ``«oui»``); with ``strays`` (not in ``keep``) and an odd count, the one mark standing
      apart between spaces is a stray and goes, when the rest then pair in the language's
      directions.

    Marks of another convention (English ``"…"`` in German text) are left as written. Linear
    in the marks of a paragraph.

    >>> from cleaner.api import Cleaner
    >>> text = "Der Minister sagte: “ Wir verhandeln „, und ging. Dann reiste er nach Moskau ab."
    >>> Cleaner().clean(text).text
    'Der Minister sagte: „Wir verhandeln“, und ging. Dann reiste er nach Moskau ab.\\n'
    """
    every = (*(p for group in CONVENTIONS.values() for p in group), ('"', '"'))
    table = pairs or every
    opens = {o for o, _ in table} | {'"'}
    closes = {c for _, c in table} | {'"'}
    # Spaces inside a pair go when its marks open and close in this language; in ``keep``
    # (no strays), in any language: the corpus may mix conventions.
    hug_opens = opens if strays else {o for o, _ in every}
    hug_closes = closes if strays else {c for _, c in every}
    spaced = SPACED.get(language or "", frozenset())
    edits: list[Edit] = []
    # The marks of the whole text, found once (a text holding none needs no paragraphs).
    doubles = mark_positions(text, spec.double)
    if not doubles:
        return edits
    for start, end in paragraphs(lines):
        marks = _marks(text, start, end, spec.double_marks, _within(doubles, start, end))
        if not marks:
            continue
        if len(marks) % 2:
            drop = _native_stray(text, marks, opens, closes, spaced) if pairs and strays else None
            if drop is None:
                continue  # which mark is the odd one out is not clear: all stay
            edits.append(
                Edit(
                    drop.position, drop.position + 1, "", rule.id, "remove",
                    note="unpaired quote mark",
                )
            )
            marks = [m for m in marks if m is not drop]
        for first, second in zip(marks[0::2], marks[1::2], strict=True):
            left, right = text[first.position], text[second.position]
            if (
                pairs
                and left in closes - opens
                and right in opens - closes
                and (first.left_open or first.left in OPENING_CONTEXT)
            ):
                left, right = right, left  # written backwards: turned round
                edits.append(Edit(first.position, first.position + 1, left, rule.id, "replace"))
                edits.append(
                    Edit(second.position, second.position + 1, right, rule.id, "replace")
                )
            if left not in hug_opens or right not in hug_closes:
                continue
            edits.extend(_hug(text, first, second, left, right, spaced, rule))
    edits.sort(key=lambda e: (e.start, e.end))
    return edits


def _native_stray(
    text: str, marks: list[Mark], opens: set[str], closes: set[str], spaced: frozenset[str]
) -> Mark | None:
    """The one mark of an odd count that stands apart, if the rest then pair rightly."""
    apart = [m for m in marks if m.apart and text[m.position] not in spaced]
    if len(apart) != 1:
        return None
    rest = [m for m in marks if m is not apart[0]]
    for first, second in zip(rest[0::2], rest[1::2], strict=True):
        if text[first.position] not in opens or text[second.position] not in closes:
            return None
    return apart[0]


def _hug(
    text: str,
    first: Mark,
    second: Mark,
    left: str,
    right: str,
    spaced: frozenset[str],
    rule: Rule,
) -> Iterator[Edit]:
    """No plain spaces between a pair's marks and the words they enclose."""
    if left in spaced or right in spaced:
        return
    stop = first.position + 1
    while stop < second.position and text[stop] in SPACE:
        stop += 1
    if stop > first.position + 1 and stop < second.position:
        yield Edit(first.position + 1, stop, "", rule.id, "normalize")
    begin = second.position
    while begin > stop and text[begin - 1] in SPACE:
        begin -= 1
    if begin < second.position and begin > first.position + 1:
        yield Edit(begin, second.position, "", rule.id, "normalize")


def paragraphs(lines: list[Line]) -> list[tuple[int, int]]:
    """(start, end) offsets of each paragraph.

    A paragraph is a block between blank lines, or a single line where the block reads as one
    paragraph per line (most of its lines end a sentence) rather than as hard-wrapped text.
    """
    spans: list[tuple[int, int]] = []
    block: list[Line] = []
    for line in [*lines, None]:
        if line is not None and not line.blank:
            block.append(line)
            continue
        if block:
            ends = sum(1 for b in block[:-1] if _ends_paragraph(b.text))
            if len(block) > 1 and ends * 2 >= len(block) - 1:
                spans.extend((b.start, b.end) for b in block)
            else:
                spans.append((block[0].start, block[-1].end))
            block = []
    return spans


def _ends_paragraph(text: str) -> bool:
    """Whether ``PARAGRAPH_END`` matches in ``text``, asked of the pattern only where the
    last character does not tell."""
    last = text[-1:]
    if last in END_MARKS:
        return True
    if last in ASCII_ALNUM:
        return False
    return PARAGRAPH_END.search(text) is not None


@dataclass(slots=True)
class Mark:
    position: int
    left: str  # "" at the paragraph's edge
    right: str

    @property
    def left_open(self) -> bool:
        return not self.left or self.left.isspace()

    @property
    def right_open(self) -> bool:
        return not self.right or self.right.isspace()

    @property
    def apart(self) -> bool:
        return self.left_open and self.right_open


def find_edits(
    text: str, lines: list[Line], rule: Rule, spec: QuoteSpec, style: tuple[str, str, str, str]
) -> list[Edit]:
    edits: list[Edit] = []
    # The marks of the whole text, found once: a paragraph holding none is passed over (and
    # a text holding none needs no paragraphs).
    doubles = mark_positions(text, spec.double)
    singles = mark_positions(text, spec.single)
    if not doubles and not singles:
        return edits
    spans = paragraphs(lines)
    starts = [start for start, _ in spans]
    # Only the paragraphs that hold a mark, in order (each mark's paragraph by its start).
    holding = sorted({bisect_right(starts, at) - 1 for at in (*doubles, *singles)})
    for index in holding:
        if index < 0:
            continue
        start, end = spans[index]
        double = _within(doubles, start, end)
        single = _within(singles, start, end)
        if double:
            following = text[spans[index + 1][0]] if index + 1 < len(spans) else ""
            edits.extend(_double(text, start, end, following, rule, spec, style, double))
        if single:
            edits.extend(_single(text, start, end, rule, spec, style, single))
    return edits


def mark_positions(text: str, marks: Iterable[str]) -> list[int]:
    """Where any of ``marks`` (single characters) occurs in ``text``, in order: what their
    character class's ``finditer`` finds, by one ``str.find`` run per mark (a search in C)
    rather than the regex engine tried at every position (a tenth of the time).

    >>> mark_positions("the ‘so-called’ state's", "'‘’")
    [4, 14, 21]
    """
    found: list[int] = []
    for mark in marks:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    found.sort()
    return found


def _within(positions: list[int], start: int, end: int) -> list[int]:
    """The positions (sorted) from ``start`` up to ``end``."""
    return positions[bisect_left(positions, start) : bisect_left(positions, end)]


def _marks(
    text: str, start: int, end: int, chars: regex.Pattern[str], at: list[int] | None = None
) -> list[Mark]:
    """The marks of ``text[start:end]`` (those at ``at``, when the caller found them)."""
    found = (m.start() for m in chars.finditer(text, start, end)) if at is None else at
    return [
        Mark(i, text[i - 1] if i > start else "", text[i + 1] if i + 1 < end else "")
        for i in found
    ]


def _double(
    text: str,
    start: int,
    end: int,
    following: str,
    rule: Rule,
    spec: QuoteSpec,
    style: tuple[str, str, str, str],
    at: list[int] | None = None,
) -> Iterator[Edit]:
    marks = _marks(text, start, end, spec.double_marks, at)
    if not marks:
        return
    opener, closer = style[0], style[1]
    if len(marks) % 2:
        # A quotation continued into the next paragraph: this one opens with a mark, the
        # next does too, and the mark left open here is an opener, not a stray.
        continued = (
            marks[0].position == start
            and not marks[0].right_open
            and following in spec.double
            and not marks[-1].right_open
        )
        # Guillemets point the way they go: with French spacing (« word ») they stand apart
        # without being strays, so another mark that stands apart is dropped first.
        apart = [m for m in marks if m.apart]
        apart = [m for m in apart if text[m.position] not in GUILLEMETS] or apart
        if not continued and apart:
            drop = _best_to_drop(marks, apart)
            yield Edit(
                drop.position, drop.position + 1, "", rule.id, "remove", note="unpaired quote mark"
            )
            marks = [m for m in marks if m is not drop]
        elif not continued:
            # Unpairable and nothing stands apart: keep the marks where they are, in style.
            for m in marks:
                mark = opener if m.left_open or m.left in OPENING_CONTEXT else closer
                if text[m.position] != mark:
                    yield Edit(m.position, m.position + 1, mark, rule.id, "replace")
            return
    # Only edits that change something are made: ``Document.apply`` skips the others without
    # letting them stand in the way of any edit, and a settle pass finds every mark in style.
    last_end = start
    for number, m in enumerate(marks):
        begin, stop, after = _open(text, m, opener) if number % 2 == 0 else _close(text, m, closer)
        begin = max(begin, last_end)  # an empty quotation: the opener already took the spaces
        last_end = stop
        if text[begin:stop] != after:
            yield Edit(begin, stop, after, rule.id, "replace")


def _best_to_drop(marks: list[Mark], candidates: list[Mark]) -> Mark:
    """The candidate whose removal leaves the fewest marks on the wrong side of their word
    when the rest are paired in order (ties: the last one).

    Removing mark j flips the role of every mark after it, so the count is the conflicts
    before j in their own roles plus those after j in flipped roles: prefix and suffix sums,
    linear in the marks, not one recount per candidate.
    """
    def wrong(m: Mark, opener: bool) -> bool:
        return m.right_open if opener else m.left_open

    count = len(marks)
    before = [0] * (count + 1)  # conflicts of marks[:j] in their own roles
    for j, m in enumerate(marks):
        before[j + 1] = before[j] + wrong(m, j % 2 == 0)
    after = [0] * (count + 1)  # conflicts of marks[j:] with their roles flipped
    for j in range(count - 1, -1, -1):
        after[j] = after[j + 1] + wrong(marks[j], j % 2 == 1)
    index = {id(m): j for j, m in enumerate(marks)}
    best, best_cost = candidates[-1], None
    for m in reversed(candidates):
        j = index[id(m)]
        cost = before[j] + after[j + 1]
        if best_cost is None or cost < best_cost:
            best, best_cost = m, cost
    return best


def _open(text: str, m: Mark, mark: str) -> tuple[int, int, str]:
    """An opening mark: a space before it (unless after a bracket or dash), none after; as
    the span to replace and its replacement."""
    stop = m.position + 1
    while stop < len(text) and text[stop] in SPACE:
        stop += 1
    before = " " if m.left and not m.left.isspace() and m.left not in OPENING_CONTEXT else ""
    return m.position, stop, before + mark


def _close(text: str, m: Mark, mark: str) -> tuple[int, int, str]:
    """A closing mark: no space before it, a space after it when a word follows; as the
    span to replace and its replacement."""
    begin = m.position
    while begin > 0 and text[begin - 1] in SPACE:
        begin -= 1
    after = " " if m.right and (m.right.isalnum()) else ""
    return begin, m.position + 1, mark + after


def _single(
    text: str,
    start: int,
    end: int,
    rule: Rule,
    spec: QuoteSpec,
    style: tuple[str, str, str, str],
    at: list[int] | None = None,
) -> Iterator[Edit]:
    marks = _marks(text, start, end, spec.single_marks, at)
    opening, apostrophe = style[2], style[3]
    roles: dict[int, str] = {}
    open_marks: list[int] = []
    skip: set[int] = set()
    for m in marks:
        i = m.position
        if i in skip:
            continue
        if m.left.isalnum() and m.right.isalpha():
            roles[i] = apostrophe  # inside a word: country's, don't
            continue
        # Read only past the test above: most marks are apostrophes inside a word.
        elision = _elision(text, i, end, spec)
        if elision and (m.left_open or not m.left.isalnum()):
            roles[i] = apostrophe  # 'n', '90s, 'em
            inner = text.find(text[i], i + 1, i + len(elision))
            if inner >= 0:
                roles[inner] = apostrophe
                skip.add(inner)
        elif (m.left_open or m.left in OPENING_CONTEXT or m.left in spec.double) and not (
            m.right_open
        ):
            open_marks.append(i)
        elif not m.left_open and (m.right_open or not m.right.isalnum()):
            if open_marks:
                roles[open_marks.pop()] = opening
                roles[i] = apostrophe
            elif _word_before(text, i, start).lower().endswith(tuple(spec.possessive_endings)):
                roles[i] = apostrophe  # soldiers' families
            else:
                yield Edit(i, i + 1, "", rule.id, "remove", note="stray apostrophe")
        else:
            roles[i] = apostrophe
    for i in open_marks:  # opened but never closed: an apostrophe after all ('cause)
        roles[i] = apostrophe
    for i, mark in sorted(roles.items()):
        if text[i] != mark:
            yield Edit(i, i + 1, mark, rule.id, "replace")


def _elision(text: str, i: int, end: int, spec: QuoteSpec) -> str:
    """The elision starting at ``text[i]`` ('n', 'em, '90s), or ""."""
    window = text[i : min(end, i + 12)].lower().translate(STRAIGHTEN)
    for elision in spec.elisions:
        if window.startswith(elision) and not window[len(elision) : len(elision) + 1].isalnum():
            return elision
    decade = DECADE.match(window)
    return decade[0] if decade else ""


def _word_before(text: str, i: int, start: int) -> str:
    j = i
    while j > start and text[j - 1].isalnum():
        j -= 1
    return text[j:i]
