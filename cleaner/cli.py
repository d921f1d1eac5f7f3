"""The ``cleaner`` command. Thin: parse flags, call the API, print the report.

Content goes to stdout (clean text for ``-``, diffs, explanations); status and errors go to
stderr. Exit codes: 0 clean or cleaned; 1 a document was an input error (or, with
``--check``, would change); 2 usage or configuration error, found before anything is written;
3 an environment fault (disk full, permission, an output folder held by another run) or an
internal error. Faults print one line naming the path; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cleaner.api import Cleaner
from cleaner.batch import Batch, Plan
from cleaner.io import (
    RunLock,
    Source,
    UsageError,
    check_targets,
    discover,
    display,
    read_lines,
    write_manifest,
)
from cleaner.options import DEFAULT_MAX_DOC_BYTES, DEFAULT_RULE_TIMEOUT
from cleaner.report import EXIT_FAULT, EXIT_USAGE, Report, explain, unified_diff
from cleaner.rules import RuleError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Clean scraped and machine-translated text, with a record of every change.",
)
names_app = typer.Typer(no_args_is_help=True, help="Work with name aliases.")
app.add_typer(names_app, name="names")
rules_app = typer.Typer(no_args_is_help=True, help="Work with rule files.")
app.add_typer(rules_app, name="rules")


class QuoteStyle(StrEnum):
    auto = "auto"
    straight = "straight"
    curly = "curly"


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"cleaner: {message}", err=True)
    return typer.Exit(code)


# Options shared by several commands.
NoDefaultRules = Annotated[
    bool, typer.Option("--no-default-rules", help="Do not load the shipped rules.")
]


class InputFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


@app.command()
def clean(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders (*.txt, recursively; .jsonl and .jsonl.gz files given by "
            "name); '-' reads stdin. Default: ./seeds"
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    rules: Annotated[
        list[Path] | None,
        typer.Option(help="Extra rule file or folder; repeatable, added to the defaults."),
    ] = None,
    no_default_rules: NoDefaultRules = False,
    quotes: Annotated[
        QuoteStyle,
        typer.Option(help="Quote marks: auto (by language), straight or curly everywhere."),
    ] = QuoteStyle.auto,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 if anything would change.")
    ] = False,
    diff: Annotated[
        bool, typer.Option("--diff", help="Write nothing; print a unified diff of the changes.")
    ] = False,
    explain_changes: Annotated[
        bool,
        typer.Option(
            "--explain", help="Print one line per change: path:line: rule: before -> after."
        ),
    ] = False,
    manifest: Annotated[
        Path | None, typer.Option(help="Write the manifest here (default: OUT/manifest.jsonl).")
    ] = None,
    input_format: Annotated[
        InputFormat, typer.Option("--format", help="What '-' (stdin) holds: text or JSONL.")
    ] = InputFormat.text,
    text_field: Annotated[str, typer.Option(help="JSONL field holding the text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL field holding the record id.")] = "id",
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs", "-j", min=0, help="Worker processes; 0 (default): the CPUs it may use."
        ),
    ] = 0,
    force: Annotated[
        bool, typer.Option("--force", help="Clean again what an earlier run already did.")
    ] = False,
    max_doc_bytes: Annotated[
        int,
        typer.Option(
            min=1, metavar="BYTES", help="Larger documents are errors, not memory blow-ups."
        ),
    ] = DEFAULT_MAX_DOC_BYTES,
    rule_timeout: Annotated[
        float,
        typer.Option(
            min=0.001,
            metavar="SECONDS",
            help="Time one match of a user rule may take; over it, the document is an error.",
        ),
    ] = DEFAULT_RULE_TIMEOUT,
    debug: Annotated[
        bool, typer.Option("--debug", help="Print tracebacks of faults and internal errors.")
    ] = False,
    with_report: Annotated[
        bool, typer.Option("--report", help="Write OUT/report.html at the end of the run.")
    ] = False,
) -> None:
    """Clean documents into OUT, with OUT/manifest.jsonl recording every change."""
    try:
        cleaner = Cleaner(
            rules=rules or [],
            default_rules=not no_default_rules,
            quotes=quotes.value,
            max_doc_bytes=max_doc_bytes,
            rule_timeout=rule_timeout,
        )
    except RuleError as exc:
        raise fail(str(exc)) from None
    for note in cleaner.notes:
        typer.echo(f"note: {note}", err=True)
    plan = Plan(
        out=out,
        write=not (check or diff),
        diff=diff,
        explain=explain_changes,
        jobs=_workers(jobs),
        force=force,
        text_field=text_field,
        id_field=id_field,
        manifest=manifest,
    )
    report = Report(check=check)
    batch = Batch(cleaner, plan, report, sys.stdout.write, warn=_warn)
    if paths and "-" in [str(p) for p in paths]:
        if len(paths) > 1:
            raise fail("'-' (stdin) cannot be mixed with other paths; clean them in two runs")
        with _faults(debug):
            if input_format is InputFormat.jsonl:
                batch.filter_stdin(sys.stdin.buffer, sys.stdout.buffer)
            else:
                _clean_stdin(cleaner, plan, report)
        _finish(report, summary=input_format is InputFormat.jsonl)
    if not paths:
        if not Path("seeds").is_dir():
            raise fail(
                "no paths given and no ./seeds folder here; pass files or folders to "
                "clean, e.g. 'cleaner clean docs/ --out out'"
            )
        paths = [Path("seeds")]
    try:
        sources = discover(paths)
        check_targets(out, paths, write=plan.write, manifest=manifest)
    except UsageError as exc:
        raise fail(str(exc)) from None
    lock = RunLock(out)
    with _faults(debug):
        if plan.write:
            lock.acquire()
        try:
            with progress_bar(len(sources)) as advance:
                batch.run(sources, advance)
        finally:
            lock.release()
        if with_report and plan.write:
            from cleaner.audit import build_report

            build_report(out, text_field=text_field)
    _finish(report)


def _workers(asked: int) -> int:
    """``--jobs``: 0 means the CPUs this process may run on (its affinity, as a Slurm or
    Kubernetes allocation sets it), and more than those is capped there."""
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    available = available or os.cpu_count() or 1
    if asked > available:
        _warn(
            f"--jobs {asked} is more than the {available} CPUs this process may use; using "
            f"{available}"
        )
    return min(asked, available) if asked else available


def _warn(message: str) -> None:
    typer.echo(f"warning: {message}", err=True)


@contextlib.contextmanager
def _faults(debug: bool) -> Iterator[None]:
    """An environment fault (disk full, permission, a held lock) is one line and exit 3."""
    try:
        yield
    except OSError as exc:
        if debug:
            traceback.print_exc()
        where = f"{display(str(exc.filename))}: " if getattr(exc, "filename", None) else ""
        raise fail(f"{where}{exc.strerror or exc}", EXIT_FAULT) from None


def _clean_stdin(cleaner: Cleaner, plan: Plan, report: Report) -> None:
    result = cleaner.clean(sys.stdin.buffer.read(), id="-")
    report.add(result, where="<stdin>")
    if result.ok and plan.write and not plan.explain:
        sys.stdout.write(result.text)
    if plan.diff and result.changed:
        sys.stdout.write(unified_diff(result, label="stdin"))
    if plan.explain:
        for line in explain(result, label="<stdin>"):
            typer.echo(line)
    if plan.manifest is not None:
        write_manifest(plan.manifest, [result.record(None)])


def _finish(report: Report, *, summary: bool = True) -> None:
    sys.stdout.flush()
    for error in report.errors:
        typer.echo(f"error: {error}", err=True)
    if summary:
        typer.echo(report.summary(), err=True)
    raise typer.Exit(report.exit_code)


@contextlib.contextmanager
def progress_bar(total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; silence otherwise."""
    if not sys.stderr.isatty() or total < 2:
        yield lambda _: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("cleaning", total=total)
        yield lambda n: bar.advance(task, n)


