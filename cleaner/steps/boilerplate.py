"""Strip the furniture of scraped pages: rule kinds ``remove_line``, ``remove_tail``,
``repeat`` and ``echo``.

Position matters for boilerplate: "Home" alone at the top of a page is navigation, "More
policy" near the end is a section link. Positions are relative to the article *body*: its
lines of at least ``body_words`` words (a key of each rule, 15 in the shipped ones). The
*head* is everything above the first body line, the *tail* everything below the last.

The rules run in this order: cuts to the end confirmed by what follows them (a comment
thread's timestamps, a form's fields), judged on the page as scraped; then what does not
depend on position (``anywhere`` lines, repeats, echoes); then cuts below the body; and only
then the head and tail lines, measured on what is left.

>>> from cleaner.api import Cleaner
>>> Cleaner().clean("[ad_1]\\nAt least 68 people were killed.\\n[ad_2]\\n").text
'At least 68 people were killed.\\n'
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import regex

from cleaner.document import SHARED_LINES_CHARS, Batch, Document, Edit, Line, limited
from cleaner.options import Context
from cleaner.prefilter import Screens, fullmatch_of
from cleaner.rules import (
    EchoSpec,
    LineSpec,
    RepeatSpec,
    Rule,
    RunSpec,
    TailSpec,
    time_limit,
)
from cleaner.steps.article import (
    KEPT_WHOLE,
    WORD,
    cased_words,
    current_span,
    folded_words,
    headline_lines,
    line_words,
    name_like,
    stoplist,
    word_count,
)

KINDS = ("remove_line", "remove_tail", "remove_run", "repeat", "echo")

# The last word of a stretch of text: the word pattern searched backwards finds the match
# findall would have found last (each match is one CJK character or a maximal run of other
# word characters).
LAST_WORD = regex.compile(WORD.pattern, WORD.flags | regex.REVERSE)


def body_span(lines: Sequence[Line], body_words: int) -> tuple[int, int] | None:
    """Indexes of the first and last body lines (``body_words`` words or more), or None for a
    text with no body line."""
    body = [line.number for line in lines if word_count(line.text) >= body_words]
    return (body[0], body[-1]) if body else None


def _body_span(doc: Document, body_words: int) -> tuple[int, int] | None:
    """:func:`body_span` of the current lines, from their remembered word counts."""

    def find(_: str) -> tuple[int, int] | None:
        body = [n for n, count in enumerate(_word_counts(doc)) if count >= body_words]
        return (body[0], body[-1]) if body else None

    return doc.memo(f"body_span.{body_words}", find)


def _word_counts(doc: Document) -> list[int]:
    """:func:`word_count` of each current line, remembered by line content for the document
    (the settle passes and every version of the text count the same lines again)."""

    def count(_: str) -> list[int]:
        # By line content: the article step has counted most of them already.
        return line_words(doc.line_memo, [line.content for line in doc.lines()])

    return doc.memo("boilerplate.word_counts", count)


def _zone(doc: Document, where: str, body_words: int) -> tuple[list[Line], list[str]]:
    """The non-blank lines in ``where`` ("anywhere", "head" or "tail"), bottom to top, and
    their contents: what a line rule of that position looks at (body lines have
    ``body_words`` words or more)."""

    def find(_: str) -> tuple[list[Line], list[str]]:
        span = _body_span(doc, body_words)
        zone = doc.lines()
        # The head is above the first body line, the tail below the last; a text with no
        # body line has neither.
        if where == "head":
            zone = zone[: span[0]] if span is not None else []
        elif where != "anywhere":
            zone = zone[span[1] + 1 :] if span is not None else []
        lines = [line for line in reversed(zone) if not line.blank]
        return lines, [line.content for line in lines]

    key = "anywhere" if where == "anywhere" else f"{where}.{body_words}"
    return doc.memo(f"boilerplate.zone.{key}", find)


def _content(doc: Document) -> list[Line]:
    """The current non-blank lines."""
    return doc.memo("boilerplate.content", lambda _: [n for n in doc.lines() if not n.blank])


def _next_content(doc: Document) -> list[Line | None]:
    """For each current line, the next non-blank line below it (None at the end)."""

    def find(_: str) -> list[Line | None]:
        found: list[Line | None] = []
        following: Line | None = None
        for line in reversed(doc.lines()):
            found.append(following)
            if not line.blank:
                following = line
        return found[::-1]

    return doc.memo("boilerplate.next_content", find)


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    rules = ctx.rules.holding(KINDS, doc.text, doc.rule_language)
    tails = [rule for rule in rules if isinstance(rule.spec, TailSpec)]
    # The line and tail patterns' screens, asked of a line at once.
    screens = ctx.rules.line_screens(KINDS, doc.rule_language)
    # Confirmed cuts first: a comment thread is recognized by the page as scraped, before
    # other rules remove the timestamps and form lines that confirm it.
    idle = _Idle(doc, screens)
    for rule in tails:
        if not idle(rule):
            yield _limited(
                ctx, rule, cut_tail, doc, rule, rule.spec, confirmed=True, screens=screens
            )
    # Runs before lines: a share or credit line inside a menu is part of the run, and
    # removing it first would leave a run too short to count.
    article = _article_lines(doc, ctx)
    for rule in rules:
        if isinstance(rule.spec, RunSpec):
            yield _limited(ctx, rule, remove_runs, doc, rule, rule.spec, article=article)
    for rule in rules:
        line = isinstance(rule.spec, LineSpec) and rule.spec.where == "anywhere"
        if line and not idle(rule):
            yield _limited(ctx, rule, remove_lines, doc, rule, rule.spec, screens=screens)
    for rule in rules:
        if isinstance(rule.spec, RepeatSpec):
            yield remove_repeats(doc, rule, rule.spec, article=article)
        elif isinstance(rule.spec, EchoSpec):
            yield remove_echoes(doc, rule, rule.spec)
    for rule in tails:
        if not idle(rule):
            yield _limited(
                ctx, rule, cut_tail, doc, rule, rule.spec, confirmed=False, screens=screens,
                article=lambda: _article_lines(doc, ctx),
            )
    for rule in rules:
        line = isinstance(rule.spec, LineSpec) and rule.spec.where != "anywhere"
        if line and not idle(rule):
            yield _limited(ctx, rule, remove_lines, doc, rule, rule.spec, screens=screens)


class _Idle:
    """Whether a shipped line or tail rule would find nothing in the current text, read
    from the index of its zone's lines by the patterns their screens admit (the one
    :func:`_zone_matching` reads): a pattern no line of its zone admits matches no line, and
    :func:`remove_lines` would return no edit. A tail rule's start line is a non-blank line
    (of the zone "anywhere"): where none admits its pattern, :func:`cut_tail` cuts nothing.
    Then the rule is not called at all: its call, time-limit context, zone look-ups and
    empty batch cost more, on a short text, than the index they read (about 30 rules a
    pass, most of them idle)."""

    __slots__ = ("doc", "screens", "text", "zones")

    def __init__(self, doc: Document, screens: Screens) -> None:
        self.doc = doc
        self.screens = screens
        self.text: str | None = None  # the version of the text ``zones`` hold
        self.zones: dict[tuple[str, int], dict[regex.Pattern[str], list[int]]] = {}

    def __call__(self, rule: Rule) -> bool:
        # A rule of ``holding`` has its line pattern in ``line_screens`` (the same kinds and
        # language): only a user rule (a time limit) is always called.
        if not rule.shipped:
            return False
        spec = rule.spec
        text = self.doc.text
        if text is not self.text:
            self.text = text
            self.zones.clear()
        if type(spec) is TailSpec or spec.where == "anywhere":
            key = ANYWHERE
        else:
            key = (spec.where, spec.body_words)
        index = self.zones.get(key)
        if index is None:
            contents = _zone(self.doc, *key)[1]
            index = self.zones[key] = _admitted_by_pattern(self.doc, *key, contents, self.screens)
        return spec.pattern not in index


# The zone of every non-blank line (its ``body_words`` plays no part).
ANYWHERE = ("anywhere", 0)


@dataclass(frozen=True, slots=True)
class Article:
    """Where the article span rule puts the article (line numbers): a run of short lines
    inside it is the article's list, table or schedule, and its headline and dek are never
    part of a link run, though the menus and share bars around them are."""

    start: int  # the article's first and last lines
    end: int
    headlines: frozenset[int]  # the title found again, and title-like lines above the body
    links: frozenset[int] = frozenset()  # lines that read like links or menu items
    markers: frozenset[int] = frozenset()  # end markers ("Related stories") inside it
    blocks: frozenset[int] = frozenset()  # its body blocks (long lines of prose)
    lists: frozenset[int] = frozenset()  # lead-ins of lists of names it reads as its own


def _article_lines(doc: Document, ctx: Context) -> Article | None:
    """The article as the article span rule finds it, or None."""
    content = _content(doc)
    found = current_span(doc, ctx, content)
    if found is None:
        return None
    span, spec = found
    headlines = headline_lines(content, span, spec)
    inside = range(span.start, span.end + 1)
    return Article(
        content[span.start].number,
        content[span.end].number,
        frozenset(content[i].number for i in headlines),
        frozenset(content[i].number for i in inside if i in span.links),
        frozenset(content[i].number for i in inside if i in span.markers),
        frozenset(content[i].number for i in inside if i in span.blocks),
        frozenset(content[i].number for i in span.lists),
    )


def _limited(
    ctx: Context, rule: Rule, find: Callable[..., list[Edit]], *args: Any, **kw: Any
) -> list[Edit]:
    """``find(*args)`` with the rule's patterns under its per-match time limit."""
    seconds = ctx.timeout(rule)
    with time_limit(rule, seconds):
        return find(*args, timeout=seconds, **kw)


