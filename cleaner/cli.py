"""The ``cleaner`` command. Thin: parse flags, call the API, print the report.

Content goes to stdout (clean text for ``-``, diffs, explanations); status and errors go to
stderr. Exit codes: 0 clean or cleaned, 1 a document was an error (or, with ``--check``,
would change), 2 usage or rule-file error.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cleaner.api import Cleaner, Result
from cleaner.io import (
    MANIFEST,
    UsageError,
    check_output_folder,
    discover,
    write_atomic,
    write_manifest,
)
from cleaner.report import EXIT_USAGE, Report, explain, unified_diff
from cleaner.rules import RuleError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Clean scraped and machine-translated text, with a record of every change.",
)


class QuoteStyle(StrEnum):
    straight = "straight"
    curly = "curly"


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"cleaner: {message}", err=True)
    return typer.Exit(code)


@app.command()
def clean(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders (*.txt, recursively); '-' reads stdin. Default: ./seeds"
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    rules: Annotated[
        list[Path] | None,
        typer.Option(
            "--rules", help="Extra rule file or folder; repeatable, added to the defaults."
        ),
    ] = None,
    no_default_rules: Annotated[
        bool, typer.Option("--no-default-rules", help="Do not load the shipped rules.")
    ] = False,
    quotes: Annotated[
        QuoteStyle, typer.Option(help="Quote style of the output.")
    ] = QuoteStyle.straight,
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
) -> None:
    """Clean documents into OUT, with OUT/manifest.jsonl recording every change."""
    try:
        cleaner = Cleaner(
            rules=rules or [], default_rules=not no_default_rules, quotes=quotes.value
        )
    except RuleError as exc:
        raise fail(str(exc)) from None
    writing = not (check or diff)
    if paths and [str(p) for p in paths] == ["-"]:
        _clean_stdin(cleaner, manifest, check=check, diff=diff, explain_changes=explain_changes)
        return
    if not paths:
        if not Path("seeds").is_dir():
            raise fail(
                "no paths given and no ./seeds folder here; pass files or folders to "
                "clean, e.g. 'cleaner clean docs/ --out out'"
            )
        paths = [Path("seeds")]
    try:
        sources = discover(paths)
        if writing:
            check_output_folder(out, paths)
    except UsageError as exc:
        raise fail(str(exc)) from None
    report = Report(check=check)
    records = []
    for source in sources:
        try:
            data = source.path.read_bytes()
        except OSError as exc:
            result = Result(source.id, "", None, {}, (), f"cannot read: {exc.strerror}")
        else:
            result = cleaner.clean(data, id=source.id)
        report.add(result, where=str(source.path))
        output = None
        if result.ok:
            if writing:
                write_atomic(out / source.id, result.text.encode("utf-8"))
            output = source.id
        if diff and result.changed:
            sys.stdout.write(unified_diff(result, label=str(source.path)))
        if explain_changes:
            for line in explain(result, label=str(source.path)):
                typer.echo(line)
        records.append(result.record(output if writing else None))
    if writing or manifest is not None:
        write_manifest(manifest or out / MANIFEST, records)
    for error in report.errors:
        typer.echo(f"error: {error}", err=True)
    typer.echo(report.summary(), err=True)
    raise typer.Exit(report.exit_code)


def _clean_stdin(
    cleaner: Cleaner, manifest: Path | None, *, check: bool, diff: bool, explain_changes: bool
) -> None:
    result = cleaner.clean(sys.stdin.buffer.read(), id="-")
    report = Report(check=check)
    report.add(result, where="<stdin>")
    if result.ok and not (check or diff or explain_changes):
        sys.stdout.write(result.text)
    if diff and result.changed:
        sys.stdout.write(unified_diff(result, label="stdin"))
    if explain_changes:
        for line in explain(result, label="<stdin>"):
            typer.echo(line)
    if manifest is not None:
        write_manifest(manifest, [result.record(None)])
    for error in report.errors:
        typer.echo(f"error: {error}", err=True)
    raise typer.Exit(report.exit_code)


def main() -> None:
    app()


@app.callback()
def _root() -> None:
    """Clean scraped and machine-translated text, with a record of every change."""
