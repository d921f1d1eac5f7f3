"""The library interface: build a :class:`Cleaner` once, then clean text or bytes with it.

>>> from cleaner import Cleaner
>>> cleaner = Cleaner()
>>> result = cleaner.clean(" date 2020-09-28 Ilham Aliev of Azerbaijan said: “We will win”.")
>>> result.text
'Ilham Aliyev of Azerbaijan said: "We will win".\\n'
>>> result.meta["date"], [change.rule for change in result.changes][:2]
('2020-09-28', ['metadata.date', 'quotes.pairing'])

Two cleaners with different rules or options can live side by side; nothing is global.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner import __version__, examples, pipeline
from cleaner.corpus.templates import Observation, Templates, Thresholds
from cleaner.document import Change, Document
from cleaner.io import runs_of
from cleaner.options import DEFAULT_MAX_DOC_BYTES, DEFAULT_RULE_TIMEOUT, Context, Options
from cleaner.rules import RuleFile, RuleSet, RuleTimeout, compile_rules, read_rule_files
from cleaner.steps import templates as template_step
from cleaner.steps.decode import DecodeError


@dataclass(frozen=True, slots=True)
class Result:
    """A cleaned document: its text, language, metadata and the changes that made it.

    ``error`` is set (and ``text`` empty) when the document could not be cleaned, and
    ``error_kind`` says whose problem it is: ``"input"`` (the document: not text, too large,
    a user rule's time limit) or ``"internal"`` (a bug in cleaner; ``trace`` holds the
    traceback). ``original`` is the decoded input, for diffs.
    """

    id: str
    text: str
    language: str | None
    meta: dict[str, Any]
    changes: tuple[Change, ...]
    error: str | None = None
    original: str = field(default="", repr=False, compare=False)
    error_kind: str | None = None
    trace: str | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def record(self, output: str | None = None, *, compact: bool = False) -> dict[str, Any]:
        """The manifest record for this document; with ``compact`` its changes are as the
        manifest stores them (:func:`cleaner.io.compact_changes`), built without a dict each."""
        return {
            "id": self.id,
            "output": output,
            "status": "ok" if self.ok else "error",
            "error": self.error,
            "error_kind": self.error_kind,
            "language": self.language,
            "meta": self.meta,
            "changes": _runs(self.changes) if compact else [c.to_dict() for c in self.changes],
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything about the result, the clean text included (``record`` leaves it out)."""
        return {**self.record(), "text": self.text}

    @classmethod
    def failed(cls, id: str, error: str, kind: str, *, trace: str | None = None) -> Result:
        """A document that could not be cleaned."""
        return cls(id, "", None, {}, (), error, error_kind=kind, trace=trace)


