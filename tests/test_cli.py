"""The command line, driven for real in a subprocess: paths, exit codes, streams."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import ROOT, manifest_records, run_cli

DIRTY = "[ad_1]\nAliev of Azerbaijan said « hi » , ok.\n"


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "a.txt").write_text(DIRTY)
    (docs / "sub" / "b.txt").write_text("Already clean.\n")
    (docs / "skip.md").write_text("not a txt file")
    return docs


def test_no_paths_and_no_seeds_exits_2_and_says_what_to_pass(tmp_path: Path) -> None:
    proc = run_cli("clean", cwd=tmp_path)
    assert proc.returncode == 2
    assert b"no ./seeds folder" in proc.stderr and b"pass files or folders" in proc.stderr


def test_no_paths_cleans_seeds_into_out(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "x.txt").write_text(DIRTY)
    proc = run_cli("clean", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "x.txt").is_file() and (
        tmp_path / "out" / "manifest.jsonl"
    ).is_file()


def test_folder_recursive_ids_and_mirrored_outputs(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    out = tmp_path / "out"
    proc = run_cli("clean", str(docs), "--out", str(out))
    assert proc.returncode == 0
    assert proc.stdout == b""
    assert proc.stderr.decode().strip() == "cleaned 2 documents: 1 changed, 1 unchanged, 0 errors"
    assert (out / "a.txt").read_text() == 'Aliyev of Azerbaijan said "hi", ok.\n'
    assert (out / "sub" / "b.txt").read_text() == "Already clean.\n"
    ids = [r["id"] for r in manifest_records(out / "manifest.jsonl")]
    assert ids == ["a.txt", "sub/b.txt"]
    visible = sorted(
        p.relative_to(out).as_posix() for p in out.rglob("*") if ".cleaner-cache" not in p.parts
    )
    assert visible == ["a.txt", "manifest.jsonl", "sub", "sub/b.txt"]


def test_file_argument_id_is_its_name(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    out = tmp_path / "out"
    assert run_cli("clean", str(docs / "sub" / "b.txt"), "--out", str(out)).returncode == 0
    (record,) = manifest_records(out / "manifest.jsonl")
    assert record["id"] == "b.txt" and record["output"] == "b.txt"


def test_refuses_to_write_into_an_input_folder(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    for out in (docs, docs / "out"):
        proc = run_cli("clean", str(docs), "--out", str(out))
        assert proc.returncode == 2 and b"overlap" in proc.stderr
    assert not (docs / "out").exists()


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    proc = run_cli("clean", str(tmp_path / "nope"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and b"no such file or folder" in proc.stderr


def test_check_writes_nothing_and_exits_1_when_something_would_change(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    out = tmp_path / "out"
    proc = run_cli("clean", str(docs), "--out", str(out), "--check")
    assert proc.returncode == 1 and not out.exists()
    assert b"1 would change" in proc.stderr
    clean = run_cli("clean", str(docs / "sub"), "--out", str(out), "--check")
    assert clean.returncode == 0


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    proc = run_cli("clean", str(docs), "--out", str(tmp_path / "out"), "--diff")
    assert proc.returncode == 0 and not (tmp_path / "out").exists()
    diff = proc.stdout.decode()
    assert diff.startswith(f"--- a/{docs / 'a.txt'}\n+++ b/{docs / 'a.txt'}\n")
    assert "-[ad_1]\n" in diff and '+Aliyev of Azerbaijan said "hi", ok.\n' in diff


def test_explain_prints_one_line_per_change(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    proc = run_cli("clean", str(docs), "--out", str(tmp_path / "out"), "--explain")
    lines = proc.stdout.decode().splitlines()
    assert f"{docs / 'a.txt'}:1: boilerplate.ad-marker: '[ad_1]\\n' -> ''" in lines
    assert f"{docs / 'a.txt'}:2: names.aliyev: 'Aliev' -> 'Aliyev'" in lines


def test_stdin_to_stdout_and_nothing_else_on_stdout(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    proc = run_cli("clean", "-", "--manifest", str(manifest), stdin=DIRTY.encode())
    assert proc.returncode == 0
    assert proc.stdout == b'Aliyev of Azerbaijan said "hi", ok.\n'
    (record,) = manifest_records(manifest)
    assert record["id"] == "-" and record["changes"]


def test_stdin_binary_is_an_error_exit_1() -> None:
    proc = run_cli("clean", "-", stdin=b"\x00\x01binary")
    assert proc.returncode == 1 and proc.stdout == b"" and b"NUL byte" in proc.stderr


def test_python_dash_m_and_console_script_share_the_help() -> None:
    proc = run_cli("--help")
    assert proc.returncode == 0 and b"clean" in proc.stdout
    assert (ROOT / "cleaner" / "__main__.py").is_file()


def test_one_bad_document_never_stops_the_batch(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    (docs / "0bad.txt").write_bytes(b"\x00\x00")
    (docs / "unreadable.txt").mkdir()  # a folder named like a document: skipped, not an error
    out = tmp_path / "out"
    proc = run_cli("clean", str(docs), "--out", str(out))
    assert proc.returncode == 1
    assert f"{docs / '0bad.txt'}: not text".encode() in proc.stderr
    assert (out / "a.txt").is_file() and (out / "sub" / "b.txt").is_file()
    records = manifest_records(out / "manifest.jsonl")
    assert [r["status"] for r in records] == ["error", "ok", "ok"]
    assert not list(out.rglob("*.tmp"))


def test_names_suggest_on_the_seeds_proposes_margaryan() -> None:
    proc = run_cli("names", "suggest", "--no-default-rules", "seeds/")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "Margaryan <- Margarian" in out and 'variants = ["Margarian"]' in out
    assert run_cli("names", "suggest", "seeds/").stdout.decode().startswith("# no alias rules")


def test_names_suggest_json() -> None:
    proc = run_cli("names", "suggest", "--no-default-rules", "seeds/", "--format", "json")
    data = json.loads(proc.stdout)
    assert any(s["canonical"] == "Margaryan" for s in data["suggestions"])
