"""Normalize name variants to their canonical forms: rule kind ``alias``.

All alias rules are matched in one pass by :class:`cleaner.aliases.AliasIndex`.

>>> from cleaner.api import Cleaner
>>> Cleaner().clean("Nagorno Karabakh and Azerbaijan's President Aliev.").text
"Nagorno-Karabakh and Azerbaijan's President Aliyev.\\n"
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.document import Batch, Document, Edit
from cleaner.options import Context

KINDS = ("alias",)


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    yield [
        Edit(m.start, m.end, m.replacement, m.rule.id, "replace")
        for m in ctx.aliases.find(doc.text, doc.rule_language)
    ]
