"""Behaviour table for quote pairing, spacing repair, strays and the two styles."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

STRAIGHT = Cleaner()
CURLY = Cleaner(quotes="curly")

CASES = [
    ("to anyone, “Aliyev told them.", None, "unpairable, nothing apart: left in place"),
    (
        "«We are here. We will not give ours to anyone, “Aliyev told the country’s leadership.",
        '"We are here. We will not give ours to anyone," Aliyev told the country\'s leadership.',
        "closer moved past the space",
    ),
    (
        "restoration of” historical justice “and the rest",
        'restoration of "historical justice" and the rest',
        "flipped pair",
    ),
    ("« empty, silent »", '"empty, silent"', "guillemets with French spacing"),
    ("He said: “to win.”", 'He said: "to win."', "already right"),
    ('We communicate. "', "We communicate.", "unpaired mark at the paragraph's edge"),
    ('a " b "c" d', 'a b "c" d', "the stray is the one standing apart"),
    ("killed’ and 90 wounded", "killed and 90 wounded", "stray closing apostrophe"),
    ("the soldiers’ families", "the soldiers' families", "plural possessive in s"),
    ("Sánchez’ party", "Sánchez' party", "possessive in z"),
    (
        "the so-called ‘second Armenian state’",
        "the so-called 'second Armenian state'",
        "single quotation",
    ),
    ("rock ’n’ roll in the ’90s", "rock 'n' roll in the '90s", "elisions"),
    ("don’t", "don't", "apostrophe inside a word"),
    ('"First paragraph of a long quote.\n\n"Second and last."', None, "continued quotation kept"),
    ("I got an A- on the test.", None, "no quotes at all"),
    ('He said "yes"', None, "straight and right"),
]

CURLY_CASES = [
    (
        "He said \"yes\" and 'no' to the country's plan.",
        "He said “yes” and ‘no’ to the country’s plan.",
        "directed by pairing",
    ),
    (
        "retreating, ”said the ministry “today",
        "retreating, “said the ministry” today",
        "two marks pair in order",
    ),
    (
        "retreating, ”said the ministry",
        "retreating, “said the ministry",
        "one mark, nothing apart: directed by position",
    ),
    ("rock 'n' roll in the '90s", "rock ’n’ roll in the ’90s", "elisions get apostrophes"),
]


@pytest.mark.parametrize(("text", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_straight(text: str, expected: str | None, why: str) -> None:
    out = STRAIGHT.clean(text).text.rstrip("\n")
    assert out == (
        text.replace("“", '"').replace("”", '"').replace("’", "'") if expected is None else expected
    )


@pytest.mark.parametrize(("text", "expected", "why"), CURLY_CASES, ids=[c[2] for c in CURLY_CASES])
def test_curly(text: str, expected: str, why: str) -> None:
    assert CURLY.clean(text).text.rstrip("\n") == expected


def test_one_paragraph_per_line_documents_pair_per_line() -> None:
    text = "He said “yes.\nShe said “no” today.\nThey said “maybe.”\n"
    # Line 1 cannot be paired; pairing across lines would have made a mess of lines 2-3.
    assert STRAIGHT.clean(text).text == 'He said "yes.\nShe said "no" today.\nThey said "maybe."\n'


def test_removed_marks_are_logged() -> None:
    changes = STRAIGHT.clean('We communicate. "').changes
    assert [(c.rule, c.action, c.note) for c in changes if c.action == "remove"] == [
        ("quotes.pairing", "remove", "unpaired quote mark")
    ]


# An empty quotation: the opener takes the blank inside it, and the closer's edit starts where
# the opener's ends (never before it), so both are made in the first pass, before tidy's.
EMPTY_QUOTATIONS = [
    (
        'He said " " and left.',
        [("quotes.pairing", '" ', "“"), ("quotes.pairing", '"', "”")],
        "a blank between the marks goes with the opener",
    ),
    (
        'Say "  " then "ok" and " ".',
        [
            ("quotes.pairing", '"  ', "“"),
            ("quotes.pairing", '"', "”"),
            ("quotes.pairing", '"', "“"),
            ("quotes.pairing", '"', "”"),
            ("quotes.pairing", '" ', "“"),
            ("quotes.pairing", '"', "”"),
        ],
        "two empty quotations around a full one",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected", "why"), EMPTY_QUOTATIONS, ids=[c[2] for c in EMPTY_QUOTATIONS]
)
def test_empty_quotations_are_paired_in_one_pass(
    text: str, expected: list[tuple[str, str, str]], why: str
) -> None:
    changes = CURLY.clean(text).changes
    assert [(c.rule, c.before, c.after) for c in changes] == [
        *expected,
        ("tidy.final-newline", "", "\n"),
    ]


# Other languages in ``auto``: their own marks, repaired in their own convention where that is
# unambiguous; never English quotes. Paragraphs adapted from French (AFP via Le Monde), German
# (dpa via Der Spiegel) and Russian (TASS) reports on the 2020 war.
AUTO = Cleaner()
NATIVE = [
    (
        "Le président azerbaïdjanais a affirmé que « le Karabakh est l'Azerbaïdjan » lors "
        "d'une allocution télévisée, dimanche soir, à Bakou.",
        "Le président azerbaïdjanais a affirmé que «\u202fle Karabakh est l'Azerbaïdjan\u202f» "
        "lors d'une allocution télévisée, dimanche soir, à Bakou.",
        "fr: guillemets kept, a thin no-break space inside them",
    ),
    (
        "Le président azerbaïdjanais a affirmé que «\u00a0le Karabakh est l'Azerbaïdjan\u00a0» "
        "lors d'une allocution télévisée, dimanche soir, à Bakou.",
        None,
        "fr: no-break spaces inside guillemets stay as written",
    ),
    (
        "Le président azerbaïdjanais a affirmé que »le Karabakh est l'Azerbaïdjan« lors "
        "d'une allocution télévisée, dimanche soir, à Bakou.",
        "Le président azerbaïdjanais a affirmé que «\u202fle Karabakh est l'Azerbaïdjan\u202f» "
        "lors d'une allocution télévisée, dimanche soir, à Bakou.",
        "fr: guillemets written backwards are turned round (» only closes in French)",
    ),
    (
        "Der aserbaidschanische Präsident sagte, „Karabach ist Aserbaidschan“, und die "
        "armenische Regierung sprach von einer „Kriegserklärung“ an das eigene Volk.",
        None,
        "de: „…“ stays as written",
    ),
    (
        "Der aserbaidschanische Präsident sagte, “ Karabach ist Aserbaidschan „, und die "
        "armenische Regierung sprach von einer Kriegserklärung an das eigene Volk.",
        "Der aserbaidschanische Präsident sagte, „Karabach ist Aserbaidschan“, und die "
        "armenische Regierung sprach von einer Kriegserklärung an das eigene Volk.",
        "de: a pair flipped by translation is turned round and hugs its words",
    ),
    (
        "Der armenische Regierungschef nannte das Abkommen »unsagbar schmerzhaft«, während "
        "in Eriwan Tausende Demonstranten das Parlamentsgebäude stürmten.",
        None,
        "de: »…« (book style) stays",
    ),
    (
        "Der armenische Regierungschef nannte das Abkommen «unsagbar schmerzhaft», während "
        "in Eriwan Tausende Demonstranten das Parlamentsgebäude stürmten.",
        None,
        "de: Swiss «…» stays",
    ),
    (
        'Der armenische Regierungschef nannte das Abkommen "unsagbar schmerzhaft", während '
        "in Eriwan Tausende Demonstranten das Parlamentsgebäude stürmten.",
        None,
        "de: straight marks are not turned into German (or English) ones",
    ),
    (
        "Der armenische Regierungschef nannte das Abkommen „unsagbar schmerzhaft“, während "
        "in Eriwan Tausende Demonstranten das Parlamentsgebäude stürmten. „",
        "Der armenische Regierungschef nannte das Abkommen „unsagbar schmerzhaft“, während "
        "in Eriwan Tausende Demonstranten das Parlamentsgebäude stürmten.",
        "de: the one odd mark standing apart is a stray",
    ),
    (
        "Der Regierungschef nannte das Abkommen „unsagbar schmerzhaft, während in Eriwan "
        "Tausende Demonstranten das „Parlamentsgebäude stürmten.",
        None,
        "de: two openers cannot pair: left as written",
    ),
    (
        "Президент Азербайджана заявил: «Карабах — это Азербайджан», а премьер-министр "
        "Армении назвал соглашение „невыразимо болезненным“ для своего народа.",
        None,
        "ru: «…» and „…“ stay",
    ),
    (
        "Президент Азербайджана заявил: « Карабах — это Азербайджан », а премьер-министр "
        "Армении назвал соглашение болезненным для своего народа и страны.",
        "Президент Азербайджана заявил: «Карабах — это Азербайджан», а премьер-министр "
        "Армении назвал соглашение болезненным для своего народа и страны.",
        "ru: spaces inside «…» go (Russian sets them tight)",
    ),
    (
        "Президент Азербайджана заявил: »Карабах — это Азербайджан«, а премьер-министр "
        "Армении назвал соглашение болезненным для своего народа и страны.",
        "Президент Азербайджана заявил: «Карабах — это Азербайджан», а премьер-министр "
        "Армении назвал соглашение болезненным для своего народа и страны.",
        "ru: guillemets written backwards are turned round",
    ),
]


@pytest.mark.parametrize(("text", "expected", "why"), NATIVE, ids=[c[2] for c in NATIVE])
def test_other_languages_keep_their_marks(text: str, expected: str | None, why: str) -> None:
    result = AUTO.clean(text)
    assert result.language != "en"
    assert result.text == (text if expected is None else expected) + "\n", why
    assert AUTO.clean(result.text).text == result.text


KEEP = Cleaner(quotes="keep")
KEEP_CASES = [
    ("He said “ yes ” and left.", "He said “yes” and left.", "spaces inside a pair go"),
    ("He said ”yes“ and left.", "He said “yes” and left.", "a backwards pair is turned round"),
    (
        "Der Minister sagte “wir verhandeln weiter„ und reiste am Abend nach Moskau ab.",
        "Der Minister sagte „wir verhandeln weiter“ und reiste am Abend nach Moskau ab.",
        "in German too, in its own marks",
    ),
    ('He said "yes" and left.', None, "straight marks stay straight"),
    ('We communicate. "', None, "a stray is not removed"),
    ("They were « empty, silent », he said.", "They were «empty, silent», he said.", "guillemets"),
    ("the soldiers’ families and the ’90s", None, "single marks as written"),
]


@pytest.mark.parametrize(("text", "expected", "why"), KEEP_CASES, ids=[c[2] for c in KEEP_CASES])
def test_keep_restyles_and_removes_no_mark(text: str, expected: str | None, why: str) -> None:
    out = KEEP.clean(text).text
    assert out == (text if expected is None else expected) + "\n", why
    marks = "\"'“”‘’«»„"
    assert sorted(c for c in out if c in marks) == sorted(c for c in text if c in marks)
    assert KEEP.clean(out).text == out


def test_keep_in_french_still_spaces_guillemets() -> None:
    text = NATIVE[0][0]
    assert KEEP.clean(text).text == NATIVE[0][1] + "\n"


def test_pairing_in_a_long_german_paragraph() -> None:
    """Every pair of a long paragraph is repaired alike (its time: bench/pathological.py)."""
    unit = "Er sagte „ja“ und „nein“ und “vielleicht„ dazu. "
    fixed = "Er sagte „ja“ und „nein“ und „vielleicht“ dazu. "
    assert AUTO.clean(unit * 2_000).text == (fixed * 2_000).rstrip() + "\n"
