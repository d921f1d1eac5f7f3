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
from collections.abc import Iterable, Iterator, Set

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
        fix_and_explain(doc.text)
        if ftfy_may_act(doc.text, present=_characters(doc))
        else (doc.text, [])
    )
    if fixed != doc.text:
        steps = [name for _, name in plan or []]
        encoding = any(kind in ("encode", "decode", "transcode") for kind, _ in plan or [])
        action = "fix_encoding" if encoding or ENCODING_FIXES.intersection(steps) else "normalize"
        if _only_c1_controls(doc.text, fixed):
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


# Past this many characters, ftfy's work is done over parts of the text (see _in_parts).
PART_CHARS = 1 << 20

Plan = list[ftfy.ExplanationStep]


def fix_and_explain(text: str, *, part_chars: int = PART_CHARS) -> tuple[str, Plan]:
    """``ftfy.fix_and_explain(text, config=FTFY_CONFIG)``, the same text and plan; over a
    long text, with less memory.

    ftfy turns the whole text into a new string at each of its fixers (a translation table,
    a regex substitution) and keeps the one before: four copies of a 10 MB document at
    once, and a heap glibc keeps long after. Its work is local but for a few questions about
    the whole text: are there ``<`` marks (then no HTML entities are decoded), could the
    text be mojibake (its badness regex), could it all be encoded in a single-byte encoding,
    does it hold a mojibake fragment or C1 controls, did a round change anything. So a text
    of more than ``part_chars`` characters is cut into parts before line breaks, the
    questions are answered over all the parts together, and each fix runs part by part,
    as ftfy's own loop runs them. When ftfy would encode the whole text in a single-byte
    encoding (its one whole-text fix), it runs on the whole text. tests/test_repair_parts.py
    checks what this relies on in the installed ftfy's regexes, and the outcome against
    ftfy's on generated texts with short parts. A text in one part is fixed in one round of
    ftfy's loop where a second would change nothing (:func:`_one_round`).
    """
    # The parts are handed over, not kept here: the ones a fixer changed are dropped as soon
    # as the loop is past them, not held to the end beside the fixed parts and their join.
    found = _in_parts(_parts(text, part_chars)) if len(text) > part_chars else _one_round(text)
    if found is None:
        return ftfy.fix_and_explain(text, config=FTFY_CONFIG)  # type: ignore[return-value]
    return "".join(found[0]), found[1]


def _one_round(text: str) -> tuple[list[str], Plan] | None:
    """ftfy's text and plan for ``text`` from the first round of its loop, where that round
    leaves a text no fixer acts on (a page of mojibake, decoded); None otherwise.

    ftfy's loop decodes HTML entities, fixes the encoding (until a step changes nothing),
    then runs its other fixers, and goes round again until a round changes nothing. Where
    the text after the encoding fix holds no character any other fixer acts on (the
    gate's triggers) and no entity ftfy would decode, those fixers change nothing, and a
    second round would too: its encoding fix starts with the step that ended the first
    (which left the text as it was, with no plan: only its C1 step, a trigger's, can do
    that with a plan), and nothing else acts. That round's work, a whole search of the
    badness regex and a pass of each fixer, is what is saved.
    """
    gate = _ftfy_gate()
    config = FTFY_CONFIG
    if gate is None or not config.fix_encoding:
        return None
    if config.unescape_html == "auto" and "<" in text:
        config = config._replace(unescape_html=False)
    plan: Plan = []
    fixed = text
    if config.unescape_html:
        unescaped = ftfy.FIXERS["unescape_html"](fixed)
        if unescaped != fixed:
            plan.append(ftfy.ExplanationStep("apply", "unescape_html"))
            fixed = unescaped
    fixed, steps = fix_encoding_and_explain(fixed, config)
    plan.extend(steps)
    if not _settled([fixed], gate, config):
        return None
    return [fixed], plan


