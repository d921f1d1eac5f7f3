"""Rule files: load, validate and compile the TOML rules in ``rules/``.

A rule file holds ``[[rule]]`` tables. Every rule has a stable ``id``, a one-line
``description``, a ``kind`` (what the engine does with its data), the kind's data, optional
conditions and inline examples. Loading validates everything and compiles every pattern once;
a problem raises :class:`RuleError` naming the file, the line, the rule and what to do.

>>> rules = load_rules([], defaults=True)
>>> any(rule.id == "boilerplate.ad-marker" for rule in rules)
True
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import dataclasses
import difflib
import fnmatch
import hashlib
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, cast

import regex

from cleaner.prefilter import Screens

QUOTE_STYLES = ("straight", "curly")
# What --quotes may ask for: a style for every language, "auto" (by language), or "keep"
# (every mark as written; only the spaces inside its pairs are repaired).
QUOTE_OPTIONS = ("auto", *QUOTE_STYLES, "keep")


class RuleError(ValueError):
    """A rule file that cannot be used; the message says where and what to do."""


@dataclass(frozen=True, slots=True)
class Example:
    """An inline example: ``input`` must become ``expected`` through its rule alone."""

    input: str
    expected: str
    language: str | None = None
    quotes: str = "straight"


@dataclass(frozen=True, slots=True)
class Conditions:
    """When a rule may fire: the document mentions a term, or is in (not in) a language."""

    mentions: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    skip_languages: tuple[str, ...] = ()

    def hold(self, text: str, language: str | None) -> bool:
        if self.mentions and not any(term in text for term in self.mentions):
            return False
        return self.language_holds(language)

    def language_holds(self, language: str | None) -> bool:
        if self.languages and language not in self.languages:
            return False
        return not (self.skip_languages and language in self.skip_languages)


# --- kind data ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineSpec:
    """``remove_line``: drop whole lines that match a pattern (optionally the next line too)."""

    pattern: regex.Pattern[str]
    where: str  # anywhere | head | tail
    and_next: bool
    body_words: int = 15  # a line this long is body: head and tail are above and below it
    # searched in the matched line, "\n" and the next non-blank line: a match keeps the line
    # (a heading over a body paragraph about it, where the same word over a form is furniture)
    unless_next: regex.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class TailSpec:
    """``remove_tail``: cut from a start line to the end, where the cut is confirmed."""

    pattern: regex.Pattern[str]
    confirm: regex.Pattern[str] | None
    confirm_within: int
    body_words: int = 15  # a line this long is body: never a start line, and the cut is below it


@dataclass(frozen=True, slots=True)
class RunSpec:
    """``remove_run``: drop runs of short lines that end no sentence (menus, link lists)."""

    min_lines: int
    max_words: int
    sentence_end: regex.Pattern[str]
    body_words: int = 15  # a line this long is body (the run is between two such lines, ...)
    lead_in_words: int = 5  # an unfinished sentence announcing a list has this many words
    title_case_words: int = 4  # a headline in title case has this many words
    title_case_share: float = 0.5  # ... and more than this share of them capitalized
    item_words: int = 2  # list items under a short lead-in: a median of at most this many words
    item_share: float = 0.5  # a run inside the article with more than this share of items stays


@dataclass(frozen=True, slots=True)
class RepeatSpec:
    """``repeat``: drop a line that repeats an earlier line of the same document."""

    min_words: int
    # A copy inside the article span that is a long line (body_words), ends no sentence
    # (sentence_end) and is not a headline in title case (title_case_words) stays.
    sentence_end: regex.Pattern[str]
    body_words: int = 15
    title_case_words: int = 4
    title_case_share: float = 0.5


@dataclass(frozen=True, slots=True)
class EchoSpec:
    """``echo``: drop a short sentence that repeats the last words of the one before it."""

    min_words: int
    max_words: int
    # Where one sentence ends and the next begins: its group 1 is the white space between.
    sentence_break: regex.Pattern[str]


@dataclass(frozen=True, slots=True)
class ReplaceSpec:
    """``replace``: substitute every match of a pattern (``\\1``/``\\g<name>`` allowed)."""

    pattern: regex.Pattern[str]
    replacement: str


@dataclass(frozen=True, slots=True)
class QuoteSpec:
    """``quotes``: which characters are quote marks, and the apostrophe exceptions."""

    double: frozenset[str]
    single: frozenset[str]
    elisions: tuple[str, ...]
    possessive_endings: str
    double_marks: regex.Pattern[str]  # one character class each, to find marks in one pass
    single_marks: regex.Pattern[str]


@dataclass(frozen=True, slots=True)
class AliasSpec:
    """``alias``: variant -> canonical, whole words, with case handling and exceptions."""

    table: tuple[tuple[str, str], ...]  # (variant, canonical), in file order
    case_insensitive: bool
    exceptions: tuple[str, ...]
    # The variants are also ordinary words (Artesian, Stagnant): fixed only where one reads
    # as a name, never at the start of a sentence, in a title-case headline or in capitals.
    as_name_only: bool = False
    # With as_name_only: words that make a variant read as a name when they follow it, even
    # at the start of a sentence ("Artesian forces said" is the garbled name; "Artesian
    # wells" is not).
    name_words: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class SpanSpec:
    """``article_span``: where the article starts and ends; what lies outside it goes.

    Every number is a threshold of :mod:`cleaner.steps.article` (see its docstring).
    """

    body_words: int  # a body block has at least this many words ...
    body_stopwords: float  # ... and this share of stopwords (where a stoplist exists)
    link_cost: float  # what a line that is no body block costs the span, in words
    headline_within: int  # how many lines above the article's first line its headline may be
    title_min_words: int  # a page title found again at the headline has this many words
    resume_lines: int  # body blocks in a row that resume the article after an end marker
    end_markers: regex.Pattern[str] | None
    sentence_end: regex.Pattern[str]
    isolated_weight: float = 1.0  # a body block without a body block next to it counts this
    resume_share: float = 0.0  # body after an end marker: at least this share of that before it
    feed_cost: float = 0.0  # what a feed line (a date, a vote or comment count) costs
    feed_lines: regex.Pattern[str] | None = None
    rival_share: float = 0.0  # another stretch scoring this share of the best one stays too
    feed_blurbs: int = 0  # this many lone body blocks and no paragraphs: no article, no cut
    rival_blocks: int = 3  # a rival stretch holds this many body blocks, two of them in a row
    thread_feeds: int = 2  # this many feed lines below an end marker: the article does not resume
    unconfirmed_ratio: float = 0.0  # a cut below with no marker or feed line takes at most this
    box_lines: int = 0  # the article goes on below a box of at most this many short lines ...
    box_openers: regex.Pattern[str] | None = None  # ... opening with an end marker or these
    headline_min_words: int = 4  # a headline or its dek has this many words, numbers aside
    headline_lines: int = 4  # more title-like lines in a row are a list of teasers
    lead_in_words: int = 5  # an unfinished sentence announcing a list has this many words
    entry_stamps: regex.Pattern[str] | None = None  # a live blog's stamps (whole lines)
    list_lead_ins: regex.Pattern[str] | None = None  # a sentence saying a list follows
    live_titles: regex.Pattern[str] | None = None  # a page title saying it is a live blog
    link_words: int = 2  # a line of this many words or fewer, ending no sentence, is link-like
    title_numbers: float = 3.0  # a title-like line has more than this many words per number
    spaceless_weight: float = 0.5  # a CJK or Thai character counts this much of a headline word


@dataclass(frozen=True, slots=True)
class TemplateSpec:
    """``site_template``: when a line recurring on pages of one site is furniture.

    Every number is a threshold of :mod:`cleaner.corpus.templates` (see its ``Thresholds``).
    """

    min_pages: int
    min_share: float
    body_min_pages: int
    body_min_share: float
    body_words: int
    body_stopwords: float
    limit: int
    sentence_end: regex.Pattern[str]
    story_share: float = 0.5  # a page shares more than this of its article prose with a story
    prose_lines: int = 3  # a page with fewer article prose lines adds its longest line


Spec = (
    LineSpec
    | TailSpec
    | RunSpec
    | RepeatSpec
    | EchoSpec
    | ReplaceSpec
    | QuoteSpec
    | AliasSpec
    | SpanSpec
    | TemplateSpec
)


@dataclass(frozen=True, slots=True)
class Rule:
    """A validated, compiled rule."""

    id: str
    description: str
    kind: str
    spec: Spec
    when: Conditions
    examples: tuple[Example, ...]
    unchanged: tuple[Example, ...]
    source: str  # "path:line", for messages
    shipped: bool = False  # from the package's own rules/ (tested by the suite, no time limit)


class RuleTimeout(Exception):
    """A user rule's pattern ran past its per-match time limit on a document."""

    def __init__(self, rule: Rule, seconds: float) -> None:
        super().__init__(
            f"rule {rule.id!r} ({rule.source}) took over {seconds:g} s on one match and was "
            "stopped; simplify its pattern (nested repeats such as (a+)+ backtrack without end)"
        )
        self.rule = rule


