"""The thresholds of the article span and boilerplate steps are rule data: a user rule file
that changes one changes what is cleaned, and a bad value is refused naming the file, the rule
and the key."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.rules import RuleError, default_rule_files, load_rules
from tests.conftest import BODY, BODY2, run_cli

VILLAGES = "The villages named by the ministry were\nTalysh\nSugovushan\nHadrut\nJabrayil\nFuzuli"
ROUTES = (
    "The four routes that the council has planned for the first phase are\nCity Centre to North "
    "Station\nOld Town to the University\nHarbour to South Park\nAirport to the Exhibition Centre"
)
# Items of three words (more than link_words): only a lead-in of lead_in_words announces them.
TRIPLES = (
    "The three villages on each route planned for the first phase are\nTalysh Sugovushan "
    "Hadrut\nJabrayil Fuzuli Zangilan\nGubadli Lachin Kalbajar\nAghdam Shusha Khojavend"
)
NUMBERED = "Ceasefire talks resume 2019 in Moscow 2020"
JA_HEADLINE = "東京で新しい公園が開園"
JA_BODY = (
    "知事は記者会見で、来月から新たな情報提供サービスを開始すると発表し、都民の利便性が大きく向上すると述べました。\n"
    "このサービスは、都の公文書についてインターネット経由で電子データを提供するもので、手数料は無料となります。"
)
BODY3 = (
    "Both sides said the meeting in Moscow was the first step towards a lasting settlement "
    "of the conflict, and that the talks would go on in the spring."
)
VERSE = (
    "And We Will Walk The Long Road Home\nWhere The River Runs Down To The Sea\n"
    "And The Night Is Long And Very Cold\nAnd We Will Not Come Back Here Again"
)
# Long lines that are no body block (no function words): a list's lead-in, a title.
LONG_COLON = (
    "Delegations, observers, co-chairs, ministers, envoys, experts, aides, interpreters, "
    "journalists, guards, drivers, cooks, doctors, lawyers, clerks:"
)
WINNERS = "The winners were\nAna Lopez\nJohn Smith\nMei Chen\nOmar Haddad"
# Seven or six words of eight capitalized, none of the lines ending in a stopword.
MOSTLY_CAPITALIZED = (
    "And We Will Walk the long Road Home\nWhere the River Runs Down to the Sea\n"
    "And the Night Is Long and Very Cold\nAnd We Will Not Come back to Town"
)
SCHEDULE = (
    "Schedule of the talks\nMonday 10 opening session\nTuesday 11 Working Groups Meet\n"
    "Closing Press Conference Hall\nWednesday 12 final statement\nFarewell Dinner For Delegates"
)
LONG_MIXED = (
    "Armenia and Azerbaijan Talks Resume in Moscow Spring Summit of the Foreign Ministers "
    "Yerevan Baku Tbilisi Ankara"
)
LONG_TITLE = (
    "Armenia Azerbaijan Russia Turkey Iran Georgia Moscow Baku Yerevan Ankara Tehran Tbilisi "
    "Talks Resume Spring Summit"
)


def shipped_table(rule_id: str) -> str:
    """The ``[[rule]]`` table of a shipped rule, as its file writes it."""
    for path in default_rule_files():
        text = path.read_text(encoding="utf-8")
        start = text.find(f'[[rule]]\nid = "{rule_id}"\n')
        if start >= 0:
            end = text.find("\n[[rule]]", start + 1)
            return text[start : end if end >= 0 else len(text)]
    raise KeyError(rule_id)


def overriding(tmp_path: Path, rule_id: str, key: str, value: str) -> Cleaner:
    """A cleaner with the shipped rules, but ``rule_id`` replaced by a user rule file holding
    its table with ``key = value`` (its ``unchanged`` list left out: some of those inputs are
    what the new value changes; its examples must still hold)."""
    table = shipped_table(rule_id)
    table, found = re.subn(rf"(?m)^{key} = .*$", lambda _: f"{key} = {value}", table)
    if not found:  # the kind's default: set below the rule's kind
        table = re.sub(r"(?m)^(kind = .*)$", lambda kind: f"{kind[0]}\n{key} = {value}", table)
    table = table.replace(f'id = "{rule_id}"\n', f'id = "{rule_id}"\noverride = true\n')
    table = re.sub(r"(?ms)^unchanged = \[.*?^\]\n?|^unchanged = \[.*?\]$", "", table)
    path = tmp_path / "mine.toml"
    path.write_text(table, encoding="utf-8")
    return Cleaner(rules=[path])


@pytest.fixture(scope="module")
def shipped() -> Cleaner:
    return Cleaner()


# (rule, key, new value, page, lines kept as shipped, lines kept with the new value, why)
SHIPPED_CASES = [
    (
        "article.span",
        "headline_min_words",
        "7",
        f"Home\nCeasefire talks resume in Moscow today\nBy Anna Petrosyan\nShare\nTweet\nEmail\n"
        f"{BODY}\n{BODY2}",
        ["Ceasefire talks resume in Moscow today", BODY, BODY2],
        [BODY, BODY2],
        "a six-word headline is title-like at 4 and spared by link-list; at 7 it is not",
    ),
    (
        "article.span",
        "headline_lines",
        "1",
        f"Home\nExclusive report from the front line\nCeasefire talks resume in Moscow today\n"
        f"By Anna Petrosyan\nShare\nTweet\nEmail\n{BODY}\n{BODY2}",
        [
            "Exclusive report from the front line",
            "Ceasefire talks resume in Moscow today",
            BODY,
            BODY2,
        ],
        [BODY, BODY2],
        "a kicker and a headline: two title-like lines are a headline at 4, a list at 1",
    ),
    (
        "article.span",
        "lead_in_words",
        "13",
        f"Talks resume\n{BODY}\n{TRIPLES}",
        ["Talks resume", BODY, *TRIPLES.splitlines()],
        ["Talks resume", BODY, TRIPLES.splitlines()[0]],
        "a twelve-word lead-in announces the closing list of three-word items at 5, not at 13: "
        "the span ends above it (a shorter one only announces items of a word or two)",
    ),
    (
        "article.span",
        "link_words",
        "3",
        f"Talks resume\n{BODY}\nIn brief\nOn the road\nAt the table\nIn the field\n{BODY2}\n{BODY3}",
        ["Talks resume", BODY, "In brief", "On the road", "At the table", "In the field", BODY2, BODY3],
        ["Talks resume", BODY, BODY2, BODY3],
        "three-word subheadings with a stopword are neutral at 2 and stay; at 3 they read as "
        "links, and four in a row go",
    ),
    (
        "article.span",
        "title_numbers",
        "2",
        f"Home\n{NUMBERED}\nBy Anna Petrosyan\nShare\nTweet\nEmail\n{BODY}\n{BODY2}",
        [BODY, BODY2],
        [NUMBERED, BODY, BODY2],
        "five words to two numbers: no headline at 3 (a date or a score line), one at 2",
    ),
    (
        "article.span",
        "spaceless_weight",
        "0.25",
        f"ホーム\n{JA_HEADLINE}\n山田太郎\nシェア\nツイート\nメール\n{JA_BODY}",
        [JA_HEADLINE, *JA_BODY.splitlines()],
        JA_BODY.splitlines(),
        "an eleven-character headline counts five words and a half at 0.5, under three at 0.25",
    ),
    (
        "boilerplate.link-list",
        "lead_in_words",
        "16",
        f"{BODY}\n{ROUTES}\n{BODY2}",
        [BODY, *ROUTES.splitlines(), BODY2],
        [BODY, BODY2],
        "a lead-in of fourteen words ending in a function word announces its list of longer "
        "items at 5, not at 16 (then its items must be of a word or two)",
    ),
    (
        "boilerplate.link-list",
        "body_words",
        "40",
        f"Talks resume\n{BODY}\n{VILLAGES}",
        ["Talks resume", BODY, *VILLAGES.splitlines()],
        ["Talks resume", BODY],
        "a lead-in is or follows a body line: BODY is one at 15, not at 40",
    ),
    (
        "boilerplate.link-list",
        "title_case_words",
        "9",
        f"Talks resume\n{BODY}\n{VERSE}\n{BODY2}",
        ["Talks resume", BODY, BODY2],
        ["Talks resume", BODY, *VERSE.splitlines(), BODY2],
        "lines of eight words, most capitalized, are teaser headlines at 4 (the run goes) and "
        "verse at 9 (it stays between two paragraphs)",
    ),
    (
        "boilerplate.link-list",
        "title_case_share",
        "0.8",
        f"Talks resume\n{BODY}\n{MOSTLY_CAPITALIZED}\n{BODY2}",
        ["Talks resume", BODY, BODY2],
        ["Talks resume", BODY, *MOSTLY_CAPITALIZED.splitlines(), BODY2],
        "lines with three words of four capitalized are teaser headlines at 0.5 (the run goes) "
        "and verse at 0.8 (it stays between two paragraphs)",
    ),
    (
        "boilerplate.link-list",
        "item_words",
        "1",
        f"Talks resume\n{BODY}\n{WINNERS}\n{BODY2}",
        ["Talks resume", BODY, *WINNERS.splitlines(), BODY2],
        ["Talks resume", BODY, BODY2],
        "names of two words are list items under 'The winners were' at 2, not at 1",
    ),
    (
        "boilerplate.link-list",
        "item_share",
        "0.8",
        f"Talks resume\n{BODY}\n{SCHEDULE}\n{BODY2}",
        ["Talks resume", BODY, *SCHEDULE.splitlines(), BODY2],
        ["Talks resume", BODY, BODY2],
        "a schedule with four of six lines dated or in lower case, or reading as prose, is the "
        "article's table at 0.5, not at 0.8",
    ),
    (
        "boilerplate.section-link",
        "body_words",
        "10",
        f"Talks resume\n{BODY}\nMore politics\nThe talks went on until late at night in the capital.",
        ["Talks resume", BODY, "The talks went on until late at night in the capital."],
        [
            "Talks resume",
            BODY,
            "More politics",
            "The talks went on until late at night in the capital.",
        ],
        "an eleven-word line below the link is body at 10: the link is no longer in the tail",
    ),
    (
        "boilerplate.repeated-line",
        "body_words",
        "5",
        f"Talks resume\n{BODY}\nThe river runs to the sea tonight.\n{BODY2}\n"
        f"The river runs to the sea tonight.\n{BODY}",
        [
            "Talks resume",
            BODY,
            "The river runs to the sea tonight.",
            BODY2,
            "The river runs to the sea tonight.",
        ],
        ["Talks resume", BODY, "The river runs to the sea tonight.", BODY2],
        "(the copy of BODY goes either way) a seven-word sentence repeated inside the article "
        "is a short line that stays at 15 (a chorus), a paragraph printed twice at 5",
    ),
    (
        "boilerplate.repeated-line",
        "sentence_end",
        "'''[.!?…。！？؟։][\"'”’»)\\]」』）]*'''",
        f"Talks resume\n{BODY}\n{LONG_COLON}\n{BODY2}\n{LONG_COLON}\n{BODY3}",
        ["Talks resume", BODY, LONG_COLON, BODY2, BODY3],
        ["Talks resume", BODY, LONG_COLON, BODY2, LONG_COLON, BODY3],
        "a long line ending in ':' ends a sentence as shipped (a paragraph printed twice: its "
        "copy goes); with ':' left out of sentence_end it ends none (a lead-in: it stays)",
    ),
    (
        "boilerplate.repeated-line",
        "title_case_words",
        "30",
        f"Talks resume\n{BODY}\n{LONG_TITLE}\n{BODY2}\n{LONG_TITLE}\n{BODY3}",
        ["Talks resume", BODY, LONG_TITLE, BODY2, BODY3],
        ["Talks resume", BODY, LONG_TITLE, BODY2, LONG_TITLE, BODY3],
        "a long line in title case is a headline whose copy goes at 4; at 30 it is a long "
        "line of the article (a table row), and its copy stays",
    ),
    (
        "boilerplate.repeated-line",
        "title_case_share",
        "0.8",
        f"Talks resume\n{BODY}\n{LONG_MIXED}\n{BODY2}\n{LONG_MIXED}\n{BODY3}",
        ["Talks resume", BODY, LONG_MIXED, BODY2, BODY3],
        ["Talks resume", BODY, LONG_MIXED, BODY2, LONG_MIXED, BODY3],
        "a long line with twelve words of sixteen capitalized is a headline whose copy goes at "
        "0.5; at 0.8 it is a long line of the article, and its copy stays",
    ),
    (
        "boilerplate.echo",
        "sentence_break",
        "'''[.!?]([ \\t]+)'''",
        "The talks failed after three days, the minister said. the minister said.",
        ["The talks failed after three days, the minister said. the minister said."],
        ["The talks failed after three days, the minister said."],
        "a sentence break needs a capital letter as shipped; without it, the echo is found",
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "key", "value", "page", "before", "after", "why"),
    SHIPPED_CASES,
    ids=[f"{case[0]}.{case[1]}" for case in SHIPPED_CASES],
)
def test_a_user_file_changing_a_threshold_changes_the_output(
    tmp_path: Path,
    shipped: Cleaner,
    rule_id: str,
    key: str,
    value: str,
    page: str,
    before: list[str],
    after: list[str],
    why: str,
) -> None:
    assert shipped.clean(page).text.splitlines() == before, why
    assert overriding(tmp_path, rule_id, key, value).clean(page).text.splitlines() == after, why


CUT = """\
[[rule]]
id = "mine.comments-cut"
description = "From a 'Comments' heading below the article to the end."
kind = "remove_tail"
patterns = ["Comments"]
body_words = {value}
examples = [{{ input = "{body}\\nComments\\nNice.", expected = "{body}\\n" }}]
"""


def test_remove_tail_body_words(tmp_path: Path) -> None:
    """The cut starts below the last body line: a ten-word reply is no body line at 15, and
    is one at 8 (then "Comments" is above the body's end and nothing is cut)."""
    reply = "I think this is good news for the villages, really."
    page = f"{BODY}\nComments\n{reply}\n"
    for value, expected in ((15, f"{BODY}\n"), (8, page)):
        path = tmp_path / f"cut{value}.toml"
        path.write_text(CUT.format(value=value, body=BODY), encoding="utf-8")
        assert Cleaner(rules=[path], default_rules=False).clean(page).text == expected


@pytest.mark.parametrize(
    ("kind", "table", "message"),
    [
        (
            "remove_line",
            'patterns = ["Home"]\nbody_words = 0',
            "'body_words' is 0; it must be at least 1",
        ),
        (
            "remove_line",
            'patterns = ["Home"]\nbody_words = "15"',
            "'body_words' must be a whole number",
        ),
        ("remove_tail", 'patterns = ["Home"]\nbody_words = -3', "'body_words' is -3"),
        ("remove_run", "lead_in_words = 0", "'lead_in_words' is 0; it must be at least 1"),
        ("remove_run", "title_case_words = 1.5", "'title_case_words' must be a whole number"),
        ("remove_run", "item_words = 0", "'item_words' is 0; it must be at least 1"),
        ("remove_run", "item_share = 1", "'item_share' is 1; it must be at least 0 and below 1"),
        ("remove_run", "title_case_share = -0.5", "'title_case_share' is -0.5"),
        ("repeat", "title_case_share = 2", "'title_case_share' is 2"),
        ("site_template", "story_share = 1.5", "'story_share' is 1.5; it must be at least 0"),
        ("site_template", "prose_lines = -1", "'prose_lines' is -1; it must be at least 0"),
        ("repeat", "body_words = 0", "'body_words' is 0"),
        ("repeat", "sentence_end = '['", "invalid regex"),
        ("repeat", "title_case_wrods = 4", "did you mean 'title_case_words'"),
        ("echo", "sentence_break = '[.!?] +'", "'sentence_break' needs a group"),
        ("echo", "sentence_break = '(['", "invalid regex"),
        ("article_span", "headline_min_words = 0", "'headline_min_words' is 0"),
        ("article_span", "headline_lines = true", "'headline_lines' must be a whole number"),
        ("article_span", "lead_in_words = 0", "'lead_in_words' is 0"),
        ("article_span", "link_words = -1", "'link_words' is -1; it must be at least 0"),
        (
            "article_span",
            "spaceless_weight = 2",
            "'spaceless_weight' is 2; it must be between 0 and 1",
        ),
        ("article_span", "title_numbers = -1", "'title_numbers' is -1; it must be at least 0"),
        ("article_span", "entry_stamps = ['(']", "'entry_stamps': invalid regex"),
        ("article_span", "list_lead_ins = ['(']", "'list_lead_ins': invalid regex"),
        ("article_span", "live_titles = ['(']", "'live_titles': invalid regex"),
    ],
)
def test_bad_thresholds_name_file_rule_and_key(
    tmp_path: Path, kind: str, table: str, message: str
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        f'[[rule]]\nid = "mine.rule"\ndescription = "Mine."\nkind = "{kind}"\n{table}\n'
        'examples = [{ input = "a", expected = "a\\n" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match=message) as error:
        load_rules([path], defaults=False)
    assert "mine.toml:2: rule 'mine.rule'" in str(error.value)


# Site templates: two pages of one site, as a batch learns them from a JSONL corpus.
SITE_PROSE = [
    "The council met on Tuesday to discuss the budget for next year, and the members approved "
    "the plan for the new schools in the north of the city.",
    "The mayor said that the work on the first two schools would begin in the spring and that "
    "the children would move into the new buildings next autumn.",
    "Parents in the northern districts have asked for new schools for years, because the old "
    "buildings are crowded and some of them have no heating in winter.",
    "The opposition said that the plan came too late and that the money would not be enough "
    "for all of the schools the council has promised to build.",
    "The budget also holds money for two new bridges over the river and for the repair of the "
    "old market hall, which has been closed since the fire last year.",
    "The council will vote on the rest of the budget in December, after a month in which the "
    "residents of the city can send their comments on the plan.",
]
SITE_MENU = "Gazette Radio live from the valley"


def _site_pages(tmp_path: Path, pages: list[str], rules: list[Path]) -> list[str]:
    """The pages of one site cleaned as a batch cleans a JSONL corpus (templates learned)."""
    tmp_path.mkdir()
    corpus = tmp_path / "site.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": n, "text": text, "url": f"https://gazette.example/{n}"}) + "\n"
            for n, text in enumerate(pages)
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["clean", str(corpus), "--out", str(out)]
    for path in rules:
        args += ["--rules", str(path)]
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    lines = (out / "site.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines]


def _user_file(tmp_path: Path, key: str, value: str) -> Path:
    overriding(tmp_path, "templates.site-line", key, value)
    return tmp_path / "mine.toml"


def test_site_template_story_share(tmp_path: Path) -> None:
    """Two pages sharing two of their four paragraphs are two stories at 0.5 (half is no
    more than half: the line on both goes) and one story at 0.4 (the line stays)."""
    one, two = (
        "\n".join(["Budget plan approved", SITE_MENU, *paragraphs]) + "\n"
        for paragraphs in (SITE_PROSE[:4], [*SITE_PROSE[:2], *SITE_PROSE[4:]])
    )
    shipped_pages = _site_pages(tmp_path / "a", [one, two], [])
    assert all(SITE_MENU not in text for text in shipped_pages)
    mine = _user_file(tmp_path, "story_share", "0.4")
    assert all(SITE_MENU in text for text in _site_pages(tmp_path / "b", [one, two], [mine]))


def test_site_template_prose_lines(tmp_path: Path) -> None:
    """Pages with no prose line are told apart by their longest line when they have fewer
    than prose_lines prose lines: the menu, longest on both, makes them one story at 3 (it
    stays); at 0 they are two stories, and it goes."""
    pages = [f"{SITE_MENU}\nRain on {day}.\n" for day in ("Monday", "Tuesday")]
    assert all(SITE_MENU in text for text in _site_pages(tmp_path / "a", pages, []))
    mine = _user_file(tmp_path, "prose_lines", "0")
    assert all(SITE_MENU not in text for text in _site_pages(tmp_path / "b", pages, [mine]))
