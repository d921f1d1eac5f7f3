"""Names benchmark: how well the ``names`` step normalizes conflict names, and the harm it does.

Run from the repository root (it is a benchmark, not a test)::

    .venv/bin/python bench/names_quality.py                 # table of scores
    .venv/bin/python bench/names_quality.py --json          # the same as JSON
    .venv/bin/python bench/names_quality.py --validate      # check the case file only

The cases (``bench/names_quality/cases.jsonl``, one JSON object per line) are short texts in
three groups:

- ``war``: English news about the Armenia-Azerbaijan / Nagorno-Karabakh conflict (1991-2023),
  adapted from real press pages, with spelling variants of its people and places. ``fixes``
  is the hand-made gold: every ``before`` -> ``after`` a careful English-press editor would
  make, with its ``count``.
- ``control``: English texts where the same strings mean something else (the skater Dmitri
  Aliev, Cher's family name Sarkisian, artesian wells, "Agdam" port wine, book titles...).
- ``foreign``: news about the conflict in other languages, in their own press's spelling.

Controls and foreign texts have no fixes: any change there is wrong.

Every case is cleaned with ``Cleaner().clean(text)`` (the shipped rules) and the changes whose
rule id starts with ``names.`` are scored against the gold. Changes and gold fixes are compared
word by word: a change ``Zakir Gasanov -> Zakir Hasanov`` counts as the one edit
``Gasanov -> Hasanov``, and ``Serge Sarkisian -> Serzh Sargsyan`` as two edits; a change that
alters the number of words (``Nagorno Karabakh -> Nagorno-Karabakh``) stays one edit, trimmed
of the words it keeps. An edit is right when a gold fix of the same document with the same
(before, after) is not yet used up (gold counts are consumed); otherwise it is wrong.
Precision = right / all edits made; recall = right / all gold edits.

Exit status: 0 (whatever the scores), or 2 when the case file is malformed (the message names
the line). ``--validate`` checks the case file (ids, groups, counts, that each gold ``before``
occurs in the text as a whole word at least ``count`` times, empty fixes outside ``war``, at
least 34/16/16 cases per group and 6 languages among the foreign ones) and exits 2 on a
problem, 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402

DEFAULT_CASES = ROOT / "bench" / "names_quality" / "cases.jsonl"
GROUPS = ("war", "control", "foreign")
MIN_CASES = {"war": 34, "control": 16, "foreign": 16}
MIN_FOREIGN_LANGUAGES = 6
RULE_PREFIX = "names."
REQUIRED = {"id": str, "group": str, "language": str, "sources": list, "text": str, "fixes": list}
SPACES = regex.compile(r"(\s+)")
EDGE_PUNCT = "\"'“”‘’«»„()[],.;:!?"


class CaseFileError(Exception):
    """The case file cannot be read; the message names the line."""


# ---------------------------------------------------------------------------- loading


def load_cases(path):
    """Read the JSONL case file, checking each record's shape; raise CaseFileError."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CaseFileError(f"{path}: cannot read: {error}") from error
    cases = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise CaseFileError(f"{where}: not valid JSON: {error}") from error
        if not isinstance(record, dict):
            raise CaseFileError(f"{where}: a case must be a JSON object")
        for key, kind in REQUIRED.items():
            if key not in record:
                raise CaseFileError(f"{where}: missing key {key!r}")
            if not isinstance(record[key], kind):
                raise CaseFileError(f"{where}: {key!r} must be a {kind.__name__}")
        if "note" in record and not isinstance(record["note"], str):
            raise CaseFileError(f"{where}: 'note' must be a string")
        for index, fix in enumerate(record["fixes"]):
            if not isinstance(fix, dict) or set(fix) != {"before", "after", "count"}:
                raise CaseFileError(
                    f"{where}: fixes[{index}] must be an object with before, after, count"
                )
            if not isinstance(fix["before"], str) or not isinstance(fix["after"], str):
                raise CaseFileError(f"{where}: fixes[{index}]: before/after must be strings")
            count = fix["count"]
            if isinstance(count, bool) or not isinstance(count, int) or count < 1:
                raise CaseFileError(f"{where}: fixes[{index}]: count must be an integer >= 1")
        record["_line"] = number
        cases.append(record)
    if not cases:
        raise CaseFileError(f"{path}: no cases")
    return cases


def whole_word_count(needle, text):
    """Occurrences of ``needle`` in ``text`` not preceded or followed by a word character."""
    pattern = r"(?<!\w)" + regex.escape(needle) + r"(?!\w)"
    return len(regex.findall(pattern, text))