@app.command()
def report(
    out: Annotated[Path, typer.Argument(help="The output folder of a cleaner clean run.")],
    html: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Where to write the page (default: OUT/report.html)."),
    ] = None,
    stats: Annotated[
        Path | None, typer.Option(metavar="FILE", help="Also write the statistics as JSON.")
    ] = None,
    text_field: Annotated[
        str, typer.Option(metavar="NAME", help="JSONL field holding the text.")
    ] = "text",
) -> None:
    """Build the audit report of a run: one self-contained HTML page from its manifest."""
    from cleaner.audit import ReportError, build_report

    try:
        totals = build_report(out, html, stats=stats, text_field=text_field)["totals"]
    except ReportError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(
            f"{display(str(exc.filename or out))}: {exc.strerror or exc}", EXIT_FAULT
        ) from None
    typer.echo(
        f"report of {totals['documents']} documents written to {html or out / 'report.html'}",
        err=True,
    )


@rules_app.command("test")
def rules_test(
    paths: Annotated[list[Path] | None, typer.Argument(help="Rule files or folders.")] = None,
    no_default_rules: NoDefaultRules = False,
) -> None:
    """Validate rule files and run every inline example of every rule in them."""
    from cleaner import examples
    from cleaner.rules import load_rules

    try:
        ruleset = load_rules(paths or [], defaults=not no_default_rules)
    except RuleError as exc:
        raise fail(str(exc)) from None
    total = failed = 0
    for rule in ruleset:
        for _, example in examples.cases(rule):
            total += 1
            failure = examples.check_one(rule, example)
            if failure is not None:
                failed += 1
                typer.echo(str(failure))
    typer.echo(
        f"{len(ruleset)} rules, {total} examples: {total - failed} passed, {failed} failed",
        err=True,
    )
    raise typer.Exit(1 if failed else 0)


