"""Behaviour tables for alias discovery (``cleaner.suggest``): input, expected, why."""

from __future__ import annotations

import itertools
import json
import random
import time
import tomllib
from pathlib import Path

import pytest

from cleaner.pipeline import run_rule_alone
from cleaner.rules import load_rules
from cleaner.suggest import Suggestion, format_json, format_text, suggest, transliteration_key

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
NO_RULES = load_rules([], defaults=False)
DEFAULTS = load_rules([], defaults=True)


def pairs(suggestions: list[Suggestion]) -> set[tuple[str, str]]:
    return {(s.canonical, v) for s in suggestions for v in s.variants}


def forms(suggestions: list[Suggestion]) -> set[str]:
    return {form for s in suggestions for form in (s.canonical, *s.variants)}


# --- the seeds ----------------------------------------------------------------------------

SEED_PAIRS = [
    ("Margaryan", "Margarian", "seed 004 has one of each: the tie goes to the y glide (-yan)"),
    ("Aliyev", "Aliev", "y/i: -iev and -iyev share a key; Aliyev is far more frequent"),
    ("Nagorno Karabakh", "Nagorno-Karabakh", "hyphen/space; the spaced form is more frequent"),
    ("Karabakh", "Karabak", "kh/k"),
]


@pytest.mark.parametrize(
    ("canonical", "variant", "why"), SEED_PAIRS, ids=[c[2] for c in SEED_PAIRS]
)
def test_seeds_without_rules_propose(canonical: str, variant: str, why: str) -> None:
    assert (canonical, variant) in pairs(suggest(SEEDS, rules=NO_RULES))


def test_seeds_without_rules_propose_nothing_else() -> None:
    # Not Armenia/Armenian (an ending), not Ilham Aliev/Ilham Aliyev (the one-word rule
    # already covers it), not "The"/"However" (common words).
    assert pairs(suggest(SEEDS, rules=NO_RULES)) == {(c, v) for c, v, _ in SEED_PAIRS}


def test_seeds_with_default_rules_propose_nothing() -> None:
    assert suggest(SEEDS, rules=DEFAULTS) == []


# --- what is never proposed ---------------------------------------------------------------

GENDERED_CORPUS = [
    "Ilham Aliyev met Leyla Aliyeva in Baku. Aliyev spoke first, and Aliyeva answered.",
    "Mehriban Alieva, also written Aliyeva, travelled to Ganja.",
    "Ivanov and Ivanova arrived. Ivanov left early.",
    "Zelensky and Zelenska spoke in Kyiv. Kowalski met Kowalska in Warsaw.",
    "Lipsky and Lipskaya danced. Putin met Putina.",
    "Pashinian spoke. Pashinyan spoke again. Pashinyan agreed.",
]

GENDERED = [
    ("Aliyev", "Aliyeva", "-ev/-eva"),
    ("Ivanov", "Ivanova", "-ov/-ova"),
    ("Putin", "Putina", "-in/-ina"),
    ("Kowalski", "Kowalska", "-ski/-ska"),
    ("Zelensky", "Zelenska", "-sky/-ska"),
    ("Lipsky", "Lipskaya", "-sky/-skaya"),
]


@pytest.mark.parametrize(("masculine", "feminine", "why"), GENDERED, ids=[c[2] for c in GENDERED])
def test_gendered_pairs_are_never_proposed(masculine: str, feminine: str, why: str) -> None:
    for s in suggest(GENDERED_CORPUS, rules=NO_RULES):
        assert not {masculine, feminine} <= {s.canonical, *s.variants}, s


@pytest.mark.parametrize(
    ("canonical", "variant", "why"),
    [
        ("Pashinyan", "Pashinian", "-ian/-yan is a spelling, not a gender"),
        ("Aliyeva", "Alieva", "two spellings of the same feminine name"),
    ],
)
def test_gendered_corpus_still_finds_spellings(canonical: str, variant: str, why: str) -> None:
    assert (canonical, variant) in pairs(suggest(GENDERED_CORPUS, rules=NO_RULES))


COMMON_WORDS = [
    (["However, it rained.", "Howewer, it snowed.", "Baku is calm."], "However", "stopword"),
    (["Despite the rain, Baku voted.", "Despte the snow, Ganja voted."], "Despite", "stopword"),
    (["The army left Baku.", "Thé army came to Ganja."], "The", "stopword, diacritics"),
    (
        ["Defense Ministry said so.", "Defence Ministry said so.", "The defense of the city."],
        "Defense",
        "written in lowercase elsewhere in the corpus",
    ),
]


@pytest.mark.parametrize(("texts", "word", "why"), COMMON_WORDS, ids=[c[2] for c in COMMON_WORDS])
def test_common_capitalized_words_are_not_names(texts: list[str], word: str, why: str) -> None:
    assert word not in forms(suggest(texts, rules=NO_RULES))