class time_limit:
    """Turn the ``regex`` module's TimeoutError inside the block into a :class:`RuleTimeout`.

    Steps pass ``timeout=seconds`` to every match of the rule's pattern inside the block; the
    limit is wall-clock time, the one documented exception to determinism. (A class, not a
    generator context manager: steps enter one per rule and document, and this costs less.)
    """

    __slots__ = ("rule", "seconds")

    def __init__(self, rule: Rule, seconds: float | None) -> None:
        self.rule = rule
        self.seconds = seconds

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, trace: object
    ) -> bool:
        if kind is not None and issubclass(kind, TimeoutError):
            raise RuleTimeout(self.rule, self.seconds or 0.0) from exc
        return False


class RuleSet(tuple[Rule, ...]):
    """The loaded rules in order, with a fingerprint of the files they came from and notes on
    what loading decided (a variant a user rule took from a shipped one)."""

    fingerprint: str
    notes: tuple[str, ...]
    _of_kind: dict[tuple[str, ...], tuple[Rule, ...]]
    _in_language: dict[tuple[tuple[str, ...], str | None], tuple[tuple[Rule, ...], bool]]
    _line_screens: dict[tuple[tuple[str, ...], str | None], Screens]
    _screens_of: dict[tuple[regex.Pattern[str], ...], Screens]

    def __new__(
        cls, rules: Sequence[Rule], fingerprint: str, notes: Sequence[str] = ()
    ) -> RuleSet:
        self = super().__new__(cls, rules)
        self.fingerprint = fingerprint
        self.notes = tuple(notes)
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (RuleSet, (tuple(self), self.fingerprint, self.notes))

    def of_kind(self, *kinds: str) -> tuple[Rule, ...]:
        # Asked by every step of every pass: remembered per set of kinds (the set is immutable).
        try:
            cache = self._of_kind
        except AttributeError:
            cache = self._of_kind = {}
        found = cache.get(kinds)
        if found is None:
            found = cache[kinds] = tuple(rule for rule in self if rule.kind in kinds)
        return found

    def holding(self, kinds: tuple[str, ...], text: str, language: str | None) -> list[Rule]:
        """The rules of ``kinds`` whose conditions hold for ``text`` in ``language``, in order:
        what ``[r for r in self.of_kind(*kinds) if r.when.hold(text, language)]`` gives, with
        the language conditions read once per kind set and language (a document's steps ask
        about a hundred times; the rules are immutable, languages a few dozen).

        >>> rules = load_rules([], defaults=True)
        >>> [r.id for r in rules.holding(("replace",), "x", "fr")] == [
        ...     r.id for r in rules.of_kind("replace") if r.when.hold("x", "fr")]
        True
        """
        rules, mentions = self.in_language(kinds, language)
        if not mentions:
            return list(rules)
        return [r for r in rules if not r.when.mentions or r.when.hold(text, language)]

    def line_screens(self, kinds: tuple[str, ...], language: str | None) -> Screens:
        """The screens of the line patterns (``remove_line`` and ``remove_tail`` rules) of
        :meth:`in_language`'s rules, asked of a line at once; remembered.

        >>> rules = load_rules([], defaults=True)
        >>> screens = rules.line_screens(("remove_line",), "en")
        >>> all(r.spec.pattern in screens for r in rules.holding(("remove_line",), "", "en"))
        True
        """
        try:
            cache = self._line_screens
        except AttributeError:
            cache = self._line_screens = {}
        found = cache.get((kinds, language))
        if found is None:
            patterns = self.line_patterns(kinds, language)
            # Languages with the same line patterns share one (built once, not per language).
            try:
                shared = self._screens_of
            except AttributeError:
                shared = self._screens_of = {}
            found = shared.get(tuple(patterns))
            if found is None:
                found = shared[tuple(patterns)] = Screens(patterns)
            cache[kinds, language] = found
        return found

    def line_patterns(
        self, kinds: tuple[str, ...], language: str | None
    ) -> list[regex.Pattern[str]]:
        """The line patterns (a ``remove_line`` rule's, a ``remove_tail`` rule's and its
        ``confirm``) of :meth:`in_language`'s rules, in rule order."""
        patterns: list[regex.Pattern[str]] = []
        for rule in self.in_language(kinds, language)[0]:
            spec = rule.spec
            if isinstance(spec, LineSpec | TailSpec):
                patterns.append(spec.pattern)
            if isinstance(spec, TailSpec) and spec.confirm is not None:
                patterns.append(spec.confirm)
        return patterns

    def in_language(
        self, kinds: tuple[str, ...], language: str | None
    ) -> tuple[tuple[Rule, ...], bool]:
        """The rules of ``kinds`` whose language conditions hold in ``language``, and whether
        any of them names terms (``when_mentions``: the text decides those); remembered."""
        try:
            cache = self._in_language
        except AttributeError:
            cache = self._in_language = {}
        found = cache.get((kinds, language))
        if found is None:
            rules = tuple(r for r in self.of_kind(*kinds) if r.when.language_holds(language))
            found = cache[kinds, language] = (rules, any(r.when.mentions for r in rules))
        return found


# --- schema ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Key:
    """One key a rule table may hold."""

    type: type | tuple[type, ...]
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    items: type | tuple[type, ...] | None = None  # element type of a list


COMMON = {
    "id": Key(str, required=True),
    "description": Key(str, required=True),
    "kind": Key(str, required=True),
    "examples": Key(list, required=True, items=dict),
    "unchanged": Key(list, default=[]),
    "when_mentions": Key(list, default=[], items=str),
    "languages": Key(list, default=[], items=str),
    "skip_languages": Key(list, default=[], items=str),
}