@names_app.command("suggest")
def names_suggest(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or folders (*.txt) and JSONL files to read.")
    ],
    rules: Annotated[
        list[Path] | None,
        typer.Option(help="Extra rule file or folder; pairs they cover are not proposed."),
    ] = None,
    no_default_rules: NoDefaultRules = False,
    output_format: Annotated[
        str, typer.Option("--format", help="text (ranked list with TOML stubs) or json.")
    ] = "text",
    limit: Annotated[int, typer.Option(help="At most this many suggestions.")] = 50,
    min_count: Annotated[int, typer.Option(help="Ignore forms seen fewer times.")] = 1,
) -> None:
    """Propose alias rules from a corpus, for a person to review. Never applies them."""
    from cleaner import suggest as suggesting
    from cleaner.rules import load_rules

    if output_format not in ("text", "json"):
        raise fail("--format must be text or json")
    try:
        ruleset = load_rules(rules or [], defaults=not no_default_rules)
        sources = discover(paths)
    except (RuleError, UsageError) as exc:
        raise fail(str(exc)) from None
    texts = (
        Cleaner(default_rules=False).clean(data, id=s.id).text for s, data in _documents(sources)
    )
    found = suggesting.suggest(texts, rules=ruleset, min_count=min_count, limit=limit)
    render = suggesting.format_json if output_format == "json" else suggesting.format_text
    sys.stdout.write(render(found))


def _documents(sources: list[Source]) -> Iterator[tuple[Source, str | bytes]]:
    """The documents of text files and of JSONL files (their ``text`` fields)."""
    for source in sources:
        if source.error is not None:
            continue
        if not source.jsonl:
            yield source, source.path.read_bytes()
            continue
        for line in read_lines(source.path):
            try:
                record = json.loads(line) if line else None
            except (ValueError, RecursionError):
                continue
            if isinstance(record, dict) and isinstance(record.get("text"), str):
                yield source, record["text"]


def main() -> None:
    app()


@app.callback()
def _root() -> None:
    """Clean scraped and machine-translated text, with a record of every change."""
