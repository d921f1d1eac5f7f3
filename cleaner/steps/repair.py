"""Repair the character layer: line endings, mojibake (ftfy), NFC, invisible characters.

Each repair is logged on its own. Line endings, ftfy and NFC are whole-document changes
(line ``None``); removed invisible characters and replaced no-break spaces are logged where
they were. Nothing here decodes backslash escapes (``C:\\new\\table`` is not mojibake) or
joins lines (a name hyphenated across a line break stays as it is).

>>> from cleaner.api import Cleaner
>>> Cleaner(default_rules=False).clean("Azerbaijanâ€™s\\u00a0army\\r\\n").text
'Azerbaijan’s army\\n'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator

import ftfy
import ftfy.fixes
import regex

from cleaner.document import LINE_BREAK, Batch, Document, Edit, Rewrite
from cleaner.options import Context

# ftfy repairs encoding; everything it would do beyond that belongs to another step with its
# own log entry: quote style (quotes step), line breaks (just above it, so line numbers
# hold), and NFC (below, logged separately).
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_character_width=False,  # fullwidth ，：～ are right in Chinese and Japanese: see WIDTH
    normalization=None,
    explain=True,
)

# ftfy explanation steps that mean text was re-decoded. fix_c1_controls is not one: it swaps
# single C1 control characters for the Windows-1252 characters they stand for ("\x85" to
# "…"), which is character-level normalization, and leaves the rest of the text alone.
ENCODING_FIXES = frozenset(
    {"decode_inconsistent_utf8", "restore_byte_a0", "replace_lossy_sequences", "fix_surrogates"}
)

# Zero-width and soft-hyphen characters that carry no meaning in plain text. ZWJ and ZWNJ
# (U+200D, U+200C) are kept: emoji sequences and Persian or Indic spelling need them.
CONTROL_CHARACTERS = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]+")
FULLWIDTH = regex.compile(r"[\uff01-\uff5e]+")
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
LETTER = regex.compile(r"\p{L}")
LONE_SURROGATE = regex.compile(r"[\ud800-\udfff]")
INVISIBLE = regex.compile(r"[\u200b\u2060\ufeff\u00ad\u180e]+")


# The characters each pattern above matches, one at a time: a pattern finds nothing in a text
# that holds none of them, so its pass over the text is skipped (the sets are checked against
# the patterns over every code point in tests/test_speed_gates.py). Line endings change only
# where there is a \r, U+2028 or U+2029 (a \n stays a \n).
LINE_ENDINGS = frozenset("\r\u2028\u2029")
CONTROL_SET = frozenset(map(chr, (*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F)))
FULLWIDTH_SET = frozenset(map(chr, range(0xFF01, 0xFF5F)))
SURROGATE_SET = frozenset(map(chr, range(0xD800, 0xE000)))
INVISIBLE_SET = frozenset("\u200b\u2060\ufeff\u00ad\u180e")


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    # Most texts hold none of the characters a repair acts on: the set of a text's characters
    # (one per version of the text) tells which passes can find something.
    if not LINE_ENDINGS.isdisjoint(_characters(doc)):
        text = LINE_BREAK.sub("\n", doc.text)
        yield Rewrite(text, "repair.line-endings", "normalize")

    # The control characters ftfy would drop, dropped here one by one so the log shows each
    # (a NUL inside a JSONL text, a stray escape code).
    if not CONTROL_SET.isdisjoint(_characters(doc)):
        yield [
            Edit(m.start(), m.end(), "", "repair.control-characters", "remove")
            for m in CONTROL_CHARACTERS.finditer(doc.text)
        ]

    fixed, plan = (
        ftfy.fix_and_explain(doc.text, config=FTFY_CONFIG)
        if ftfy_may_act(doc.text, present=_characters(doc))
        else (doc.text, [])
    )
    if fixed != doc.text:
        steps = [name for _, name in plan or []]
        encoding = any(kind in ("encode", "decode", "transcode") for kind, _ in plan or [])
        action = "fix_encoding" if encoding or ENCODING_FIXES.intersection(steps) else "normalize"
        if ftfy.fixes.fix_c1_controls(doc.text) == fixed:
            action = "normalize"  # ftfy may call it inconsistent UTF-8; it was only C1 controls
        note = ", ".join(f"{kind} {name}" for kind, name in plan or [])
        yield Rewrite(fixed, "repair.ftfy", action, note=f"ftfy: {note}")

    # Fullwidth forms of ASCII (Ｈｅｌｌｏ，１２) are damage in a text that is not Chinese,
    # Japanese or Korean; in those, fullwidth punctuation and digits are the convention.
    # (Counting the letters is the costly part: only done where there is something to narrow.)
    if not FULLWIDTH_SET.isdisjoint(_characters(doc)):
        wide = list(FULLWIDTH.finditer(doc.text))
        if wide and not _mostly_cjk(doc.text):
            yield [
                Edit(m.start(), m.end(), _narrow(m[0]), "repair.width", "normalize") for m in wide
            ]

    # A lone surrogate (from a JSON escape such as "\ud800") is no character at all.
    if not SURROGATE_SET.isdisjoint(_characters(doc)):
        yield [
            Edit(m.start(), m.end(), "\ufffd", "repair.lone-surrogate", "replace")
            for m in LONE_SURROGATE.finditer(doc.text)
        ]

    # is_normalized is normalize(...) == text, answered from a quick check where it can be.
    if not unicodedata.is_normalized("NFC", doc.text):
        yield Rewrite(unicodedata.normalize("NFC", doc.text), "repair.nfc", "normalize")

    if not INVISIBLE_SET.isdisjoint(_characters(doc)):
        yield [
            Edit(m.start(), m.end(), "", "repair.invisible", "remove")
            for m in INVISIBLE.finditer(doc.text)
        ]


def _characters(doc: Document) -> set[str]:
    """The characters of the document's current text (computed once per version of it)."""
    return doc.memo("characters", set)


