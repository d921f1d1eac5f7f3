"""Remote storage, for real: memory:// in this process, and s3:// against an S3-compatible
HTTP server (moto's server mode) that the test starts as its own process on 127.0.0.1."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner.storage import from_argument, is_url
from tests.conftest import ROOT, run_cli
from tests.test_scale import make_corpus, manifest_lines, outputs

fsspec = pytest.importorskip("fsspec", reason="the remote extra: pip install 'cleaner[remote]'")


def _local_run(tmp_path: Path) -> tuple[Path, Path]:
    corpus = make_corpus(tmp_path, texts=9, jsonl_records=3)
    whole = tmp_path / "whole"
    assert run_cli("clean", str(corpus), "--out", str(whole)).returncode == 0
    return corpus, whole


def _upload(fs: object, corpus: Path, base: str) -> None:
    for path in sorted(corpus.rglob("*")):
        if path.is_file():
            fs.pipe_file(f"{base}/{path.relative_to(corpus).as_posix()}", path.read_bytes())  # type: ignore[attr-defined]


def _remote_outputs(fs: object, base: str) -> tuple[dict[str, bytes], list[bytes]]:
    found = {}
    for key in sorted(fs.find(base)):  # type: ignore[attr-defined]
        found[key[len(base) + 1 :]] = fs.cat_file(key)  # type: ignore[attr-defined]
    lines = found.pop("manifest.jsonl").splitlines()
    header, manifest = json.loads(lines[0])["run"], sorted(lines[1:])
    assert header["roots"] and all("://" in root for root in header["roots"]), header
    return found, manifest


@pytest.mark.parametrize(
    ("given", "url"),
    [
        (Path("s3://bucket/in"), "s3://bucket/in"),
        (Path("memory://x/a.txt"), "memory://x/a.txt"),
        (Path("file:///tmp/x"), "file:///tmp/x"),
        ("hf://datasets/u/d", "hf://datasets/u/d"),
    ],
)
def test_urls_survive_pathlib(given: Path | str, url: str) -> None:
    assert is_url(given) and from_argument(given) == url


def test_memory_urls_in_and_out(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cleaner.cli import app

    corpus, whole = _local_run(tmp_path)
    fs = fsspec.filesystem("memory")
    _upload(fs, corpus, "/corpus")
    try:
        result = CliRunner().invoke(
            app, ["clean", "memory://corpus/", "--out", "memory://cleaned", "-j", "1"]
        )
        assert result.exit_code == 0, result.output
        found, manifest = _remote_outputs(fs, "/cleaned")
    finally:
        fs.rm("/corpus", recursive=True)
        fs.rm("/cleaned", recursive=True)
    assert found == outputs(whole)
    assert manifest == manifest_lines(whole)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server() -> Iterator[dict[str, str]]:
    """A real S3-compatible HTTP server on the loopback address, and the env to reach it."""
    pytest.importorskip("moto.server", reason="pip install 'moto[server]'")
    pytest.importorskip("s3fs", reason="the remote extra: pip install 'cleaner[remote]'")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert server.poll() is None and time.monotonic() < deadline, "moto did not start"
            time.sleep(0.1)
    env = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL_S3": f"http://127.0.0.1:{port}",
    }
    try:
        yield env
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_s3_bucket_in_to_bucket_out(tmp_path: Path, s3_server: dict[str, str]) -> None:
    import s3fs

    corpus, whole = _local_run(tmp_path)
    fs = s3fs.S3FileSystem(
        key="testing",
        secret="testing",
        client_kwargs={"endpoint_url": s3_server["AWS_ENDPOINT_URL_S3"]},
    )
    fs.mkdir("bucket")
    _upload(fs, corpus, "bucket/in")
    env = {**os.environ, "PYTHONPATH": str(ROOT), **s3_server}
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", "s3://bucket/in/", "--out", "s3://bucket/out/"],
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    fs.invalidate_cache()
    found, manifest = _remote_outputs(fs, "bucket/out")
    assert found == outputs(whole)
    assert manifest == manifest_lines(whole)
    missing = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", "s3://bucket/nothing", "--out", "o"],
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert missing.returncode == 2 and b"s3://bucket/nothing: no such file" in missing.stderr


def test_without_fsspec_a_url_says_what_to_install(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked" / "fsspec"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text("raise ImportError('No module named fsspec')\n")
    env = {**os.environ, "PYTHONPATH": f"{blocked.parent}{os.pathsep}{ROOT}"}
    proc = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", "s3://bucket/in", "--out", "o"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == 2
    assert proc.stderr.decode() == (
        "cleaner: s3://bucket/in: reading and writing URLs needs fsspec: pip install "
        "'cleaner[remote]' (fsspec and s3fs; for gs:// add gcsfs, for hf:// huggingface_hub)\n"
    )
    assert not (tmp_path / "o").exists()
