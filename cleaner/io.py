"""Reading inputs and writing outputs: folders of ``*.txt``, atomic writes, the manifest.

Inputs are only ever read: no output, manifest, cache or temporary file may land on or
inside an input (checked on resolved paths, both ways, before anything is written), and
nothing is written through a symbolic link inside the output folder. Every output file is
written to a temporary file beside it and renamed into place, so a crash never leaves a
half-written file; outputs get the permissions the umask allows, as any other file would.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import json
import os
import posixpath
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

MANIFEST = "manifest.jsonl"
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
TEMP_PREFIX = ".cleaner-"
CACHE_FOLDER = ".cleaner-cache"
# Manifest parts of sharded runs (``manifest-0001-of-0004.jsonl``) and temporary files.
RUN_FILES = re.compile(r"manifest-\d{4,}-of-\d{4,}\.jsonl|\.cleaner-\d+-.*\.tmp")


class UsageError(ValueError):
    """Bad paths or options, found before anything is written: exit code 2."""


class WriteRefused(OSError):
    """A write that would leave the output folder (through a symbolic link)."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input: its id (path relative to the folder given, or the file's name) and where it
    is. A JSONL source (``.jsonl``, ``.jsonl.gz``) holds one document per line. ``error`` is
    set for an input that was found but cannot be read (a folder without permission)."""

    id: str
    path: Path
    error: str | None = None
    root: int = 0  # which of the paths given it was found under (the manifest's run roots)

    @property
    def size(self) -> int:
        """Bytes on disk (0 when unknown), for progress."""
        try:
            return self.path.stat().st_size if self.error is None else 0
        except OSError:
            return 0

    @property
    def jsonl(self) -> bool:
        return self.error is None and self.path.name.endswith(JSONL_SUFFIXES)

    @property
    def gzip(self) -> bool:
        return self.path.name.endswith(".gz")


def discover(paths: Sequence[Path]) -> list[Source]:
    """Files as given (id: the file name) and ``*.txt``, ``*.jsonl``, ``*.jsonl.gz`` under
    folders (id: the relative path, which the output keeps).

    Text files and JSONL files (``.jsonl``, ``.jsonl.gz``) are told apart by their names;
    ``.TXT`` counts as ``.txt``. In folders, a run's own files (``manifest.jsonl``, manifest
    parts ``manifest-IIII-of-NNNN.jsonl``, ``.cleaner-cache/``) are never inputs. A sub-folder
    that cannot be read, or an entry that is not a regular file, becomes a source with an
    ``error`` (an error record), never a silent skip.
    Symbolic links to folders are not followed.
    """
    sources: list[Source] = []
    for index, path in enumerate(paths):
        if path.is_dir():
            sources.extend(_walk(path, index))
        elif path.is_file():
            sources.append(Source(path.name, path, root=index))
        elif path.exists():
            raise UsageError(f"{path}: not a regular file or folder")
        else:
            raise UsageError(f"{path}: no such file or folder")
    by_id: dict[str, Source] = {}
    for source in sources:
        if source.id in by_id and by_id[source.id].path.resolve() != source.path.resolve():
            raise UsageError(
                f"{display(str(source.path))} and {display(str(by_id[source.id].path))} would "
                f"both be written as {display(source.id)!r}; clean them in separate runs or "
                "with separate --out folders"
            )
        by_id[source.id] = source
    return sorted(by_id.values(), key=lambda s: s.id)


def is_run_file(name: str) -> bool:
    """True for the files a run writes beside its outputs: never inputs when found in a folder.

    >>> [is_run_file(n) for n in ("manifest.jsonl", "manifest-0001-of-0004.jsonl", "a.jsonl")]
    [True, True, False]
    """
    return name == MANIFEST or RUN_FILES.fullmatch(name) is not None


def root_labels(given: Sequence[str], paths: Sequence[Path]) -> list[str]:
    """What the manifest records as the run's input roots, one per path given: a folder as
    given, a file's folder (its id, the file name, is relative to it). ``given`` are the
    paths as the user wrote them (URLs included), ``paths`` where they are read from.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> root_labels(["docs/", "a.txt", "s3://b/x/y.jsonl"], [Path(folder), Path("a"), Path("b")])
    ['docs', '.', 's3://b/x']
    """
    labels = []
    for text, path in zip(given, paths, strict=True):
        text = text.rstrip("/") or text
        labels.append(text if path.is_dir() else (posixpath.dirname(text) or "."))
    return labels


def _walk(root: Path, index: int) -> Iterator[Source]:
    problems: list[OSError] = []
    for folder, folders, files in os.walk(root, onerror=problems.append):
        # A cleaned folder given as input (cleaning output again) holds a run's cache and
        # manifest: they are bookkeeping, not documents.
        folders[:] = sorted(name for name in folders if name != CACHE_FOLDER)
        for name in sorted(files):
            wanted = name.lower().endswith(".txt") or name.endswith(JSONL_SUFFIXES)
            if not wanted or is_run_file(name):
                continue
            found = Path(folder, name)
            relative = found.relative_to(root).as_posix()
            if found.is_file():
                yield Source(relative, found, root=index)
            else:
                yield Source(relative, found, "not a regular file (or a broken link)", index)
    for problem in problems:
        where = Path(problem.filename or root)
        relative = where.relative_to(root).as_posix() if where != root else "."
        reason = problem.strerror or str(problem)
        yield Source(relative + "/", where, f"cannot read folder: {reason}", index)


def check_targets(
    out: Path, inputs: Sequence[Path], *, write: bool, manifest: Path | None = None
) -> None:
    """Refuse outputs that could land on or inside an input, or an input inside ``out``.

    Checked on resolved paths (symbolic links followed) in both directions: ``--out`` may
    not be, contain or lie inside an input folder, and may not receive a file over an input
    file; ``--manifest`` may not be an input or lie inside an input folder.
    """
    if write and out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file; give a folder (it is created if missing)")
    target = out.resolve()
    for path in inputs:
        resolved = path.resolve()
        folder = path.is_dir()
        if write and folder and (
            target == resolved or resolved in target.parents or target in resolved.parents
        ):
            raise UsageError(
                f"--out {out} and the input folder {path} overlap (one is inside the other); "
                "choose an output folder apart from the inputs"
            )
        if write and not folder and (target / path.name).resolve() == resolved:
            raise UsageError(
                f"--out {out} would write over the input {path}; choose another output folder"
            )
        if manifest is not None:
            chosen = manifest.resolve()
            if chosen == resolved or (folder and resolved in chosen.parents):
                raise UsageError(
                    f"--manifest {manifest} is (or is inside) the input {path}; write it "
                    "elsewhere"
                )


def output_path(out: Path, relative: str) -> Path:
    """``out / relative``, refusing to pass through a symbolic link below ``out``."""
    path = out / relative
    if "/" not in relative:  # a file right in ``out``: no folder to check
        return path
    current = out
    for part in Path(relative).parts[:-1]:
        current = current / part
        if current.is_symlink():
            raise WriteRefused(f"{current} is a symbolic link; refusing to write through it")
    return path


@functools.cache
def _umask() -> int:
    # Read once: os.umask can only be read by setting it.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_stream(
    path: Path, *, compress: bool = False, owner: int | None = None
) -> Iterator[IO[bytes]]:
    """A binary stream that becomes ``path`` only when the block ends without an error.

    The temporary file's name is short whatever the output's name (a 255-byte name stays
    legal) and says which process it belongs to: ``owner``, the run that holds the output
    folder's lock when a worker writes for it, else this one. Compressed output has no
    timestamp or name in its gzip header, so the bytes depend on the content alone.
    """
    pid = os.getpid() if owner is None else owner
    try:
        handle, temporary = _temporary(path, pid)
    except OSError:
        # The folder first, as a run's first file in it needs; then the same error as
        # before, if any (an existing folder costs a `mkdir` a file otherwise).
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = _temporary(path, pid)
    try:
        os.fchmod(handle, 0o666 & ~_umask())
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


def _temporary(path: Path, pid: int) -> tuple[int, str]:
    return tempfile.mkstemp(dir=path.parent, prefix=f"{TEMP_PREFIX}{pid}-", suffix=".tmp")


def read_lines(path: Path, *, limit: int | None = None) -> Iterator[bytes | None]:
    """The lines of a (possibly gzip-compressed) file, streamed.

    A line longer than ``limit`` bytes is never held in memory: it is skipped and ``None``
    stands in its place.
    """
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as stream:
        yield from bounded_lines(stream, limit)


def bounded_lines(stream: IO[bytes], limit: int | None) -> Iterator[bytes | None]:
    """Lines of a binary stream; ``None`` for each line over ``limit`` bytes (skipped)."""
    if limit is None:
        yield from stream
        return
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or (line.endswith(b"\n") and len(line) == limit + 1):
            yield line
            continue
        while line and not line.endswith(b"\n"):  # skip the rest of the long line
            line = stream.readline(1 << 20)
        yield None


def write_atomic(path: Path, data: bytes, *, owner: int | None = None) -> None:
    """Write ``data`` to ``path`` all at once: a temporary file beside it, then a rename
    (``owner``: see :func:`atomic_stream`)."""
    with atomic_stream(path, owner=owner) as stream:
        stream.write(data)


# json.dumps(record, ensure_ascii=False) without building an encoder for each record.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def json_line(record: Any) -> bytes:
    """One JSON object and a newline, as UTF-8.

    A lone surrogate (``"\\ud800"`` in an input record, a file name that is not UTF-8) has no
    UTF-8 form: such a record is written with ASCII escapes, which JSON readers turn back into
    exactly what was read.
    """
    try:
        return (_ENCODE(record) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")


def compact_changes(changes: Sequence[dict[str, Any]]) -> list[list[Any]]:
    """A record's changes as the manifest stores them: runs of consecutive changes of one
    rule and action, ``[rule, action, [line, before, after(, note)], ...]``.

    >>> compact_changes([
    ...     {"rule": "q", "action": "replace", "line": 1, "before": "“", "after": '"'},
    ...     {"rule": "q", "action": "replace", "line": 2, "before": "”", "after": '"'},
    ...     {"rule": "b", "action": "remove_line", "line": 9, "before": "Ad", "after": "",
    ...      "note": "why"},
    ... ])
    [['q', 'replace', [1, '“', '"'], [2, '”', '"']], ['b', 'remove_line', [9, 'Ad', '', 'why']]]
    """
    return runs_of(
        (
            change["rule"],
            change["action"],
            [change["line"], change["before"], change["after"]]
            + ([change["note"]] if "note" in change else []),
        )
        for change in changes
    )


def runs_of(changes: Iterable[tuple[str, str, list[Any]]]) -> list[list[Any]]:
    """``(rule, action, [line, before, after(, note)])`` of each change, in order, as runs of
    consecutive changes of one rule and action: the manifest's form of a record's changes."""
    runs: list[list[Any]] = []
    for rule, action, item in changes:
        if runs and runs[-1][0] == rule and runs[-1][1] == action:
            runs[-1].append(item)
        else:
            runs.append([rule, action, item])
    return runs


def expand_changes(stored: Any) -> list[Any]:
    """The changes of a manifest record, one dict each, from :func:`compact_changes`'s runs
    (a manifest written before them, with one dict per change, reads the same).

    >>> expand_changes([["q", "replace", [1, "“", '"'], [2, "”", '"', "why"]]])[1]
    {'rule': 'q', 'action': 'replace', 'line': 2, 'before': '”', 'after': '"', 'note': 'why'}
    """
    changes: list[Any] = []
    for run in stored if isinstance(stored, list) else []:
        if not isinstance(run, list) or len(run) < 2:
            changes.append(run)  # an older manifest's change, or damage the reader reports
            continue
        rule, action = run[0], run[1]
        for item in run[2:]:
            change = {"rule": rule, "action": action, "line": None, "before": "", "after": ""}
            change.update(zip(("line", "before", "after", "note"), item, strict=False))
            changes.append(change)
    return changes


def manifest_line(record: dict[str, Any]) -> bytes:
    """One manifest record as the manifest holds it: :func:`json_line` with its changes as
    :func:`compact_changes` writes them."""
    changes = record.get("changes")
    if isinstance(changes, list) and changes and isinstance(changes[0], dict):
        record = {**record, "changes": compact_changes(changes)}
    return json_line(record)


def write_manifest(
    path: Path, records: Iterable[dict[str, Any]], header: dict[str, Any] | None = None
) -> None:
    """The run header (if any), then one JSON object per line, sorted by id."""
    ordered = sorted(records, key=lambda record: record["id"])
    lines = [json_line(header)] if header is not None else []
    write_atomic(path, b"".join([*lines, *(manifest_line(record) for record in ordered)]))


def display(text: str) -> str:
    """A path or id as a person can read it: bytes that are not UTF-8 as ``\\xNN``."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


class RunLock:
    """An OS lock on an output folder: one run writes into it at a time.

    ``fcntl.flock`` is released by the kernel when the process dies, so a killed run never
    blocks the next one. The lock file says who holds it, for the message a second run gets.
    """

    def __init__(self, out: Path) -> None:
        self.path = out / ".cleaner-cache" / "run.lock"
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock, or raise :class:`Locked` naming the run that holds it."""
        import fcntl
        import socket
        import time

        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another run"
            handle.close()
            message = f"{self.path.parent.parent} is in use by {holder}; wait for it to end"
            raise Locked(message) from None
        handle.seek(0)
        handle.truncate()
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
        handle.write(f"cleaner pid {os.getpid()} on {socket.gethostname()} since {started}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file releases the lock
            self._handle = None


class Locked(OSError):
    """The output folder is held by another run: exit code 3."""
