"""Guards: a rule file's ``[guards]`` names patterns once; a rule's ``unless`` lists them.

The loader puts the listed guards in a lookbehind at the end of each of the rule's
patterns, ``(?:PATTERN)(?<!(?:G1|G2...)[^\\n]*)``: a line the pattern matches stays when a
guard matches anywhere in it (a sentence reporting what someone said).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from cleaner.api import Cleaner
from cleaner.rules import LineSpec, RuleError, TailSpec, default_rule_files, load_rules

RULE = """
[[rule]]
id = "mine.app"
description = "App download prompts, however the line runs on."
kind = "remove_line"
ignore_case = true
patterns = ['Download\\s+our\\s+app\\b[^\\n]*']
unless = UNLESS
examples = [{ input = "Text.\\nDownload our app now.\\nMore.", expected = "Text.\\nMore.\\n" }]
unchanged = ["Download our app, the company urged readers on Monday."]
"""
OWN = "[guards]\nurged = '\\burged\\b'\n"


def rule(unless: str = '["urged"]', guards: str = OWN) -> str:
    return guards + RULE.replace("UNLESS", unless)


# (file text, the error it gives, why): every message names the file, and the rule or guard.
BROKEN = [
    (rule('["urge"]'), r"rule 'mine\.app': 'unless': unknown guard 'urge' \(did you mean 'urged'", "unknown guard"),
    (rule('["reporting-verb"]', guards=""), r"'unless': unknown guard 'reporting-verb'; .*loaded: none", "shipped guard, shipped rules off"),
    (rule('"urged"'), r"rule 'mine\.app': 'unless' must be a list, not str", "unless not a list"),
    (rule("[1]"), r"rule 'mine\.app': every item of 'unless' must be a string", "unless of numbers"),
    (rule('["urged", "urged"]'), r"'unless' lists guard 'urged' twice", "a guard listed twice"),
    (rule(guards="[guards]\nurged = '(?:urged'\n"), r"mine\.toml: \[guards\]: 'urged': invalid regex", "guard syntax error"),
    (rule(guards="[guards]\nurged = 'x*'\n"), r"\[guards\]: 'urged': .*matches the empty string", "guard matching nothing"),
    (rule(guards="[guards]\nurged = 3\n"), r"\[guards\]: 'urged': must be a pattern or a non-empty list", "guard not a pattern"),
    (rule(guards="[guards]\nurged = []\n"), r"\[guards\]: 'urged': must be a pattern or a non-empty list", "guard empty list"),
    (rule(guards="[guards]\nUrged = 'urged'\n"), r"\[guards\]: 'Urged': a guard name is lowercase", "guard name"),
    ("guards = ['x']\n" + rule(guards=""), r"mine\.toml: \[guards\] must be a table", "guards not a table"),
    (
        rule().replace("patterns = [", "patterns = [{ patern = 'x' }, "),
        r"a pattern table has unknown key 'patern' \(did you mean 'pattern'\?\)",
        "pattern table key",
    ),
    (
        rule().replace("patterns = [", "patterns = [{ pattern = 'x', unless = 'urged' }, "),
        r"pattern 'x': 'unless' must be a list of guard names",
        "pattern table unless",
    ),
    (rule().replace("patterns = [", "patterns = [3, "), r"every item of 'patterns' must be a pattern string or a table", "pattern item type"),
    (rule(guards="[guards]\nurged = '([\"“])[^\"”]*\\1'\n"), r"\[guards\]: 'urged': .*holds a back reference; .*lookbehind", "guard with a back reference"),
    (RULE.replace("UNLESS", '["urged"]').replace('kind = "remove_line"', 'kind = "remove_run"').replace("patterns = [", "# [").replace("ignore_case = true", ""), r"unknown key 'unless'.*'unless' is a key of remove_line, remove_tail", "unless on a kind without it"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message", "why"), BROKEN, ids=[b[2] for b in BROKEN])
def test_broken_guards(tmp_path: Path, text: str, message: str, why: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match=message) as caught:
        load_rules([path], defaults=False)
    assert "mine.toml" in str(caught.value)


def test_a_guard_name_is_defined_once_across_files(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(rule(guards="[guards]\nreporting-verb = 'urged'\n"), encoding="utf-8")
    with pytest.raises(RuleError, match=r"'reporting-verb': already defined in .*boilerplate"):
        load_rules([path])


CASES = [
    ("Download our app for breaking news alerts.\n", ""),
    (
        "Download our app, the company urged readers on Monday.\n",
        "Download our app, the company urged readers on Monday.\n",
    ),
]


@pytest.mark.parametrize(
    ("unless", "guards", "defaults"),
    [
        ('["urged"]', OWN, False),  # its own guard
        ('["reporting-clause", "reporting-verb"]', "", True),  # the shipped ones
    ],
    ids=["own guard", "shipped guards"],
)
def test_a_user_rule_with_guards_keeps_reported_speech(
    tmp_path: Path, unless: str, guards: str, defaults: bool
) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(rule(unless, guards), encoding="utf-8")
    cleaner = Cleaner(rules=[path], default_rules=defaults)
    for text, expected in CASES:
        assert cleaner.clean(text).text == expected
    # Without the guard, the same pattern matches the reported speech too.
    path.write_text(rule("[]", guards), encoding="utf-8")
    spec = load_rules([path], defaults=False)[-1].spec
    assert isinstance(spec, LineSpec) and spec.pattern.fullmatch(CASES[1][0].strip())


def test_a_guards_only_file_serves_the_files_after_it(tmp_path: Path) -> None:
    (tmp_path / "a-guards.toml").write_text(OWN, encoding="utf-8")
    (tmp_path / "b-rules.toml").write_text(rule(guards=""), encoding="utf-8")
    rules = load_rules([tmp_path], defaults=False)
    assert [r.id for r in rules] == ["mine.app"]


def test_a_pattern_table_takes_its_own_guards(tmp_path: Path) -> None:
    text = rule().replace(
        "patterns = [", "patterns = [{ pattern = 'Get\\s+our\\s+app[^\\n]*', unless = [] }, "
    )
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    spec = load_rules([path], defaults=False)[-1].spec
    assert isinstance(spec, LineSpec)
    assert spec.pattern.pattern == (
        "(?:Get\\s+our\\s+app[^\\n]*)|"
        "(?:(?:Download\\s+our\\s+app\\b[^\\n]*)(?<!(?:\\burged\\b)[^\\n]*))"
    )


def _listed(guard: str | list[str]) -> list[str]:
    return [guard] if isinstance(guard, str) else guard


def _written_out(path: Path, earlier: dict[str, Any]) -> dict[str, list[str]]:
    """Each shipped line rule's patterns with its guards written out by hand, the form every
    pattern had before [guards] existed (computed here without the loader's code). A file
    may name the guards of the files loaded before it (``earlier``, updated with its own)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    earlier.update(data.get("guards", {}))
    guards = earlier
    written: dict[str, list[str]] = {}
    for table in data["rule"]:
        if table["kind"] not in ("remove_line", "remove_tail"):
            continue
        patterns = []
        for item in table["patterns"]:
            pattern = item if isinstance(item, str) else item["pattern"]
            names = table.get("unless", []) if isinstance(item, str) else item.get("unless", [])
            texts = [t for n in names for t in _listed(guards[n])]
            patterns.append(f"(?:{pattern})(?<!(?:{'|'.join(texts)})[^\\n]*)" if texts else pattern)
        written[table["id"]] = patterns
    return written


def test_shipped_guarded_patterns_compile_as_they_were_written() -> None:
    # The patterns were written out in full before [guards]; the loader must compile exactly
    # that text, so line screens, end screens and every match stay as they were.
    rules = {rule.id: rule for rule in load_rules([], defaults=True)}
    guarded = 0
    earlier: dict[str, Any] = {}
    for path in default_rule_files():
        for rule_id, patterns in _written_out(path, earlier).items():
            spec = rules[rule_id].spec
            assert isinstance(spec, LineSpec | TailSpec)
            assert spec.pattern.pattern == "|".join(f"(?:{p})" for p in patterns), rule_id
            guarded += sum("(?<!(?:" in p for p in patterns)
    assert guarded >= 34  # boilerplate 17, furniture 17 at the time guards were named


def test_no_shipped_pattern_carries_a_copy_of_a_guard() -> None:
    for path in default_rule_files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        texts = [t for g in data.get("guards", {}).values() for t in _listed(g)]
        for table in data["rule"]:
            for item in table.get("patterns", []):
                pattern = item if isinstance(item, str) else item["pattern"]
                assert not any(t in pattern for t in texts), table["id"]