def remove_lines(
    doc: Document,
    rule: Rule,
    spec: LineSpec,
    *,
    timeout: float | None = None,
    screens: Screens | None = None,
) -> list[Edit]:
    lines, contents = _zone(doc, spec.where, spec.body_words)
    if timeout is None and screens is not None and spec.pattern in screens:
        matched = _zone_matching(doc, spec, contents, screens)
    else:
        matched = doc.line_memo.matching(spec.pattern, contents, timeout, screens)
    if not matched:
        return []
    following = _next_content(doc) if spec.and_next or spec.unless_next else None
    counts = _word_counts(doc)
    edits: list[Edit] = []
    for index in matched:
        line = lines[index]
        if spec.unless_next is not None and _kept_by_next(doc, spec.unless_next, line, following):
            continue
        if following is not None:
            after = following[line.number]  # the next non-blank line below
            if spec.and_next and after is not None and counts[after.number] < spec.body_words:
                edits.append(Edit(after.start, after.stop, "", rule.id, "remove_line"))
        edits.append(Edit(line.start, line.stop, "", rule.id, "remove_line"))
    return edits


def _kept_by_next(
    doc: Document, keep: regex.Pattern[str], line: Line, following: list[Line | None] | None
) -> bool:
    """Whether ``keep`` (a rule's ``unless_next``) finds itself in the line, a newline and
    the next non-blank line below it, both without their edge white space."""
    after = following[line.number] if following is not None else None
    return keep.search(f"{line.content}\n{after.content if after else ''}") is not None


