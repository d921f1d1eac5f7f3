"""Detect the document's language: scripts first, then langdetect with a seeded factory.

langdetect has no Armenian, Georgian or Azerbaijani profile, so those are told by their
letters. Text with fewer than :data:`MIN_LETTERS` letters is ``und``: too little to guess.

>>> detect("Բարև ձեզ, ինչպե՞ս եք։ Այսօր եղանակը շատ լավ է։")
('hy', 1.0)
>>> detect("Hello there")
('und', 0.0)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import regex

from cleaner.document import Batch, Document
from cleaner.options import Context

MIN_LETTERS = 20
# Below this probability a langdetect answer is a guess (see for_rules); on a text of fewer
# than SHORT letters only a unanimous answer counts: its random trials disagree easily there
# ("Azerbaijan and Armenia. Yasar Aliev said; Yasar Guler met him" is "id" at 0.86).
SURE = 0.6
SURE_SHORT = 0.99
SHORT = 120
# The commonest English function words, which no other language uses as words of its own
# (so "de", "la", "a", "die" are out).
ENGLISH_FUNCTION_WORDS = frozenset(
    {
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "was",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "at",
        "from",
        "his",
        "her",
        "its",
        "it",
        "were",
        "be",
        "has",
        "have",
        "had",
        "said",
        "after",
        "than",
        "this",
        "which",
        "who",
        "their",
        "they",
        "would",
        "will",
    }
)
WORDS = regex.compile(r"\p{L}+")
# langdetect gets about this much text: enough for a stable answer; its cost grows with it.
SAMPLE_CHARS = 1000
SEED = 0

# Counted by what is left once everything else is deleted (or by the lengths of runs): a list
# of every letter would cost three times as much.
NOT_LETTERS = regex.compile(r"\P{L}+")
LATIN_RUN = regex.compile(r"[\p{Latin}&&\p{L}]+", regex.V1)
# Scripts langdetect does not know, by the share of letters they must reach.
SCRIPTS = (
    ("hy", regex.compile(r"[\p{Armenian}&&\p{L}]", regex.V1)),
    ("ka", regex.compile(r"[\p{Georgian}&&\p{L}]", regex.V1)),
)
# Letters of Azerbaijani's Latin alphabet that English, Turkish and the rest do not use.
AZERBAIJANI = regex.compile(r"[əƏ]")
# ə is about 8% of the letters of Azerbaijani text; an English article quoting a place name in
# the Azerbaijani alphabet has a few in thousands.
AZERBAIJANI_SHARE = 0.02
# Any letter the three patterns above count: most texts have none, and are scanned once.
# Written as the code point ranges ``[\p{Armenian}\p{Georgian}əƏ]`` matches in ``regex`` (a
# test compares them over every code point): Python's ``re`` scans a class of ranges about
# four times as fast as ``regex`` looks up each character's script (0.10 -> 0.02 ms for a
# document of the speed corpus, in every pass).
OTHER_LETTERS = re.compile(
    "[\u018f\u0259\u0531-\u0556\u0558-\u058f\u10a0-\u10c5\u10c7\u10cd\u10d0-\u10fa"
    "\u10fc-\u10ff\u1c90-\u1cba\u1cbd-\u1cbf\u2d00-\u2d25\u2d27\u2d2d\ufb13-\ufb17]"
)
# A text's letters, Armenian letters, Georgian letters and schwas (see counts_of).
Counts = tuple[int, int, int, int]


@functools.cache
def _factory() -> Any:
    """Our own DetectorFactory, its profiles loaded once per process and never mutated.

    langdetect's module-level ``detect()`` and the class attribute ``DetectorFactory.seed``
    are shared by everything in the process; this factory is ours alone.
    """
    return factory(IMPLEMENTATIONS[0] if _has_fast() else IMPLEMENTATIONS[1])


# langdetect-rs (a Rust port, pinned) gives langdetect's probabilities bit for bit about ten
# times faster (tests/test_language.py compares them on a multilingual sample); langdetect
# itself is the fallback where the fast one cannot be installed.
IMPLEMENTATIONS = ("langdetect_rs", "langdetect")


def _no_language(made: Any) -> type[Exception]:
    """The implementation's LangDetectException (no features in the text)."""
    import importlib

    package = type(made).__module__.split(".")[0]
    error: type[Exception] = importlib.import_module(
        f"{package}.lang_detect_exception"
    ).LangDetectException
    return error


def _has_fast() -> bool:
    import importlib.util

    return importlib.util.find_spec(IMPLEMENTATIONS[0]) is not None


