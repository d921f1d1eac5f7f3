"""Never harm what is right in other languages: scope of rules, quotes, spacing and width.

Paragraphs adapted from real press pages (French, German, Russian, Chinese, Japanese); each
row says why the text must come out as it does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.rules import RuleError, load_rules
from cleaner.steps.language import detect, for_rules

CLEANER = Cleaner()

FR = (
    "Le président azerbaïdjanais Ilham Aliev a déclaré\u00a0: «\u00a0Nous ne reculerons "
    "pas\u00a0», selon l'agence officielle. Le Premier ministre arménien Nikol Pachinian a "
    "appelé à un cessez-le-feu au Haut-Karabakh\u202f!"
)
DE = (
    "Der aserbaidschanische Präsident Ilham Alijew sagte: „Wir werden nicht zurückweichen.“ "
    "Der armenische Regierungschef Nikol Paschinjan rief in Bergkarabach zu einer Waffenruhe "
    "auf. »Die Lage ist ernst«, hieß es aus Eriwan."
)
RU = (
    "Президент Азербайджана Ильхам Алиев заявил: «Мы не отступим». Премьер-министр Армении "
    "Никол Пашинян призвал к прекращению огня в Нагорном Карабахе. „Ситуация тяжелая“, "
    "сообщили в Ереване."
)
ZH = "外交部发言人表示，双方应通过对话解决分歧：“我们呼吁各方保持克制～”会议于周一结束。"
JA = "政府は２０２０年１１月１０日、停戦合意を発表した。「歓迎する」と外相は述べた！"


@pytest.mark.parametrize(
    ("text", "language", "why"),
    [
        (FR, "fr", "French « » with no-break spaces, French spellings (Aliev, Pachinian)"),
        (DE, "de", "German „…“ and »…«, German spellings (Alijew, Paschinjan, Bergkarabach)"),
        (RU, "ru", "Russian «…» and „…“, Cyrillic"),
        (ZH, "zh", "fullwidth ，：～ are Chinese punctuation"),
        (JA, "ja", "fullwidth digits and 「」！ are Japanese typography"),
    ],
    ids=["fr", "de", "ru", "zh", "ja"],
)
def test_other_languages_come_out_as_written(text: str, language: str, why: str) -> None:
    result = CLEANER.clean(text)
    assert result.language == language
    assert result.text == text + "\n", why
    assert [c.rule for c in result.changes] == ["tidy.final-newline"], why


def test_english_behaviour_is_unchanged() -> None:
    text = "Ilham Aliev of Azerbaijan said « no » , twice ; Nagorno Karabakh ."
    assert CLEANER.clean(text).text == 'Ilham Aliyev of Azerbaijan said "no", twice; Nagorno-Karabakh.\n'


@pytest.mark.parametrize(
    ("text", "expected", "why"),
    [
        (
            "Il a dit «Nous gagnerons!» et rien de plus; vraiment? La guerre au Haut-Karabakh a "
            "fait des milliers de morts selon les autorités.",
            "Il a dit «\u202fNous gagnerons\u202f!\u202f» et rien de plus\u202f; vraiment\u202f? La "
            "guerre au Haut-Karabakh a fait des milliers de morts selon les autorités.\n",
            "a thin no-break space where French typography wants one and the text has none",
        ),
        (
            "Selon le ministère, le bilan est lourd\u00a0: douze morts. Les combats ont repris "
            "dimanche matin dans plusieurs districts.",
            "Selon le ministère, le bilan est lourd\u00a0: douze morts. Les combats ont repris "
            "dimanche matin dans plusieurs districts.\n",
            "a no-break space before a colon stays",
        ),
    ],
)
def test_french_spacing(text: str, expected: str, why: str) -> None:
    result = CLEANER.clean(text)
    assert result.text == expected, why
    assert CLEANER.clean(result.text).text == result.text


def test_forced_styles_still_apply_to_every_language() -> None:
    assert Cleaner(quotes="straight").clean(DE).text.count('"') == 4
    assert "“" in Cleaner(quotes="curly").clean(FR).text


def test_fullwidth_latin_in_latin_text_is_folded() -> None:
    assert CLEANER.clean("Ｈｅｌｌｏ ｗｏｒｌｄ， it is １２ o'clock.").text == (
        "Hello world, it is 12 o'clock.\n"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The city of Ganja (Gəncə in Azerbaijani) was shelled on Sunday, officials in Baku "
            "told reporters. The ministry said that several residential buildings had been hit "
            "and that rescue teams were searching the rubble for survivors late into the night.",
            "en",
        ),
        ("Azərbaycan Respublikasının Prezidenti İlham Əliyev bu gün Gəncə şəhərinə səfər edib.", "az"),
    ],
    ids=["english-quoting-azerbaijani", "azerbaijani"],
)
def test_azerbaijani_by_share_not_by_one_letter(text: str, expected: str) -> None:
    assert detect(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "language", "score", "expected"),
    [
        ("Nagorno Karabakh.", "und", 0.0, "en"),
        ("Карабах.", "und", 0.0, "und"),
        ("Heydar Aliev ruled Azerbaijan until 2003.", "tr", 0.43, "en"),
        ("Le président Aliev a parlé.", "fr", 1.0, "fr"),
    ],
)
def test_the_language_rules_see(text: str, language: str, score: float, expected: str) -> None:
    assert for_rules(text, language, score) == expected


def test_a_rule_file_declares_its_languages_once(tmp_path: Path) -> None:
    path = tmp_path / "fr.toml"
    path.write_text(
        '[defaults]\nlanguages = ["fr"]\n\n[[rule]]\nid = "fr.pachinian"\ndescription = "d"\n'
        'kind = "alias"\ncanonical = "Pachinian"\nvariants = ["Pashinian"]\n'
        'examples = [{ input = "Le Premier ministre Pashinian a parlé.", expected = '
        '"Le Premier ministre Pachinian a parlé." }]\n'
        'unchanged = [{ input = "Prime Minister Pashinian spoke.", language = "en" }]\n'
    )
    (rule,) = load_rules([path], defaults=False)
    assert rule.when.languages == ("fr",)
    path.write_text(path.read_text().replace("languages", "langauges"))
    with pytest.raises(RuleError, match="did you mean 'languages'"):
        load_rules([path], defaults=False)
