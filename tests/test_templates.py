"""Site templates: learned from a corpus in a first pass or by 'cleaner templates learn',
applied by the template step, safe for copies of one article and for prose, bounded in
memory, and the same whether learned in a batch, saved to a file or applied in a pipe."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.corpus.templates import Learner, Templates, Thresholds, line_hash, observe
from tests.conftest import run_cli

STORIES = [
    "The harbour reopened on Monday after the storm that hit the coast last week, officials said.",
    "The bridge over the river was closed for repairs all week, and traffic went through town.",
    "Rain is expected over the weekend across the north of the country, the forecasters said.",
    "The council met on Tuesday to discuss the budget for next year and approved new schools.",
    "A new museum of local history opened its doors on Saturday to hundreds of visitors.",
]
# Lines no shipped rule removes, but that every page of the site carries.
FURNITURE = ["Gazette Radio live from the valley", "The quiet war over the old mill"]


def page(story: str, extra: str = "") -> str:
    return f"{FURNITURE[0]}\n{story}\n{extra}{FURNITURE[1]}\n"


def write_corpus(path: Path, records: list[tuple[str, str, str]]) -> Path:
    lines = [
        json.dumps({"id": i, "text": t, "url": f"https://{site}/{i}"}) for i, t, site in records
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def gazette(n: int = 4, site: str = "gazette.example") -> list[tuple[str, str, str]]:
    return [(f"{site}-{k}", page(STORIES[k % len(STORIES)]), site) for k in range(n)]


def texts(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


# --- learning and deciding ------------------------------------------------------------------


def test_lines_are_normalized_before_hashing() -> None:
    assert line_hash("Posted 3 hours ago") == line_hash("  posted   5 HOURS ago ")
    assert line_hash("Home") != line_hash("Homes")


@pytest.mark.parametrize(
    ("pages", "line", "furniture", "why"),
    [
        (["Story one.", "Story two."], "Home", True, "a menu on two different pages"),
        (["Story one.", "Story one."], "Home", False, "two copies of one article teach nothing"),
        (["Story one.", "Story two."], STORIES[0], False, "a prose sentence needs 5 pages"),
        ([s * 2 for s in STORIES], STORIES[0], True, "... and has them here"),
    ],
)
def test_decisions(pages: list[str], line: str, furniture: bool, why: str) -> None:
    learner = Learner()
    for story in pages:
        body = observe([story, line], lambda text: text in STORIES)
        learner.add("site", body)
    site = learner.decide(Thresholds()).site("site")
    assert bool(site and site.count(line_hash(line))) is furniture, why


def test_one_global_cap_bounds_the_table_whatever_the_number_of_sites() -> None:
    learner = Learner(limit=1000)
    for n in range(20_000):  # 18,000 sites of one page with lines of their own, one big site
        if n % 10:
            learner.add(f"site{n}.example", observe([f"line {n} of its own", f"more {n}"]))
        else:
            learner.add("big.example", observe([f"story {chr(97 + n % 26)}{n // 26}", "Home"]))
        assert len(learner.entries) + len(learner.sites) <= 1000
    assert learner.pruned > 0
    # Pruning forgets what was seen once; the big site's menu survives, its count at most
    # underestimated (2,000 pages carry it).
    site = learner.decide(Thresholds()).site("big.example")
    assert site is not None and 1990 <= site.count(line_hash("Home")) <= 2000


def test_the_file_is_sorted_versioned_and_reads_back() -> None:
    learner = Learner()
    for site in ("b.example", "a.example"):
        for story in ("The first story.", "The second story."):
            learner.add(site, observe([story, "Home", "Menu"]))
    templates = learner.decide(Thresholds(source="templates.toml:16"))
    text = templates.dumps()
    header = json.loads(text)
    assert header["format"] == "cleaner-site-templates" and header["version"] == 1
    assert header["thresholds"]["min_pages"] == 2 and header["thresholds"]["rule"]
    assert [row["site"] for row in header["site_lines"]] == ["a.example", "b.example"]
    assert Templates.loads(text).dumps() == text
    with pytest.raises(ValueError, match="cleaner templates learn"):
        Templates.loads('{"format": "other"}', "x.json")


# --- the API --------------------------------------------------------------------------------


def _learned() -> Templates:
    cleaner = Cleaner()
    learner = Learner()
    for _, text, site in gazette():
        found = cleaner.observe(text)
        assert found is not None
        learner.add(site, found)
    templates = cleaner.thresholds
    assert templates is not None
    return learner.decide(templates)


def test_the_cleaner_applies_templates_to_its_site_only_and_travels() -> None:
    cleaner = Cleaner(templates=_learned())
    text = page(STORIES[4])
    result = cleaner.clean(text, site="gazette.example")
    assert result.text == STORIES[4] + "\n"
    notes = [c.note for c in result.changes if c.rule == "templates.site-line"]
    assert notes == ["on 4 of 4 pages of gazette.example"] * 2
    assert cleaner.clean(text, site="other.example").text == Cleaner().clean(text).text
    assert cleaner.clean(text).text == Cleaner().clean(text).text  # no site, no templates
    copy = pickle.loads(pickle.dumps(cleaner))
    assert copy.fingerprint == cleaner.fingerprint != Cleaner().fingerprint
    assert copy.clean(text, site="gazette.example").text == result.text
    assert pickle.dumps(cleaner) == pickle.dumps(copy)


def test_copies_of_one_article_keep_their_whole_text(tmp_path: Path) -> None:
    story = page(STORIES[0], "Background\n")
    corpus = write_corpus(
        tmp_path / "c.jsonl", [(f"c{k}", story, "wire.example") for k in range(3)]
    )
    assert run_cli("clean", str(corpus), "--out", str(tmp_path / "out")).returncode == 0
    kept = texts(tmp_path / "out" / "c.jsonl")
    assert kept == [Cleaner().clean(story).text] * 3
    assert FURNITURE[0] in kept[0] and "Background" in kept[0]


def test_a_prose_line_recurring_inside_articles_needs_strong_evidence(tmp_path: Path) -> None:
    quote = "The minister said that the talks would resume next week in the capital of the country."
    records = [(f"p{k}", page(STORIES[k], quote + "\n"), "news.example") for k in range(4)]
    corpus = write_corpus(tmp_path / "c.jsonl", records)
    assert run_cli("clean", str(corpus), "--out", str(tmp_path / "out")).returncode == 0
    out = texts(tmp_path / "out" / "c.jsonl")
    assert all(quote in text and FURNITURE[0] not in text for text in out)


# --- batch: two passes, learn, apply, shards, resume, cache ----------------------------------


def test_batch_learns_what_templates_learn_learns_and_pipe_gives_the_same(tmp_path: Path) -> None:
    records = (
        gazette(4) + gazette(3, "other.example") + [("lone", page(STORIES[1]), "lone.example")]
    )
    corpus = write_corpus(tmp_path / "c.jsonl", records)
    out = tmp_path / "out"
    proc = run_cli("clean", str(corpus), "--out", str(out), "-j", "2", "--explain")
    assert proc.returncode == 0, proc.stderr
    assert b"templates.site-line" in proc.stdout
    learned = tmp_path / "site-templates.json"
    proc = run_cli("templates", "learn", str(corpus), "--out", str(learned), "-j", "1")
    assert proc.returncode == 0, proc.stderr
    assert learned.read_bytes() == (out / ".cleaner-cache" / "site-templates.json").read_bytes()
    cleaned = texts(out / "c.jsonl")
    assert cleaned[0] == STORIES[0] + "\n" and FURNITURE[0] in cleaned[-1]  # one page: kept
    # --jobs 1 gives the same bytes; so do a folder run and a pipe with the file.
    one = tmp_path / "one"
    assert run_cli("clean", str(corpus), "--out", str(one), "-j", "1").returncode == 0
    assert (one / "c.jsonl").read_bytes() == (out / "c.jsonl").read_bytes()
    given = tmp_path / "given"
    args = ["--templates", str(learned)]
    assert run_cli("clean", str(corpus), "--out", str(given), *args).returncode == 0
    assert (given / "c.jsonl").read_bytes() == (out / "c.jsonl").read_bytes()
    piped = run_cli("clean", "-", "--format", "jsonl", *args, stdin=corpus.read_bytes())
    assert piped.stdout == (out / "c.jsonl").read_bytes()
    # Off: as before templates existed.
    off = tmp_path / "off"
    assert run_cli("clean", str(corpus), "--out", str(off), "--templates", "off").returncode == 0
    assert FURNITURE[0] in texts(off / "c.jsonl")[0]
    assert not (off / ".cleaner-cache" / "site-templates.json").exists()


def test_cleaning_the_cleaned_corpus_again_changes_nothing(tmp_path: Path) -> None:
    records = [*gazette(5), ("copy", page(STORIES[0], "Talks go on\n"), "gazette.example")]
    corpus = write_corpus(tmp_path / "c.jsonl", records)
    assert run_cli("clean", str(corpus), "--out", str(tmp_path / "one")).returncode == 0
    again = run_cli("clean", str(tmp_path / "one" / "c.jsonl"), "--out", str(tmp_path / "two"))
    assert again.returncode == 0 and b"0 changed" in again.stderr, again.stderr
    assert texts(tmp_path / "two" / "c.jsonl") == texts(tmp_path / "one" / "c.jsonl")


def test_shards_need_one_templates_file(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", gazette(4))
    out = tmp_path / "out"
    refused = run_cli("clean", str(corpus), "--out", str(out), "--shard", "0/2")
    assert refused.returncode == 2 and b"cleaner templates learn" in refused.stderr
    # A distributed run splits the inputs the same way: refused before any cluster is reached.
    refused = run_cli("clean", str(corpus), "--out", str(out), "--engine", "ray")
    assert refused.returncode == 2 and b"--engine ray: the inputs have sites" in refused.stderr
    learned = tmp_path / "t.json"
    assert run_cli("templates", "learn", str(corpus), "--out", str(learned)).returncode == 0
    for index in range(2):
        shard = run_cli(
            "clean", str(corpus), "--out", str(out), "--shard", f"{index}/2",
            "--templates", str(learned),
        )  # fmt: skip
        assert shard.returncode == 0, shard.stderr
    whole = tmp_path / "whole"
    assert run_cli("clean", str(corpus), "--out", str(whole)).returncode == 0
    assert (out / "c.jsonl").read_bytes() == (whole / "c.jsonl").read_bytes()


def test_folder_sites_resume_and_new_pages_reclean_their_site_only(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for site in ("gazette", "herald"):
        for k in range(3):
            path = corpus / site / f"{k}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page(STORIES[k], f"{site.title()} edition\n"), encoding="utf-8")
    out = tmp_path / "out"
    first = run_cli("clean", str(corpus), "--out", str(out), "--sites", "folder")
    assert first.returncode == 0, first.stderr
    assert (out / "gazette" / "0.txt").read_text() == STORIES[0] + "\n"
    stored = (out / ".cleaner-cache" / "site-templates.json").read_bytes()
    resumed = run_cli("clean", str(corpus), "--out", str(out), "--sites", "folder")
    assert b"6 done in an earlier run" in resumed.stderr, resumed.stderr
    assert (out / ".cleaner-cache" / "site-templates.json").read_bytes() == stored
    (corpus / "gazette" / "3.txt").write_text(page(STORIES[3]), encoding="utf-8")
    grown = run_cli("clean", str(corpus), "--out", str(out), "--sites", "folder")
    assert grown.returncode == 0
    assert b"3 done in an earlier run" in grown.stderr, grown.stderr  # herald's pages


def test_plain_files_have_no_site_and_learn_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(3):
        (corpus / f"{k}.txt").write_text(page(STORIES[k]), encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("clean", str(corpus), "--out", str(out)).returncode == 0
    assert not (out / ".cleaner-cache" / "site-templates.json").exists()
    assert FURNITURE[0] in (out / "0.txt").read_text()


# --- safe by construction: copies, the article span (audit of issue 10) ---------------------

PARAGRAPHS = [
    "Armenia and Azerbaijan agreed on Monday to resume the talks that stalled in the spring, "
    "the foreign ministers of both countries said after a long meeting in the capital.",
    "The talks will last two days, and the delegations will meet on the second day to agree "
    "on a text that both of them can sign.",
    "The last round of the talks ended in April without an agreement on the border, and "
    "both sides blamed the other for the failure.",
    "Observers said that a deal was possible this time, but that it would take more than two "
    "days to settle the questions that are still open.",
]


def article(title: str, paragraphs: list[str], heading: str = "Background") -> str:
    """A page whose lines the shipped rules keep: a title, prose, a subheading, short lines."""
    first, second, *rest = paragraphs
    return "\n".join(
        [title, first, "The talks begin on Monday.", second, heading, *rest, "More talks follow."]
    ) + "\n"


def learned_from(pages: list[str], site: str = "wire.example") -> Cleaner:
    cleaner, learner = Cleaner(), Learner()
    for text in pages:
        found = cleaner.observe(text)
        assert found is not None
        learner.add(site, found)
    thresholds = cleaner.thresholds
    assert thresholds is not None
    return Cleaner(templates=learner.decide(thresholds))


def edited(paragraph: str, n: int) -> str:
    """The paragraph as a re-crawl or a syndicated copy may carry it: one word changed (not
    a digit: lines are compared with digits as 0)."""
    return paragraph.replace("long", ("long", "short", "late", "second", "closed")[n])


@pytest.mark.parametrize("copies", [2, 5])
def test_copies_with_an_edited_longest_paragraph_keep_their_whole_text(copies: int) -> None:
    # Each copy edits the page's longest line: a key of that line alone told them apart.
    pages = [
        article("Talks resume in Moscow", [edited(PARAGRAPHS[0], n), *PARAGRAPHS[1:]])
        for n in range(copies)
    ]
    cleaner = learned_from(pages)
    for text in pages:
        result = cleaner.clean(text, site="wire.example")
        assert result.text == Cleaner().clean(text).text
        assert not [c for c in result.changes if c.rule == "templates.site-line"]


def test_a_subheading_two_articles_share_stays_and_their_furniture_goes() -> None:
    other = [p.replace("talks", "negotiations") for p in PARAGRAPHS]
    pages = [
        FURNITURE[0] + "\n" + article("Talks resume in Moscow", PARAGRAPHS),
        FURNITURE[0] + "\n" + article("Negotiations resume in Baku", other),
    ]
    cleaner = learned_from(pages)
    for text in pages:
        out = cleaner.clean(text, site="wire.example").text
        assert "\nBackground\n" in out, "a line inside two articles' spans needs 5 pages"
        assert FURNITURE[0] not in out, "a line above them on both pages is furniture"


def test_a_furniture_line_longer_than_every_paragraph_is_still_learned() -> None:
    banner = (
        "Gazette Radio Live: Morning Show, Drive Time, Late Jazz, Weekend Sport, Classic Hits, "
        "Farm Report, Valley Weather Desk"
    )
    assert all(len(banner) > len(story) for story in STORIES)
    cleaner = learned_from([f"{banner}\n{story}\n" for story in STORIES[:3]])
    out = cleaner.clean(f"{banner}\n{STORIES[3]}\n", site="wire.example").text
    assert out == STORIES[3] + "\n"


# Versions of one article as a re-crawl finds it: each changes a line or two of the one before
# (an updated figure, a paragraph added at the end, a corrected name), so the last shares no
# paragraph of the first unchanged. And other articles of the site, under the same menus.
DRIFT = [
    PARAGRAPHS,
    [PARAGRAPHS[0], PARAGRAPHS[1].replace("two days", "3 days"), *PARAGRAPHS[2:],
     "A spokesman for the ministry said on Tuesday that the venue of the talks had not been "
     "chosen yet."],
]
DRIFT += [
    [DRIFT[1][0].replace("Monday", "Sunday"), DRIFT[1][1],
     DRIFT[1][2].replace("April", "March"), *DRIFT[1][3:]],
]
DRIFT += [
    [*DRIFT[2][:3], DRIFT[2][3].replace("Observers", "Diplomats"), DRIFT[2][4],
     "The ministers will meet the press after the talks, the spokesman added, and answer "
     "questions about the border."],
]
DRIFT += [
    [DRIFT[3][0], DRIFT[3][1].replace("3 days", "10 days"), *DRIFT[3][2:4],
     DRIFT[3][4].replace("Tuesday", "Wednesday"), DRIFT[3][5]],
]
LONGER = [
    "In a statement published late on Monday evening, the foreign ministry of Armenia said that "
    "the delegation would travel to the capital on Sunday and that it expected the talks to be "
    "difficult but useful for both of the countries and for the whole of the region.",
    "The foreign ministry of Azerbaijan said in its own statement that it was ready for the talks "
    "and that it hoped the other side would come with proposals that both of the countries "
    "could accept, after months in which the talks had not moved at all.",
]
OTHERS = [
    ("Harbour reopens after the storm", STORIES[0], STORIES[1]),
    ("Council approves the budget", STORIES[3], STORIES[2]),
    ("Museum opens its doors", STORIES[4], STORIES[0].replace("harbour", "airport")),
]


def on_site(title: str, paragraphs: list[str] | tuple[str, ...]) -> str:
    return "\n".join([FURNITURE[0], title, *paragraphs, FURNITURE[1]]) + "\n"


def drift_site(versions: list[list[str]], order: str) -> tuple[list[str], list[str]]:
    """The versions of the drifting article and the site's other pages, in input order."""
    copies = [on_site("Talks resume in Moscow", paragraphs) for paragraphs in versions]
    others = [on_site(title, paragraphs) for title, *paragraphs in OTHERS]
    if order == "reversed":
        copies = copies[::-1]
    pages = copies + others
    if order == "interleaved":
        pages = [page for pair in zip(copies, others, strict=False) for page in pair]
        pages += copies[len(others) :] + others[len(copies) :]
    return copies, pages


