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
import re
import sys
import traceback
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from cleaner import config, storage
from cleaner.api import Cleaner, CleanerSpec
from cleaner.batch import STDIN, Batch, Plan, has_sites, placed, run_header
from cleaner.corpus.sites import site_from_url
from cleaner.corpus.templates import Templates, TemplatesError
from cleaner.engines import local, shards
from cleaner.engines.shards import Shard
from cleaner.io import (
    JSONL_SUFFIXES,
    Source,
    UsageError,
    check_targets,
    discover,
    display,
    read_lines,
    root_labels,
    write_manifest,
)
from cleaner.options import DEFAULT_MAX_DOC_BYTES, DEFAULT_RULE_TIMEOUT
from cleaner.report import EXIT_FAULT, EXIT_USAGE, Report, explain, unified_diff
from cleaner.rules import Rule, RuleError, read_rule_files


class _Argument(TyperArgument):
    """An argument whose help shows its metavar (``PATH``), not a Python type."""

    def display_type_rich(self, ctx: typer.Context) -> str | None:  # type: ignore[override]
        return None if self.metavar else super().display_type_rich(ctx)


class _MetavarHelp:
    """Help that names values by metavar (``PATH``, ``N``) and shows no ``<bool>`` for flags;
    the values this CLI takes coerced without pydantic (see :func:`_plain_coercion`)."""

    params: list[Any]

    def _plain_metavars(self) -> None:
        for param in self.params:
            if isinstance(param, TyperArgument) and not isinstance(param, _Argument):
                param.__class__ = _Argument
            elif isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
                param.metavar = ""
            _plain_coercion(param)

    def get_help_option(self, ctx: typer.Context) -> TyperOption | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.metavar = ""
            _plain_coercion(option)
        return option


# typer (since 0.16) turns every value, default or given, into its parameter's type through a
# pydantic TypeAdapter built for it: importing pydantic and building some twenty adapters cost
# about 0.13 s CPU, a fifth of a `cleaner clean` run on one small file. The values this CLI
# takes (text, numbers, paths, choices and lists of them) are coerced here instead, the way
# typer's adapters coerce them; a value this is not sure of (a malformed number, one under
# its minimum, an unknown choice) still goes to typer's own adapter, for its result and its
# error message. tests/test_cli_coercion.py holds both ways equal on every parameter.
_NOT_PLAIN = object()
_INTEGER = re.compile(r"0|[1-9][0-9]{0,17}")
_DECIMAL = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,15})?")


def _plain_coercion(param: Any) -> None:
    """Give ``param`` the coercion below, where this typer coerces through pydantic."""
    if _RuntimeParam is None or not isinstance(param, _TyperParameter):
        return
    descriptor = param.type_descriptor
    info = descriptor.parameter_info
    if info.parser is None and descriptor.file_annotation is None:
        param._runtime_param = _PlainParam(descriptor.parameter_info, descriptor.annotation)


