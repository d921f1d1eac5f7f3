"""Batch runs: clean a list of sources into an output folder (or check, diff, explain them).

The CLI parses flags into a :class:`Plan` and hands over; this module reads the inputs,
spreads the cleaning over worker processes, writes outputs and the manifest atomically, and
keeps the :class:`~cleaner.report.Report`. Every record reaches the manifest in input order
(sources sorted by id, JSONL records by line), whatever the number of workers.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cleaner.api import Cleaner, Result
from cleaner.cache import Cache, file_digest
from cleaner.io import MANIFEST, Source, atomic_stream, manifest_line, read_lines, write_atomic
from cleaner.parallel import ordered_map
from cleaner.report import Report, explain, unified_diff

# JSONL lines go to the workers in batches of about this many bytes.
BATCH_BYTES = 256 * 1024
NAMESPACE = "cleaner"


@dataclass(frozen=True, slots=True)
class Plan:
    """What a run should do, as the CLI understood it."""

    out: Path
    write: bool = True  # False for --check and --diff
    diff: bool = False
    explain: bool = False
    jobs: int = 1
    force: bool = False
    text_field: str = "text"
    id_field: str = "id"
    manifest: Path | None = None


@dataclass(frozen=True, slots=True)
class Fields:
    text: str
    id: str


class Batch:
    """One run over many sources; ``emit`` receives what belongs on stdout."""

    def __init__(
        self, cleaner: Cleaner, plan: Plan, report: Report, emit: Callable[[str], None]
    ) -> None:
        self.cleaner = cleaner
        self.plan = plan
        self.report = report
        self.emit = emit
        self.fields = Fields(plan.text_field, plan.id_field)

    def run(self, sources: list[Source], progress: Callable[[int], None]) -> None:
        manifest_path = self.plan.manifest or self.plan.out / MANIFEST
        keep_manifest = self.plan.write or self.plan.manifest is not None
        # --force redoes everything but still records it, so the next run can skip it.
        cache = (
            Cache(self.plan.out, self.cleaner.fingerprint, read=not self.plan.force)
            if self.plan.write
            else None
        )
        with (
            atomic_stream(manifest_path) if keep_manifest else _discard() as manifest,
            contextlib.closing(cache) if cache else contextlib.nullcontext(),
        ):
            texts = [s for s in sources if not s.jsonl]
            for record in self._texts(texts, cache, progress):
                manifest.write(manifest_line(record).encode())
            for source in (s for s in sources if s.jsonl):
                for record in self._jsonl(source, cache):
                    manifest.write(manifest_line(record).encode())
                progress(1)

    # --- text files -----------------------------------------------------------------------

    def _texts(
        self, sources: list[Source], cache: Cache | None, progress: Callable[[int], None]
    ) -> Iterator[dict[str, Any]]:
        keys: dict[str, str] = {}
        cached: dict[str, list[dict[str, Any]]] = {}
        if cache is not None:
            for source in sources:
                content = file_digest(source.path)
                if content is None:
                    continue
                keys[source.id] = key = cache.key(source.id, content)
                hit = cache.get(key, self.plan.out / source.id)
                if hit is not None:
                    cached[source.id] = hit
        todo = [(s.id, str(s.path)) for s in sources if s.id not in cached]
        results = ordered_map(
            _clean_file, todo, jobs=self.plan.jobs, spec=self.cleaner.spec, local=self.cleaner
        )
        for source in sources:
            if source.id in cached:
                (record,) = cached[source.id]
                self.report.add_record(record, cached=True)
                progress(1)
                yield record
                continue
            result = next(results)
            self.report.add(result, where=str(source.path))
            output = self.plan.out / source.id
            if result.ok and self.plan.write:
                write_atomic(output, result.text.encode("utf-8"))
            self._show(result, str(source.path))
            record = result.record(source.id if result.ok and self.plan.write else None)
            if cache is not None and source.id in keys and result.ok:
                cache.put(keys[source.id], output, [record])
            progress(1)
            yield record

    def _show(self, result: Result, label: str) -> None:
        if self.plan.diff and result.changed:
            self.emit(unified_diff(result, label=label))
        if self.plan.explain:
            for line in explain(result, label=label):
                self.emit(line + "\n")

    # --- JSONL files ----------------------------------------------------------------------

    def _jsonl(self, source: Source, cache: Cache | None) -> Iterator[dict[str, Any]]:
        output = self.plan.out / source.id
        key = None
        if cache is not None:
            content = file_digest(source.path)
            key = cache.key(source.id, content) if content else None
            if key is not None and cache.get(key, output) is not None:
                for line in read_lines(cache.chunk(key)):
                    record = json.loads(line)
                    self.report.add_record(record, cached=True)
                    yield record
                return
        sink = atomic_stream(output, compress=source.gzip) if self.plan.write else _discard()
        chunk = atomic_stream(cache.chunk(key)) if cache is not None and key else _discard()
        written = source.id if self.plan.write else None
        try:
            with sink as stream, chunk as cached_records:
                batches = _batches(enumerate(read_lines(source.path), 1))
                tasks = ((source.id, self.fields, batch) for batch in batches)
                for done in ordered_map(
                    _clean_lines,
                    tasks,
                    jobs=self.plan.jobs,
                    spec=self.cleaner.spec,
                    local=self.cleaner,
                ):
                    for line, record, result in done:
                        where = f"{source.path}:{record.get('line')}"
                        if line is not None:
                            stream.write(line)
                            record["output"] = written
                        self._count(record, where)
                        if result is not None:
                            self._show(result, where)
                        cached_records.write(manifest_line(record).encode())
                        yield record
        except (OSError, EOFError) as exc:
            # An unreadable or truncated file: no output is written for it (the stream was
            # never renamed into place); the records before the fault are in the manifest.
            message = f"cannot read: {getattr(exc, 'strerror', None) or exc}; no output written"
            self.report.errors.append(f"{source.path}: {message}")
            yield _error_record(source.id, None, message)
            return
        if cache is not None and key and self.plan.write:
            cache.put(key, output, [])

    def _count(self, record: dict[str, Any], where: str) -> None:
        if record["status"] == "error":
            self.report.errors.append(f"{where}: {record['error']}")
        else:
            self.report.add_record(record)

    def filter_stdin(self, stdin: IO[bytes], stdout: IO[bytes]) -> None:
        """``--format jsonl`` on stdin: one record in, one record out, in order."""
        tasks = (("-", self.fields, batch) for batch in _batches(enumerate(stdin, 1)))
        for done in ordered_map(
            _clean_lines, tasks, jobs=self.plan.jobs, spec=self.cleaner.spec, local=self.cleaner
        ):
            for line, record, result in done:
                if line is not None and self.plan.write:
                    stdout.write(line)
                self._count(record, f"<stdin>:{record['line']}")
                if result is not None:
                    self._show(result, f"<stdin>:{record['line']}")
        stdout.flush()


@contextlib.contextmanager
def _discard() -> Iterator[Any]:
    class _Null:
        def write(self, data: bytes) -> int:
            return len(data)

    yield _Null()


def _batches(lines: Iterable[tuple[int, bytes]]) -> Iterator[list[tuple[int, bytes]]]:
    batch: list[tuple[int, bytes]] = []
    size = 0
    for number, line in lines:
        batch.append((number, line))
        size += len(line)
        if size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _clean_file(cleaner: Cleaner, item: tuple[str, str]) -> Result:
    doc_id, path = item
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Result(doc_id, "", None, {}, (), f"cannot read: {exc.strerror or exc}")
    return cleaner.clean(data, id=doc_id)


def _clean_lines(
    cleaner: Cleaner, task: tuple[str, Fields, list[tuple[int, bytes]]]
) -> list[tuple[bytes | None, dict[str, Any], Result | None]]:
    """Clean a batch of JSONL lines: (output line or None, manifest record, result)."""
    source_id, fields, batch = task
    done: list[tuple[bytes | None, dict[str, Any], Result | None]] = []
    for number, raw in batch:
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            done.append((None, _error_record(source_id, number, f"invalid JSON: {exc}"), None))
            continue
        text = record.get(fields.text) if isinstance(record, dict) else None
        if not isinstance(text, str):
            problem = f"no string field {fields.text!r}"
            done.append((None, _error_record(source_id, number, problem), None))
            continue
        record_id = record.get(fields.id)
        result = cleaner.clean(text, id=f"{source_id}:{number}")
        record[fields.text] = result.text
        metadata = record.get("metadata")
        if not isinstance(metadata, dict):
            metadata = record["metadata"] = {} if metadata is None else {"original": metadata}
        metadata[NAMESPACE] = summary(result)
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        manifest = result.record(None)
        manifest["line"] = number
        manifest["record_id"] = record_id
        done.append((line, manifest, result))
    return done


def summary(result: Result) -> dict[str, Any]:
    """What a JSONL record carries under ``metadata.cleaner``: language, metadata, changes."""
    counts: dict[str, int] = {}
    for change in result.changes:
        counts[change.rule] = counts.get(change.rule, 0) + 1
    return {
        "language": result.language,
        "meta": result.meta,
        "changes": dict(sorted(counts.items())),
    }


def _error_record(source_id: str, line: int | None, message: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"{source_id}:{line}" if line is not None else source_id,
        "output": None,
        "status": "error",
        "error": message,
        "language": None,
        "meta": {},
        "changes": [],
    }
    if line is not None:
        record["line"] = line
    return record
