"""Batch runs: clean a list of sources into an output folder (or check, diff, explain them).

The CLI parses flags into a :class:`Plan` and hands over; this module reads the inputs,
spreads the cleaning over worker processes, writes outputs and the manifest atomically, and
keeps the :class:`~cleaner.report.Report`. Every record reaches the manifest in input order
(sources sorted by id, JSONL records by line), whatever the number of workers. Nothing a
document holds can stop the batch: every per-document failure is an error record.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

from cleaner import __version__
from cleaner.api import Cleaner, Result
from cleaner.cache import CACHE_DIR, DATABASE, Cache, Entry, Hit, cache_key, digest, file_digest
from cleaner.corpus.sites import DEFAULT_URL_FIELDS, folder_site, site_of_record
from cleaner.corpus.templates import (
    Learner,
    Observation,
    Templates,
    TemplatesError,
    site_hash,
)
from cleaner.io import (
    MANIFEST,
    Source,
    atomic_stream,
    bounded_lines,
    display,
    expand_changes,
    json_line,
    manifest_line,
    output_path,
    read_lines,
    write_atomic,
)
from cleaner.parallel import Done, ordered_map
from cleaner.report import Report, explain, unified_diff

# JSONL lines go to the workers in batches of about this many bytes; text files in tasks of
# this many files (one message each way per task, not per document), fewer when they reach
# TASK_BYTES (big documents spread over the workers one by one).
BATCH_BYTES = 256 * 1024
FILES_PER_TASK = 8
TASK_BYTES = 64 * 1024
NAMESPACE = "cleaner"
# In the output folder's cache folder: what an unsharded run learned from its inputs (the
# same bytes 'cleaner templates learn' writes), and which inputs it was learned from (a
# resume reuses it).
TEMPLATES_FILE = "site-templates.json"
TEMPLATES_INPUTS = "site-templates.inputs"


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
    # A shard's own manifest part and cache index (``manifest-0001-of-0004.jsonl``).
    manifest_name: str = MANIFEST
    cache_name: str = DATABASE
    # The input roots as given (see io.root_labels): the manifest's run header names them.
    roots: tuple[str, ...] = ()
    sites: str = "url"  # one of corpus.sites.SITE_MODES
    url_fields: tuple[str, ...] = DEFAULT_URL_FIELDS
    # Learn site templates from the inputs in a first pass (no --templates FILE, not off).
    learn: bool = False
    site: str | None = None  # the site of text files (--site), unless --sites folder

    def cache_key(self) -> str:
        """The options of this plan that shape outputs (the cleaner's own are in its key)."""
        return (
            f"text_field={self.text_field!r} id_field={self.id_field!r} "
            f"url_fields={self.url_fields!r}"
        )


@dataclass(frozen=True, slots=True)
class Fields:
    text: str
    id: str
    limit: int  # bytes per line (a document's size limit)
    url_fields: tuple[str, ...] = DEFAULT_URL_FIELDS
    sites: str = "url"  # how a record's site is found (corpus.sites.SITE_MODES)
    folder: str | None = None  # with sites = "folder": the site of the file's records

    def site(self, record: dict[str, Any]) -> str | None:
        """The site of a record: its URL's host, its file's folder, or none."""
        if self.sites == "folder":
            return self.folder
        return site_of_record(record, self.url_fields) if self.sites == "url" else None


# A JSONL line and its number (None: a line over the size limit, skipped unread).
Numbered = tuple[int, bytes | None]
# What the run's process counts of a document a worker finished: its id, status, number of
# changes, error, error kind and where (for an error's message).
Tally = tuple[str, str, int, str | None, str | None, str | None]


@dataclass(frozen=True, slots=True)
class Finish:
    """What a worker needs to finish documents as the run would: the plan (where outputs go,
    what the manifest records), the size limit, the pid that holds the output folder's lock
    (temporary files are named after it, so a sweep never takes them for a dead run's) and
    the cache's fingerprint (a worker keys a document from the bytes it read; None: no
    cache)."""

    plan: Plan
    limit: int
    owner: int
    fingerprint: str | None = None


# A text file's task: how to finish it, the file, its site, its cache key if the run looked
# it up, else what the worker adds to the key of the bytes it reads (None: no key).
FileTask = tuple[Finish, Source, str | None, str | None, str | None]


class Finished(NamedTuple):
    """A text file a worker finished: its manifest line and that line's sha256, its cache
    entry, its tally and what ``--diff``/``--explain`` print for it."""

    line: bytes
    check: bytes
    entry: Entry | None
    tally: Tally
    shown: str


# The one source of a stdin run, under the root "-".
STDIN = Source("-", Path("-"))


def run_header(cleaner: Cleaner, plan: Plan) -> dict[str, Any]:
    """The manifest's first line: what every record of the run shares, written once.

    Records name their root by its index in ``roots`` and their path relative to it (``id``).
    Nothing here depends on the output folder, the number of workers or the time, so two
    runs over the same inputs with the same rules write the same manifest.
    """
    return {
        "run": {
            "cleaner": __version__,
            "rules": cleaner.rules.fingerprint,
            "roots": list(plan.roots),
            "sites": plan.sites,
        }
    }


def placed(record: dict[str, Any], source: Source, plan: Plan) -> dict[str, Any]:
    """``record`` with its input root (an index into the run's roots) and its site."""
    site = record.get("site")
    if plan.sites == "folder":
        root = plan.roots[source.root] if source.root < len(plan.roots) else "."
        site = folder_site(source.id, root)
    elif plan.sites == "none":
        site = None
    found: dict[str, Any] = {"id": record["id"], "root": source.root, "site": None}
    found.update(record)
    found["site"] = site
    return found


class Batch:
    """One run over many sources; ``emit`` receives what belongs on stdout."""

    def __init__(
        self,
        cleaner: Cleaner,
        plan: Plan,
        report: Report,
        emit: Callable[[str], None],
        warn: Callable[[str], None] = lambda _: None,
    ) -> None:
        self.cleaner = cleaner
        self.plan = plan
        self.report = report
        self.emit = emit
        self.warn = warn
        self.fields = Fields(
            plan.text_field,
            plan.id_field,
            cleaner.options.max_doc_bytes,
            plan.url_fields,
            plan.sites,
        )
        # Per JSONL source, a digest of the templates of the sites its records belong to
        # (from the learning pass), for cache keys: a file's outputs depend on its own sites'
        # templates alone. None: the file's sites were too many to keep (the whole templates).
        self._sites_of: dict[str, str | None] = {}

    def site_of_file(self, source: Source) -> str | None:
        """The site of a text file (or of a JSONL file's records with ``--sites folder``)."""
        if self.plan.sites != "folder":
            return self.plan.site if not source.jsonl else None
        root = self.plan.roots[source.root] if source.root < len(self.plan.roots) else "."
        return folder_site(source.id, root)

    def fields_of(self, source: Source) -> Fields:
        return dataclasses.replace(self.fields, folder=self.site_of_file(source))

    # --- site templates: the first pass -------------------------------------------------

    def learn(self, sources: list[Source]) -> Templates | None:
        """What the inputs teach about their sites' templates (None when no input has a
        site, or the ``site_template`` rule is off): every document with a site goes through
        the steps before the template step, in the workers, and its lines are counted here,
        in input order (so any ``--jobs`` learns the same)."""
        thresholds = self.cleaner.thresholds
        if thresholds is None:
            return None
        learner = Learner(thresholds.limit, story_share=thresholds.story_share)
        seen = False
        texts = [s for s in sources if not s.jsonl and s.error is None]
        if self.plan.sites == "folder" and texts:
            tasks = ((s.id, str(s.path), self.fields.limit) for s in texts)
            found = ordered_map(
                _observe_file,
                tasks,
                jobs=self.plan.jobs,
                spec=self.cleaner.spec,
                local=self.cleaner,
            )
            for source, page in zip(texts, found, strict=True):
                site = self.site_of_file(source)
                seen = True
                if page is not None and site is not None:
                    learner.add(site, page)
        # The sites of each JSONL file, as hashes, under one cap for all files together (the
        # learner's): past it a file's sites are not kept, its key holds all the templates.
        sites_of: dict[str, set[int] | None] = {}
        kept = 0
        for source in (s for s in sources if s.jsonl and s.error is None):
            fields = self.fields_of(source)
            sites: set[int] | None = set()
            try:
                lines = enumerate(read_lines(source.path, limit=fields.limit), 1)
                tasks = ((fields, batch) for batch in _batches(lines))
                for done in ordered_map(
                    _observe_lines,
                    tasks,
                    jobs=self.plan.jobs,
                    spec=self.cleaner.spec,
                    local=self.cleaner,
                ):
                    for site, page in done:
                        seen = True
                        if sites is not None:
                            sites.add(site_hash(site))
                            if kept + len(sites) > learner.limit:
                                sites = None
                        if page is not None:
                            learner.add(site, page)
            except (OSError, EOFError):
                pass  # the cleaning pass reports an unreadable file
            sites_of[source.id] = sites
            kept += len(sites) if sites is not None else 0
        if not seen:
            return None
        templates = learner.decide(thresholds)
        named = {site_hash(site): site for site in templates.sites}
        for name, hashes in sites_of.items():
            self._sites_of[name] = (
                _digest_of_sites(templates, (named[h] for h in hashes if h in named))
                if hashes is not None
                else None
            )
        return templates

    def prepare_templates(self, sources: list[Source]) -> None:
        """The first pass of a run that learns its templates: reuse what an earlier run into
        this output folder learned from the same inputs, else learn and store it there."""
        if not self.plan.learn:
            return
        if self.plan.sites != "folder" and not any(s.jsonl for s in sources):
            # Only JSONL records have URLs: nothing to learn, so no digest of every input.
            return
        stored = self.plan.out / CACHE_DIR / TEMPLATES_FILE
        marker = self.plan.out / CACHE_DIR / TEMPLATES_INPUTS
        inputs = self._inputs_digest(sources)
        templates = None
        earlier = _read_json(marker) if not self.plan.force else None
        if earlier is not None and earlier.get("inputs") == inputs and stored.is_file():
            with contextlib.suppress(TemplatesError):
                templates = Templates.load(stored)
                self._sites_of = dict(earlier.get("site_digests", {}))
        if templates is None:
            templates = self.learn(sources)
            if templates is not None and self.plan.write:
                templates.save(stored)
                learned = {"inputs": inputs, "site_digests": self._sites_of}
                write_atomic(marker, json_line(learned))
        if templates is not None:
            self.cleaner = self.cleaner.with_templates(templates)

    def _inputs_digest(self, sources: list[Source]) -> str:
        """What the learned templates depend on: the inputs' names and bytes, the rules and
        code, and how sites and texts are found."""
        digest = hashlib.sha256()
        digest.update(self.cleaner.rules_fingerprint.encode() + b"\0")
        digest.update(f"{self.plan.cache_key()} sites={self.plan.sites!r}".encode() + b"\0")
        digest.update(repr(self.plan.roots).encode() + b"\0")
        for source in sources:
            content = file_digest(source.path) if source.error is None else None
            digest.update(f"{source.id}\0{content}\0".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _site_digest(self, source: Source) -> str:
        """The part of a source's cache key that the site templates make: the digest of its
        own site's template (for a JSONL file, of each of its records' sites)."""
        templates = self.cleaner.templates
        if templates is None:
            return ""
        if not source.jsonl or self.plan.sites == "folder":
            return "\0templates=" + templates.site_digest(self.site_of_file(source))
        digest = self._sites_of.get(source.id)
        if digest is None:  # not known without reading the file: the whole templates
            return "\0templates=" + templates.digest()
        return "\0templates=" + digest

    def run(self, sources: list[Source], progress: Callable[[int, int], None]) -> None:
        """Clean ``sources``; ``progress(bytes, documents)`` is told of the work as it is done.

        A run that learns site templates does so first (:meth:`prepare_templates`).
        """
        self.prepare_templates(sources)
        manifest_path = self.plan.manifest or self.plan.out / self.plan.manifest_name
        keep_manifest = self.plan.write or self.plan.manifest is not None
        # --force redoes everything but still records it, so the next run can skip it.
        cache = (
            Cache(
                self.plan.out,
                f"{self.cleaner.rules_fingerprint}\0{self.plan.cache_key()}"
                f"\0sites={self.plan.sites!r}",
                read=not self.plan.force,
                warn=self.warn,
                name=self.plan.cache_name,
            )
            if self.plan.write
            else None
        )
        if cache is not None:
            sink = cache.manifest(manifest_path)
        else:
            sink = atomic_stream(manifest_path) if keep_manifest else _discard()
        with contextlib.closing(cache) if cache else contextlib.nullcontext(), sink as manifest:
            manifest.write(json_line(run_header(self.cleaner, self.plan)))
            texts = [s for s in sources if not s.jsonl]
            for line, check, entry in self._texts(texts, cache, progress):
                if cache is not None and entry is not None:
                    cache.put(entry, manifest.offset, len(line), check)
                manifest.write(line)
            for source in (s for s in sources if s.jsonl):
                start = manifest.offset if cache is not None else 0
                written = hashlib.sha256()  # of the file's records, as they are written
                for found in self._jsonl(source, cache, progress):
                    if isinstance(found, Entry):  # the file is done: where its records are
                        if cache is not None:
                            size = manifest.offset - start
                            cache.put(found, start, size, written.digest())
                        continue
                    manifest.write(found)
                    written.update(found)

    # --- text files -----------------------------------------------------------------------

    def _texts(
        self, sources: list[Source], cache: Cache | None, progress: Callable[[int, int], None]
    ) -> Iterator[tuple[bytes, bytes, Entry | None]]:
        """(manifest line, its sha256, cache entry or None) of each text file, in order.

        The workers do each document's work: read it, clean it, write its output and build
        its manifest line; here, in the one process that every worker's result passes
        through, a document costs a few dictionary and file operations.
        """
        # The workers key documents from the bytes they read when no lookup needs the key
        # first (--force, or a cache with nothing in it): the file is read once, there.
        lookup = cache is not None and cache.may_hit
        finish = self._finish(cache)

        def tasks() -> Iterator[Any]:
            # Looked up lazily, as the workers take documents: a re-run over a big cache holds
            # no more than the window in memory.
            for source in sources:
                if source.error is not None:
                    yield Done(None)
                    continue
                key = None
                if lookup:
                    assert cache is not None
                    content = file_digest(source.path)
                    if content is not None:
                        key = cache.key(source.id, content + self._site_digest(source))
                        hit = cache.get(key, self.plan.out / source.id)
                        record = list(_cached_records(hit)) if hit is not None else []
                        if hit is not None and len(record) == 1:
                            yield Done((record[0], hit.entry))
                            continue
                salt = self._site_digest(source) if cache is not None and not lookup else None
                yield finish, source, self.site_of_file(source), key, salt

        results = ordered_map(
            _finish_file,
            tasks(),
            # One worker per file at most: a pool for a single file only builds cleaners.
            jobs=min(self.plan.jobs, len(sources)),
            spec=self.cleaner.spec,
            local=self.cleaner,
            chunk=FILES_PER_TASK,
            weight=lambda task: task[1].size,
            budget=TASK_BYTES,
        )
        for source, outcome in zip(sources, results, strict=True):
            progress(source.size, 1)
            if isinstance(outcome, Finished):
                self._count(outcome.tally)
                if outcome.shown:
                    self.emit(outcome.shown)
                yield outcome.line, outcome.check, outcome.entry
                continue
            if source.error is not None:
                record = _error_record(source.id, None, source.error, "input")
                self.report.add_record(record, where=str(source.path))
                entry = None
            else:
                record, entry = outcome
                self.report.add_record(record, cached=True)
            line = manifest_line(placed(record, source, self.plan))
            yield line, hashlib.sha256(line).digest(), entry

    def _finish(self, cache: Cache | None) -> Finish:
        return Finish(
            self.plan,
            self.fields.limit,
            os.getpid(),
            cache.fingerprint if cache is not None else None,
        )

    def _count(self, tally: Tally) -> None:
        """Count a document that a worker finished, from its tally."""
        doc_id, status, changes, error, kind, where = tally
        # A record as the report reads it: of the changes, their number alone.
        record = {
            "id": doc_id,
            "status": status,
            "changes": range(changes),
            "error": error,
            "error_kind": kind,
        }
        self.report.add_record(record, where=where)

    def _show(self, result: Result, label: str) -> None:
        shown = _shown(self.plan, result, label)
        if shown:
            self.emit(shown)

    # --- JSONL files ----------------------------------------------------------------------

    def _jsonl(
        self,
        source: Source,
        cache: Cache | None,
        progress: Callable[[int, int], None] = lambda _bytes, _records: None,
    ) -> Iterator[bytes | Entry]:
        """The manifest lines of a JSONL file, then (when the cache may keep them) its cache
        entry. The workers clean its records and build their output and manifest lines; its
        output is written here, where its lines come back in order."""
        try:
            output = output_path(self.plan.out, source.id)
        except OSError as exc:
            yield self._source_error(source, f"cannot write: {exc}", "environment")
            return
        key = None
        fields = self.fields_of(source)
        if cache is not None:
            content = file_digest(source.path)
            key = cache.key(source.id, content + self._site_digest(source)) if content else None
            hit = cache.get(key, output) if key is not None else None
            if hit is not None:
                for record in _cached_records(hit):
                    self.report.add_record(record, cached=True)
                    progress(0, 1)
                    yield manifest_line(placed(record, source, self.plan))
                progress(source.size, 0)
                yield hit.entry
                return
        sink = atomic_stream(output, compress=source.gzip) if self.plan.write else _discard()
        finish = self._finish(None)
        try:
            with sink as stream:
                lines = enumerate(read_lines(source.path, limit=fields.limit), 1)
                sizes: deque[int] = deque()  # bytes of each batch in flight, for progress

                def tasks() -> Iterator[tuple[Finish, Source, Fields, list[Numbered]]]:
                    for batch in _batches(lines):
                        sizes.append(sum(len(line or b"") for _, line in batch))
                        yield finish, source, fields, batch

                # A compressed file's lines are bigger than its bytes on disk: its bytes
                # count when it ends, its documents as they go.
                scale = 0 if source.gzip else 1
                for done in ordered_map(
                    _finish_lines,
                    tasks(),
                    jobs=self.plan.jobs,
                    spec=self.cleaner.spec,
                    local=self.cleaner,
                ):
                    progress(sizes.popleft() * scale, len(done))
                    for line, record, tally, shown in done:
                        if line is not None:
                            stream.write(line)
                        self._count(tally)
                        if shown:
                            self.emit(shown)
                        yield record
        except (OSError, EOFError) as exc:
            # An unreadable or truncated file: no output is written for it (the stream was
            # never renamed into place); the records before the fault are in the manifest.
            reason = getattr(exc, "strerror", None) or exc
            yield self._source_error(source, f"cannot read: {reason}; no output written", "input")
            return
        progress(source.size * (1 - scale), 0)
        if cache is not None and key and self.plan.write:
            yield Entry(key, file_digest(output))

    def _source_error(self, source: Source, message: str, kind: str) -> bytes:
        record = _error_record(source.id, None, message, kind)
        self.report.add_record(record, where=str(source.path))
        return manifest_line(placed(record, source, self.plan))

    def filter_stdin(
        self, stdin: IO[bytes], stdout: IO[bytes], *, rejects: Path | None = None
    ) -> None:
        """``--format jsonl`` on stdin: one record in, one record out, in order, each written
        as soon as it is clean (a slow producer sees its records come back one by one, so
        the filter cleans here, in order, whatever ``--jobs`` says).

        A record that cannot be cleaned passes through unchanged with its error under
        ``metadata.cleaner``; a line that is not a JSON object never reaches stdout: it goes
        to the manifest (``--manifest``) and to ``rejects``. Explanations and diffs go to
        stderr (``emit``), since stdout carries JSONL.
        """
        manifest = atomic_stream(self.plan.manifest) if self.plan.manifest else _discard()
        rejected = atomic_stream(rejects) if rejects else _discard()
        with manifest as records, rejected as rejects_file:
            records.write(json_line(run_header(self.cleaner, self.plan)))
            for number, raw in enumerate(bounded_lines(stdin, self.fields.limit), 1):
                for line, record, result in _clean_lines(
                    self.cleaner, ("-", self.fields, [(number, raw)])
                ):
                    if line is not None and self.plan.write:
                        stdout.write(line)
                        stdout.flush()
                    elif line is None and raw is not None:
                        rejects_file.write(raw if raw.endswith(b"\n") else raw + b"\n")
                    self.report.add_record(record, where=f"<stdin>:{record['line']}")
                    records.write(manifest_line(placed(record, STDIN, self.plan)))
                    if result is not None:
                        self._show(result, f"<stdin>:{record['line']}")
        stdout.flush()


@contextlib.contextmanager
def _discard() -> Iterator[Any]:
    class _Null:
        def write(self, data: bytes) -> int:
            return len(data)

    yield _Null()


def _cached_records(hit: Hit) -> Iterator[dict[str, Any]]:
    """The records of a cached document as its manifest lines hold them (streamed), without
    the input root (the run places them again, under its own roots)."""
    for line in hit.lines():
        record = json.loads(line)
        record.pop("root", None)
        if "changes" in record:
            record["changes"] = expand_changes(record["changes"])
        yield record


def _batches(lines: Iterable[tuple[int, bytes | None]]) -> Iterator[list[tuple[int, bytes | None]]]:
    batch: list[tuple[int, bytes | None]] = []
    size = 0
    for number, line in lines:
        batch.append((number, line))
        size += len(line) if line is not None else 0
        if size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _read_file(doc_id: str, path: str, limit: int) -> bytes | Result:
    """A text file's bytes, or the failed result that says why they cannot be cleaned."""
    try:
        with open(path, "rb") as stream:
            data = _read_bounded(stream, limit)
    except OSError as exc:
        return Result.failed(doc_id, f"cannot read: {exc.strerror or exc}", "input")
    if len(data) > limit:
        return Result.failed(
            doc_id, f"too large: over {limit:,} bytes (raise --max-doc-bytes to clean it)", "input"
        )
    return data


def _read_bounded(stream: IO[bytes], limit: int) -> bytes:
    """``stream.read(limit + 1)``: never more than the limit in memory. Asked for the file's
    size (+ 1, to see a file that grew) first: a read of ``limit + 1`` bytes maps a buffer of
    that size (16 MB by default) for each file, however small."""
    size = os.fstat(stream.fileno()).st_size
    if size >= limit:
        return stream.read(limit + 1)
    data = stream.read(size + 1)
    if len(data) > size:  # it grew: the rest, up to the same bound
        data += stream.read(limit + 1 - len(data))
    return data


def _finish_file(cleaner: Cleaner, task: FileTask) -> Finished:
    """Clean one text file where it is cleaned (a worker, or the run's own process with one
    job): its output written, its manifest line built; the run's process only writes the
    line. Whatever goes wrong is this document's error record, never the batch's end."""
    finish, source, _, _, _ = task
    try:
        return _finished_file(cleaner, task)
    except Exception as exc:  # a bug: this document fails, the others go on
        problem = f"internal error: {type(exc).__name__}: {exc}"[:500]
        return _finished(finish, source, Result.failed(source.id, problem, "internal"), None)


def _finished_file(cleaner: Cleaner, task: FileTask) -> Finished:
    finish, source, site, key, salt = task
    data = _read_file(source.id, str(source.path), finish.limit)
    result = data if isinstance(data, Result) else cleaner.clean(data, id=source.id, site=site)
    if not (result.ok and finish.plan.write):
        return _finished(finish, source, result, None)
    try:
        if finish.owner not in (os.getpid(), os.getppid()):
            # This worker outlived its run (killed): a rerun may own the folder now.
            raise OSError(errno.ESRCH, "the run this worker belongs to has ended")
        output = output_path(finish.plan.out, source.id)
        text = result.text.encode("utf-8", "surrogatepass")
        write_atomic(output, text, owner=finish.owner)
    except OSError as exc:
        where = display(str(finish.plan.out / source.id))
        problem = f"cannot write {where}: {exc.strerror or exc}"
        return _finished(finish, source, Result.failed(source.id, problem, "environment"), None)
    if key is None and salt is not None and finish.fingerprint is not None:
        assert isinstance(data, bytes)
        key = cache_key(finish.fingerprint, source.id, digest(data) + salt)
    return _finished(finish, source, result, Entry(key, digest(text)) if key else None)


def _finished(finish: Finish, source: Source, result: Result, entry: Entry | None) -> Finished:
    written = source.id if result.ok and finish.plan.write else None
    record = result.record(written, compact=True)
    line = manifest_line(placed(record, source, finish.plan))
    where = str(source.path) if not result.ok else None
    changes = len(result.changes)
    tally = (result.id, record["status"], changes, result.error, result.error_kind, where)
    shown = _shown(finish.plan, result, str(source.path))
    return Finished(line, hashlib.sha256(line).digest(), entry, tally, shown)


def _finish_lines(
    cleaner: Cleaner, task: tuple[Finish, Source, Fields, list[Numbered]]
) -> list[tuple[bytes | None, bytes, Tally, str]]:
    """Clean a batch of a JSONL file's lines: (output line or None, manifest line, tally,
    what to show) of each record, built where they are cleaned."""
    finish, source, fields, batch = task
    written = source.id if finish.plan.write else None
    done = []
    for line, record, result in _clean_lines(cleaner, (source.id, fields, batch), compact=True):
        if line is not None:
            record["output"] = written
        label = f"{source.path}:{record.get('line')}"
        error = record["status"] == "error"
        tally = (
            record["id"],
            record["status"],
            sum(len(run) - 2 for run in record["changes"]),
            record["error"],
            record.get("error_kind"),
            label if error else None,
        )
        shown = _shown(finish.plan, result, label) if result is not None else ""
        done.append((line, manifest_line(placed(record, source, finish.plan)), tally, shown))
    return done


def _shown(plan: Plan, result: Result, label: str) -> str:
    """What ``--diff`` and ``--explain`` print for a document."""
    shown = unified_diff(result, label=label) if plan.diff and result.changed else ""
    if plan.explain:
        shown += "".join(line + "\n" for line in explain(result, label=label))
    return shown


def _digest_of_sites(templates: Templates, sites: Iterable[str]) -> str:
    """One digest of the templates of ``sites`` (those with a template), in site order."""
    found = ",".join(f"{site}={templates.site_digest(site)}" for site in sorted(set(sites)))
    return hashlib.sha256(found.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _observe_file(cleaner: Cleaner, item: tuple[str, str, int]) -> Observation | None:
    doc_id, path, limit = item
    try:
        with open(path, "rb") as stream:
            data = _read_bounded(stream, limit)
    except OSError:
        return None
    return cleaner.observe(data, id=doc_id) if len(data) <= limit else None


def _observe_lines(
    cleaner: Cleaner, task: tuple[Fields, list[tuple[int, bytes | None]]]
) -> list[tuple[str, Observation | None]]:
    """The learning pass over a batch of JSONL lines: (site, observation) of each record
    that has a site. A record without one costs its JSON parsing alone."""
    fields, batch = task
    found: list[tuple[str, Observation | None]] = []
    for _, raw in batch:
        if raw is None or not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        if not isinstance(record, dict) or not isinstance(record.get(fields.text), str):
            continue
        site = fields.site(record)
        if site is not None:
            found.append((site, cleaner.observe(record[fields.text])))
    return found


def has_sites(sources: Iterable[Source], plan: Plan) -> bool:
    """Whether any input document belongs to a site (stops at the first one found): with
    ``--sites folder`` any input; with ``url`` a JSONL record with a URL field."""
    sources = [s for s in sources if s.error is None]
    if plan.sites == "folder":
        return bool(sources)
    if plan.sites != "url":
        return False
    names = {name.rsplit(".", 1)[-1].encode() for name in plan.url_fields}
    for source in (s for s in sources if s.jsonl):
        with contextlib.suppress(OSError, EOFError):
            for line in read_lines(source.path):
                if not line or not any(name in line for name in names):
                    continue
                try:
                    record = json.loads(line)
                except (ValueError, RecursionError):
                    continue
                if isinstance(record, dict) and site_of_record(record, plan.url_fields):
                    return True
    return False


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        found = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _clean_lines(
    cleaner: Cleaner, task: tuple[str, Fields, list[Numbered]], *, compact: bool = False
) -> list[tuple[bytes | None, dict[str, Any], Result | None]]:
    """Clean a batch of JSONL lines: (output line or None, manifest record, result). With
    ``compact`` the records' changes are as the manifest stores them (runs of one rule)."""
    source_id, fields, batch = task
    done: list[tuple[bytes | None, dict[str, Any], Result | None]] = []
    for number, raw in batch:
        if raw is None:
            problem = f"too large: line over {fields.limit:,} bytes (raise --max-doc-bytes)"
            done.append((None, _error_record(source_id, number, problem, "input"), None))
            continue
        if not raw.strip():
            continue
        try:
            done.append(_clean_record(cleaner, source_id, fields, number, raw, compact))
        except Exception as exc:  # a bug: this record fails, the others go on
            problem = f"internal error: {type(exc).__name__}: {exc}"[:500]
            done.append((None, _error_record(source_id, number, problem, "internal"), None))
    return done


def _clean_record(
    cleaner: Cleaner, source_id: str, fields: Fields, number: int, raw: bytes, compact: bool
) -> tuple[bytes | None, dict[str, Any], Result | None]:
    try:
        record = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        # ValueError: not JSON, not UTF-8, or an integer too long to read; RecursionError:
        # nested too deeply for any JSON reader.
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:200]
        return None, _error_record(source_id, number, f"invalid JSON: {reason}", "input"), None
    if not isinstance(record, dict):
        problem = f"not a JSON object: {type(record).__name__}"
        return None, _error_record(source_id, number, problem, "input"), None
    text = record.get(fields.text)
    if not isinstance(text, str):
        # Kept as it was, with the reason beside it: a filter never drops a record.
        problem = f"no string field {fields.text!r}"
        error = _error_record(source_id, number, problem, "input")
        error["record_id"] = record.get(fields.id)
        _metadata(record)[NAMESPACE] = {"error": problem, "error_kind": "input"}
        return json_line(record), error, None
    record_id = record.get(fields.id)
    result = cleaner.clean(text, id=f"{source_id}:{number}", site=fields.site(record))
    manifest = result.record(None, compact=compact)
    manifest["line"] = number
    manifest["record_id"] = record_id
    manifest["site"] = site_of_record(record, fields.url_fields)
    # A record that cannot be cleaned passes through with its text as it was and the error
    # beside it: a filter never drops a record.
    if result.ok:
        record[fields.text] = result.text
    _metadata(record)[NAMESPACE] = summary(result)
    return json_line(record), manifest, result


def _metadata(record: dict[str, Any]) -> dict[str, Any]:
    """The record's ``metadata`` object, made one if it is missing or not an object."""
    metadata = record.get("metadata")
    if not isinstance(metadata, dict):
        metadata = record["metadata"] = {} if metadata is None else {"original": metadata}
    return metadata


def summary(result: Result) -> dict[str, Any]:
    """What a JSONL record carries under ``metadata.cleaner``: language, metadata, changes."""
    counts: dict[str, int] = {}
    for change in result.changes:
        counts[change.rule] = counts.get(change.rule, 0) + 1
    if not result.ok:
        return {"error": result.error, "error_kind": result.error_kind}
    return {
        "language": result.language,
        "meta": result.meta,
        "changes": dict(sorted(counts.items())),
    }


def _error_record(source_id: str, line: int | None, message: str, kind: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"{source_id}:{line}" if line is not None else source_id,
        "output": None,
        "status": "error",
        "error": message,
        "error_kind": kind,
        "language": None,
        "meta": {},
        "changes": [],
    }
    if line is not None:
        record["line"] = line
    return record