@pytest.mark.parametrize("order", ["drift", "reversed", "interleaved"])
@pytest.mark.parametrize(
    ("versions", "why"),
    [
        (DRIFT, "five versions, each changing a line or two of the one before"),
        (DRIFT[:3], "three versions"),
        ([PARAGRAPHS, [*PARAGRAPHS, *LONGER]], "a version gaining two long paragraphs"),
    ],
)
def test_a_drifting_recrawl_keeps_its_whole_text_and_the_menus_go(
    versions: list[list[str]], why: str, order: str
) -> None:
    copies, pages = drift_site(versions, order)
    cleaner = learned_from(pages)
    for text in copies:
        result = cleaner.clean(text, site="wire.example")
        removed = [c.before.strip() for c in result.changes if c.rule == "templates.site-line"]
        assert sorted(removed) == sorted(FURNITURE), why
        bare = "".join(line for line in text.splitlines(True) if line.strip() not in FURNITURE)
        assert result.text == Cleaner().clean(bare).text, why


@pytest.mark.parametrize(
    ("pages", "copies", "why"),
    [
        ([(1, 2, 3), (1, 2, 4)], True, "one paragraph edited"),
        ([(1, 2, 3), (1, 2, 3, 4, 5)], True, "two paragraphs added"),
        ([(1, 2, 3, 4, 5), (2, 3, 4)], True, "an excerpt of the earlier page"),
        ([(1, 2, 3), (1, 4, 3), (5, 4, 3)], True, "a drift: the third shares one with the first"),
        ([(1,), (1,)], True, "one paragraph each"),
        ([(1, 2, 3), (3, 4, 5)], False, "one shared prose line (a prompt) is no copy"),
        ([(1, 2, 3, 4), (1, 2, 5, 6)], False, "half is no more than half"),
        ([(1, 9), (2, 9), (3, 9)], False, "a prompt on every page, one paragraph each"),
        ([(1,), (2,)], False, "two different articles"),
        pytest.param(
            [(1, 2), (1, 2, 3, 4, 5)],
            True,
            "the full article after an excerpt of it",
            marks=pytest.mark.xfail(strict=True, reason="known limit: 2 of 5 is no majority"),
        ),
    ],
)
def test_which_pages_are_copies(pages: list[tuple[int, ...]], copies: bool, why: str) -> None:
    # A line of every page is learned unless the pages are copies of one story.
    learner = Learner()
    for paragraphs in pages:
        lines = [f"Paragraph {'abcdefghi'[n - 1]} of the story." for n in paragraphs]
        learner.add("site", observe([*lines, "Home"], lambda text: text.startswith("Para")))
    site = learner.decide(Thresholds()).site("site")
    assert bool(site and site.count(line_hash("Home"))) is not copies, why