NOT_VARIANTS = [
    (["Armenia said.", "An Armenian said.", "Armenia agreed."], "Armenian", "an added ending"),
    (["Iran said.", "Iraq said.", "Iran agreed."], "Iraq", "short keys link only when equal"),
    (["Russia said.", "Prussia said.", "Russia agreed."], "Prussia", "first letters differ"),
    (
        ["Artisan Force said.", "Artesian officials said.", "Artisan Force agreed."],
        "Artesian",
        "two edits apart",
    ),
]


@pytest.mark.parametrize(("texts", "form", "why"), NOT_VARIANTS, ids=[c[2] for c in NOT_VARIANTS])
def test_near_names_that_are_not_variants(texts: list[str], form: str, why: str) -> None:
    assert form not in forms(suggest(texts, rules=NO_RULES))


# --- active rules -------------------------------------------------------------------------

COVERED = [
    (
        ["Ilham Aliev spoke.", "Ilham Aliyev spoke.", "Aliyev agreed."],
        "Aliev",
        "a variant of names.aliyev",
    ),
    (
        ["Pashinian spoke.", "Pachinian spoke.", "Pashinian agreed."],
        "Pachinian",
        "both forms map to one canonical",
    ),
    (
        ["Dmitri Aliev skated.", "Dmitri Aliyev skated."],
        "Dmitri Aliev",
        "contains a rule's variant (its exception included): the rule's business",
    ),
    (
        ["Yashar spoke.", "Yashar left.", "Yasar came."],
        "Yasar",
        "part of a longer variant (Yasar Aliyev): the loader refuses a nested variant",
    ),
]


@pytest.mark.parametrize(("texts", "form", "why"), COVERED, ids=[c[2] for c in COVERED])
def test_pairs_covered_by_active_rules_are_not_proposed(
    texts: list[str], form: str, why: str
) -> None:
    assert suggest(texts, rules=NO_RULES), "control: without rules a pair is proposed"
    assert form not in forms(suggest(texts, rules=DEFAULTS))
    assert suggest(texts, rules=DEFAULTS) == []


def test_a_rules_canonical_stays_canonical_and_ids_stay_unique() -> None:
    texts = ["Aliyeff spoke in Baku.", "Aliyeff left.", "Aliyeff won.", "Aliyev lost."]
    assert pairs(suggest(texts, rules=NO_RULES)) == {("Aliyeff", "Aliyev")}
    (found,) = suggest(texts, rules=DEFAULTS)
    assert (found.canonical, found.variants, found.id) == ("Aliyev", ("Aliyeff",), "names.aliyev-2")


# --- canonical choice ---------------------------------------------------------------------

CANONICAL = [
    (["Pashinyan spoke.", "Pashinyan left.", "Pashinian came."], "Pashinyan", "most frequent"),
    (
        ["Pashinian spoke.", "Pashinian left.", "Pashinyan came."],
        "Pashinian",
        "frequency beats the spelling convention",
    ),
    (["Aliev spoke.", "Aliyev left."], "Aliyev", "tie: more letters"),
    (
        ["Margarian spoke.", "Margaryan left."],
        "Margaryan",
        "tie, same letters: y glide before a vowel",
    ),
    (
        ["In Nagorno Karabakh.", "In Nagorno-Karabakh."],
        "Nagorno-Karabakh",
        "tie: hyphenated compound",
    ),
    (
        ["Shoygu spoke.", "Shoigu left."],
        "Shoigu",
        "tie, y before a consonant is no glide: alphabetical",
    ),
]


@pytest.mark.parametrize(("texts", "canonical", "why"), CANONICAL, ids=[c[2] for c in CANONICAL])
def test_canonical_choice(texts: list[str], canonical: str, why: str) -> None:
    (found,) = suggest(texts, rules=NO_RULES)
    assert found.canonical == canonical
    assert suggest(texts[::-1], rules=NO_RULES) == [found]


KEYS = [
    ("Margarian", "Margaryan", "-ian/-yan"),
    ("Aliev", "Aliyev", "-iev/-iyev"),
    ("Karabagh", "Karabakh", "gh/kh"),
    ("Dzhabrail", "Jabrail", "dzh/j"),
    ("Nagorno Karabakh", "Nagorno-Karabakh", "space/hyphen"),
    ("Lachín", "Lachin", "diacritics"),
    ("Sarkissian", "Sarkisian", "doubled letters"),
    ("Haroutiounian", "Harutiunian", "French ou"),
    ("Alijew", "Alijev", "German w"),
]


@pytest.mark.parametrize(("a", "b", "why"), KEYS, ids=[c[2] for c in KEYS])
def test_transliteration_key(a: str, b: str, why: str) -> None:
    assert transliteration_key(a) == transliteration_key(b)