def _zone_matching(
    doc: Document, spec: LineSpec, contents: list[str], screens: Screens
) -> list[int]:
    """``doc.line_memo.matching(spec.pattern, contents, None, screens)`` for a pattern the
    screens hold: the same indexes, with the same answers remembered, the pattern asked only
    of the lines its screen admits, read from an index of the zone by pattern (built once
    per zone and version of the text for all the rules that look at it, where the loop of
    ``matching`` visited every line of the zone for each rule)."""
    memo = doc.line_memo
    found = memo.results(spec.pattern)
    run: Callable[[str], regex.Match[str] | None] | None = None
    kept: list[int] = []
    admitted = _admitted_by_pattern(doc, spec.where, spec.body_words, contents, screens)
    for index in admitted.get(spec.pattern, ()):
        text = contents[index]
        result = found.get(text)
        if result is None:
            if run is None:
                run = fullmatch_of(spec.pattern)
            result = found[text] = run(text) is not None
        if result:
            kept.append(index)
    return kept


def _admitted_by_pattern(
    doc: Document, where: str, body_words: int, contents: list[str], screens: Screens
) -> dict[regex.Pattern[str], list[int]]:
    """For each pattern of ``screens``, the indexes of the zone's lines (``contents``, the
    zone ``where`` with ``body_words``, as :func:`_zone` gives it) its screen admits, in
    order; remembered for this version of the text (the screens are a language's, kept for
    the process: their id names them)."""
    zone = "anywhere" if where == "anywhere" else f"{where}.{body_words}"

    def find(_: str) -> dict[regex.Pattern[str], list[int]]:
        memo = doc.line_memo
        admitted = memo.results(screens)
        index: dict[regex.Pattern[str], list[int]] = {}
        for number, text in enumerate(contents):
            passed = admitted.get(text)
            if passed is None:
                passed = memo.admitted(screens, text)
            for pattern in passed:
                found = index.get(pattern)
                if found is None:
                    index[pattern] = [number]
                else:
                    found.append(number)
        return index

    return doc.memo(f"boilerplate.admitted.{zone}.{id(screens)}", find)