# Sentence ends of every script: Latin, CJK, Arabic, Armenian, Devanagari; and a closing
# quote or bracket after them. The default of every kind that asks whether a line ends one.
SENTENCE_END = r"[.!?…:;。！？；：．؟۔։।][\"'”’»)\]」』）]*"

KINDS: dict[str, dict[str, Key]] = {
    "remove_line": {
        "patterns": Key(list, required=True, items=(str, dict)),
        "where": Key(str, default="anywhere", choices=("anywhere", "head", "tail")),
        "and_next": Key(bool, default=False),
        "ignore_case": Key(bool, default=False),
        "body_words": Key(int, default=15),
        "unless": Key(list, default=[], items=str),
        "unless_next": Key(list, default=[], items=str),
    },
    "remove_tail": {
        "patterns": Key(list, required=True, items=(str, dict)),
        "confirm": Key(list, default=[], items=str),
        "confirm_within": Key(int, default=6),
        "ignore_case": Key(bool, default=False),
        "body_words": Key(int, default=15),
        "unless": Key(list, default=[], items=str),
    },
    "remove_run": {
        "min_lines": Key(int, default=4),
        "max_words": Key(int, default=14),
        "sentence_end": Key(str, default=SENTENCE_END),
        "body_words": Key(int, default=15),
        "lead_in_words": Key(int, default=5),
        "title_case_words": Key(int, default=4),
        "title_case_share": Key((float, int), default=0.5),
        "item_words": Key(int, default=2),
        "item_share": Key((float, int), default=0.5),
    },
    "repeat": {
        "min_words": Key(int, default=4),
        "body_words": Key(int, default=15),
        "title_case_words": Key(int, default=4),
        "title_case_share": Key((float, int), default=0.5),
        "sentence_end": Key(str, default=SENTENCE_END),
    },
    "article_span": {
        "body_words": Key(int, default=15),
        "body_stopwords": Key((float, int), default=0.3),
        "link_cost": Key((float, int), default=6.0),
        "headline_within": Key(int, default=8),
        "title_min_words": Key(int, default=3),
        "resume_lines": Key(int, default=2),
        "isolated_weight": Key((float, int), default=1.0),
        "resume_share": Key((float, int), default=0.0),
        "feed_cost": Key((float, int), default=0.0),
        "feed_lines": Key(list, default=[], items=str),
        "rival_share": Key((float, int), default=0.0),
        "feed_blurbs": Key(int, default=0),
        "rival_blocks": Key(int, default=3),
        "thread_feeds": Key(int, default=2),
        "unconfirmed_ratio": Key((float, int), default=0.0),
        "box_lines": Key(int, default=0),
        "box_openers": Key(list, default=[], items=str),
        "headline_min_words": Key(int, default=4),
        "headline_lines": Key(int, default=4),
        "lead_in_words": Key(int, default=5),
        "entry_stamps": Key(list, default=[], items=str),
        "list_lead_ins": Key(list, default=[], items=str),
        "live_titles": Key(list, default=[], items=str),
        "link_words": Key(int, default=2),
        "title_numbers": Key((float, int), default=3.0),
        "spaceless_weight": Key((float, int), default=0.5),
        "end_markers": Key(list, default=[], items=str),
        "ignore_case": Key(bool, default=True),
        "sentence_end": Key(str, default=SENTENCE_END),
    },
    "site_template": {
        "min_pages": Key(int, default=2),
        "min_share": Key((float, int), default=0.0),
        "body_min_pages": Key(int, default=5),
        "body_min_share": Key((float, int), default=0.5),
        "body_words": Key(int, default=15),
        "body_stopwords": Key((float, int), default=0.3),
        "limit": Key(int, default=200_000),
        "sentence_end": Key(str, default=SENTENCE_END),
        "story_share": Key((float, int), default=0.5),
        "prose_lines": Key(int, default=3),
    },
    "echo": {
        "min_words": Key(int, default=2),
        "max_words": Key(int, default=6),
        # A sentence ends with . ! ? (and maybe a closing quote or bracket) before white space
        # (group 1) and a capital letter or an opening quote.
        "sentence_break": Key(str, default=r"[.!?][\"'”’»)\]]?([ \t]+)(?=[\"'“‘«(\[]?\p{Lu})"),
    },
    "replace": {
        "pattern": Key(str, required=True),
        "replacement": Key(str, required=True),
        "ignore_case": Key(bool, default=False),
    },
    "quotes": {
        "double": Key(list, required=True, items=str),
        "single": Key(list, required=True, items=str),
        "elisions": Key(list, default=[], items=str),
        "possessive_endings": Key(str, default="sz"),
    },
    "alias": {
        "canonical": Key(str),
        "variants": Key(list, default=[], items=str),
        "map": Key(dict, default={}),
        "case_insensitive": Key(bool, default=False),
        "exceptions": Key(list, default=[], items=str),
        "as_name_only": Key(bool, default=False),
        "name_words": Key(list, default=[], items=str),
    },
}

EXAMPLE_KEYS = {"input", "expected", "language", "quotes", "why"}


def default_rule_files() -> list[Path]:
    """The rule files shipped inside the package (``rules/`` in the repository)."""
    folder = resources.files("cleaner").joinpath("default_rules")
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".toml"))


