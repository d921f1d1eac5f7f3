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

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner import __version__, pipeline
from cleaner.document import Change, Document
from cleaner.options import Context, Options
from cleaner.rules import RuleSet, load_rules
from cleaner.steps.decode import DecodeError


@dataclass(frozen=True, slots=True)
class Result:
    """A cleaned document: its text, language, metadata and the changes that made it.

    ``error`` is set (and ``text`` empty) when the document could not be cleaned;
    ``original`` is the decoded input, for diffs.
    """

    id: str
    text: str
    language: str | None
    meta: dict[str, Any]
    changes: tuple[Change, ...]
    error: str | None = None
    original: str = field(default="", repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def record(self, output: str | None = None) -> dict[str, Any]:
        """The manifest record for this document."""
        return {
            "id": self.id,
            "output": output,
            "status": "ok" if self.ok else "error",
            "error": self.error,
            "language": self.language,
            "meta": self.meta,
            "changes": [change.to_dict() for change in self.changes],
        }


class Cleaner:
    """Cleans documents with one set of rules and options.

    rules
        Extra rule files or folders, loaded after the defaults.
    default_rules
        Load the rules shipped with the package (``rules/``); on by default.
    quotes
        ``"straight"`` (default) or ``"curly"``.

    Raises :class:`cleaner.rules.RuleError` for a rule file that cannot be used.
    """

    def __init__(
        self,
        *,
        rules: Sequence[str | Path] = (),
        default_rules: bool = True,
        quotes: str = "straight",
    ) -> None:
        self.spec = CleanerSpec(tuple(str(path) for path in rules), default_rules, quotes)
        self.options = Options(quotes=quotes)
        self.rules: RuleSet = load_rules(rules, defaults=default_rules)
        self._context = Context.build(self.options, self.rules)

    @property
    def fingerprint(self) -> str:
        """Identifies what this cleaner does: version, rules and options (for caching)."""
        return f"{__version__}:{self.rules.fingerprint}:{self.options.quotes}"

    def clean(self, data: str | bytes, *, id: str = "<text>") -> Result:
        """Clean one document given as text or as undecoded bytes."""
        doc = Document(id, raw=data) if isinstance(data, bytes) else Document(id, data)
        try:
            pipeline.run(doc, self._context)
        except DecodeError as exc:
            return Result(id, "", None, dict(doc.meta), (), str(exc))
        return Result(id, doc.text, doc.language, doc.meta, tuple(doc.changes), None, doc.source)

    def clean_many(
        self, items: Iterable[tuple[str, str | bytes]], *, jobs: int = 1
    ) -> Iterator[Result]:
        """Clean ``(id, text or bytes)`` pairs, one result each, in input order.

        With ``jobs`` > 1 the work is spread over that many processes; results are the same.

        >>> [r.text for r in Cleaner().clean_many([("a", "[ad_1]\\nHi."), ("b", b"Yo.")])]
        ['Hi.\\n', 'Yo.\\n']
        """
        from cleaner.parallel import ordered_map

        yield from ordered_map(_clean_pair, items, jobs=jobs, spec=self.spec, local=self)


@dataclass(frozen=True, slots=True)
class CleanerSpec:
    """What it takes to build an equal :class:`Cleaner` in another process."""

    rules: tuple[str, ...] = ()
    default_rules: bool = True
    quotes: str = "straight"

    def build(self) -> Cleaner:
        return Cleaner(rules=self.rules, default_rules=self.default_rules, quotes=self.quotes)


def _clean_pair(cleaner: Cleaner, item: tuple[str, str | bytes]) -> Result:
    return cleaner.clean(item[1], id=item[0])
