"""Language detection: scripts langdetect lacks, a seeded private factory, und for short text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langdetect import DetectorFactory

from cleaner import Cleaner
from cleaner.steps import language
from cleaner.steps.language import detect

SAMPLES = [
    (
        "Հայաստանի և Ադրբեջանի միջև պատերազմը սկսվեց սեպտեմբերի վերջին, և զոհերի թիվը շատ մեծ է։",
        "hy",
        "Armenian script",
    ),
    (
        "საქართველოს მთავრობამ განაცხადა, რომ ის მზად არის შუამავლობისთვის სომხეთსა და აზერბაიჯანს შორის.",
        "ka",
        "Georgian script",
    ),
    (
        "Azərbaycan Prezidenti İlham Əliyev bu gün xalqa müraciət edib və müharibənin başa çatdığını bildirib.",
        "az",
        "Latin with schwa",
    ),
    (
        "Президент Азербайджана Ильхам Алиев объявил частичную мобилизацию в стране из-за обострения конфликта.",
        "ru",
        "Russian",
    ),
    (
        "El presidente de Azerbaiyán decretó este lunes una movilización parcial en el país por la escalada de tensiones.",
        "es",
        "Spanish",
    ),
    (
        "The President of Azerbaijan decreed this Monday a partial mobilization in the country.",
        "en",
        "English",
    ),
    ("Shortwords", "und", "ten letters"),
    ("", "und", "empty"),
    ("12345 67890 !!! ???", "und", "no letters"),
]


@pytest.mark.parametrize(("text", "code", "why"), SAMPLES, ids=[s[2] for s in SAMPLES])
def test_detect(text: str, code: str, why: str) -> None:
    assert detect(text)[0] == code


def test_manifest_language_is_a_bare_code_with_a_score() -> None:
    result = Cleaner(default_rules=False).clean(
        "这是一个关于纳戈尔诺-卡拉巴赫冲突的中文新闻报道，内容涉及停火协议。"
    )
    assert result.language == "zh"
    assert 0 < result.meta["language_score"] <= 1


def test_detection_is_deterministic_and_leaves_langdetect_globals_alone() -> None:
    text = "Ceci est un texte court mais assez long pour deviner la langue, je pense."
    first = [detect(text) for _ in range(5)]
    assert len(set(first)) == 1
    assert DetectorFactory.seed is None


def test_the_fast_detector_gives_langdetects_probabilities_bit_for_bit(shared) -> None:
    """langdetect-rs is used only because it answers exactly as langdetect does."""
    import json

    from cleaner.steps.language import factory, sample

    texts = [
        p.read_text(errors="replace")
        for p in sorted((shared / "bench" / "scrapinghub" / "raw").glob("*.txt"))
    ]
    root = Path(__file__).resolve().parents[1]
    texts += [
        json.loads(line)["text"]
        for line in (root / "bench" / "names_quality" / "cases.jsonl").open()
    ]
    texts += [
        "\n".join(item["text"] for item in json.loads(line)["lines"])
        for line in (root / "bench" / "furniture" / "pages.jsonl").open()
    ]
    answers = {}
    for implementation in ("langdetect", "langdetect_rs"):
        made = factory(implementation)
        found = []
        for text in texts:
            detector = made.create()
            detector.append(sample(text))
            try:
                found.append([(p.lang, p.prob) for p in detector.get_probabilities()])
            except Exception as exc:  # both raise their LangDetectException on no features
                found.append(type(exc).__name__)
        answers[implementation] = found
    assert len(texts) > 300
    assert answers["langdetect"] == answers["langdetect_rs"]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from("aé Ωж,1\n\t-ʼ漢ŞəÆ"), max_size=60), st.integers(1, 9))
def test_letters_counted_in_slices_equal_one_count(text: str, chunk: int) -> None:
    # Counting over slices (so a 10 MB document never becomes one list of pieces) gives the
    # count over the whole text, wherever the slices fall (here a few characters each).
    whole_letters = len(language.NOT_LETTERS.sub("", text))
    whole_latin = sum(map(len, language.LATIN_RUN.findall(text)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(language, "COUNT_CHUNK", chunk)
        assert language.count_letters(text) == whole_letters
        latin = sum(len(r) for p in language._slices(text) for r in language.LATIN_RUN.findall(p))
        assert latin == whole_latin
        assert language.for_rules(text, "und") == _for_rules_whole(text)


def _for_rules_whole(text: str) -> str:
    # for_rules as it was, counting over the whole text at once.
    letters = len(language.NOT_LETTERS.sub("", text))
    latin = sum(map(len, language.LATIN_RUN.findall(text)))
    return "en" if letters and latin * 2 > letters else "und"