# --- where the templates apply: pipes, datatrove, templates learn, the batch's memory --------


def test_text_from_a_pipe_or_one_file_takes_its_site_from_site(tmp_path: Path) -> None:
    learned = tmp_path / "t.json"
    _learned().save(learned)
    text = page(STORIES[4]).encode()
    given = ["--templates", str(learned)]
    piped = run_cli("clean", "-", *given, "--site", "www.Gazette.example", stdin=text)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == (STORIES[4] + "\n").encode()
    # Without a site nothing applies, and the user is told why.
    bare = run_cli("clean", "-", *given, stdin=text)
    assert bare.stdout == Cleaner().clean(text).text.encode()
    assert b"--site HOST" in bare.stderr
    # A site the file holds no template for applies nothing either, and the user is told.
    other = run_cli("clean", "-", *given, "--site", "other.example", stdin=text)
    assert other.returncode == 0 and other.stdout == bare.stdout
    assert b"--site other.example: " in other.stderr and b"holds no template" in other.stderr
    assert b"holds no template" not in piped.stderr
    one = tmp_path / "page.txt"
    one.write_bytes(text)
    out = tmp_path / "out"
    done = run_cli("clean", str(one), "--out", str(out), *given, "--site", "gazette.example")
    assert done.returncode == 0, done.stderr
    assert (out / "page.txt").read_text() == STORIES[4] + "\n"
    refused = run_cli("clean", str(tmp_path), "--out", str(out), "--site", "gazette.example")
    assert refused.returncode == 2 and b"--sites folder" in refused.stderr


