"""The README's examples run: ``pycon`` blocks as doctests, tested ``sh`` blocks for their exit
status, and tested ``console`` blocks for their shown output.

A ``console`` block is a transcript: lines starting with ``$ `` are commands (run by bash in a
folder holding a copy of ``seeds/`` and every README block marked ``<!-- file: NAME -->``), the
lines after a command are its output (stdout and stderr together), compared line by line; a
line ``...`` stands for any number of lines, and ``...`` inside a line for any text.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SHELL = re.findall(r"<!-- tested -->\n```sh\n(.*?)```", README, flags=re.S)
PYCON = re.findall(r"```pycon\n(.*?)```", README, flags=re.S)
CONSOLE = re.findall(r"<!-- tested -->\n```console\n(.*?)```", README, flags=re.S)
FILES = re.findall(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```", README, flags=re.S)


def test_there_are_examples_to_run() -> None:
    assert len(SHELL) >= 3 and PYCON and len(CONSOLE) >= 4 and FILES


@pytest.mark.parametrize("block", PYCON, ids=[f"pycon-{n}" for n in range(len(PYCON))])
def test_python_examples(block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(block, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0


def _workspace(tmp_path: Path) -> dict[str, str]:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    for name, content in FILES:
        (tmp_path / name).write_text(content, encoding="utf-8")
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "cleaner").exists(), "install the project first: pip install -e '.[dev]'"
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "COLUMNS": "100"}


@pytest.mark.parametrize("block", SHELL, ids=[f"sh-{n}" for n in range(len(SHELL))])
def test_shell_examples(block: str, tmp_path: Path) -> None:
    env = _workspace(tmp_path)
    proc = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"{block}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"


def transcript(block: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) pairs of a console block."""
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
    return steps


def matches(expected: list[str], got: list[str]) -> bool:
    """Line-by-line comparison where a ``...`` line skips any lines, ``...`` any text."""
    if not expected:
        return not got
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(matches(rest, got[n:]) for n in range(len(got) + 1))
    if not got:
        return False
    pattern = ".*".join(re.escape(part) for part in head.split("..."))
    return re.fullmatch(pattern, got[0].rstrip()) is not None and matches(rest, got[1:])


@pytest.mark.parametrize("block", CONSOLE, ids=[f"console-{n}" for n in range(len(CONSOLE))])
def test_console_examples(block: str, tmp_path: Path) -> None:
    env = _workspace(tmp_path)
    for command, expected in transcript(block):
        proc = subprocess.run(
            ["bash", "-c", "{ " + command + "\n} 2>&1"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        got = proc.stdout.splitlines()
        assert matches([e.rstrip() for e in expected], got), (
            f"$ {command}\n--- expected\n" + "\n".join(expected) + "\n--- got\n" + proc.stdout
        )
