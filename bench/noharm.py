"""No harm on clean text: clean the Scrapinghub gold article bodies and count what goes.

Each page's gold text (``../shared/bench/scrapinghub/gold/``, 181 pages, 8 languages) is an
article with its furniture already taken out by hand, so a cleaner that never harms what is
right gives it back almost whole. Every gold text is cleaned with ``Cleaner().clean`` (the
default rules; one page alone has no site, so no templates) and measured three ways:

* tokens lost: the gold's ``\\w+`` tokens (lower-cased, as the shared scorer counts them)
  missing from the output, as a multiset;
* lines lost: gold lines whose words no longer occur, in a row, in the output; lines
  changed: lines whose words all stay but whose text does not (quotes, spacing, names);
* by rule, from the change log: the tokens each rule's changes took out (``before`` minus
  ``after``), the lines it removed whole and the pages it touched.

::

    .venv/bin/python bench/noharm.py                # all pages, text report
    .venv/bin/python bench/noharm.py --lang en      # one manifest language
    .venv/bin/python bench/noharm.py --json         # the same, as JSON
    .venv/bin/python bench/noharm.py --show RULE    # every line RULE removed, with its page

A gold line removed is not always harm: the gold keeps some furniture (a copyright line, a
"Story Timeline" box) that the rules rightly take. The report lists what goes, by rule, so a
reader can tell the two apart; bench/README.md says which is which for the shipped rules.

Exit status: 0 after a run, 2 when the data set is missing or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import regex

# ../shared beside the repository, as CI has it.
DATASET = Path(__file__).resolve().parents[2] / "shared" / "bench" / "scrapinghub"
TOKEN = regex.compile(r"\w+")
LINE_REMOVING = {"remove_line", "remove_block"}


def tokens(text: str) -> Counter[str]:
    """The scorer's bag of words: ``\\w+`` over the lower-cased text."""
    return Counter(TOKEN.findall(text.lower()))


def body_f1(gold: str, output: str) -> float:
    """The shared scorer's bag-of-words F1 of ``output`` against ``gold``: how much of a clean
    text survives its cleaning (precision stays 1 unless the cleaner adds words)."""
    want, got = tokens(gold), tokens(output)
    if not want and not got:
        return 1.0
    common = sum((want & got).values())
    return 2 * common / (sum(want.values()) + sum(got.values()))


def body_kept(gold: str, output: str) -> float:
    """The share of ``gold``'s tokens that ``output`` keeps (a page under 0.95 is one of the
    report's ``pages < 95%``)."""
    want = tokens(gold)
    total = sum(want.values())
    return 1.0 - sum((want - tokens(output)).values()) / total if total else 1.0


def gold_pages(dataset: Path, lang: str | None = None) -> list[tuple[dict, str]]:
    """The manifest's pages (of manifest language ``lang``, or all) in id order, each with its
    gold text (raises OSError or ValueError when the data set cannot be read)."""
    manifest = json.loads((dataset / "manifest.json").read_text(encoding="utf-8"))
    docs = [d for d in manifest["docs"] if not lang or d.get("lang") == lang]
    return [
        (doc, (dataset / "gold" / f"{doc['id']}.txt").read_text(encoding="utf-8"))
        for doc in sorted(docs, key=lambda d: d["id"])
    ]


def contains(haystack: str, needle: list[str]) -> bool:
    """Whether the words ``needle`` occur in a row among the words of ``haystack``."""
    return bool(needle) and f" {' '.join(needle)} " in haystack


@dataclass
class RuleTally:
    tokens: int = 0
    lines: int = 0
    pages: set[str] = field(default_factory=set)
    examples: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class PageResult:
    id: str
    language: str
    lines: int
    tokens: int
    tokens_lost: int
    lines_lost: int
    lines_changed: int


def measure(
    cleaner: object,
    page_id: str,
    language: str,
    text: str,
    rules: dict[str, RuleTally],
    edits: Counter[str],
) -> PageResult:
    """Clean one gold text; add its changes to ``rules`` (those that take tokens or lines)
    and ``edits`` (those that keep every token: quotes, spacing); return what it lost."""
    result = cleaner.clean(text, id=page_id)
    gold = [line.strip() for line in text.splitlines() if line.strip()]
    output = result.text
    out_words = f" {' '.join(w.casefold() for w in TOKEN.findall(output))} "
    out_lines = {line.strip() for line in output.splitlines()}
    lost = changed = 0
    for line in gold:
        words = [w.casefold() for w in TOKEN.findall(line)]
        if words and not contains(out_words, words):
            lost += 1
        elif line not in out_lines:
            changed += 1
    for change in result.changes:
        before, after = change.before or "", change.after or ""
        taken = sum((tokens(before) - tokens(after)).values())
        whole = change.action in LINE_REMOVING and bool(before.strip())
        if not taken and not whole:
            if before.strip() != after.strip():
                edits[change.rule] += 1
            continue
        tally = rules.setdefault(change.rule, RuleTally())
        tally.tokens += taken
        if whole:
            tally.lines += (change.before or "").rstrip("\n").count("\n") + 1
            tally.examples.append((page_id, (change.before or "").strip()))
        tally.pages.add(page_id)
    gold_tokens = tokens(text)
    return PageResult(
        page_id,
        language,
        len(gold),
        sum(gold_tokens.values()),
        sum((gold_tokens - tokens(output)).values()),
        lost,
        changed,
    )


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "-"


