"""The alias index: every ``alias`` rule compiled into one word-level matcher.

A variant is a sequence of words (``\\w+`` runs) with the separators between them. The index
maps a variant's first word to its candidates, so matching costs one dictionary lookup per
word of the text, however many aliases there are. At each word the longest active candidate
wins (ties: rule order), and scanning resumes after the match, so a replacement is never
re-scanned. Words are whole ``\\w+`` runs: ``Aliev's`` and ``pro-Aliev`` contain the word
``Aliev``, ``Alieva`` does not.

>>> from cleaner.rules import load_rules
>>> index = AliasIndex(load_rules([], defaults=True))
>>> [(m.start, m.end, m.replacement) for m in index.find("pro-Aliev forces in Baku", "en")]
[(4, 9, 'Aliyev')]
"""

from __future__ import annotations

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
    words = [m[0] for m in WORD.finditer(variant)]
    spans = [m.span() for m in WORD.finditer(variant)]
    if not words or spans[0][0] != 0 or spans[-1][1] != len(variant):
        raise ValueError("must start and end with a letter or digit")
    separators = tuple(
        SPACE_RUN.sub(" ", variant[spans[i][1] : spans[i + 1][0]]) for i in range(len(spans) - 1)
    )
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
        self.rules = [rule for rule in rules if rule.kind == "alias"]
        self._exact: dict[str, list[Candidate]] = defaultdict(list)
        self._folded: dict[str, list[Candidate]] = defaultdict(list)
        owner: dict[str, tuple[Rule, str]] = {}  # folded variant -> (rule, variant)
        for number, rule in enumerate(self.rules):
            spec = rule.spec
            assert isinstance(spec, AliasSpec)
            for variant, canonical in spec.table:
                try:
                    words, separators = split_variant(variant)
                except ValueError as exc:
                    raise RuleError(
                        f"{rule.source}: rule {rule.id!r}: variant {variant!r} {exc}"
                    ) from None
                key = variant.casefold()
                if key in owner and owner[key][0] is not rule:
                    other = owner[key][0]
                    raise RuleError(
                        f"{rule.source}: rule {rule.id!r}: variant {variant!r} is also a variant "
                        f"of rule {other.id!r} ({other.source}); keep it in one rule"
                    )
                owner[key] = (rule, variant)
                folded = tuple(w.casefold() for w in words) if spec.case_insensitive else words
                target = self._folded if spec.case_insensitive else self._exact
                target[folded[0]].append(
                    Candidate(folded, separators, canonical, number, variant, spec.case_insensitive)
                )
        for bucket in (*self._exact.values(), *self._folded.values()):
            bucket.sort(key=lambda c: (-len(c.words), -len(c.variant), c.rule))
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
            for variant, canonical in spec.table:
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
        best: tuple[Candidate, int] | None = None
        for bucket in (self._exact.get(word), self._folded.get(word.casefold())):
            for candidate in bucket or ():
                if not active[candidate.rule]:
                    continue
                if best is not None and len(candidate.words) <= len(best[0].words):
                    break
                end_index = self._extends(text, words, index, candidate)
                if end_index is not None:
                    best = (candidate, end_index)
                    break
        return best

    def _extends(
        self, text: str, words: list[regex.Match[str]], index: int, candidate: Candidate
    ) -> int | None:
        last = index + len(candidate.words) - 1
        if last >= len(words):
            return None
        for offset, expected in enumerate(candidate.words):
            word = words[index + offset][0]
            if (word.casefold() if candidate.folded else word) != expected:
                return None
            if offset:
                gap = text[words[index + offset - 1].end() : words[index + offset].start()]
                separator = candidate.separators[offset - 1]
                if gap != separator and not (separator == " " and SPACE_RUN.fullmatch(gap)):
                    return None
        return last

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