def expand(paths: Sequence[Path | str]) -> list[Path]:
    """Files as given; folders become their ``*.toml`` files in name order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(path.glob("*.toml")))
        elif path.is_file():
            files.append(path)
        else:
            raise RuleError(f"{path}: no such rule file or folder")
    return files


@dataclass(frozen=True, slots=True)
class RuleFile:
    """A rule file's content and its name for messages, read once: a :class:`RuleSet` can be
    compiled from these anywhere (a worker process without the user's files included)."""

    name: str
    data: bytes
    shipped: bool = False


def read_rule_files(
    paths: Sequence[Path | str] = (), *, defaults: bool = True
) -> tuple[RuleFile, ...]:
    """The default rule files (unless ``defaults=False``) and then the given files or folders."""
    shipped = {path.resolve() for path in default_rule_files()} if defaults else set()
    paths_in_order: list[Path] = []
    for path in [*(default_rule_files() if defaults else []), *expand(paths)]:
        if path.resolve() not in {f.resolve() for f in paths_in_order}:  # given twice
            paths_in_order.append(path)
    files: list[RuleFile] = []
    for path in paths_in_order:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise RuleError(f"{_display(path)}: cannot read: {exc.strerror or exc}") from None
        files.append(RuleFile(_display(path), data, path.resolve() in shipped))
    return tuple(files)


def load_rules(
    paths: Sequence[Path | str] = (), *, defaults: bool = True, disable: Sequence[str] = ()
) -> RuleSet:
    """Load the default rules (unless ``defaults=False``) and then the given files or folders,
    without the rules ``disable`` names (ids or globs)."""
    return compile_rules(read_rule_files(paths, defaults=defaults), disable=disable)


def compile_rules(files: Sequence[RuleFile], *, disable: Sequence[str] = ()) -> RuleSet:
    """Validate and compile rule files, in order, into one :class:`RuleSet`.

    A rule with ``override = true`` replaces the rule of an earlier file that has its id, in
    its place; a file's top-level ``disable`` list switches off rules of earlier files. Then
    ``disable`` (ids or ``fnmatch`` globs, ``--disable``) switches off any loaded rule; a
    pattern that matches no rule loaded is an error. Disabled rules change the fingerprint.
    """
    rules: list[Rule] = []
    seen: dict[str, tuple[str, int]] = {}  # id -> (source, number of its file)
    known: set[str] = set()  # every id loaded, disabled ones included
    notes: list[str] = []
    shipped = any(file.shipped for file in files)
    guards: dict[str, Guard] = {}  # every file's [guards], for the files loaded after it too
    digest = hashlib.sha256()
    for number, file in enumerate(files):
        digest.update(Path(file.name).name.encode() + b"\0" + file.data + b"\0")
        loaded = _load_file(file.name, file.data, shipped=file.shipped, guards=guards)
        guards |= loaded.guards
        for rule, override in loaded.rules:
            first = seen.get(rule.id)
            if first is not None and (first[1] == number or not override):
                fix = (
                    "ids must be unique, give this rule a new one"
                    if first[1] == number
                    else "to replace that rule, add override = true to this one; else give "
                    "this rule a new id"
                )
                raise RuleError(
                    f"{rule.source}: rule {rule.id!r}: duplicate id (first defined at "
                    f"{first[0]}); {fix}"
                )
            if first is not None:
                rules[next(n for n, r in enumerate(rules) if r.id == rule.id)] = rule
            else:
                if override:
                    problem = f"{rule.source}: rule {rule.id!r}: override = true, but no rule"
                    if shipped:
                        hint = _did_you_mean(rule.id, seen)
                        raise RuleError(f"{problem} loaded before this file has its id{hint}")
                    notes.append(
                        f"{problem} loaded before has its id (the shipped rules are off); "
                        "it is loaded as a new rule"
                    )
                rules.append(rule)
            seen[rule.id] = (rule.source, number)
            known.add(rule.id)
        for pattern in loaded.disable:
            earlier = [r.id for r in rules if seen[r.id][1] < number]
            off = {rule_id for rule_id in earlier if fnmatch.fnmatchcase(rule_id, pattern)}
            if not off:
                problem = f"{file.name}:{loaded.disable_line}: disable {pattern!r} matches no rule"
                if shipped:
                    hint = _pattern_hint(pattern, seen)
                    raise RuleError(f"{problem} loaded before this file{hint}")
                notes.append(f"{problem} (the shipped rules are off)")
            rules = [r for r in rules if r.id not in off]
            for rule_id in off:
                del seen[rule_id]
    for pattern in disable:
        if not any(fnmatch.fnmatchcase(rule_id, pattern) for rule_id in known):
            raise RuleError(
                f"disable {pattern!r} matches no loaded rule{_pattern_hint(pattern, known)}; "
                "'cleaner rules list' shows them"
            )
        rules = [r for r in rules if not fnmatch.fnmatchcase(r.id, pattern)]
    if disable:
        digest.update(b"disable\0" + "\0".join(sorted(set(disable))).encode())
    rules, claims = _user_claims(rules)
    return RuleSet(rules, digest.hexdigest(), [*notes, *claims])


def _pattern_hint(pattern: str, ids: Iterable[str]) -> str:
    """A did-you-mean for a disable pattern: the closest id or family glob (``names.*``)."""
    ids = list(ids)
    return _did_you_mean(pattern, [*ids, *sorted({i.split(".")[0] + ".*" for i in ids})])


def _user_claims(rules: list[Rule]) -> tuple[list[Rule], list[str]]:
    """A variant that a user alias rule lists moves to it from a shipped rule, with a note.

    A user adjusting one spelling should not have to drop every shipped rule; between two
    user rules, a shared variant stays an error (the alias index reports it).
    """
    claimed: dict[str, Rule] = {}
    for rule in rules:
        if isinstance(rule.spec, AliasSpec) and not rule.shipped:
            for variant, _ in rule.spec.table:
                claimed.setdefault(variant.casefold(), rule)
    if not claimed:
        return rules, []
    kept: list[Rule] = []
    notes: list[str] = []
    for rule in rules:
        spec = rule.spec
        if isinstance(spec, AliasSpec) and rule.shipped:
            table = tuple(pair for pair in spec.table if pair[0].casefold() not in claimed)
            for variant, _ in spec.table:
                taker = claimed.get(variant.casefold())
                if taker is not None:
                    notes.append(
                        f"variant {variant!r} of shipped rule {rule.id!r} is handled by rule "
                        f"{taker.id!r} ({taker.source})"
                    )
            if not table:
                continue
            if len(table) < len(spec.table):
                # Its examples that show a moved variant now belong to the user's rule.
                moved = [v.casefold() for v, _ in spec.table if v.casefold() in claimed]

                def keeps(example: Example, moved: list[str] = moved) -> bool:
                    return not any(v in example.input.casefold() for v in moved)

                rule = dataclasses.replace(
                    rule,
                    spec=dataclasses.replace(spec, table=table),
                    examples=tuple(filter(keeps, rule.examples)),
                    unchanged=tuple(filter(keeps, rule.unchanged)),
                )
        kept.append(rule)
    return kept, notes


@dataclass(frozen=True, slots=True)
class _FileRules:
    """What one rule file holds: its rules (each with its ``override``) and its ``disable``."""

    rules: list[tuple[Rule, bool]]
    disable: tuple[str, ...] = ()
    disable_line: int = 1
    guards: dict[str, Guard] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Guard:
    """A named entry of a rule file's ``[guards]`` table: patterns that keep a line.

    A rule's ``unless = ["name", ...]`` puts the named guards' patterns (in that order) into a
    lookbehind at the end of each of its patterns, ``(?:PATTERN)(?<!(?:G1|G2...)[^\\n]*)``:
    a line matching the pattern stays when any guard pattern matches anywhere in it.
    """

    name: str
    patterns: tuple[str, ...]
    source: str  # the file that defines it, for messages


# A rule file's top-level keys.
TOP_LEVEL = ("rule", "defaults", "disable", "guards")
GUARD_NAME = regex.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


def _load_file(
    name: str,
    data: bytes,
    *,
    shipped: bool = False,
    guards: dict[str, Guard] | None = None,
) -> _FileRules:
    """One rule file's rules; ``guards`` are those of the files loaded before it."""
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise RuleError(f"{name}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{name}: invalid TOML: {exc}") from None
    extra = set(document) - set(TOP_LEVEL)
    if extra:
        key = sorted(extra)[0]
        raise RuleError(
            f"{name}: unknown top-level table {key!r}{_did_you_mean(key, TOP_LEVEL)}; rules go "
            "in [[rule]] tables"
        )
    defaults = _file_defaults(name, document.get("defaults", {}))
    disable = document.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(p, str) and p for p in disable):
        raise RuleError(f"{name}: 'disable' must be a list of rule ids or globs such as 'names.*'")
    earlier = guards or {}
    own = _file_guards(name, document.get("guards", {}), earlier, shipped=shipped)
    tables = document.get("rule", [])
    if not isinstance(tables, list) or not (tables or disable or own):
        raise RuleError(f"{name}: no [[rule]] tables found")
    text = data.decode("utf-8")
    locate = _Locator(text)
    token = _SHIPPED.set(shipped)
    try:
        rules = _build_all(name, tables, defaults, locate, earlier | own, shipped=shipped)
    finally:
        _SHIPPED.reset(token)
    found = regex.search(r"(?m)^[ \t]*disable[ \t]*=", text)
    line = text.count("\n", 0, found.start()) + 1 if found else 1
    return _FileRules(rules, tuple(disable), line, own)


