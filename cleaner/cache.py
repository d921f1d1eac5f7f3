"""The incremental-run cache: what was already cleaned into an output folder, and how.

A document is done when its key is in the cache, its output file is still what was written
and its manifest record is still where it was written. The key covers everything that
changes the output: the cleaner's fingerprint (a digest of cleaner's own code, the rule
files' content and every option), the run's options that shape outputs (JSONL fields, how
sites are found), the document's id and its bytes.

The cache holds no copy of the manifest: a row is the key, the output's digest and where the
document's records are (a manifest file, the byte range of its lines and their digest). A
rerun reads them back from there; a manifest that was edited, damaged or removed fails the
digest and its documents are cleaned again, never given a wrong record. So a run writes its
manifest in the cache folder first (``manifest.jsonl.<random>.partial``, flushed before every
commit of the index) and moves it into place when it ends: a killed run leaves its partial
manifest for the next run to read from, which removes it once its own manifest is in place.
``--force`` does not read the cache, but still records what it did. A cache that cannot be
read is discarded with a warning, never a crash: it only ever saves work.

Rows are committed as documents finish (at most :data:`COMMIT_EVERY` seconds apart, without
waiting for the disk), so a run killed at any moment, ``kill -9`` included, leaves what it
finished for the next run to skip.
Each shard of a sharded run writes an index of its own (``done-0001-of-0004.sqlite``): SQLite
files are not for concurrent writers on every file system (NFS), but every index in the folder
is read, so a rerun with another number of shards, or none, still skips what any of them did.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from cleaner.io import _umask, write_atomic

CACHE_DIR = ".cleaner-cache"
DATABASE = "done.sqlite"
PARTIAL = ".partial"
# Seconds between commits: a killed run loses at most this much finished work.
COMMIT_EVERY = 0.5
# Bytes of a record range's sha256 kept to check it (a damaged manifest, not an attacker).
CHECK_BYTES = 16
# Bytes read at a time from a manifest.
BLOCK = 1 << 20

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY, path TEXT UNIQUE)",
    "CREATE TABLE IF NOT EXISTS records (key BLOB PRIMARY KEY, output BLOB, file INTEGER,"
    " start INTEGER, size INTEGER, check_ BLOB) WITHOUT ROWID",
)
_LOOKUP = (
    "SELECT records.output, files.path, records.start, records.size, records.check_"
    " FROM records JOIN files ON files.id = records.file WHERE records.key = ?"
)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def cache_key(fingerprint: str, doc_id: str, content_digest: str) -> str:
    """A document's key: what cleaned it (``fingerprint``), its id and its bytes' digest."""
    # surrogatepass: a file name that is not UTF-8 is still a key.
    text = f"{fingerprint}\0{doc_id}\0{content_digest}"
    return digest(text.encode("utf-8", "surrogatepass"))


def file_digest(path: Path) -> str | None:
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class Entry:
    """What a document's row holds besides where its records are: its key and the sha256
    of its output file (None: it has none)."""

    key: str
    output: str | None


@dataclass(frozen=True, slots=True)
class Hit:
    """A cached document: its entry and where its manifest lines are (already checked)."""

    entry: Entry
    fd: int  # an open file of the manifest that holds them, read by offset
    start: int
    size: int

    def lines(self) -> Iterator[bytes]:
        """The manifest lines, streamed: a big JSONL file's records are never all in memory."""
        position, end, rest = self.start, self.start + self.size, b""
        while position < end:
            block = os.pread(self.fd, min(BLOCK, end - position), position)
            if not block:
                raise OSError(errno.EIO, "manifest shrank while it was read")
            position += len(block)
            *whole, rest = (rest + block).split(b"\n")
            yield from (line + b"\n" for line in whole)
        if rest:
            yield rest