def fix_encoding_and_explain(text: str, config: ftfy.TextFixerConfig) -> tuple[str, Plan]:
    """``ftfy.fix_encoding_and_explain(text, config)``: the same text and plan, where the
    gate is read from the installed ftfy (:func:`_ftfy_gate`).

    ftfy's loop runs one encoding step after another until a step changes nothing; a step
    changes nothing at once where the text is empty, ASCII or not bad (``is_bad``, a search
    of its badness regex over the whole text). That last step is the loop's costliest part
    on a page of mojibake: the decoded page is searched whole and nothing is found (about
    1.5 ms for a page of the speed corpus). Here the question is answered by
    :func:`_badness`, the same search only around the gate's rarest characters; every other
    step is ftfy's own.

    >>> fixed, plan = fix_encoding_and_explain("sÃ³", FTFY_CONFIG)
    >>> fixed, [tuple(step) for step in plan]
    ('só', [('encode', 'latin-1'), ('decode', 'utf-8')])
    """
    from ftfy import chardata

    if _ftfy_gate() is None or not config.fix_encoding:
        found = ftfy.fix_encoding_and_explain(text, config)
        return found.text, list(found.explanation)
    plan: Plan = []
    while text and not chardata.possible_encoding(text, "ascii") and _badness(text):
        before = text
        text, steps = ftfy._fix_encoding_one_step_and_explain(text, config)
        plan.extend(steps or [])
        if text == before:
            break
    return text, plan


def _settled(parts: list[str], gate: Gate, config: ftfy.TextFixerConfig) -> bool:
    """Whether ftfy's other fixers, and a next round of its loop, leave these parts (a text
    just through the encoding fix) as they are: they hold no character of the gate's
    triggers and no entity ``unescape_html`` would decode (see :func:`_one_round`). An entity
    holds no line break, so none spans two parts."""
    from ftfy import chardata

    present = set().union(*parts)
    if not gate[0].difference("&").isdisjoint(present):
        return False
    return not (
        "&" in present
        and config.unescape_html
        and any(chardata.HTML_ENTITY_RE.search(part) is not None for part in parts)
    )


def _only_c1_controls(text: str, fixed: str) -> bool:
    """``ftfy.fixes.fix_c1_controls(text) == fixed``; over a long text, a slice at a time.

    That fixer replaces each C1 control, one character, by one character, and leaves the
    rest alone (tests/test_speed_exact.py checks it of the installed ftfy): so it can be
    run on any slices of a text, and it keeps the length. Whole, a 10 MB text's fixed copy
    and the pieces it is joined from were the step's peak of memory.
    """
    fix = ftfy.fixes.fix_c1_controls
    if len(text) <= PART_CHARS:
        return fix(text) == fixed
    if len(text) != len(fixed):
        return False
    return all(
        fix(text[start : start + PART_CHARS]) == fixed[start : start + PART_CHARS]
        for start in range(0, len(text), PART_CHARS)
    )


def _parts(text: str, size: int) -> list[str] | None:
    """``text`` cut just before line breaks about every ``size`` characters, so that every
    part holds a line break and every part but the first opens with one; None for one part.

    A match of ftfy's fragment and character patterns never holds a line break, so none
    spans two parts, none is a whole part (ftfy fixes only fragments shorter than the text),
    and none starts a part after the first (whose character before is the same in the part
    as in the text).
    """
    cuts = [0]
    while (cut := text.find("\n", cuts[-1] + size)) > 0:
        cuts.append(cut)
    if len(cuts) > 1 and text.find("\n", 0, cuts[1]) < 0:
        del cuts[1]  # the first part needs a line break of its own
    if len(cuts) < 2:
        return None
    return [text[start:end] for start, end in zip(cuts, [*cuts[1:], len(text)], strict=True)]