def _file_guards(
    name: str, table: object, earlier: dict[str, Guard], *, shipped: bool
) -> dict[str, Guard]:
    """The ``[guards]`` table: ``name = 'pattern'`` or ``name = ['pattern', ...]``.

    Names are shared by every file loaded after this one (a user file can name the shipped
    guards), so a name defined twice is an error, not a silent replacement.
    """
    if not isinstance(table, dict):
        raise RuleError(f"{name}: [guards] must be a table of name = 'pattern' (or a list)")
    guards: dict[str, Guard] = {}
    for key, value in table.items():
        where = f"{name}: [guards]: {key!r}"
        if not GUARD_NAME.fullmatch(key):
            raise RuleError(f"{where}: a guard name is lowercase letters and digits, - and _")
        if key in earlier:
            raise RuleError(
                f"{where}: already defined in {earlier[key].source}; guard names are shared "
                "by every rule file loaded after the one defining them; give this one another name"
            )
        patterns = [value] if isinstance(value, str) else value
        if (
            not isinstance(patterns, list)
            or not patterns
            or not all(isinstance(p, str) and p for p in patterns)
        ):
            raise RuleError(f"{where}: must be a pattern or a non-empty list of patterns")
        if not shipped:  # the shipped ones are checked by the tests, and compile on first use
            for pattern in patterns:
                _check_guard(pattern, lambda problem, where=where: RuleError(f"{where}: {problem}"))
        guards[key] = Guard(key, tuple(patterns), name)
    return guards


# A back reference: \1 to \99, \g<name> or \g<1>, (?P=name) (an escaped backslash before
# it is no back reference).
BACK_REFERENCE = regex.compile(r"(?<!\\)(?:\\\\)*\\(?:[1-9]|g<)|\(\?P=")


def _check_guard(pattern: str, fail: Callable[[str], RuleError]) -> None:
    """Refuse a guard pattern that is invalid or matches the empty string (a guard that holds
    on every line would keep every line its rules match)."""
    compiled = _compile_one(pattern, regex.V1, fail)
    if BACK_REFERENCE.search(pattern):
        raise fail(
            f"pattern {pattern!r} holds a back reference; a guard is searched inside a "
            "lookbehind, where a back reference never matches"
        )
    for line in ("", *PROBE_LINES):
        if any(found.start() == found.end() for found in compiled.finditer(line)):
            raise fail(
                f"pattern {pattern!r} matches the empty string; a guard must need some text, "
                "or it keeps every line"
            )


def _guarded(
    values: dict[str, Any], guards: dict[str, Guard], fail: Callable[[str], RuleError]
) -> list[str]:
    """The rule's ``patterns`` as pattern strings, each with the guards its ``unless`` names
    at its end: the rule's ``unless``, or the list of a pattern written as a table
    ``{pattern = '...', unless = [...]}`` (``[]``: none)."""
    texts: dict[tuple[str, ...], str] = {}
    patterns: list[str] = []
    for item in values["patterns"]:
        if isinstance(item, str):
            pattern, names = item, values["unless"]
        else:
            for key in item:
                if key not in ("pattern", "unless"):
                    hint = _did_you_mean(key, ("pattern", "unless"))
                    raise fail(f"a pattern table has unknown key {key!r}{hint}")
            pattern, names = item.get("pattern"), item.get("unless", values["unless"])
            if not isinstance(pattern, str):
                raise fail("a pattern table needs a string 'pattern'")
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise fail(f"pattern {pattern!r}: 'unless' must be a list of guard names")
        if not names:
            patterns.append(pattern)
            continue
        keep = texts.get(tuple(names))
        if keep is None:
            keep = texts[tuple(names)] = _guard_text(names, guards, fail)
        patterns.append(f"(?:{pattern})(?<!(?:{keep})[^\\n]*)")
    return patterns


def _guard_text(
    names: list[str], guards: dict[str, Guard], fail: Callable[[str], RuleError]
) -> str:
    """The patterns of the guards ``names``, in order, as one alternation."""
    texts: list[str] = []
    for number, guard_name in enumerate(names):
        guard = guards.get(guard_name)
        if guard is None:
            known = ", ".join(sorted(guards)) or "none: shipped ones come with shipped rules"
            raise fail(
                f"'unless': unknown guard {guard_name!r}{_did_you_mean(guard_name, guards)}; "
                f"a guard is a name in [guards] of this file or of a rule file loaded before "
                f"it (loaded: {known})"
            )
        if guard_name in names[:number]:
            raise fail(f"'unless' lists guard {guard_name!r} twice")
        texts.extend(guard.patterns)
    return "|".join(texts)


def _build_all(
    name: str,
    tables: list[Any],
    defaults: dict[str, Any],
    locate: _Locator,
    guards: dict[str, Guard],
    *,
    shipped: bool,
) -> list[tuple[Rule, bool]]:
    rules: list[tuple[Rule, bool]] = []
    for index, table in enumerate(tables, 1):
        if not isinstance(table, dict):
            raise RuleError(f"{name}: rule #{index} is not a table; write rules as [[rule]]")
        table = dict(table)
        override = table.pop("override", False)
        line = locate(table.get("id"), index)
        if not isinstance(override, bool):
            raise RuleError(f"{name}:{line}: rule #{index}: 'override' must be true or false")
        rule = _build(defaults | table, name, line, index, guards)
        rules.append((dataclasses.replace(rule, shipped=True) if shipped else rule, override))
    return rules


# Keys a rule file's [defaults] table may set for every rule in it (a rule's own value wins).
FILE_DEFAULTS = ("languages", "skip_languages")


def _file_defaults(name: str, table: object) -> dict[str, Any]:
    """The ``[defaults]`` table: conditions every rule of the file shares, such as
    ``languages = ["en"]`` for a file of English-press spellings."""
    if not isinstance(table, dict):
        raise RuleError(f"{name}: [defaults] must be a table")
    for key, value in table.items():
        if key not in FILE_DEFAULTS:
            hint = _did_you_mean(key, FILE_DEFAULTS)
            raise RuleError(
                f"{name}: [defaults]: unknown key {key!r}{hint}; it may set "
                f"{', '.join(FILE_DEFAULTS)}"
            )
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleError(f"{name}: [defaults]: {key!r} must be a list of language codes")
    return dict(table)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _Locator:
    """The line of a rule's ``id =`` (or of its ``[[rule]]`` header), for messages.

    The file is scanned once: looking each id up in the whole text would make loading
    quadratic in the number of rules.
    """

    ID = regex.compile(r"(?m)^[ \t]*id[ \t]*=[ \t]*[\"']([^\"'\n]*)[\"']")
    HEADER = regex.compile(r"(?m)^[ \t]*\[\[rule\]\]")

    def __init__(self, text: str) -> None:
        starts = [0, *(m.end() for m in regex.finditer("\n", text))]
        self._ids: dict[str, int] = {}
        for found in self.ID.finditer(text):
            self._ids.setdefault(found[1], bisect.bisect_right(starts, found.start()))
        self._headers = [bisect.bisect_right(starts, m.start()) for m in self.HEADER.finditer(text)]

    def __call__(self, rule_id: object, index: int) -> int:
        if isinstance(rule_id, str) and rule_id in self._ids:
            return self._ids[rule_id]
        return self._headers[index - 1] if index <= len(self._headers) else 1


