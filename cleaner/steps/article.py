"""Find where the article starts and ends; what lies outside it goes: rule kind ``article_span``.

The method is that of the text-only extractors (jusText, boilerpipe, BTE): every non-blank
line is judged on its own features, and the article is the stretch of lines that holds the
most body text for the least furniture.

* A *body block* is a line of at least ``body_words`` words whose share of stopwords (the
  language's stoplist from the ``justext`` package) is at least ``body_stopwords``; in a
  language without a stoplist (Chinese, Japanese) it must end a sentence instead. It scores
  its word count, or ``isolated_weight`` of it when it stands alone below the article's
  first paragraphs (a teaser's blurb between its headline and its date; a live blog's entry,
  right below its stamp below the entry before it, is none); a link-like line costs
  ``link_cost``, a feed line (``feed_lines``: a lone date, a vote count) ``feed_cost``.
* The article is the highest-scoring stretch of lines (one linear pass, Kadane's maximum
  segment), so the short subheadings, lists and tables between body blocks stay with it.
* Weak evidence cuts nothing: another stretch above or below it (not past an end marker
  below) that scores ``rival_share`` of the best one and holds ``rival_blocks`` body blocks,
  two of them in a row, stays with it, and what lies between; when the article's body blocks
  are only teasers' blurbs (``feed_blurbs`` or more, each alone, a line ending no sentence
  between every two), no article was found and the page stays whole; a cut below the article
  that no end marker or feed line confirms and that would take more than
  ``unconfirmed_ratio`` times the words the article keeps is not made; nor is a cut at a lone
  feed line right below the article's last sentence with only prose below it, to the end or
  to an end marker (its dateline, then its last short paragraphs).
* An end marker (``Related``, ``More stories``, a comment header: the rule's
  ``end_markers``) inside that stretch ends the article there, unless ``resume_lines`` body
  blocks in a row follow it (teaser blurbs alternate with their headlines, an article's
  paragraphs do not), the body after it weighs ``resume_share`` of the body before it, and
  fewer than ``thread_feeds`` feed lines stand below it (a comment thread's dates and vote
  counts). Where the body after it weighs that much, the marker is a section heading
  ("Discussion") and stays. Lighter, the article still goes on when the marker heads a short
  box (at most ``box_lines`` short lines: a "Related articles" box of teaser headlines) right
  below which ``resume_lines`` body blocks in a row end their sentences; the box goes.
* A short box inside the article does not end it: below the article's last line, at most
  ``box_lines`` short lines that open with an end marker and hold its link ("Related
  Links" over one link), or with an ad's label (``box_openers``: "Advertisement", "Story
  continues below"), then one paragraph of prose ending a sentence (a body block, or as
  long and no link), then ``box_lines`` lines with neither prose nor a feed line (a teaser
  feed repeats box and blurb): the paragraph is the article's last, the box goes.
* Lists: the span grows over the lines next to it that read as no link, and over a list
  under its lead-in (a colon, a sentence saying a list follows: ``list_lead_ins``, or an
  unfinished sentence ending in a function word) with the sentence closing it, below the
  article and, under the article's prose, above it (the items' link cost split the
  article; not across the headline). A short lead-in over short items needs a sentence
  closing them ("Read more about" over tags does not announce a list); a lead-in ending in
  a content word over one-word items between paragraphs, or over names ending the page,
  must name the article's own content (see :func:`_own_content`). Below, a live
  blog's stamps of the day (``entry_stamps``) over entries ending a sentence, to the end
  or to an end marker, stay with it however short the entries, when the page is a live
  blog (``live_titles`` in its title, or a stamp in the article).
* Definitions rather than thresholds: a word is a run of letters or digits, or one
  character of a script written without spaces (:data:`WORD`); a number is a word of
  digits. Thresholds on them are the rule's: ``link_words`` (a line of that many words or
  fewer, ending no sentence, is link-like), ``title_numbers`` and ``spaceless_weight`` (what
  reads as a headline, see :func:`title_like`).
* The top: a scraped page's first line is its ``<title>``; found again further down (the
  headline, without the site's name), everything above the headline goes, and the article
  starts at the first body block below it (an introduction above a table or a plan that
  scores nothing stays with the rest); found again inside the stretch, below body blocks,
  with a feed line (its dateline) below it before the next body block, it is the headline
  too (a ticker of teasers stood above it). Otherwise the first line stays (it is the
  title) and so do the ``keep_above`` lines above the first body block (headline, dek,
  byline); what lies between them goes.

Every removal is a change of the rule, with a note saying which decision made it. A page
kept whole (a feed of teasers only) has no removal; ``meta["article_span"]`` says why.

>>> from cleaner.api import Cleaner
>>> body = ("Armenia and Azerbaijan agreed on Monday to resume the talks that stalled in the "
...     "spring, the foreign ministers of both countries said.")
>>> page = f"Talks resume in Moscow - Daily News\\nHome\\nTalks resume in Moscow\\n{body}\\n"
>>> out = Cleaner().clean(page + "Related\\nOther story\\n").text.splitlines()
>>> out[0], out[1] == body, len(out)
('Talks resume in Moscow', True, 2)
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from cleaner.document import Batch, Document, Edit, Line, LineMemo, limited
from cleaner.options import Context
from cleaner.prefilter import ends_with_class, fold, screen_of
from cleaner.rules import Rule, SpanSpec, time_limit

KINDS = ("article_span",)

# A word: a run of letters and digits, or one character of a script written without spaces
# (Chinese, Japanese, Thai), so that their lines can reach body length too.
# (A run of \w stops before such a character: "30代のおっさん" is 30 and six words, not one.)
WORD = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]|[^\W\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]+"
)
# In ASCII text a WORD is a run of these (no CJK or Thai character is ASCII, and the regex
# module's \w is this class there): Python's re finds them about four times as fast.
ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")


def words_of(text: str) -> list[str]:
    """``WORD.findall(text)``.

    >>> words_of("30代のおっさん said: it's 2017"), words_of("It's 2017")
    (['30', '代', 'の', 'お', 'っ', 'さ', 'ん', 'said', 'it', 's', '2017'], ['It', 's', '2017'])
    """
    return ASCII_WORD.findall(text) if text.isascii() else WORD.findall(text)


def folded_words(text: str) -> list[str]:
    """``[word.casefold() for word in WORD.findall(text)]`` (in ASCII text casefolding is
    lowering, which keeps every character a word character or not: the words of the lowered
    text are the lowered words).

    >>> folded_words("The STRASSE, die Straße")
    ['the', 'strasse', 'die', 'strasse']
    """
    if text.isascii():
        return ASCII_WORD.findall(text.lower())
    return [word.casefold() for word in WORD.findall(text)]


# What stands between the items of a breadcrumb or a menu on one line.
SEPARATOR = regex.compile(r"\s[/›>»|•·]\s")
SPACELESS = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")
# A word that is a number, alone ("2017", "08h12" is not).
NUMBER = regex.compile(r"\d+")


def word_count(text: str) -> int:
    """Words in a line (CJK and Thai characters count one each)."""
    if len(text) > COUNT_CACHE_CHARS:
        return len(words_of(text))
    return _cached_count(text)


# The same lines are counted by several rules and again in every settle pass; short lines are
# remembered (a bounded cache: at most COUNT_CACHE_LINES lines of COUNT_CACHE_CHARS chars).
COUNT_CACHE_CHARS = 1000
COUNT_CACHE_LINES = 4096


@functools.lru_cache(maxsize=COUNT_CACHE_LINES)
def _cached_count(text: str) -> int:
    return len(words_of(text))


# Where a document's line memo keeps the word count of each line content (its text
# stripped: white space holds no word, so the count is the line's) that it has counted.
LINE_WORDS = "line-words"


def line_words(memo: LineMemo, contents: list[str]) -> list[int]:
    """:func:`word_count` of each of ``contents`` (stripped line texts), read from those
    remembered in ``memo`` (the article judgement's, the steps' before) where they are."""
    counts = memo.results(LINE_WORDS)
    found = list(map(counts.get, contents))
    if None in found:
        for number, text in enumerate(contents):
            if found[number] is None:
                found[number] = counts[text] = word_count(text)
    return found  # type: ignore[return-value]


# The stoplists jusText ships, by the language codes of the language step. (Chinese and
# Japanese have none: there a body block must end a sentence instead.)
STOPLIST_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian",
    "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "ga": "Irish", "gl": "Galician", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian", "id": "Indonesian",
    "is": "Icelandic", "it": "Italian", "ka": "Georgian", "kk": "Kazakh", "kn": "Kannada",
    "ko": "Korean", "ku": "Kurdish", "ky": "Kyrgyz", "la": "Latin", "lt": "Lithuanian",
    "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi", "ms": "Malay",
    "mt": "Maltese", "ne": "Nepali", "nl": "Dutch", "no": "Norwegian_Bokmal",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese",
}  # fmt: skip


@functools.cache
def stoplist(language: str | None) -> frozenset[str]:
    """jusText's stopwords for ``language`` (casefolded), or an empty set when it has none.

    >>> "the" in stoplist("en"), len(stoplist("zh"))
    (True, 0)
    """
    name = STOPLIST_NAMES.get(language or "")
    if name is None:
        return frozenset()
    # Read the package's data files without importing it: justext's own import pulls in
    # lxml's HTML cleaner, which this text-only use does not need.
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the justext package is missing; pip install justext")
    path = Path(next(iter(spec.submodule_search_locations))) / "stoplists" / f"{name}.txt"
    words = path.read_text(encoding="utf-8").split()
    return frozenset(word.casefold() for word in words)


@dataclass(frozen=True, slots=True)
class Span:
    """The article's first and last line (indexes into the non-blank lines), and why."""

    start: int  # the first line of the article's text (its headline not included)
    end: int
    headline: int | None  # where the page title (line 0) was found again above ``start``
    marker: int | None  # the end marker that ended the article, if one did
    body: int = 0  # the article's first body block (``start`` or below it)
    # The lines that read like links or menu items, and the end markers (no body blocks).
    links: frozenset[int] = frozenset()
    markers: frozenset[int] = frozenset()
    whole: bool = False  # no article found (a feed of teasers only): the page stays whole
    boxes: tuple[range, ...] = ()  # boxes inside the article, the article going on below
    blocks: frozenset[int] = frozenset()  # the body blocks
    # The lead-ins of lists of names inside it that it reads as the article's own (see
    # ``named`` in :func:`_find_span`): boilerplate.link-list keeps their runs.
    lists: frozenset[int] = frozenset()


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    for rule in ctx.rules_of(*KINDS):
        if not rule.when.hold(doc.text, doc.rule_language):
            continue
        assert isinstance(rule.spec, SpanSpec)
        seconds = ctx.timeout(rule)
        with time_limit(rule, seconds):
            yield outside(doc, rule, rule.spec, timeout=seconds)