def test_templates_learn_reads_the_config_file_as_clean_does(tmp_path: Path) -> None:
    records = [
        json.dumps({"id": i, "body": text, "url": f"https://{site}/{i}"})
        for i, text, site in gazette(4)
    ]
    (tmp_path / "c.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (tmp_path / "cleaner.toml").write_text('text_field = "body"\n', encoding="utf-8")
    done = run_cli("clean", "c.jsonl", "--out", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    learned = run_cli("templates", "learn", "c.jsonl", "--out", "t.json", cwd=tmp_path)
    assert learned.returncode == 0 and b"of 1 site" in learned.stderr, learned.stderr
    stored = tmp_path / "out" / ".cleaner-cache" / "site-templates.json"
    assert (tmp_path / "t.json").read_bytes() == stored.read_bytes()


def test_the_datatrove_step_takes_the_site_from_the_url_in_its_metadata() -> None:
    pytest.importorskip("datatrove")
    from datatrove.data import Document

    from cleaner.integrations.datatrove import CleanerStep

    step = pickle.loads(pickle.dumps(CleanerStep(Cleaner(templates=_learned()))))
    text = page(STORIES[4])
    docs = [
        Document(text, "a", metadata={"url": "https://www.gazette.example/a"}),
        Document(text, "b", metadata={"metadata": {"url": "https://gazette.example/b"}}),
        Document(text, "c", metadata={"url": "https://other.example/c"}),
        Document(text, "d"),
    ]
    out = {doc.id: doc.text for doc in step.run(docs)}
    assert out["a"] == out["b"] == STORIES[4] + "\n"
    assert out["c"] == out["d"] == Cleaner().clean(text).text


def test_the_batch_keeps_a_digest_per_file_and_new_pages_reclean_their_file_only(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_corpus(corpus / "a.jsonl", gazette(3))
    write_corpus(corpus / "b.jsonl", gazette(3, "herald.example"))
    out = tmp_path / "out"
    assert run_cli("clean", str(corpus), "--out", str(out)).returncode == 0
    inputs = (out / ".cleaner-cache" / "site-templates.inputs").read_text()
    assert "gazette.example" not in inputs and "herald.example" not in inputs
    assert texts(out / "a.jsonl")[0] == STORIES[0] + "\n"
    write_corpus(corpus / "a.jsonl", gazette(4))
    grown = run_cli("clean", str(corpus), "--out", str(out), "--verbose")
    assert grown.returncode == 0, grown.stderr
    # herald's 3 records come from the cache; gazette's file, one page longer, is cleaned.
    assert b"3 done in an earlier run" in grown.stderr, grown.stderr
    assert b"a.jsonl:1: 2 changes\n" in grown.stderr