def cut_tail(
    doc: Document,
    rule: Rule,
    spec: TailSpec,
    *,
    confirmed: bool,
    timeout: float | None = None,
    screens: Screens | None = None,
    article: Callable[[], Article | None] | None = None,
) -> list[Edit]:
    """Cut from the first start line that qualifies to the end of the document.

    With ``confirmed``, a start line below the first body line qualifies when a confirming
    line (a form field, a commenter's timestamp) follows within ``confirm_within`` non-blank
    lines; otherwise a start line qualifies when it lies below the last body line (a text
    with no body line is never cut on position alone), and is no end marker that ``article``
    (asked only then) reads as a subheading inside the article, sentences below it.
    """
    span = _body_span(doc, spec.body_words)
    content = _content(doc)
    counts = _word_counts(doc)
    fullmatch = doc.line_memo.fullmatch
    if timeout is None:
        return _cut_tail_quickly(
            doc, rule, spec, confirmed, span, content, counts, screens, article
        )
    for index, line in enumerate(content):
        if counts[line.number] >= spec.body_words or not fullmatch(
            spec.pattern, line.content, timeout, screens
        ):
            continue
        if confirmed:
            # Never above the article: a "Leave a comment" link under the headline is no
            # comment section, whatever byline or timestamp follows it.
            window = content[index + 1 : index + 1 + spec.confirm_within]
            qualifies = (span is None or line.number > span[0]) and (
                spec.confirm is not None
                and any(fullmatch(spec.confirm, n.content, timeout, screens) for n in window)
            )
        else:
            qualifies = (
                span is not None
                and line.number > span[1]
                and not _a_subheading(doc, line.number, article)
            )
        if qualifies:
            return [Edit(line.start, len(doc.text), "", rule.id, "remove_block")]
    return []


def _a_subheading(
    doc: Document, number: int, article: Callable[[], Article | None] | None
) -> bool:
    """Whether line ``number`` is an end marker the article span went on past (a "Comments"
    subheading over sentences only: see :func:`cleaner.steps.article.find_span`): no
    unconfirmed cut starts there. ``article`` is asked only now, for a line that would
    start one. A page kept whole (only teasers) has none."""
    if article is None or doc.meta.get(KEPT_WHOLE):
        return False
    found = article()
    return found is not None and number in found.markers


def _cut_tail_quickly(
    doc: Document,
    rule: Rule,
    spec: TailSpec,
    confirmed: bool,
    span: tuple[int, int] | None,
    content: list[Line],
    counts: list[int],
    screens: Screens | None = None,
    article: Callable[[], Article | None] | None = None,
) -> list[Edit]:
    """:func:`cut_tail` for a pattern with no time limit: the same cut, with the start
    pattern asked only of the lines that could qualify by their position, in one call.

    The loop of :func:`cut_tail` asks every short line and then drops those above the first
    body line (``confirmed``) or above the last one (otherwise); with no time limit an answer
    is a pure function of the line, so not asking those lines changes nothing (with a limit,
    a line above could time out: that rule keeps the loop).
    """
    if confirmed:
        if spec.confirm is None:
            return []
        after = -1 if span is None else span[0]
    elif span is None:
        return []
    else:
        after = span[1]
    # content is in text order: the lines below ``after`` are a tail of it.
    first = next((i for i, line in enumerate(content) if line.number > after), len(content))
    candidates = [
        i for i in range(first, len(content)) if counts[content[i].number] < spec.body_words
    ]
    memo = doc.line_memo
    texts = [content[i].content for i in candidates]
    for found in memo.matching(spec.pattern, texts, None, screens):
        index = candidates[found]
        line = content[index]
        if confirmed:
            window = content[index + 1 : index + 1 + spec.confirm_within]
            if not any(memo.fullmatch(spec.confirm, n.content, None, screens) for n in window):
                continue
        elif _a_subheading(doc, line.number, article):
            continue
        return [Edit(line.start, len(doc.text), "", rule.id, "remove_block")]
    return []


