"""JSONL in and out, stdin filters, parallel runs and the incremental cache, for real."""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

from cleaner import Cleaner
from tests.conftest import ROOT, manifest_header, manifest_records, run_cli

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _records() -> list[dict]:
    return [
        {
            "id": seed.stem,
            "text": seed.read_text(encoding="utf-8"),
            "url": f"https://x/{n}",
            "metadata": {"source": "seeds"},
        }
        for n, seed in enumerate(SEEDS)
    ]


def _write_jsonl(path: Path, records: list[dict], *, extra: list[str] = ()) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[2:2] = extra
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)


def _read_jsonl(path: Path) -> list[dict]:
    data = path.read_bytes()
    data = gzip.decompress(data) if path.name.endswith(".gz") else data
    return [json.loads(line) for line in data.decode().splitlines()]


def test_jsonl_matches_folder_mode_and_keeps_every_field(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _write_jsonl(corpus, _records())
    out = tmp_path / "out"
    proc = run_cli("clean", str(corpus), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    cleaned = _read_jsonl(out / "corpus.jsonl")
    for record, seed in zip(cleaned, SEEDS, strict=True):
        assert list(record) == ["id", "text", "url", "metadata"]
        assert record["text"] == (ROOT / "tests" / "golden" / "seeds" / seed.name).read_text()
        assert record["metadata"]["source"] == "seeds"
        ours = record["metadata"]["cleaner"]
        assert ours["language"] == "en" and ours["changes"]
    manifest = manifest_records(out / "manifest.jsonl")
    assert [m["id"] for m in manifest] == [f"corpus.jsonl:{n}" for n in range(1, 6)]
    assert [m["record_id"] for m in manifest] == [s.stem for s in SEEDS]


def test_jsonl_gz_and_malformed_lines(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl.gz"
    _write_jsonl(corpus, _records(), extra=["{not json", '{"id": "x", "body": "no text field"}'])
    out = tmp_path / "out"
    proc = run_cli("clean", str(corpus), "--out", str(out))
    assert proc.returncode == 1
    assert f"{corpus}:3: invalid JSON".encode() in proc.stderr
    assert f"{corpus}:4: no string field 'text'".encode() in proc.stderr
    written = _read_jsonl(out / "corpus.jsonl.gz")
    assert len(written) == 6  # the record without text passes through, with its error
    assert written[2]["metadata"]["cleaner"] == {
        "error": "no string field 'text'",
        "error_kind": "input",
    }
    manifest = manifest_records(out / "manifest.jsonl")
    assert [(m["line"], m["status"]) for m in manifest] == [
        (1, "ok"),
        (2, "ok"),
        (3, "error"),
        (4, "error"),
        (5, "ok"),
        (6, "ok"),
        (7, "ok"),
    ]


def test_custom_fields(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"key": "k1", "body": "[ad_1]\nHello there."}) + "\n")
    out = tmp_path / "out"
    proc = run_cli(
        "clean", str(corpus), "--out", str(out), "--text-field", "body", "--id-field", "key"
    )
    assert proc.returncode == 0, proc.stderr
    (record,) = _read_jsonl(out / "c.jsonl")
    assert record["body"] == "Hello there.\n" and record["key"] == "k1"
    assert record["metadata"]["cleaner"]["changes"] == {
        "boilerplate.ad-marker": 1,
        "tidy.final-newline": 1,
    }


def test_stdin_jsonl_filter_one_record_in_one_out(tmp_path: Path) -> None:
    records = _records()
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    proc = run_cli("clean", "-", "--format", "jsonl", stdin=data)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == len(records)
    assert [json.loads(line)["id"] for line in lines] == [r["id"] for r in records]
    assert proc.stderr.decode().startswith("cleaned 5 documents")


def test_jobs_give_byte_identical_outputs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(60):
        seed = SEEDS[n % len(SEEDS)]
        (docs / f"{n:03d}.txt").write_bytes(
            seed.read_bytes().replace(b"the", f"the{n % 7}".encode(), 1)
        )
    corpus = tmp_path / "corpus.jsonl"
    _write_jsonl(corpus, _records() * 20)
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        proc = run_cli("clean", str(docs), str(corpus), "--out", str(out), "--jobs", jobs)
        assert proc.returncode == 0, proc.stderr
        outputs[jobs] = {
            p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*"))
            if p.is_file() and ".cleaner-cache" not in p.parts
        }
    assert outputs["1"] == outputs["2"]
    assert len(outputs["1"]) == 62


def test_second_run_does_no_work_and_force_redoes_it(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for seed in SEEDS:
        (docs / seed.name).write_bytes(seed.read_bytes())
    corpus = tmp_path / "corpus.jsonl"
    _write_jsonl(corpus, _records())
    out = tmp_path / "out"
    first = run_cli("clean", str(docs), str(corpus), "--out", str(out))
    manifest = (out / "manifest.jsonl").read_bytes()
    second = run_cli("clean", str(docs), str(corpus), "--out", str(out))
    assert first.returncode == second.returncode == 0
    assert b"done in an earlier run" not in first.stderr
    assert b"10 changed" in second.stderr and b"; 10 done in an earlier run" in second.stderr
    assert (out / "manifest.jsonl").read_bytes() == manifest
    (docs / SEEDS[0].name).write_text("[ad_1]\nChanged.\n")
    third = run_cli("clean", str(docs), str(corpus), "--out", str(out))
    assert b"; 9 done in an earlier run" in third.stderr
    assert (out / SEEDS[0].name).read_text() == "Changed.\n"
    forced = run_cli("clean", str(docs), str(corpus), "--out", str(out), "--force")
    assert b"done in an earlier run" not in forced.stderr
    after_force = run_cli("clean", str(docs), str(corpus), "--out", str(out))
    assert b"; 10 done in an earlier run" in after_force.stderr


def test_edited_output_is_redone(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("[ad_1]\nHello.\n")
    out = tmp_path / "out"
    run_cli("clean", str(docs), "--out", str(out))
    (out / "a.txt").write_text("tampered\n")
    proc = run_cli("clean", str(docs), "--out", str(out))
    assert b"done in an earlier run" not in proc.stderr
    assert (out / "a.txt").read_text() == "Hello.\n"


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    proc = run_cli("clean", "seeds", "--out", str(tmp_path / "out"))
    assert proc.stderr.decode().splitlines() == [
        "cleaned 5 documents: 5 changed, 0 unchanged, 0 errors"
    ]


def _peak_rss_kb(tmp_path: Path, records: int) -> int:
    corpus = tmp_path / f"big{records}.jsonl"
    blob = "x" * 400_000
    with corpus.open("w") as stream:
        for n in range(records):
            stream.write(json.dumps({"id": n, "text": "[ad_1]\nHi.", "blob": blob}) + "\n")
    out = tmp_path / f"out{records}"
    script = (
        "import resource, sys, runpy; sys.argv = ['cleaner', 'clean', sys.argv[1], '--out', sys.argv[2], '--jobs', '1'];"
        "\ntry:\n    runpy.run_module('cleaner', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-c", script, str(corpus), str(out)],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert len(_read_jsonl(out / corpus.name)) == records
    return int(proc.stdout.decode().split()[-1])


def test_large_pass_through_fields_stream(tmp_path: Path) -> None:
    """Memory stays flat: records with big extra fields are streamed, so 40 MB of them peak
    about where 4 MB do (reading the whole file would add at least its size)."""
    small, large = _peak_rss_kb(tmp_path, 10), _peak_rss_kb(tmp_path, 100)
    assert large - small < 30_000, f"peak RSS {small} kB for 4 MB, {large} kB for 40 MB"


def test_api_batch_with_jobs_equals_one_by_one() -> None:
    cleaner = Cleaner()
    items = [(s.name, s.read_bytes()) for s in SEEDS]
    parallel = [r.text for r in cleaner.clean_many(items, jobs=2)]
    assert parallel == [cleaner.clean(data, id=name).text for name, data in items]


def test_pipe_gives_what_folder_mode_gives() -> None:
    for seed in SEEDS:
        proc = run_cli("clean", "-", stdin=seed.read_bytes())
        assert proc.stdout.decode() == (ROOT / "tests" / "golden" / "seeds" / seed.name).read_text()


def test_import_is_cheap() -> None:
    """Importing the package loads no rules, no language profiles, no ftfy."""
    import subprocess
    import sys

    code = (
        "import sys, cleaner\n"
        "heavy = [m for m in ('langdetect', 'ftfy', 'cleaner.rules', 'cleaner.pipeline') if m in sys.modules]\n"
        "print(heavy)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout.strip() == "[]"


def test_two_cleaners_with_different_rules_live_side_by_side(tmp_path: Path) -> None:
    rules = tmp_path / "r.toml"
    rules.write_text(
        '[[rule]]\nid = "t.x"\ndescription = "x"\nkind = "alias"\ncanonical = "Zed"\n'
        'variants = ["Zee"]\nexamples = [{ input = "Zee", expected = "Zed" }]\nunchanged = ["Z"]\n'
    )
    plain, custom = Cleaner(), Cleaner(rules=[rules], quotes="curly")
    assert custom.clean('Zee said "hi"').text == "Zed said “hi”\n"
    assert plain.clean('Zee said "hi"').text == 'Zee said "hi"\n'


def _read_terminal(leader: int, follower: int) -> bytes:
    """Everything written to a pseudo-terminal until its writer is gone."""
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    return seen


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import pty
    import subprocess
    import sys

    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(30):
        (docs / f"{n}.txt").write_text(f"[ad_1]\nDocument {n}.\n")
    leader, follower = pty.openpty()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "cleaner",
            "clean",
            str(docs),
            "--out",
            str(tmp_path / "out"),
            "-j",
            "1",
        ],
        stderr=follower,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"},
        timeout=120,
    )
    seen = _read_terminal(leader, follower)
    assert proc.returncode == 0 and proc.stdout == b""
    assert b"cleaning" in seen and b"cleaned 30 documents" in seen


def test_progress_moves_through_one_big_jsonl_file(tmp_path: Path) -> None:
    """One file, many records: the bar counts documents and bytes as they go (terminal only)."""
    import pty
    import subprocess
    import sys

    corpus = tmp_path / "big.jsonl"
    text = "The ministry said the talks would resume next week in Moscow. " * 40
    with corpus.open("w") as stream:
        for n in range(3000):
            stream.write(json.dumps({"id": n, "text": text}) + "\n")
    leader, follower = pty.openpty()
    command = [
        sys.executable,
        "-m",
        "cleaner",
        "clean",
        str(corpus),
        "--out",
        str(tmp_path / "out"),
    ]
    proc = subprocess.Popen(
        [*command, "-j", "1"],
        stderr=follower,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120"},
    )
    seen = _read_terminal(leader, follower)
    assert proc.wait(timeout=300) == 0
    shown = seen.decode(errors="replace")
    counts = [int(n.replace(",", "")) for n in re.findall(r"cleaning ([\d,]+) documents", shown)]
    assert any(0 < n < 3000 for n in counts), "the bar moved within the file"
    assert "MB" in shown and "/s" in shown  # bytes and a rate


def test_jsonl_filter_answers_each_record_before_the_input_ends(tmp_path: Path) -> None:
    """A slow producer: one line in, one line back, while stdin is still open."""
    import select
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "clean", "-", "--format", "jsonl", "--jobs", "2"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for n in range(3):
            proc.stdin.write(json.dumps({"id": n, "text": f"Record {n} ."}).encode() + b"\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            assert ready, f"no output for record {n} before the end of the input"
            assert json.loads(proc.stdout.readline())["text"] == f"Record {n}.\n"
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    assert proc.returncode == 0


def test_jsonl_filter_keeps_stdout_for_records(tmp_path: Path) -> None:
    """--explain goes to stderr, --manifest is written, bad lines go to --rejects only."""
    lines = [
        json.dumps({"id": "a", "text": "Nagorno Karabakh ."}),
        "{not json",
        "42",
        json.dumps({"id": "b", "body": "no text"}),
    ]
    manifest, rejects = tmp_path / "m.jsonl", tmp_path / "rejects.jsonl"
    proc = run_cli(
        "clean",
        "-",
        "--format",
        "jsonl",
        "--explain",
        "--manifest",
        str(manifest),
        "--rejects",
        str(rejects),
        stdin=("\n".join(lines) + "\n").encode(),
    )
    assert proc.returncode == 1  # input errors, every good record still out
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["id"] for r in out] == ["a", "b"]
    assert out[1]["metadata"]["cleaner"]["error"] == "no string field 'text'"
    assert b"<stdin>:1:1: names.nagorno-karabakh" in proc.stderr
    assert b"<stdin>" not in proc.stdout  # every stdout line is a record (parsed above)
    assert rejects.read_text().splitlines() == ["{not json", "42"]
    assert [r["line"] for r in manifest_records(manifest)] == [1, 2, 3, 4]
    assert manifest_header(manifest)["roots"] == ["-"]


def _tree(out: Path) -> dict[str, bytes]:
    """Every file of an output folder but its cache, by relative path."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and ".cleaner-cache" not in p.parts
    }


def test_the_cache_points_into_the_manifest_and_holds_no_copy_of_it(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(60):
        body = "\n\n".join(
            f"Paragraph {k} of report {n}: the ministry said , on {k + n} May, that the talks "
            f"in Baku with Yasar Aliev would resume next week and that {n * k} delegates came."
            for k in range(90)
        )
        (docs / f"{n:02}.txt").write_text(f"[ad_1]\nReport {n}\n\n{body}\nShare this:\n")
    out = tmp_path / "out"
    first = run_cli("clean", str(docs), "--out", str(out))
    assert first.returncode == 0, first.stderr
    written = _tree(out)
    text = sum(len(data) for name, data in written.items() if name.endswith(".txt"))
    cache = sum(p.stat().st_size for p in (out / ".cleaner-cache").rglob("*") if p.is_file())
    assert cache <= 0.05 * text, (cache, text)  # keys, digests and pointers: no records
    again = run_cli("clean", str(docs), "--out", str(out))
    assert b"; 60 done in an earlier run" in again.stderr, again.stderr
    assert _tree(out) == written  # outputs and manifest, byte for byte
    # Without the manifest the cache has no records to give: everything is cleaned again.
    (out / "manifest.jsonl").unlink()
    redone = run_cli("clean", str(docs), "--out", str(out))
    assert b"done in an earlier run" not in redone.stderr, redone.stderr
    assert _tree(out) == written
    assert not list((out / ".cleaner-cache").glob("*.partial"))
