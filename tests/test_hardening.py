"""Hardening: no input, fault or rule file may crash a batch, touch an input, hang, or go stale.

One test (or table) per row of the hardening issue, each reproducing what failed. Faults are
real: a full tmpfs, a read-only mount, a folder another user cannot read, a held lock.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.api import _digest_tree
from cleaner.batch import Batch, Plan
from cleaner.cache import CACHE_DIR
from cleaner.io import RunLock, discover
from cleaner.report import Report
from cleaner.rules import RuleError, load_rules
from tests.conftest import ROOT, manifest_records, run_cli

sys.path.insert(0, str(ROOT / "bench"))
import pathological


def manifest(out: Path) -> list[dict]:
    return manifest_records(out / "manifest.jsonl")


@contextlib.contextmanager
def hang_guard(seconds: int = 60) -> Iterator[None]:
    """Fail instead of hanging: the suite only guards; timing is bench/pathological.py's."""

    def alarm(*_: object) -> None:
        raise TimeoutError(f"took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def as_nobody(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the CLI as an unprivileged user (root reads and writes everything)."""
    if os.geteuid() != 0:
        return run_cli(*args, cwd=cwd)
    command = [
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        sys.executable,
        "-m",
        "cleaner",
        *args,
    ]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": "/tmp"}
    return subprocess.run(command, cwd=cwd, capture_output=True, env=env, timeout=300)


def world_readable(path: Path) -> None:
    for folder in [path, *path.parents]:
        if folder == Path("/"):
            break
        folder.chmod(folder.stat().st_mode | 0o755)


# --- row 1: a JSONL record that cannot be read never kills the run ------------------------


def test_row1_bad_jsonl_records_are_errors_and_the_rest_is_cleaned(tmp_path: Path) -> None:
    lines = [
        b'{"id": "a", "text": "lone \\ud800 surrogate in Nagorno Karabakh."}',
        b'{"id": "\\udc00", "text": "An id with a lone surrogate.", "x": "\\ud800"}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"id": "big", "n": ' + b"9" * 5_000 + b', "text": "Five thousand digits."}',
        b'{"id": "z", "text": "The last record, Nagorno Karabakh."}',
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(b"\n".join(lines) + b"\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "after.txt").write_text("A later file.\n")
    out = tmp_path / "out"
    proc = run_cli("clean", str(corpus), str(tmp_path / "docs"), "--out", str(out))
    assert proc.returncode == 1, proc.stderr  # input errors, nothing worse
    records = manifest(out)
    by_line = {r.get("line"): r for r in records if "line" in r}
    assert [by_line[n]["status"] for n in range(1, 6)] == ["ok", "ok", "error", "error", "ok"]
    assert "nested too deeply" in by_line[3]["error"]
    assert by_line[4]["error_kind"] == "input"
    written = [json.loads(line) for line in (out / "corpus.jsonl").read_text().splitlines()]
    assert written[0]["text"] == "lone \ufffd surrogate in Nagorno-Karabakh.\n"
    assert written[1]["id"] == "\udc00" and written[1]["x"] == "\ud800"  # kept exactly
    assert (out / "after.txt").read_text() == "A later file.\n"


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.recursive(
        st.none() | st.booleans() | st.floats() | st.integers() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=20,
    )
)
def test_row1_any_json_value_is_a_record_or_an_error(value: object) -> None:
    from cleaner.batch import Fields, _clean_lines

    line = json.dumps(value).encode("utf-8", "surrogatepass")
    record = {"text": value} if not isinstance(value, dict) else value
    lines = [(1, line), (2, json.dumps(record).encode("utf-8", "surrogatepass"))]
    done = _clean_lines(CLEANER, ("x", Fields("text", "id", 1 << 20), lines))
    assert len(done) == 2
    for output, entry, _ in done:
        assert entry.get("error_kind") != "internal", entry
        if output is not None:
            json.loads(output)


CLEANER = Cleaner()


# --- rows 2 and 3: inputs are untouchable -----------------------------------------------


def test_row2_out_above_an_input_folder_is_refused(tmp_path: Path) -> None:
    inputs = tmp_path / "X" / "in"
    (inputs / "in").mkdir(parents=True)
    (inputs / "a.txt").write_text("The input.\n")
    (inputs / "in" / "a.txt").write_text("[ad_1]\nAnother input.\n")
    proc = run_cli("clean", str(inputs), "--out", str(tmp_path / "X"))
    assert proc.returncode == 2 and b"overlap" in proc.stderr
    assert (inputs / "a.txt").read_text() == "The input.\n"


@pytest.mark.parametrize("where", ["the file", "inside the folder"])
def test_row3_manifest_on_an_input_is_refused(tmp_path: Path, where: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The input.\n")
    target = docs / "a.txt" if where == "the file" else docs / "m.jsonl"
    proc = run_cli("clean", str(docs), "--out", str(tmp_path / "out"), "--manifest", str(target))
    assert proc.returncode == 2 and b"--manifest" in proc.stderr
    assert (docs / "a.txt").read_text() == "The input.\n"
    assert sorted(p.name for p in docs.iterdir()) == ["a.txt"]


def test_row3_symlinked_out_into_an_input_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The input.\n")
    (tmp_path / "link").symlink_to(docs)
    proc = run_cli("clean", str(docs), "--out", str(tmp_path / "link" / "out"))
    assert proc.returncode == 2


# --- rows 4 and 5: any file name --------------------------------------------------------


def _run_batch(
    paths: list[Path], out: Path, *, read: bool = True, **plan: object
) -> tuple[Report, list[dict]]:
    report = Report()
    batch = Batch(CLEANER, Plan(out=out, **plan), report, lambda _: None)  # type: ignore[arg-type]
    batch.run(discover(paths), lambda _bytes, _documents: None)
    return report, manifest(out) if read and (out / "manifest.jsonl").exists() else []


@settings(max_examples=40)
@given(
    st.binary(min_size=1, max_size=120).filter(
        lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
    )
)
def test_row4_any_file_name_bytes(tmp_path_factory: pytest.TempPathFactory, name: bytes) -> None:
    root = tmp_path_factory.mktemp("names")
    docs = root / "docs"
    docs.mkdir()
    path = os.path.join(os.fsencode(docs), name + b".txt")
    with open(path, "wb") as stream:
        stream.write(b"Nagorno Karabakh.\n")
    report, records = _run_batch([docs], root / "out")
    assert report.exit_code == 0 and records[0]["status"] == "ok"
    written = os.path.join(os.fsencode(root / "out"), name + b".txt")
    with open(written, "rb") as stream:
        assert stream.read() == b"Nagorno-Karabakh.\n"
    assert manifest_records(root / "out" / "manifest.jsonl")[0]["id"] == os.fsdecode(
        name + b".txt"
    )


def test_row4_non_utf8_name_through_the_cli(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    with open(os.path.join(os.fsencode(docs), b"latin1_\xe9\xff.txt"), "wb") as stream:
        stream.write(b"Hello .\n")
    proc = run_cli("clean", str(docs), "--out", str(tmp_path / "out"), "--explain")
    assert proc.returncode == 0, proc.stderr
    assert b"latin1_\\xe9\\xff.txt" in proc.stdout
    assert os.listdir(os.fsencode(tmp_path / "out" / "")).count(b"latin1_\xe9\xff.txt") == 1


def test_row5_longest_legal_file_name(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    name = "n" * 251 + ".txt"  # 255 bytes: NAME_MAX
    (docs / name).write_text("Hello .\n")
    report, _ = _run_batch([docs], tmp_path / "out")
    assert report.exit_code == 0 and (tmp_path / "out" / name).read_text() == "Hello.\n"


# --- row 6: never stale -----------------------------------------------------------------


def test_row6_other_jsonl_fields_clean_again(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Nagorno Karabakh.", "body": "Hello ."}\n')
    out = tmp_path / "out"
    assert run_cli("clean", str(corpus), "--out", str(out)).returncode == 0
    proc = run_cli("clean", str(corpus), "--out", str(out), "--text-field", "body")
    assert b"earlier run" not in proc.stderr
    assert json.loads((out / "c.jsonl").read_text())["body"] == "Hello.\n"


def test_row6_the_code_digest_covers_every_source_file(tmp_path: Path) -> None:
    package = tmp_path / "cleaner"
    shutil.copytree(ROOT / "cleaner", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = _digest_tree(package)
    with (package / "steps" / "tidy.py").open("a") as stream:
        stream.write("\n# a change\n")
    assert _digest_tree(package) != before


def test_row6_a_new_fingerprint_cleans_again(tmp_path: Path, monkeypatch) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Hello .\n")
    out = tmp_path / "out"
    first, _ = _run_batch([docs], out)
    again, _ = _run_batch([docs], out)
    assert (first.skipped, again.skipped) == (0, 1)
    monkeypatch.setattr("cleaner.api.code_digest", lambda: "another version of the code")
    changed, _ = _run_batch([docs], out)
    assert changed.skipped == 0


# --- row 7: idempotent for any text -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He said «Ã©tÃ©» yesterday.",
        "cafe\u200b\u0301 au lait",
        "« Ã© » and “ Ã© ”",
        "x\u0301\u200b\u0301",
        # Found by bench/fuzz.py (shrunk by hand).
        "Ð\u200bº",
        "\u202f√ü",
        "\xa0â\x80\x9e",
        b"\x83\xe2\x80\xb9\xa2\xe2\x82\xac\xc2\xa2",
        b"\x80\x8b\xc2\x99\n",
        b"ost a Com\xc2\xbbmenu\n\xc3\x97\xc2\x90\xed\xab\x9c",
        "\u0327‹\u0338",
        '" ' * 4001,
    ],
)
def test_row7_idempotent_on_the_reported_inputs(text: str | bytes) -> None:
    once = CLEANER.clean(text).text
    assert CLEANER.clean(once).text == once


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_row7_idempotent_on_any_text(text: str) -> None:
    result = CLEANER.clean(text)
    assert result.error_kind != "internal", result.trace
    if result.ok:
        assert CLEANER.clean(result.text).text == result.text


@settings(max_examples=300)
@given(st.binary(max_size=300))
def test_row7_idempotent_on_any_bytes(data: bytes) -> None:
    result = CLEANER.clean(data)
    assert result.error_kind in (None, "input"), result.trace
    if result.ok:
        assert CLEANER.clean(result.text).text == result.text


# --- row 8: no quadratic step (hang guard only; bench/pathological.py measures) ----------


@pytest.mark.parametrize("case", sorted(pathological.CASES))
def test_row8_pathological_inputs_finish(case: str) -> None:
    make, size = pathological.CASES[case]
    with hang_guard(60):
        assert CLEANER.clean(make(size)).ok


# --- rows 9 and 10: user rules cannot hang, empty or grow documents ---------------------

RULE = """
[[rule]]
id = "mine.rule"
description = "A user rule."
kind = "{kind}"
{data}
examples = [{{ input = "{example_in}", expected = "{example_out}" }}]
"""


def rule_file(tmp_path: Path, kind: str, data: str, example: tuple[str, str]) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(RULE.format(kind=kind, data=data, example_in=example[0], example_out=example[1]))
    return path


def test_row9_a_catastrophic_user_pattern_is_stopped_and_named(tmp_path: Path) -> None:
    rules = rule_file(tmp_path, "remove_line", "patterns = ['(a|aa)+$']", ("aa\\nText.", "Text."))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("a" * 60 + "!\n")
    (docs / "b.txt").write_text("Hello .\n")
    out = tmp_path / "out"
    with hang_guard(120):
        proc = run_cli(
            "clean", str(docs), "--out", str(out), "--rules", str(rules), "--rule-timeout", "0.5"
        )
    assert proc.returncode == 1, proc.stderr
    records = {r["id"]: r for r in manifest(out)}
    assert records["a.txt"]["error_kind"] == "input"
    assert "rule 'mine.rule'" in records["a.txt"]["error"]
    assert (out / "b.txt").read_text() == "Hello.\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('kind = "replace"\npattern = "a"\nreplacement = "\\\\"', "invalid replacement"),
        ('kind = "replace"\npattern = "a"\nreplacement = "\\\\q"', "invalid replacement"),
        ('kind = "replace"\npattern = "a"\nreplacement = "\\\\2"', "invalid replacement"),
        ("kind = []", "unknown kind"),
        ('kind = "remove_line"\npatterns = ["(?V0)a"]', "invalid regex"),
        ('kind = "remove_line"\npatterns = ["x{99999999}"]', "repeat count"),
        (
            'kind = "remove_line"\npatterns = ["zz"]\n'
            'examples = [{input = "a", expected = "a", language = 1}]',
            "must be a string",
        ),
    ],
    ids=["backslash", "bad-escape", "no-group", "kind-list", "v0", "huge-repeat", "language"],
)
def test_row10_rule_files_the_fuzzer_found(tmp_path: Path, body: str, message: str) -> None:
    examples = "" if "examples" in body else '\nexamples = [{input = "a", expected = "a"}]'
    path = tmp_path / "r.toml"
    path.write_text(f'[[rule]]\nid = "x.r"\ndescription = "d"\n{body}{examples}\n')
    with hang_guard(60), pytest.raises(RuleError, match=message):
        load_rules([path], defaults=False)


def test_row10_quotes_rule_with_no_single_marks_loads(tmp_path: Path) -> None:
    path = tmp_path / "q.toml"
    path.write_text(
        '[[rule]]\nid = "x.q"\ndescription = "d"\nkind = "quotes"\ndouble = ["\\""]\n'
        'single = []\nexamples = [{input = "a", expected = "a"}]\n'
    )
    assert load_rules([path], defaults=False)[0].id == "x.q"


@pytest.mark.parametrize(
    ("kind", "data", "example", "message"),
    [
        ("remove_line", "patterns = ['.*']", ("x", ""), "matches the empty string"),
        ("remove_line", "patterns = ['.+']", ("x", ""), "matches every line"),
        ("remove_line", "patterns = ['']", ("x", ""), "matches the empty string"),
        ("replace", "pattern = 'a'\nreplacement = 'aa'", ("a", "aa"), "re-creates a match"),
        ("replace", "pattern = 'b'\nreplacement = 'c'", ("b", "b"), "output differs"),
        (
            "remove_line",
            "patterns = ['Subscribe!']",
            ("Subscribe!\\nText.", "Subscribe!\\nText."),
            "output differs",
        ),
    ],
    ids=["dot-star", "dot-plus", "empty", "a-to-aa", "failing-example", "wrong-example"],
)
def test_row10_rules_that_would_harm_are_refused_at_load(
    tmp_path: Path, kind: str, data: str, example: tuple[str, str], message: str
) -> None:
    path = rule_file(tmp_path, kind, data, example)
    with pytest.raises(RuleError, match=message):
        Cleaner(rules=path, default_rules=False)
    proc = run_cli("clean", "seeds", "--out", str(tmp_path / "out"), "--rules", str(path))
    assert proc.returncode == 2 and message.encode() in proc.stderr
    assert not (tmp_path / "out").exists()


# --- row 11: alias rules load in linear time however they are written -------------------


def test_row11_many_alias_rule_tables_load(tmp_path: Path) -> None:
    path = tmp_path / "many.toml"
    with path.open("w") as stream:
        for n in range(20_000):
            stream.write(
                f'[[rule]]\nid = "user.n{n}"\ndescription = "x"\nkind = "alias"\n'
                f'canonical = "Canon{n}"\nvariants = ["Varnt{n}"]\n'
                f'examples = [{{ input = "Varnt{n} x", expected = "Canon{n} x" }}]\n'
            )
    with hang_guard(60):  # quadratic took over 170 s at 16,000
        rules = load_rules([path], defaults=False)
    assert len(rules) == 20_000 and rules[-1].source.endswith(f":{19_999 * 7 + 2}")  # its id line


# --- row 12: a damaged cache is discarded, never a crash --------------------------------


@pytest.mark.parametrize(
    "damage", ["truncate-manifest", "delete-manifest", "edit-manifest", "corrupt-database"]
)
def test_row12_damaged_cache(tmp_path: Path, damage: str) -> None:
    # The cache points into the manifest for its records: a damaged or missing manifest
    # makes the next run clean again, never copy a wrong record.
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "Nagorno Karabakh."}\n{"id": "b", "text": "B ."}\n')
    out = tmp_path / "out"
    assert run_cli("clean", str(corpus), "--out", str(out)).returncode == 0
    manifest = out / "manifest.jsonl"
    expected = manifest.read_bytes()
    if damage == "truncate-manifest":
        manifest.write_bytes(expected[:-30])
    elif damage == "delete-manifest":
        manifest.unlink()
    elif damage == "edit-manifest":
        manifest.write_bytes(expected.replace(b'"ok"', b'"OK"'))
    else:
        (out / CACHE_DIR / "done.sqlite").write_bytes(b"this is not a database" * 100)
    for again in range(2):
        proc = run_cli("clean", str(corpus), "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        assert (b"done in an earlier run" in proc.stderr) == bool(again), proc.stderr
        assert manifest.read_bytes() == expected


# --- row 13: an unreadable folder is an error record ------------------------------------


def test_row13_unreadable_sub_folder(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "locked").mkdir(parents=True)
    (docs / "a.txt").write_text("Readable.\n")
    (docs / "locked" / "b.txt").write_text("Hidden.\n")
    (docs / "locked").chmod(0o000)
    world_readable(docs)
    (docs / "locked").chmod(0o000)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o777)
    try:
        proc = as_nobody("clean", str(docs), "--out", str(out))
    finally:
        (docs / "locked").chmod(0o755)
    assert proc.returncode == 1, proc.stderr
    records = {r["id"]: r for r in manifest(out)}
    assert records["locked/"]["status"] == "error"
    assert "cannot read folder" in records["locked/"]["error"]
    assert records["a.txt"]["status"] == "ok"


# --- row 14: environment faults are one line and exit 3 ---------------------------------


@contextlib.contextmanager
def tmpfs(path: Path, options: str) -> Iterator[None]:
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["umount", str(path)], check=True)


def test_row14_disk_full(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(30):
        (docs / f"{n:02}.txt").write_text("A sentence that fills the little disk. " * 60)
    out = tmp_path / "out"
    with tmpfs(out, "size=48k"):
        proc = run_cli("clean", str(docs), "--out", str(out))
    assert proc.returncode == 3
    assert b"Traceback" not in proc.stderr
    assert b"No space left on device" in proc.stderr or b"disk is full" in proc.stderr
    assert len(proc.stderr.decode().strip().splitlines()) == 1


def test_row14_read_only_out(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Hello .\n")
    out = tmp_path / "out"
    with tmpfs(out, "size=1m,ro"):
        proc = run_cli("clean", str(docs), "--out", str(out))
    assert proc.returncode == 3
    assert b"Traceback" not in proc.stderr and b"Read-only file system" in proc.stderr
    assert len(proc.stderr.decode().strip().splitlines()) == 1


def test_row14_out_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder")
    proc = run_cli("clean", "seeds", "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and b"is a file" in proc.stderr


def test_row14_a_second_run_into_the_same_out_refuses(tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = RunLock(out)
    holder.acquire()
    try:
        proc = run_cli("clean", "seeds", "--out", str(out))
    finally:
        holder.release()
    assert proc.returncode == 3
    assert b"is in use by cleaner pid" in proc.stderr and b"Traceback" not in proc.stderr
    assert run_cli("clean", "seeds", "--out", str(out)).returncode == 0  # free again


# --- rows 15 and 16: outputs stay in --out, with the umask's permissions ----------------


def test_row15_no_write_through_a_symlink_in_out(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "sub" / "a.txt").write_text("Hello .\n")
    (docs / "b.txt").write_text("Fine .\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(elsewhere)
    proc = run_cli("clean", str(docs), "--out", str(out))
    assert proc.returncode == 3
    assert list(elsewhere.iterdir()) == []
    records = {r["id"]: r for r in manifest(out)}
    assert records["sub/a.txt"]["error_kind"] == "environment"
    assert (out / "b.txt").read_text() == "Fine.\n"


def test_row16_outputs_follow_the_umask(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Hello .\n")
    out = tmp_path / "out"
    code = "import os, sys; os.umask(0o022); from cleaner.cli import main; sys.argv[0]='c'; main()"
    subprocess.run(
        [sys.executable, "-c", code, "clean", str(docs), "--out", str(out)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
    )
    assert (out / "a.txt").stat().st_mode & 0o777 == 0o644
    assert (out / "manifest.jsonl").stat().st_mode & 0o777 == 0o644


# --- rows 17 and 18: memory stays bounded -----------------------------------------------


def _rerun_peak(tmp_path: Path, count: int) -> int:
    docs = tmp_path / f"docs{count}"
    docs.mkdir()
    for n in range(count):
        (docs / f"{n:05}.txt").write_text(f"Document {n} .\n")
    out = tmp_path / f"out{count}"
    _run_batch([docs], out, jobs=1)
    tracemalloc.start()
    report, _ = _run_batch([docs], out, jobs=1, read=False)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert report.skipped == count
    return peak


def test_row17_rerun_over_a_big_cache_holds_no_records(tmp_path: Path) -> None:
    small, large = _rerun_peak(tmp_path, 200), _rerun_peak(tmp_path, 2_000)
    # Ten times the documents: the discovered source list grows (about 1 KB of paths each),
    # the cached records must not stay in memory too (they added ~4 KB each).
    assert large - small < 1_800 * 2_000, (small, large)


def test_row18_documents_over_the_size_limit_are_errors(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "big.txt").write_bytes(b"word " * 2_000)
    (docs / "small.txt").write_text("Small .\n")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"text": "word " * 2_000}) + "\n" + '{"text": "Fine ."}\n')
    out = tmp_path / "out"
    proc = run_cli("clean", str(docs), str(corpus), "--out", str(out), "--max-doc-bytes", "5000")
    assert proc.returncode == 1
    records = {r["id"]: r for r in manifest(out)}
    assert "too large" in records["big.txt"]["error"]
    assert "too large" in records["c.jsonl:1"]["error"]
    assert records["c.jsonl:2"]["status"] == records["small.txt"]["status"] == "ok"
    assert Cleaner(max_doc_bytes=100).clean("x" * 101).error_kind == "input"


def test_row18_the_default_limit_is_at_least_16_mb() -> None:
    assert Cleaner().options.max_doc_bytes >= 16 * 1024 * 1024


# --- row 19: decoding edge cases --------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected", "why"),
    [
        (b"Azerbaijan\xe2\x80\nArmenia\n", "Azerbaijan\ufffd\nArmenia\n", "cut-short sequence"),
        (b"Azerbaijan\xe2\x80 army\n", "Azerbaijan\ufffd army\n", "no invented dagger"),
        (b"caf\xe9 au lait\n", "café au lait\n", "a lone byte is still Windows-1252"),
    ],
)
def test_row19_truncated_utf8(data: bytes, expected: str, why: str) -> None:
    assert CLEANER.clean(data).text == expected, why


def test_row19_utf16_without_bom_is_named() -> None:
    result = CLEANER.clean("Plain English text.".encode("utf-16-le"))
    assert result.error_kind == "input" and "UTF-16-LE" in (result.error or "")


def test_row19_nul_inside_jsonl_text_is_removed_and_logged() -> None:
    result = CLEANER.clean("Hel\x00lo there.")
    assert result.text == "Hello there.\n"
    assert (result.changes[0].rule, result.changes[0].before) == ("repair.control-characters", "\0")


# --- newcomer findings ------------------------------------------------------------------


def test_newcomer_a_single_rule_path_is_one_path(tmp_path: Path) -> None:
    path = rule_file(tmp_path, "remove_line", "patterns = ['Subscribe!']", ("Subscribe!\\nT.", "T."))
    assert Cleaner(rules=str(path)).rules[-1].id == "mine.rule"
    assert Cleaner(rules=path).rules[-1].id == "mine.rule"


def test_newcomer_stdin_cannot_be_mixed_with_paths() -> None:
    proc = run_cli("clean", "-", "seeds", stdin=b"x")
    assert proc.returncode == 2 and b"cannot be mixed" in proc.stderr


def test_newcomer_names_suggest_reads_jsonl(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    texts = ["Margaryan spoke.", "Margaryan left.", "Margarian said so."]
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    proc = run_cli("names", "suggest", str(corpus), "--no-default-rules", "--format", "json")
    assert proc.returncode == 0 and b"Margarian" in proc.stdout


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What happened ? Nobody knows !", "What happened? Nobody knows!\n"),
        ("Qu'est-ce qui s'est passé ? Personne ne le sait !", None),  # French spacing stays
    ],
)
def test_newcomer_space_before_question_and_exclamation(text: str, expected: str | None) -> None:
    assert CLEANER.clean(text).text == (expected or text + "\n")


def test_newcomer_license_and_packaging() -> None:
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert "/work/" not in (ROOT / "bench" / "README.md").read_text()
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'license = "MIT"' in pyproject and '"cleaner.default_rules"' in pyproject


def test_upper_case_txt_files_are_found(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "A.TXT").write_text("Upper .\n")
    (docs / "b.txt").write_text("Lower .\n")
    (docs / "c.md").write_text("Not text .\n")
    assert [source.id for source in discover([docs])] == ["A.TXT", "b.txt"]
