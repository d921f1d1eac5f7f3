"""The manifest's run header, each record's root and site, and the report that reads them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.audit import build_report
from tests.conftest import ROOT, manifest_header, manifest_records, run_cli

DOC = "[ad_1]\nIlham Aliev spoke in Baku on Monday about the talks.\n"


def _jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _clean(*args: str, cwd: Path) -> None:
    proc = run_cli("clean", *args, "-q", "--jobs", "1", cwd=cwd)
    assert proc.returncode == 0, proc.stderr.decode()


def test_header_names_the_roots_once_and_records_point_into_them(tmp_path: Path) -> None:
    (tmp_path / "news" / "a").mkdir(parents=True)
    (tmp_path / "news" / "a" / "x.txt").write_text(DOC)
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "y.txt").write_text(DOC)
    _clean("news/", "more/y.txt", "--out", "out", cwd=tmp_path)
    manifest = tmp_path / "out" / "manifest.jsonl"
    header = manifest_header(manifest)
    # As given, trailing slash dropped; a file argument's root is its folder.
    assert header["roots"] == ["news", "more"]
    assert header["cleaner"] and len(header["rules"]) == 64 and header["sites"] == "url"
    assert [(r["id"], r["root"], r["site"]) for r in manifest_records(manifest)] == [
        ("a/x.txt", 0, None),  # plain files have no site by default
        ("y.txt", 1, None),
    ]
    assert manifest.read_text().count('"roots"') == 1  # once per run, not per record


def test_same_inputs_into_another_out_give_the_same_manifest(tmp_path: Path) -> None:
    _clean("seeds", "--out", str(tmp_path / "one"), cwd=ROOT)
    _clean("seeds", "--out", str(tmp_path / "two"), "--jobs", "2", cwd=ROOT)
    one, two = (tmp_path / n / "manifest.jsonl" for n in ("one", "two"))
    assert one.read_bytes() == two.read_bytes()


@pytest.mark.parametrize(
    ("args", "sites", "why"),
    [
        ((), ["example.org", "news.example", None, None], "url, then metadata.url; www. dropped"),
        (("--url-field", "link"), [None, None, "other.example", None], "only the field named"),
        (("--sites", "none"), [None, None, None, None], "no sites at all"),
        (("--sites", "folder"), ["feeds"] * 4, "the JSONL file's folder"),
    ],
)
def test_site_of_a_jsonl_record(tmp_path: Path, args: tuple[str, ...], sites: list, why: str) -> None:
    (tmp_path / "in" / "feeds").mkdir(parents=True)
    _jsonl(
        tmp_path / "in" / "feeds" / "pages.jsonl",
        [
            {"text": DOC, "url": "https://www.Example.org/a"},
            {"text": DOC, "metadata": {"url": "http://news.example/b"}},
            {"text": DOC, "link": "https://other.example/c", "url": "not a url"},
            {"text": DOC},
        ],
    )
    _clean("in", "--out", "out", *args, cwd=tmp_path)
    records = manifest_records(tmp_path / "out" / "manifest.jsonl")
    assert [r["site"] for r in records] == sites, why


def test_sites_folder_for_plain_files(tmp_path: Path) -> None:
    for folder in ("example.com", "example.com/2020", "other.org"):
        (tmp_path / "corpus" / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "corpus" / folder / "p.txt").write_text(DOC)
    (tmp_path / "corpus" / "top.txt").write_text(DOC)
    _clean("corpus", "--out", "out", "--sites", "folder", cwd=tmp_path)
    records = manifest_records(tmp_path / "out" / "manifest.jsonl")
    assert {r["id"]: r["site"] for r in records} == {
        "example.com/2020/p.txt": "example.com/2020",
        "example.com/p.txt": "example.com",
        "other.org/p.txt": "other.org",
        "top.txt": "corpus",  # a file at the top belongs to the folder given
    }


def test_report_shows_sources_sites_and_the_run(tmp_path: Path) -> None:
    (tmp_path / "corpus" / "example.com").mkdir(parents=True)
    (tmp_path / "corpus" / "example.com" / "p.txt").write_text(DOC)
    _clean("corpus", "--out", "out", "--sites", "folder", cwd=tmp_path)
    stats = build_report(tmp_path / "out", tmp_path / "r.html")
    assert list(stats["sites"]) == ["example.com"]
    assert stats["runs"][0]["roots"] == ["corpus"]
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '"src":"corpus\\/example.com\\/p.txt"' in page  # JSON in the page escapes "/"


def test_stdin_runs_have_the_root_dash(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    proc = run_cli("clean", "-", "--manifest", str(manifest), stdin=DOC.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    assert manifest_header(manifest)["roots"] == ["-"]
    (record,) = manifest_records(manifest)
    assert (record["id"], record["root"], record["site"]) == ("-", 0, None)


def test_manifests_without_a_header_still_read(tmp_path: Path) -> None:
    """A manifest written before run headers existed: records, no sources, no failure."""
    out = tmp_path / "old"
    out.mkdir()
    (out / "manifest.jsonl").write_text(
        json.dumps({"id": "a.txt", "output": None, "status": "ok", "error": None,
                    "error_kind": None, "language": "en", "meta": {}, "changes": []}) + "\n"
    )
    assert build_report(out, tmp_path / "r.html")["totals"]["documents"] == 1


def test_changes_are_stored_in_runs_and_read_back_as_every_change(tmp_path: Path) -> None:
    # The manifest stores consecutive changes of one rule and action as one run
    # ([rule, action, [line, before, after(, note)], ...]); read_records gives back each
    # change as the API logs it, nothing lost.
    from cleaner import Cleaner

    doc = '[ad_1]\n“Yes,” he said. “No,” she said. ‘Maybe’ .\n[ad_2]\nIlham Aliev spoke.\n'
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(doc)
    _clean("in", "--out", "out", cwd=tmp_path)
    manifest = tmp_path / "out" / "manifest.jsonl"
    stored = json.loads(manifest.read_text().splitlines()[1])["changes"]
    expected = Cleaner().clean(doc, id="a.txt").record()["changes"]
    assert len(stored) < len(expected)  # quote marks of one rule share a run
    assert all(isinstance(run, list) and isinstance(run[0], str) for run in stored)
    (record,) = manifest_records(manifest)
    assert record["changes"] == expected
