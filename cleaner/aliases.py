"""The alias index: every ``alias`` rule compiled into one word-level matcher.

A variant is a sequence of words (``\\w+`` runs) with the separators between them. The index
keys variants by their whole word tuple, and knows for each first word which variant lengths
exist, so matching costs a few dictionary lookups per word of the text, however many aliases
there are (100,000 run at about three quarters of the speed of 10: ``bench/names_bench.py``).
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

import gc
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from cleaner.rules import AliasSpec, Rule, RuleError

WORD = regex.compile(r"\w+")
# A space inside a variant matches any run of spaces and tabs, never a line break: a name
# split over two lines is left alone.
SPACE_RUN = regex.compile(r"[ \t]+")


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
    separators = tuple(gap if gap == " " else SPACE_RUN.sub(" ", gap) for gap in gaps[1:-1])
    return tuple(words), separators


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
        # Candidates by their whole word tuple (folded for case-insensitive rules), and per
        # first word the word counts to try, longest first: matching costs a few dictionary
        # lookups per text word however many aliases share that first word.
        self._exact_words: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
        self._folded_words: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
        exact_lengths: dict[str, set[int]] = defaultdict(set)
        folded_lengths: dict[str, set[int]] = defaultdict(set)
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
                table[words].append(Candidate(words, separators, canonical, number, variant, fold))
                lengths[words[0]].add(len(words))
        for group in (*self._exact_words.values(), *self._folded_words.values()):
            if len(group) > 1:  # same words, other separators ("Nagorno Karabakh", "-", "–")
                group.sort(key=lambda c: (-len(c.variant), c.rule))
        self._exact_lengths = {w: tuple(sorted(n, reverse=True)) for w, n in exact_lengths.items()}
        self._folded_lengths = {
            w: tuple(sorted(n, reverse=True)) for w, n in folded_lengths.items()
        }
        self._exact_words = dict(self._exact_words)
        self._folded_words = dict(self._folded_words)
        self._check_chains(owner)
        self._check_nesting(owner)
        terms = sorted({term for rule in self.rules for term in rule.when.mentions})
        self._terms = _TermFinder(terms)

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
        present = self._terms.present(text)
        return [
            rule.when.language_holds(language)
            and (not rule.when.mentions or not present.isdisjoint(rule.when.mentions))
            for rule in self.rules
        ]

    def find(self, text: str, language: str | None) -> Iterator[Match]:
        """Every replacement in ``text``, left to right, none overlapping."""
        if not self.rules:
            return
        active = self.active(text, language)
        if not any(active):
            return
        blocked = self._exception_spans(text, active)
        words = list(WORD.finditer(text))
        index = 0
        while index < len(words):
            found = self._match_at(text, words, index, active)
            if found is None:
                index += 1
                continue
            candidate, end_index = found
            start, end = words[index].start(), words[end_index].end()
            rule = self.rules[candidate.rule]
            if any(a < end and start < b for a, b in blocked.get(candidate.rule, ())):
                index += 1
                continue
            spec = rule.spec
            assert isinstance(spec, AliasSpec)
            replacement = (
                keep_case(text[start:end], candidate.canonical)
                if spec.case_insensitive
                else candidate.canonical
            )
            yield Match(start, end, replacement, rule)
            index = end_index + 1

    def _match_at(
        self, text: str, words: list[regex.Match[str]], index: int, active: list[bool]
    ) -> tuple[Candidate, int] | None:
        word = words[index][0]
        exact = self._exact_lengths.get(word)
        folded = self._folded_lengths.get(word.casefold())
        if exact is None and folded is None:
            return None
        if exact is None or folded is None:
            lengths = exact or folded
        else:
            lengths = sorted({*exact, *folded}, reverse=True)
        available = len(words) - index
        for length in lengths:
            if length > available:
                continue
            span = words[index : index + length]
            key = tuple(m[0] for m in span) if length > 1 else (word,)
            for candidate in self._exact_words.get(key, ()):
                if active[candidate.rule] and _gaps_fit(text, span, candidate):
                    return candidate, index + length - 1
            for candidate in self._folded_words.get(tuple(w.casefold() for w in key), ()):
                if active[candidate.rule] and _gaps_fit(text, span, candidate):
                    return candidate, index + length - 1
        return None

    def _exception_spans(self, text: str, active: list[bool]) -> dict[int, list[tuple[int, int]]]:
        spans: dict[int, list[tuple[int, int]]] = {}
        for number, rule in enumerate(self.rules):
            spec = rule.spec
            assert isinstance(spec, AliasSpec)
            if not active[number] or not spec.exceptions:
                continue
            haystack = text.casefold() if spec.case_insensitive else text
            for phrase in spec.exceptions:
                needle = phrase.casefold() if spec.case_insensitive else phrase
                at = haystack.find(needle)
                while at >= 0:
                    spans.setdefault(number, []).append((at, at + len(needle)))
                    at = haystack.find(needle, at + 1)
        return spans


def _gaps_fit(text: str, span: list[regex.Match[str]], candidate: Candidate) -> bool:
    for offset, separator in enumerate(candidate.separators, 1):
        gap = text[span[offset - 1].end() : span[offset].start()]
        if gap != separator and not (separator == " " and SPACE_RUN.fullmatch(gap)):
            return False
    return True


def _folds(rule: Rule) -> bool:
    return isinstance(rule.spec, AliasSpec) and rule.spec.case_insensitive


class _TermFinder:
    """Which of many condition terms occur in a text, in one pass (Aho-Corasick)."""

    def __init__(self, terms: Sequence[str]) -> None:
        self.terms = list(terms)
        self._automaton = None
        if self.terms:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for term in self.terms:
                automaton.add_word(term, term)
            automaton.make_automaton()
            self._automaton = automaton

    def present(self, text: str) -> set[str]:
        if self._automaton is None:
            return set()
        return {term for _, term in self._automaton.iter(text)}