def _plain_value(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    """``value`` as typer's adapter for ``annotation`` gives it back, or ``_NOT_PLAIN``."""
    if isinstance(value, str) and not _utf8(value):
        return _NOT_PLAIN  # pydantic's strings are UTF-8: let it say what it does with this
    if typing.get_origin(annotation) is list:
        if not isinstance(value, list | tuple):
            return _NOT_PLAIN
        (item,) = typing.get_args(annotation)
        items = [_plain_value(item, info, one, param, ctx) for one in value]
        return _NOT_PLAIN if _NOT_PLAIN in items else items
    if annotation is str:
        return value if type(value) is str else _NOT_PLAIN
    if annotation is int or annotation is float:
        if type(value) is str and (_INTEGER if annotation is int else _DECIMAL).fullmatch(value):
            number = annotation(value)
        elif type(value) is annotation:
            number = value
        else:
            return _NOT_PLAIN
        if info.clamp or (info.min is not None and number < info.min):
            return _NOT_PLAIN
        return _NOT_PLAIN if info.max is not None and number > info.max else number
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        try:
            return coerce_cli_choice(
                value, choices=tuple(annotation), case_sensitive=info.case_sensitive, ctx=ctx
            )
        except ValueError:
            return _NOT_PLAIN
    if annotation is Path and info.path_type is None:
        # A string is checked as the user typed it (typer's errors quote it: './a.txt', not
        # 'a.txt'), then made a Path as pydantic would.
        if not (type(value) is str and value) and not isinstance(value, Path):
            return _NOT_PLAIN
        kind = None if type(value) is str else Path
        try:
            found = coerce_cli_path(value, info, path_type=kind, param=param, ctx=ctx)
        except ValueError:  # a NUL in the path: typer's adapter words the error
            return _NOT_PLAIN
        return Path(found) if isinstance(found, str) else found
    return _NOT_PLAIN


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


try:
    # typer's private coercion modules, checked against typer 0.29 (tests/test_cli_coercion.py
    # compares every parameter with typer's own route): any other typer keeps its own route.
    if not typer.__version__.startswith("0.29."):
        raise ImportError(f"coercion not checked against typer {typer.__version__}")
    from typer._coercion import RuntimeParam as _RuntimeParam
    from typer._coercion import build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path
    from typer.core import _TyperParameter
except ImportError:  # another typer (older ones coerce without pydantic)
    _RuntimeParam = None  # type: ignore[assignment,misc]
else:

    @dataclass(frozen=True)
    class _PlainParam(_RuntimeParam):
        """Coerces a value with :func:`_plain_value`, else with typer's own adapter."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            found = _plain_value(self.annotation, self.parameter_info, value, param, ctx)
            if found is _NOT_PLAIN:
                typed = build_runtime_param(param.type_descriptor)
                return typed._coerce_value(value, param=param, ctx=ctx)
            return found


class _Command(_MetavarHelp, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain_metavars()


class _Group(_MetavarHelp, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._plain_metavars()


def _typer(**kwargs: Any) -> typer.Typer:
    return typer.Typer(cls=_Group, no_args_is_help=True, **kwargs)


app = _typer(
    add_completion=False,
    help="Clean scraped and machine-translated text, with a record of every change.",
)
names_app = _typer(help="Work with name aliases.")
app.add_typer(names_app, name="names")
rules_app = _typer(help="Work with rule files.")
app.add_typer(rules_app, name="rules")
templates_app = _typer(help="Learn site templates from a corpus, to apply them elsewhere.")
app.add_typer(templates_app, name="templates")


class QuoteStyle(StrEnum):
    auto = "auto"
    straight = "straight"
    curly = "curly"
    keep = "keep"


class SiteMode(StrEnum):
    url = "url"
    folder = "folder"
    none = "none"


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"cleaner: {message}", err=True)
    return typer.Exit(code)


# Options shared by several commands.
NoDefaultRules = Annotated[
    bool, typer.Option("--no-default-rules", help="Do not load the shipped rules.")
]
Disable = Annotated[
    list[str] | None,
    typer.Option(
        metavar="ID_OR_GLOB",
        help="Switch off the rules with this id or fnmatch glob ('boilerplate.*'); repeatable.",
    ),
]


class InputFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"


class Engine(StrEnum):
    local = "local"
    ray = "ray"


@app.command(cls=_Command)
def clean(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            help="Files or folders (*.txt, recursively; .jsonl and .jsonl.gz files given by "
            "name); '-' reads stdin. Default: ./seeds",
            show_default=False,
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Output folder.")] = Path(
        "out"
    ),
    rules: Annotated[
        list[Path] | None,
        typer.Option(
            metavar="PATH", help="Extra rule file or folder; repeatable, added to the defaults."
        ),
    ] = None,
    no_default_rules: NoDefaultRules = False,
    disable: Disable = None,
    quotes: Annotated[
        QuoteStyle,
        typer.Option(
            metavar="auto|straight|curly|keep",
            help="Quote marks: auto (by language), straight or curly everywhere, or keep.",
        ),
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
        Path | None,
        typer.Option(metavar="FILE", help="Write the manifest here (default: OUT/manifest.jsonl)."),
    ] = None,
    input_format: Annotated[
        InputFormat,
        typer.Option(
            "--format", metavar="text|jsonl", help="What '-' (stdin) holds: text or JSONL."
        ),
    ] = InputFormat.text,
    text_field: Annotated[
        str, typer.Option(metavar="NAME", help="JSONL field holding the text.")
    ] = "text",
    id_field: Annotated[
        str, typer.Option(metavar="NAME", help="JSONL field holding the record id.")
    ] = "id",
    sites: Annotated[
        SiteMode,
        typer.Option(
            metavar="url|folder|none",
            help="How documents are grouped into sites: JSONL records by the host of their "
            "URL (url, the default; plain files have no site), every document by its folder "
            "(folder), or not at all (none).",
        ),
    ] = SiteMode.url,
    url_fields: Annotated[
        list[str] | None,
        typer.Option(
            "--url-field",
            metavar="NAME",
            help="JSONL field holding the page URL, dotted for nested ones (repeatable; "
            "default: url, then metadata.url).",
        ),
    ] = None,
    templates: Annotated[
        str | None,
        typer.Option(
            metavar="FILE|off",
            help="Site templates to apply: a file from 'cleaner templates learn', or off. "
            "Default: learned from the inputs in a first pass when they have sites.",
            show_default=False,
        ),
    ] = None,
    site: Annotated[
        str | None,
        typer.Option(
            metavar="HOST",
            help="The site of text from '-' (stdin) or of one text file, for --templates "
            "FILE (JSONL records name theirs in a URL field).",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            metavar="N",
            help="Worker processes; 0 (default): the CPUs it may use.",
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
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No summary line or notes; errors still print.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Also print one line per document: id, changes."),
    ] = False,
    rejects: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="With '-' and --format jsonl: write lines that are not JSON objects here.",
        ),
    ] = None,
    shard: Annotated[
        str | None,
        typer.Option(
            metavar="I/N",
            help="Clean only shard I of N (0 to N-1, split by file) into a shared OUT, with "
            "its own manifest part OUT/manifest-000I-of-000N.jsonl.",
        ),
    ] = None,
    engine: Annotated[
        Engine,
        typer.Option(
            metavar="local|ray",
            help="local: processes here; ray: one Ray task per shard on a Ray cluster "
            "(--jobs N shards, default one per CPU of the cluster).",
        ),
    ] = Engine.local,
    address: Annotated[
        str | None,
        typer.Option(
            metavar="ADDR",
            help="With --engine ray: the cluster's head, host:port or 'auto' (default: "
            "RAY_ADDRESS, else a private Ray on this machine).",
        ),
    ] = None,
) -> None:
    """Clean documents into OUT, with OUT/manifest.jsonl recording every change.

    Defaults for every option can be kept in cleaner.toml, or in pyproject.toml under
    tool.cleaner ('cleaner config' shows what applies); flags win over them.
    """
    settings, _ = _settings(ctx)
    given = {key: setting.value for key, setting in settings.items()}
    paths = given["paths"]
    out, manifest, jobs = given["out"], given["manifest"], given["jobs"]
    check, diff, explain_changes = given["check"], given["diff"], given["explain"]
    text_field, id_field, debug = given["text_field"], given["id_field"], given["debug"]
    quiet, verbose = given["quiet"], given["verbose"]
    engine, address = Engine(given["engine"]), given["address"]
    if quiet and verbose:
        raise fail("--quiet and --verbose cannot be used together")
    try:
        part = Shard.parse(shard) if shard is not None else None
    except ValueError as exc:
        raise fail(str(exc)) from None
    given_paths = [storage.from_argument(p) for p in paths or []]
    if engine is Engine.ray:
        _check_ray(given, part, address)
    elif address is not None:
        origin = settings["address"].origin
        where = "" if origin == "--address" else f"{origin}: address (--address) "
        raise fail(f"{where or '--address '}is the Ray cluster's: use it with --engine ray")
    try:
        # s3://, gs://, hf://, file://, memory://: staged locally, uploaded at the end.
        staging = storage.Staging(paths, out)
    except UsageError as exc:
        raise fail(str(exc)) from None
    paths, out = staging.paths, staging.out
    templates_file = given["templates"] if given["templates"] not in (None, "off") else None
    try:
        cleaner = _cleaner(
            given, templates=Path(templates_file) if templates_file is not None else None
        )
    except (RuleError, TemplatesError) as exc:
        raise fail(str(exc)) from None
    for note in cleaner.notes if not quiet else []:
        typer.echo(f"note: {note}", err=True)
    plan = Plan(
        out=out,
        write=not (check or diff),
        diff=diff,
        explain=explain_changes,
        jobs=_workers(jobs) if engine is Engine.local else 1,  # Ray: --jobs is shards
        force=given["force"],
        text_field=text_field,
        id_field=id_field,
        manifest=manifest,
        sites=given["sites"],
        url_fields=tuple(given["url_fields"]),
        learn=given["templates"] is None and given["sites"] != SiteMode.none.value,
        site=_site_flag(site, paths, stdin_text=given["format"] == InputFormat.text.value),
        **shards.plan_names(part),
    )
    known = cleaner.templates
    if known is not None and plan.site is not None and known.site(plan.site) is None and not quiet:
        _warn(
            f"--site {plan.site}: {display(str(templates_file))} holds no template for this "
            f"site ({len(known.sites)} sites learned), so no line goes as a site line"
        )
    report = _VerboseReport(check=check) if verbose else Report(check=check)
    stdin_jsonl = given["format"] == InputFormat.jsonl.value
    # When stdout carries JSONL, explanations and diffs go to stderr: jq must read it.
    piped = stdin_jsonl and bool(paths) and "-" in [str(p) for p in paths]
    batch = Batch(
        cleaner, plan, report, sys.stderr.write if piped else sys.stdout.write, warn=_warn
    )
    if paths and "-" in [str(p) for p in paths]:
        if len(paths) > 1:
            raise fail("'-' (stdin) cannot be mixed with other paths; clean them in two runs")
        if part is not None:
            raise fail("--shard splits files; it cannot be used with '-' (stdin)")
        batch.plan = plan = replace(plan, roots=("-",))
        with _faults(debug):
            if stdin_jsonl:
                batch.filter_stdin(sys.stdin.buffer, sys.stdout.buffer, rejects=given["rejects"])
            else:
                if templates_file is not None and plan.site is None and not quiet:
                    _warn(
                        "--templates applies to documents with a site, and text from '-' has "
                        "none: name it with --site HOST"
                    )
                _clean_stdin(cleaner, plan, report)
        _finish(report, summary=stdin_jsonl and not quiet)
    if not paths:
        given_paths = ["seeds"]
        if not Path("seeds").is_dir():
            raise fail(
                "no paths given and no ./seeds folder here; pass files or folders to "
                "clean, e.g. 'cleaner clean docs/ --out out'"
            )
        paths = [Path("seeds")]
    try:
        sources = discover(paths)
        check_targets(out, paths, write=plan.write, manifest=manifest)
        batch.plan = plan = replace(plan, roots=tuple(root_labels(given_paths, paths)))
    except UsageError as exc:
        raise fail(str(exc)) from None
    if not sources:
        _warn(
            f"no documents found in {', '.join(display(str(p)) for p in paths)} (folders are "
            "searched for *.txt, *.jsonl and *.jsonl.gz)"
        )
        raise typer.Exit(0)
    distributed = part is not None or engine is Engine.ray
    if distributed and plan.learn and has_sites(sources, plan):
        # Each shard sees part of a site: templates learned per shard would differ.
        how = f"--shard {shard}" if part is not None else "--engine ray"
        raise fail(
            f"{how}: the inputs have sites, and every shard must apply the same "
            "site templates: learn them once with 'cleaner templates learn PATHS --out "
            "site-templates.json', then give every shard --templates site-templates.json "
            "(or --templates off)"
        )
    sources = shards.select(sources, part)  # a shard with no files still writes its part
    with _faults(debug):
        with progress_bar(lambda: sum(source.size for source in sources)) as advance:
            if engine is Engine.ray:
                from cleaner.engines import ray as ray_engine

                ray_engine.run(batch, sources, address=address, tasks=jobs, progress=advance)
            else:
                local.run(batch, sources, shard=part, progress=advance)
        if given["report"] and plan.write:
            from cleaner.audit import build_report

            build_report(out, text_field=text_field)
        if plan.write:
            staging.upload()
    staging.close()
    _finish(report, summary=not quiet)


def _check_ray(given: dict[str, Any], part: Shard | None, address: str | None) -> None:
    """What --engine ray cannot do, said before anything is read or written (exit 2)."""
    paths = [str(path) for path in given["paths"] or []]
    clashes = [
        ("-" in paths, "'-' (stdin): clean a pipe locally"),
        (part is not None, "--shard: it makes the shards itself (--jobs N of them)"),
        (
            given["check"] or given["diff"] or given["explain"],
            "--check, --diff or --explain: run those locally",
        ),
        (given["manifest"] is not None, "--manifest: each shard writes its part into OUT"),
        (given["verbose"], "--verbose: the tasks report counts, not documents"),
        (
            any(storage.is_url(p) for p in [*paths, given["out"]]),
            "s3:// and other URLs: the tasks read and write a file system every node sees",
        ),
    ]
    for clash, why in clashes:
        if clash:
            raise fail(f"--engine ray cannot be used with {why}")
    # Imported here: only a Ray run needs the engine (and the modules it pulls in).
    from cleaner.engines import ray as ray_engine

    try:
        ray_engine.require(address)
    except UsageError as exc:
        raise fail(str(exc)) from None


def _cleaner(given: dict[str, Any], templates: Path | None = None) -> Cleaner:
    """The Cleaner the resolved settings ``given`` describe (``clean`` and ``templates
    learn`` alike)."""
    return Cleaner(
        rules=given["rules"],
        default_rules=given["default_rules"],
        quotes=given["quotes"],
        max_doc_bytes=given["max_doc_bytes"],
        rule_timeout=given["rule_timeout"],
        disable=given["disable"],
        templates=templates,
    )


def _settings(ctx: typer.Context) -> tuple[dict[str, config.Setting], str | None]:
    """The settings of a ``clean`` (or ``templates learn``) command line: its flags over the
    config file found from here upward over the defaults; and the config file's name."""
    cwd = Path.cwd()
    try:
        path = config.find_config(cwd)
        file = config.read_config(path, cwd=cwd) if path is not None else {}
    except config.ConfigError as exc:
        raise fail(str(exc)) from None
    given: dict[str, Any] = {}
    for key, spec in config.KEYS.items():
        source = ctx.get_parameter_source(spec.param)
        if source is None or source.name in ("DEFAULT", "DEFAULT_MAP"):
            continue
        value = ctx.params[spec.param]
        if isinstance(value, StrEnum):
            value = value.value
        elif isinstance(value, tuple | list):
            value = list(value)
        given[key] = not value if spec.invert else value
    source = os.path.relpath(path, cwd) if path is not None else None
    return config.merge(file, given), source


class _VerboseReport(Report):
    """A report that also prints one line per document as it is counted (``--verbose``)."""

    def add_record(
        self, record: dict[str, Any], *, cached: bool = False, where: str | None = None
    ) -> None:
        if record["status"] == "error":
            what = "error"
        else:
            count = len(record["changes"])
            what = f"{count} change{'s' if count != 1 else ''}"
        later = " (done in an earlier run)" if cached else ""
        typer.echo(f"{display(record['id'])}: {what}{later}", err=True)
        super().add_record(record, cached=cached, where=where)


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


def _site_flag(site: str | None, paths: list[Path] | None, *, stdin_text: bool) -> str | None:
    """``--site HOST`` checked: it names the site of text from '-' or of one text file."""
    if site is None:
        return None
    given = [str(path) for path in paths or []]
    one_text = len(given) == 1 and (
        (given[0] == "-" and stdin_text)
        or (given[0] != "-" and Path(given[0]).is_file() and not given[0].endswith(JSONL_SUFFIXES))
    )
    if not one_text:
        raise fail(
            "--site names the site of text from '-' (stdin) or of one text file; JSONL "
            "records name theirs in a URL field (--url-field), and folders' files take "
            "their folder's with --sites folder"
        )
    # A host as a URL's: lower case, without a port or a leading "www." (JSONL's sites).
    host = site_from_url(site.strip() if "//" in site else f"//{site.strip()}")
    if host is None:
        raise fail(f"--site {site!r}: not a host name; give one such as example.com")
    return host


def _clean_stdin(cleaner: Cleaner, plan: Plan, report: Report) -> None:
    result = cleaner.clean(sys.stdin.buffer.read(), id="-", site=plan.site)
    report.add(result, where="<stdin>")
    if result.ok and plan.write and not plan.explain:
        sys.stdout.write(result.text)
    if plan.diff and result.changed:
        sys.stdout.write(unified_diff(result, label="stdin"))
    if plan.explain:
        for line in explain(result, label="<stdin>"):
            typer.echo(line)
    if plan.manifest is not None:
        record = placed(result.record(None), STDIN, plan)
        write_manifest(plan.manifest, [record], run_header(cleaner, plan))


def _finish(report: Report, *, summary: bool = True) -> None:
    sys.stdout.flush()
    for error in report.errors:
        typer.echo(f"error: {error}", err=True)
    if summary:
        typer.echo(report.summary(), err=True)
    raise typer.Exit(report.exit_code)


@contextlib.contextmanager
def progress_bar(total: Callable[[], int]) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr when it is a terminal, silence otherwise: documents and
    bytes done (of ``total()``, asked only for a bar: a `stat` of each input), the rate and
    the time left. Bytes move within a big JSONL file too."""
    if not sys.stderr.isatty():
        yield lambda _bytes, _records: None
        return
    total_bytes = total()
    if total_bytes < 1:
        yield lambda _bytes, _records: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    columns = (
        TextColumn("cleaning {task.fields[records]:,} documents"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("cleaning", total=total_bytes, records=0)
        done = 0

        def advance(size: int, records: int) -> None:
            nonlocal done
            done += records
            bar.update(task, advance=size, records=done)

        yield advance


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


@app.command("split", cls=_Command)
def split(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="A .jsonl or .jsonl.gz file.")],
    lines: Annotated[int, typer.Option(min=1, metavar="N", help="Lines per part.")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Where the parts go.")],
) -> None:
    """Split a big JSONL file into parts of N lines, so that --shard and resume work per part.

    Each part is named after its first line in the whole file (corpus-000010001.jsonl).
    """
    if not path.is_file():
        raise fail(f"{display(str(path))}: no such file")
    try:
        check_targets(out, [path], write=True)
    except UsageError as exc:
        raise fail(str(exc)) from None
    with _faults(False):
        parts = shards.split_jsonl(path, lines, out)
    typer.echo(
        f"split {display(str(path))} into {len(parts)} part{'s' if len(parts) != 1 else ''} "
        f"of up to {lines:,} lines in {display(str(out))}",
        err=True,
    )


@templates_app.command("learn", cls=_Command)
def templates_learn(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Files or folders, as 'cleaner clean' takes them."),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", metavar="FILE", help="Where to write the templates.")
    ],
    rules: Annotated[
        list[Path] | None,
        typer.Option(metavar="PATH", help="Extra rule file or folder, as for 'cleaner clean'."),
    ] = None,
    no_default_rules: NoDefaultRules = False,
    disable: Disable = None,
    quotes: Annotated[
        QuoteStyle, typer.Option(metavar="auto|straight|curly|keep", help="As for clean.")
    ] = QuoteStyle.auto,
    text_field: Annotated[
        str, typer.Option(metavar="NAME", help="JSONL field holding the text.")
    ] = "text",
    sites: Annotated[
        SiteMode,
        typer.Option(metavar="url|folder|none", help="How documents are grouped into sites."),
    ] = SiteMode.url,
    url_fields: Annotated[
        list[str] | None,
        typer.Option("--url-field", metavar="NAME", help="JSONL field holding the page URL."),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=0, metavar="N", help="Worker processes.")
    ] = 0,
    max_doc_bytes: Annotated[
        int, typer.Option(min=1, metavar="BYTES", help="Larger documents are skipped.")
    ] = DEFAULT_MAX_DOC_BYTES,
) -> None:
    """Learn the site templates of a corpus into FILE, for 'cleaner clean --templates FILE'.

    It learns exactly what an unsharded 'cleaner clean' of the same inputs, with the same
    options, learns in its first pass (and stores in OUT/.cleaner-cache/site-templates.json).
    Like clean, it reads its defaults from cleaner.toml (or pyproject.toml under tool.cleaner).
    """
    settings, _ = _settings(ctx)
    given = {key: setting.value for key, setting in settings.items()}
    try:
        cleaner = _cleaner(given)
        sources = discover(paths)
    except (RuleError, UsageError) as exc:
        raise fail(str(exc)) from None
    plan = Plan(
        out=out.parent,
        write=False,
        jobs=_workers(given["jobs"]),
        text_field=given["text_field"],
        sites=given["sites"],
        url_fields=tuple(given["url_fields"]),
        roots=tuple(root_labels([str(p) for p in paths], paths)),
    )
    if cleaner.thresholds is None:
        raise fail("the site_template rule is switched off: there is nothing to learn")
    batch = Batch(cleaner, plan, Report(), sys.stdout.write, warn=_warn)
    with _faults(False):
        learned = batch.learn(sources)
        if learned is None:
            _warn("no input document has a site; the templates are empty")
            learned = Templates({}, cleaner.thresholds)
        learned.save(out)
    lines = sum(len(site.lines) for site in learned.sites.values())
    typer.echo(
        f"learned {lines:,} template line{'s' if lines != 1 else ''} of "
        f"{len(learned.sites):,} site{'s' if len(learned.sites) != 1 else ''} into "
        f"{display(str(out))}",
        err=True,
    )


RulePaths = Annotated[
    list[Path] | None, typer.Argument(metavar="PATH", help="Rule files or folders.")
]


def _load(paths: list[Path] | None, *, defaults: bool, disable: list[str] | None) -> Cleaner:
    """Rules loaded as ``clean`` loads them (every check, the cross-rule ones included), but
    without running their examples: the caller decides what to do with those."""
    try:
        files = read_rule_files(paths or [], defaults=defaults)
        return Cleaner.from_spec(CleanerSpec(files, disable=tuple(disable or ())))
    except RuleError as exc:
        raise fail(str(exc)) from None


@rules_app.command("test", cls=_Command)
def rules_test(
    paths: RulePaths = None,
    no_default_rules: NoDefaultRules = False,
    disable: Disable = None,
) -> None:
    """Validate rule files and run every inline example of every rule in them."""
    from cleaner import examples

    ruleset = _load(paths, defaults=not no_default_rules, disable=disable).rules
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


class ListFormat(StrEnum):
    text = "text"
    json = "json"


@rules_app.command("list", cls=_Command)
def rules_list(
    paths: RulePaths = None,
    no_default_rules: NoDefaultRules = False,
    disable: Disable = None,
    output_format: Annotated[
        ListFormat,
        typer.Option(
            "--format", metavar="text|json", help="One aligned line per rule, or a JSON list."
        ),
    ] = ListFormat.text,
) -> None:
    """List every loaded rule: id, kind, where it is defined, and when it applies."""
    ruleset = _load(paths, defaults=not no_default_rules, disable=disable).rules
    if output_format is ListFormat.json:
        typer.echo(json.dumps([_rule_dict(rule) for rule in ruleset], indent=2))
        return
    rows = [
        (rule.id, rule.kind, "shipped" if rule.shipped else "user", rule.source, _about(rule))
        for rule in ruleset
    ]
    widths = [max((len(row[n]) for row in rows), default=0) for n in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        typer.echo("  ".join([*cells, row[4]]))


def _rule_dict(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "kind": rule.kind,
        "source": rule.source,
        "description": rule.description,
        "languages": list(rule.when.languages),
        "skip_languages": list(rule.when.skip_languages),
        "when_mentions": list(rule.when.mentions),
        "shipped": rule.shipped,
    }


def _about(rule: Rule) -> str:
    """A rule's description, then its conditions in brackets."""
    when = rule.when
    conditions = [
        *([f"languages: {', '.join(when.languages)}"] if when.languages else []),
        *([f"skip_languages: {', '.join(when.skip_languages)}"] if when.skip_languages else []),
        *([f"when_mentions: {', '.join(when.mentions)}"] if when.mentions else []),
    ]
    return rule.description + (f" [{'; '.join(conditions)}]" if conditions else "")


@app.command(
    "config",
    cls=_Command,
    options_metavar="[CLEAN OPTIONS AND PATHS]...",
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def show_config(ctx: typer.Context) -> None:
    """Print the settings 'cleaner clean' would use here, and where each came from.

    Each comes from its default, a config file's line (cleaner.toml, or pyproject.toml under
    tool.cleaner, found from here upward) or a flag: give clean's flags after 'config'.
    """
    command = typer.main.get_command(app)
    assert isinstance(command, TyperGroup)
    clean_command = command.commands["clean"]
    with clean_command.make_context("clean", list(ctx.args), parent=ctx.parent) as clean_ctx:
        settings, source = _settings(clean_ctx)
    sys.stdout.write(config.render(settings, source))


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


def _version(value: bool) -> None:
    if not value:
        return
    from cleaner import __version__
    from cleaner.rules import load_rules

    typer.echo(f"cleaner {__version__} (rules {load_rules().fingerprint[:12]})")
    raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Print the version and the shipped rules' fingerprint, and exit.",
        ),
    ] = False,
) -> None:
    """Clean scraped and machine-translated text, with a record of every change."""