def is_body(
    text: str,
    spec: SpanSpec,
    stops: frozenset[str],
    timeout: float | None,
    words: list[str] | None = None,
) -> bool:
    """A body block: long enough, and prose (stopwords, or a sentence end without a stoplist).

    ``words``: ``WORD.findall(text)``, when the caller has them already.
    """
    words = words_of(text) if words is None else words
    if len(words) < spec.body_words:
        return False
    if not stops:
        return limited(spec.sentence_end.search, timeout)(text.rstrip()) is not None
    return stop_hits(words, stops) >= spec.body_stopwords * len(words)


def is_link_like(
    text: str,
    spec: SpanSpec,
    stops: frozenset[str],
    timeout: float | None,
    words: list[str] | None = None,
) -> bool:
    """A line that reads like a link or a menu item: it ends no sentence, holds no digit
    (table rows, amounts and dates are data, not links) and few stopwords (a list item in
    prose has them: "apoyo a la actividad económica"); a line of ``link_words`` words or
    fewer is link-like whatever its words ("About us")."""
    if DIGIT.search(text) or limited(spec.sentence_end.search, timeout)(text.rstrip()):
        return False
    if not stops:
        return True
    words = words_of(text) if words is None else words
    hits = stop_hits(words, stops)
    return not (len(words) > spec.link_words and hits >= spec.body_stopwords * len(words))


def stop_hits(words: list[str], stops: frozenset[str]) -> int:
    """How many of ``words`` are in ``stops`` (casefolded).

    >>> stop_hits(["The", "Minister", "OF", "Finance"], stoplist("en"))
    2
    """
    return sum(map(stops.__contains__, map(str.casefold, words)))


DIGIT = regex.compile(r"\d")


def _judge(
    text: str, spec: SpanSpec, stops: frozenset[str], timeout: float | None
) -> tuple[bool, bool, bool, bool, int]:
    """A line's part in :func:`find_span`: a body block, link-like (and no body block), an end
    marker (and no body block), a feed line (and no body block); and its word count.

    :func:`is_body` and :func:`is_link_like` over the line's words casefolded once (the
    same patterns called in the same order), with the stopwords counted at most once.
    """
    folded = folded_words(text)
    count = len(folded)
    hits = -1  # not counted yet
    if count < spec.body_words:
        body = False
    elif not stops:
        body = _ends_sentence(spec, text.rstrip(), timeout)
    else:
        hits = sum(map(stops.__contains__, folded))
        body = hits >= spec.body_stopwords * count
    if body or DIGIT.search(text) or _ends_sentence(spec, text.rstrip(), timeout):
        link = False
    elif not stops:
        link = True
    else:
        if hits < 0:
            hits = sum(map(stops.__contains__, folded))
        link = not (count > spec.link_words and hits >= spec.body_stopwords * count)
    if body:
        return body, link, False, False, count
    # Most lines are neither: each pattern runs only on the lines its screen admits (read
    # from its syntax tree: an exact test, see cleaner.prefilter). With a time limit (a
    # user's rule) it runs on every line, as before, so a runaway pattern is still stopped.
    folded = fold(text) if timeout is None else ""
    marker = spec.end_markers is not None and _fullmatches(spec.end_markers, text, folded, timeout)
    feed = spec.feed_lines is not None and _fullmatches(spec.feed_lines, text, folded, timeout)
    return body, link, marker, feed, count


def _ends_sentence(spec: SpanSpec, text: str, timeout: float | None) -> bool:
    """``spec.sentence_end.search(text) is not None`` (under ``timeout``); with no time
    limit, by string methods where the pattern is a class of end marks and one of closing
    marks (the shipped one: see :func:`~cleaner.prefilter.ends_with_class`)."""
    if timeout is None:
        ends = ends_with_class(spec.sentence_end)
        if ends is not None:
            return ends(text)  # type: ignore[no-any-return]
        return spec.sentence_end.search(text) is not None
    return spec.sentence_end.search(text, timeout=timeout) is not None