def factory(implementation: str) -> Any:
    """A seeded DetectorFactory of ``implementation`` (a module name of IMPLEMENTATIONS)."""
    import importlib

    module = importlib.import_module(f"{implementation}.detector_factory")
    made = module.DetectorFactory()
    made.load_profile(module.PROFILES_DIRECTORY)
    made.seed = SEED  # an instance attribute: the class-level seed stays untouched
    return made


# Letters are counted over slices of this many characters: a letter is one code point, so
# the counts add up over any split, and a 10 MB document never becomes one list of pieces
# (``sub`` over all of it peaked at about 110 MB).
COUNT_CHUNK = 1 << 16


def _slices(text: str) -> Iterator[str]:
    return (text[start : start + COUNT_CHUNK] for start in range(0, len(text), COUNT_CHUNK))


def count_letters(text: str) -> int:
    """How many letters (``\\p{L}``) ``text`` holds.

    >>> count_letters("Ilham Aliyev, 2003.")
    11
    """
    return sum(len(NOT_LETTERS.sub("", part)) for part in _slices(text))


def counts_of(text: str) -> Counts:
    """How many letters ``text`` holds, of them Armenian and Georgian letters (as
    :data:`SCRIPTS` counts them), and Azerbaijani schwas.

    >>> counts_of("Ilham Aliyev, Բաքու, Əliyev")
    (22, 5, 0, 1)
    """
    letters = count_letters(text)
    if not letters or not OTHER_LETTERS.search(text):
        return letters, 0, 0, 0
    armenian, georgian = (len(script.findall(text)) for _, script in SCRIPTS)
    return letters, armenian, georgian, len(AZERBAIJANI.findall(text))


# Where a document's last count is kept (in its line memo): its text's length, how many
# changes were logged then, and the counts.
COUNTED = "language.counted"
# Where a document's langdetect answers are kept (in its line memo), by sample.
DETECTED = "language.detected"
# What counting one change costs, in characters of text counted: past that, counting the
# whole text again is cheaper (a first pass that removed most lines of a page).
CHANGE_COST = 10


def _counts(doc: Document) -> Counts:
    """``counts_of(doc.text)``; after a first count, from the changes logged since.

    Every change to a document's text is logged with the text it replaced (``before``) and
    what it put there (``after``); what a whole-text rewrite leaves out of its log is line
    breaks, which are no letters. So the counts move by those of the ``after`` texts less
    those of the ``before`` texts, and the settle pass counts only what the first changed
    (quote marks, names, removed lines), not the whole text again. The lengths must agree
    the same way, or the text is counted whole (as it is when that is cheaper).
    """
    last = doc.line_memo.get(COUNTED)
    counts: Counts | None = None
    if last is not None:
        length, logged, counts = last
        since = doc.changes[logged:]
        moved = sum(len(c.after) + len(c.before) for c in since) + CHANGE_COST * len(since)
        if moved < len(doc.text) and length + sum(
            len(c.after) - len(c.before) for c in since
        ) == len(doc.text):
            # Each count is of single code points, so it adds up over a concatenation: the
            # changes' texts are counted joined, two counts in all rather than two a change.
            added = counts_of("".join([c.after for c in since]))
            removed = counts_of("".join([c.before for c in since]))
            counts = tuple(  # type: ignore[assignment]
                n + a - r for n, a, r in zip(counts, added, removed, strict=True)
            )
        else:
            counts = None
    if counts is None:
        counts = counts_of(doc.text)
    doc.line_memo[COUNTED] = (len(doc.text), len(doc.changes), counts)
    return counts


# A text whose first HEAD_CHARS characters hold SHORT letters or more is not short, whatever
# follows: where it holds no letter of SCRIPTS and no schwa either, its language is
# langdetect's answer on its sample, and only an unsure answer needs all its letters counted
# (for_rules). Counting them all costs about 0.2 ms a document of the speed corpus.
HEAD_CHARS = 512


def _long_plain(text: str) -> bool:
    """At least :data:`SHORT` letters (in the text's head), none Armenian or Georgian, no
    schwa: a text :func:`detect` sends to langdetect whatever its exact counts are.

    >>> [_long_plain(text) for text in ("Body text. " * 20, "Body text.", "Bərdə. " * 40)]
    [True, False, False]
    """
    return count_letters(text[:HEAD_CHARS]) >= SHORT and not OTHER_LETTERS.search(text)


