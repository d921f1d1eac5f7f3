"""A datatrove pipeline step that cleans each document's text with a :class:`~cleaner.Cleaner`.

>>> from datatrove.data import Document
>>> step = CleanerStep(drop_empty=True)
>>> text = "[ad_1]\\nIlham Aliev of Azerbaijan said « no » , twice."
>>> docs = [Document(text, "a"), Document("[ad_1]\\n", "b")]
>>> [(doc.id, doc.text) for doc in step.run(docs)]
[('a', 'Ilham Aliyev of Azerbaijan said "no", twice.\\n')]
>>> step.stats["dropped_empty"].total, step.stats["names.aliyev"].total
(1, 1)

The step holds the cleaner's spec (its rule files' text and options), never a built cleaner:
datatrove deep-copies its pipeline for every rank and pickles it into worker processes (or
Slurm and Ray jobs), and each copy builds its cleaner once, on its first document, reading no
rule file. The same steps give the same bytes under any executor, as ``cleaner clean`` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.typeshelper import StatHints

from cleaner.api import Cleaner, CleanerSpec
from cleaner.batch import NAMESPACE, summary
from cleaner.corpus.sites import DEFAULT_URL_FIELDS, site_of_record


class CleanerStep(PipelineStep):
    """Clean ``doc.text``; record what was done in ``doc.metadata["cleaner"]`` and the stats.

    cleaner
        A :class:`~cleaner.Cleaner` (its spec is kept, so your rule files travel with the
        pipeline) or a :class:`~cleaner.api.CleanerSpec`; by default the shipped rules.
    drop_empty
        Drop the documents that come out empty (nothing but boilerplate), counted as
        ``dropped_empty``; by default they go on with an empty text.
    url_fields
        Where a document's URL is, for the cleaner's site templates (``Cleaner(templates=
        ...)``): the first of these fields of ``doc.metadata`` (dotted for nested ones) that
        holds an absolute URL names its site, the host, as ``cleaner clean`` finds a JSONL
        record's (datatrove's readers keep a record's fields but its text and id there).

    ``doc.metadata["cleaner"]`` is what a JSONL record gets from ``cleaner clean``: language,
    metadata, and changes counted by rule. Stats, per rank and merged in datatrove's
    ``stats.json``: ``total``, ``forwarded``, ``changed``, ``unchanged``, ``dropped`` and
    ``dropped_empty``, ``error_input`` and ``error_internal``, and one per rule id, whose total
    is that rule's changes (and its count the documents it changed). A document that cannot be
    cleaned (too large, a user rule's time limit) goes on unchanged, with its error under
    ``metadata["cleaner"]``: this step never drops a document for an error.
    """

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        cleaner: Cleaner | CleanerSpec | None = None,
        *,
        drop_empty: bool = False,
        url_fields: Sequence[str] = DEFAULT_URL_FIELDS,
    ) -> None:
        super().__init__()
        if cleaner is None:
            cleaner = Cleaner()
        elif isinstance(cleaner, CleanerSpec):
            cleaner = Cleaner.from_spec(cleaner)
        self.rules = _Carried(cleaner)
        self.drop_empty = drop_empty
        self.url_fields = tuple(url_fields)
        self._cleaner: Cleaner | None = None

    @property
    def spec(self) -> CleanerSpec:
        """What each copy of the step builds its cleaner from."""
        return self.rules.spec

    def __getstate__(self) -> dict[str, Any]:
        # Copies and pickles carry the spec; each builds its own cleaner where it runs.
        return {**self.__dict__, "_cleaner": None}

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if self._cleaner is None:
            self._cleaner = Cleaner.from_spec(self.rules.spec)
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                result = self._cleaner.clean(doc.text, id=str(doc.id), site=self._site(doc))
            doc.metadata[NAMESPACE] = summary(result)
            if not result.ok:
                self.stat_update(f"error_{result.error_kind}")
            else:
                doc.text = result.text
                self.stat_update("changed" if result.changes else "unchanged")
                for rule, count in doc.metadata[NAMESPACE]["changes"].items():
                    self.stat_update(rule, value=count)
                if self.drop_empty and not result.text.strip():
                    self.stat_update(StatHints.dropped, "dropped_empty")
                    continue
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc

    def _site(self, doc: Document) -> str | None:
        """The document's site, when the cleaner has templates to apply to it."""
        if self._cleaner is None or self._cleaner.templates is None:
            return None
        # datatrove's readers keep a record's other fields in doc.metadata: "url" is one,
        # and "metadata.url" its nested "metadata" (or, without one, "url" again).
        metadata = doc.metadata
        return site_of_record({"metadata": metadata, **metadata}, self.url_fields)


class _Carried:
    """A cleaner's spec as the step carries it. datatrove's ``executor.json`` shows it as the
    rules' fingerprint (as ``cleaner --version`` does), not as the rule files' whole text."""

    __slots__ = ("label", "spec")

    def __init__(self, cleaner: Cleaner) -> None:
        self.spec = cleaner.spec
        files = len(cleaner.spec.rule_files)
        self.label = (
            f"{len(cleaner.rules)} rules from {files} file{'s' if files != 1 else ''} "
            f"(fingerprint {cleaner.rules.fingerprint[:12]}), {cleaner.options!r}"
        )

    def __str__(self) -> str:
        return self.label

    def __getstate__(self) -> tuple[None, dict[str, Any]]:
        return None, {"label": self.label, "spec": self.spec}
