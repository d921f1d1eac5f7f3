"""The alias index: every ``alias`` rule compiled into one word-level matcher.

A variant is a sequence of words (``\\w+`` runs) with the separators between them. The index
keys variants by their whole word tuple, and knows for each first word which variant lengths
exist; one Aho-Corasick pass over the text finds where first words occur, and only the words
from there on are read, however many aliases there are (100,000 run at about three quarters
of the speed of 10: ``bench/names_bench.py``).
At each word the longest active variant wins (then exact case before folded, then the longer
spelling, then rule order), and scanning resumes after the match, so a replacement is never
re-scanned. Words are whole ``\\w+`` runs: ``Aliev's`` and ``pro-Aliev`` contain the word
``Aliev``, ``Alieva`` does not.

>>> from cleaner.rules import load_rules
>>> index = AliasIndex(load_rules([], defaults=True))
>>> [(m.start, m.end, m.replacement) for m in index.find("pro-Aliev forces in Baku", "en")]
[(4, 9, 'Aliyev')]
"""

from __future__ import annotations

import bisect
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, islice, pairwise
from operator import itemgetter
from typing import Any

import regex

from cleaner.rules import AliasSpec, Rule, RuleError

WORD = regex.compile(r"\w+")
WORD_CHAR = regex.compile(r"\w")
WORD_BEFORE = regex.compile(r"(?r)\w+")  # searched backwards: the last word before a place
_TEXT = itemgetter(0)  # a match's text
# Words read at once where any word may start a variant (AliasIndex._word_places).
WORDS_AT_ONCE = 1 << 14
# A longer text is casefolded a slice of this many characters at a time (see casefold).
FOLD_CHARS = 1 << 16
# A longer text's lines are split a part of about this many characters at a time (see
# _first_heading).
LINES_CHARS = 1 << 20
# A longer text is scanned for condition terms a part of this many characters at a time.
SCAN_CHARS = 1 << 18
# A space inside a variant matches any run of spaces and tabs, or one line break inside a
# paragraph (a hard wrap); the break is kept: only the words that change are replaced.
SPACE_RUN = regex.compile(r"[ \t]+")
WRAPPED = regex.compile(r"[ \t]*\n[ \t]*")
# A dash inside a variant matches any run of hyphens or dashes (U+2010, U+2011, en and em
# dashes, minus), spaced or not: "Nagorno - Karabakh", "Nagorno‑Karabakh".
DASH = regex.compile(r"[\p{Pd}\u2212]")
DASH_RUN = regex.compile(r"[ \t]*[\p{Pd}\u2212]+[ \t]*")
# Quoted spans this short are titles or brand names ("Agdam" port wine, a decree's title):
# names inside them stay as written. Longer quotations are speech, and are cleaned.
QUOTED = regex.compile(r"[\"“”„«»‘’‹›](?P<inner>[^\"“”„«»\n]{1,120}?)[\"“”«»’‹›]")
SHORT_QUOTE_WORDS = 10
# ...unless the quotation ends like speech ("Agdham is ours!"): that is cleaned like prose.
SPEECH_END = regex.compile(r"[.!?,;…]\s*$")
# A reference entry: a line with a year and a bibliographic mark (a publisher, "ed.", pages,
# an ISBN or DOI, or "City: Publisher, 1994"). Titles in it stay as written.
YEAR = regex.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")
CITATION_MARK = regex.compile(
    r"\b(?:Press|Publishers?|Publications|Books|Verlag|eds?\.|pp\.|ISBN|doi|Retrieved|Vol\.)"
    r"|\b\p{Lu}[\w.]+:\s\p{Lu}[\w&.-]*(?:\s\p{Lu}[\w&.-]*)*,\s(?:1[5-9]|20)\d\d"
)
CITATION_MAX_WORDS = 80
# A reference section: a heading line ("Further reading", "Bibliography", "References: ...")
# and everything below it. Its entries and the notes between them (a book's blurb) describe
# works by their own titles, so names there stay as written.
REFERENCE_HEADING = regex.compile(
    r"(?i)^[ \t]*(?:further reading|bibliography|select(?:ed)? bibliography|references"
    r"|works cited|literature|reading list|suggested reading|sources)[ \t]*(?::.*)?$"
)
# A gloss: a variant opening brackets just after its canonical form ("Aghdam (Ağdam)"), or the
# canonical form in brackets right after the variant ("Ağdam (Aghdam)"). Rewriting it would
# give "Aghdam (Aghdam)".
GLOSS_OPEN = regex.compile(r"[ \t]*\([ \t]*$")
GLOSS_AFTER = regex.compile(r"[ \t]*\([ \t]*(?P<inner>[^()\n]{1,60}?)[ \t]*\)")
# A sentence starts after these (and at the start of a line).
SENTENCE_START = regex.compile(r"(?:^|[.!?:][\"'”’»)\]]*\s+|[\"“«(]\s*)$")


@dataclass(frozen=True, slots=True)
class Candidate:
    words: tuple[str, ...]  # folded if the rule is case-insensitive
    separators: tuple[str, ...]  # between consecutive words; " " matches [ \t]+
    canonical: str
    rule: int  # index into AliasIndex.rules
    variant: str
    folded: bool  # case-insensitive: compare casefolded words


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    replacement: str
    rule: Rule


