"""Behaviour tables for the steps that need no rule files: repair, metadata, tidy."""

from __future__ import annotations

import pytest

from cleaner import Cleaner

BARE = Cleaner(default_rules=False)

REPAIR = [
    (
        "Azerbaijanâ€™s army",
        "Azerbaijan’s army\n",
        "mojibake re-decoded (quote style left to the quotes step)",
    ),
    ("one\r\ntwo\r\n", "one\ntwo\n", "CRLF to LF"),
    ("one\rtwo", "one\ntwo\n", "lone CR to LF"),
    ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen\n", "invisible characters removed"),
    ("no\u00a0break\u202fspaces", "no break spaces\n", "no-break spaces to spaces"),
    ("cafe\u0301", "café\n", "NFC"),
    (
        "C:\\new\\table and \\u00e9",
        "C:\\new\\table and \\u00e9\n",
        "backslash escapes are not decoded",
    ),
    (
        "Nagorno-\nKarabakh",
        "Nagorno-\nKarabakh\n",
        "a hyphenated name split over lines is not joined",
    ),
    (
        "emoji \u2764\ufe0f and ZWJ \U0001f469\u200d\U0001f4bb",
        "emoji \u2764\ufe0f and ZWJ \U0001f469\u200d\U0001f4bb\n",
        "ZWJ sequences kept",
    ),
    ("AT&amp;T", "AT&T\n", "HTML entities in plain text decoded by ftfy"),
]

METADATA = [
    (
        " date 2020-09-28 The President spoke.",
        "The President spoke.\n",
        {"date": "2020-09-28"},
        "glued to the text",
    ),
    ("date 2020-11-17\n\nText.", "Text.\n", {"date": "2020-11-17"}, "on a line of its own"),
    ("The date 2020-11-17 is later.", "The date 2020-11-17 is later.\n", {}, "not leading"),
    ("date 2020-13-45 Text.", "date 2020-13-45 Text.\n", {}, "not a calendar date"),
    ("Update 2020-11-17 Text.", "Update 2020-11-17 Text.\n", {}, "another word"),
]

TIDY = [
    ("", "", "empty stays empty, no newline"),
    ("\n\n  \n", "", "only white space becomes empty"),
    ("a", "a\n", "one final newline"),
    ("a\n\n\n\n", "a\n", "trailing blank lines"),
    ("\n\na", "a\n", "leading blank lines"),
    ("  a  \t", "a\n", "line edges"),
    ("a  b\t\tc\td", "a b c d\n", "runs of spaces and tabs"),
    ("p1\n\n\n\np2", "p1\n\np2\n", "at most one blank line"),
    ("p1\n\np2\nl2", "p1\n\np2\nl2\n", "paragraph breaks kept"),
]


@pytest.mark.parametrize(("text", "expected", "why"), REPAIR, ids=[c[2] for c in REPAIR])
def test_repair(text: str, expected: str, why: str) -> None:
    assert BARE.clean(text).text == expected


@pytest.mark.parametrize(
    ("text", "expected", "meta", "why"), METADATA, ids=[c[3] for c in METADATA]
)
def test_metadata(text: str, expected: str, meta: dict, why: str) -> None:
    result = BARE.clean(text)
    assert result.text == expected
    assert {k: v for k, v in result.meta.items() if k == "date"} == meta


@pytest.mark.parametrize(("text", "expected", "why"), TIDY, ids=[c[2] for c in TIDY])
def test_tidy(text: str, expected: str, why: str) -> None:
    assert BARE.clean(text).text == expected


def test_ftfy_explanation_is_kept_in_the_log() -> None:
    (change,) = [c for c in BARE.clean("Azerbaijanâ€™s").changes if c.rule == "repair.ftfy"]
    assert change.action == "fix_encoding" and change.line == 1
    assert change.note and "ftfy" in change.note
    assert change.before == "â€™" and change.after == "’"


def test_a_re_decoding_is_logged_by_the_lines_it_changed() -> None:
    text = "Azerbaijanâ€™s army\n" + "An unchanged line of the article.\n" * 50 + "the cafÃ© is open\n"
    changes = [c for c in BARE.clean(text).changes if c.rule == "repair.ftfy"]
    assert [(c.line, c.before, c.after) for c in changes] == [(1, "â€™", "’"), (52, "Ã©", "é")]
    assert all(c.note and "ftfy" in c.note for c in changes)


def test_date_moves_to_metadata_with_a_log_entry() -> None:
    result = BARE.clean(" date 2020-09-28 The President spoke.")
    (change,) = [c for c in result.changes if c.rule == "metadata.date"]
    assert change.action == "move_to_metadata" and change.line == 1