def remove_runs(
    doc: Document,
    rule: Rule,
    spec: RunSpec,
    *,
    timeout: float | None = None,
    article: Article | None = None,
) -> list[Edit]:
    """Drop runs of ``min_lines`` or more short lines that end no sentence: menus, link lists.

    Blank lines may stand between the lines of a run. Kept: a run introduced by a line
    ending in ":", or by an unfinished sentence that is or follows body text when the run's
    lines are list items ("The villages named by the ministry were" + five names); and the
    first line of the document (the title), and the article's headline and dek (lines of
    four words or more between the top the article span keeps and its first body block):
    they are no part of a run, which goes on past them. Also kept: the article's tables,
    lists and verse inside its span (see ``flush``), a run of data on a page with no body
    block, and a run's last line in capitals where the article goes on below it (a heading).
    """
    content = _content(doc)
    counts = _word_counts(doc)
    edits: list[Edit] = []
    run: list[Line] = []
    before: Line | None = None
    previous: Line | None = None  # the line before ``before``

    # Without a stoplist (Chinese, Japanese) no line can be shown to be prose rather than a
    # link, so there half, not most, of a run's lines being data keeps it (see flush).
    unmeasured = not stoplist(doc.rule_language)

    def flush(after: Line | None = None) -> None:
        if len(run) < spec.min_lines:
            return
        # Inside the article span, a run of data or of list items is the article's table,
        # schedule or list: most of its lines hold a number or open in lower case ("the
        # water fund budget"); teaser headlines and share bars do neither. Between two body
        # lines, verse and a recipe's or a plan's steps stay too: lines that read as prose,
        # with their share of stopwords ("And we will walk the long road home"), count as
        # items there (above the body they are bylines and teaser headlines), unless they
        # are in title case or follow an end marker ("Related stories"): teaser headlines.
        # A page with no body block has no article span to tell furniture from the article:
        # there a run of data (a race calendar, a price list: most lines hold a number or
        # open in lower case) is the page's own table and stays.
        share = spec.item_share
        if article is None and sum(1 for n in run if _item_like(n.text)) > share * len(run):
            return
        if article is not None and article.start <= run[0].number and run[-1].number <= article.end:
            span = _body_span(doc, spec.body_words)
            between = (
                span is not None
                and span[0] < run[0].number
                and run[-1].number < span[1]
                and not any(n.number in article.markers for n in (before, run[0]) if n)
            )
            items = sum(
                1
                for n in run
                if _item_like(n.text)
                or (
                    between
                    and n.number not in article.links
                    and not _title_case(n.text, spec.title_case_words, spec.title_case_share)
                )
            )
            if items > share * len(run) or (unmeasured and between and items >= share * len(run)):
                return
        # Kept whole inside the article, lists measured worse on scraped pages (share bars
        # and menus sit between paragraphs there): see bench/README.md. Site templates
        # (the boilerplate issue) are what would make that safe.
        # The lead-in is the line before the run, or the run's own first line (it ends no
        # sentence, so it joined the run).
        # A short lead-in could be a teaser headline ("Minister resigns over budget row"):
        # then its list must be of one or two words an item (village names).
        stops = stoplist(doc.rule_language)
        markers = article.markers if article is not None else frozenset()
        inside = article is not None and article.start <= run[0].number <= article.end
        inside = inside and after is not None and after.number <= article.end
        # A list of names the article span reads as the article's own (a lead-in naming its
        # content, names below it: see article.span's ``named``) stays with its lead-in.
        lists = article.lists if article is not None else frozenset()
        if any(n is not None and n.number in lists for n in (before, run[0])):
            return
        if _introduces(before, previous, run, after, spec, timeout, stops, markers, inside) or (
            _introduces(run[0], before, run[1:], after, spec, timeout, stops, markers, inside)
        ):
            return
        # A run that ends where the article goes on (the next line inside the span) and
        # whose last line is in capitals ends with a heading, the article's title or a
        # section's ("ŞƏKƏRBURA" under a menu, above its ingredients): that line stays.
        if _heading_at_end(run, after, article):
            run.pop()
        edits.extend(Edit(n.start, n.stop, "", rule.id, "remove_line") for n in run)

    headlines = article.headlines if article is not None else frozenset()
    ends = limited(spec.sentence_end.search, timeout)  # on every short line
    for index, line in enumerate(content):
        if line.number in headlines:
            continue
        short = counts[line.number] <= spec.max_words
        if index and short and not ends(line.content):
            run.append(line)
            continue
        flush(line)
        run, before, previous = [], line, before
    flush()
    return edits


def _heading_at_end(run: list[Line], after: Line | None, article: Article | None) -> bool:
    """Whether the run's last line is a heading in capitals inside the article span, with
    the article going on below it (``after``: the line that ended the run)."""
    if article is None or after is None or not run:
        return False
    last = run[-1]
    text = last.text.strip()
    return (
        article.start <= last.number
        and after.number <= article.end
        and text == text.upper()
        and text != text.lower()
    )


def _title_case(text: str, min_words: int, share: float) -> bool:
    """A headline in title case: more than ``share`` of its words (of ``min_words`` or more)
    open in upper case ("These Are the Industries Where Staff Are Most Likely to Smoke Weed")."""
    upper, cased = cased_words(text)
    return cased >= min_words and upper > share * cased


ITEM = regex.compile(r"\d|^\W*\p{Ll}")


def _item_like(text: str) -> bool:
    """A table row or list item: it holds a number or opens in lower case."""
    return ITEM.search(text.strip()) is not None


