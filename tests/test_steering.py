"""Steering: rules list, --disable, file-level disable and override, config files,
--version, -q/-v, the no-documents warning. Driven through the real CLI in subprocesses."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.rules import RuleError, load_rules
from tests.conftest import run_cli

DIRTY = "[ad_1]\nAliev of Azerbaijan said « hi » , ok.\n"

# The README's worked example (Rules > A worked example).
MINE = """\
[[rule]]
id = "mine.subscribe"                 # stable: never reuse an id for something else
description = "Channel subscription prompts alone on a line."
kind = "remove_line"
ignore_case = true
patterns = ['Subscribe to our (?:channel|page)!?']
examples = [
  { input = "Text.\\nSubscribe to our channel!\\nMore text.", expected = "Text.\\nMore text.\\n" },
]
unchanged = ["Readers who subscribe to our channel get alerts, the company said."]

[[rule]]
id = "mine.pashinyan"
description = "Nikol Pashinyan: Pashinian -> Pashinyan, in documents about Armenia."
kind = "alias"
canonical = "Pashinyan"
variants = ["Pashinian"]
when_mentions = ["Armenia"]
examples = [{ input = "Armenia's Pashinian spoke.", expected = "Armenia's Pashinyan spoke." }]
unchanged = ["Pashinian spoke."]      # no mention of Armenia: the condition does not hold
"""

# Replaces the shipped names.aliyev: only "Alijev" now, and without conditions.
OVERRIDE = """\
[[rule]]
id = "names.aliyev"
override = true
description = "Aliyev: Alijev only."
kind = "alias"
canonical = "Aliyev"
variants = ["Alijev"]
examples = [{ input = "Alijev spoke.", expected = "Aliyev spoke." }]
"""


def _out(proc) -> str:
    return proc.stdout.decode() + proc.stderr.decode()


def _clean(tmp_path: Path, text: str, *args: str, cwd: Path | None = None) -> str:
    """Clean one document with extra flags; the clean text."""
    doc = tmp_path / "doc.txt"
    doc.write_text(text)
    out = tmp_path / "cleaned"
    proc = run_cli("clean", str(doc), "--out", str(out), "--force", *args, cwd=cwd or tmp_path)
    assert proc.returncode == 0, _out(proc)
    return (out / "doc.txt").read_text()


# --- the worked example, with the shipped rules on ------------------------------------------


def test_worked_example_with_default_rules(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(MINE)
    text = "Armenia: Pashinian spoke.\nSubscribe to our channel!\nAliev of Azerbaijan too.\n"
    assert _clean(tmp_path, text, "--rules", "mine.toml") == (
        "Armenia: Pashinyan spoke.\nAliyev of Azerbaijan too.\n"
    )
    proc = run_cli("rules", "test", "mine.toml", cwd=tmp_path)
    assert proc.returncode == 0, _out(proc)
    listed = json.loads(
        run_cli("rules", "list", "mine.toml", "--format", "json", cwd=tmp_path).stdout
    )
    by_id = {rule["id"]: rule for rule in listed}
    assert by_id["mine.pashinyan"] == {
        "id": "mine.pashinyan",
        "kind": "alias",
        "source": "mine.toml:13",
        "description": "Nikol Pashinyan: Pashinian -> Pashinyan, in documents about Armenia.",
        "languages": [],
        "skip_languages": [],
        "when_mentions": ["Armenia"],
        "shipped": False,
    }
    assert by_id["names.aliyev"]["shipped"] and by_id["names.aliyev"]["languages"] == ["en"]


# --- rules list --------------------------------------------------------------------------


def test_rules_list_text_is_one_aligned_line_per_rule(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(MINE)
    proc = run_cli("rules", "list", "mine.toml", "--no-default-rules", cwd=tmp_path)
    assert proc.returncode == 0, _out(proc)
    assert proc.stdout.decode().splitlines() == [
        "mine.subscribe  remove_line  user  mine.toml:2   "
        "Channel subscription prompts alone on a line.",
        "mine.pashinyan  alias        user  mine.toml:13  Nikol Pashinyan: Pashinian -> "
        "Pashinyan, in documents about Armenia. [when_mentions: Armenia]",
    ]
    shipped = run_cli("rules", "list", cwd=tmp_path).stdout.decode().splitlines()
    assert len(shipped) == len(load_rules()) and all(" shipped " in line for line in shipped)
    starts = {line.index(" shipped ") for line in shipped}
    assert len(starts) == 1, "columns are aligned"


# --- --disable ---------------------------------------------------------------------------

DISABLE_CASES = [
    # (flags, expected clean text, why)
    ((), 'Aliyev of Azerbaijan said "hi", ok.\n', "all rules on"),
    (("--disable", "names.aliyev"), 'Aliev of Azerbaijan said "hi", ok.\n', "one id"),
    (
        ("--disable", "boilerplate.*"),
        '[ad_1]\nAliyev of Azerbaijan said "hi", ok.\n',
        "a glob switches off a family",
    ),
    (
        ("--disable", "names.*", "--disable", "spacing.*"),
        'Aliev of Azerbaijan said "hi" , ok.\n',
        "repeatable",
    ),
]


@pytest.mark.parametrize(
    ("flags", "expected", "why"), DISABLE_CASES, ids=[c[2] for c in DISABLE_CASES]
)
def test_disable_on_clean(tmp_path: Path, flags: tuple[str, ...], expected: str, why: str) -> None:
    assert _clean(tmp_path, DIRTY, *flags) == expected


def test_disable_on_rules_list_and_rules_test(tmp_path: Path) -> None:
    every = run_cli("rules", "list", "--format", "json", cwd=tmp_path)
    fewer = run_cli("rules", "list", "--format", "json", "--disable", "boilerplate.*", cwd=tmp_path)
    ids = [rule["id"] for rule in json.loads(fewer.stdout)]
    assert ids and not any(i.startswith("boilerplate.") for i in ids)
    assert len(json.loads(every.stdout)) > len(ids)
    proc = run_cli("rules", "test", "--disable", "boilerplate.*", cwd=tmp_path)
    assert proc.returncode == 0 and f"{len(ids)} rules," in proc.stderr.decode()


@pytest.mark.parametrize(
    ("command", "pattern", "hint"),
    [
        (("clean", "doc.txt", "--out", "o"), "names.aliev", "names.aliyev"),
        (("rules", "list"), "boilerplat.*", "boilerplate.*"),
        (("rules", "test"), "names.alyev", "names.aliyev"),
    ],
)
def test_disable_matching_nothing_is_a_usage_error(
    tmp_path: Path, command: tuple[str, ...], pattern: str, hint: str
) -> None:
    (tmp_path / "doc.txt").write_text(DIRTY)
    proc = run_cli(*command, "--disable", pattern, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        f"cleaner: disable {pattern!r} matches no loaded rule (did you mean {hint!r}?); "
        "'cleaner rules list' shows them\n"
    )
    assert not (tmp_path / "o").exists()


def test_disable_in_the_api_travels_and_changes_the_fingerprint() -> None:
    off = Cleaner(disable=["names.aliyev"])
    assert off.clean("Aliev of Azerbaijan.").text == "Aliev of Azerbaijan.\n"
    again = pickle.loads(pickle.dumps(off))
    assert again.spec.disable == ("names.aliyev",)
    assert again.clean("Aliev of Azerbaijan.").text == "Aliev of Azerbaijan.\n"
    assert again.fingerprint == off.fingerprint != Cleaner().fingerprint
    with pytest.raises(RuleError, match=r"did you mean 'names\.aliyev'"):
        Cleaner(disable=["names.aliev"])


# --- a rule file's disable and override --------------------------------------------------

FILE_CASES = [
    # (user file, expected text of DIRTY + "Alijev.", why)
    (
        'disable = ["names.aliyev"]\n',
        'Aliev of Azerbaijan said "hi", ok.\nAlijev.\n',
        "a file of only a disable list",
    ),
    (
        'disable = ["names.aliyev", "boilerplate.ad-*"]\n\n' + MINE,
        '[ad_1]\nAliev of Azerbaijan said "hi", ok.\nAlijev.\n',
        "disable beside rules, with a glob",
    ),
    (OVERRIDE, 'Aliev of Azerbaijan said "hi", ok.\nAliyev.\n', "override replaces wholesale"),
]


@pytest.mark.parametrize(("rules", "expected", "why"), FILE_CASES, ids=[c[2] for c in FILE_CASES])
def test_rule_file_disable_and_override(
    tmp_path: Path, rules: str, expected: str, why: str
) -> None:
    (tmp_path / "user.toml").write_text(rules)
    assert _clean(tmp_path, DIRTY + "Alijev.\n", "--rules", "user.toml") == expected


def test_an_overriding_rule_takes_the_id_and_place(tmp_path: Path) -> None:
    (tmp_path / "user.toml").write_text(OVERRIDE)
    plain = [r["id"] for r in json.loads(run_cli("rules", "list", "--format", "json").stdout)]
    proc = run_cli("rules", "list", "user.toml", "--format", "json", cwd=tmp_path)
    listed = json.loads(proc.stdout)
    assert [r["id"] for r in listed] == plain
    (aliyev,) = [r for r in listed if r["id"] == "names.aliyev"]
    assert aliyev["source"] == "user.toml:2" and not aliyev["shipped"]
    assert run_cli("rules", "test", "user.toml", cwd=tmp_path).returncode == 0


REFUSED_FILES = [
    (
        OVERRIDE.replace("override = true\n", ""),
        r"user\.toml:2: rule 'names\.aliyev': duplicate id \(first defined at .*names\.toml:\d+\); "
        r"to replace that rule, add override = true to this one",
        "duplicate id suggests override",
    ),
    (
        OVERRIDE.replace('"names.aliyev"', '"names.aliyef"'),
        r"user\.toml:2: rule 'names\.aliyef': override = true, but no rule loaded before this "
        r"file has its id \(did you mean 'names\.aliyev'\?\)",
        "override of nothing",
    ),
    (
        'disable = ["names.aliev"]\n',
        r"user\.toml:1: disable 'names\.aliev' matches no rule loaded before this file "
        r"\(did you mean 'names\.aliyev'\?\)",
        "disable of nothing",
    ),
    (
        'disable = "names.*"\n',
        r"user\.toml: 'disable' must be a list",
        "disable not a list",
    ),
    (
        OVERRIDE.replace("override = true", 'override = "yes"'),
        r"user\.toml:2: rule #1: 'override' must be true or false",
        "override not a boolean",
    ),
    (
        'disabel = ["names.aliyev"]\n',
        r"unknown top-level table 'disabel' \(did you mean 'disable'\?\)",
        "typo in disable",
    ),
]


@pytest.mark.parametrize(
    ("rules", "message", "why"), REFUSED_FILES, ids=[c[2] for c in REFUSED_FILES]
)
def test_rule_files_refused_alike_by_clean_and_rules_test(
    tmp_path: Path, rules: str, message: str, why: str
) -> None:
    (tmp_path / "user.toml").write_text(rules)
    (tmp_path / "doc.txt").write_text(DIRTY)
    by_clean = run_cli("clean", "doc.txt", "--rules", "user.toml", "--out", "o", cwd=tmp_path)
    by_test = run_cli("rules", "test", "user.toml", cwd=tmp_path)
    assert by_clean.returncode == by_test.returncode == 2
    assert re.search(message, by_clean.stderr.decode()), by_clean.stderr.decode()
    assert by_clean.stderr == by_test.stderr


def test_cross_rule_checks_refuse_in_rules_test_too(tmp_path: Path) -> None:
    """Two user rules listing one variant: only the alias index sees it; rules test loads
    through it as clean does."""
    (tmp_path / "mine.toml").write_text(MINE)
    (tmp_path / "two.toml").write_text(
        '[[rule]]\nid = "two.pashinyan"\ndescription = "Pashinian again."\nkind = "alias"\n'
        'canonical = "Pashinyan"\nvariants = ["Pashinian"]\n'
        'examples = [{ input = "Pashinian spoke.", expected = "Pashinyan spoke." }]\n'
    )
    (tmp_path / "doc.txt").write_text(DIRTY)
    rules = ("--rules", "mine.toml", "--rules", "two.toml")
    by_clean = run_cli("clean", "doc.txt", *rules, "--out", "o", cwd=tmp_path)
    by_test = run_cli("rules", "test", "mine.toml", "two.toml", cwd=tmp_path)
    assert by_clean.returncode == by_test.returncode == 2
    assert b"is also a variant of rule 'mine.pashinyan'" in by_test.stderr
    assert by_clean.stderr == by_test.stderr


def test_without_shipped_rules_file_steering_is_a_note(tmp_path: Path) -> None:
    (tmp_path / "user.toml").write_text('disable = ["names.aliyev"]\n\n' + OVERRIDE)
    proc = run_cli("rules", "test", "user.toml", "--no-default-rules", cwd=tmp_path)
    assert proc.returncode == 0, _out(proc)
    (tmp_path / "doc.txt").write_text("Alijev.\n")
    proc = run_cli(
        "clean",
        "doc.txt",
        "--rules",
        "user.toml",
        "--no-default-rules",
        "--out",
        "o",
        cwd=tmp_path,
    )
    assert proc.returncode == 0, _out(proc)
    assert proc.stderr.decode().splitlines()[:2] == [
        "note: user.toml:4: rule 'names.aliyev': override = true, but no rule loaded before "
        "has its id (the shipped rules are off); it is loaded as a new rule",
        "note: user.toml:1: disable 'names.aliyev' matches no rule (the shipped rules are off)",
    ]


# --- config files ------------------------------------------------------------------------


def _project(tmp_path: Path, config: str, *, name: str = "cleaner.toml") -> Path:
    """A project with a .git folder, a config file, docs/ and a subfolder to run from."""
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    (root / name).write_text(config)
    (root / "docs").mkdir()
    (root / "docs" / "a.txt").write_text(DIRTY)
    (root / "sub" / "deeper").mkdir(parents=True)
    return root


CONFIGS = [
    ("cleaner.toml", 'paths = ["docs"]\nout = "cleaned"\ndisable = ["names.aliyev"]\n'),
    (
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.cleaner]\npaths = ["docs"]\nout = "cleaned"\n'
        'disable = ["names.aliyev"]\n',
    ),
]


@pytest.mark.parametrize(("name", "config"), CONFIGS, ids=[c[0] for c in CONFIGS])
def test_config_found_from_a_subfolder_with_paths_relative_to_it(
    tmp_path: Path, name: str, config: str
) -> None:
    root = _project(tmp_path, config, name=name)
    proc = run_cli("clean", cwd=root / "sub" / "deeper")
    assert proc.returncode == 0, _out(proc)
    assert (root / "cleaned" / "a.txt").read_text() == 'Aliev of Azerbaijan said "hi", ok.\n'


def test_config_search_stops_at_the_project_root(tmp_path: Path) -> None:
    # A config above the .git folder belongs to another project: not used.
    (tmp_path / "cleaner.toml").write_text('out = "elsewhere"\n')
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "docs" / "a.txt").write_text(DIRTY)
    proc = run_cli("config", cwd=root / "docs")
    assert proc.stdout.decode().splitlines()[:3] == [
        "# no config file found",
        "paths          []                       default",
        'out            "out"                    default',
    ]
    # So does a pyproject.toml without [tool.cleaner].
    (root / ".git").rmdir()
    (root / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert run_cli("config", cwd=root / "docs").stdout.startswith(b"# no config file found\n")


def test_flags_override_the_config(tmp_path: Path) -> None:
    root = _project(tmp_path, 'paths = ["docs"]\nout = "cleaned"\ndisable = ["names.aliyev"]\n')
    proc = run_cli("clean", "--disable", "boilerplate.*", "--out", "mine", cwd=root)
    assert proc.returncode == 0, _out(proc)
    assert not (root / "cleaned").exists()
    assert (root / "mine" / "a.txt").read_text() == '[ad_1]\nAliyev of Azerbaijan said "hi", ok.\n'
    proc = run_cli("clean", "--no-default-rules", "--out", "plain", cwd=root / "sub")
    assert proc.returncode == 2  # the file's disable then matches no loaded rule
    assert b"disable 'names.aliyev' matches no loaded rule" in proc.stderr


def test_config_command_says_where_each_setting_came_from(tmp_path: Path) -> None:
    root = _project(tmp_path, 'out = "cleaned"\njobs = 2\n\ndefault_rules = false\n')
    proc = run_cli("config", "--jobs", "1", "--disable", "names.*", cwd=root / "sub")
    assert proc.returncode == 0, _out(proc)
    lines = proc.stdout.decode().splitlines()
    assert lines[0] == "# config file: ../cleaner.toml"
    rows = {line.split()[0]: line.split(None, 2)[1:] for line in lines[1:]}
    assert rows["out"] == ['"../cleaned"', "../cleaner.toml:1"]
    assert rows["jobs"] == ["1", "--jobs"]
    assert rows["default_rules"] == ["false", "../cleaner.toml:4"]
    assert rows["disable"] == ['["names.*"]', "--disable"]
    assert rows["quotes"] == ['"auto"', "default"]
    assert rows["manifest"] == ["-", "default"]
    assert list(rows) == [
        "paths",
        "out",
        "rules",
        "default_rules",
        "disable",
        "quotes",
        "check",
        "diff",
        "explain",
        "manifest",
        "rejects",
        "format",
        "text_field",
        "id_field",
        "sites",
        "url_fields",
        "templates",
        "jobs",
        "force",
        "max_doc_bytes",
        "rule_timeout",
        "debug",
        "report",
        "quiet",
        "verbose",
        "engine",
        "address",
    ]


BAD_CONFIGS = [
    # (file, content, message, why)
    (
        "cleaner.toml",
        'out = "x"\njbos = 2\n',
        "cleaner.toml:2: unknown key 'jbos' (did you mean 'jobs'?)",
        "typo",
    ),
    (
        "cleaner.toml",
        "no_default_rules = true\n",
        "cleaner.toml:1: unknown key 'no_default_rules' (write default_rules = false)",
        "the flag's name",
    ),
    (
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.cleaner]\nout = "x"\nquote = "curly"\n',
        "pyproject.toml:6: [tool.cleaner]: unknown key 'quote' (did you mean 'quotes'?)",
        "pyproject table",
    ),
    (
        "cleaner.toml",
        'jobs = "two"\n',
        "cleaner.toml:1: 'jobs' must be a whole number, not \"two\"",
        "type",
    ),
    ("cleaner.toml", "jobs = -1\n", "cleaner.toml:1: 'jobs' must be at least 0, not -1", "range"),
    (
        "cleaner.toml",
        'quotes = "fancy"\n',
        "cleaner.toml:1: 'quotes' is 'fancy'; choose one of auto, straight, curly",
        "choice",
    ),
    ("cleaner.toml", "jobs = \n", "cleaner.toml: invalid TOML", "syntax"),
    (
        "cleaner.toml",
        'engine = "spark"\n',
        "cleaner.toml:1: 'engine' is 'spark'; choose one of local, ray",
        "engine",
    ),
]


def test_ray_address_in_the_config_without_the_ray_engine_names_the_file(tmp_path: Path) -> None:
    # address = ... in a config file is the Ray head's; with the local engine it is a mistake
    # said before anything is written, naming where it came from.
    root = _project(tmp_path, 'address = "127.0.0.1:6379"\n')
    proc = run_cli("clean", "docs", cwd=root)
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith(
        "cleaner: cleaner.toml:1: address (--address) is the Ray cluster's: use it with "
        "--engine ray"
    ), proc.stderr.decode()
    assert not (root / "out").exists()
    rows = run_cli("config", "--engine", "ray", cwd=root).stdout.decode().splitlines()
    assert 'engine         "ray"                    --engine' in rows
    assert 'address        "127.0.0.1:6379"         cleaner.toml:1' in rows


@pytest.mark.parametrize(
    ("name", "content", "message", "why"), BAD_CONFIGS, ids=[c[3] for c in BAD_CONFIGS]
)
def test_bad_config_is_a_usage_error_naming_file_and_line(
    tmp_path: Path, name: str, content: str, message: str, why: str
) -> None:
    root = _project(tmp_path, content, name=name)
    for command in (("clean", "docs"), ("config",)):
        proc = run_cli(*command, cwd=root)
        assert proc.returncode == 2
        assert proc.stderr.decode().startswith(f"cleaner: {message}"), proc.stderr.decode()
    assert not (root / "out").exists()


# --- small things ------------------------------------------------------------------------


def test_version_names_the_rules_fingerprint() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0
    from cleaner import __version__

    assert (
        proc.stdout.decode() == f"cleaner {__version__} (rules {load_rules().fingerprint[:12]})\n"
    )


def test_quiet_and_verbose(tmp_path: Path) -> None:
    root = _project(tmp_path, "")
    (root / "docs" / "b.txt").write_text("Clean.\n")
    quiet = run_cli("clean", "docs", "-q", cwd=root)
    assert quiet.returncode == 0 and quiet.stderr == b"" and quiet.stdout == b""
    verbose = run_cli("clean", "docs", "--verbose", "--force", cwd=root)
    assert verbose.stderr.decode().splitlines() == [
        "a.txt: 5 changes",
        "b.txt: 0 changes",
        "cleaned 2 documents: 1 changed, 1 unchanged, 0 errors",
    ]
    again = run_cli("clean", "docs", "-v", cwd=root)
    assert again.stderr.decode().splitlines()[0] == "a.txt: 5 changes (done in an earlier run)"
    (root / "docs" / "bad.txt").write_bytes(b"\x00\x01binary")
    errors = run_cli("clean", "docs", "-q", "--force", cwd=root)
    assert errors.returncode == 1
    assert errors.stderr.decode().startswith("error: ") and b"cleaned" not in errors.stderr
    both = run_cli("clean", "docs", "-q", "-v", cwd=root)
    assert both.returncode == 2 and b"cannot be used together" in both.stderr


def test_no_documents_is_a_warning_and_exit_0(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text("not a .txt file")
    proc = run_cli("clean", "empty", "--out", "o", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stderr.decode() == (
        "warning: no documents found in empty (folders are searched for *.txt, *.jsonl and "
        "*.jsonl.gz)\n"
    )
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "command", [("clean",), ("rules", "list"), ("rules", "test"), ("config",), ()]
)
def test_help_shows_metavars_not_python_types(command: tuple[str, ...]) -> None:
    text = run_cli(*command, "--help").stdout.decode()
    assert "Usage:" in text
    for python_type in ("<bool>", "<list", "<path>", "<str>", "<int", "<float"):
        assert python_type not in text, (python_type, text)