def detect(
    text: str,
    *,
    counts: Counts | None = None,
    known: dict[str, tuple[str, float]] | None = None,
) -> tuple[str, float]:
    """The language of ``text`` as a bare code (``en``, ``zh``) and its probability.

    ``counts`` is ``counts_of(text)``, when the caller has it already; ``known`` keeps
    langdetect's answers by sample (seeded afresh for each call, it gives the same answer to
    the same sample: a settle pass that left the longest lines alone asks again).
    """
    letters, *scripts, schwas = counts_of(text) if counts is None else counts
    if letters < MIN_LETTERS:
        return "und", 0.0
    for (code, _), found in zip(SCRIPTS, scripts, strict=True):
        share = found / letters
        if share > 0.5:
            return code, round(share, 4)
    if schwas / letters > AZERBAIJANI_SHARE:
        return "az", 1.0
    return _by_sample(text, known)


def _by_sample(text: str, known: dict[str, tuple[str, float]] | None) -> tuple[str, float]:
    """langdetect's answer on the sample of ``text`` (kept in ``known``, by sample, with
    the answer to any earlier sample langdetect reads as the same text: see :func:`read`)."""
    chosen = sample(text)
    found = known.get(chosen) if known is not None else None
    if found is None:
        found = _read_alike(chosen, known) if known else None
        if found is None:
            found = _langdetect(chosen)
        if known is not None:
            known[chosen] = found
    return found


def _read_alike(chosen: str, known: dict[str, tuple[str, float]]) -> tuple[str, float] | None:
    """The answer to an earlier sample that langdetect reads as it reads ``chosen``, if any.

    The quotes and names steps rewrite the longest lines after the first language step, so
    a settle pass's sample is seldom the first; where only quote marks and spaces moved
    (``'`` for ``’``), langdetect reads the same text and draws the same n-grams. Samples
    whose ASCII letters differ (a name rewritten) are passed over at once: langdetect's
    normalization keeps those letters and makes no other character one, so they are read
    alike only where it left a URL or Latin letters out (then langdetect is asked again).
    """
    letters = _ascii_letters(chosen)
    for earlier, found in known.items():
        if _ascii_letters(earlier) == letters and read(earlier) == read(chosen):
            return found
    return None


# Every byte but A-Z and a-z. UTF-8 writes any other character in bytes of 0x80 and above,
# so deleting these from a text's UTF-8 leaves its ASCII letters, in order (one C loop).
NOT_ASCII_LETTER_BYTES = bytes(
    b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha()
)


def _ascii_letters(text: str) -> bytes:
    """The ASCII letters of ``text``, in order.

    >>> _ascii_letters("Ça va, Ali’s 2 “dogs”")
    b'avaAlisdogs'
    """
    return text.encode("utf-8", "surrogatepass").translate(None, NOT_ASCII_LETTER_BYTES)


SPACES = re.compile(" {2,}")


def read(chosen: str) -> str:
    """The text langdetect draws its n-grams from for ``chosen``: two samples read alike
    get the same answer (with the same seed).

    A detector takes its text as ``append`` leaves it (URLs and e-mail addresses out,
    Vietnamese marks composed, runs of spaces made one) and ``cleaning_text`` (Latin
    letters out of a text in another script); its n-grams are those of that text's
    characters, each through ``NGram.normalize`` (most punctuation, General Punctuation's
    quote marks and dashes among it, becomes a space). A run of spaces gives the n-grams
    of one space (the first resets the n-gram buffer; the others find it reset), so runs
    are made one here too.

    >>> read('It’s "Baku" - 2020!') == read("It's “Baku” – 2020 !")
    True
    """
    detector = _factory().create()
    detector.append(chosen)
    detector.cleaning_text()
    return SPACES.sub(" ", detector.text.translate(_normalized()))


class _Normalized(dict[int, str]):
    """``NGram.normalize`` of a code point, for ``str.translate``; each asked once."""

    def __init__(self, normalize: Any) -> None:
        super().__init__()
        self.normalize = normalize

    def __missing__(self, code: int) -> str:
        found: str = self.normalize(chr(code))
        self[code] = found
        return found


@functools.cache
def _normalized() -> _Normalized:
    """The factory's implementation's ``NGram.normalize``, a table for ``str.translate``."""
    import importlib

    package = type(_factory()).__module__.split(".")[0]
    return _Normalized(importlib.import_module(f"{package}.utils.ngram").NGram.normalize)


def _langdetect(chosen: str) -> tuple[str, float]:
    """langdetect's best language for ``chosen`` (a seeded detector of our own factory)."""
    made = _factory()
    detector = made.create()
    detector.append(chosen)
    try:
        best = detector.get_probabilities()[0]
    except (_no_language(made), IndexError):
        return "und", 0.0
    return best.lang.split("-")[0], round(best.prob, 4)