def validate(cases, path):
    """Problems with the case file, one message each (empty when it is valid)."""
    problems = []
    seen = {}
    per_group = Counter()
    foreign_languages = set()
    for case in cases:
        where = f"{path}:{case['_line']} ({case['id']})"
        if case["id"] in seen:
            problems.append(f"{where}: duplicate id (first on line {seen[case['id']]})")
        seen.setdefault(case["id"], case["_line"])
        group = case["group"]
        if group not in GROUPS:
            problems.append(f"{where}: unknown group {group!r} (use one of {', '.join(GROUPS)})")
            continue
        per_group[group] += 1
        if not case["sources"] or not all(isinstance(s, str) and s for s in case["sources"]):
            problems.append(f"{where}: 'sources' must be a non-empty list of strings")
        if group == "foreign":
            foreign_languages.add(case["language"])
            if case["language"] == "en":
                problems.append(f"{where}: a foreign case cannot be in English")
        elif case["language"] != "en":
            problems.append(f"{where}: a {group} case must be in English ('en')")
        if group != "war" and case["fixes"]:
            problems.append(f"{where}: {group} cases must have no fixes")
        for fix in case["fixes"]:
            before, after, count = fix["before"], fix["after"], fix["count"]
            if not before or before == after:
                problems.append(f"{where}: fix {before!r} -> {after!r} changes nothing")
                continue
            found = whole_word_count(before, case["text"])
            if found < count:
                problems.append(
                    f"{where}: {before!r} occurs {found} time(s) as a whole word, "
                    f"gold count is {count}"
                )
    for group, minimum in MIN_CASES.items():
        if per_group[group] < minimum:
            problems.append(f"{path}: {per_group[group]} {group} cases, at least {minimum} needed")
    if len(foreign_languages) < MIN_FOREIGN_LANGUAGES:
        problems.append(
            f"{path}: foreign cases in {len(foreign_languages)} language(s) "
            f"({', '.join(sorted(foreign_languages))}), at least {MIN_FOREIGN_LANGUAGES} needed"
        )
    return problems


# ---------------------------------------------------------------------------- scoring


def _trim(before, after):
    """Drop edge punctuation both sides share ("Aliev," -> "Aliyev," is Aliev -> Aliyev)."""
    while before and after and before[0] == after[0] and before[0] in EDGE_PUNCT:
        before, after = before[1:], after[1:]
    while before and after and before[-1] == after[-1] and before[-1] in EDGE_PUNCT:
        before, after = before[:-1], after[:-1]
    return before, after


def edits(before, after):
    """The word-level edits of a change: a list of (before, after) pairs.

    Same number of words (and the same spacing): one edit per word that differs. Otherwise
    one edit, trimmed of the words the two sides share at the start and the end.
    """
    if before == after:
        return []
    old, new = SPACES.split(before), SPACES.split(after)
    if len(old) == len(new) and old[1::2] == new[1::2]:
        pairs = [_trim(a, b) for a, b in zip(old[0::2], new[0::2], strict=True) if a != b]
        return [pair for pair in pairs if pair[0] != pair[1]]
    start = 0
    while start < min(len(old), len(new)) - 1 and old[start] == new[start]:
        start += 1
    end = 0
    while (
        end < min(len(old), len(new)) - start - 1
        and old[len(old) - 1 - end] == new[len(new) - 1 - end]
    ):
        end += 1
    old, new = old[start : len(old) - end], new[start : len(new) - end]
    pair = _trim("".join(old).strip(), "".join(new).strip())
    return [pair] if pair[0] != pair[1] else []


def score(cases, cleaner):
    """Clean every case and score its names changes; the report as a plain dict."""
    groups = {
        g: {"documents": 0, "made": 0, "right": 0, "wrong": 0, "gold": 0, "missed": 0}
        for g in GROUPS
    }
    wrong, missed, errors = [], [], []
    by_rule = defaultdict(lambda: {"right": 0, "wrong": 0})
    for case in cases:
        stats = groups.setdefault(
            case["group"],
            {"documents": 0, "made": 0, "right": 0, "wrong": 0, "gold": 0, "missed": 0},
        )
        stats["documents"] += 1
        gold = Counter()
        for fix in case["fixes"]:
            for pair in edits(fix["before"], fix["after"]):
                gold[pair] += fix["count"]
        stats["gold"] += sum(gold.values())
        result = cleaner.clean(case["text"], id=case["id"])
        if result.error:
            errors.append({"id": case["id"], "error": str(result.error)})
        for change in result.changes:
            if not change.rule.startswith(RULE_PREFIX):
                continue
            for pair in edits(change.before, change.after):
                stats["made"] += 1
                if gold[pair] > 0:
                    gold[pair] -= 1
                    stats["right"] += 1
                    by_rule[change.rule]["right"] += 1
                else:
                    stats["wrong"] += 1
                    by_rule[change.rule]["wrong"] += 1
                    wrong.append(
                        {
                            "id": case["id"],
                            "rule": change.rule,
                            "line": change.line,
                            "before": pair[0],
                            "after": pair[1],
                        }
                    )
        for (before, after), left in sorted(gold.items()):
            if left > 0:
                stats["missed"] += left
                missed.append({"id": case["id"], "before": before, "after": after, "count": left})
    for stats in groups.values():
        stats["precision"] = _ratio(stats["right"], stats["made"])
        stats["recall"] = _ratio(stats["right"], stats["gold"])
    made = sum(s["made"] for s in groups.values())
    right = sum(s["right"] for s in groups.values())
    gold_total = sum(s["gold"] for s in groups.values())
    totals = {
        "documents": len(cases),
        "made": made,
        "right": right,
        "wrong": made - right,
        "gold": gold_total,
        "missed": sum(s["missed"] for s in groups.values()),
        "precision": _ratio(right, made),
        "recall": _ratio(right, gold_total),
    }
    p, r = totals["precision"], totals["recall"]
    totals["f1"] = None if p is None or r is None or p + r == 0 else round(2 * p * r / (p + r), 4)
    untouched = {g: groups[g]["made"] == 0 for g in ("control", "foreign") if g in groups}
    return {
        "groups": groups,
        "totals": totals,
        "controls_and_foreign_untouched": untouched,
        "by_rule": dict(sorted(by_rule.items())),
        "wrong": wrong,
        "missed": missed,
        "errors": errors,
    }


