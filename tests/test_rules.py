"""Rule files are validated at load: errors name the file, the line, the rule and the fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cleaner.rules import RuleError, load_rules
from tests.conftest import run_cli

GOOD = """
[[rule]]
id = "test.ad"
description = "Ad markers."
kind = "remove_line"
patterns = ['\\[ad_\\d+\\]']
examples = [{ input = "[ad_1]\\nText.", expected = "Text.\\n" }]
unchanged = ["Text."]
"""

BROKEN = [
    (
        GOOD.replace("patterns =", "paterns ="),
        r"rule \'test.ad\': unknown key \'paterns\' \(did you mean \'patterns\'\?\)",
        "typo in a key",
    ),
    (
        GOOD.replace("'\\[ad_\\d+\\]'", "'[ad_('"),
        r"invalid regex '\[ad_\('",
        "regex that does not compile",
    ),
    (GOOD + GOOD, r"duplicate id \(first defined at .*:3\)", "duplicate id"),
    (
        GOOD.replace(
            'examples = [{ input = "[ad_1]\\nText.", expected = "Text.\\n" }]', "examples = []"
        ),
        "no examples",
        "a rule without examples",
    ),
    (
        GOOD.replace('kind = "remove_line"', 'kind = "remove_lines"'),
        r"unknown kind 'remove_lines' \(did you mean 'remove_line'\?\)",
        "unknown kind",
    ),
    (
        GOOD.replace('description = "Ad markers."', ""),
        "missing required key 'description'",
        "missing description",
    ),
    (GOOD.replace('id = "test.ad"', 'id = "Test Ad"'), "id must look like", "bad id"),
    (GOOD + "\n[[rule]\n", "invalid TOML", "TOML syntax"),
    (
        GOOD.replace("patterns = [", 'where = "top"\npatterns = ['),
        "'where' is 'top'; choose one of anywhere, head, tail",
        "bad choice",
    ),
    (
        GOOD.replace('{ input = "[ad_1]\\nText.", expected = "Text.\\n" }', '{ input = "[ad_1]" }'),
        "needs a string 'expected'",
        "example without expected",
    ),
    ("[rules]\nx = 1\n", "unknown top-level table 'rules'", "wrong table name"),
]


@pytest.mark.parametrize(("text", "message", "why"), BROKEN, ids=[b[2] for b in BROKEN])
def test_broken_rule_files(tmp_path: Path, text: str, message: str, why: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError, match=message) as caught:
        load_rules([path], defaults=False)
    assert str(caught.value).startswith(str(path)) or "mine.toml" in str(caught.value)


def test_error_names_the_line_of_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD + GOOD.replace("test.ad", "test.two").replace("patterns", "patternz"))
    with pytest.raises(RuleError, match=r"mine\.toml:11: rule 'test\.two': unknown key 'patternz'"):
        load_rules([path], defaults=False)


def test_good_file_loads_after_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD)
    rules = load_rules([path])
    assert rules[-1].id == "test.ad" and len(rules) > 1
    assert [r.id for r in load_rules([tmp_path], defaults=False)] == ["test.ad"]


def test_fingerprint_follows_content(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD)
    first = load_rules([path]).fingerprint
    path.write_text(GOOD.replace("Ad markers.", "Ad markers!"))
    assert load_rules([path]).fingerprint != first


def test_cli_broken_rule_file_exits_2_with_the_message(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD.replace("patterns =", "paterns ="))
    proc = run_cli("clean", "seeds", "--out", str(tmp_path / "out"), "--rules", str(path))
    assert proc.returncode == 2
    assert b"unknown key 'paterns' (did you mean 'patterns'?)" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_user_rules_apply_and_defaults_can_be_dropped(tmp_path: Path) -> None:
    rules = tmp_path / "mine.toml"
    rules.write_text(
        GOOD.replace("\\[ad_\\d+\\]", "SECRET.*").replace("[ad_1]\\nText.", "SECRET x\\nText.")
    )
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("[ad_1]\nSECRET line\nNagorno Karabakh.\n")
    out = tmp_path / "out"
    assert run_cli("clean", str(docs), "--out", str(out), "--rules", str(rules)).returncode == 0
    assert (out / "a.txt").read_text() == "Nagorno-Karabakh.\n"
    assert (
        run_cli(
            "clean", str(docs), "--out", str(out), "--rules", str(rules), "--no-default-rules"
        ).returncode
        == 0
    )
    assert (out / "a.txt").read_text() == "[ad_1]\nNagorno Karabakh.\n"


def test_cli_rules_test_runs_a_users_examples(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    proc = run_cli("rules", "test", str(good), "--no-default-rules")
    assert proc.returncode == 0 and b"1 rules, 2 examples: 2 passed, 0 failed" in proc.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace('expected = "Text.\\n"', 'expected = "Other.\\n"'))
    proc = run_cli("rules", "test", str(bad), "--no-default-rules")
    assert proc.returncode == 1
    assert b"rule 'test.ad': output differs" in proc.stdout and b"1 failed" in proc.stderr


def test_cli_rules_test_accepts_a_shipped_file() -> None:
    proc = run_cli("rules", "test", "rules/boilerplate.toml")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_shipped_rules_pass_the_checks_they_skip_at_load() -> None:
    # Shipped patterns compile on first use, unchecked at load: loaded as a user's file
    # they are compiled at once and must pass every check (no empty match, no
    # matching every probe line).
    import pickle

    from cleaner.rules import LazyPattern, _load_file, default_rule_files

    guards: dict[str, Any] = {}  # a file may name the guards of the files before it
    for path in default_rule_files():
        eager = _load_file(path.name, path.read_bytes(), shipped=False, guards=guards)
        lazy = _load_file(path.name, path.read_bytes(), shipped=True, guards=guards)
        guards |= eager.guards
        for (checked, _), (deferred, _) in zip(eager.rules, lazy.rules, strict=True):
            for name in ("pattern", "confirm", "end_markers", "sentence_end"):
                now, later = getattr(checked.spec, name, None), getattr(deferred.spec, name, None)
                if now is None:
                    continue
                assert isinstance(later, LazyPattern) and not isinstance(now, LazyPattern)
                copy = pickle.loads(pickle.dumps(later))
                assert (copy.pattern, copy.flags) == (later.pattern, later.flags)
                assert (later.pattern, later.fullmatch.__self__.flags) == (now.pattern, now.flags)