def sample(text: str) -> str:
    """The longest lines, in document order, up to about :data:`SAMPLE_CHARS` characters.

    Long lines are the article body; menus, bylines and captions are short.

    >>> body = "A long line of body text. " * 50
    >>> sample("Home\\n" + body + "\\nMenu") == body
    True
    """
    if len(text) <= SAMPLE_CHARS:
        return text
    # Only the lines' lengths are kept for the choice, the lines split a part of the text at
    # a time: a 10 MB text split whole was 28 MB of lines at once.
    whole = [text.splitlines()] if len(text) <= SAMPLE_PART_CHARS else None  # split once
    lengths: list[int] = []
    for lines in whole or _lines_in_parts(text, SAMPLE_PART_CHARS):
        lengths.extend(map(len, lines))
    chosen: set[int] = set()
    size = 0
    # Longest first, in document order among equal lengths (the sort is stable, reversed too).
    for index in sorted(range(len(lengths)), key=lengths.__getitem__, reverse=True):
        if size >= SAMPLE_CHARS:
            break
        chosen.add(index)
        size += lengths[index] + 1
    order = sorted(chosen)
    picked: list[str] = []
    first = 0  # the number of the part's first line
    for lines in whole or _lines_in_parts(text, SAMPLE_PART_CHARS):
        picked.extend(lines[i - first] for i in order if first <= i < first + len(lines))
        first += len(lines)
    return "\n".join(picked)[: SAMPLE_CHARS * 2]


# Past this many characters, sample() splits a text's lines a part at a time.
SAMPLE_PART_CHARS = 1 << 20


def _lines_in_parts(text: str, part_chars: int = SAMPLE_PART_CHARS) -> Iterator[list[str]]:
    """``text.splitlines()`` in parts of about ``part_chars`` characters that end just after
    a ``\\n`` (which ends any line break it is in, ``\\r\\n`` too): the parts' lines, one
    list after the other, are the whole text's.

    >>> list(_lines_in_parts("a\\r\\nb\\x0bc\\n\\nd\\r", part_chars=2))
    [['a'], ['b', 'c'], ['', 'd']]
    """
    start = 0
    while (cut := text.find("\n", start + part_chars)) >= 0:
        yield text[start : cut + 1].splitlines()
        start = cut + 1
    yield text[start:].splitlines() if start else text.splitlines()


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    # The settle loop runs this again after a pass that changed the text; an unchanged text
    # keeps its answer (memoized per version of the text).
    known = doc.line_memo.results(DETECTED)
    letters: int | None = None  # a long plain text's letters are counted only if needed
    if doc.memo("long_plain", _long_plain):
        doc.language, score = doc.memo("language", lambda text: _by_sample(text, known))
    else:
        counts = doc.memo("letter_counts", lambda _: _counts(doc))
        letters = counts[0]
        doc.language, score = doc.memo(
            "language", lambda text: detect(text, counts=counts, known=known)
        )
    doc.meta["language_score"] = score
    doc.rule_language = doc.memo(
        "rule_language", lambda text: for_rules(text, doc.language or "und", score, letters=letters)
    )
    yield from ()


def _reads_english(text: str) -> bool:
    """At least two English function words, a sixth of the words or more: a short text
    full of names ("Dmitri Aliev met Ilham Aliev in Baku.") that langdetect, looking at
    letter trigrams, takes for Danish."""
    words = [w.casefold() for w in WORDS.findall(text)]
    hits = sum(1 for w in words if w in ENGLISH_FUNCTION_WORDS)
    return hits >= 2 and hits * 6 >= len(words)


def for_rules(text: str, language: str, score: float = 1.0, *, letters: int | None = None) -> str:
    """The language rule conditions see: an unsure guess in Latin script counts as English.

    A title or a snippet too short to tell (``und``), or one langdetect guesses with less
    than :data:`SURE` probability (:data:`SURE_SHORT` under :data:`SHORT` letters:
    ``Heydar Aliev ruled Azerbaijan until 2003.`` is "tr" at 0.43), or a short one that
    reads as English by its function words, is most likely in the corpus's language, and
    the shipped rules are written for English; a short text in another script is left to
    rules that name no language.

    >>> for_rules("Nagorno Karabakh.", "und"), for_rules("Карабах.", "und")
    ('en', 'und')
    """
    if letters is None:
        if language != "und" and score >= SURE and count_letters(text[:HEAD_CHARS]) >= SHORT:
            return language  # not short (its head is not), and trusted
        letters = count_letters(text)
    short = letters < SHORT
    trusted = language != "und" and score >= (SURE_SHORT if short else SURE)
    if trusted and not (short and language != "en" and _reads_english(text)):
        return language
    latin = sum(len(run) for part in _slices(text) for run in LATIN_RUN.findall(part))
    return "en" if letters and latin * 2 > letters else "und"
