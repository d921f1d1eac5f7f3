"""Reading a run's output folder: its manifest parts, streamed, and the clean outputs.

A run writes ``manifest.jsonl``; a sharded run writes ``manifest-IIII-of-NNNN.jsonl`` parts.
Both are read, whole file first, then the parts in index order, one line at a time.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> for name in ("manifest-0001-of-0002.jsonl", "manifest-0000-of-0002.jsonl", "x.jsonl"):
...     _ = (folder / name).write_text("")
>>> [part.name for part in manifest_parts(folder)]
['manifest-0000-of-0002.jsonl', 'manifest-0001-of-0002.jsonl']
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from cleaner.io import expand_changes

MANIFEST = "manifest.jsonl"
PART = re.compile(r"manifest-(\d+)-of-(\d+)\.jsonl")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


class ReportError(ValueError):
    """A folder that cannot be reported on; the message says why and what to do."""


def manifest_parts(out: Path) -> list[Path]:
    """The manifest files of a run: ``manifest.jsonl``, then the shard parts by index."""
    parts = [out / MANIFEST] if (out / MANIFEST).is_file() else []
    shards = [(PART.fullmatch(path.name), path) for path in out.glob("manifest-*-of-*.jsonl")]
    parts += [
        path
        for found, path in sorted(
            ((m, p) for m, p in shards if m), key=lambda item: (int(item[0][2]), int(item[0][1]))
        )
    ]
    return parts


def read_records(
    parts: list[Path], runs: list[dict[str, Any]] | None = None, *, sources: bool = False
) -> Iterator[dict[str, Any]]:
    """Every manifest record, in order, one line at a time (blank lines skipped).

    A part opens with its run header (``{"run": {...}}``: the input roots, once), which is
    not a record: it is appended to ``runs`` (one per distinct header). With ``sources``,
    each record gets ``source``, its input path (its root joined with its ``id``), when it
    names a root its header lists (manifests written before run headers get none).
    """
    for part in parts:
        roots: list[Any] = []
        with part.open(encoding="utf-8") as stream:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ReportError(
                        f"{part}:{number}: not a manifest record ({exc}); was the run "
                        "interrupted? Clean again to rewrite the manifest"
                    ) from None
                if isinstance(record, dict) and "id" not in record and "run" in record:
                    run = record["run"] if isinstance(record["run"], dict) else {}
                    roots = run.get("roots") if isinstance(run.get("roots"), list) else []
                    if runs is not None and run not in runs:
                        runs.append(run)
                    continue
                if not isinstance(record, dict) or "id" not in record:
                    raise ReportError(f"{part}:{number}: not a manifest record (no 'id')")
                if "changes" in record:
                    record["changes"] = expand_changes(record["changes"])
                root = record.get("root")
                if sources and isinstance(root, int) and 0 <= root < len(roots):
                    record["source"] = source_path(str(roots[root]), str(record["id"]))
                yield record


def source_path(root: str, source_id: str) -> str:
    """Where a record's input was: its root joined with its id (a JSONL record's id ends in
    ``:LINE``, which stays).

    >>> source_path("corpus", "a/b.txt"), source_path(".", "b.txt"), source_path("-", "-:3")
    ('corpus/a/b.txt', 'b.txt', '-:3')
    """
    if root in (".", "") or root == "-":
        return source_id
    return posixpath.join(root, source_id)


def is_jsonl_record(record: dict[str, Any]) -> bool:
    """True for a record of a JSONL input (its output is one line of a JSONL file)."""
    output = record.get("output")
    return "line" in record and isinstance(output, str) and output.endswith(JSONL_SUFFIXES)


class Outputs:
    """The clean outputs of a run, read alongside its manifest.

    A text input's output is a file of its own: its size comes from ``stat`` and its text is
    read only when asked for. A JSONL output holds the run's ok records in manifest order, so
    it is streamed in step with the manifest: :meth:`next_record` returns the output record
    of the next ok manifest record of that file (one open file per output, closed at the end).
    """

    def __init__(self, out: Path, text_field: str = "text") -> None:
        self.out = out
        self.text_field = text_field
        self._streams: dict[str, tuple[IO[bytes], Iterator[bytes]] | None] = {}

    def size(self, output: str) -> int | None:
        """The size in bytes of a text output, or None when it is missing."""
        try:
            return (self.out / output).stat().st_size
        except OSError:
            return None

    def text(self, output: str) -> str | None:
        """The clean text of a text output, or None when it cannot be read."""
        try:
            return (self.out / output).read_bytes().decode("utf-8", errors="replace")
        except OSError:
            return None

    def next_record(self, output: str) -> dict[str, Any] | None:
        """The next record of a JSONL output, or None when the file is missing or short."""
        if output not in self._streams:
            path = self.out / output
            try:  # open across calls, one record at a time; close() closes it
                stream = gzip.open(path, "rb") if output.endswith(".gz") else path.open("rb")  # noqa: SIM115
            except OSError:
                self._streams[output] = None
            else:
                self._streams[output] = (stream, (line for line in stream if line.strip()))
        opened = self._streams[output]
        if opened is None:
            return None
        line = next(opened[1], None)
        if line is None:
            return None
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None
        return record if isinstance(record, dict) else None

    def close(self) -> None:
        for opened in self._streams.values():
            if opened is not None:
                opened[0].close()
        self._streams.clear()