def _build(
    table: dict[str, Any], name: str, line: int, index: int, guards: dict[str, Guard]
) -> Rule:
    rule_id = table.get("id")
    where = f"{name}:{line}"
    label = f"rule {rule_id!r}" if isinstance(rule_id, str) else f"rule #{index} (no id)"

    def fail(problem: str) -> RuleError:
        return RuleError(f"{where}: {label}: {problem}")

    kind = table.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        hint = _did_you_mean(str(kind), KINDS)
        raise fail(f"unknown kind {kind!r}{hint}; kinds are {', '.join(sorted(KINDS))}")
    schema = COMMON | KINDS[kind]
    for key in table:
        if key not in schema:
            # Name the kinds that take a key this kind does not (unless, where, ...).
            takers = sorted(k for k, keys in KINDS.items() if key in keys)
            elsewhere = f"; {key!r} is a key of {', '.join(takers)}" if takers else ""
            raise fail(f"unknown key {key!r}{_did_you_mean(key, schema)}{elsewhere}")
    values: dict[str, Any] = {}
    for key, spec in schema.items():
        if key not in table:
            if spec.required:
                raise fail(f"missing required key {key!r}")
            values[key] = spec.default
            continue
        value = table[key]
        numeric = spec.type is int or (isinstance(spec.type, tuple) and int in spec.type)
        if not isinstance(value, spec.type) or (numeric and isinstance(value, bool)):
            raise fail(f"{key!r} must be {_type_name(spec.type)}, not {type(value).__name__}")
        if spec.choices and value not in spec.choices:
            raise fail(f"{key!r} is {value!r}; choose one of {', '.join(spec.choices)}")
        if spec.items is not None and any(not isinstance(item, spec.items) for item in value):
            raise fail(f"every item of {key!r} must be {_type_name(spec.items)}")
        values[key] = value
    if not regex.fullmatch(r"[a-z0-9]+(?:[._-][a-z0-9]+)+", rule_id):
        raise fail("id must look like 'family.name' (lowercase letters, digits, . _ -)")
    if not values["description"].strip() or "\n" in values["description"].strip():
        raise fail("description must be one non-empty line")
    examples = tuple(_example(item, fail, need_expected=True) for item in values["examples"])
    if not examples:
        raise fail("no examples; add at least one {input = ..., expected = ...}")
    unchanged = tuple(_example(item, fail, need_expected=False) for item in values["unchanged"])
    if "unless" in values:
        values["patterns"] = _guarded(values, guards, fail)
    return Rule(
        id=rule_id,
        description=values["description"].strip(),
        kind=kind,
        spec=BUILDERS[kind](values, fail),
        when=Conditions(
            tuple(values["when_mentions"]),
            tuple(values["languages"]),
            tuple(values["skip_languages"]),
        ),
        examples=examples,
        unchanged=unchanged,
        source=where,
    )


def _example(item: Any, fail: Callable[[str], RuleError], *, need_expected: bool) -> Example:
    if isinstance(item, str) and not need_expected:
        return Example(item, item)
    if not isinstance(item, dict):
        raise fail("an example must be a table like {input = ..., expected = ...}")
    for key in item:
        if key not in EXAMPLE_KEYS or (key == "expected" and not need_expected):
            raise fail(f"example has unknown key {key!r}{_did_you_mean(key, EXAMPLE_KEYS)}")
    if not isinstance(item.get("input"), str):
        raise fail("an example needs a string 'input'")
    if need_expected and not isinstance(item.get("expected"), str):
        raise fail(f"example {item['input'][:40]!r} needs a string 'expected'")
    if item.get("language") is not None and not isinstance(item["language"], str):
        raise fail("an example's 'language' must be a string such as \"en\"")
    quotes = item.get("quotes", "straight")
    if quotes not in QUOTE_STYLES:
        raise fail(f"example quotes must be one of {', '.join(QUOTE_STYLES)}")
    return Example(item["input"], item.get("expected", item["input"]), item.get("language"), quotes)


def _did_you_mean(word: str, options: Any) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _type_name(kind: type | tuple[type, ...]) -> str:
    names = {
        str: "a string",
        bool: "true or false",
        int: "a whole number",
        list: "a list",
        dict: "a table",
    }
    if kind == (float, int):
        return "a number"
    if kind == (str, dict):
        return "a pattern string or a table {pattern = '...', unless = [...]}"
    return names.get(kind, str(kind)) if isinstance(kind, type) else "a value"


# Ordinary lines of several kinds and scripts. A pattern that matches every one of them as a
# whole line would match every line of every document: such a rule is refused at load.
PROBE_LINES = (
    "The president said on Monday that the talks would resume next week.",
    "Home",
    "— Reuters",
    "| Ad |",
    "2020-09-28",
    "42",
    "Le gouvernement a annoncé mardi de nouvelles mesures.",
    "Москва, 10 ноября.",
    "北京时间周一上午，会议开始。",
    "x",
)


# True while the rule files shipped with cleaner load: their patterns pass the checks of
# _compile (tests/test_rules.py checks them all) and compile on first use, so a document never
# pays for the rules of languages it is not in (most of the start-up time).
_SHIPPED: contextvars.ContextVar[bool] = contextvars.ContextVar("shipped", default=False)


class LazyPattern:
    """A compiled pattern that compiles on first use, then is the compiled pattern's methods.

    >>> pattern = LazyPattern("(?:Share this:)", regex.V1 | regex.IGNORECASE)
    >>> pattern.fullmatch("SHARE THIS:") is not None
    True

    Its first attribute lookup (``fullmatch``, ``search``...) compiles it and stores the
    compiled pattern's methods on the instance, so later calls cost what a compiled
    pattern's do. It pickles as its source.
    """

    METHODS = ("fullmatch", "match", "search", "finditer", "findall", "sub", "subn", "split")

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = regex.compile(self.pattern, self.flags)
        for method in self.METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[type[LazyPattern], tuple[str, int]]:
        return LazyPattern, (self.pattern, self.flags)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


def _compile(
    patterns: Sequence[str],
    fail: Callable[[str], RuleError],
    *,
    ignore_case: bool = False,
    whole_lines: bool = True,
) -> regex.Pattern[str]:
    """Many patterns of one rule become one alternation, matched against a whole line.

    Refused: an invalid pattern, one that matches the empty string, and (``whole_lines``)
    one that matches every line of :data:`PROBE_LINES`.
    """
    flags = regex.V1 | (regex.IGNORECASE if ignore_case else 0)
    joined = "|".join(f"(?:{p})" for p in patterns)
    if _SHIPPED.get():
        return cast("regex.Pattern[str]", LazyPattern(joined, flags))
    # Compiling is most of the cost of loading, so the patterns are compiled once, together.
    # The checks hold for the alternation exactly when they hold for no pattern alone (it
    # matches a text when one of them does); only when it fails one are the patterns compiled
    # alone, to name the one at fault.
    combined = None
    if not any(_huge_repeat(pattern) for pattern in patterns):
        with contextlib.suppress(regex.error, ValueError, OverflowError):
            combined = regex.compile(joined, flags)
    if (
        combined is not None
        and combined.fullmatch("") is None
        and not (whole_lines and all(combined.fullmatch(line) for line in PROBE_LINES))
    ):
        return combined
    for pattern in patterns:
        compiled = _compile_one(pattern, flags, fail)
        if compiled.fullmatch("") is not None:
            raise fail(f"pattern {pattern!r} matches the empty string; it must need some text")
        if whole_lines and all(compiled.fullmatch(line) for line in PROBE_LINES):
            raise fail(
                f"pattern {pattern!r} matches every line (it matched all of rules.PROBE_LINES);"
                " make it specific to what should go"
            )
    return regex.compile(joined, flags)