def _ratio(part, whole):
    return round(part / whole, 4) if whole else None


# ---------------------------------------------------------------------------- report


def _fmt(value):
    return "-" if value is None else f"{value:.3f}"


def _show(text):
    return text.replace("\n", "\\n")


def print_report(report, path):
    print(f"names benchmark: {path}")
    print()
    header = (
        f"{'group':<8} {'docs':>5} {'made':>5} {'right':>6} {'wrong':>6} {'gold':>5} "
        f"{'missed':>7} {'precision':>10} {'recall':>7}"
    )
    print(header)
    print("-" * len(header))
    rows = [*report["groups"].items(), ("total", report["totals"])]
    for name, s in rows:
        print(
            f"{name:<8} {s['documents']:>5} {s['made']:>5} {s['right']:>6} {s['wrong']:>6} "
            f"{s['gold']:>5} {s['missed']:>7} {_fmt(s['precision']):>10} "
            f"{_fmt(s['recall']):>7}"
        )
    print()
    for group, clean in report["controls_and_foreign_untouched"].items():
        verdict = "no names changes (as required)" if clean else "CHANGED (must be untouched)"
        print(f"{group}: {verdict}")
    print(f"F1 (total): {_fmt(report['totals']['f1'])}")
    if report["by_rule"]:
        print()
        print("by rule (right / wrong):")
        for rule, s in report["by_rule"].items():
            print(f"  {rule:<36} {s['right']:>4} / {s['wrong']}")
    print()
    print(f"wrong changes ({len(report['wrong'])}):")
    for w in report["wrong"]:
        print(
            f"  {w['id']:<12} line {w['line']}: {_show(w['before'])} -> {_show(w['after'])}"
            f"  [{w['rule']}]"
        )
    print()
    print(f"missed fixes ({sum(m['count'] for m in report['missed'])}):")
    for m in report["missed"]:
        times = f" x{m['count']}" if m["count"] > 1 else ""
        print(f"  {m['id']:<12} {_show(m['before'])} -> {_show(m['after'])}{times}")
    if report["errors"]:
        print()
        print(f"documents the cleaner could not clean ({len(report['errors'])}):")
        for e in report["errors"]:
            print(f"  {e['id']}: {e['error']}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=str(DEFAULT_CASES), help="JSONL case file")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--validate", action="store_true", help="check the case file and exit (2 on a problem)"
    )
    args = parser.parse_args(argv)
    try:
        cases = load_cases(args.cases)
    except CaseFileError as error:
        print(f"names_quality: {error}", file=sys.stderr)
        return 2
    if args.validate:
        problems = validate(cases, args.cases)
        counts = Counter(case["group"] for case in cases)
        languages = sorted({c["language"] for c in cases if c["group"] == "foreign"})
        gold = sum(f["count"] for c in cases for f in c["fixes"])
        summary = {
            "cases": len(cases),
            "groups": dict(counts),
            "foreign_languages": languages,
            "gold_fixes": gold,
            "problems": problems,
        }
        if args.json:
            print(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            for problem in problems:
                print(problem)
            print(
                f"{len(cases)} cases ({', '.join(f'{g} {counts[g]}' for g in GROUPS)}), "
                f"foreign languages: {', '.join(languages)}; {gold} gold fixes; "
                f"{len(problems)} problem(s)"
            )
        return 2 if problems else 0
    report = score(cases, Cleaner())
    if args.json:
        print(json.dumps({"cases": args.cases, **report}, ensure_ascii=False, indent=2))
    else:
        print_report(report, args.cases)
    return 0


if __name__ == "__main__":
    sys.exit(main())