def _fullmatches(
    pattern: regex.Pattern[str], text: str, folded: str, timeout: float | None
) -> bool:
    """``pattern.fullmatch(text) is not None`` (under ``timeout``); with no time limit, only
    where the pattern's screen admits ``folded`` (``fold(text)``): no other line matches."""
    if timeout is None:
        return screen_of(pattern).admits(folded) and pattern.fullmatch(text) is not None
    return pattern.fullmatch(text, timeout=timeout) is not None


def current_span(
    doc: Document, ctx: Context, content: Sequence[Line]
) -> tuple[Span, SpanSpec] | None:
    """The article span of ``content`` (the document's non-blank lines as they stand) as the
    first article span rule in force finds it, with that rule's numbers; None when no rule
    is in force or none finds one. The finder remembers its judgements in the document's
    line memo, so a later step asking again (boilerplate, templates) costs little."""
    for rule in ctx.rules_of(*KINDS):
        if isinstance(rule.spec, SpanSpec) and rule.when.hold(doc.text, doc.rule_language):
            seconds = ctx.timeout(rule)
            with time_limit(rule, seconds):
                span = find_span(content, rule.spec, doc.rule_language, seconds, doc.line_memo)
            if span is not None:
                return span, rule.spec
    return None


def find_span(
    content: Sequence[Line],
    spec: SpanSpec,
    language: str | None,
    timeout: float | None = None,
    memo: LineMemo | None = None,
) -> Span | None:
    """The article's span over ``content`` (non-blank lines), or None without a body block.

    With ``memo`` (the document's), each line's judgement is remembered: the boilerplate step
    and the settle passes ask again about the same lines; and so is the last span, which is
    a pure function of the lines' texts (the boilerplate step asks again about the text the
    article step left unchanged).
    """
    if memo is None:
        return _find_span(content, spec, language, timeout, memo)
    key = ("article-span", spec, language)
    texts = [line.text for line in content]
    last = memo.get(key)
    if last is not None and last[0] == texts:
        return last[1]  # type: ignore[no-any-return]
    span = _find_span(content, spec, language, timeout, memo)
    memo[key] = (texts, span)
    return span