def _list_items(run: list[Line], most: int) -> bool:
    """Lines of a few words each (the median): names, amounts, table cells, not headlines."""
    sizes = sorted(word_count(item.text) for item in run)
    return sizes[len(sizes) // 2] <= most


def _introduces(
    line: Line | None,
    previous: Line | None,
    run: list[Line],
    after: Line | None,
    spec: RunSpec,
    timeout: float | None,
    stops: frozenset[str],
    markers: frozenset[int] = frozenset(),
    inside: bool = False,
) -> bool:
    """A line that announces the run as a list: it ends in ":"; or it is an unfinished
    sentence that is or follows body text ("The villages named by the ministry were") and
    the run's lines are list items (``item_words`` words or fewer each, the median), not
    teaser headlines. An unfinished sentence that ends in a function word of the language's
    stoplist ("The winners were", "The routes planned for the first phase are") announces
    what follows whatever its length (``lead_in_words`` or more words: whatever its items'
    length); a teaser headline or a menu's label seldom ends so. Items of several words
    under a lead-in that ends in a content word stay when they read as a list and the
    article goes on below them (see :func:`_list_between`)."""
    if line is None or not run:
        return False
    text = line.text.strip()
    if text.endswith(":"):
        return True
    # An unfinished sentence: not a heading ("Related Stories") or a title.
    words = WORD.findall(text)
    if not words or spec.sentence_end.search(text, timeout=timeout):
        return False
    if not any(n is not None and word_count(n.text) >= spec.body_words for n in (line, previous)):
        return False
    if _list_between(line, text, run, after, spec, stops, markers):
        return True
    if _names_between(line, text, previous, run, after, spec, stops, markers, timeout, inside):
        return True
    # The last word lowercase ("... were").
    if not words[-1][:1].islower():
        return False
    function_end = words[-1].casefold() in stops
    long_enough = len(words) >= spec.lead_in_words
    if not (long_enough or function_end):
        return False
    return (long_enough and function_end) or _list_items(run, spec.item_words)


# A separator between the parts of a list item: punctuation that stands apart from the
# words on one side at least ("Université – Port de plaisance", "Ana Lopez (Chile)",
# "Aran, 2 km"), not a hyphen inside a word ("Санкт-Петербург"). A bar is no list's
# separator but a page's furniture's ("Headline | Site", "Home | News"): it never counts.
SEPARATOR = regex.compile(r"(?<![\w])[^\w\s|]+|[^\w\s|]+(?![\w])")


def _separators(text: str) -> frozenset[str]:
    return frozenset(SEPARATOR.findall(text.strip()))


def _list_between(
    line: Line,
    text: str,
    run: list[Line],
    after: Line | None,
    spec: RunSpec,
    stops: frozenset[str],
    markers: frozenset[int],
) -> bool:
    """A list of items of several words under a lead-in that ends in a content word ("В план
    вошли маршруты", "Geplant sind folgende Strecken"), between two paragraphs: the line
    below the run is a body line (the article goes on); the lead-in reads as a sentence (a
    stopword of its language where it has a stoplist, not in title case, no end marker);
    and every item shares a separator with the others that the lead-in lacks ("Gare
    centrale – Parc des expositions", "Aéroport – Quartier nord"): the shape of a list's
    entries. Teaser headlines and menu labels share no such shape, and a menu or teaser
    feed under the article's last paragraph has no body line below it.
    """
    if after is None or word_count(after.text) < spec.body_words:
        return False
    if not _reads_as_sentence(line, text, run, spec, stops, markers):
        return False
    shared = _separators(run[0].text)
    for item in run[1:]:
        shared &= _separators(item.text)
        if not shared:
            return False
    return not shared & _separators(text)


def _reads_as_sentence(
    line: Line,
    text: str,
    run: list[Line],
    spec: RunSpec,
    stops: frozenset[str],
    markers: frozenset[int],
) -> bool:
    """A lead-in over two items or more that reads as a sentence: no end marker, not in title
    case, and a stopword of its language where it has a stoplist (without one, Chinese or
    Japanese, a lead-in cannot be shown to be a sentence: the items' shape and the
    paragraphs around them have to do)."""
    if line.number in markers or len(run) < 2:
        return False
    if stops and not any(w.casefold() in stops for w in WORD.findall(text)):
        return False
    return not _title_case(text, spec.title_case_words, spec.title_case_share)


def _names_between(
    line: Line,
    text: str,
    previous: Line | None,
    run: list[Line],
    after: Line | None,
    spec: RunSpec,
    stops: frozenset[str],
    markers: frozenset[int],
    timeout: float | None,
    inside: bool = False,
) -> bool:
    """A list of names or titles of several words with no separator in common ("Bahnhofstraße
    bis Marktplatz", "La Casa del Río", "Ligne Express Nord Aéroport") under a lead-in that
    ends in a content word ("Los premios principales fueron para las películas"), inside a
    paragraph's flow: the line above the lead-in is a body line ending a sentence, the line
    below the run a body line (the article goes on); the lead-in reads as a sentence of
    ``lead_in_words`` or more words (a stopword of its language where it has a stoplist, not
    in title case, no end marker: "More from our politics desk" is one); and every item is a
    name: at least half of its words capitalized, no bar ("Headline | Site"), no end marker,
    and the median item longer than ``item_words`` words, shorter than ``lead_in_words``.
    Teaser headlines in sentence case ("Minister resigns over budget row") are no names; a
    box of them right under a paragraph has its first headline for a lead-in, and a label in
    title case ("Most Read") or a short one ("Mehr zum Thema") announces nothing.
    """
    if after is None or previous is None or word_count(previous.text) < spec.body_words:
        return False
    ends = spec.sentence_end.search
    if not ends(previous.text.rstrip(), timeout=timeout):
        return False
    if any(n.number in markers for n in run):
        return False
    words = WORD.findall(text)
    # Near the article's end, where article.span took the list and the sentence closing it
    # in (see article.span's list joins), a shorter lead-in and a short closing sentence do.
    body_below = word_count(after.text) >= spec.body_words
    closing = (
        inside
        and not body_below
        and after.number not in markers
        and ends(after.text.rstrip(), timeout=timeout) is not None
    )
    if not closing and (len(words) < spec.lead_in_words or not body_below):
        return False
    if len(words) < 2 or not _reads_as_sentence(line, text, run, spec, stops, markers):
        return False
    if not all("|" not in n.text and name_like(n.text) for n in run):
        return False
    # Names of several words, shorter than a lead-in (the median item): teaser headlines in
    # title case under a label ("Council Approves New Budget After Long Debate") are longer;
    # items of a word or two (a share bar's "Facebook", "WhatsApp") are left to the short
    # items' reading above.
    sizes = sorted(word_count(n.text) for n in run)
    return spec.item_words < sizes[len(sizes) // 2] < spec.lead_in_words


def remove_repeats(
    doc: Document, rule: Rule, spec: RepeatSpec, *, article: Article | None = None
) -> list[Edit]:
    """Drop the copies of a line whose words (ignoring case and punctuation) another line has.

    One copy stays: the first, or, among copies above the article's first body line, the
    last (the headline right above the article, not its copy in a breadcrumb or the page's
    title bar). Copies inside the article span stay unless they are body paragraphs (a
    paragraph printed twice) or copies of the title (the first line, or the article's
    headline): a chorus, a meal plan's "Eat every 2-3 hours" and its dishes with their
    quantities (long lines, but no body blocks, ending no sentence, not in title case), a
    form's questions repeat by design, and a line inside the article is removed only on
    such strong evidence.
    """
    # A key has as many words as its line: a line no other line matches in number of words
    # (of at least min_words) has no copy, and its words need not be read.
    counts = _word_counts(doc)
    sizes = Counter(count for count in counts if count >= spec.min_words)
    remember = doc.line_memo.remember
    lines = [line for line in doc.lines() if sizes[counts[line.number]] > 1]
    if len(doc.text) >= SHARED_LINES_CHARS:
        groups = _groups_by_digest(doc, lines)
    else:
        # Remembered by line text (as LineMemo.remember does, read here without a call a line).
        keys = doc.line_memo.results("repeat-key")
        groups = {}
        for line in lines:
            key = keys.get(line.text)
            if key is None:
                key = keys[line.text] = _folded_words(line.text)
            groups.setdefault(key, []).append(line)
    copied = [(key, copies) for key, copies in groups.items() if len(copies) > 1]
    if not copied:
        return []
    span = _body_span(doc, spec.body_words)
    top = next((line for line in doc.lines() if not line.blank), None)
    first = top.number if top is not None else -1
    title = remember("repeat-key", top.text, _folded_words) if top is not None else ()
    edits: list[Edit] = []
    for key, copies in copied:
        above = [n for n in copies if span is not None and n.number < span[0]]
        keep = above[-1] if len(above) > 1 else copies[0]
        # A copy of the page's title, or of a line that stands outside the article or above
        # its first body line (a caption, a breadcrumb), goes wherever it recurs.
        titled = (
            keep.number == first
            or _of_title(key, title)
            or (span is not None and keep.number < span[0])
            or not _inside(keep, article, spec)
        )
        edits.extend(
            Edit(n.start, n.stop, "", rule.id, "remove_line")
            for n in copies
            if n is not keep and (titled or not _inside(n, article, spec))
        )
    return edits


def _groups_by_digest(doc: Document, lines: list[Line]) -> dict[tuple[str, ...], list[Line]]:
    """``lines`` grouped by repeat key (:func:`_folded_words`), in the order of each key's
    first line, as :func:`remove_repeats` groups them in a shorter text.

    A long text remembers each line's key by its hash (an int) where a shorter one keeps the
    words: the keys of every version of 10 MB of prose were 22 MB. Lines of one hash are
    then grouped by their keys themselves, read again (and remembered) only for those lines,
    so a collision of hashes groups nothing wrongly; most lines of a long text have a hash
    of their own and are not read again.
    """
    hashes = doc.line_memo.results("repeat-hash")
    by_hash: dict[int, list[Line]] = {}
    for line in lines:
        found = hashes.get(line.text)
        if found is None:
            found = hashes[line.text] = hash(tuple(folded_words(line.text)))
        by_hash.setdefault(found, []).append(line)
    keys = doc.line_memo.results("repeat-key")
    groups: dict[tuple[str, ...], list[Line]] = {}
    for same in by_hash.values():
        if len(same) > 1:
            for line in same:
                key = keys.get(line.text)
                if key is None:
                    key = keys[line.text] = _folded_words(line.text)
                groups.setdefault(key, []).append(line)
    return dict(sorted(groups.items(), key=lambda item: item[1][0].number))


def _of_title(key: tuple[str, ...], title: tuple[str, ...]) -> bool:
    """Whether ``key`` is the first line's words, or its first or last words (the page's
    title, ``Headline - Site``)."""
    size = len(key)
    return size <= len(title) and (title[:size] == key or title[-size:] == key)


def _inside(line: Line, article: Article | None, spec: RepeatSpec) -> bool:
    """A line inside the article span that is no body paragraph: a short line, or a long
    one that is no body block for the span (few stopwords), ends no sentence and is not in
    title case (a table row, an ingredient list: "Asparagus and Eggs [1 cup asparagus, 2
    eggs, ...]", not a paragraph printed twice nor a caption under every photo)."""
    if article is None or not article.start <= line.number <= article.end:
        return False
    if line.number in article.headlines:
        return False
    if word_count(line.text) < spec.body_words:
        return True
    return (
        line.number not in article.blocks
        and not spec.sentence_end.search(line.text.rstrip())
        and not _title_case(line.text, spec.title_case_words, spec.title_case_share)
    )


def remove_echoes(doc: Document, rule: Rule, spec: EchoSpec) -> list[Edit]:
    """Drop a short sentence that repeats the last words of the sentence before it."""
    edits: list[Edit] = []
    # Remembered by line text (as LineMemo.remember does, read here without a call a line).
    known = doc.line_memo.results(("echoes", spec.min_words, spec.max_words))
    for line in doc.lines():
        found = known.get(line.text)
        if found is None:
            found = known[line.text] = _echoes(line.text, spec)
        if found:
            edits.extend(
                Edit(line.start + start, line.start + end, "", rule.id, "remove")
                for start, end in found
            )
    return edits


def _folded_words(text: str) -> tuple[str, ...]:
    # Interned: the line memo keeps each line's key, and a text's words recur (one string
    # each, not one per occurrence: 8 MB fewer per MB of a long text's lines). The words
    # casefolded as ``WORD.findall`` finds them, by ``re`` in ASCII lines (4x faster).
    return tuple(map(sys.intern, folded_words(text)))


def _echoes(text: str, spec: EchoSpec) -> list[tuple[int, int]]:
    """The spans of ``text`` (one line) that :func:`remove_echoes` removes."""
    spans: list[tuple[int, int]] = []
    # The break is the white space (group 1). The shipped pattern is written with the end
    # mark first, not in a lookbehind: the engine then skips to the next . ! or ?.
    breaks = [brk.span(1) for brk in spec.sentence_break.finditer(text)]
    if not breaks:
        return spans  # one sentence: nothing before it to echo
    # The sentence before (its bounds, words when read, last word casefolded).
    previous: tuple[int, int] = (0, 0)
    previous_words: list[str] | None = []
    previous_last: str | None = None
    cursor = 0
    for start, stop in [*breaks, (len(text), len(text))]:
        last = LAST_WORD.search(text, cursor, start)
        folded = last[0].casefold() if last is not None else None
        words: list[str] | None = None
        # An echo ends with the word the sentence before ends with: only then are the two
        # sentences' words read.
        if folded is not None and folded == previous_last:
            words = WORD.findall(text[cursor:start])
            size = len(words)
            if previous_words is None:
                previous_words = WORD.findall(text[previous[0] : previous[1]])
            if (
                spec.min_words <= size <= spec.max_words
                and len(previous_words) > size
                and _casefolded(previous_words[-size:]) == _casefolded(words)
            ):
                # Remove the sentence with the white space before it.
                spans.append((_space_before(text, cursor), start))
                cursor = stop
                continue
        previous, previous_words, previous_last = (cursor, start), words, folded
        cursor = stop
    return spans


def _casefolded(words: list[str]) -> list[str]:
    return list(map(str.casefold, words))


def _space_before(text: str, position: int) -> int:
    while position > 0 and text[position - 1] in " \t":
        position -= 1
    return position