def ftfy_may_act(text: str, *, present: set[str] | None = None) -> bool:
    """Whether ``ftfy.fix_and_explain(text, FTFY_CONFIG)`` could change ``text``.

    False only when no fixer can act: every fixer but the mojibake one acts on characters of
    its own (an entity's ``&``, a ligature, a control character), and the mojibake one acts
    only where ftfy's badness regex matches, which needs, in each of its alternatives, a
    character of a set that ftfy lists. Running ftfy on text that passes this gate gives the
    text back unchanged (``tests/test_speed_gates.py`` checks it over every code point).
    ``present`` is ``set(text)``, when the caller has it already.

    >>> ftfy_may_act("The army said on Monday."), ftfy_may_act("Azerbaijanâ€™s")
    (False, True)
    """
    gate = _ftfy_gate()
    if gate is None:
        return True
    triggers, alternatives, rarest = gate
    if present is None:
        present = set(text)
    if not triggers.isdisjoint(present):
        return True
    # Every alternative needs a character of its rarest set: most texts have none of them.
    if rarest.isdisjoint(present):
        return False
    # The badness regex matches only if, in some alternative, every witness set meets the text.
    return any(all(not chars.isdisjoint(present) for chars in sets) for sets in alternatives)


Gate = tuple[frozenset[str], tuple[tuple[frozenset[str], ...], ...], frozenset[str]]


@functools.cache
def _ftfy_gate() -> Gate | None:
    """What :func:`ftfy_may_act` looks for, read from the installed ftfy once.

    ``(triggers, alternatives, rarest)``: the characters a fixer acts on by themselves; for
    each alternative of ftfy's badness regex the character sets of its single-character items
    (each alternative needs one character of every such set); and the union of each
    alternative's rarest set (a text with none of these matches no alternative). None
    (always run ftfy) when the configuration or the regex is not of the shape this reasoning
    covers.
    """
    from ftfy import badness, chardata

    config = FTFY_CONFIG
    if (
        config.fix_character_width
        or config.uncurl_quotes
        or config.fix_line_breaks
        or config.normalization is not None
        or badness.BADNESS_RE.flags & re.IGNORECASE
    ):
        return None
    try:
        alternatives = _alternatives(badness.BADNESS_RE)
    except (ImportError, AttributeError, TypeError, ValueError, IndexError):
        return None  # re's private parser changed (another Python): no gate, ftfy always runs
    if alternatives is None or not all(alternatives):
        return None
    triggers = {
        "&",  # unescape_html: every entity starts with it
        "\x1b",  # remove_terminal_escapes
        *map(chr, chardata.CONTROL_CHARS),  # remove_control_chars
        *map(chr, chardata.LIGATURES),  # fix_latin_ligatures
        *map(chr, range(0x80, 0xA0)),  # fix_c1_controls
        *map(chr, range(0xD800, 0xE000)),  # fix_surrogates
    }
    rarest = frozenset().union(*(min(sets, key=_commonness) for sets in alternatives))
    return frozenset(triggers), alternatives, rarest


def _commonness(chars: frozenset[str]) -> tuple[int, int]:
    """How likely a text is to hold one of ``chars``, roughly: ASCII counts most, then quotes
    and dashes, then the rest of Latin-1 and accented Latin letters, then anything else."""
    return sum(map(_weight, chars)), len(chars)


def _weight(char: str) -> int:
    if char.isascii():
        return 100
    if "\u2010" <= char <= "\u2027":  # dashes, curly quotes, bullets, ellipsis
        return 50
    return 10 if "\u00a0" <= char <= "\u017f" else 1


def _alternatives(
    pattern: re.Pattern[str],
) -> tuple[tuple[frozenset[str], ...], ...] | None:
    """For each top-level alternative of ``pattern``, the sets of its items that match one
    character from a finite list (literals and classes of literals and ranges)."""
    from re import _constants as sre
    from re import _parser as parser

    tree = parser.parse(pattern.pattern, pattern.flags)
    if len(tree.data) != 1 or tree.data[0][0] is not sre.BRANCH:
        return None
    result = []
    for branch in tree.data[0][1][1]:
        sets = tuple(
            frozenset(found) for found in map(_one_character, branch.data) if found is not None
        )
        result.append(sets)
    return tuple(result)


def _one_character(item: tuple[object, object]) -> Iterable[str] | None:
    """The characters a parsed regex item matches, if it matches exactly one character from a
    finite list; else None (repeats, negated classes, categories, anchors...)."""
    from re import _constants as sre

    op, value = item
    if op is sre.LITERAL:
        return chr(value)  # type: ignore[arg-type]
    if op is not sre.IN:
        return None
    chars: list[str] = []
    for kind, arg in value:  # type: ignore[attr-defined]
        if kind is sre.LITERAL:
            chars.append(chr(arg))
        elif kind is sre.RANGE:
            chars.extend(map(chr, range(arg[0], arg[1] + 1)))
        else:
            return None
    return chars


def _narrow(run: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) for c in run)


def _mostly_cjk(text: str) -> bool:
    """Chinese, Japanese or Korean letters are at least a fifth of the letters."""
    cjk = len(CJK.findall(text))
    return cjk > 0 and cjk * 5 >= len(LETTER.findall(text))