# A counted repeat above this is refused: regex compiles x{99999999} into gigabytes.
MAX_REPEAT = 10_000
REPEAT_COUNT = regex.compile(r"(?<!\\)\{(\d+)(?:,(\d*))?\}")


def _huge_repeat(pattern: str) -> bool:
    return any(
        count and int(count) > MAX_REPEAT
        for found in REPEAT_COUNT.finditer(pattern)
        for count in found.groups()
    )


def _compile_one(
    pattern: str, flags: int, fail: Callable[[str], RuleError]
) -> regex.Pattern[str]:
    if _huge_repeat(pattern):
        raise fail(f"pattern {pattern!r}: repeat count above {MAX_REPEAT:,}; use + or *")
    try:
        return regex.compile(pattern, flags)
    except (regex.error, ValueError, OverflowError) as exc:
        raise fail(f"invalid regex {pattern!r}: {exc}") from None


def _line_spec(v: dict[str, Any], fail: Callable[[str], RuleError]) -> LineSpec:
    _at_least(v, fail, body_words=1)
    return LineSpec(
        _compile(v["patterns"], fail, ignore_case=v["ignore_case"]),
        v["where"],
        v["and_next"],
        v["body_words"],
        _compile(
            v["unless_next"],
            _keyed(fail, "unless_next"),
            ignore_case=v["ignore_case"],
            whole_lines=False,
        )
        if v["unless_next"]
        else None,
    )


def _keyed(fail: Callable[[str], RuleError], key: str) -> Callable[[str], RuleError]:
    """``fail`` with its message naming the rule's ``key`` (a list of patterns)."""
    return lambda message: fail(f"{key!r}: {message}")


def _at_least(v: dict[str, Any], fail: Callable[[str], RuleError], **least: int) -> None:
    """Refuse a rule whose number ``key`` is below ``least[key]``, naming the key."""
    for key, low in least.items():
        if v[key] < low:
            raise fail(f"{key!r} is {v[key]!r}; it must be at least {low}")


def _shares(v: dict[str, Any], fail: Callable[[str], RuleError], *keys: str) -> None:
    """Refuse a rule whose share ``key`` is not a number from 0 to 1, naming the key."""
    for key in keys:
        if not 0 <= v[key] < 1:
            raise fail(f"{key!r} is {v[key]!r}; it must be at least 0 and below 1")


def _tail_spec(v: dict[str, Any], fail: Callable[[str], RuleError]) -> TailSpec:
    confirm = _compile(v["confirm"], fail, ignore_case=v["ignore_case"]) if v["confirm"] else None
    if v["confirm_within"] < 1:
        raise fail("'confirm_within' must be at least 1")
    _at_least(v, fail, body_words=1)
    return TailSpec(
        _compile(v["patterns"], fail, ignore_case=v["ignore_case"]),
        confirm,
        v["confirm_within"],
        v["body_words"],
    )


def _run_spec(v: dict[str, Any], fail: Callable[[str], RuleError]) -> RunSpec:
    if v["min_lines"] < 2 or v["max_words"] < 1:
        raise fail("need 'min_lines' >= 2 and 'max_words' >= 1")
    _at_least(v, fail, body_words=1, lead_in_words=1, title_case_words=1, item_words=1)
    _shares(v, fail, "title_case_share", "item_share")
    sentence_end = _compile([v["sentence_end"] + "$"], fail, whole_lines=False)
    return RunSpec(
        v["min_lines"],
        v["max_words"],
        sentence_end,
        v["body_words"],
        v["lead_in_words"],
        v["title_case_words"],
        float(v["title_case_share"]),
        v["item_words"],
        float(v["item_share"]),
    )


def _span_spec(v: dict[str, Any], fail: Callable[[str], RuleError]) -> SpanSpec:
    if v["body_words"] < 1 or v["headline_within"] < 0 or v["title_min_words"] < 1:
        raise fail("need 'body_words' >= 1, 'headline_within' >= 0 and 'title_min_words' >= 1")
    if not 0 <= v["body_stopwords"] <= 1:
        raise fail("'body_stopwords' is a share of a line's words: between 0 and 1")
    if v["link_cost"] < 0 or v["feed_cost"] < 0 or v["resume_lines"] < 1:
        raise fail("need 'link_cost' >= 0, 'feed_cost' >= 0 and 'resume_lines' >= 1")
    if not (0 <= v["isolated_weight"] <= 1 and v["resume_share"] >= 0):
        raise fail("need 'isolated_weight' between 0 and 1 and 'resume_share' >= 0")
    if v["rival_share"] < 0 or v["feed_blurbs"] < 0 or v["feed_blurbs"] == 1:
        raise fail("need 'rival_share' >= 0, and 'feed_blurbs' 0 (off) or at least 2")
    if v["rival_blocks"] < 2 or v["thread_feeds"] < 1 or v["unconfirmed_ratio"] < 0:
        raise fail(
            "need 'rival_blocks' >= 2 (two of them in a row), 'thread_feeds' >= 1 and "
            "'unconfirmed_ratio' >= 0 (0: off)"
        )
    if v["box_lines"] < 0:
        raise fail("need 'box_lines' >= 0 (0: off)")
    _at_least(v, fail, headline_min_words=1, headline_lines=1, lead_in_words=1)
    for key in ("link_words", "title_numbers"):
        if v[key] < 0:
            raise fail(f"{key!r} is {v[key]!r}; it must be at least 0")
    if not 0 <= v["spaceless_weight"] <= 1:
        raise fail(f"'spaceless_weight' is {v['spaceless_weight']!r}; it must be between 0 and 1")
    markers = v["end_markers"]

    def patterns(key: str, *, whole_lines: bool = True) -> regex.Pattern[str] | None:
        """The key's patterns as one alternation (an error names the key), or None."""
        if not v[key]:
            return None
        keyed = _keyed(fail, key)
        return _compile(v[key], keyed, ignore_case=v["ignore_case"], whole_lines=whole_lines)

    return SpanSpec(
        v["body_words"],
        float(v["body_stopwords"]),
        float(v["link_cost"]),
        v["headline_within"],
        v["title_min_words"],
        v["resume_lines"],
        _compile(markers, fail, ignore_case=v["ignore_case"]) if markers else None,
        _compile([v["sentence_end"] + "$"], fail, whole_lines=False),
        float(v["isolated_weight"]),
        float(v["resume_share"]),
        float(v["feed_cost"]),
        _compile(v["feed_lines"], fail, ignore_case=v["ignore_case"]) if v["feed_lines"] else None,
        float(v["rival_share"]),
        v["feed_blurbs"],
        v["rival_blocks"],
        v["thread_feeds"],
        float(v["unconfirmed_ratio"]),
        v["box_lines"],
        _compile(v["box_openers"], fail, ignore_case=v["ignore_case"])
        if v["box_openers"]
        else None,
        v["headline_min_words"],
        v["headline_lines"],
        v["lead_in_words"],
        patterns("entry_stamps"),
        patterns("list_lead_ins", whole_lines=False),
        patterns("live_titles", whole_lines=False),
        v["link_words"],
        float(v["title_numbers"]),
        float(v["spaceless_weight"]),
    )