class Cache:
    """Keys to (output digest, where the document's manifest lines are) for one folder."""

    def __init__(
        self,
        folder: Path,
        fingerprint: str,
        *,
        read: bool = True,
        warn: Callable[[str], None] = lambda _: None,
        name: str = DATABASE,
    ) -> None:
        self.read = read
        self.fingerprint = fingerprint
        self.out = folder
        self._folder = folder / CACHE_DIR
        self._warn = warn
        self._name = name
        self._committed = time.monotonic()
        self._flush: Callable[[], None] = lambda: None
        self._file: int | None = None  # the id of the manifest this run writes
        self._empty: bool | None = None  # whether no index held a row when first asked
        # Rows put since the last commit, written in one statement when it comes.
        self._rows: list[tuple[bytes, bytes | None, int, int, int, bytes]] = []
        try:
            self._db = self._open()
        except sqlite3.OperationalError as exc:  # cannot open or write: the environment
            raise OSError(errno.EIO, str(exc), str(self._folder / DATABASE)) from exc
        except sqlite3.DatabaseError as exc:  # not a database: damaged, discard it
            warn(f"{self._folder}: unreadable cache discarded ({exc}); everything is cleaned")
            (self._folder / name).unlink(missing_ok=True)
            self._db = self._open()
        self._others = self._open_others() if read else []
        # Every manifest the rows point to, opened now: a sibling shard that ends first
        # may remove another layout's manifest, and an open file stays readable.
        self._handles: dict[str, IO[bytes] | None] = {}
        for db in [self._db, *self._others] if read else []:
            with contextlib.suppress(sqlite3.DatabaseError):
                for (path,) in db.execute("SELECT path FROM files"):
                    self._handle(path)

    def _open(self) -> sqlite3.Connection:
        self._folder.mkdir(parents=True, exist_ok=True)
        # timeout: another shard may be reading this index while it is committed.
        db = sqlite3.connect(self._folder / self._name, timeout=60)
        for statement in _SCHEMA:
            db.execute(statement)
        db.execute("DROP TABLE IF EXISTS done")  # an older cleaner's rows: full records
        for chunk in self._folder.glob("*.jsonl"):  # and its copies of JSONL files' records
            if len(chunk.stem) == 64:
                chunk.unlink(missing_ok=True)
        db.execute("SELECT count(*) FROM records").fetchone()  # a corrupt file fails here
        db.commit()
        # A commit hands its pages to the OS without waiting for the disk: a killed run
        # (kill -9 included) loses nothing, the outputs are not synced either, and an index
        # a machine crash damaged is discarded or fails its rows' digests, never trusted.
        # Syncing cost a run's process tens of milliseconds a commit on a busy disk.
        db.execute("PRAGMA synchronous = OFF")
        return db

    def _open_others(self) -> list[sqlite3.Connection]:
        """Read-only connections to the other indexes here (other shards', other layouts')."""
        others = []
        for path in sorted(self._folder.glob("done*.sqlite")):
            if path.name == self._name:
                continue
            try:
                db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=60)
                db.execute("SELECT count(*) FROM records").fetchone()
            except sqlite3.DatabaseError:
                continue  # another run's damaged, unfinished or older index: skip it
            others.append(db)
        return others

    def key(self, doc_id: str, content_digest: str) -> str:
        return cache_key(self.fingerprint, doc_id, content_digest)

    @property
    def may_hit(self) -> bool:
        """Whether a lookup could find anything: read, and some index holds a row."""
        if self.read and self._empty is None:
            self._empty = True
            for db in [self._db, *self._others]:
                with contextlib.suppress(sqlite3.DatabaseError):
                    if db.execute("SELECT 1 FROM records LIMIT 1").fetchone() is not None:
                        self._empty = False
                        break
        return self.read and not self._empty

    # --- reading ----------------------------------------------------------------------------

    def get(self, key: str, output: Path | None) -> Hit | None:
        """The manifest lines stored for ``key``, if its output and lines are intact."""
        if not self.read:
            return None
        try:
            row = self._db.execute(_LOOKUP, (bytes.fromhex(key),)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._warn(f"{self._folder}: cache unreadable ({exc}); cleaning again")
            self.read = False
            return None
        for other in self._others if row is None else []:
            try:
                row = other.execute(_LOOKUP, (bytes.fromhex(key),)).fetchone()
            except sqlite3.DatabaseError:
                row = None
            if row is not None:
                break
        if row is None:
            return None
        expected, path, start, size, check = row
        expected = expected.hex() if expected is not None else None
        if output is not None and file_digest(output) != expected:
            return None
        handle = self._handle(path)
        if handle is None or not _intact(handle.fileno(), start, size, check):
            return None
        return Hit(Entry(key, expected), handle.fileno(), start, size)

    def _handle(self, path: str) -> IO[bytes] | None:
        if path not in self._handles:
            try:
                self._handles[path] = (self.out / path).open("rb")
            except OSError:
                self._handles[path] = None
        return self._handles[path]

    # --- writing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def manifest(self, path: Path) -> Iterator[Records]:
        """Where this run writes its manifest: a partial file in the cache folder, moved to
        ``path`` when the block ends without an error (then the partial files that earlier,
        killed runs left for ``path`` are removed). Rows point into it as it grows."""
        handle, temporary = tempfile.mkstemp(
            dir=self._folder, prefix=f"{path.name}.", suffix=PARTIAL
        )
        partial = Path(temporary)
        os.fchmod(handle, 0o666 & ~_umask())
        where = self._place(partial)
        with self._faults():
            self._file = self._db.execute(
                "INSERT INTO files (path) VALUES (?) RETURNING id", (where,)
            ).fetchone()[0]
        try:
            with os.fdopen(handle, "wb") as raw:
                self._flush = raw.flush
                yield Records(raw)
        finally:
            self._flush = lambda: None
        self._commit()  # the last rows, into the partial file (whole and closed by now)
        final = self._place(path)
        try:
            os.replace(partial, path)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            # Another file system: copy, then remove.
            write_atomic(path, partial.read_bytes())
            partial.unlink()
        with self._faults():
            self._db.execute("DELETE FROM files WHERE path = ?", (final,))
            self._db.execute("UPDATE files SET path = ? WHERE id = ?", (final, self._file))
            self._db.commit()
        for stale in self._folder.glob(f"{glob_escape(path.name)}.*{PARTIAL}"):
            stale.unlink(missing_ok=True)  # earlier runs' (this run holds the folder's lock)
        with self._faults():
            self._db.execute(
                "DELETE FROM files WHERE path LIKE ? ESCAPE '\\' AND id != ?",
                (_like(self._place(self._folder / path.name)) + ".%" + PARTIAL, self._file),
            )

    def _place(self, path: Path) -> str:
        """How rows name a file: relative to the output folder when it is in it."""
        absolute = path.absolute()
        try:
            return absolute.relative_to(self.out.absolute()).as_posix()
        except ValueError:
            return str(absolute)

    def put(self, entry: Entry, start: int, size: int, sha256: bytes) -> None:
        """Record that ``entry``'s manifest lines are the ``size`` bytes from byte ``start``
        of the manifest this run writes (:meth:`manifest`), with that ``sha256`` digest."""
        if self._file is None:
            return
        output = bytes.fromhex(entry.output) if entry.output is not None else None
        check = sha256[:CHECK_BYTES]
        self._rows.append((bytes.fromhex(entry.key), output, self._file, start, size, check))
        if time.monotonic() - self._committed >= COMMIT_EVERY:
            self._commit()

    def _commit(self) -> None:
        """Write the rows gathered since the last commit in one statement, and commit them."""
        self._flush()  # the lines a row points to are in the file before the row
        with self._faults():
            if self._rows:
                self._db.executemany(
                    "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?)", self._rows
                )
                self._rows.clear()
            self._db.commit()
        self._committed = time.monotonic()

    @contextlib.contextmanager
    def _faults(self) -> Iterator[None]:
        """SQLite's own errors (a full disk, a read-only folder) as the OSError they are."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            raise OSError(errno.EIO, str(exc), str(self._folder / DATABASE)) from exc

    def close(self) -> None:
        for other in self._others:
            other.close()
        for handle in self._handles.values():
            if handle is not None:
                handle.close()
        self._commit()
        with self._faults():
            self._db.close()


class Records:
    """The manifest stream of a cached run: it counts the bytes written, for the rows."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.offset = 0

    def write(self, data: bytes) -> int:
        self._stream.write(data)
        self.offset += len(data)
        return len(data)


def _intact(fd: int, start: int, size: int, check: bytes) -> bool:
    """Whether ``size`` bytes at ``start`` of ``fd`` are there and have the digest ``check``."""
    digest = hashlib.sha256()
    position, end = start, start + size
    try:
        while position < end:
            block = os.pread(fd, min(BLOCK, end - position), position)
            if not block:
                return False
            digest.update(block)
            position += len(block)
    except OSError:
        return False
    return digest.digest()[:CHECK_BYTES] == check


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