def _in_parts(parts: list[str] | None) -> tuple[list[str], Plan] | None:
    """ftfy's ``fix_and_explain`` loop, for :data:`FTFY_CONFIG`, over the parts of a text:
    the fixed parts and the plan; None where ftfy would encode the whole text (or for no
    parts)."""
    from ftfy import FIXERS, ExplanationStep

    if parts is None:
        return None
    config = FTFY_CONFIG
    if config.normalization is not None or config.fix_line_breaks:
        return None  # not local: NFC composes across a cut, "\r" | "\n" is one break
    if config.unescape_html == "auto" and any("<" in part for part in parts):
        config = config._replace(unescape_html=False)
    plan: Plan = []

    def fixer(name: str, parts: list[str]) -> list[str]:
        if not getattr(config, name):
            return parts
        fixed = [_kept(part, FIXERS[name](part)) for part in parts]
        if not _same(fixed, parts):
            plan.append(ExplanationStep("apply", name))
        return fixed

    gate = _ftfy_gate()
    while True:
        start = parts
        parts = fixer("unescape_html", parts)
        while config.fix_encoding:
            before = parts
            found = _encoding_step(parts, config, plan)
            if found is None:
                return None
            parts = found
            if _same(parts, before):
                break
        # As in a text of one part (_one_round): where no other fixer can act, this round
        # ends here and the next would change nothing; their passes are saved.
        if config.fix_encoding and gate is not None and _settled(parts, gate, config):
            return parts, plan
        for name in FIXERS_IN_ORDER:
            parts = fixer(name, parts)
        if _same(parts, start):
            return parts, plan


# The fixers ftfy's loop runs after the encoding steps, in its order (those FTFY_CONFIG
# switches off are skipped by name, as ftfy skips them).
FIXERS_IN_ORDER = (
    "fix_c1_controls",
    "fix_latin_ligatures",
    "fix_character_width",
    "uncurl_quotes",
    "fix_line_breaks",
    "fix_surrogates",
    "remove_terminal_escapes",
    "remove_control_chars",
)


def _encoding_step(parts: list[str], config: ftfy.TextFixerConfig, plan: Plan) -> list[str] | None:
    """One of ftfy's encoding steps over the parts (its ``_fix_encoding_one_step``): the
    parts unchanged, fixed, or None where the whole text could be single-byte mojibake."""
    from ftfy import ExplanationStep, chardata, fixes

    if not any(parts) or all(chardata.possible_encoding(part, "ascii") for part in parts):
        return parts
    if not _bad(parts):
        return parts
    if any(
        all(chardata.possible_encoding(part, encoding) for part in parts)
        for encoding in chardata.CHARMAP_ENCODINGS
    ):
        return None  # ftfy would encode the whole text: let it
    if config.decode_inconsistent_utf8 and any(
        chardata.UTF8_DETECTOR_RE.search(part) for part in parts
    ):
        fixed = [_kept(part, fixes.decode_inconsistent_utf8(part)) for part in parts]
        if not _same(fixed, parts):
            plan.append(ExplanationStep("apply", "decode_inconsistent_utf8"))
            return fixed
    # (ftfy's Latin-1 step needs a single-byte encoding of the whole text: none, here)
    if config.fix_c1_controls and any(chardata.C1_CONTROL_RE.search(part) for part in parts):
        plan.append(ExplanationStep("transcode", "fix_c1_controls"))
        return [_kept(part, fixes.fix_c1_controls(part)) for part in parts]
    return parts


def _bad(parts: list[str]) -> bool:
    """``ftfy.badness.is_bad`` of the whole text, a search of its badness regex, over the
    parts: each part, and the characters on either side of each cut.

    The regex's matches are at most :data:`BADNESS_WIDTH` characters long and look at nothing
    around them but for ``^``, the start of the text. So a part after the first is searched
    from its second character (its first, a line break, is not the text's start), and a
    match there or across a cut is found in the characters about the cut, searched from the
    second one unless they open the text.
    """
    from ftfy.badness import BADNESS_RE

    search = BADNESS_RE.search
    if any(search(part, 1 if number else 0) for number, part in enumerate(parts)):
        return True
    width = BADNESS_WIDTH
    for cut in range(1, len(parts)):
        before = after = ""  # ``width`` characters before the cut and after it
        first = cut
        while first > 0 and len(before) < width:
            first -= 1
            before = parts[first][-width:] + before
        for part in parts[cut:]:
            after += part[:width]
            if len(after) >= width:
                break
        # Whether these are the text's first characters (where ``^`` matches).
        opens = first == 0 and sum(map(len, parts[:cut])) <= width
        if search(before[-width:] + after[:width], 0 if opens else 1):
            return True
    return False