def _template_spec(v: dict[str, Any], fail: Callable[[str], RuleError]) -> TemplateSpec:
    if v["min_pages"] < 2 or v["body_min_pages"] < 2:
        raise fail("need 'min_pages' >= 2 and 'body_min_pages' >= 2: one page teaches nothing")
    for key in ("min_share", "body_min_share", "body_stopwords"):
        if not 0 <= v[key] <= 1:
            raise fail(f"{key!r} is a share: between 0 and 1")
    if v["body_words"] < 1 or v["limit"] < 1000:
        raise fail("need 'body_words' >= 1 and 'limit' >= 1000 counted entries")
    _shares(v, fail, "story_share")
    _at_least(v, fail, prose_lines=0)
    return TemplateSpec(
        v["min_pages"],
        float(v["min_share"]),
        v["body_min_pages"],
        float(v["body_min_share"]),
        v["body_words"],
        float(v["body_stopwords"]),
        v["limit"],
        _compile([v["sentence_end"] + "$"], fail, whole_lines=False),
        float(v["story_share"]),
        v["prose_lines"],
    )


def _repeat_spec(v: dict[str, Any], fail: Callable[[str], RuleError]) -> RepeatSpec:
    if v["min_words"] < 1:
        raise fail("'min_words' must be at least 1")
    _at_least(v, fail, body_words=1, title_case_words=1)
    _shares(v, fail, "title_case_share")
    return RepeatSpec(
        v["min_words"],
        _compile([v["sentence_end"] + "$"], fail, whole_lines=False),
        v["body_words"],
        v["title_case_words"],
        float(v["title_case_share"]),
    )


def _echo_spec(v: dict[str, Any], fail: Callable[[str], RuleError]) -> EchoSpec:
    if not 1 <= v["min_words"] <= v["max_words"]:
        raise fail("need 1 <= 'min_words' <= 'max_words'")
    sentence_break = _compile([v["sentence_break"]], fail, whole_lines=False)
    # Group 1 is the break (the white space between two sentences); shipped patterns compile
    # on first use, and the tests check theirs.
    if not _SHIPPED.get() and sentence_break.groups < 1:
        raise fail(
            "'sentence_break' needs a group: the white space between two sentences, as in "
            r"'[.!?]([ \t]+)(?=\p{Lu})'"
        )
    return EchoSpec(v["min_words"], v["max_words"], sentence_break)


def _replace_spec(v: dict[str, Any], fail: Callable[[str], RuleError]) -> ReplaceSpec:
    pattern = _compile([v["pattern"]], fail, ignore_case=v["ignore_case"])
    # Expand the replacement against an empty match of a pattern with the same groups: a bad
    # escape or a group the pattern lacks fails here, at load, not on some document later.
    names = {number: name for name, number in pattern.groupindex.items()}
    shape = "".join(
        f"(?P<{names[n]}>)" if n in names else "()" for n in range(1, pattern.groups + 1)
    )
    try:
        regex.compile(shape).fullmatch("").expand(v["replacement"])  # type: ignore[union-attr]
    except (regex.error, IndexError) as exc:
        raise fail(f"invalid replacement {v['replacement']!r}: {exc}") from None
    # A replacement that re-creates a match (a -> aa) grows the text on every run.
    samples = [
        *PROBE_LINES,
        *(item["input"] for item in v["examples"] if isinstance(item, dict)),
        *(item if isinstance(item, str) else item.get("input") for item in v["unchanged"]),
    ]
    for sample in samples:
        if not isinstance(sample, str):
            continue
        once = pattern.sub(v["replacement"], sample)
        twice = pattern.sub(v["replacement"], once)
        if twice != once:
            raise fail(
                f"its replacement re-creates a match ({sample[:40]!r} -> {once[:40]!r} -> "
                f"{twice[:40]!r}); a second run must change nothing"
            )
    return ReplaceSpec(pattern, v["replacement"])


def _quote_spec(v: dict[str, Any], fail: Callable[[str], RuleError]) -> QuoteSpec:
    for key in ("double", "single"):
        if any(len(mark) != 1 for mark in v[key]):
            raise fail(f"every item of {key!r} must be a single character")
    if set(v["double"]) & set(v["single"]):
        raise fail("a character cannot be both a double and a single quote mark")
    return QuoteSpec(
        frozenset(v["double"]),
        frozenset(v["single"]),
        tuple(v["elisions"]),
        v["possessive_endings"],
        _one_of(v["double"]),
        _one_of(v["single"]),
    )


def _one_of(characters: Sequence[str]) -> regex.Pattern[str]:
    """A character class of ``characters``; one that matches nothing when there are none."""
    if not characters:
        return regex.compile(r"(?!)")
    return regex.compile("[" + "".join(regex.escape(c) for c in characters) + "]")


def _alias_spec(v: dict[str, Any], fail: Callable[[str], RuleError]) -> AliasSpec:
    pairs: list[tuple[str, str]] = []
    if v["canonical"] is not None:
        if not v["variants"]:
            raise fail("'canonical' needs a non-empty 'variants' list")
        pairs.extend((variant, v["canonical"]) for variant in v["variants"])
    elif v["variants"]:
        raise fail("'variants' needs a 'canonical'")
    for variant, canonical in v["map"].items():
        if not isinstance(canonical, str):
            raise fail(f"map value for {variant!r} must be a string")
        pairs.append((variant, canonical))
    if not pairs:
        raise fail("give 'canonical' with 'variants', or a 'map' of variant = canonical")
    seen: set[str] = set()
    for variant, canonical in pairs:
        if not variant.strip() or variant != variant.strip():
            raise fail(f"variant {variant!r} must be non-empty with no surrounding space")
        key = variant.casefold() if v["case_insensitive"] else variant
        if key in seen:
            raise fail(f"variant {variant!r} is listed twice")
        if variant == canonical:
            raise fail(f"variant {variant!r} is its own canonical form; remove it")
        seen.add(key)
    fold = str.casefold if v["case_insensitive"] else str
    for exception in v["exceptions"]:
        if not any(fold(variant) in fold(exception) for variant, _ in pairs):
            raise fail(f"exception {exception!r} contains none of the variants")
    if v["name_words"] and not v["as_name_only"]:
        raise fail("'name_words' only applies with 'as_name_only = true'")
    return AliasSpec(
        tuple(pairs),
        v["case_insensitive"],
        tuple(v["exceptions"]),
        v["as_name_only"],
        frozenset(word.casefold() for word in v["name_words"]),
    )


BUILDERS: dict[str, Callable[[dict[str, Any], Callable[[str], RuleError]], Spec]] = {
    "remove_line": _line_spec,
    "remove_tail": _tail_spec,
    "remove_run": _run_spec,
    "repeat": _repeat_spec,
    "article_span": _span_spec,
    "site_template": _template_spec,
    "echo": _echo_spec,
    "replace": _replace_spec,
    "quotes": _quote_spec,
    "alias": _alias_spec,
}

__all__ = [
    "KINDS",
    "AliasSpec",
    "Conditions",
    "EchoSpec",
    "Example",
    "Guard",
    "LineSpec",
    "QuoteSpec",
    "RepeatSpec",
    "ReplaceSpec",
    "Rule",
    "RuleError",
    "RuleFile",
    "RuleSet",
    "RunSpec",
    "SpanSpec",
    "TailSpec",
    "TemplateSpec",
    "compile_rules",
    "load_rules",
    "read_rule_files",
]
