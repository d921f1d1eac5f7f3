"""Alias discovery: propose new ``alias`` rules from a corpus, for a person to review.

Nothing here changes text. :func:`suggest` reads documents, finds names written in more than
one way and returns ranked :class:`Suggestion` objects, each with its counts and a
ready-to-paste ``[[rule]]`` stub in the format of ``rules/names.toml``.

How it works, in one pass over the corpus plus work proportional to the number of names:

1. **Names.** A name word is a ``\\w+`` run of letters, two or more long, that starts with a
   capital and holds a lowercase letter (``Aliyev``, ``McKay``; not ``CSTO`` or ``F``).
   Common words are not names: a word in :data:`STOPWORDS` (articles, pronouns,
   conjunctions, prepositions, sentence adverbs, days, months), or one the corpus also
   writes in lowercase at least once per :data:`COMMON_RATIO` capitalized uses
   (``The``/``the``, ``Defense``/``defense``). Sentence position is not used: ``Margarian
   also called`` is a name even if it never occurs mid-sentence. Consecutive name words
   joined by spaces or one hyphen or dash form a run (never across a line break); every
   1-3 word slice of a run is a *form* (``Nagorno Karabakh``, ``Nagorno-Karabakh``).
2. **Keys.** :func:`transliteration_key` maps a form to a spelling-blind key: diacritics
   off, case folded, spaces and hyphens dropped, ``dzh``/``dj`` -> ``j``, ``kh``/``gh`` ->
   ``k``, ``ou`` -> ``u``, ``w`` -> ``v``, ``y`` -> ``i``, doubled letters single (so
   ``-ian``/``-yan``, ``-iev``/``-iyev``, ``Karabagh``/``Karabakh`` meet).
3. **Links.** Two forms are linked when their keys are equal, or when both keys have at
   least :data:`MIN_EDIT_LENGTH` letters, start with the same letter and are one edit
   apart (insert, delete, substitute, swap two neighbours). Edit links are found through
   deletion neighbourhoods (every key minus one letter, first letter kept), so the work
   grows with the number of forms, never with its square. An edit link is refused when a
   differing word only adds an ending to the other (``Armenia``/``Armenian``) or when the
   two are the masculine and feminine of one surname (``-ov``/``-ova``, ``-ev``/``-eva``,
   ``-in``/``-ina``, ``-ski``/``-ska``, ``-sky``/``-skaya``).
4. **Rules first.** Every form is passed through the alias rules of the given rule set
   (conditions and exceptions ignored: a form any rule rewrites is that rule's business),
   then through the suggestions already made for shorter forms. Forms that come out the
   same are one *group*; a cluster whose forms all come out the same is already covered.
5. **Canonical.** Of a cluster's groups, the canonical is: a canonical of the loaded rules
   if there is one; else the most frequent group; on a tie the form with more letters;
   then the form that follows the romanization used by the English-language press
   (BGN/PCGN style): more ``y`` glides before a vowel (``Margaryan``, ``Arayik``), then
   more hyphens in compound names (``Nagorno-Karabakh``); then alphabetical order. The
   variants are the untouched forms linked to the canonical itself; the others start a
   new cluster, so one cluster never drifts two edits away from its canonical.
6. **Score.** The canonical's count plus every variant's count, a variant counted half
   when it is linked by an edit rather than by an equal key. Ties: more occurrences, then
   alphabetical order. Output is byte-identical whatever the order of the documents.

>>> from cleaner.rules import load_rules
>>> texts = ["Margarian spoke in Yerevan.", "Margaryan and Margaryan left for Baku."]
>>> [(s.canonical, s.variants) for s in suggest(texts, rules=load_rules([], defaults=False))]
[('Margaryan', ('Margarian',))]
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import regex

from cleaner.aliases import WORD, AliasIndex
from cleaner.rules import AliasSpec, Conditions, RuleSet

STOPWORD_TEXT = """
    a an the this that these those some any each every all both either neither no another
    such other i he she it we they you me him her us them his its our their your my who
    whom whose which what whatever whoever and but or nor so yet for because although though
    while whereas if unless since until when whenever where wherever after before once as
    than then in on at by from with without within into onto of off over under above below
    between among amid across through throughout during despite about against along around
    behind beyond near toward towards upon via per however meanwhile moreover furthermore
    nevertheless nonetheless therefore thus hence also still already instead indeed finally
    initially later earlier today yesterday tomorrow now here there again otherwise besides
    accordingly consequently likewise similarly additionally namely perhaps maybe is are
    was were be been being am do does did have has had will would shall should can could may
    might must not yes mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