def report(pages: list[PageResult], rules: dict[str, RuleTally], edits: Counter[str]) -> dict:
    def totals(group: list[PageResult]) -> dict:
        return {
            "pages": len(group),
            "lines": sum(p.lines for p in group),
            "lines_lost": sum(p.lines_lost for p in group),
            "lines_changed": sum(p.lines_changed for p in group),
            "tokens": sum(p.tokens for p in group),
            "tokens_lost": sum(p.tokens_lost for p in group),
            "pages_whole": sum(1 for p in group if not p.tokens_lost),
            "pages_under_95": sum(1 for p in group if p.tokens_lost > 0.05 * p.tokens),
        }

    languages = sorted({p.language for p in pages})
    worst = sorted(pages, key=lambda p: (-p.tokens_lost / max(p.tokens, 1), p.id))
    return {
        "overall": totals(pages),
        "languages": {lang: totals([p for p in pages if p.language == lang]) for lang in languages},
        "rules": {
            rule: {"tokens": t.tokens, "lines": t.lines, "pages": len(t.pages)}
            for rule, t in sorted(rules.items(), key=lambda item: (-item[1].tokens, item[0]))
        },
        "edits_keeping_tokens": dict(edits.most_common()),
        "worst_pages": [
            {
                "id": p.id,
                "language": p.language,
                "tokens_lost": p.tokens_lost,
                "tokens": p.tokens,
                "lines_lost": p.lines_lost,
            }
            for p in worst[:10]
            if p.tokens_lost
        ],
    }


def print_text(data: dict) -> None:
    print("No harm on clean text: the Scrapinghub gold bodies, cleaned\n")
    print(f"{'lang':<8}{'pages':>6}{'whole':>7}{'<95%':>6}{'lines lost':>16}{'changed':>9}"
          f"{'tokens lost':>22}")  # fmt: skip
    rows = [*data["languages"].items(), ("overall", data["overall"])]
    for lang, s in rows:
        if lang == "overall":
            print("-" * 74)
        lines = f"{s['lines_lost']}/{s['lines']}"
        toks = f"{s['tokens_lost']}/{s['tokens']} ({percent(s['tokens_lost'], s['tokens'])})"
        print(f"{lang:<8}{s['pages']:>6}{s['pages_whole']:>7}{s['pages_under_95']:>6}"
              f"{lines:>16}{s['lines_changed']:>9}{toks:>22}")  # fmt: skip
    print("\nBy rule (from the change log): tokens taken, lines removed whole, pages")
    for rule, t in data["rules"].items():
        print(f"  {rule:<36}{t['tokens']:>7}{t['lines']:>6}{t['pages']:>5}")
    kept = ", ".join(f"{rule} {n}" for rule, n in data["edits_keeping_tokens"].items())
    print(f"\nChanges that keep every token (how many): {kept or '-'}")
    print("\nPages losing the largest share of their tokens")
    for p in data["worst_pages"]:
        share = percent(p["tokens_lost"], p["tokens"])
        print(f"  {p['id'][:16]} ({p['language']}): {p['tokens_lost']}/{p['tokens']} tokens "
              f"({share}), {p['lines_lost']} lines")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DATASET, help="the Scrapinghub folder")
    parser.add_argument("--lang", help="only pages of this manifest language (e.g. en)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--show", metavar="RULE", help="list every line RULE removed")
    args = parser.parse_args(argv)
    try:
        docs = gold_pages(args.dataset, args.lang)
    except (OSError, ValueError) as error:
        print(f"cannot read {args.dataset}: {error}", file=sys.stderr)
        return 2
    if not docs:
        print(f"no page in language {args.lang!r}", file=sys.stderr)
        return 2

    from cleaner import Cleaner  # imported late: a wrong argument needs no cleaner

    cleaner = Cleaner()
    rules: dict[str, RuleTally] = {}
    edits: Counter[str] = Counter()
    pages = [
        measure(cleaner, doc["id"], doc.get("lang") or "?", text, rules, edits)
        for doc, text in docs
    ]
    if args.show:
        for page_id, line in rules.get(args.show, RuleTally()).examples:
            print(f"{page_id[:16]}  {line[:160]}")
        return 0
    data = report(pages, rules, edits)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print_text(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