# The longest match of ftfy's badness regex (checked in tests/test_repair_parts.py).
BADNESS_WIDTH = 7


def _kept(part: str, fixed: str) -> str:
    """``fixed``, or ``part`` itself where they are equal (an unchanged part is not kept
    twice: a translation makes a new string even when it changes nothing)."""
    return part if fixed == part else fixed


def _same(parts: list[str], others: list[str]) -> bool:
    """Whether two lists of parts make the same text."""
    if parts is others:
        return True
    if len(parts) == len(others) and all(map(_same_length, parts, others)):
        return parts == others
    if sum(map(len, parts)) != sum(map(len, others)):
        return False
    # Compared a stretch at a time, never joined: two joined copies of a 10 MB text were
    # the step's peak of memory.
    ours, theirs = iter(parts), iter(others)
    one = two = ""
    done_one = done_two = 0  # how much of ``one`` and ``two`` is compared
    while True:
        if done_one == len(one):
            found = next(ours, None)
            if found is None:
                return True  # all compared: the lengths are equal, what is left is empty
            one, done_one = found, 0
        elif done_two == len(two):
            two, done_two = next(theirs), 0
        else:
            size = min(len(one) - done_one, len(two) - done_two)
            if one[done_one : done_one + size] != two[done_two : done_two + size]:
                return False
            done_one += size
            done_two += size


def _same_length(one: str, other: str) -> bool:
    return len(one) == len(other)


def _characters(doc: Document) -> frozenset[str]:
    """What the gates of :func:`run` read of the characters of the document's current text
    (computed once per version of it): :func:`_gate_characters` of it.
    """
    return doc.memo("characters", _gate_characters)


def _gate_characters(text: str) -> frozenset[str]:
    """The characters of ``text`` that some gate of :func:`run` names, with the ASCII
    characters only ftfy's badness alternatives name, present or not.

    A gate asks whether a set of characters meets the text's. For the repair sets, ftfy's
    triggers and the rarest characters that answer is the same as with ``set(text)``: every
    character of theirs is found. The alternatives' ASCII letters, space and ``!,.?`` are
    taken as present (nearly every text has them): that can only turn :func:`ftfy_may_act`'s
    look at the alternatives from "no" to "yes", and past it the badness search decides. So
    the answers are ``set(text)``'s; a search for the named characters (curly quotes,
    accented letters: a few in most texts) costs a third of a set of all of them on the
    speed corpus (0.03 against 0.08 ms a document), two thirds on the Scrapinghub pages.

    >>> sorted(_gate_characters("Ａ “x”\\r") - _gate_characters("plain"))
    ['\\r', '“', '”', 'Ａ']
    """
    named, assumed = _named_characters()
    return assumed.union(named.findall(text))


@functools.cache
def _named_characters() -> tuple[re.Pattern[str], frozenset[str]]:
    """A pattern for the characters :func:`_gate_characters` looks for, and the ASCII
    characters it takes as present."""
    exact = LINE_ENDINGS | CONTROL_SET | FULLWIDTH_SET | SURROGATE_SET | INVISIBLE_SET
    assumed: frozenset[str] = frozenset()
    gate = _ftfy_gate()
    if gate is not None:
        triggers, alternatives, rarest = gate
        exact |= triggers | rarest
        named = frozenset().union(*(chars for sets in alternatives for chars in sets))
        assumed = frozenset(char for char in named - exact if char.isascii())
        exact |= named - assumed
    return re.compile(_class_of(exact)), assumed