"""
STOPWORDS = frozenset(STOPWORD_TEXT.split())
# A capitalized word is common when the corpus writes it in lowercase at least once per
# this many capitalized uses: "the" and "defense" pass easily, while a surname that shows up
# once in lowercase inside a URL next to a hundred capitalized uses stays a name.
COMMON_RATIO = 10
MAX_WORDS = 3  # longest name phrase
MIN_EDIT_LENGTH = 5  # shorter keys link only when equal: Iran/Iraq, Mark/Mary
MAX_BUCKET = 50  # a deletion neighbourhood shared by more keys is noise (and quadratic)
MAX_EXAMPLE = 160  # longer example sentences are cut around the variant
EDIT_WEIGHT = 0.5  # a variant linked by one edit counts half in the score

# Separators that keep two name words in one run: spaces, or one hyphen or dash. A line
# break always ends a run.
JOINER = regex.compile(r"[ \t]+|[-\u2010\u2011\u2013]")
SPACE_RUN = regex.compile(r"[ \t]+")
SENTENCE_BREAK = regex.compile(
    r"(?<=[.!?\u2026][\"'\u201d\u2019\u00bb)\]]*)\s+(?=[\"'\u201c\u2018\u00ab(\[]?\p{Lu})"
)
Y_GLIDE = regex.compile(r"y(?=[aeiou])")
DOUBLED = regex.compile(r"(.)\1+")
# Applied in order to a casefolded, diacritic-free string of letters.
DIGRAPHS = (
    ("dzh", "j"),
    ("dj", "j"),
    ("kh", "k"),
    ("gh", "k"),
    ("ou", "u"),
    ("w", "v"),
    ("y", "i"),
)
# Letters that NFKD does not take apart.
LETTERS = str.maketrans({"ı": "i", "ə": "a", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae", "đ": "d"})
# (masculine, feminine) surname endings; a pair that differs only so is two people.
GENDERED = (
    ("ov", "ova"),
    ("ev", "eva"),
    ("in", "ina"),
    ("ski", "ska"),
    ("sky", "ska"),
    ("sky", "skaya"),
    ("skiy", "skaya"),
    ("skii", "skaya"),
    ("ski", "skaya"),
)


@dataclass(frozen=True)
class Suggestion:
    """One proposed alias rule: variants seen in the corpus and the canonical form.

    ``counts`` holds the occurrences of the canonical and of every variant, exactly as
    written (the canonical may also stand for forms the loaded rules already map to it).

    >>> s = Suggestion("Margaryan", ("Margarian",), {"Margaryan": 1, "Margarian": 1}, 2.0,
    ...                "Margarian also called.")
    >>> s.expected
    'Margaryan also called.'
    """

    canonical: str
    variants: tuple[str, ...]
    counts: dict[str, int]  # form -> occurrences
    score: float
    example: str  # a corpus sentence containing a variant
    unchanged: tuple[str, ...] = ()  # inputs the rule must leave alone (default: expected)
    rule_id: str = ""  # default: names.<slug of canonical>
    _pattern: regex.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_pattern", _variant_pattern(self.variants))

    @property
    def id(self) -> str:
        """The rule id of the stub: ``names.<slug>``, unique within one :func:`suggest` run.

        >>> Suggestion("Nagorno-Karabakh", ("Nagorno Karabakh",), {}, 0.0, "").id
        'names.nagorno-karabakh'
        """
        return self.rule_id or f"names.{slug(self.canonical)}"

    @property
    def expected(self) -> str:
        """The example sentence as the proposed rule would leave it.

        >>> Suggestion("Aliyev", ("Aliev",), {}, 0.0, "Aliev's decree, pro-Aliev.").expected
        "Aliyev's decree, pro-Aliyev."
        """
        return self._pattern.sub(self.canonical, self.example)

    def toml(self) -> str:
        """The ready-to-paste ``[[rule]]`` stub, in the format of ``rules/names.toml``.

        >>> print(Suggestion("Margaryan", ("Margarian",), {}, 0.0, "Margarian spoke.").toml())
        [[rule]]
        id = "names.margaryan"
        description = "Margaryan: Margarian -> Margaryan (suggested; check before use)."
        kind = "alias"
        canonical = "Margaryan"
        variants = ["Margarian"]
        examples = [
          { input = "Margarian spoke.", expected = "Margaryan spoke." },
        ]
        unchanged = ["Margaryan spoke."]
        <BLANKLINE>
        """
        unchanged = self.unchanged or (self.expected,)
        description = (
            f"{self.canonical}: {', '.join(self.variants)} -> {self.canonical} "
            "(suggested; check before use)."
        )
        return "\n".join(
            [
                "[[rule]]",
                f"id = {toml_string(self.id)}",
                f"description = {toml_string(description)}",
                'kind = "alias"',
                f"canonical = {toml_string(self.canonical)}",
                f"variants = [{', '.join(toml_string(v) for v in self.variants)}]",
                "examples = [",
                f"  {{ input = {toml_string(self.example)}, "
                f"expected = {toml_string(self.expected)} }},",
                "]",
                f"unchanged = [{', '.join(toml_string(u) for u in unchanged)}]",
                "",
            ]
        )

    def to_dict(self) -> dict[str, Any]:
        """A plain dict for JSON: id, forms, counts, score, example, stub.

        >>> s = Suggestion("Aliyev", ("Aliev",), {"Aliyev": 3, "Aliev": 1}, 4.0, "Aliev spoke.")
        >>> s.to_dict()["counts"], s.to_dict()["id"]
        ({'Aliyev': 3, 'Aliev': 1}, 'names.aliyev')
        """
        return {
            "id": self.id,
            "canonical": self.canonical,
            "variants": list(self.variants),
            "counts": dict(self.counts),
            "score": self.score,
            "example": {"input": self.example, "expected": self.expected},
            "unchanged": list(self.unchanged or (self.expected,)),
            "toml": self.toml(),
        }


def suggest(
    texts: Iterable[str], *, rules: RuleSet, min_count: int = 1, limit: int = 50
) -> list[Suggestion]:
    """Ranked alias rules proposed by a corpus, leaving out what ``rules`` already cover.

    ``min_count``: a cluster seen fewer times in all (canonical and variants) is left out.
    ``limit``: at most this many suggestions, best first.

    >>> from cleaner.rules import load_rules
    >>> corpus = ["Ilham Aliev spoke. Aliyev left. Leyla Aliyeva stayed.", "Aliyev won."]
    >>> [s.variants for s in suggest(corpus, rules=load_rules([], defaults=False))]
    [('Aliev',)]
    >>> suggest(corpus, rules=load_rules([], defaults=True))
    []
    """
    corpus = _Corpus.read(list(texts))
    forms = {text: _Form.of(text) for text in sorted(corpus.counts)}
    normalize = _Normalizer(rules)
    made: list[tuple[Suggestion, int]] = []
    by_level: dict[int, list[list[str]]] = defaultdict(list)
    for component in _components(forms):
        by_level[max(len(forms[name].words) for name in component)].append(component)
    for level in sorted(by_level):
        accepted: list[Suggestion] = []
        for component in by_level[level]:
            for suggestion, total in _split(component, forms, corpus, normalize):
                if total >= min_count:
                    made.append((suggestion, total))
                accepted.append(suggestion)
        normalize.learn(accepted)
    made.sort(key=lambda item: (-item[0].score, -item[1], item[0].canonical, item[0].variants))
    taken = {rule.id for rule in rules}
    ranked: list[Suggestion] = []
    for suggestion, _ in made:
        rule_id, number = suggestion.id, 1
        while rule_id in taken:
            number += 1
            rule_id = f"{suggestion.id}-{number}"
        taken.add(rule_id)
        ranked.append(replace(suggestion, rule_id=rule_id))
    return ranked[:limit]


def format_text(suggestions: Sequence[Suggestion]) -> str:
    """A ranked listing with counts, each entry followed by its stub; all of it valid TOML.

    >>> s = Suggestion("Aliyev", ("Aliev",), {"Aliyev": 3, "Aliev": 1}, 4.0, "Aliev spoke.")
    >>> print(format_text([s]).split("[[rule]]")[0].strip())
    # 1 alias rule suggested; review each before adding it to a rule file.
    <BLANKLINE>
    # 1. Aliyev <- Aliev
    #    counts: Aliyev 3, Aliev 1; score 4.0
    """
    if not suggestions:
        return "# no alias rules suggested.\n"
    many = "rules" if len(suggestions) != 1 else "rule"
    parts = [
        f"# {len(suggestions)} alias {many} suggested; review each before adding it to a "
        "rule file.\n"
    ]
    for rank, suggestion in enumerate(suggestions, 1):
        counts = ", ".join(f"{form} {count}" for form, count in suggestion.counts.items())
        parts.append(
            f"\n# {rank}. {suggestion.canonical} <- {', '.join(suggestion.variants)}\n"
            f"#    counts: {counts}; score {suggestion.score}\n{suggestion.toml()}"
        )
    return "".join(parts)


def format_json(suggestions: Sequence[Suggestion]) -> str:
    """The suggestions as one JSON document, for tools.

    >>> s = Suggestion("Aliyev", ("Aliev",), {"Aliyev": 3, "Aliev": 1}, 4.0, "Aliev spoke.")
    >>> json.loads(format_json([s]))["suggestions"][0]["example"]
    {'input': 'Aliev spoke.', 'expected': 'Aliyev spoke.'}
    """
    document = {"suggestions": [suggestion.to_dict() for suggestion in suggestions]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def transliteration_key(form: str) -> str:
    """The spelling-blind key of a name: equal keys are the same name in two romanizations.

    >>> [transliteration_key(f) for f in ("Margarian", "Margaryan", "Aliyev", "Aliev")]
    ['margarian', 'margarian', 'aliev', 'aliev']
    >>> transliteration_key("Nagorno-Karabakh") == transliteration_key("Nagorno Karabagh")
    True
    >>> transliteration_key("Dzhebrail"), transliteration_key("Djabraïl")
    ('jebrail', 'jabrail')
    """
    text = unicodedata.normalize("NFKD", form.casefold().translate(LETTERS))
    text = "".join(char for char in text if char.isalpha() and not unicodedata.combining(char))
    for old, new in DIGRAPHS:
        text = text.replace(old, new)
    return DOUBLED.sub(r"\1", text)


def slug(text: str) -> str:
    """An id-safe slug: ASCII letters and digits joined by hyphens.

    >>> slug("Nagorno-Karabakh"), slug("Jabrayıl Rayonu"), slug("Сумгаит")[:6]
    ('nagorno-karabakh', 'jabrayl-rayonu', 'alias-')
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = regex.findall(r"[a-z0-9]+", ascii_text.lower())
    if words:
        return "-".join(words)
    return "alias-" + hashlib.sha256(text.encode()).hexdigest()[:8]


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped.

    >>> print(toml_string('say "hi"\\tC:\\\\new'))
    "say \\"hi\\"\\tC:\\\\new"
    """
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\t":
            out.append("\\t")
        elif char == "\n":
            out.append("\\n")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


# --- reading the corpus -------------------------------------------------------------------


@dataclass
class _Corpus:
    """Name forms with their counts, and the best example sentence of each."""

    counts: Counter[str]
    sentences: dict[str, tuple[int, int, str]]  # form -> sentence rank (lower is better)

    @classmethod
    def read(cls, texts: list[str]) -> _Corpus:
        lower: Counter[str] = Counter()
        capital: Counter[str] = Counter()
        for text in texts:
            for word in WORD.findall(text):
                if not word.isalpha():
                    continue
                if word.islower():
                    lower[word] += 1
                elif _capitalized(word):
                    capital[word.lower()] += 1
        common = {
            word
            for word in capital
            if word in STOPWORDS or (lower[word] and lower[word] * COMMON_RATIO >= capital[word])
        }
        corpus = cls(Counter(), {})
        for text in texts:
            for line in text.splitlines():
                for sentence in SENTENCE_BREAK.split(line.strip()):
                    if sentence:
                        corpus._add(sentence, common)
        return corpus

    def _add(self, sentence: str, common: set[str]) -> None:
        tokens = list(WORD.finditer(sentence))
        rank = (0 if 4 <= len(tokens) <= 40 else 1, len(sentence), sentence)
        run: list[tuple[str, str]] = []  # (word, separator before it)
        previous_end = -1
        for token in tokens:
            word = token[0]
            name = _capitalized(word) and word.lower() not in common
            gap = sentence[previous_end : token.start()] if run else ""
            if name and run and not JOINER.fullmatch(gap):
                self._count(run, rank)
                run = []
            if name:
                run.append((word, " " if SPACE_RUN.fullmatch(gap) else gap))
            elif run:
                self._count(run, rank)
                run = []
            previous_end = token.end()
        if run:
            self._count(run, rank)

    def _count(self, run: list[tuple[str, str]], rank: tuple[int, int, str]) -> None:
        for first in range(len(run)):
            form = run[first][0]
            for last in range(first, min(first + MAX_WORDS, len(run))):
                if last > first:
                    form += run[last][1] + run[last][0]
                self.counts[form] += 1
                if form not in self.sentences or rank < self.sentences[form]:
                    self.sentences[form] = rank


def _capitalized(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and any(c.islower() for c in word) and word.isalpha()


# --- linking forms ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Form:
    text: str
    words: tuple[str, ...]  # casefolded
    key: str
    word_keys: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> _Form:
        words = tuple(word.casefold() for word in WORD.findall(text))
        return cls(text, words, transliteration_key(text), tuple(map(transliteration_key, words)))


def _link(a: _Form, b: _Form) -> float:
    """How strongly two forms are one name: 1.0 equal keys, EDIT_WEIGHT one edit, 0 not."""
    if a.key == b.key:
        return 1.0
    if (
        min(len(a.key), len(b.key)) < MIN_EDIT_LENGTH
        or a.key[0] != b.key[0]
        or not _one_edit(a.key, b.key)
    ):
        return 0.0
    if len(a.words) == len(b.words):
        pairs = list(zip(a.word_keys, b.word_keys, a.words, b.words, strict=True))
    else:
        pairs = [(a.key, b.key, "".join(a.words), "".join(b.words))]
    for key_a, key_b, word_a, word_b in pairs:
        if key_a == key_b:
            continue
        if key_a.startswith(key_b) or key_b.startswith(key_a):
            return 0.0  # an ending added: Armenia/Armenian, Aliev/Alieva
        if _gendered(word_a, word_b) or _gendered(word_b, word_a):
            return 0.0
    return EDIT_WEIGHT


def _gendered(masculine: str, feminine: str) -> bool:
    # Only asked about forms already one edit apart, so the endings alone decide.
    return any(masculine.endswith(m) and feminine.endswith(f) for m, f in GENDERED)


def _one_edit(a: str, b: str) -> bool:
    """Exactly one insertion, deletion, substitution or swap of neighbours apart."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    if len(a) < len(b):
        return a[start:] == b[start + 1 :]
    if a[start + 1 :] == b[start + 1 :]:
        return start < len(a)
    return a[start : start + 2] == b[start : start + 2][::-1] and a[start + 2 :] == b[start + 2 :]


