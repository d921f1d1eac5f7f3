"""The incremental-run cache: what was already cleaned into an output folder, and how.

A document is done when its key (the version, rules and options of the cleaner, the
document's id and its bytes) is in the cache and its output file is still what was written.
The cache is a folder in the output folder (an SQLite index, and the manifest records of
cached JSONL files); ``--force`` does not read it, but still records what it did.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

CACHE_DIR = ".cleaner-cache"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


class Cache:
    """Keys to (output digest, manifest records) for one output folder and one cleaner."""

    def __init__(self, folder: Path, fingerprint: str, *, read: bool = True) -> None:
        self.read = read
        self._folder = folder / CACHE_DIR
        self._folder.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint
        self._db = sqlite3.connect(self._folder / "done.sqlite")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS done (key TEXT PRIMARY KEY, output TEXT, records TEXT)"
        )

    def key(self, doc_id: str, content_digest: str) -> str:
        return digest(f"{self.fingerprint}\0{doc_id}\0{content_digest}".encode())

    def get(self, key: str, output: Path | None) -> list[dict[str, Any]] | None:
        """The cached manifest records, if the key is known and its output is intact."""
        if not self.read:
            return None
        row = self._db.execute("SELECT output, records FROM done WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        expected, records = row
        if output is not None and file_digest(output) != expected:
            return None
        return json.loads(records)  # type: ignore[no-any-return]

    def put(self, key: str, output: Path | None, records: list[dict[str, Any]]) -> None:
        written = file_digest(output) if output is not None else None
        self._db.execute(
            "INSERT OR REPLACE INTO done VALUES (?, ?, ?)",
            (key, written, json.dumps(records, ensure_ascii=False)),
        )

    def chunk(self, key: str) -> Path:
        """Where the manifest records of a cached JSONL file are kept (streamed, not loaded)."""
        return self._folder / f"{key}.jsonl"

    def close(self) -> None:
        self._db.commit()
        self._db.close()
