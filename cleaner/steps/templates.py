"""Remove the lines a corpus taught are its site's furniture: rule kind ``site_template``.

What a site's template is (its menus, footers and teaser feeds: lines that many different
pages of the site carry) is learned from many documents by :mod:`cleaner.corpus.templates`;
this step only looks the document's lines up in its own site's template, which the cleaner
puts in the context. Lines are looked up as this step sees them (after repair, article,
boilerplate, quotes, spacing and names), the same lines the corpus was counted in. Every
removed line is a change of the rule with a note saying how many pages of the site carry it.

>>> from cleaner.corpus.templates import Learner, Thresholds, observe
>>> from cleaner.api import Cleaner
>>> learner = Learner()
>>> for story in ("The harbour reopened.", "The bridge closed.", "Rain is expected."):
...     learner.add("example.com", observe([story, "Weather | Traffic"]))
>>> cleaner = Cleaner(templates=learner.decide(Thresholds()))
>>> result = cleaner.clean("Weather | Traffic\\nThe museum opened.\\n", site="example.com")
>>> result.text, [(c.rule, c.note) for c in result.changes]
('The museum opened.\\n', [('templates.site-line', 'on 3 of 3 pages of example.com')])
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.corpus.templates import WORDY, Observation, SiteTemplate, Thresholds, line_hash
from cleaner.corpus.templates import observe as observe_lines
from cleaner.document import Batch, Document, Edit, Line
from cleaner.options import Context
from cleaner.rules import Rule, TemplateSpec
from cleaner.steps.article import WORD, current_span, stoplist

KINDS = ("site_template",)


def rule_of(ctx: Context) -> Rule | None:
    """The site-template rule in force: the first loaded (none when it is disabled)."""
    rules = ctx.rules_of(*KINDS)
    return rules[0] if rules else None


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    site = ctx.site_template
    rule = rule_of(ctx)
    if site is None or rule is None or not rule.when.hold(doc.text, doc.rule_language):
        return
    yield remove(doc, rule, site)


def remove(doc: Document, rule: Rule, site: SiteTemplate) -> list[Edit]:
    """Edits removing every line of ``doc`` that its site's template holds."""
    edits: list[Edit] = []
    for line in doc.lines():
        if line.blank or not WORDY.search(line.text):
            continue
        count = site.count(_hash(doc, line.text))
        if count:
            note = f"on {count} of {site.pages} pages of {site.site}"
            edits.append(Edit(line.start, line.stop, "", rule.id, "remove_line", note))
    return edits


def _hash(doc: Document, text: str) -> int:
    key = ("templates.hash", text)
    found = doc.line_memo.get(key)
    if found is None:
        found = doc.line_memo[key] = line_hash(text)
    return found  # type: ignore[no-any-return]


def observe(doc: Document, rule: Rule, ctx: Context | None = None) -> Observation:
    """What ``doc`` (run through the steps before this one) tells the learner.

    With ``ctx``, when an ``article_span`` rule is in force, the lines inside the article
    span (between its first and last paragraphs, as its finder sees the document now) need
    strong evidence: a subheading or a quote that two articles of a site share is no
    furniture. The finder remembers its judgements in the document's line memo, so this
    costs little after the article step.
    """
    assert isinstance(rule.spec, TemplateSpec)
    spec = rule.spec
    stops = stoplist(doc.rule_language)

    def is_body(text: str) -> bool:
        # A prose sentence, as the article span judges one: long enough, with stopwords
        # (or, in a language without a stoplist, ending a sentence).
        words = WORD.findall(text)
        if len(words) < spec.body_words:
            return False
        if not stops:
            return spec.sentence_end.search(text.rstrip()) is not None
        hits = sum(1 for word in words if word.casefold() in stops)
        return hits >= spec.body_stopwords * len(words)

    content = [line for line in doc.lines() if not line.blank]
    inside = _inside_span(doc, content, ctx) if ctx is not None else None
    return observe_lines((line.text for line in content), is_body, inside, spec.prose_lines)


def _inside_span(doc: Document, content: list[Line], ctx: Context) -> list[bool] | None:
    """Per line of ``content``, whether it lies inside the article span, between its first
    and its last paragraph (a page kept whole has none)."""
    found = current_span(doc, ctx, content) if content else None
    if found is None or found[0].whole:
        return None
    span = found[0]
    # From its first paragraph to its last: the subheadings, lists and short sentences
    # between them. The lines the span takes in at its edges (a headline, a byline, a closing
    # line) are judged as any other, or a site's footer under the article would need pages
    # enough for a prose sentence.
    blocks = [index for index in span.blocks if span.start <= index <= span.end]
    if not blocks:
        return None
    first, last = min(blocks), max(blocks)
    return [first <= index <= last for index in range(len(content))]


def thresholds(rule: Rule) -> Thresholds:
    """The rule's numbers as the learner's thresholds, with where they came from."""
    assert isinstance(rule.spec, TemplateSpec)
    spec = rule.spec
    return Thresholds(
        min_pages=spec.min_pages,
        min_share=spec.min_share,
        body_min_pages=spec.body_min_pages,
        body_min_share=spec.body_min_share,
        body_words=spec.body_words,
        body_stopwords=spec.body_stopwords,
        limit=spec.limit,
        story_share=spec.story_share,
        prose_lines=spec.prose_lines,
        rule=rule.id,
        # The file's name and line, not its path: the same wherever the corpus was learned.
        source=rule.source.replace("\\", "/").rsplit("/", 1)[-1],
    )