def _components(forms: dict[str, _Form]) -> Iterator[list[str]]:
    """Groups of linked forms (two or more), in a fixed order."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for text, form in forms.items():
        by_key[form.key].append(text)
    parent = {text: text for text in forms}

    def root(text: str) -> str:
        while parent[text] != text:
            parent[text] = parent[parent[text]]
            text = parent[text]
        return text

    def union(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for texts in by_key.values():
        for text in texts[1:]:
            union(texts[0], text)
    buckets: dict[str, list[str]] = defaultdict(list)
    for key in sorted(by_key):
        if len(key) >= MIN_EDIT_LENGTH:
            buckets[key].append(key)
            for at in range(1, len(key)):
                buckets[key[:at] + key[at + 1 :]].append(key)
    for keys in buckets.values():
        if len(keys) < 2 or len(keys) > MAX_BUCKET:
            continue
        for i, key_a in enumerate(keys):
            for key_b in keys[i + 1 :]:
                for a in by_key[key_a]:
                    for b in by_key[key_b]:
                        if root(a) != root(b) and _link(forms[a], forms[b]):
                            union(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for text in forms:
        groups[root(text)].append(text)
    for root_text in sorted(groups):
        if len(groups[root_text]) > 1:
            yield sorted(groups[root_text])


# --- from clusters to suggestions ---------------------------------------------------------


class _Normalizer:
    """A form as the loaded alias rules, then the suggestions so far, would write it."""

    def __init__(self, rules: RuleSet) -> None:
        aliases = [rule for rule in rules if isinstance(rule.spec, AliasSpec)]
        # Conditions and exceptions off: a form any rule may rewrite belongs to that rule.
        self._index = AliasIndex(
            [replace(r, when=Conditions(), spec=replace(r.spec, exceptions=())) for r in aliases]
        )
        table = [pair for rule in aliases for pair in _table(rule.spec)]
        self.canonicals = {canonical for _, canonical in table}
        variants = [variant for variant, _ in table]
        self.variants = {v.casefold() for v in variants}
        # Parts of longer variants: the loader refuses a variant nested in another rule's.
        self.nested = {
            " ".join(words[first:last])
            for v in variants
            for words in [[w.casefold() for w in WORD.findall(v)]]
            for first in range(len(words))
            for last in range(first + 1, len(words) + 1)
            if last - first < len(words)
        }
        self._learned: dict[str, str] = {}
        self._pattern: regex.Pattern[str] | None = None
        self._cache: dict[str, str] = {}

    def learn(self, suggestions: Sequence[Suggestion]) -> None:
        for suggestion in suggestions:
            for variant in suggestion.variants:
                self._learned[variant] = suggestion.canonical
        if self._learned:
            self._pattern = _variant_pattern(tuple(self._learned))
        self._cache.clear()

    def __call__(self, form: str) -> str:
        if form not in self._cache:
            out, at = [], 0
            for match in self._index.find(form, None):
                out.append(form[at : match.start] + match.replacement)
                at = match.end
            text = "".join(out) + form[at:]
            if self._pattern is not None:
                text = self._pattern.sub(lambda m: self._learned[m[0]], text)
            self._cache[form] = text
        return self._cache[form]

    def may_be_variant(self, form: str) -> bool:
        words = " ".join(w.casefold() for w in WORD.findall(form))
        folded = form.casefold()
        return (
            folded not in self.variants and words not in self.nested and form not in self.canonicals
        )


def _table(spec: object) -> tuple[tuple[str, str], ...]:
    return spec.table if isinstance(spec, AliasSpec) else ()


def _split(
    component: list[str],
    forms: dict[str, _Form],
    corpus: _Corpus,
    normalize: _Normalizer,
) -> Iterator[tuple[Suggestion, int]]:
    """Star clusters of one component: the best canonical and the forms linked to it."""
    remaining = list(component)
    while len(remaining) > 1:
        groups: dict[str, int] = Counter()
        for text in remaining:
            groups[normalize(text)] += corpus.counts[text]
        canonical = min(groups, key=lambda g: _preference(g, groups[g], normalize.canonicals))
        target = forms.get(canonical) or _Form.of(canonical)
        variants: list[tuple[str, float]] = []
        left: list[str] = []
        for text in remaining:
            if normalize(text) == canonical:
                continue
            if normalize(text) != text:
                continue  # another rule's (or suggestion's) form: not ours to propose
            weight = _link(forms[text], target)
            if weight and normalize.may_be_variant(text):
                variants.append((text, weight))
            else:
                left.append(text)
        if variants:
            yield _suggestion(canonical, variants, corpus)
        remaining = left


def _preference(form: str, count: int, canonicals: set[str]) -> tuple[Any, ...]:
    """Sort key of a canonical candidate: lowest wins (see the module docstring, step 5)."""
    letters = sum(char.isalpha() for char in form)
    convention = len(Y_GLIDE.findall(form.casefold())) + sum(
        1 for gap in regex.findall(r"(?<=\w)[^\w]+(?=\w)", form) if gap in "-\u2010\u2011"
    )
    return (form not in canonicals, -count, -letters, -convention, form)


def _suggestion(
    canonical: str, variants: list[tuple[str, float]], corpus: _Corpus
) -> tuple[Suggestion, int]:
    variants.sort(key=lambda item: (-corpus.counts[item[0]], item[0]))
    names = tuple(text for text, _ in variants)
    counts = {canonical: corpus.counts.get(canonical, 0)}
    counts.update((text, corpus.counts[text]) for text in names)
    score = counts[canonical] + sum(corpus.counts[text] * weight for text, weight in variants)
    pattern = _variant_pattern(names)
    example = _clip(corpus.sentences[names[0]][2], pattern)
    unchanged: tuple[str, ...] = ()
    if canonical in corpus.sentences:
        sentence = _clip(corpus.sentences[canonical][2], regex.compile(regex.escape(canonical)))
        if not pattern.search(sentence):
            unchanged = (sentence,)
    suggestion = Suggestion(canonical, names, counts, round(score, 3), example, unchanged=unchanged)
    return suggestion, sum(counts.values())


def _variant_pattern(variants: tuple[str, ...]) -> regex.Pattern[str]:
    """Whole-word matcher of variants, longest first (as :class:`AliasIndex` matches)."""
    if not variants:
        return regex.compile(r"(?!)")
    ordered = sorted(variants, key=lambda v: (-len(v), v))
    body = "|".join(regex.escape(v).replace("\\ ", "[ \t]+") for v in ordered)
    return regex.compile(rf"(?<!\w)(?:{body})(?!\w)")


def _clip(sentence: str, pattern: regex.Pattern[str]) -> str:
    """A long sentence cut to a window of whole words around the first match."""
    if len(sentence) <= MAX_EXAMPLE:
        return sentence
    match = pattern.search(sentence)
    start, end = match.span() if match else (0, 0)
    side = max(0, (MAX_EXAMPLE - (end - start)) // 2)
    left = max(0, start - side)
    right = min(len(sentence), end + side)
    if left > 0:
        space = sentence.find(" ", left, start)
        left = space + 1 if space >= 0 else start
    if right < len(sentence):
        space = sentence.rfind(" ", end, right)
        right = space if space >= 0 else end
    return sentence[left:right].strip()


__all__ = [
    "STOPWORDS",
    "Suggestion",
    "format_json",
    "format_text",
    "slug",
    "suggest",
    "toml_string",
    "transliteration_key",
]
