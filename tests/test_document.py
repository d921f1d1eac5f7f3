"""The change log: every text change is recorded with its rule, action, input line and text."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.document import Document, Edit, Rewrite


def test_edits_are_logged_with_input_lines_tracked_through_removals() -> None:
    doc = Document("d", "a\nREMOVE\nb\nc x\n")
    doc.apply([Edit(2, 9, "", "r.remove", "remove_line")])
    assert doc.text == "a\nb\nc x\n"
    # "x" now sits on line 3 of the current text but came from line 4 of the input.
    doc.apply([Edit(doc.text.index("x"), doc.text.index("x") + 1, "y", "r.swap", "replace")])
    assert [(c.rule, c.line, c.before, c.after) for c in doc.changes] == [
        ("r.remove", 2, "REMOVE\n", ""),
        ("r.swap", 4, "x", "y"),
    ]


def test_overlapping_edits_keep_the_first_and_noops_are_not_logged() -> None:
    doc = Document("d", "abcdef")
    doc.apply(
        [
            Edit(2, 4, "XX", "r.second", "replace"),
            Edit(0, 3, "Z", "r.first", "replace"),
            Edit(5, 6, "f", "r.noop", "replace"),
        ]
    )
    assert doc.text == "Zdef"
    assert [c.rule for c in doc.changes] == ["r.first"]


def test_rewrite_is_a_whole_document_change_with_no_line() -> None:
    doc = Document("d", "one\r\ntwo\r\n")
    doc.apply(Rewrite("one\ntwo\n", "repair.line-endings", "normalize"))
    (change,) = doc.changes
    assert change.line is None and change.action == "normalize"
    doc.apply([Edit(4, 7, "TWO", "r.up", "replace")])
    assert doc.changes[-1].line == 2


def test_lone_cr_line_endings_count_as_lines() -> None:
    result = Cleaner(default_rules=False).clean("a\rb\r[x]\u200b\r")
    invisible = [c for c in result.changes if c.rule == "repair.invisible"]
    assert invisible[0].line == 3


def test_nothing_changes_without_a_record(cleaner: Cleaner) -> None:
    text = "[ad_1]\n date 2020-01-01 Aliev of Azerbaijan said « hi » , ok\n\n\n"
    result = cleaner.clean(text)
    replay = text
    for change in result.changes:
        if change.line is None:
            assert change.before in replay
        replay = replay.replace(change.before, change.after, 1) if change.before else replay
    assert result.changes and result.text != text
    assert all(c.rule and c.action for c in result.changes)


def test_change_records_carry_the_documented_fields(cleaner: Cleaner) -> None:
    record = cleaner.clean("[ad_1]\nText.\n").record("x.txt")
    assert list(record) == [
        "id",
        "output",
        "status",
        "error",
        "error_kind",
        "language",
        "meta",
        "changes",
    ]
    assert record["changes"][0] == {
        "rule": "boilerplate.ad-marker",
        "action": "remove_line",
        "line": 1,
        "before": "[ad_1]\n",
        "after": "",
    }
