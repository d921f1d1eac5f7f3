"""The one ordered registry of steps, and the loop that runs a document through them.

=============  ======================================================  ====================
step           what it does                                            rule kinds
=============  ======================================================  ====================
decode         bytes to text; records ``meta.encoding``                 (none)
repair         line endings, ftfy, NFC, invisible chars, no-break sp.   (none)
metadata       leading ``date YYYY-MM-DD`` -> ``meta.date``             (none)
language       ``language`` and ``meta.language_score``                 (none)
article        the article span: what lies above or below it goes      article_span
boilerplate    page furniture: lines, tails, runs, repeats, echoes      remove_line,
                                                                        remove_tail,
                                                                        remove_run, repeat,
                                                                        echo
quotes         pair quote marks, repair spacing, one style              quotes
spacing        spaces before punctuation, glued words                   replace
names          variants to canonical names, one pass                    alias
templates      lines a corpus taught are its site's furniture           site_template
tidy           white space invariants, one final newline                (none)
=============  ======================================================  ====================

Language comes before every rule step, so rules can be conditioned on it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from cleaner.document import Batch, Document
from cleaner.options import Context, Options
from cleaner.rules import Example, Rule, RuleSet, load_rules
from cleaner.steps import (
    article,
    boilerplate,
    decode,
    language,
    metadata,
    names,
    quotes,
    repair,
    spacing,
    templates,
    tidy,
)


@dataclass(frozen=True, slots=True)
class Step:
    name: str
    run: Callable[[Document, Context], Iterator[Batch]]
    kinds: tuple[str, ...] = ()
    # For a step that reads only the text and the rule language: whether it changes nothing
    # on its own output, for a document in this state (tests/test_properties.py holds it for
    # any text). A settle pass skips such a step where both are still those it left.
    idempotent: Callable[[Document], bool] | None = None
    # Whether the step reads the document's language (``language``, ``rule_language``); one
    # that does not reads only its text (and the context). See :func:`_input`.
    reads_language: bool = True


STEPS: tuple[Step, ...] = (
    Step("decode", decode.run),
    Step("repair", repair.run, reads_language=False),
    Step("metadata", metadata.run, reads_language=False),
    Step("language", language.run, reads_language=False),
    Step("article", article.run, article.KINDS),
    Step("boilerplate", boilerplate.run, boilerplate.KINDS),
    Step("quotes", quotes.run, quotes.KINDS),
    Step("spacing", spacing.run, spacing.KINDS),
    Step("names", names.run, names.KINDS),
    Step("templates", templates.run, templates.KINDS),
    Step("tidy", tidy.run, idempotent=tidy.idempotent),
)

STEP_OF_KIND: dict[str, Step] = {kind: step for step in STEPS for kind in step.kinds}
TIDY = STEPS[-1]
# What the site templates are learned after: the lines the template step will see.
BEFORE_TEMPLATES: tuple[Step, ...] = STEPS[: [s.name for s in STEPS].index("templates")]


# The steps from here on only read and rewrite text; they are re-run until the text settles.
# Repair is among them: removing a quote mark or a line can expose mojibake to ftfy (« Ã©tÃ© »)
# or put a combining mark next to a letter NFC composes with; language is too, so the rules of
# the last pass saw the language of the text they left, as a second run would.
SETTLE_FROM = "repair"
MAX_PASSES = 4


def run(doc: Document, ctx: Context, steps: Sequence[Step] = STEPS) -> Document:
    """Run ``doc`` through ``steps`` in order; every batch a step yields is applied at once.

    Steps feed each other: a quote repair can turn a line into a recognizable caption, a
    spacing fix can complete a date widget. So, as black does, the output goes through the
    text steps again until a pass changes nothing (at most :data:`MAX_PASSES` passes). The
    second pass usually finds nothing, and this is what makes cleaning clean output a no-op.
    """
    left: dict[str, tuple[str | None, ...]] = {}
    logged = len(doc.changes)
    _run_once(doc, ctx, steps, left)
    if len(doc.changes) == logged:
        # A first pass that changed nothing leaves nothing to settle: each step of a settle
        # pass would read what it read in the first pass (the same text, and the language
        # and metadata the steps before it derive from that text; the steps that run before
        # the language step read no language), so it would change nothing again. Clean
        # input costs one pass, not two (tests/test_speed_exact.py, helper short).
        return doc
    settle = steps[_index(steps, SETTLE_FROM) :]
    for _ in range(MAX_PASSES - 1):
        before = len(doc.changes)
        _run_once(doc, ctx, settle, left)
        if len(doc.changes) == before:
            break
    return doc


def _run_once(
    doc: Document, ctx: Context, steps: Sequence[Step], left: dict[str, tuple[str | None, ...]]
) -> None:
    """One pass; ``left`` keeps, by step, an input on which running it again changes nothing.

    A step is skipped where the document is in that state again:

    - the input of its last run, where that run changed nothing. A step's run is a function
      of what it reads (:func:`_input`) and the context, the same for the whole document; the
      line memo and the text's memo only keep answers that are pure functions of what they
      are kept by. So a run on the same input changes nothing again, and what it writes
      besides the text is already there: the language step's ``language``, ``rule_language``
      and ``language_score``, the article step's ``article_span`` note are written by no
      other step, and the metadata step writes ``date`` only with an edit. This skips every
      step of the pass after a first pass that changed nothing (cleaning clean text), and,
      in a later pass, each step that changed nothing in the pass before where no step
      since changed anything;
    - what an ``idempotent`` step left (text and language), where it says so.
    """
    for step in steps:
        if left.get(step.name) == _input(step, doc):
            continue
        logged = len(doc.changes)
        for batch in step.run(doc, ctx):
            doc.apply(batch)
        if len(doc.changes) == logged or (step.idempotent is not None and step.idempotent(doc)):
            # Nothing logged is nothing changed: Document.apply is the only way text changes.
            left[step.name] = _input(step, doc)
        else:
            left.pop(step.name, None)


def _input(step: Step, doc: Document) -> tuple[str | None, ...]:
    """What ``step`` reads of ``doc``: its text and, unless it reads only that, its language.

    The repair and metadata steps read only the text (the language is detected after them),
    and the language step reads only the text (its letter counts from the change log are the
    text's counts; ``tests/test_speed_exact.py`` checks the skips against runs without them).
    """
    if step.reads_language:
        return (doc.text, doc.language, doc.rule_language)
    return (doc.text,)


def _index(steps: Sequence[Step], name: str) -> int:
    names = [s.name for s in steps]
    return names.index(name) if name in names else 0


def run_rule_alone(rule: Rule, example: Example) -> Document:
    """An inline example through its own rule (conditions included), then tidy.

    A ``site_template`` example is a small site: its input holds pages separated by a form
    feed (``\\f``); the rule learns from all of them (observed with the shipped article span
    rule in force, as a batch observes its pages) and cleans each, and the result is the
    clean pages joined by form feeds again.
    """
    if rule.kind in templates.KINDS:
        return _template_example(rule, example)
    doc = Document(f"{rule.id} example", example.input)
    # An example is written in its rule's language unless it says otherwise.
    doc.language = example.language or next(iter(rule.when.languages), None)
    score = 1.0
    if doc.language is None:
        doc.language, score = language.detect(example.input)
    doc.rule_language = language.for_rules(example.input, doc.language, score)
    ctx = Context.build(Options(quotes=example.quotes), RuleSet([rule], rule.id))
    return run(doc, ctx, [STEP_OF_KIND[rule.kind], TIDY])


def _template_example(rule: Rule, example: Example) -> Document:
    from cleaner.corpus.templates import Learner

    # The pages are observed as a batch observes them, with the shipped article span rule in
    # force: a line inside the span of the pages' articles needs the strong evidence here too.
    ctx = Context.build(Options(quotes=example.quotes), RuleSet([rule, *_spans()], rule.id))
    learner = Learner(story_share=templates.thresholds(rule).story_share)
    docs = []
    for number, page in enumerate(example.input.split("\f")):
        doc = Document(f"{rule.id} example page {number + 1}", page)
        doc.language = example.language or next(iter(rule.when.languages), None)
        score = 1.0
        if doc.language is None:
            doc.language, score = language.detect(page)
        doc.rule_language = language.for_rules(page, doc.language, score)
        learner.add("example", templates.observe(doc, rule, ctx))
        docs.append(doc)
    learned = learner.decide(templates.thresholds(rule))
    ctx = replace(ctx, site_template=learned.site("example"))
    done = [run(doc, ctx, [STEP_OF_KIND[rule.kind], TIDY]) for doc in docs]
    joined = Document(f"{rule.id} example", "\f".join(doc.text.rstrip("\n") for doc in done))
    joined.text += "\n" if joined.text else ""
    joined.changes = [change for doc in done for change in doc.changes]
    return joined


@functools.cache
def _spans() -> tuple[Rule, ...]:
    """The shipped article span rules (loaded once)."""
    return load_rules().of_kind(*article.KINDS)
