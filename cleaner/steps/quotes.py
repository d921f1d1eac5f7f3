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

from collections.abc import Iterator
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


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    chosen = ctx.options.quotes
    if chosen == "auto":
        # English conventions are not every language's: elsewhere the marks stay as written.
        if doc.rule_language != "en":
            return
        chosen = "straight"
    style = STYLES[chosen]
    for rule in ctx.rules_of(*KINDS):
        if rule.when.hold(doc.text, doc.rule_language):
            assert isinstance(rule.spec, QuoteSpec)
            yield find_edits(doc.text, doc.lines(), rule, rule.spec, style)


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
            ends = sum(1 for b in block[:-1] if PARAGRAPH_END.search(b.text))
            if len(block) > 1 and ends * 2 >= len(block) - 1:
                spans.extend((b.start, b.end) for b in block)
            else:
                spans.append((block[0].start, block[-1].end))
            block = []
    return spans


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
    spans = paragraphs(lines)
    for index, (start, end) in enumerate(spans):
        following = text[spans[index + 1][0]] if index + 1 < len(spans) else ""
        edits.extend(_double(text, start, end, following, rule, spec, style))
        edits.extend(_single(text, start, end, rule, spec, style))
    return edits


def _marks(text: str, start: int, end: int, chars: regex.Pattern[str]) -> list[Mark]:
    return [
        Mark(i, text[i - 1] if i > start else "", text[i + 1] if i + 1 < end else "")
        for i in (m.start() for m in chars.finditer(text, start, end))
    ]


def _double(
    text: str,
    start: int,
    end: int,
    following: str,
    rule: Rule,
    spec: QuoteSpec,
    style: tuple[str, str, str, str],
) -> Iterator[Edit]:
    marks = _marks(text, start, end, spec.double_marks)
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
                yield Edit(m.position, m.position + 1, mark, rule.id, "replace")
            return
    last_end = start
    for number, m in enumerate(marks):
        edit = _open(text, m, opener, rule) if number % 2 == 0 else _close(text, m, closer, rule)
        if edit.start < last_end:  # an empty quotation: the opener already took the spaces
            edit = Edit(last_end, edit.end, edit.after, edit.rule, edit.action)
        last_end = edit.end
        yield edit


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


def _open(text: str, m: Mark, mark: str, rule: Rule) -> Edit:
    """An opening mark: a space before it (unless after a bracket or dash), none after."""
    stop = m.position + 1
    while stop < len(text) and text[stop] in SPACE:
        stop += 1
    before = " " if m.left and not m.left.isspace() and m.left not in OPENING_CONTEXT else ""
    return Edit(m.position, stop, before + mark, rule.id, "replace")


def _close(text: str, m: Mark, mark: str, rule: Rule) -> Edit:
    """A closing mark: no space before it, a space after it when a word follows."""
    begin = m.position
    while begin > 0 and text[begin - 1] in SPACE:
        begin -= 1
    after = " " if m.right and (m.right.isalnum()) else ""
    return Edit(begin, m.position + 1, mark + after, rule.id, "replace")


def _single(
    text: str,
    start: int,
    end: int,
    rule: Rule,
    spec: QuoteSpec,
    style: tuple[str, str, str, str],
) -> Iterator[Edit]:
    marks = _marks(text, start, end, spec.single_marks)
    opening, apostrophe = style[2], style[3]
    roles: dict[int, str] = {}
    open_marks: list[int] = []
    skip: set[int] = set()
    for m in marks:
        i = m.position
        if i in skip:
            continue
        elision = _elision(text, i, end, spec)
        if m.left.isalnum() and m.right.isalpha():
            roles[i] = apostrophe  # inside a word: country's, don't
        elif elision and (m.left_open or not m.left.isalnum()):
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