def split_variant(variant: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words and the separators between them: ``"Nagorno Karabakh"`` -> 2 words, 1 space."""
    words = WORD.findall(variant)
    gaps = WORD.split(variant)  # [before first word, between..., after last word]
    if not words or gaps[0] or gaps[-1]:
        raise ValueError("must start and end with a letter or digit")
    separators = tuple(_separator(gap) for gap in gaps[1:-1])
    return tuple(words), separators


def _separator(gap: str) -> str:
    """How a gap between two words of a variant is matched: ``" "`` (spaces, or one line
    break), ``"-"`` (any dash run), or the gap itself (an apostrophe, a dot)."""
    if DASH.search(gap) and DASH_RUN.fullmatch(gap):
        return "-"
    return " " if SPACE_RUN.fullmatch(gap) else gap


def keep_case(template: str, canonical: str) -> str:
    """Give ``canonical`` the case pattern of ``template`` (ALIEV -> ALIYEV, aliev -> aliyev).

    >>> keep_case("ALIEV", "Aliyev"), keep_case("aliev", "Aliyev"), keep_case("Aliev", "Aliyev")
    ('ALIYEV', 'aliyev', 'Aliyev')
    """
    letters = [c for c in template if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return canonical.upper()
    if letters and all(c.islower() for c in letters):
        return canonical.lower()
    return canonical


class AliasIndex:
    """All alias rules of a rule set, validated together and indexed by first word."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        # A 100,000-alias table makes as many small objects; the cyclic garbage collector
        # would walk them over and over while they are built (about 0.3 s), and none of them
        # can be garbage yet.
        enabled = gc.isenabled()
        gc.disable()
        try:
            self._build(rules)
        finally:
            if enabled:
                gc.enable()

    def _build(self, rules: Sequence[Rule]) -> None:
        self.rules = [rule for rule in rules if rule.kind == "alias"]
        self._numbers = {id(rule): number for number, rule in enumerate(self.rules)}
        # Candidates by their whole word tuple (folded for case-insensitive rules), and per
        # first word the word counts to try, longest first: matching costs a few dictionary
        # lookups per text word however many aliases share that first word.
        self._exact_words: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
        self._folded_words: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
        self._upper_words: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
        exact_lengths: dict[str, set[int]] = defaultdict(set)
        folded_lengths: dict[str, set[int]] = defaultdict(set)
        upper_lengths: dict[str, set[int]] = defaultdict(set)
        owner: dict[str, tuple[Rule, str]] = {}  # folded variant -> (rule, variant)
        for number, rule in enumerate(self.rules):
            spec = rule.spec
            assert isinstance(spec, AliasSpec)
            fold = spec.case_insensitive
            table = self._folded_words if fold else self._exact_words
            lengths = folded_lengths if fold else exact_lengths
            for variant, canonical in spec.table:
                try:
                    words, separators = split_variant(variant)
                except ValueError as exc:
                    raise RuleError(
                        f"{rule.source}: rule {rule.id!r}: variant {variant!r} {exc}"
                    ) from None
                key = variant.casefold()
                previous = owner.get(key)
                if previous is not None and previous[0] is not rule:
                    other = previous[0]
                    raise RuleError(
                        f"{rule.source}: rule {rule.id!r}: variant {variant!r} is also a variant "
                        f"of rule {other.id!r} ({other.source}); keep it in one rule"
                    )
                owner[key] = (rule, variant)
                if fold:
                    words = tuple(w.casefold() for w in words)
                candidate = Candidate(words, separators, canonical, number, variant, fold)
                table[words].append(candidate)
                lengths[words[0]].add(len(words))
                if not fold and not spec.as_name_only and variant.upper() != variant:
                    # ALIEV in a headline is Aliev in capitals (the case is kept: ALIYEV).
                    upper = tuple(w.upper() for w in words)
                    self._upper_words[upper].append(candidate)
                    upper_lengths[upper[0]].add(len(words))
        for group in (*self._exact_words.values(), *self._folded_words.values()):
            if len(group) > 1:  # same words, other separators ("Nagorno Karabakh", "-", "–")
                group.sort(key=lambda c: (-len(c.variant), c.rule))
        self._exact_lengths = {w: tuple(sorted(n, reverse=True)) for w, n in exact_lengths.items()}
        self._folded_lengths = {
            w: tuple(sorted(n, reverse=True)) for w, n in folded_lengths.items()
        }
        self._upper_lengths = {w: tuple(sorted(n, reverse=True)) for w, n in upper_lengths.items()}
        # The most words of any variant: what a match at one place can read of the text.
        tables = (exact_lengths, folded_lengths, upper_lengths)
        self._longest = max((n for t in tables for found in t.values() for n in found), default=0)
        self._exact_first = frozenset(self._exact_lengths)
        self._upper_first = frozenset(self._upper_lengths)
        self._exact_words = dict(self._exact_words)
        self._folded_words = dict(self._folded_words)
        self._upper_words = dict(self._upper_words)
        self._check_chains(owner)
        self._check_nesting(owner)
        terms = sorted({term for rule in self.rules for term in rule.when.mentions})
        # A word can start a variant only where a first word (as written, or in capitals)
        # occurs as a whole word, or with a plural s: one pass finds those and the condition
        # terms together. A case-insensitive rule's first word can be written in any case, so
        # with one there is no such shortcut.
        first_words = None if self._folded_lengths else (*self._exact_first, *self._upper_first)
        self._terms = _TermFinder(terms, first_words)
        # The rules share a few sets of condition terms: which rules may fire depends on the
        # language and on which of those sets a text mentions, and is worked out once for
        # each such combination (rule selection, as RuleSet.in_language does it per language).
        sets: dict[frozenset[str], int] = {}
        self._mention_set = [
            sets.setdefault(frozenset(rule.when.mentions), len(sets)) if rule.when.mentions else -1
            for rule in self.rules
        ]
        self._mention_sets = tuple(sets)
        self._selections: dict[tuple[str | None, tuple[bool, ...]], list[bool]] = {}
        # Exception phrases, as searched for (casefolded for a case-insensitive rule), keyed
        # by (rule, place in the rule's list); one finder per case handling.
        needles: dict[bool, list[tuple[tuple[int, int], str]]] = {False: [], True: []}
        for number, rule in enumerate(self.rules):
            spec = rule.spec
            assert isinstance(spec, AliasSpec)
            fold = spec.case_insensitive
            for order, phrase in enumerate(spec.exceptions):
                needles[fold].append(((number, order), phrase.casefold() if fold else phrase))
        self._exception_lengths = {
            key: len(needle) for found in needles.values() for key, needle in found
        }
        self._exceptions = tuple(
            (fold, _PhraseFinder(found)) for fold, found in needles.items() if found
        )

    def _check_chains(self, owner: dict[str, tuple[Rule, str]]) -> None:
        """A canonical form that is, or contains as whole words, a variant: a chain or cycle.

        Replacing such a variant would not be stable: a second run would rewrite the
        canonical form again.
        """
        for rule in self.rules:
            spec = rule.spec
            assert isinstance(spec, AliasSpec)
            first_variant: dict[str, str] = {}
            for variant, canonical in spec.table:
                first_variant.setdefault(canonical, variant)
            for canonical, variant in first_variant.items():
                spans = [m.span() for m in WORD.finditer(canonical)]
                for first in range(len(spans)):
                    for last in range(first, len(spans)):
                        phrase = canonical[spans[first][0] : spans[last][1]]
                        hit = owner.get(phrase.casefold())
                        if hit is None or not (_folds(hit[0]) or hit[1] == phrase):
                            continue
                        kind = "a cycle" if hit[0] is rule else "a chain"
                        where = "is" if phrase == canonical else f"contains {phrase!r}, which is"
                        raise RuleError(
                            f"{rule.source}: rule {rule.id!r}: canonical {canonical!r} (for "
                            f"{variant!r}) {where} itself a variant of rule {hit[0].id!r} "
                            f"({hit[0].source}): {kind}; map every variant to a final form "
                            "that no rule rewrites"
                        )

    def _check_nesting(self, owner: dict[str, tuple[Rule, str]]) -> None:
        """A variant that is a whole-word part of a longer variant of another rule."""
        if len(self.rules) < 2:
            return  # within one rule the longest variant wins, by design
        for longer_rule, longer in owner.values():
            words = [w.casefold() for w in WORD.findall(longer)]
            if len(words) < 2:
                continue
            for size in range(1, len(words)):
                for first in range(len(words) - size + 1):
                    part = " ".join(words[first : first + size])
                    hit = owner.get(part)
                    if hit is not None and hit[0] is not longer_rule:
                        raise RuleError(
                            f"{hit[0].source}: rule {hit[0].id!r}: variant {hit[1]!r} would "
                            f"match inside variant {longer!r} of rule {longer_rule.id!r} "
                            f"({longer_rule.source}); the longer one wins there, so put both "
                            "in one rule or add an exception"
                        )

    def active(self, text: str, language: str | None) -> list[bool]:
        """Which rules may fire on this document (condition terms found in one pass)."""
        return list(self._active(self._terms.scan(text)[0], language))

    def _active(self, present: set[str], language: str | None) -> list[bool]:
        """Which rules may fire where ``present`` are the terms mentioned (not to be
        changed: the list is kept for the next text with the same answers)."""
        mentioned = tuple(not present.isdisjoint(terms) for terms in self._mention_sets)
        found = self._selections.get((language, mentioned))
        if found is None:
            if len(self._selections) >= SELECTIONS:
                self._selections.clear()
            found = self._selections[language, mentioned] = [
                rule.when.language_holds(language) and (number < 0 or mentioned[number])
                for rule, number in zip(self.rules, self._mention_set, strict=True)
            ]
        return found

    def find(self, text: str, language: str | None) -> Iterator[Match]:
        """Every replacement in ``text``, left to right, none overlapping.

        On top of the rules' own matching: names inside short quotations (titles, brands)
        and reference entries stay as written; a variant that is also an ordinary word
        (``as_name_only``) counts only where it reads as a name; and a bare surname follows
        the person whose full name came before it (see :meth:`_follow_people`).
        """
        if not self.rules:
            return
        # Only words that can start a variant are tried (most words of a text start none):
        # :meth:`_match_at` finds nothing at any other word. With no such word, nothing is
        # found, and :meth:`_follow_people` only follows names that were found. One pass
        # over the text finds the condition terms, and where a first word of a variant
        # occurs as a whole word (most pages hold none); the words are read from those
        # places, not from a list of all the text's words. Where the variant matching at
        # each of them would change nothing (a settle pass meets the canonical forms the
        # first pass wrote), nothing changes: see _may_change.
        present, places = self._terms.scan(text)
        if places is not None and not places:
            return
        active = self._active(present, language)
        if not any(active):
            return
        if places is None:  # a case-insensitive rule: any word may start one
            places = self._word_places(text)
        hits = self._hits(text, sorted(set(places)), active)
        if not self._may_change(text, hits):
            return
        # Quotations, reference entries and exception phrases matter only where a variant
        # matched: found once one may change the text.
        blocked = self._exception_spans(text, active)
        protected = _Protected(text)
        blocked_by_rule: dict[int, _Spans] = {}
        found: list[tuple[Match, list[regex.Match[str]]]] = []  # (match, the words it spans)
        free = 0  # where the text after the last match starts
        for span, candidate, plural in hits:
            start, end = span[0].start(), span[-1].end()
            if start < free:
                continue
            rule = self.rules[candidate.rule]
            spec = rule.spec
            assert isinstance(spec, AliasSpec)
            if (
                _blocked_at(blocked, blocked_by_rule, candidate.rule).overlaps(start, end)
                or protected.overlaps(start, end)
                or (spec.as_name_only and not _reads_as_name(text, start, end, spec))
                or _is_gloss(text, start, end, candidate.canonical)
            ):
                continue
            replacement = _replacement(candidate, text[start:end], plural)
            found.append((Match(start, end, replacement, rule), span))
            free = end
        if not found:
            return  # nothing to follow: _follow_people adds only what found names decide
        for match, span in self._follow_people(text, found, blocked, protected, active):
            yield from _split_at_breaks(text, span, match)

    def _hits(
        self, text: str, places: Iterable[int], active: list[bool]
    ) -> list[tuple[list[regex.Match[str]], Candidate, bool]]:
        """The variant :meth:`_match_at` finds at each of ``places`` (the starts of words),
        as (the words it spans, the candidate, whether it matched as a plural), in order.

        The words after a place are read from there: a word is a whole ``\\w+`` run, so
        they are the words of the text.
        """
        hits = []
        for place in places:
            words = list(islice(WORD.finditer(text, place), self._longest))
            hit = self._match_at(text, words, 0, active)
            if hit is not None:
                candidate, last, plural = hit
                hits.append((words[: last + 1], candidate, plural))
        return hits

    def _may_change(
        self, text: str, hits: Iterable[tuple[list[regex.Match[str]], Candidate, bool]]
    ) -> bool:
        """Whether :meth:`find` may change ``text``, given the variant matching at every
        place where a word that can start one occurs (:meth:`_hits`): where none of them
        would change its words, nothing changes.

        The filters and the skipping past a match only take matches away. What is left can
        only be variants of several words that are their own replacement
        ("Nagorno-Karabakh" for "Nagorno–Karabakh"): they change nothing, and the full
        names they give :meth:`_follow_people` keep their last word as written, so no
        surname follows them into a change. A one-word variant counts as a change even when
        it is its own replacement ("NATO" for "Nato" in capitals): a full name it ends
        would pass its spelling on to a "Nato" after it.
        """
        for span, candidate, plural in hits:
            matched = text[span[0].start() : span[-1].end()]
            if len(span) == 1 or _replacement(candidate, matched, plural) != matched:
                return True
        return False

    def _word_places(self, text: str) -> list[int]:
        """Where a word of ``text`` that can start a variant (:meth:`_starting`) starts.

        The words are read a batch of :data:`WORDS_AT_ONCE` at a time: a long text's words
        as match objects all at once were 14 MB per MB of text. :meth:`_starting` asks of
        each word alone, so the words of the batches before need not be asked again.
        """
        places: list[int] = []
        asked: set[str] = set()
        starting: set[str] = set()
        matches = WORD.finditer(text)
        while words := list(islice(matches, WORDS_AT_ONCE)):
            strings = set(map(_TEXT, words))
            starting |= self._starting(strings - asked if asked else strings)
            asked |= strings
            places.extend(word.start() for word in words if word[0] in starting)
        return places

    def _starting(self, strings: Iterable[str]) -> set[str]:
        """The words of ``strings`` at which :meth:`_match_at` may find a variant: those that
        pass :meth:`_lookup`'s first test (:meth:`_starts_variant`), as written or, for a
        plural, without its final s. (The same tests, as set operations.)"""
        words = set(strings)
        plurals = {w for w in words if len(w) > 3 and w[-1] in "sS" and w[0].isupper()}
        singulars = self._starting_words({w[:-1] for w in plurals})
        return self._starting_words(words) | {w for w in plurals if w[:-1] in singulars}

    def _starting_words(self, words: set[str]) -> set[str]:
        """The words for which :meth:`_starts_variant` holds."""
        found = words & self._exact_first
        if self._folded_lengths:
            found.update(w for w in words if w.casefold() in self._folded_lengths)
        found.update(w for w in words & self._upper_first if w.isupper())
        return found

    def _starts_variant(self, word: str) -> bool:
        """Whether some variant's first word is ``word`` (exactly, folded, or in capitals)."""
        return (
            word in self._exact_lengths
            or word.casefold() in self._folded_lengths
            or (word.isupper() and word in self._upper_lengths)
        )

    def _follow_people(
        self,
        text: str,
        found: list[tuple[Match, list[regex.Match[str]]]],
        blocked: dict[int, list[tuple[int, int]]],
        protected: _Protected,
        active: list[bool],
    ) -> list[tuple[Match, list[regex.Match[str]]]]:
        """A bare surname follows the person whose full name came before it.

        Full names are the exception phrases (``Dmitri Aliev``: another person, kept) and
        the multi-word variants found (``Yasar Aliev`` -> ``Yashar Aliyev``: normalized).
        A later bare surname takes the decision of the nearest full name before it: kept,
        or changed as that full name's last word was (even where no rule lists the bare
        form); one before every full name (a headline) follows the first. With two
        different people of that surname in the document, a bare surname before any of
        their full names is ambiguous and stays as written.
        """
        # surname (folded) -> [(position, full name as written, new last word or None, rule)]
        events: dict[str, list[tuple[int, str, str | None, int | None]]] = defaultdict(list)
        for number, spans in blocked.items():
            for start, end in spans:
                last = WORD.findall(text[start:end])[-1:]
                if last:
                    events[last[0].casefold()].append((start, text[start:end], None, number))
        for match, span in found:
            if len(span) > 1:
                surname = span[-1][0]
                canonical_last = WORD.findall(match.replacement)[-1]
                changed = canonical_last if canonical_last != surname else None
                phrase = text[match.start : match.end]
                number = self._numbers[id(match.rule)]
                events[surname.casefold()].append((match.start, phrase, changed, number))
        if not events:
            return found
        # The timelines in order of position (most are; ones with an exception phrase's
        # several occurrences may not be): their last event before a word is found by
        # bisection (_last_before). Inserting in order keeps them in order.
        ordered = {
            surname
            for surname, timeline in events.items()
            if all(a[0] <= b[0] for a, b in pairwise(timeline))
        }
        in_full_names = {word.start() for _, span in found if len(span) > 1 for word in span}
        bare = {span[0].start(): item for item in found if len(span := item[1]) == 1}
        result = [item for item in found if len(item[1]) > 1]
        # Only words with a timeline (as written, or a plural's singular) are looked at; the
        # timelines gain events below, but no new surnames.
        for word in _surnames(text, events):
            start = word.start()
            if start in in_full_names:
                continue
            surname = word[0].casefold()
            timeline = events.get(surname)
            plural = False
            if timeline is None and len(word[0]) > 3 and word[0][-1] in "sS":
                # "the Sarkisians" after "Vazgen Sarkisian" and "Serzh Sarkisian": a plural
                # follows the people of its singular when they were all treated alike.
                surname = word[0][:-1].casefold()
                timeline = events.get(surname)
                plural = timeline is not None and word[0][:1].isupper()
            if timeline is None:
                continue
            existing = bare.pop(start, None)
            if plural:
                before = [event for event in timeline if event[0] < start]
                if not before and existing is not None:
                    result.append(existing)  # no person introduced yet: the rule decides
                if len({event[2] for event in before}) != 1:
                    continue  # none, or people of that name treated differently: stays
                _, _, changed, number = before[-1]
                if (
                    changed is None
                    or number is None
                    or not active[number]
                    or protected.overlaps(start, word.end())
                ):
                    continue
                replacement = changed + ("S" if word[0][-1] == "S" else "s")
                if word[0].isupper():
                    replacement = keep_case(word[0], replacement)
                if replacement != word[0]:
                    result.append(
                        (Match(start, word.end(), replacement, self.rules[number]), [word])
                    )
                continue
            name_start = _name_before(text, start)
            if name_start is not None:
                # "Ilham Aliev": a full name the rules know by its surname alone, so another
                # person than the one before; the rule decides, and later mentions follow.
                if existing is not None:
                    result.append(existing)
                new = WORD.findall(existing[0].replacement)[-1] if existing else None
                number = self._numbers[id(existing[0].rule)] if existing else None
                phrase = text[name_start : word.end()]
                bisect.insort(timeline, (start, phrase, new, number), key=lambda e: e[0])
                continue
            last = _last_before(timeline, start, surname in ordered)
            if last is None:
                # A headline names by surname before the text introduces the person: with
                # one person of that name, the bare surname follows that full name; with two,
                # it is ambiguous and stays as written.
                if len({event[2] for event in timeline}) > 1:
                    continue
                last = timeline[0]
            _, _, changed, number = last
            if (
                changed is None
                or number is None
                or not active[number]
                or protected.overlaps(start, word.end())
            ):
                continue  # the nearest full name is a person kept as written
            replacement = keep_case(word[0], changed) if word[0].isupper() else changed
            if replacement != word[0]:
                result.append((Match(start, word.end(), replacement, self.rules[number]), [word]))
        result.extend(bare.values())
        result.sort(key=lambda item: item[0].start)
        return result

    def _match_at(
        self, text: str, words: list[regex.Match[str]], index: int, active: list[bool]
    ) -> tuple[Candidate, int, bool] | None:
        """The longest active variant starting at word ``index``: (candidate, last word,
        whether it matched as a plural: ``Alievs`` follows ``Aliev``)."""
        word = words[index][0]
        hit = self._lookup(text, words, index, word, active)
        if hit is not None:
            return hit[0], hit[1], False
        if len(word) > 3 and word[-1] in "sS" and word[0].isupper():
            hit = self._lookup(text, words, index, word[:-1], active, single=True)
            if hit is not None:
                return hit[0], hit[1], True
        return None

    def _lookup(
        self,
        text: str,
        words: list[regex.Match[str]],
        index: int,
        word: str,
        active: list[bool],
        *,
        single: bool = False,
    ) -> tuple[Candidate, int] | None:
        if not self._starts_variant(word):
            return None  # most words start no variant: one set of lookups, no tuples
        exact = self._exact_lengths.get(word)
        folded_found = self._folded_lengths.get(word.casefold()) if self._folded_lengths else None
        upper = self._upper_lengths.get(word) if word.isupper() else None
        tables = (
            (exact, self._exact_words, False),
            (folded_found, self._folded_words, True),
            (upper, self._upper_words, False),
        )
        if folded_found is None and upper is None:
            lengths: Sequence[int] = exact or ()  # longest first already
        else:
            lengths = sorted({n for found, _, _ in tables if found for n in found}, reverse=True)
        available = len(words) - index
        for length in lengths:
            if length > available or (single and length > 1):
                continue
            span = words[index : index + length]
            key = (word, *(m[0] for m in span[1:]))
            folded = tuple(w.casefold() for w in key) if folded_found else key
            for found, table, fold in tables:
                if not found or length not in found:
                    continue
                for candidate in table.get(folded if fold else key, ()):
                    if active[candidate.rule] and _gaps_fit(text, span, candidate):
                        return candidate, index + length - 1
        return None

    def _exception_spans(self, text: str, active: list[bool]) -> dict[int, list[tuple[int, int]]]:
        """Where each active rule's exception phrases occur, overlapping occurrences too: by
        rule, then by phrase in the rule's order, then by position."""
        hits: dict[tuple[int, int], list[int]] = {}
        for folded, finder in self._exceptions:
            finder.find(casefold(text) if folded else text, active, hits)
        spans: dict[int, list[tuple[int, int]]] = {}
        for key in sorted(hits):  # (rule, phrase)
            length = self._exception_lengths[key]
            spans.setdefault(key[0], []).extend((at, at + length) for at in hits[key])
        return spans


def _replacement(candidate: Candidate, matched: str, plural: bool) -> str:
    """What ``candidate`` puts where it matched ``matched`` (as a plural: with an s)."""
    replacement = candidate.canonical + ("s" if plural else "")
    if candidate.folded or matched.isupper():
        replacement = keep_case(matched, replacement)
    return replacement


def _gaps_fit(text: str, span: list[regex.Match[str]], candidate: Candidate) -> bool:
    for offset, separator in enumerate(candidate.separators, 1):
        gap = text[span[offset - 1].end() : span[offset].start()]
        if gap == separator:
            continue
        if separator == " " and (SPACE_RUN.fullmatch(gap) or WRAPPED.fullmatch(gap)):
            continue
        if separator == "-" and DASH_RUN.fullmatch(gap):
            continue
        return False
    return True


def _name_before(text: str, start: int) -> int | None:
    """Where the name before the word at ``start`` begins, when the word follows a
    capitalized word on the same line, one space apart (Ilham Aliev, President Aliev): a
    full name or a title and a name, not a bare surname."""
    if start < 2 or text[start - 1] != " " or not WORD_CHAR.match(text, start - 2):
        return None
    previous = WORD_BEFORE.search(text, 0, start - 1)
    assert previous is not None and previous.end() == start - 1
    if not previous[0][:1].isupper():
        return None
    line_start = text.rfind("\n", 0, previous.start()) + 1
    if SENTENCE_START.search(text[line_start : previous.start()]):
        return None  # "Later Aliev"
    return previous.start()


# Rule selections kept at most (by language and the sets of terms a text mentions).
SELECTIONS = 256
# Up to this many surnames to follow, each is searched for in the casefolded text.
SURNAME_SEARCHES = 16


def casefold(text: str) -> str:
    """``text.casefold()``, folded a slice of :data:`FOLD_CHARS` characters at a time.

    ``str.casefold`` builds the result in a buffer of three 4-byte characters per character
    of its input (a character may fold to three): 140 MB for a 10 MB text. Each character
    folds alone (no context), so the slices' folds joined are the text's.

    >>> casefold("Straße " * 3) == ("Straße " * 3).casefold()
    True
    """
    if len(text) <= FOLD_CHARS:
        return text.casefold()
    return "".join(
        [text[at : at + FOLD_CHARS].casefold() for at in range(0, len(text), FOLD_CHARS)]
    )


def _surnames(
    text: str, events: dict[str, list[tuple[int, str, str | None, int | None]]]
) -> list[regex.Match[str]]:
    """The words of ``text``, in order, that have a timeline in ``events`` (keyed by
    casefolded surname): the word casefolded, or (four letters or more, a final s) without
    its s.

    Where casefolding keeps the text's length, every character folds to one, so each such
    word starts where its surname occurs in the casefolded text: those places are looked
    at, not every word. (Otherwise, as where an ß folds to ss, every word is; and where
    there are more than :data:`SURNAME_SEARCHES` surnames, one search each would cost more.)
    """
    places = _folded_places(text, events) if len(events) <= SURNAME_SEARCHES else None
    if places is None:
        candidates: Iterable[regex.Match[str] | None] = WORD.finditer(text)
    else:
        candidates = (WORD.match(text, at) for at in sorted(places))
    return [
        word
        for word in candidates
        if word is not None
        and (
            (found := word[0]).casefold() in events
            or (len(found) > 3 and found[-1] in "sS" and found[:-1].casefold() in events)
        )
    ]


def _folded_places(text: str, surnames: Iterable[str]) -> set[int] | None:
    """Where each of ``surnames`` (casefolded) occurs in ``text`` casefolded, not after a
    word character; None where casefolding changes the text's length (an ß folds to ss).

    Each character folds alone, to one character or more: the text keeps its length where
    each slice keeps its own, and then a slice's fold is the text's fold at the same place.
    The text is folded a slice of :data:`FOLD_CHARS` characters at a time, each from the
    longest surname's length less one before the end of the slice before (an occurrence
    across a cut is whole in the next slice; one found twice is one place): its fold whole
    was a second copy of it, and more while ``str.casefold`` built it.
    """
    wanted = list(surnames)
    longest = max(map(len, wanted), default=1)
    places: set[int] = set()
    size = len(text)
    fresh = 0  # the slice before ended here
    while True:
        start = max(0, fresh - longest + 1)
        stop = fresh + FOLD_CHARS
        part = text[start:stop] if start or stop < size else text
        folded = part.casefold()
        if len(folded) != len(part):
            return None
        for surname in wanted:
            at = folded.find(surname)
            while at >= 0:
                place = start + at
                if not place or not WORD_CHAR.match(text, place - 1):
                    places.add(place)
                at = folded.find(surname, at + 1)
        if stop >= size:
            return places
        fresh = stop


class _Spans:
    """Spans ``(start, end)``, asked whether one overlaps ``[start, end)`` in time
    logarithmic in their number (a 10 MB text has tens of thousands of short quotations):
    ordered by start, with the furthest end among each first so many, a span overlaps
    ``[start, end)`` where one of those starting before ``end`` reaches past ``start``."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [a for a, _ in ordered]
        self._reach = list(accumulate((b for _, b in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span overlaps ``[start, end)``."""
        count = bisect.bisect_left(self._starts, end)  # the spans starting before ``end``
        return count > 0 and self._reach[count - 1] > start


_NO_SPANS = _Spans(())


def _blocked_at(
    blocked: dict[int, list[tuple[int, int]]], indexed: dict[int, _Spans], rule: int
) -> _Spans:
    """The spans of ``blocked[rule]`` (none if it has none), indexed on first use."""
    found = indexed.get(rule)
    if found is None:
        spans = blocked.get(rule)
        found = indexed[rule] = _Spans(spans) if spans else _NO_SPANS
    return found


Event = tuple[int, str, str | None, int | None]


def _last_before(timeline: list[Event], start: int, ordered: bool) -> Event | None:
    """``max(events before start, key=position)``, the first of equal ones; None if none.
    In an ordered timeline, found by bisection."""
    if not ordered:
        before = [event for event in timeline if event[0] < start]
        return max(before, key=_position) if before else None
    count = bisect.bisect_left(timeline, start, key=_position)
    if not count:
        return None
    return timeline[bisect.bisect_left(timeline, timeline[count - 1][0], 0, count, key=_position)]


_position = itemgetter(0)


def _split_at_breaks(text: str, span: list[regex.Match[str]], match: Match) -> Iterator[Match]:
    """A match across a hard line wrap changes its words in place and keeps the break;
    when the canonical form has another number of words it is left alone."""
    if "\n" not in text[match.start : match.end]:
        yield match
        return
    new_words = WORD.findall(match.replacement)
    if len(new_words) != len(span):
        return
    for old, new in zip(span, new_words, strict=True):
        if old[0] != new:
            yield Match(old.start(), old.end(), new, match.rule)


def _reads_as_name(text: str, start: int, end: int, spec: AliasSpec) -> bool:
    """A capitalized ordinary word (Artesian, Stagnant) reads as a name mid-sentence in a
    line of prose: not at the start of a sentence, not in capitals, not in a title-case line;
    or anywhere but in capitals when one of the rule's ``name_words`` follows it."""
    word = text[start:end]
    if word.isupper() or not word[:1].isupper():
        return False
    following = WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    if following is not None and following[0].casefold() in spec.name_words:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if SENTENCE_START.search(text[line_start:start]):
        return False
    line_words = WORD.findall(line)
    capitalized = sum(1 for w in line_words if w[:1].isupper())
    return not (len(line_words) >= 3 and capitalized * 10 >= len(line_words) * 6)


def _is_gloss(text: str, start: int, end: int, canonical: str) -> bool:
    """The variant glosses its canonical form, or is glossed by it, in brackets:
    ``Aghdam (Ağdam)``, ``Kalbajar District (Kəlbəcər rayonu)`` and ``Ağdam (Aghdam)`` stay
    as written (the canonical form up to three words before the bracket the variant opens)."""
    after = GLOSS_AFTER.match(text, end)
    if after is not None and after["inner"].casefold() == canonical.casefold():
        return True
    opening = GLOSS_OPEN.search(text, max(0, start - 8), start)
    if opening is None:
        return False
    line_start = text.rfind("\n", 0, opening.start()) + 1
    wanted = [w.casefold() for w in WORD.findall(canonical)]
    before = WORD.findall(text[line_start : opening.start()])[-2 - len(wanted) :]
    folded = [w.casefold() for w in before]
    return any(
        folded[i : i + len(wanted)] == wanted for i in range(len(folded) - len(wanted) + 1)
    )


class _Protected:
    """Whether a span overlaps a protected span: inside a short quotation (a title, a brand
    name), on a line that is a reference entry (an author, a title, a publisher and a year),
    or in a reference section (from a "Further reading" or "Bibliography" heading to the
    end), where names stay as written. Found only on the lines asked
    about (most lines of a text hold no name), each line once.

    No quoted span, year or citation line crosses a line break, so a line's quotations are
    those of the whole text's scan, found by scanning the line alone; what lies below the
    first reference heading is protected whole.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[int, _Spans] = {}  # line start -> its spans
        # The first reference heading's line start (past the end: none).
        self._below = _first_heading(text)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a protected span, for ``start < end``."""
        text = self._text
        if self._below < end:  # the reference section, from its heading to the end
            return start < len(text)
        line = text.rfind("\n", 0, start) + 1
        while line < end:  # each line the span touches
            spans = self._lines.get(line)
            if spans is None:
                spans = self._lines[line] = _Spans(self._line_spans(line))
            if spans.overlaps(start, end):
                return True
            line = text.find("\n", line) + 1
            if not line:
                break
        return False

    def _line_spans(self, start: int) -> list[tuple[int, int]]:
        """The protected spans of the line starting at ``start`` (its short quotations, or the
        line itself when it is a reference entry above the reference heading)."""
        text = self._text
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        spans = [
            m.span("inner")
            for m in QUOTED.finditer(text, start, end)
            if len(WORD.findall(m["inner"])) <= SHORT_QUOTE_WORDS
            and not SPEECH_END.search(m["inner"])
        ]
        if start < self._below and YEAR.search(text, start, end):
            line = text[start:end]
            if CITATION_MARK.search(line) and len(WORD.findall(line)) <= CITATION_MAX_WORDS:
                spans.append((start, end))
        return spans


def _first_heading(text: str) -> int:
    """Where the first line of ``text`` that :data:`REFERENCE_HEADING` matches starts
    (lines split at ``\\n``), or one past the text's end where none does.

    A text over :data:`LINES_CHARS` characters is split a part at a time, each part ending
    just before a ``\\n`` (the parts' lines are the text's): its lines all at once were a
    second copy of it (17 MB for 10 MB of prose). (A multiline search of the whole text,
    which makes no copy, took six times as long.)
    """
    start = 0
    size = len(text)
    while True:
        cut = text.find("\n", start + LINES_CHARS) if size - start > LINES_CHARS else -1
        part = text[start:cut] if cut >= 0 else text[start:] if start else text
        for line in part.split("\n"):
            if REFERENCE_HEADING.match(line):
                return start
            start += len(line) + 1
        if cut < 0:
            return size + 1


def _folds(rule: Rule) -> bool:
    return isinstance(rule.spec, AliasSpec) and rule.spec.case_insensitive


class _PhraseFinder:
    """Every occurrence of many phrases in a text, overlapping ones too, in one pass
    (Aho-Corasick): what a ``str.find`` loop per phrase, resuming one character after each
    occurrence, finds."""

    def __init__(self, needles: Sequence[tuple[tuple[int, int], str]]) -> None:
        import ahocorasick

        keys: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for key, needle in needles:
            keys[needle].append(key)
        self._automaton = ahocorasick.Automaton()
        for needle, found in keys.items():
            self._automaton.add_word(needle, (len(needle), tuple(found)))
        self._automaton.make_automaton()
        self._longest = max(map(len, keys), default=0)

    def find(
        self, text: str, active: list[bool], hits: dict[tuple[int, int], list[int]]
    ) -> None:
        """Add to ``hits`` the start of each occurrence, under each key of its phrase whose
        rule (the key's first item) is active, in increasing order."""
        for end, (length, keys) in _in_parts(self._automaton, text, self._longest):
            for key in keys:
                if active[key[0]]:
                    hits.setdefault(key, []).append(end - length + 1)


class _TermFinder:
    """Which of many condition terms occur in a text, and where some words occur as whole
    ``\\w+`` words (or with a final s), in one pass (Aho-Corasick).

    With no words to look for (``words=None``), any text may hold one.
    """

    def __init__(self, terms: Sequence[str], words: Iterable[str] | None = None) -> None:
        self.terms = list(terms)
        self._any_word = words is None
        # What each string found stands for: a term (a headline in capitals mentions it
        # too; a later term's capitals replace an earlier one's), and whether it is a word.
        found: dict[str, tuple[str | None, bool]] = {}
        for term in self.terms:
            found[term] = (term, False)
            if term.upper() != term:
                found[term.upper()] = (term, False)
        for word in words or ():
            found[word] = (found.get(word, (None, False))[0], True)
        self._automaton = None
        if found:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for key, (term, word) in found.items():
                automaton.add_word(key, (len(key), term, word))
            automaton.make_automaton()
            self._automaton = automaton
        self._longest = max(map(len, found), default=0)

    def scan(self, text: str) -> tuple[set[str], list[int] | None]:
        """The terms ``text`` holds, and where one of the words occurs in it as a whole
        word (not inside a longer word, but for a final s: ``Alievs``): the places it
        starts at, or ``None`` where any word may be one."""
        present: set[str] = set()
        places: list[int] | None = None if self._any_word else []
        if self._automaton is None:
            return present, places
        size = len(text)
        for end, (length, term, word) in _in_parts(self._automaton, text, self._longest):
            if term is not None:
                present.add(term)
            if places is None or not word:
                continue
            start = end - length + 1
            if start and WORD_CHAR.match(text, start - 1):
                continue
            after = end + 1
            if after < size and text[after] in "sS":
                after += 1
            if after >= size or not WORD_CHAR.match(text, after):
                places.append(start)
        return present, places


def _in_parts(automaton: Any, text: str, longest: int) -> Iterator[tuple[int, Any]]:
    """``automaton.iter(text)``: a text over :data:`SCAN_CHARS` characters is scanned a part
    at a time (the automaton reads a copy of its input of 4 bytes a character: 40 MB for a
    10 MB text), each part from ``longest`` (the longest string's length) less one before
    the end of the part before, so that a string that ends in the part is found there, and
    only there."""
    if len(text) <= SCAN_CHARS:
        yield from automaton.iter(text)
        return
    fresh = 0  # strings that end from here on were not found in the part before
    while fresh < len(text):
        start = max(0, fresh - longest + 1)
        stop = fresh + SCAN_CHARS
        for end, value in automaton.iter(text[start:stop]):
            if start + end >= fresh:
                yield start + end, value
        fresh = stop
