"""Short lists inside the article stay; the boxes of the same shape around it still go.

Found by a review at the end of session 9 (issue 10, item 4), in the shape real news pages
give them: a short lead-in over a few names or one-word items, between two paragraphs or
ending the article, with or without a sentence closing it. What tells them from a share
bar, a tag box or a teaser box: a paragraph below the items (the article goes on), names
that read as names, and a lead-in that names the article's own content (a word of it in the
paragraphs above), where a box's label names the page ("Topics in this article").
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from tests.test_boilerplate import COUNCIL, COUNCIL2


def _page(*parts: str) -> str:
    return "\n".join(parts) + "\n"


# Between two paragraphs: the items, then the article goes on. (language, page, why)
BETWEEN = [
    (
        "en",
        _page(
            "City approves budget for next year",
            "The city council approved its budget for next year on Monday evening after a "
            "debate that lasted more than six hours, with the opposition voting against it.",
            "The biggest items in the budget",
            "Schools\nRoads\nSocial care\nParks",
            "The budget raises spending on schools and roads, and the mayor said it would keep "
            "local taxes at their current level for another year.",
            "The vote will be repeated next year, when the council meets again in March.",
        ),
        "one-word items under a lead-in naming the article's subject, two paragraphs below",
    ),
    (
        "de",
        _page(
            "Stadtrat beschließt Haushalt für 2025",
            "Der Stadtrat hat am Montagabend nach mehr als sechsstündiger Debatte den Haushalt "
            "für das kommende Jahr beschlossen, die Opposition stimmte dagegen.",
            "Der Bürgermeister sagte, der Newsletter der Stadtwerke habe im Januar Hunderte "
            "Rückmeldungen von Bürgern ausgelöst.",
            "Die Gewinner des Preises",
            "Anna Schmidt\nPaul Becker\nLena Wolf",
            "Die Opposition kündigte an, gegen die Steuerpläne vor der Kommunalwahl im Mai mobil "
            "zu machen.",
            "Der Haushalt muss noch von der Aufsichtsbehörde genehmigt werden, das gilt als "
            "Formsache.",
        ),
        "names under a short lead-in whose nouns are capitalized (German), paragraphs below",
    ),
    (
        "ru",
        _page(
            "Городской совет утвердил бюджет",
            "Городской совет в понедельник вечером утвердил бюджет на следующий год после "
            "дебатов, которые продолжались более шести часов, оппозиция голосовала против.",
            "Мэр сказал, что рассылка городской управы в январе вызвала сотни откликов от "
            "жителей, и поблагодарил всех, кто ответил.",
            "Вот имена победителей",
            "Анна Смирнова\nПавел Беккер\nЕлена Волкова",
            "Оппозиция заявила, что будет добиваться пересмотра налоговых планов до "
            "муниципальных выборов, которые пройдут в мае.",
            "Бюджет ещё должен утвердить надзорный орган, но в администрации это считают "
            "формальностью.",
        ),
        "names under a short lead-in, paragraphs below",
    ),
    (
        "es",
        _page(
            "El ayuntamiento aprueba el presupuesto",
            "El pleno del ayuntamiento aprobó el lunes por la noche el presupuesto para el "
            "próximo año tras un debate de más de seis horas, con el voto en contra de la "
            "oposición.",
            "El alcalde dijo que el boletín municipal había recibido en enero cientos de "
            "respuestas de los vecinos de la ciudad.",
            "Los ganadores del premio",
            "Ana López\nPablo Ruiz\nLucía Martín",
            "La oposición anunció que se movilizará contra los planes fiscales antes de las "
            "elecciones municipales de mayo.",
            "El presupuesto todavía debe ser aprobado por el gobierno regional, lo que se "
            "considera un trámite.",
        ),
        "names under a short lead-in, paragraphs below",
    ),
    (
        "tr",
        _page(
            "Belediye meclisi bütçeyi onayladı",
            "Belediye meclisi pazartesi akşamı altı saati aşan bir tartışmanın ardından gelecek "
            "yılın bütçesini onayladı ve muhalefet buna karşı oy kullandı.",
            "Belediye başkanı, ocak ayında yayımlanan bültenin yüzlerce vatandaştan geri dönüş "
            "aldığını ve bunun için herkese teşekkür ettiğini söyledi.",
            "Bu yılın kazananları",
            "Ayşe Yılmaz\nMehmet Demir\nElif Kaya",
            "Muhalefet, mayıs ayındaki yerel seçimlerden önce vergi planlarına karşı bir kampanya "
            "başlatacağını ve bunu her yerde anlatacağını açıkladı.",
            "Bütçenin yine de valilik tarafından onaylanması gerekiyor, ancak bu bir formalite "
            "olarak görülüyor ve kimse bunu sorun etmiyor.",
        ),
        "names under a short lead-in, paragraphs below",
    ),
    (
        "fr",
        _page(
            "Le conseil municipal adopte le budget",
            "Le conseil municipal a adopté lundi soir le budget de l'année prochaine après un "
            "débat de plus de six heures, l'opposition ayant voté contre.",
            "Le maire a indiqué que la lettre d'information de la ville avait suscité en janvier "
            "des centaines de réponses de la part des habitants.",
            "Les gagnants du concours",
            "Claire Martin\nPaul Girard\nLéa Fontaine",
            "L'opposition a annoncé qu'elle se mobiliserait contre les projets fiscaux avant les "
            "élections municipales du mois de mai.",
            "Le budget doit encore être approuvé par la préfecture, ce qui est considéré comme "
            "une simple formalité.",
        ),
        "names under a short lead-in, paragraphs below",
    ),
]


@pytest.mark.parametrize(("language", "text", "why"), BETWEEN, ids=[c[0] for c in BETWEEN])
def test_short_lists_between_paragraphs_stay(
    cleaner: Cleaner, language: str, text: str, why: str
) -> None:
    result = cleaner.clean(text)
    assert result.language == language, result.language
    assert result.text == text, why


# Inside a longer article, the span holds the list from the start: boilerplate.link-list
# judged it alone, and took the lead-in (its nouns capitalized) for a title-case label.
HAUSHALT = [
    "Der Stadtrat hat am Montagabend nach mehr als sechsstündiger Debatte den Haushalt für das "
    "kommende Jahr beschlossen, die Opposition stimmte dagegen.",
    "Die Debatte war von scharfen Wortwechseln zwischen dem Bürgermeister und der Opposition "
    "geprägt, die den Plan als Spiel mit dem Geld der Stadt bezeichnete.",
    "Der Bürgermeister sagte, der Newsletter der Stadtwerke habe im Januar Hunderte "
    "Rückmeldungen von Bürgern ausgelöst, und dankte allen dafür.",
    "Die Opposition kündigte an, gegen die Steuerpläne vor der Kommunalwahl im Mai mobil zu "
    "machen, und sammelt bereits Unterschriften dafür.",
    "Mehrere Bürger, die an der Sitzung teilnahmen, sagten, sie seien über die Kosten der neuen "
    "Straßenbahnlinie besorgt, die nicht Teil dieses Haushalts ist.",
    "Der Haushalt muss noch von der Aufsichtsbehörde genehmigt werden, das gilt aber in der "
    "Verwaltung der Stadt als reine Formsache.",
]


def test_a_short_list_inside_a_long_article_stays(cleaner: Cleaner) -> None:
    text = _page(
        "Stadtrat beschließt Haushalt",
        *HAUSHALT[:3],
        "Die Gewinner des Preises",
        "Anna Schmidt\nPaul Becker\nLena Wolf",
        *HAUSHALT[3:],
    )
    assert cleaner.clean(text).text == text


# Ending the article: a prize's winners under a short lead-in naming them, with a sentence
# closing the list or with nothing below it. (language, article, lead-in, names, closing)
AT_THE_END = [
    (
        "en",
        _page(
            "City names winners of its annual poetry prize",
            "The city's cultural committee announced on Thursday the winners of this year's "
            "poetry prize, which drew more than four hundred entries from across the region.",
            "The jury, chaired by the novelist Maria Keller, praised the quality of the entries "
            "and said the decision had been unusually difficult this year.",
        ),
        "This year's winners",
        "Ana Lopez\nJohn Smith\nMei Chen",
        "Congratulations to all of them.",
    ),
    (
        "de",
        _page(
            "Stadt gibt Gewinner ihres Lyrikpreises bekannt",
            "Der Kulturausschuss der Stadt hat am Donnerstag die Gewinner des diesjährigen "
            "Lyrikpreises bekannt gegeben, für den mehr als vierhundert Texte aus der ganzen "
            "Region eingereicht wurden.",
            "Die Jury unter Vorsitz der Schriftstellerin Maria Keller lobte die Qualität der "
            "Texte und sagte, die Entscheidung sei in diesem Jahr besonders schwer gefallen.",
        ),
        "Die Gewinner des Preises",
        "Anna Schmidt\nPaul Becker\nLena Wolf",
        "Herzlichen Glückwunsch an alle.",
    ),
    (
        "ru",
        _page(
            "Город назвал победителей поэтического конкурса",
            "Комитет по культуре в четверг объявил победителей ежегодного поэтического "
            "конкурса, на который поступило более четырёхсот работ со всей области.",
            "Жюри под председательством писательницы Марии Келлер высоко оценило качество "
            "работ и отметило, что в этом году выбор был особенно трудным.",
        ),
        "Вот имена победителей",
        "Анна Смирнова\nПавел Беккер\nЕлена Волкова",
        "Поздравляем всех победителей.",
    ),
    (
        "es",
        _page(
            "La ciudad anuncia los ganadores de su premio de poesía",
            "La comisión de cultura de la ciudad anunció el jueves los ganadores del premio de "
            "poesía de este año, al que se presentaron más de cuatrocientas obras de toda la "
            "región.",
            "El jurado, presidido por la novelista María Keller, elogió la calidad de las obras "
            "y dijo que la decisión había sido especialmente difícil este año.",
        ),
        "Los ganadores de este año",
        "Ana López\nPablo Ruiz\nLucía Martín",
        "Enhorabuena a todos ellos.",
    ),
    (
        "tr",
        _page(
            "Şiir ödülünün kazananları açıklandı",
            "Belediyenin kültür komisyonu perşembe günü, bölgenin her yerinden dört yüzden fazla "
            "eserin katıldığı bu yılki şiir ödülünün kazananlarını açıkladı.",
            "Romancı Maria Keller başkanlığındaki jüri eserlerin kalitesini övdü ve bu yıl karar "
            "vermenin her zamankinden çok daha zor olduğunu söyledi.",
        ),
        "Bu yılın kazananları",
        "Ayşe Yılmaz\nMehmet Demir\nElif Kaya",
        "Hepsini tebrik ediyoruz.",
    ),
]


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "open"])
@pytest.mark.parametrize(
    ("language", "article", "lead_in", "names", "closing"),
    AT_THE_END,
    ids=[c[0] for c in AT_THE_END],
)
def test_short_lists_of_names_ending_the_article_stay(
    cleaner: Cleaner,
    language: str,
    article: str,
    lead_in: str,
    names: str,
    closing: str,
    closed: bool,
) -> None:
    text = _page(article.rstrip("\n"), lead_in, names, *([closing] if closed else []))
    result = cleaner.clean(text)
    assert result.language == language, result.language
    assert result.text == text



# The same places, boxes that must still go: their labels name the page, not its subject
# (the label itself stays on main too: a line of four words or more that no rule names).
# (language, page, lines gone, why)
BOXES = [
    (
        "en",
        f"Council approves budget\n{COUNCIL}\n{COUNCIL2}\nTopics in this article\nCity Council\n"
        "Local Budget\nTown Hall\n",
        ["City Council", "Local Budget", "Town Hall"],
        "a tag box of names ending the page, under a label naming the page",
    ),
    (
        "en",
        f"Council approves budget\n{COUNCIL}\nShare this story with your friends\nFacebook\n"
        f"Twitter\nEmail\nPrint\n{COUNCIL2}",
        ["Facebook", "Twitter", "Email", "Print"],
        "a share bar of one word an item between two paragraphs",
    ),
    (
        "en",
        f"Council approves budget\n{COUNCIL}\n{COUNCIL2}\nMore stories you might like to read\n"
        "Ana Lopez Wins Award\nJohn Smith Joins Board\nMei Chen Named Chair\n",
        ["Ana Lopez Wins Award", "Mei Chen Named Chair"],
        "name-like teaser headlines ending the page",
    ),
    (
        "de",
        "Stadtrat beschließt Haushalt\nDer Stadtrat hat am Montagabend nach mehr als "
        "sechsstündiger Debatte den Haushalt für das kommende Jahr beschlossen, die Opposition "
        "stimmte dagegen.\nDer Haushalt muss noch von der Aufsichtsbehörde genehmigt werden, das "
        "gilt als Formsache.\nThemen in diesem Artikel\nStadtrat Köln\nKommunalpolitik\n"
        "Haushaltsplan\n",
        ["Stadtrat Köln", "Kommunalpolitik", "Haushaltsplan"],
        "a tag box ending the page, German",
    ),
    (
        "de",
        f"Stadtrat beschließt Haushalt\n{HAUSHALT[0]}\n{HAUSHALT[1]}\nWeitere Artikel zum Thema\n"
        f"Neue Brücke eröffnet\nStadtwerke erhöhen Preise\nFeuerwehr rettet Katze\n{HAUSHALT[5]}",
        ["Stadtwerke erhöhen Preise", "Feuerwehr rettet Katze"],
        "short teaser headlines under a German label between paragraphs: a verb in lower case "
        "is no name's (the first headline stays, as on main)",
    ),
]


@pytest.mark.parametrize(
    ("language", "text", "gone", "why"), BOXES, ids=[f"{c[0]}-{c[2][0]}" for c in BOXES]
)
def test_boxes_of_the_same_shape_still_go(
    cleaner: Cleaner, language: str, text: str, gone: list[str], why: str
) -> None:
    result = cleaner.clean(text)
    assert result.language == language, result.language
    kept = result.text.splitlines()
    assert not [line for line in gone if line in kept], why


# Known limit a look over the review inputs found after the merge (session 10): German items
# whose words are all capitalized nouns read as proper names, so a "more news from" box closed
# by a short sentence stays (main before this round removed it).
@pytest.mark.xfail(
    strict=True,
    reason="known limit (issue 10): German teaser items read as names under 'Mehr Nachrichten aus'",
)
def test_a_german_more_news_box_goes_known_limit(cleaner: Cleaner) -> None:
    text = (
        "Stadtrat beschließt Haushalt für 2025\n"
        "Der Stadtrat hat am Montagabend nach mehr als sechsstündiger Debatte den Haushalt für "
        "das kommende Jahr beschlossen, die Opposition stimmte dagegen.\n"
        "Der Bürgermeister sagte, der Newsletter der Stadtwerke habe im Januar Hunderte "
        "Rückmeldungen von Bürgern ausgelöst.\n"
        "Mehr Nachrichten aus Trier\nHauptbahnhof Trier Umbau\nPorta Nigra Sanierung\n"
        "Moselufer Radweg Eröffnung\nDanke fürs Lesen.\n"
    )
    kept = cleaner.clean(text).text.splitlines()
    assert "Porta Nigra Sanierung" not in kept
