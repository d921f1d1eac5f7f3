"""The README's examples run: its ``pycon`` blocks as doctests, its tested shell blocks."""

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


def test_there_are_examples_to_run() -> None:
    assert len(SHELL) >= 4 and PYCON


@pytest.mark.parametrize("block", PYCON, ids=[f"pycon-{n}" for n in range(len(PYCON))])
def test_python_examples(block: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(block, {}, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0


@pytest.mark.parametrize("block", SHELL, ids=[f"sh-{n}" for n in range(len(SHELL))])
def test_shell_examples(block: str, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    bin_dir = Path(sys.executable).parent
    assert (bin_dir / "cleaner").exists(), "install the project first: pip install -e '.[dev]'"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, f"{block}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