# --- output -------------------------------------------------------------------------------


@pytest.mark.parametrize("defaults", [False, True], ids=["no-rules", "default-rules"])
def test_stubs_load_and_their_examples_pass(tmp_path: Path, defaults: bool) -> None:
    extra = ["Zelenskyy spoke in Kyiv.", "Aliyeff spoke.", "Yashar spoke.", "Yasar came."]
    corpus = [*SEEDS, *GENDERED_CORPUS, *extra]
    suggestions = suggest(corpus, rules=DEFAULTS if defaults else NO_RULES)
    assert suggestions
    path = tmp_path / "suggested.toml"
    path.write_text(format_text(suggestions), encoding="utf-8")
    # All stubs at once, beside the rules they were made for: no clash of id or variant.
    rules = load_rules([path], defaults=defaults)
    by_id = {rule.id: rule for rule in rules}
    for s in suggestions:
        rule = by_id[s.id]
        assert tomllib.loads(s.toml())["rule"][0]["canonical"] == s.canonical
        (example,) = rule.examples
        assert example.input == s.example and any(v in s.example for v in s.variants)
        assert run_rule_alone(rule, example).text.rstrip("\n") == example.expected
        assert rule.unchanged
        for kept in rule.unchanged:
            assert run_rule_alone(rule, kept).text.rstrip("\n") == kept.input


def test_example_is_a_real_sentence_and_unchanged_holds_the_canonical() -> None:
    found = {s.canonical: s for s in suggest(SEEDS, rules=NO_RULES)}["Margaryan"]
    assert found.example.startswith("Margarian also called")
    assert found.expected.startswith("Margaryan also called")
    assert found.counts == {"Margaryan": 1, "Margarian": 1}
    assert "Mir Margaryan" in found.unchanged[0]
    assert '\n[[rule]]\nid = "names.margaryan"\n' in "\n" + found.toml()


def test_json_form() -> None:
    suggestions = suggest(SEEDS, rules=NO_RULES)
    document = json.loads(format_json(suggestions))
    assert [item["canonical"] for item in document["suggestions"]] == [
        s.canonical for s in suggestions
    ]
    first = document["suggestions"][0]
    assert set(first) == {
        "id",
        "canonical",
        "variants",
        "counts",
        "score",
        "example",
        "unchanged",
        "toml",
    }
    assert first["toml"] == suggestions[0].toml()


def test_text_form_ranks_with_counts() -> None:
    text = format_text(suggest(SEEDS, rules=NO_RULES))
    assert "# 4. Margaryan <- Margarian\n#    counts: Margaryan 1, Margarian 1; score 2.0\n" in text
    assert format_text([]) == "# no alias rules suggested.\n"


@pytest.mark.parametrize(
    ("options", "expected", "why"),
    [
        ({}, 4, "all four on the seeds"),
        ({"limit": 2}, 2, "the best two"),
        ({"min_count": 3}, 3, "Margarian/Margaryan is seen twice in all"),
    ],
)
def test_limit_and_min_count(options: dict, expected: int, why: str) -> None:
    assert len(suggest(SEEDS, rules=NO_RULES, **options)) == expected


def test_same_corpus_in_any_order_gives_the_same_bytes() -> None:
    baseline = suggest(SEEDS, rules=NO_RULES)
    text, data = format_text(baseline), format_json(baseline)
    for order in itertools.islice(itertools.permutations(SEEDS), 0, None, 7):
        again = suggest(list(order), rules=NO_RULES)
        assert format_text(again) == text
        assert format_json(again) == data


def test_a_few_megabytes_take_seconds() -> None:
    rng = random.Random(20201110)
    syllables = ["ka", "ri", "mo", "ta", "ne", "su", "lo", "va", "gi", "de", "po", "ha", "zi"]
    names = [
        "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()
        + rng.choice(["yan", "ov", "ev", "in", "ski", "er", "a"])
        for _ in range(30000)
    ]
    filler = ["the", "army", "said", "on", "that", "day", "a", "long", "war", "in", "the", "city"]
    sentences, size = [], 0
    while size < 3_000_000:
        words = [rng.choice(filler) for _ in range(rng.randint(5, 15))]
        words.insert(rng.randrange(len(words)), rng.choice(names))
        sentences.append(" ".join(words).capitalize() + ".")
        size += len(sentences[-1])
    sentences += ["Margaryan spoke in Yerevan.", "Margarian spoke in Yerevan."] * 3
    start = time.perf_counter()
    found = suggest(
        ["\n".join(sentences[i : i + 500]) for i in range(0, len(sentences), 500)], rules=NO_RULES
    )
    assert time.perf_counter() - start < 30
    assert ("Margaryan", "Margarian") in pairs(found)
