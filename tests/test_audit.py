"""The audit report: its numbers against the manifest, sharded manifests, JSONL runs, the
input rebuilt from the log, and the page itself in a headless browser."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from cleaner.audit import ReportError, build_report
from cleaner.audit.context import reconstruct
from cleaner.document import LINE_BREAK
from tests.conftest import manifest_records

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

# Anything a browser would fetch: src/href/action/poster to a URL, CSS url() or @import.
LOADS = re.compile(
    r"""\b(?:src|href|action|poster|srcset|data)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?\s*(?:https?:)?//|@import""",
    re.IGNORECASE,
)


def clean(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("audit") / "run"
    done = clean(str(SEEDS), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


def expected_counts(parts: list[Path]) -> dict:
    """The numbers the report must give, counted straight from the manifest lines."""
    totals = Counter()
    rules: Counter = Counter()
    languages: Counter = Counter()
    for part in parts:
        for record in manifest_records(part):
            totals["documents"] += 1
            languages[record["language"] or "(none)"] += 1
            if record["status"] == "error":
                totals["errors"] += 1
            elif record["changes"]:
                totals["changed"] += 1
            else:
                totals["unchanged"] += 1
            totals["changes"] += len(record["changes"])
            rules.update(change["rule"] for change in record["changes"])
    return {"totals": totals, "rules": dict(rules), "languages": dict(languages)}


def rule_counts(stats: dict) -> dict[str, int]:
    return {
        rule: numbers["changes"]
        for step in stats["steps"]
        for rule, numbers in step["stats"]["rules"].items()
    }


def page_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="data">(.*?)</script>', html, re.S)
    assert found, "the page carries its data"
    return json.loads(found[1])


def test_report_matches_the_manifest(seeds_run, tmp_path):
    stats_path = tmp_path / "stats.json"
    stats = build_report(seeds_run, tmp_path / "report.html", stats=stats_path)
    expected = expected_counts([seeds_run / "manifest.jsonl"])
    for key in ("documents", "changed", "unchanged", "errors", "changes"):
        assert stats["totals"][key] == expected["totals"][key], key
    assert stats["totals"]["documents"] == 5
    assert rule_counts(stats) == expected["rules"]
    assert {k: v["documents"] for k, v in stats["languages"].items()} == expected["languages"]
    # Sizes: outputs as written; inputs rebuilt from the log equal the (UTF-8) seed files.
    outputs = [p for p in seeds_run.glob("*.txt")]
    assert stats["totals"]["bytes_out"] == sum(p.stat().st_size for p in outputs)
    assert stats["totals"]["bytes_in"] == sum(p.stat().st_size for p in SEEDS.glob("*.txt"))
    assert json.loads(stats_path.read_text(encoding="utf-8")) == stats


def test_page_is_self_contained(seeds_run, tmp_path):
    build_report(seeds_run, tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert not LOADS.search(html), LOADS.search(html)
    assert "http://" not in html and "https://" not in html
    assert "<link" not in html and not re.search(r"<script[^>]+src", html)
    data = page_data(html)
    assert {rule[0] for rule in data["rules"]} == set(
        expected_counts([seeds_run / "manifest.jsonl"])["rules"]
    )
    # Shipped rules show their description; every seed is shown in context.
    assert dict((r[0], r[1]) for r in data["rules"])["boilerplate.ad-marker"].startswith("Ad ")
    assert len(data["docs"]) == 5


def test_default_path_and_same_bytes_every_time(seeds_run, tmp_path):
    build_report(seeds_run)
    first = (seeds_run / "report.html").read_bytes()
    build_report(seeds_run, tmp_path / "again.html")
    assert (tmp_path / "again.html").read_bytes() == first


def test_no_manifest_is_an_error_that_says_what_to_do(tmp_path):
    with pytest.raises(ReportError, match="run 'cleaner clean"):
        build_report(tmp_path)


def test_sharded_manifest_gives_the_same_totals(seeds_run, tmp_path):
    out = tmp_path / "sharded"
    out.mkdir()
    lines = (seeds_run / "manifest.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (out / "manifest-0000-of-0002.jsonl").write_text("".join(lines[:2]), encoding="utf-8")
    (out / "manifest-0001-of-0002.jsonl").write_text("".join(lines[2:]), encoding="utf-8")
    for output in seeds_run.glob("*.txt"):
        (out / output.name).write_bytes(output.read_bytes())
    whole = build_report(seeds_run, tmp_path / "whole.html")
    parts = build_report(out, stats=tmp_path / "parts.json")
    assert parts["manifests"] == ["manifest-0000-of-0002.jsonl", "manifest-0001-of-0002.jsonl"]
    assert parts["totals"] == whole["totals"]
    assert rule_counts(parts) == rule_counts(whole)
    assert parts["languages"] == whole["languages"]


def test_jsonl_run_errors_sites_and_clean_text(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        '{"id": "a", "text": "[ad_1]\\nIlham Aliev of Azerbaijan spoke.", '
        '"metadata": {"url": "https://www.news.example/a"}}\n'
        "\n"
        '{"id": "broken", "text": \n'
        '{"id": "c", "text": "The war in Nagorno Karabakh ended . See https://x.example/", '
        '"metadata": {"url": "https://other.example/c"}}\n',
        encoding="utf-8",
    )
    out = tmp_path / "run"
    assert clean(str(corpus), "--out", str(out)).returncode == 1  # one line is an error
    stats = build_report(out)
    assert stats["totals"]["documents"] == 3
    assert stats["totals"]["errors"] == 1
    assert set(stats["sites"]) == {"news.example", "other.example", "(none)"}
    data = page_data((out / "report.html").read_text(encoding="utf-8"))
    assert [error[0] for error in data["errors"]] == ["corpus.jsonl:3"]
    # Record c is the second ok record of the output: its clean text is shown beside it.
    (doc,) = [d for d in data["docs"] if d["id"] == "corpus.jsonl:4"]
    shown = "".join(s for row in doc["rows"] if row[0] == "k" for s in row[3] if isinstance(s, str))
    assert "ended." in shown and doc["rid"] == "c"
    # A URL in a document is data, not a reference the page could load.
    assert "https://" not in (out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("changes", "clean_text", "rows", "why"),
    [
        (
            [{"rule": "r.x", "action": "remove_line", "line": 2, "before": "Ad\n", "after": ""}],
            "One\nTwo\n",
            [["k", 1, 1, ["One"]], ["r", 2, "Ad", 0, 0], ["k", 3, 2, ["Two"]]],
            "a removed line sits between the lines around it",
        ),
        (
            [
                {"rule": "r.x", "action": "remove_line", "line": 2, "before": "A\n", "after": ""},
                {"rule": "r.y", "action": "remove_block", "line": 2, "before": "B\nC", "after": ""},
            ],
            "One\n",
            [["k", 1, 1, ["One"]], ["r", 2, "A", 0, 0], ["r", 3, "B", 1, 0], ["r", 4, "C", 1, 0]],
            "a later removal at the same logged line skips the lines already taken",
        ),
        (
            [
                {
                    "rule": "tidy.blank-lines",
                    "action": "normalize",
                    "line": 1,
                    "before": "\n\n\n\n",
                    "after": "\n\n",
                }
            ],
            "One\n\nTwo\n",
            [
                ["k", 1, 1, ["One"]],
                ["r", 2, "", 0, 0],
                ["r", 3, "", 0, 0],
                ["k", 4, 2, [""]],
                ["k", 5, 3, ["Two"]],
            ],
            "collapsed blank lines are the lines after the one the run starts on",
        ),
        (
            [{"rule": "spacing.x", "action": "replace", "line": 1, "before": " ", "after": ""}],
            "Yes, no.\n",
            [["k", 1, 1, ["Yes, no.", [0, 0]]]],
            "a change with nothing after it cannot be placed: shown at the end of its line",
        ),
        (
            [
                {"rule": "q", "action": "replace", "line": 1, "before": "“", "after": '"'},
                {"rule": "q", "action": "replace", "line": 1, "before": "”", "after": '"'},
            ],
            'He said "no" twice.\n',
            [["k", 1, 1, ["He said ", [0], "no", [1], " twice."]]],
            "one rule's replacements on a line are placed left to right",
        ),
    ],
)
def test_input_rebuilt_from_the_log(changes, clean_text, rows, why):
    assert reconstruct(changes, clean_text).rows == rows, why


def test_rebuilt_lines_line_up_with_the_real_inputs(seeds_run):
    """Every removed line sits at its real input line number (the seeds are the inputs)."""
    for record in manifest_records(seeds_run / "manifest.jsonl"):
        source = LINE_BREAK.split((SEEDS / record["id"]).read_text(encoding="utf-8"))
        clean_text = (seeds_run / record["output"]).read_text(encoding="utf-8")
        view = reconstruct(record["changes"], clean_text)
        assert not view.approximate
        for row in view.rows:
            if row[0] == "r":
                # The log keeps a line as it was when removed (earlier fixes included).
                real = source[row[1] - 1].strip()
                similar = SequenceMatcher(None, row[2].strip(), real).ratio()
                assert similar > 0.8 or row[2].strip() in real, (record["id"], row, real)


# --- the page in a browser ------------------------------------------------------------------


def need_browser() -> None:
    """Skip without Chromium or Selenium, except in CI (CI=true), where that is a failure."""
    missing = []
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install selenium)")
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            missing.append(f"{path} (apt-get install chromium chromium-driver)")
    if missing:
        message = "browser test needs " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def browser(tmp_path):
    need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    yield driver
    driver.quit()


def test_page_filters_by_rule_in_a_browser(seeds_run, tmp_path, browser):
    from selenium.webdriver.common.by import By

    report = tmp_path / "report.html"
    stats = build_report(seeds_run, report)
    browser.get(report.as_uri())
    listed = browser.find_elements(By.CSS_SELECTOR, "#doclist li")
    assert len(listed) == stats["totals"]["changed"] == 5

    # A rule that changed some documents but not all: its bar filters the page.
    rule = "boilerplate.ad-marker"
    changed = next(
        numbers["documents"]
        for step in stats["steps"]
        for name, numbers in step["stats"]["rules"].items()
        if name == rule
    )
    assert 0 < changed < 5
    bar = next(
        g
        for g in browser.find_elements(By.CSS_SELECTOR, "#chart g.bar")
        if g.find_element(By.CSS_SELECTOR, "text.id").text == rule
    )
    index = bar.get_attribute("data-rule")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", bar)
    bar.click()  # the chart is drawn again: find the bar anew below

    listed = browser.find_elements(By.CSS_SELECTOR, "#doclist li")
    assert len(listed) == changed
    assert all(rule in li.get_attribute("data-rules").split() for li in listed)
    selected = browser.find_element(By.ID, "f-rule")
    assert selected.find_element(By.CSS_SELECTOR, "option:checked").text.startswith(rule)
    assert "sel" in browser.find_element(
        By.CSS_SELECTOR, f'#chart g.bar[data-rule="{index}"]'
    ).get_attribute("class")
    # The document shown marks that rule's changes, with the rule on hover.
    hits = browser.find_elements(By.CSS_SELECTOR, "#viewer .hit")
    assert hits and all(hit.get_attribute("title").startswith(rule) for hit in hits)
    assert browser.find_element(By.ID, "f-summary").text.startswith(f"{changed} documents")

    # Text search narrows further; clearing the filters brings every document back.
    search = browser.find_element(By.ID, "f-text")
    search.send_keys("zzz-not-in-any-document")
    browser.implicitly_wait(0)
    browser.execute_script("return new Promise(r => setTimeout(r, 400))")
    assert browser.find_elements(By.CSS_SELECTOR, "#doclist li") == []
    browser.find_element(By.ID, "f-clear").click()
    assert len(browser.find_elements(By.CSS_SELECTOR, "#doclist li")) == 5

    browser.save_screenshot(str(tmp_path / "report.png"))
    assert (tmp_path / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe


def test_screenshot_script(tmp_path):
    need_browser()
    picture = tmp_path / "docs" / "report.png"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "screenshot.py"), str(picture), "--height", "1200"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
