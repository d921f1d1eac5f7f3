"""The incremental-run cache: what was already cleaned into an output folder, and how.

A document is done when its key is in the cache and its output file is still what was
written. The key covers everything that changes the output: the cleaner's fingerprint (a
digest of cleaner's own code, the rule files' content and every option), the run's options
that shape outputs (JSONL fields), the document's id and its bytes. The cache is a folder in
the output folder: an SQLite index, and the manifest records of cached JSONL files (each
checked against its digest before use). ``--force`` does not read it, but still records what
it did. A cache that cannot be read is discarded with a warning, never a crash: it only ever
saves work.

Rows are committed as documents finish (at most :data:`COMMIT_EVERY` seconds apart), so a run
killed at any moment, ``kill -9`` included, leaves what it finished for the next run to skip.
Each shard of a sharded run writes an index of its own (``done-0001-of-0004.sqlite``): SQLite
files are not for concurrent writers on every file system (NFS), but every index in the folder
is read, so a rerun with another number of shards, or none, still skips what any of them did.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

CACHE_DIR = ".cleaner-cache"
DATABASE = "done.sqlite"
# Seconds between commits: a killed run loses at most this much finished work.
COMMIT_EVERY = 0.5


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


class Cache:
    """Keys to (output digest, manifest record or chunk digest) for one output folder."""

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
        self._folder = folder / CACHE_DIR
        self._warn = warn
        self._name = name
        self._committed = time.monotonic()
        try:
            self._db = self._open()
        except sqlite3.OperationalError as exc:  # cannot open or write: the environment
            raise OSError(errno.EIO, str(exc), str(self._folder / DATABASE)) from exc
        except sqlite3.DatabaseError as exc:  # not a database: damaged, discard it
            warn(f"{self._folder}: unreadable cache discarded ({exc}); everything is cleaned")
            (self._folder / name).unlink(missing_ok=True)
            self._db = self._open()
        self._others = self._open_others() if read else []

    def _open(self) -> sqlite3.Connection:
        self._folder.mkdir(parents=True, exist_ok=True)
        # timeout: another shard may be reading this index while it is committed.
        db = sqlite3.connect(self._folder / self._name, timeout=60)
        db.execute(
            "CREATE TABLE IF NOT EXISTS done (key TEXT PRIMARY KEY, output TEXT, records TEXT)"
        )
        db.execute("SELECT count(*) FROM done").fetchone()  # a corrupt file fails here
        db.commit()
        return db

    def _open_others(self) -> list[sqlite3.Connection]:
        """Read-only connections to the other indexes here (other shards', other layouts')."""
        others = []
        for path in sorted(self._folder.glob("done*.sqlite")):
            if path.name == self._name:
                continue
            try:
                db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=60)
                db.execute("SELECT count(*) FROM done").fetchone()
            except sqlite3.DatabaseError:
                continue  # another run's damaged or unfinished index only saves work: skip it
            others.append(db)
        return others

    def key(self, doc_id: str, content_digest: str) -> str:
        # surrogatepass: a file name that is not UTF-8 is still a key.
        text = f"{self.fingerprint}\0{doc_id}\0{content_digest}"
        return digest(text.encode("utf-8", "surrogatepass"))

    def get(self, key: str, output: Path | None) -> Any:
        """What was stored for ``key``, if its output is still intact; else None."""
        if not self.read:
            return None
        try:
            row = self._db.execute(
                "SELECT output, records FROM done WHERE key = ?", (key,)
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            self._warn(f"{self._folder}: cache unreadable ({exc}); cleaning again")
            self.read = False
            return None
        for other in self._others if row is None else []:
            try:
                row = other.execute(
                    "SELECT output, records FROM done WHERE key = ?", (key,)
                ).fetchone()
            except sqlite3.DatabaseError:
                row = None
            if row is not None:
                break
        if row is None:
            return None
        expected, stored = row
        if output is not None and file_digest(output) != expected:
            return None
        try:
            return json.loads(stored)
        except ValueError:
            return None

    def get_record(self, key: str, output: Path | None) -> dict[str, Any] | None:
        """The manifest record of a cached text file."""
        stored = self.get(key, output)
        return stored if isinstance(stored, dict) else None

    def get_chunk(self, key: str, output: Path | None) -> Path | None:
        """The manifest records of a cached JSONL file, if they are intact."""
        stored = self.get(key, output)
        if not isinstance(stored, dict) or "chunk_sha256" not in stored:
            return None
        chunk = self.chunk(key)
        return chunk if file_digest(chunk) == stored["chunk_sha256"] else None

    def put(self, key: str, output: Path | None, stored: dict[str, Any]) -> None:
        written = file_digest(output) if output is not None else None
        with self._faults():
            self._db.execute(
                "INSERT OR REPLACE INTO done VALUES (?, ?, ?)",
                (key, written, json.dumps(stored, ensure_ascii=True)),
            )
            if time.monotonic() - self._committed >= COMMIT_EVERY:
                self._db.commit()
                self._committed = time.monotonic()

    @contextlib.contextmanager
    def _faults(self) -> Iterator[None]:
        """SQLite's own errors (a full disk, a read-only folder) as the OSError they are."""
        try:
            yield
        except sqlite3.OperationalError as exc:
            raise OSError(errno.EIO, str(exc), str(self._folder / DATABASE)) from exc

    def put_chunk(self, key: str, output: Path | None) -> None:
        self.put(key, output, {"chunk_sha256": file_digest(self.chunk(key))})

    def chunk(self, key: str) -> Path:
        """Where the manifest records of a cached JSONL file are kept (streamed, not loaded)."""
        return self._folder / f"{key}.jsonl"

    def close(self) -> None:
        for other in self._others:
            other.close()
        with self._faults():
            self._db.commit()
            self._db.close()