class Cleaner:
    """Cleans documents with one set of rules and options.

    rules
        Extra rule files or folders (one path, or a list), loaded after the defaults.
    default_rules
        Load the rules shipped with the package (``rules/``); on by default.
    quotes
        ``"auto"`` (default: straight marks in English, the language's own elsewhere),
        ``"straight"`` or ``"curly"`` (one style everywhere), or ``"keep"`` (every mark as
        written; only the spaces inside its pairs are repaired).
    max_doc_bytes, rule_timeout
        Limits: see :class:`cleaner.options.Options`.
    disable
        Rule ids or ``fnmatch`` globs (``"boilerplate.*"``) to switch off; one that matches no
        loaded rule is a :class:`cleaner.rules.RuleError`. Part of the fingerprint.
    templates
        Site templates to apply (:mod:`cleaner.corpus.templates`): a file written by
        ``cleaner templates learn`` or a :class:`~cleaner.corpus.templates.Templates`. They
        apply to documents cleaned with a ``site`` (``clean(text, site="example.com")``).
        Their text travels in the spec and their digest is part of the fingerprint.

    Raises :class:`cleaner.rules.RuleError` for a rule file that cannot be used, including a
    user rule whose inline example fails (checked at load for up to
    :data:`cleaner.examples.LOAD_BUDGET` seconds; ``notes`` says what was skipped).
    """

    def __init__(
        self,
        *,
        rules: Sequence[str | Path] | str | Path = (),
        default_rules: bool = True,
        quotes: str = "auto",
        max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES,
        rule_timeout: float = DEFAULT_RULE_TIMEOUT,
        disable: Sequence[str] | str = (),
        templates: Templates | str | Path | None = None,
    ) -> None:
        paths = [rules] if isinstance(rules, str | Path) else list(rules)
        files = read_rule_files(paths, defaults=default_rules)
        off = (disable,) if isinstance(disable, str) else tuple(disable)
        if isinstance(templates, str | Path):
            templates = Templates.load(Path(templates))
        text = templates.dumps() if templates is not None else None
        spec = CleanerSpec(files, quotes, max_doc_bytes, rule_timeout, off, text)
        self._setup(spec, check=True, templates=templates)

    @classmethod
    def from_spec(cls, spec: CleanerSpec) -> Cleaner:
        """An equal cleaner, built from a spec (its rule files' text included), reading no
        file and not re-running examples the original already checked."""
        cleaner = cls.__new__(cls)
        cleaner._setup(spec, check=False)
        return cleaner

    def _setup(self, spec: CleanerSpec, *, check: bool, templates: Templates | None = None) -> None:
        self.spec = spec
        if templates is None and spec.templates is not None:
            templates = Templates.loads(spec.templates, "templates")
        self.templates: Templates | None = templates
        self.options = Options(
            quotes=spec.quotes, max_doc_bytes=spec.max_doc_bytes, rule_timeout=spec.rule_timeout
        )
        self.rules: RuleSet = compile_rules(spec.rule_files, disable=spec.disable)
        self._context = Context.build(self.options, self.rules)
        self.notes: list[str] = list(self.rules.notes)
        if check:
            ran, skipped = examples.check_at_load(self.rules)
            if skipped:
                self.notes.append(
                    f"ran {ran} inline examples of user rules at load and skipped {skipped} "
                    f"(over {examples.LOAD_BUDGET:g} s); run 'cleaner rules test' to check them"
                )

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickling, copying and deep-copying rebuild from the spec: rules travel as text.
        return (Cleaner.from_spec, (self.spec,))

    @property
    def fingerprint(self) -> str:
        """Identifies what this cleaner does: its code, rules, options and site templates."""
        templates = self.templates.digest() if self.templates is not None else "-"
        return f"{self.rules_fingerprint}:templates={templates}"

    @property
    def rules_fingerprint(self) -> str:
        """The fingerprint without the site templates: a batch's cache adds the digest of
        each document's own site's template instead, so that new pages of one site re-clean
        that site alone."""
        return f"{__version__}:{code_digest()}:{self.rules.fingerprint}:{self.options!r}"

    def with_templates(self, templates: Templates | None) -> Cleaner:
        """An equal cleaner that applies ``templates`` (or none)."""
        text = templates.dumps() if templates is not None else None
        cleaner = Cleaner.__new__(Cleaner)
        cleaner._setup(
            dataclasses.replace(self.spec, templates=text), check=False, templates=templates
        )
        cleaner.notes = list(self.notes)
        return cleaner

    @property
    def thresholds(self) -> Thresholds | None:
        """The numbers of the ``site_template`` rule in force; None when it is switched off."""
        rule = template_step.rule_of(self._context)
        return template_step.thresholds(rule) if rule is not None else None

    def observe(self, data: str | bytes, *, id: str = "<text>") -> Observation | None:
        """What one page tells the site-template learner: the document run through the steps
        before the template step, observed. None for a document that cannot be cleaned or
        when the ``site_template`` rule is switched off."""
        rule = template_step.rule_of(self._context)
        if rule is None or _size_over(data, self.options.max_doc_bytes):
            return None
        doc = Document(id, raw=data) if isinstance(data, bytes) else Document(id, data)
        try:
            pipeline.run(doc, self._context, pipeline.BEFORE_TEMPLATES)
        except Exception:  # the cleaning pass reports it; an error page teaches nothing
            return None
        return template_step.observe(doc, rule, self._context)

    def clean(self, data: str | bytes, *, id: str = "<text>", site: str | None = None) -> Result:
        """Clean one document given as text or as undecoded bytes; ``site`` names its site
        for the site templates (if this cleaner has any).

        Never raises for a document: whatever goes wrong is the result's ``error``.
        """
        if not isinstance(data, str | bytes):
            raise TypeError(f"clean() takes str or bytes, not {type(data).__name__}")
        limit = self.options.max_doc_bytes
        if _size_over(data, limit):
            return Result.failed(
                id, f"too large: over {limit:,} bytes (raise --max-doc-bytes to clean it)", "input"
            )
        doc = Document(id, raw=data) if isinstance(data, bytes) else Document(id, data)
        context = self._context
        if self.templates is not None and site is not None:
            found = self.templates.site(site)
            if found is not None:
                context = dataclasses.replace(context, site_template=found)
        try:
            pipeline.run(doc, context)
        except (DecodeError, RuleTimeout) as exc:
            return Result(id, "", None, dict(doc.meta), (), str(exc), error_kind="input")
        except Exception as exc:  # a bug: this document fails, the batch goes on
            return Result.failed(
                id,
                f"internal error: {type(exc).__name__}: {exc}"[:500],
                "internal",
                trace=traceback.format_exc(),
            )
        return Result(id, doc.text, doc.language, doc.meta, tuple(doc.changes), None, doc.source)

    def clean_many(
        self, items: Iterable[str | bytes | tuple[str, str | bytes]], *, jobs: int = 1
    ) -> Iterator[Result]:
        """Clean texts (or bytes), or ``(id, text or bytes)`` pairs, one result each, in order.

        A plain text's id is its position (``"0"``, ``"1"``...). Anything else is a
        ``TypeError`` naming what it got. With ``jobs`` > 1 the work is spread over that many
        processes; results are the same.

        >>> [r.text for r in Cleaner().clean_many([("a", "[ad_1]\\nHi."), ("b", b"Yo.")])]
        ['Hi.\\n', 'Yo.\\n']
        """
        from cleaner.parallel import ordered_map

        pairs = (_as_pair(number, item) for number, item in enumerate(items))
        yield from ordered_map(_clean_pair, pairs, jobs=jobs, spec=self.spec, local=self)