def _class_of(chars: Iterable[str]) -> str:
    """A regex character class of ``chars``, as ranges of consecutive code points.

    >>> _class_of("abcx-")
    '[\\\\-a-cx]'
    """
    codes = sorted(map(ord, chars))
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (
        re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last > first else "")
        for first, last in ranges
    )
    return "[" + "".join(parts) + "]"


def ftfy_may_act(text: str, *, present: Set[str] | None = None) -> bool:
    """Whether ``ftfy.fix_and_explain(text, FTFY_CONFIG)`` could change ``text``.

    False only when no fixer can act: every fixer but the mojibake one acts on characters of
    its own (an entity's ``&``, a ligature, a control character), and the mojibake one acts
    only where ftfy's badness regex matches. An ``&`` opens no entity where ftfy's entity
    pattern finds none, or where a ``<`` switches ftfy's unescaping off. The badness regex
    needs, in each of its alternatives, a character of a set that ftfy lists; where the text
    has them, it is searched only around its rarest ones (:func:`_badness`). Running ftfy on
    text that passes this gate gives the text back unchanged (``tests/test_speed_gates.py``
    checks it over every code point). ``present`` is ``set(text)``, when the caller has it
    already, or what :func:`_gate_characters` gives: the same answer.

    >>> ftfy_may_act("The army said on Monday."), ftfy_may_act("Azerbaijanâ€™s")
    (False, True)
    >>> ftfy_may_act("AT&T said “no” to Zürich"), ftfy_may_act("AT&amp;T")
    (False, True)
    """
    gate = _ftfy_gate()
    if gate is None:
        return True
    triggers, alternatives, rarest = gate
    if present is None:
        present = set(text)
    if not triggers.isdisjoint(present) and (
        "&" not in present or len(triggers.intersection(present)) > 1 or _unescapes(text)
    ):
        return True
    # Every alternative needs a character of its rarest set: most texts have none of them.
    if rarest.isdisjoint(present):
        return False
    # The badness regex matches only if, in some alternative, every witness set meets the text.
    if not any(all(not chars.isdisjoint(present) for chars in sets) for sets in alternatives):
        return False
    return _badness(text)


def _unescapes(text: str) -> bool:
    """Whether ftfy's ``unescape_html`` could change ``text``: it substitutes matches of its
    entity pattern, and does not run where ``"auto"`` meets a ``<``."""
    from ftfy import chardata

    setting = FTFY_CONFIG.unescape_html
    if not setting or (setting == "auto" and "<" in text):
        return False
    return chardata.HTML_ENTITY_RE.search(text) is not None


def _badness(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, searched only around the rarest characters.

    Every match of the badness regex holds one of the gate's rarest characters, is at most
    :data:`BADNESS_WIDTH` characters long and looks at nothing around it but for ``^`` (the
    text's start, which a search from a later position never takes for it): so it lies
    within ``BADNESS_WIDTH - 1`` characters of such a character, and a search of those
    stretches finds a match where the whole text has one, and only then. Most texts hold a
    few curly quotes or accented letters among thousands of characters; where they are
    dense (Cyrillic, Greek), the stretches join into one.
    """
    from ftfy.badness import BADNESS_RE

    search = BADNESS_RE.search
    reach = BADNESS_WIDTH - 1
    size = len(text)
    for run in _rarest_runs().finditer(text):
        if search(text, max(0, run.start() - reach), min(size, run.end() + reach)):
            return True
    return False


@functools.cache
def _rarest_runs() -> re.Pattern[str]:
    """Runs of the gate's rarest characters, fewer than ``2 * BADNESS_WIDTH - 1`` other
    characters apart (so the stretches around two runs never overlap)."""
    gate = _ftfy_gate()
    assert gate is not None
    chars = "".join(sorted(gate[2]))
    one = "[" + "".join(map(re.escape, chars)) + "]"
    other = "[^" + one[1:]
    return re.compile(f"{one}(?:{other}{{0,{2 * BADNESS_WIDTH - 2}}}{one})*")


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
