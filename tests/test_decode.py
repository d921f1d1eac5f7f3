"""Decoding bytes: encodings detected and recorded, binary data an error, never garbage."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.steps.decode import DecodeError, decode
from tests.conftest import manifest_records, run_cli

CASES = [
    (
        "café “owner’s” naïve".encode("cp1252"),
        "café “owner’s” naïve",
        "windows-1252",
        "Windows-1252",
    ),
    (codecs.BOM_UTF8 + "Ilham Əliyev".encode(), "Ilham Əliyev", "utf-8-sig", "UTF-8 with BOM"),
    ("Ilham Əliyev".encode(), "Ilham Əliyev", "utf-8", "UTF-8"),
    ("hello".encode("utf-16"), "hello", "utf-16 (BOM)", "UTF-16 with BOM"),
    (
        "Привет, как дела у вас сегодня? Всё хорошо.".encode("cp1251"),
        "Привет, как дела у вас сегодня? Всё хорошо.",
        "cp1251",
        "Cyrillic Windows-1251",
    ),
    (b"", "", "utf-8", "empty"),
    (
        "Azerbaijan’s “café”".encode() + b" It\x92s mixed.",
        "Azerbaijan’s “café” It’s mixed.",
        "utf-8 (with 1 windows-1252 bytes)",
        "UTF-8 with a stray Windows-1252 byte",
    ),
    (
        "plain café ".encode("cp1252") * 3 + "é".encode(),
        "plain café plain café plain café Ã©",
        "windows-1252",
        "Windows-1252 with one UTF-8 sequence",
    ),
]

BINARY = [
    (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"PK\x03\x04\x14\x00", "ZIP"),
    (b"text with a \x00 NUL", "NUL byte at offset 12"),
    (bytes(range(1, 9)) * 40, "control characters"),
]


@pytest.mark.parametrize(("data", "text", "encoding", "why"), CASES, ids=[c[3] for c in CASES])
def test_decode(data: bytes, text: str, encoding: str, why: str) -> None:
    assert decode(data) == (text, encoding)


@pytest.mark.parametrize(("data", "says"), BINARY, ids=[b[1] for b in BINARY])
def test_binary_is_an_error(data: bytes, says: str) -> None:
    with pytest.raises(DecodeError, match=says):
        decode(data)
    result = Cleaner().clean(data, id="bin.txt")
    assert not result.ok and says in (result.error or "") and result.text == ""


def test_mixed_folder(tmp_path: Path) -> None:
    """Windows-1252, UTF-8 with BOM and CRLF, mojibake, empty, binary: four clean, one error."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = {
        "cp1252.txt": "The country’s “capital” is Bakú.\n".encode("cp1252"),
        "bom_crlf.txt": codecs.BOM_UTF8 + b"Line one.\r\nLine two.\r\n",
        "mojibake.txt": "Azerbaijanâ€™s president spoke.\n".encode(),
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    }
    for name, data in files.items():
        (inputs / name).write_bytes(data)
    before = {p.name: p.read_bytes() for p in inputs.iterdir()}
    out = tmp_path / "out"
    proc = run_cli("clean", str(inputs), "--out", str(out))
    assert proc.returncode == 1, proc.stderr
    assert b"binary.txt" in proc.stderr and b"not text" in proc.stderr
    assert (out / "cp1252.txt").read_text() == 'The country\'s "capital" is Bakú.\n'
    assert (out / "bom_crlf.txt").read_bytes() == b"Line one.\nLine two.\n"
    assert (out / "mojibake.txt").read_text() == "Azerbaijan's president spoke.\n"
    assert (out / "empty.txt").read_bytes() == b""
    assert not (out / "binary.txt").exists()
    records = {
        r["id"]: r for r in manifest_records(out / "manifest.jsonl")
    }
    assert list(records) == sorted(files)
    assert records["binary.txt"]["status"] == "error" and records["binary.txt"]["output"] is None
    assert "PNG" in records["binary.txt"]["error"]
    assert records["cp1252.txt"]["meta"]["encoding"] == "windows-1252"
    assert records["bom_crlf.txt"]["meta"]["encoding"] == "utf-8-sig"
    assert any(c["action"] == "fix_encoding" for c in records["mojibake.txt"]["changes"])
    assert all(r["status"] == "ok" for k, r in records.items() if k != "binary.txt")
    assert {p.name: p.read_bytes() for p in inputs.iterdir()} == before, "inputs were modified"