def _runs(changes: Sequence[Change]) -> list[list[Any]]:
    """Changes as the manifest stores them, from the changes themselves (no dict each): what
    :func:`cleaner.io.compact_changes` makes of their dicts."""
    return runs_of(
        (
            change.rule,
            change.action,
            [change.line, change.before, change.after]
            + ([change.note] if change.note is not None else []),
        )
        for change in changes
    )


def _as_pair(number: int, item: object) -> tuple[str, str | bytes]:
    if isinstance(item, str | bytes):
        return str(number), item
    if (
        isinstance(item, tuple)
        and len(item) == 2
        and isinstance(item[0], str)
        and isinstance(item[1], str | bytes)
    ):
        return item
    raise TypeError(
        f"clean_many() takes texts, bytes or (id, text) pairs; item {number} is "
        f"{type(item).__name__}: {item!r:.60}"
    )


def _size_over(data: str | bytes, limit: int) -> bool:
    if isinstance(data, bytes) or len(data) > limit:
        return len(data) > limit
    # A str of n characters is n to 4n bytes in UTF-8: encode only when it could matter.
    return len(data) * 4 > limit and len(data.encode("utf-8", "surrogatepass")) > limit


@functools.cache
def code_digest() -> str:
    """A digest of the package's own files (code and shipped rules), computed once.

    The cache keys on it, so a run after any change to cleaner's code cleans again; a
    version string that never changes would keep stale outputs.
    """
    return _digest_tree(Path(__file__).resolve().parent)


def _digest_tree(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".toml") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class CleanerSpec:
    """What it takes to build an equal :class:`Cleaner` anywhere: the rule files' names and
    text, the options, the rules switched off and the site templates' text. Plain data: it
    pickles, and pickles the same way every time."""

    rule_files: tuple[RuleFile, ...]
    quotes: str = "auto"
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES
    rule_timeout: float = DEFAULT_RULE_TIMEOUT
    disable: tuple[str, ...] = ()
    templates: str | None = None  # a templates file's text

    def build(self) -> Cleaner:
        return Cleaner.from_spec(self)


def _clean_pair(cleaner: Cleaner, item: tuple[str, str | bytes]) -> Result:
    return cleaner.clean(item[1], id=item[0])
