"""Names: people, protected spans, English words and layout (input, expected, why).

The shipped rules are English-press spellings for documents about the conflict; these rows
run them as a user would (``Cleaner()``), plus a small user rule where a row needs one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner

CLEANER = Cleaner()

SHIPPED = [
    # layout
    (
        "AZERBAIJAN'S PRESIDENT ALIEV ADDRESSED THE NATION ON THE WAR IN KARABAKH TONIGHT.",
        "AZERBAIJAN'S PRESIDENT ALIYEV ADDRESSED THE NATION ON THE WAR IN KARABAKH TONIGHT.",
        "capitals are matched and kept",
    ),
    (
        "Fighting in Nagorno\u2011Karabakh and Nagorno - Karabakh went on, Armenia said.",
        "Fighting in Nagorno-Karabakh and Nagorno-Karabakh went on, Armenia said.",
        "any hyphen or dash run between the parts of a name",
    ),
    (
        "Both Armenia and Nagorny\nKarabakh declared martial law on Sunday.",
        "Both Armenia and Nagorno\nKarabakh declared martial law on Sunday.",
        "a name broken by a hard wrap is fixed in place, the lines never joined",
    ),
    (
        "The Alievs have ruled Azerbaijan since 1993.",
        "The Aliyevs have ruled Azerbaijan since 1993.",
        "a plural follows its singular",
    ),
    (
        "Prime Minister Robert Kocharian, Vazgen Sarkisian and Serzh Sarkisian defied him. "
        "Kocharian and the Sarkisians prevailed in Armenia.",
        "Prime Minister Robert Kocharyan, Vazgen Sargsyan and Serzh Sargsyan defied him. "
        "Kocharyan and the Sargsyans prevailed in Armenia.",
        "a plural follows the people of its singular when they were all changed alike",
    ),
    (
        "Dmitri Aliev met Ilham Aliev in Baku. The Alievs talked about skating.",
        "Dmitri Aliev met Ilham Aliyev in Baku. The Alievs talked about skating.",
        "a plural of two people treated differently stays",
    ),
    (
        "As Azerbaijani troops moved into Ağdam, Armenians left Füzuli and Kalbacar.",
        "As Azerbaijani troops moved into Aghdam, Armenians left Fuzuli and Kalbajar.",
        "Azerbaijani-alphabet and Turkish town spellings in English prose",
    ),
    (
        "In addition to Aghdam (Ağdam), Armenians must leave Kalbajar District (Kəlbəcər "
        "rayonu) and Ağdam (Aghdam) itself, Azerbaijan said.",
        None,
        "a bracketed gloss of the English form, or by it, stays",
    ),
    # people
    (
        "Dmitri Aliev of Russia won in Graz, ahead of Azerbaijan's Vladimir Litvintsev. "
        "Aliev led after the short program.",
        None,
        "a bare surname follows the person named before it (the skater, an exception)",
    ),
    (
        "Aliev spoke first. Dmitri Aliev, the skater, and Ilham Aliev of Azerbaijan met.",
        "Aliev spoke first. Dmitri Aliev, the skater, and Ilham Aliyev of Azerbaijan met.",
        "two people of that name: a bare surname before both full names is ambiguous",
    ),
    (
        "Dmitri Aliev met Ilham Aliev in Baku. Later Aliev thanked the skater.",
        "Dmitri Aliev met Ilham Aliyev in Baku. Later Aliyev thanked the skater.",
        "the nearest full name decides",
    ),
    # quotations, titles, citations
    (
        'The decree "On the Nagorny Karabakh Autonomous Oblast" was signed in Baku in 1923.',
        None,
        "a short quotation is a title or a brand: as written",
    ),
    (
        '"Nagorny Karabakh is ours," the president of Azerbaijan said.',
        '"Nagorno-Karabakh is ours," the president of Azerbaijan said.',
        "a quotation that ends like speech is cleaned",
    ),
    (
        "Walker, C. J. (ed.), Armenia and Karabagh: The Struggle for Unity. London: Minority "
        "Rights Publications, 1991.",
        None,
        "a reference entry keeps its title",
    ),
    (
        "Further reading: Armenia and Karabakh\n\n"
        "Walker, C. J. (ed.), Armenia and Karabagh. London: Minority Rights Publications, 1991."
        "\n\nWalker's book focuses on the territory of Mountainous (Nagorno) Karabagh.",
        None,
        "a reference section, from its heading down, keeps titles and the notes on them",
    ),
    (
        "Sources said Aliev would visit Karabagh soon, Azerbaijan's media reported.",
        "Sources said Aliyev would visit Karabakh soon, Azerbaijan's media reported.",
        "a sentence that starts with a heading word is no heading",
    ),
    # English words used as variants
    (
        "Artesian wells will be drilled in five districts of Azerbaijan, the ministry said.",
        None,
        "an English word at the start of a sentence",
    ),
    (
        "Artesian Water For Villages Near Baku",
        None,
        "a title-case headline",
    ),
    (
        "Armenia said on Monday that the Artesian authorities had agreed to the truce.",
        "Armenia said on Monday that the Artsakh authorities had agreed to the truce.",
        "mid-sentence, it reads as a name",
    ),
    (
        "Artesian forces said they had shot down a drone over Stepanakert, Armenia reported.",
        "Artsakh forces said they had shot down a drone over Stepanakert, Armenia reported.",
        "at a sentence start, what follows makes it a name (name_words)",
    ),
]


@pytest.mark.parametrize(("text", "expected", "why"), SHIPPED, ids=[row[2] for row in SHIPPED])
def test_shipped_name_rules(text: str, expected: str | None, why: str) -> None:
    result = CLEANER.clean(text)
    names = [c for c in result.changes if c.rule.startswith("names.")]
    if expected is None:
        assert names == [], why
    else:
        assert result.text.rstrip("\n") == expected.rstrip("\n"), why


def test_a_full_name_variant_carries_to_the_bare_surname(tmp_path: Path) -> None:
    rules = tmp_path / "people.toml"
    rules.write_text(
        '[[rule]]\nid = "mine.vardanyan"\ndescription = "Ruben Vardanyan."\nkind = "alias"\n'
        'canonical = "Ruben Vardanyan"\nvariants = ["Rubin Vardanian"]\n'
        'examples = [{ input = "Rubin Vardanian spoke.", expected = "Ruben Vardanyan spoke." }]\n'
    )
    cleaner = Cleaner(rules=rules, default_rules=False)
    text = "Rubin Vardanian arrived in Stepanakert. Vardanian said the blockade must end."
    assert cleaner.clean(text).text == (
        "Ruben Vardanyan arrived in Stepanakert. Vardanyan said the blockade must end.\n"
    )
    # No full name before it: a bare surname is left to the rules, which do not list it.
    assert cleaner.clean("Vardanian said so.").text == "Vardanian said so.\n"