def _find_span(
    content: Sequence[Line],
    spec: SpanSpec,
    language: str | None,
    timeout: float | None,
    memo: LineMemo | None,
) -> Span | None:
    stops = stoplist(language)
    texts = [line.text.strip() for line in content]
    judged: dict[str, tuple[bool, bool, bool, bool, int]] = (
        memo.setdefault(("article-lines", spec, language), {}) if memo is not None else {}
    )
    # Each judged line's word count is kept for the document too: the boilerplate step
    # counts the same lines (see line_words).
    counted = memo.results(LINE_WORDS) if memo is not None else {}
    lines = []
    for text in texts:
        found = judged.get(text)
        if found is None:
            found = judged[text] = _judge(text, spec, stops, timeout)
            counted[text] = found[4]
        lines.append(found)
    body = [found[0] for found in lines]
    if not any(body):
        return None
    link = [found[1] for found in lines]
    markers = [found[2] for found in lines]
    feed = [found[3] for found in lines]
    counts = [found[4] for found in lines]  # word_count of each line
    # Body words up to each line (prefix sums), to weigh what stands before and after a marker.
    words = [0]
    for index, count in enumerate(counts):
        words.append(words[-1] + (count if body[index] else 0))
    blurbs = _blurbs(body, feed, markers, texts, spec, timeout)
    # Kadane: the stretch of lines with the highest sum of scores. A body block scores its
    # words, isolated_weight of them when no body block stands next to it (a teaser's blurb
    # between its headline and the next, not an article's paragraph); a link-like line costs
    # link_cost, a feed line (a date, "Rating: 36 Votes") feed_cost; any other line (a short
    # sentence, a table row, a list item with a number) is neutral.
    scores = [
        (words[index + 1] - words[index]) * (spec.isolated_weight if index in blurbs else 1.0)
        if body[index]
        else -max(spec.link_cost * link[index], spec.feed_cost * feed[index])
        for index in range(len(content))
    ]
    best, first, last = _best_stretch(scores, 0, len(scores))
    # A rival: another stretch scoring at least rival_share of the best one. Between two
    # such stretches nothing tells the article from the furniture (legal notices under a
    # meal plan, a product list between deals): both stay, with what lies between them.
    if spec.rival_share > 0:
        first, last = _with_rivals(
            scores, body, markers, (first, last), best * spec.rival_share, spec.rival_blocks
        )
    marker = None
    boxes: list[range] = []  # short boxes inside the article: they go, the article stays
    resumes = _resumes(body, first, last, spec.resume_lines)
    # Feed lines up to each line: an article does not go on after an end marker where feed
    # lines (dates, vote counts) repeat below it, a comment thread's or a teaser feed's (one
    # may be the article's own dateline).
    feeds = [0]
    for found in feed:
        feeds.append(feeds[-1] + found)
    for index in range(first + 1, last + 1):
        # The article goes on after an end marker when body blocks follow (see _resumes) and
        # weigh at least resume_share of the body above it: a teaser feed of long blurbs
        # under "Most read" does not outweigh the article.
        # Or when the marker heads a short box (its items: at most box_lines short lines)
        # right below which resume_lines paragraphs in a row go on, however light: a
        # "Related articles" box inside the article (a teaser feed's blurbs stand alone).
        if not markers[index]:
            continue
        resumed = (
            resumes[index + 1 - first] and feeds[last + 1] - feeds[index + 1] < spec.thread_feeds
        )
        # Where the body below outweighs its share, the marker is a section heading
        # ("Discussion") and everything stays. Where it does not, a short box lets the article
        # go on past it: the box goes, the paragraphs below it stay.
        below, above = words[last + 1] - words[index + 1], words[index] - words[first]
        weighs = below >= spec.resume_share * above
        boxed = None
        if resumed and not weighs:
            boxed = _boxed(body, feed, texts, index, last, spec, timeout)
        goes_on = resumed and (weighs or boxed is not None)
        if goes_on and boxed is not None:
            boxes.append(range(index, boxed))
        elif not goes_on:
            marker = index
            last = max(i for i in range(first, index) if body[i] or i == first)
            break
    whole = _feeds_only(texts, body, (first, last), spec, timeout)
    if whole:
        # No article, only a feed of teasers: the evidence is too weak to cut, the page
        # stays whole (promise one: when in doubt, leave the text alone).
        first, last, marker = min(1, len(content) - 1), len(content) - 1, None
    # A cut below the article that nothing confirms (no end marker, no feed line below it)
    # and that would take more than unconfirmed_ratio times the words the article keeps (a
    # plan or a table under a short introduction) is weak evidence: the lines below stay.
    if spec.unconfirmed_ratio and marker is None and last + 1 < len(content):
        below = range(last + 1, len(content))
        if not any(markers[i] or feed[i] for i in below):
            kept = sum(counts[first : last + 1])
            if sum(counts[last + 1 :]) > spec.unconfirmed_ratio * kept:
                last = len(content) - 1
    # The article's first and last short sentences, a closing list and its subheading stay
    # with it ("The budget takes effect July 1."): the span grows over the lines next to it
    # that are neither link-like nor end markers, and over one link-like line followed by
    # such a line.
    def joins(index: int, step: int) -> bool:
        # Not over an end marker or a feed line (a teaser's date, a comment's vote count).
        if markers[index] or feed[index]:
            return False
        beyond = index + step
        return not link[index] or (
            0 < beyond < len(content) and not link[beyond] and not markers[beyond]
        )

    while first > 1 and joins(first - 1, -1):
        first -= 1
    # Above, a list under its lead-in, with a body block right above the lead-in, joins too:
    # its items' link cost split the article ("The villages named by the ministry were" over
    # five names, a paragraph above it and two below the names).
    # Not above the page title found again (the headline): a menu stands above it.
    top = _headline(content, body.index(True, first), spec, counts)
    floor = 1 if top is None else top + 1
    while (
        lead := _list_above(texts, body, link, markers, feed, (floor, first), stops, spec, timeout)
    ) is not None:
        first = lead
        while first > 1 and joins(first - 1, -1):
            first -= 1
    # Below, a list announced by its lead-in joins too, item by item.
    # A list's items are the lines below its lead-in that are no body block, feed line or end
    # marker and end no sentence (a name, a band, "Cedar and the Pines"); a sentence below
    # them closes it and joins as any other line, a date ends it (a teaser feed's). The
    # article's last line may be the lead-in itself (a body block: "以下の通り…しました。").
    def item(index: int) -> bool:
        return not (body[index] or feed[index] or markers[index]) and not (
            limited(spec.sentence_end.search, timeout)(texts[index].rstrip())
        )

    # A short lead-in ("The winners were") announces short items only when a sentence
    # closes them: under a label ("Read more about", "Follow us on", "Mehr Nachrichten zu")
    # the same short lines are tags or a follow box, then teasers' headlines or the page's end.
    def closed(index: int) -> bool:
        below = index + 1
        while below < len(texts) and item(below) and counts[below] <= spec.link_words:
            below += 1
        return (
            index + 1 < below < len(texts)
            and not (link[below] or feed[below] or markers[below])
            and limited(spec.sentence_end.search, timeout)(texts[below].rstrip()) is not None
        )

    # A lead-in ending in a content word ("This year's shortlisted poets", "Headliners this
    # year") announces names (see :func:`name_like`: two or more, each shorter than
    # lead_in_words) only right under a paragraph that ends a sentence, and with a sentence
    # closing them. Items of one word between two paragraphs, or names ending the page with
    # nothing below, need more: a lead-in naming the article's own content (a word of it in
    # the page title or the article's paragraphs above: "The biggest items in the budget",
    # "This year's winners"), where a share bar's or a tag box's label names the page
    # ("Share this story", "Topics in this article").
    def named(index: int) -> bool:
        if index < 1 or not body[index - 1] or link[index] or feed[index] or markers[index]:
            return False
        ends = limited(spec.sentence_end.search, timeout)
        if ends(texts[index - 1].rstrip()) is None or not _names_lead_in(texts[index], stops):
            return False
        below = index + 1
        while (
            below < len(texts)
            and item(below)
            and counts[below] < spec.lead_in_words
            and name_like(texts[below])
        ):
            below += 1
        if below - index <= 2:
            return False
        if below < len(texts) and (
            link[below] or feed[below] or markers[below] or ends(texts[below].rstrip()) is None
        ):
            return False
        # Between two paragraphs, names of more than one word (the median: "Ana Lopez",
        # "Madrid – Toledo", not a share bar's "Facebook", "WhatsApp" over the next paragraph).
        # Names as a list gives them: no teaser's headline with a lower-case verb among them
        # ("Neue Brücke eröffnet" under "Weitere Artikel zum Thema").
        sizes = sorted(counts[index + 1 : below])
        if (
            below < len(texts)
            and (not body[below] or sizes[len(sizes) // 2] > 1)
            and all(_proper_name(texts[i], stops) for i in range(index + 1, below))
        ):
            return True
        return _own_content(texts, body, (first, index), stops)

    def announces(index: int) -> bool:
        if _announces(texts[index], stops, spec, timeout):
            return True
        short = index + 1 < len(texts) and counts[index + 1] <= spec.link_words
        return (
            short and _announces(texts[index], stops, spec, timeout, short_items=True) and (
                closed(index)
            )
        ) or named(index)

    # An end marker with only sentences below it, to the end or to the next end marker (no
    # link, no feed line, no form's field), is a subheading inside the article ("Comments"
    # over what the mayor said about them): a feed or a form below a marker has headlines,
    # names, dates or labels that end no sentence.
    def heading(index: int) -> bool:
        if not markers[index]:
            return False
        below = index + 1
        while below < len(texts) and not markers[below]:
            if link[below] or feed[below] or not (
                limited(spec.sentence_end.search, timeout)(texts[below].rstrip())
            ):
                return False
            below += 1
        return below > index + 1

    listing = announces(last)

    while last + 1 < len(content) and (
        joins(last + 1, 1) or heading(last + 1) or (listing and item(last + 1))
    ):
        last += 1
        listing = announces(last) or (listing and item(last))
    # A lone date line below the article, with nothing but prose below it to the end or to an
    # end marker ("Updated 12 March 2024", then the article's last short paragraphs), does
    # not end it: a teaser feed or a comment thread repeats its dates, and has headlines,
    # names or links between them. Lone: no feed line stands in the article below its first
    # body block (a teaser's date the span took in with its headline).
    if not whole and not any(feed[body.index(True, first) : last + 1]):
        last = _past_dateline(texts, link, feed, markers, last, spec, timeout)
    if not whole:
        last = _past_entries(texts, link, feed, markers, (first, last), spec, timeout)
    # A short box below the article (an end marker and a link, an ad and its caption) with
    # the article's prose going on below it, and no more prose or feed lines just after
    # that (a teaser feed repeats its box and blurb), does not end the article.
    if whole:
        boxes = []
    if spec.box_lines and not whole:
        resumed = _after_box(texts, body, link, feed, markers, last, spec, timeout)
        if resumed is not None:
            boxes.append(range(last + 1, resumed))
            last, marker = resumed, None
    # Searched from the first body block up: the span may have grown over the headline (a
    # byline with a stopword, a headline with a number: "Par Julien Moreau", "... budget
    # 2025" read as no link), and the headline is still the one line to keep at the top.
    headline = _headline(content, body.index(True, first), spec, counts)
    if headline is not None and headline >= first:
        first = headline + 1
    # The page title found again is the headline, and the article starts below it: body
    # blocks between the headline and the best stretch (an introduction above a meal plan
    # or a table that scores nothing) are the article's, not furniture to cut.
    if headline is not None and any(body[headline + 1 : first]):
        first = body.index(True, headline + 1)
        while first > headline + 1 and joins(first - 1, -1):
            first -= 1
    # Found again inside the stretch with its dateline below it, the page title is the
    # headline too: what stands above it is a ticker or a menu of teasers, not the article.
    if headline is None and not whole:
        headline = _dated_headline(content, body, feed, (first, last), spec, counts)
        if headline is not None:
            first = body.index(True, headline + 1)
            while first > headline + 1 and joins(first - 1, -1):
                first -= 1
    # The lists of names inside the article under a lead-in ending in a content word (their
    # lead-ins), for boilerplate.link-list, which reads the other lead-ins itself.
    lists = frozenset(
        i
        for i in range(max(first, 1), last)
        if body[i - 1]
        and not body[i]
        and item(i + 1)
        and named(i)
        and not _announces(texts[i], stops, spec, timeout)
    )
    return Span(
        first,
        last,
        headline,
        marker,
        body.index(True, first),
        frozenset(i for i, found in enumerate(link) if found),
        frozenset(i for i, found in enumerate(markers) if found),
        whole,
        tuple(box for box in boxes if first <= box.start and box.stop <= last),
        frozenset(i for i, found in enumerate(body) if found),
        lists,
    )


def _best_stretch(scores: Sequence[float], begin: int, end: int) -> tuple[float, int, int]:
    """The highest sum of ``scores[begin:end]`` over a stretch, its first and last index
    (Kadane's maximum segment: one linear pass)."""
    best, first, last = float("-inf"), begin, begin
    total, start = 0.0, begin
    for index in range(begin, end):
        if total <= 0:
            total, start = 0.0, index
        total += scores[index]
        if total > best:
            best, first, last = total, start, index
    return best, first, last


def _with_rivals(
    scores: Sequence[float],
    body: Sequence[bool],
    markers: Sequence[bool],
    span: tuple[int, int],
    floor: float,
    blocks: int,
) -> tuple[int, int]:
    """``span`` (first, last) widened over the best stretches above and below it that score
    at least ``floor`` and read as an article's part (``blocks`` body blocks, two of them
    in a row: not a lone footer, blurb or quote), as long as there are such; below,
    not past an end marker (a teaser feed or a comment thread under it is no rival).
    Linear: the best stretch of every prefix and suffix is found in one pass each.

    >>> _with_rivals([5, 5, 1, -20, 9, 9, -20, 1], [1, 1, 1, 0, 1, 1, 0, 1], [0] * 8, (4, 5), 9, 3)
    (0, 5)
    """
    first, last = span
    # pairs[i]: body blocks followed by a body block, among the lines before i.
    pairs = [0]
    for i in range(len(body)):
        pairs.append(pairs[-1] + (i + 1 < len(body) and bool(body[i] and body[i + 1])))

    def prose(start: int, end: int) -> bool:
        return pairs[end] > pairs[start] and sum(body[start : end + 1]) >= blocks

    # Above: the best stretch ending before each line (Kadane forwards, prefix maxima).
    above: list[tuple[float, int, int]] = [(float("-inf"), 0, 0)]
    total, start = 0.0, 0
    for index in range(first):
        if total <= 0:
            total, start = 0.0, index
        total += scores[index]
        # The new stretch only where it scores more (``max`` keeps the first of equals).
        above.append((total, start, index) if total > above[-1][0] else above[-1])
    while first > 0:
        score, start, end = above[first]
        if score < floor or not prose(start, end):
            break
        first = start
    # Below, up to the first end marker: the best stretch starting at or after each line
    # (Kadane backwards, suffix maxima), below[i - base] for line i.
    base = last + 1
    stop = next((i for i in range(base, len(scores)) if markers[i]), len(scores))
    below: list[tuple[float, int, int]] = [(float("-inf"), stop, stop)] * (stop - base + 1)
    total, end = 0.0, stop - 1
    for index in range(stop - 1, base - 1, -1):
        if total <= 0:
            total, end = 0.0, index
        total += scores[index]
        after = below[index - base + 1]
        below[index - base] = (total, index, end) if total > after[0] else after
    while last + 1 < stop:
        score, start, end = below[last + 1 - base]
        if score < floor or not prose(start, end):
            break
        last = end
    return first, last


def _feeds_only(
    texts: Sequence[str],
    body: Sequence[bool],
    span: tuple[int, int],
    spec: SpanSpec,
    timeout: float | None,
) -> bool:
    """Whether the body blocks of ``span`` (first, last) are only teasers' blurbs: at least
    ``feed_blurbs`` of them, each alone, with a line that ends no sentence (a headline, a
    link) between every two; no two paragraphs, or paragraphs with sentences between them.

    >>> from cleaner.rules import load_rules
    >>> spec = next(r.spec for r in load_rules([]) if r.kind == "article_span")
    >>> texts = ["Blurb one.", "Headline two", "Blurb two.", "Headline three", "Blurb three."]
    >>> _feeds_only(texts, [1, 0, 1, 0, 1], (0, 4), spec, None)
    True
    >>> texts[1] = "A sentence between two paragraphs."
    >>> _feeds_only(texts, [1, 0, 1, 0, 1], (0, 4), spec, None)
    False
    """
    blocks = [i for i in range(span[0], span[1] + 1) if body[i]]
    if not spec.feed_blurbs or len(blocks) < spec.feed_blurbs:
        return False
    return not any(
        all(
            limited(spec.sentence_end.search, timeout)(texts[i].rstrip()) is not None
            for i in range(above + 1, below)
        )
        for above, below in itertools.pairwise(blocks)
    )


def _after_box(
    texts: Sequence[str],
    body: Sequence[bool],
    link: Sequence[bool],
    feed: Sequence[bool],
    markers: Sequence[bool],
    last: int,
    spec: SpanSpec,
    timeout: float | None,
) -> int | None:
    """The article's new last line when its prose goes on below a short box under ``last``:
    at most ``box_lines`` short lines (no body block, no feed line), then prose (body
    blocks, or lines of ``body_words`` words or more that end a sentence and read as no
    link), then ``box_lines`` lines with no prose and no feed line (one box, not one item of
    a teaser feed: a feed repeats its box and its blurb). None when the article ends at
    ``last``.

    >>> from cleaner.rules import load_rules
    >>> spec = next(r.spec for r in load_rules([]) if r.kind == "article_span")
    >>> texts = ["Para one.", "Related Links", "Space Agency website", "Para two.", "Top Video"]
    >>> _after_box(texts, [1, 0, 0, 1, 0], [0, 1, 1, 0, 1], [0] * 5, [0, 1, 0, 0, 0], 0, spec, None)
    3
    """

    def prose(index: int) -> bool:
        # A body block or a long line, ending a sentence either way (a teaser's headline
        # under "Most popular" may be a body block, but it ends no sentence).
        text = texts[index]
        return (
            (body[index] or (not link[index] and word_count(text) >= spec.body_words))
            and spec.sentence_end.search(text.rstrip(), timeout=timeout) is not None
        )

    size = len(texts)
    start = last + 1
    if start >= size or not (markers[start] or _opens_box(texts[start], spec, timeout)):
        return None
    # Under an end marker the box holds its items (a link) before the article goes on: prose
    # right below "Related" is the box's own item, a teaser's blurb.
    for resume in range(start + 1 + markers[start], min(start + spec.box_lines, size - 1) + 1):
        box = range(start, resume)
        if any(body[i] or feed[i] or word_count(texts[i]) >= spec.body_words for i in box):
            return None
        if not prose(resume):
            continue
        after = range(resume + 1, min(resume + spec.box_lines, size - 1) + 1)
        if any(prose(i) or feed[i] for i in after):
            return None
        return resume
    return None


def _boxed(
    body: Sequence[bool],
    feed: Sequence[bool],
    texts: Sequence[str],
    marker: int,
    last: int,
    spec: SpanSpec,
    timeout: float | None,
) -> int | None:
    """Where the article goes on when the end marker at ``marker`` heads a short box inside
    it: one to ``box_lines`` short lines (no body block, no feed line) below it, then
    ``resume_lines`` body blocks in a row that end a sentence (a teaser's headline ends
    none), all up to ``last``; else None."""
    for resume in range(marker + 2, min(marker + 1 + spec.box_lines, last) + 1):
        box = range(marker + 1, resume)
        if any(body[i] or feed[i] or word_count(texts[i]) >= spec.body_words for i in box):
            return None
        end = resume + spec.resume_lines
        if end <= last + 1 and all(
            body[i] and spec.sentence_end.search(texts[i].rstrip(), timeout=timeout) is not None
            for i in range(resume, end)
        ):
            return resume
    return None


def _opens_box(text: str, spec: SpanSpec, timeout: float | None) -> bool:
    """Whether ``text`` opens a box inside an article: an ad's label, "Story continues below"
    (the rule's ``box_openers``)."""
    openers = spec.box_openers
    return openers is not None and openers.fullmatch(text, timeout=timeout) is not None


def _blurbs(
    body: Sequence[bool],
    feed: Sequence[bool],
    markers: Sequence[bool],
    texts: Sequence[str],
    spec: SpanSpec,
    timeout: float | None,
) -> set[int]:
    """The body blocks that stand alone (no body block on the line above or below) below the
    first two body blocks in a row: a teaser feed's blurbs under an article's paragraphs.
    A page whose paragraphs all stand alone (an ad or a link between every two) has none.

    A live blog's entry is none: right below its stamp (a feed line: "2 hours ago"), which
    stands right below a line ending a sentence (the entry or paragraph before it), and
    right above the next stamp, an end marker, a line ending a sentence or the page's end. A
    teaser's blurb stands below its headline (which ends no sentence), or below a date below
    its headline, or above the next teaser's headline.
    """
    size = len(body)
    pair = next((i for i in range(size - 1) if body[i] and body[i + 1]), size)

    def ends(i: int) -> bool:
        return limited(spec.sentence_end.search, timeout)(texts[i].rstrip()) is not None

    def entry(i: int) -> bool:
        return (
            i >= 2
            and feed[i - 1]
            and ends(i - 2)
            and (i + 1 == size or feed[i + 1] or markers[i + 1] or ends(i + 1))
        )

    return {
        i
        for i in range(pair + 2, size)
        if body[i] and not body[i - 1] and not (i + 1 < size and body[i + 1]) and not entry(i)
    }


def _past_dateline(
    texts: Sequence[str],
    link: Sequence[bool],
    feed: Sequence[bool],
    markers: Sequence[bool],
    last: int,
    spec: SpanSpec,
    timeout: float | None,
) -> int:
    """The article's last line, moved past one feed line right below ``last`` (a line ending a
    sentence) when every line below it, to the end or to an end marker, is prose ending a
    sentence (no link, no other feed line): a dateline inside the article, its last short
    paragraphs below it.

    >>> from cleaner.rules import load_rules
    >>> spec = next(r.spec for r in load_rules([]) if r.kind == "article_span")
    >>> texts = ["Para one.", "May 5, 2021", "Short para.", "Last one."]
    >>> _past_dateline(texts, [0, 0, 0, 0], [0, 1, 0, 0], [0] * 4, 0, spec, None)
    3
    >>> _past_dateline(texts, [0, 0, 1, 0], [0, 1, 0, 0], [0] * 4, 0, spec, None)
    0
    """
    start = last + 1
    if start >= len(texts) or not feed[start] or markers[start]:
        return last
    if limited(spec.sentence_end.search, timeout)(texts[last].rstrip()) is None:
        return last  # a name or a headline above the date: a comment's or a teaser's
    end = start
    for index in range(start + 1, len(texts)):
        if markers[index]:
            break
        ends = limited(spec.sentence_end.search, timeout)(texts[index].rstrip()) is not None
        if feed[index] or link[index] or not ends:
            return last
        end = index
    return end if end > start else last


def _past_entries(
    texts: Sequence[str],
    link: Sequence[bool],
    feed: Sequence[bool],
    markers: Sequence[bool],
    span: tuple[int, int],
    spec: SpanSpec,
    timeout: float | None,
) -> int:
    """The article's last line, moved past a live blog's short entries below it (``span``:
    the article's first and last lines, the last ending a sentence): every line below it, to
    the end or to an end marker, is either a stamp of the day (the rule's ``entry_stamps``:
    "2 hours ago", "14:32") or prose ending a sentence (no link, no other feed line), a stamp
    right below the last line and prose below every stamp. A teaser feed has headlines (no
    sentence end) or older dates ("2 days ago") between its stamps, a comment thread its
    authors' names. A teaser feed or a comment thread may also be stamped over lines ending
    a sentence: only a live blog's entries move the article's end, the page's title (line
    0) saying so (``live_titles``: "Storm live: ...") or a stamp in the span (the article
    is stamped entries itself).

    >>> from cleaner.rules import load_rules
    >>> spec = next(r.spec for r in load_rules([]) if r.kind == "article_span")
    >>> texts = ["Storm live", "Para one.", "2 hours ago", "Entry.", "3 hours ago", "One more."]
    >>> flags = [0] * 6, [0, 0, 1, 0, 1, 0], [0] * 6
    >>> _past_entries(texts, *flags, (1, 1), spec, None)
    5
    >>> _past_entries(["Storm", *texts[1:]], *flags, (1, 1), spec, None)
    1
    >>> texts[3] = "A teaser's headline"
    >>> _past_entries(texts, *flags, (1, 1), spec, None)
    1
    """
    stamps = spec.entry_stamps
    first, last = span
    start = last + 1
    if stamps is None or start >= len(texts) or markers[start]:
        return last
    if limited(stamps.fullmatch, timeout)(texts[start]) is None:
        return last
    live = spec.live_titles is not None and bool(
        limited(spec.live_titles.search, timeout)(texts[0])
    )
    if not live and not any(
        limited(stamps.fullmatch, timeout)(texts[index]) for index in range(first, last + 1)
    ):
        return last
    if limited(spec.sentence_end.search, timeout)(texts[last].rstrip()) is None:
        return last
    end, stamped = last, False
    for index in range(start, len(texts)):
        if markers[index]:
            break
        text = texts[index]
        if limited(stamps.fullmatch, timeout)(text) is not None:
            if stamped:
                return last  # two stamps in a row: no entry between them
            stamped = True
            continue
        ends = limited(spec.sentence_end.search, timeout)(text.rstrip()) is not None
        if feed[index] or link[index] or not ends:
            return last
        end, stamped = index, False
    return last if stamped else end


def _announces(
    text: str,
    stops: frozenset[str],
    spec: SpanSpec,
    timeout: float | None,
    *,
    short_items: bool = False,
) -> bool:
    """A list's lead-in: it ends in a colon; or it says so (the rule's ``list_lead_ins``: "as
    follows.", "以下の通り…。"); or it is an unfinished sentence whose last word is a
    function word, of ``lead_in_words`` words or more ("The villages named by the ministry
    were"), or of two or more over ``short_items`` (items of ``link_words`` words or fewer:
    "The winners were" over names), as boilerplate.link-list reads lead-ins."""
    if text.endswith((":", "：")):
        return True
    lead_ins = spec.list_lead_ins
    if lead_ins is not None and limited(lead_ins.search, timeout)(text) is not None:
        return True
    words = words_of(text)
    if len(words) < (2 if short_items else spec.lead_in_words) or not text[-1:].isalnum():
        return False
    last = words[-1]
    return last.casefold() in stops if stops else last[:1].islower()


def _names_lead_in(text: str, stops: frozenset[str]) -> bool:
    """An unfinished sentence that may announce names: two words or more, ending in a letter
    or digit, a stopword of its language among them where it has a stoplist, and not a
    label in title case ("Most Read", "Top Stories"): not most of its words capitalized,
    unless a function word after the first stays in lower case (German capitalizes its
    nouns: "Die Gewinner des Preises"; a title-case label capitalizes its "You" and "Are").

    >>> _names_lead_in("Die Gewinner des Preises", stoplist("de"))
    True
    >>> _names_lead_in("Stories You Might Have Missed", stoplist("en"))
    False
    """
    words = words_of(text)
    if len(words) < 2 or not text[-1:].isalnum():
        return False
    if stops and not any(w.casefold() in stops for w in words):
        return False
    return not name_like(text) or any(w.islower() and w in stops for w in words[1:])


def _proper_name(text: str, stops: frozenset[str]) -> bool:
    """A name, a band, a title as a list names it: every cased word that is no stopword of
    its language opens in upper case ("Anna Schmidt", "Cedar and the Pines"); a teaser's
    headline has a verb or an adjective in lower case ("Neue Brücke eröffnet"). Without a
    stoplist, at least half of its cased words (:func:`name_like`).

    >>> _proper_name("Cedar and the Pines", stoplist("en"))
    True
    >>> _proper_name("Neue Brücke eröffnet", stoplist("de"))
    False
    """
    if not stops:
        return name_like(text)
    words = [w for w in words_of(text) if w[:1].isupper() or w[:1].islower()]
    return bool(words) and all(w[:1].isupper() or w.casefold() in stops for w in words)


def _stem(word: str) -> str:
    """A word's first letters, its ending aside: all but its last two, five at least."""
    return word[: max(5, len(word) - 2)]


def _own_content(
    texts: Sequence[str], body: Sequence[bool], lines: tuple[int, int], stops: frozenset[str]
) -> bool:
    """Whether the lead-in at ``lines[1]`` names the article's own content: a noun phrase
    (its last word no stopword: "Follow us on", "Read more about" are a box's labels) one
    of whose words of five letters or more, no stopword, and a word of the page title (line
    0) or of the body blocks from ``lines[0]`` to the lead-in share a stem (one opens with
    the other's :func:`_stem`: "winners" and "winner", "победители" and "победителей"); "The
    biggest items in the budget" in an article on a budget. A share bar's or a tag box's
    label names the page ("Share this story", "Topics in this article"), not its subject.

    >>> texts = ["The council approved its budget on Monday.", "The biggest items in the budget"]
    >>> _own_content(texts, [1, 0], (0, 1), stoplist("en"))
    True
    >>> texts[1] = "Topics in this article"
    >>> _own_content(texts, [1, 0], (0, 1), stoplist("en"))
    False
    """
    first, lead = lines
    words = folded_words(texts[lead])
    own = [w for w in words if len(w) >= 5 and w not in stops]
    if not own or words[-1] in stops:
        return False
    stems = tuple(_stem(w) for w in own)
    for index in itertools.chain((0,), range(max(first, 1), lead)):
        if index and not body[index]:
            continue
        for word in folded_words(texts[index]):
            if word.startswith(stems) or (
                len(word) >= 5 and any(w.startswith(_stem(word)) for w in own)
            ):
                return True
    return False


def name_like(text: str) -> bool:
    """A name, a band, a title: at least half of its cased words open in upper case."""
    upper, cased = cased_words(text)
    return cased > 0 and 2 * upper >= cased


def cased_words(text: str) -> tuple[int, int]:
    """How many of the text's cased words open in upper case, and how many there are."""
    words = [w for w in words_of(text) if w[:1].isupper() or w[:1].islower()]
    return sum(1 for w in words if w[:1].isupper()), len(words)


def _list_above(
    texts: Sequence[str],
    body: Sequence[bool],
    link: Sequence[bool],
    markers: Sequence[bool],
    feed: Sequence[bool],
    lines: tuple[int, int],
    stops: frozenset[str],
    spec: SpanSpec,
    timeout: float | None,
) -> int | None:
    """The lead-in of a list right above ``first`` (``lines``: the highest line the list and
    the body block above it may take, below the headline; and ``first``) when the article's
    prose stands right above the lead-in: the items (lines that are no body block, end
    marker or feed line, one of them link-like at least) under a lead-in (see
    :func:`_announces`: here, where no article stands above it yet, a short one is not
    enough) under a body block; or under a lead-in that is a body block itself and says so
    (``list_lead_ins``); else None.

    >>> from cleaner.rules import load_rules
    >>> spec = next(r.spec for r in load_rules([]) if r.kind == "article_span")
    >>> texts = ["Title", "Para.", "The villages named by the ministry were", "Aran", "Bel", "P."]
    >>> flags = [0, 1, 0, 0, 0, 1], [1, 0, 0, 1, 1, 0], [0] * 6, [0] * 6
    >>> _list_above(texts, *flags, (1, 5), stoplist("en"), spec, None)
    2
    >>> _list_above(texts, [0, 0, 0, 0, 0, 1], *flags[1:], (1, 5), stoplist("en"), spec, None)
    >>> _list_above(texts, *flags, (2, 5), stoplist("en"), spec, None)
    """
    floor, first = lines
    index, items = first - 1, False
    while index > floor and not (markers[index] or feed[index]):
        text = texts[index]
        if body[index]:
            # A lead-in that is a sentence of its own ("以下の通り決定しました。") heads the
            # list as a body block: the article's prose.
            lead_in = spec.list_lead_ins
            found = lead_in is not None and limited(lead_in.search, timeout)(text) is not None
            return index if items and found else None
        if _announces(text, stops, spec, timeout):
            return index if items and body[index - 1] else None
        items = items or bool(link[index])
        index -= 1
    return None


def _resumes(body: Sequence[bool], first: int, last: int, needed: int) -> list[bool]:
    """For each line from ``first`` to ``last + 1``: does the article go on from there to
    ``last``? Yes with ``needed`` body blocks in a row, or with nothing but body blocks (one
    closing paragraph after a "Leave a comment" link). One backward pass: linear."""
    size = last - first + 1
    answer = [False] * (size + 1)
    run, streak, only_body = 0, False, True
    for offset in range(size - 1, -1, -1):
        run = run + 1 if body[first + offset] else 0
        streak = streak or run >= needed
        only_body = only_body and body[first + offset]
        answer[offset] = streak or only_body
    return answer


def _headline(
    content: Sequence[Line], body_start: int, spec: SpanSpec, counts: Sequence[int]
) -> int | None:
    """The line above ``body_start`` nearest to it that repeats the page title (line 0): its
    words are the title's, or the title's first or last words (``Headline - Site``).
    ``counts``: each line's word count (only a line of ``title_min_words`` up to the title's
    words can be one: its words are not read otherwise)."""
    title = folded_words(content[0].text)
    fits = range(max(1, spec.title_min_words), len(title) + 1)
    for index in range(body_start - 1, 0, -1):
        if counts[index] not in fits:
            continue
        words = folded_words(content[index].text)
        if len(words) >= spec.title_min_words and _part_of(words, title):
            return index
    return None


def _dated_headline(
    content: Sequence[Line],
    body: Sequence[bool],
    feed: Sequence[bool],
    span: tuple[int, int],
    spec: SpanSpec,
    counts: Sequence[int],
) -> int | None:
    """The first line inside ``span`` below a body block that repeats the page title (line
    0, as :func:`_headline` matches it) and is no body block itself, with a feed line (its
    date) within ``headline_within`` lines below it before any body block, and a body block
    after that in the span. ``counts``: each line's word count."""
    first, last = span
    if not any(body[first:last]):
        return None
    title = folded_words(content[0].text)
    fits = range(max(1, spec.title_min_words), len(title) + 1)
    seen_body = False
    for index in range(first, last):
        if body[index]:
            seen_body = True
            continue
        if not seen_body or counts[index] not in fits:
            continue
        words = folded_words(content[index].text)
        if len(words) < spec.title_min_words or not _part_of(words, title):
            continue
        for below in range(index + 1, min(last, index + spec.headline_within) + 1):
            if body[below]:
                break
            if feed[below]:
                return index if any(body[below + 1 : last + 1]) else None
    return None


def title_like(text: str, spec: SpanSpec) -> bool:
    """A line that could be a headline or its dek: ``headline_min_words`` words or more
    (menu items and labels have fewer), a Chinese, Japanese or Thai character counting
    ``spaceless_weight`` of a word ("お問い合わせ" is a menu item), numbers aside; words rather
    than numbers (more than ``title_numbers`` words to a number: a date or a score line is
    not a headline); no full stop at its end (a caption) and no colon (a lead-in to a quote
    or a list).

    >>> from cleaner.rules import load_rules
    >>> spec = next(r.spec for r in load_rules([]) if r.kind == "article_span")
    >>> title_like("Council makes few changes to budget", spec)
    True
    >>> title_like("Published May 17, 2017", spec), title_like("Council cuts budget", spec)
    (False, False)
    """
    text = text.strip()
    if text.endswith((".", "。")) and not text.endswith(".."):
        return False  # a sentence: a caption or a teaser's blurb
    if text.endswith((":", "：")):
        return False  # a lead-in: a quote or a list follows ("The activist writes:")
    if len(SEPARATOR.findall(text)) >= 2:
        return False  # a breadcrumb or a menu: "Home / Culture / Cuisine"
    words = words_of(text)
    numbers = _numbers(words)
    spaceless = sum(1 for word in words if SPACELESS.fullmatch(word))
    letters = len(words) - numbers - spaceless * (1 - spec.spaceless_weight)
    return letters >= spec.headline_min_words and letters > spec.title_numbers * numbers


def _numbers(words: list[str]) -> int:
    """How many of ``words`` are numbers."""
    return sum(1 for word in words if NUMBER.fullmatch(word))


def _word_count_numbers_aside(text: str) -> int:
    """Words in a line that are not numbers.

    >>> _word_count_numbers_aside("Published May 17, 2017 | Updated May 17, 2017")
    4
    """
    words = words_of(text)
    return len(words) - _numbers(words)


def _titled(content: Sequence[Line], spec: SpanSpec) -> bool:
    """Whether line 0 reads as the page's title (a scraped page's ``<title>``), not "Home",
    "Skip to content" or a date: more than twice ``headline_min_words`` words (a headline
    and a site's name), not numbers (as :func:`title_like` counts them)."""
    words = words_of(content[0].text)
    numbers = _numbers(words)
    return (
        len(words) > 2 * spec.headline_min_words
        and len(words) - numbers > spec.title_numbers * numbers
    )


def _part_of(words: list[str], title: list[str]) -> bool:
    """The title's first or last words (``Headline - Site`` or ``Site | Headline``)."""
    return (
        bool(words)
        and len(words) <= len(title)
        and (title[: len(words)] == words or title[-len(words) :] == words)
    )


def _same_words(line: Line, other: Line) -> bool:
    """Whether two lines hold the same words (casefolded)."""
    return folded_words(line.text) == folded_words(other.text)


def article_top(content: Sequence[Line], span: Span, spec: SpanSpec) -> int:
    """The first line kept over the article's text (the page title found again aside): the
    longest of the ``headline_within`` lines above the article's first line, and then the
    title-like line right above it (a headline above a longer dek, or above its own copy
    with a word added); the article's first line when nothing stands above it."""
    window = range(max(1, span.start - spec.headline_within), span.start)
    # Numbers aside: a dateline ("Published May 17, 2017 | Updated May 17, 2017") is no dek.
    longest = max(
        window, key=lambda i: (_word_count_numbers_aside(content[i].text), i), default=None
    )
    if longest is None:
        return span.start
    # One title-like line right above it, but not out of a list of them (teaser headlines;
    # line 0 is no teaser: once the lines between them are gone, a second pass sees the two
    # together), and not when line 0 is the page's title found again (the headline is
    # known). A titled line 0 never found again may be the site's name and motto ("Portal
    # O Dia - Notícias do Piauí, Teresina, Brasil e mundo"): the headline is still to find.
    above = longest - 1
    if (
        (span.headline is None or not _titled(content, spec))
        and above >= window.start
        and title_like(content[above].text, spec)
        and (above - 1 == 0 or not title_like(content[above - 1].text, spec))
    ):
        return above
    return longest


def headline_lines(content: Sequence[Line], span: Span, spec: SpanSpec) -> list[int]:
    """The article's headline, and its kicker and dek where they can be told from the lines
    around them: the page title found again; nothing when line 0 reads as the title; else
    the title-like lines in a row nearest above the first body block (bylines, dates and
    share buttons may stand between), at most ``headline_lines`` of them (more in a row are
    a list of teaser headlines), copies of line 0 aside."""
    if span.headline is not None:
        return [span.headline]
    if _titled(content, spec):
        return []
    title = folded_words(content[0].text)
    group: list[int] = []
    for index in range(span.body - 1, article_top(content, span, spec) - 1, -1):
        text = content[index].text
        if title_like(text, spec) and not _part_of(folded_words(text), title):
            group.append(index)
        elif group:
            break
    return group if len(group) <= spec.headline_lines else []


# The meta key and value of a page the span kept whole.
KEPT_WHOLE = "article_span"
KEPT_WHOLE_WHY = "kept whole: no article found, only teasers' blurbs"


def outside(
    doc: Document, rule: Rule, spec: SpanSpec, *, timeout: float | None = None
) -> list[Edit]:
    """Edits removing every line outside the article span, each with the decision's note."""
    content = [line for line in doc.lines() if not line.blank]
    if not content:
        return []
    span = find_span(content, spec, doc.rule_language, timeout, doc.line_memo)
    # A page kept whole has no removal to log the decision by: the record's meta says it.
    if span is not None and span.whole:
        doc.meta[KEPT_WHOLE] = KEPT_WHOLE_WHY
    else:
        doc.meta.pop(KEPT_WHOLE, None)
    if span is None:
        return []
    edits: list[Edit] = []
    top = article_top(content, span, spec)

    def drop(lines: Sequence[Line], note: str) -> None:
        edits.extend(Edit(n.start, n.stop, "", rule.id, "remove_line", note) for n in lines)

    # Kept above the article: the page title's line (line 0, or the headline that repeats
    # it, when found: line 0 is then a copy of it) and the lines from article_top down.
    # Cutting down to the same lines whether or not the title was found makes a second
    # pass over the output cut nothing.
    if span.headline is not None and _same_words(content[0], content[span.headline]):
        # The page title found again word for word (no site name to drop): line 0 is the
        # headline already, and its copy goes with what stands between them.
        drop(content[1 : span.headline + 1], "below the page title, down to its copy")
        drop(content[span.headline + 1 : top], "between the headline and the article")
    elif span.headline is not None:
        drop(content[: span.headline], "above the headline (the page title found again)")
        drop(content[span.headline + 1 : top], "between the headline and the article")
    else:
        drop(content[1:top], "above the article")
    for box in span.boxes:
        opener = content[box.start].text.strip()
        drop(
            [content[i] for i in box],
            f"a box inside the article ({opener[:40]!r}), the article going on below it",
        )
    below = content[span.end + 1 :]
    if span.marker is not None:
        marker = content[span.marker].text.strip()
        drop(below, f"below the article (end marker {marker[:40]!r})")
    else:
        drop(below, "below the article")
    if edits:
        # Each edit removes a line of ``content``, so the span remembered by its lines' texts
        # cannot be asked for again: forgotten now, those texts (a 10 MB page's lines) go
        # with the old text instead of staying until the next step asks.
        doc.line_memo.pop(("article-span", spec, doc.rule_language), None)
    return edits
