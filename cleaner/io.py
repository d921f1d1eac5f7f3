"""Reading inputs and writing outputs: folders of ``*.txt``, atomic writes, the manifest.

Inputs are only ever read. Every output file is written to a temporary file beside it and
renamed into place, so a crash never leaves a half-written file.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

MANIFEST = "manifest.jsonl"
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


class UsageError(ValueError):
    """Bad paths or options: exit code 2."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input: its id (path relative to the folder given, or the file's name) and where it
    is. A JSONL source (``.jsonl``, ``.jsonl.gz``) holds one document per line."""

    id: str
    path: Path

    @property
    def jsonl(self) -> bool:
        return self.path.name.endswith(JSONL_SUFFIXES)

    @property
    def gzip(self) -> bool:
        return self.path.name.endswith(".gz")


def discover(paths: Sequence[Path]) -> list[Source]:
    """Files as given (id: the file name) and ``*.txt`` under folders (id: relative path).

    Text files and JSONL files (``.jsonl``, ``.jsonl.gz``) are told apart by their names.
    """
    sources: list[Source] = []
    for path in paths:
        if path.is_dir():
            sources.extend(
                Source(found.relative_to(path).as_posix(), found)
                for found in sorted(path.rglob("*.txt"))
                if found.is_file()
            )
        elif path.is_file():
            sources.append(Source(path.name, path))
        else:
            raise UsageError(f"{path}: no such file or folder")
    by_id: dict[str, Source] = {}
    for source in sources:
        if source.id in by_id and by_id[source.id].path.resolve() != source.path.resolve():
            raise UsageError(
                f"{source.path} and {by_id[source.id].path} would both be written as "
                f"{source.id!r}; clean them in separate runs or with separate --out folders"
            )
        by_id[source.id] = source
    return sorted(by_id.values(), key=lambda s: s.id)


def check_output_folder(out: Path, inputs: Sequence[Path]) -> None:
    """Refuse an output folder that is, or lies inside, an input folder."""
    target = out.resolve()
    for path in inputs:
        folder = path.resolve() if path.is_dir() else path.resolve().parent
        if target == folder or (path.is_dir() and folder in target.parents):
            raise UsageError(
                f"--out {out} is inside the input folder {path}; "
                "choose an output folder outside the inputs"
            )


@contextlib.contextmanager
def atomic_stream(path: Path, *, compress: bool = False) -> Iterator[IO[bytes]]:
    """A binary stream that becomes ``path`` only when the block ends without an error.

    Compressed output has no timestamp or name in its gzip header, so the bytes depend on the
    content alone.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as raw:
            if compress:
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as stream:
                    yield stream
            else:
                yield raw
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_lines(path: Path) -> Iterator[bytes]:
    """The lines of a (possibly gzip-compressed) file, streamed."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as stream:
        yield from stream


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once: a temporary file beside it, then a rename."""
    with atomic_stream(path) as stream:
        stream.write(data)


def manifest_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_manifest(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """One JSON object per line, sorted by id."""
    ordered = sorted(records, key=lambda record: record["id"])
    write_atomic(path, "".join(manifest_line(record) for record in ordered).encode("utf-8"))
