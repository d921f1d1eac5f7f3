"""The CLI's own coercion of option values (``cli._plain_value``) against typer's.

typer coerces every value through a pydantic adapter; the CLI does it without pydantic for the
kinds of values it takes, and hands anything it is not sure of to typer's adapter. For every
parameter of every command and a table of values, both ways give the same value of the same
type, or the same error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main

from cleaner import cli

pytestmark = pytest.mark.skipif(cli._RuntimeParam is None, reason="typer without pydantic")

# Strings as a shell hands them over, and values a default or a caller could give.
STRINGS = [
    "", "0", "1", "2", "007", "-1", "+3", " 4", "4 ", "1_000", "0x10", "1e3", "3.0", "0.5",
    "0.0005", "0.001", ".5", "5.", "nan", "inf", "-0", "99999999999999999999", "١٢", "²",
    "abc", "auto", "AUTO", "Straight", "curly", "keep", "url", "folder", "none", "jsonl",
    "text", "local", "ray", "tsv", "json", "-", "out", "a/b", "~/x", " spaced ", "café",
    "\udcff", "x\x00y", ".", "/", "true", "no",
    # paths spelled as users type them: typer's errors quote them as typed
    "./a/b", "a/b/", "a//b", "./out", "out/", "./missing", "missing/", "./a/b/",
]  # fmt: skip
OTHERS: list[Any] = [None, 0, 3, -2, 5.0, 0.0001, True, False, Path("out"), Path("-"), b"x"]


def _params() -> Iterator[tuple[str, Any]]:
    def walk(command: Any, path: str) -> Iterator[tuple[str, Any]]:
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}")
        for param in command.params:
            if isinstance(param.get_runtime_param(), cli._PlainParam):
                yield f"{path} --{param.name}", param

    return walk(typer.main.get_command(cli.app), "cleaner")


PARAMS = dict(_params())


def _outcome(coerce: Any, value: Any, param: Any) -> tuple[str, Any]:
    try:
        found = coerce(value, param=param, ctx=None)
    except Exception as exc:  # the error is the outcome to compare
        return "error", (type(exc), str(exc))
    return "value", (
        type(found),
        [type(x) for x in found] if isinstance(found, list) else None,
        found,
    )


def test_every_value_parameter_of_the_commands_is_coerced_by_the_cli() -> None:
    assert len(PARAMS) >= 30
    assert "cleaner clean --paths" in PARAMS and "cleaner clean --jobs" in PARAMS


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_plain_coercion_equals_typers(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    param = PARAMS[name]
    plain = param.get_runtime_param()
    typers = cli.build_runtime_param(param.type_descriptor)
    assert not isinstance(typers, cli._PlainParam)
    monkeypatch.chdir(tmp_path)  # relative paths are looked up here (some exist, some do not)
    Path("out").mkdir()
    Path("a").mkdir()
    Path("a/b").write_text("x")
    values: list[Any] = [*STRINGS, *OTHERS, ("1", "2"), ["out", "a/b"], ("auto",), ["x", 3]]
    for value in values:
        assert _outcome(plain.coerce, value, param) == _outcome(typers.coerce, value, param), (
            name,
            value,
        )


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_unreadable_paths_are_named_as_typed(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests run as root here, so "not readable" is made to happen: its message quotes the path
    as the user typed it, with typer's adapter and without."""
    param = PARAMS[name]
    plain, typers = param.get_runtime_param(), cli.build_runtime_param(param.type_descriptor)
    monkeypatch.chdir(tmp_path)
    Path("a").mkdir()
    Path("a/b").write_text("x")
    monkeypatch.setattr(os, "access", lambda path, mode, **_: False)
    for value in ["./a/b", "a//b", "./a", "a/", "a/b"]:
        assert _outcome(plain.coerce, value, param) == _outcome(typers.coerce, value, param), (
            name,
            value,
        )


def test_a_cli_run_imports_no_pydantic(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Hello.\n")
    code = (
        "import sys; from cleaner.cli import main; sys.argv = ['cleaner', 'clean', "
        f"{str(tmp_path / 'a.txt')!r}, '--out', {str(tmp_path / 'out')!r}, '-q', '--jobs', '1']\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print(sorted(m for m in sys.modules if m.startswith('pydantic')))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "[]"
    assert (tmp_path / "out" / "a.txt").read_text() == "Hello.\n"
