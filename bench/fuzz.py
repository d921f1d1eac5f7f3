"""Fuzz the cleaner: random bytes, mutated seeds, random JSONL through the CLI, random rules.

    python bench/fuzz.py [--inputs 20000] [--seed 0] [--minutes 9] [--json] [--save DIR]

Four families of generated inputs, each reported on its own:

``bytes``  random bytes (0..2000 long), often built from UTF-8 fragments, BOMs, NUL, C1
           controls, CR/LF mixes, CESU-encoded lone surrogates, truncated multi-byte
           sequences and BOM-less UTF-16, cleaned in-process with ``Cleaner().clean``;
``seeds``  the texts of ``seeds/*.txt`` and the shared ftfy test cases, mutated (byte flips,
           quote marks, mojibake, zero-width characters, combining marks, no-break spaces,
           duplicated lines, deleted newlines, long runs, non-Latin snippets), in-process;
``jsonl``  random JSONL lines (any JSON value, deep nesting, huge numbers, NaN, lone
           surrogate escapes, NUL, wrong or missing ``text``, invalid JSON or UTF-8) in
           batches of about 500 lines through ``cleaner clean FILE.jsonl --out DIR --jobs 1``;
``rules``  random TOML rule files of every kind (random and catastrophic regexes, wrong
           keys and values) loaded with ``load_rules``, then used to clean a few texts.

Counted per family: crashes (an exception escaping ``clean``/``load_rules`` other than
``RuleError``, or a CLI exit code outside {0, 1}, a traceback on stderr, or a manifest or
output that does not account for every line), hangs (over 10 s of CPU for one call, or no
progress for 30 s of wall time: the in-process work runs in a forked child that a watchdog
kills and restarts with the next input), non-idempotent outputs (``clean(r.text).text !=
r.text``), internal errors (``result.error_kind == "internal"``) and input errors by reason.
Every random choice comes from ``random.Random`` seeded from ``--seed``: input ``i`` of a
family is generated from its own ``Random(f"{seed}/{family}/{i}")``, so a run can be
repeated, and any input regenerated, exactly. Reproducers of the first few findings of each
kind are written to ``--save`` (default: a new temporary folder). Exit 0 if no crash, hang,
non-idempotent output or internal error was found, else 1.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import multiprocessing
import multiprocessing.connection
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FTFY_CASES = Path("/work/shared/bench/ftfy-cases")
VENV_BIN = Path(sys.executable).parent
CLEANER_CMD = str(VENV_BIN / "cleaner") if (VENV_BIN / "cleaner").exists() else "cleaner"

FAMILIES = ("bytes", "seeds", "jsonl", "rules")
# Share of --inputs given to each family, and share of --minutes it may use (time left over
# by a family that finishes early passes on to the next).
INPUT_SHARE = {"bytes": 0.30, "seeds": 0.35, "jsonl": 0.25, "rules": 0.10}
TIME_SHARE = {"bytes": 0.10, "seeds": 0.45, "jsonl": 0.30, "rules": 0.15}
# The slowest family runs last, so it also gets the time the others leave over.
RUN_ORDER = ("bytes", "rules", "jsonl", "seeds")
JSONL_BATCH = 500
HANG_CPU = 10.0  # seconds of CPU for one call
WATCHDOG = 30.0  # seconds of wall time without progress before the child is killed
KEEP = 3  # reproducers kept per (family, kind, reason)
KEEP_MAX = 12  # and per (family, kind)
MEMORY_LIMIT = [4.0]  # GiB of address space for each child (--memory-gb; 0: no limit)
FINDINGS = ("crash", "hang", "nonidem", "internal")

# --- material ------------------------------------------------------------------------------

SNIPPETS = {
    "armenian": "Հայաստանի վարչապետ Նիկոլ Փաշինյանը հայտարարեց, որ Արցախը",
    "cyrillic": "Президент Азербайджана Ильхам Алиев заявил «мы на своей земле»",
    "cjk": "阿塞拜疆总统阿利耶夫表示，纳戈尔诺-卡拉巴赫的局势「紧张」。日本語のテキスト",
    "arabic": "قال الرئيس الأذربيجاني إلهام علييف إن «القتال» مستمر",
    "georgian": "საქართველოს პრეზიდენტი „განცხადება“",
    "azeri": "Azərbaycan Prezidenti İlham Əliyev bəyan etdi",
    "hebrew": "בהודעה של ראש הממשלה",
    "greek": "Ο πρόεδρος δήλωσε «όχι»",
    "devanagari": "प्रधानमंत्री ने कहा",
    "thai": "นายกรัฐมนตรีกล่าวว่า",
    "emoji": "👩\u200d👩\u200d👧 🇦🇲🇦🇿 ❤\ufe0f 😀",
    "bidi": "\u202eevil\u202c \u200fRTL\u200e \u2066iso\u2069",
}
PHRASES = [
    "[ad_1]", "[ad_2]", "Leave a Reply", "Your email address will not be published.",
    "READ MORE", "Read more:", "Photo: AP", "Share this:", "date 2020-09-28 ",
    "They signed on November10 , 2020.", "Nagorno Karabakh", "Nagorno-Karabakh", "Aliev",
    "Ilham Aliev of Azerbaijan said « no » , twice.", "this, “he said", "Artesian",
    "Pashinian", "Bahamian President", "Stepanakert", "Shushi", "Azerbaijanâ€™s",
    "Comment *", "Name *", "Email *", "Website", "Related posts", "Tags: war, peace",
    "the president said. The President said.", "Subscribe to our channel!", "ALIEV",
    "’", "“", "”", "«", "»", "'", '"', " ,", " .", "...", "—", "–", ":", "\t", "caf\u00e9",
]
QUOTE_MARKS = ["«", "»", "“", "”", "‘", "’", "„", '"', "'", "‹", "›", "‚", "「", "」", "`", "´"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060", "\u180e", "\u200e"]
COMBINING = ["\u0301", "\u0308", "\u0327", "\u0300", "\u0323", "\u0338", "\u20dd", "\u0489"]
SPACES = ["\u00a0", "\u202f", "\u2007", "\u2009", "\u3000", "\u2028", "\u2029", "\u0085"]
RUN_CHARS = ["a", " ", ".", '"', "«", "-", "\n", "’", "Ա", "\u00a0", "\u200b", "!", "\t",
             "\u0301", "\r", "x\n", "a ", "’s ", "« ", "\n\n"]
BOMS = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"]
SIGNATURES = [b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"PK\x03\x04",
              b"\x1f\x8b", b"BZh", b"\x7fELF", b"SQLite format 3\x00"]
LEGACY = ["cp1252", "latin-1", "cp1251", "koi8-r", "shift_jis", "gbk", "cp1250", "iso8859-7",
          "mac_roman", "cp437", "big5", "euc-kr"]


def load_corpus() -> list[str]:
    """The seed texts, their lines, and the ftfy cases' strings (read-only)."""
    texts: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        texts.append(text)
        texts.extend(line for line in text.splitlines() if line.strip())
    if FTFY_CASES.is_dir():
        for path in sorted(FTFY_CASES.glob("*.json")):
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, list):
                    for case in data:
                        for key in ("original", "fixed"):
                            if isinstance(case, dict) and isinstance(case.get(key), str):
                                texts.append(case[key])
    return texts or ["Hello, world."]


CORPUS: list[str] = []


def corpus() -> list[str]:
    if not CORPUS:
        CORPUS.extend(load_corpus())
    return CORPUS


# --- family 1: random bytes ----------------------------------------------------------------


def _rand_char(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
        return chr(rng.randrange(0x20, 0x7F))
    if r < 0.6:
        return chr(rng.randrange(0xA0, 0x800))
    if r < 0.8:
        cp = rng.randrange(0x800, 0x10000)
        return chr(cp) if not 0xD800 <= cp < 0xE000 else "\ufffd"
    if r < 0.95:
        return chr(rng.randrange(0x10000, 0x110000))
    return chr(rng.randrange(0, 0x20))


def _snippet(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.45:
        text = rng.choice(corpus())
        start = rng.randrange(len(text) + 1)
        return text[start : start + rng.randrange(1, 300)]
    if r < 0.7:
        return rng.choice(list(SNIPPETS.values()))
    if r < 0.85:
        return rng.choice(PHRASES)
    return "".join(_rand_char(rng) for _ in range(rng.randrange(1, 30)))


def _byte_atom(rng: random.Random) -> bytes:
    r = rng.randrange(16)
    if r <= 3:
        return _snippet(rng).encode("utf-8")
    if r == 4:
        return rng.choice(BOMS)
    if r == 5:
        return b"\x00" * rng.choice([1, 1, 1, 2, 7])
    if r == 6:  # C1 controls, raw or as UTF-8
        c1 = rng.randrange(0x80, 0xA0)
        return bytes([c1]) if rng.random() < 0.5 else chr(c1).encode("utf-8")
    if r == 7:
        return rng.choice([b"\r\n", b"\r", b"\n", b"\n\r", b"\r\r\n", b"\n\n", b"\r\n\r\n"])
    if r == 8:  # lone surrogates as CESU / "WTF-8" bytes, or a CESU-encoded astral pair
        if rng.random() < 0.7:
            return chr(rng.randrange(0xD800, 0xE000)).encode("utf-8", "surrogatepass")
        cp = rng.randrange(0x10000, 0x110000) - 0x10000
        high, low = 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)
        return (chr(high) + chr(low)).encode("utf-8", "surrogatepass")
    if r == 9:  # truncated multi-byte sequence
        encoded = chr(rng.randrange(0x80, 0x110000) if rng.random() < 0.5 else 0x2019)
        data = encoded.encode("utf-8", "surrogatepass")
        return data[: rng.randrange(1, len(data))] if len(data) > 1 else b"\xc3"
    if r == 10:  # UTF-16/32 without BOM
        encoding = rng.choice(["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
        return _snippet(rng).encode(encoding, "surrogatepass")
    if r == 11:  # invalid and overlong
        return rng.choice([b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf5", b"\xff", b"\xfe", b"\xc1\xbf",
                           b"\xf8\x88\x80\x80\x80", b"\x80", b"\xbf", b"\xf4\x90\x80\x80"])
    if r == 12:
        return _snippet(rng).encode(rng.choice(LEGACY), errors="replace")
    if r == 13:
        return bytes([rng.choice([*range(1, 9), *range(11, 32), 127])])
    if r == 14:
        return rng.choice(SIGNATURES)
    return bytes(rng.getrandbits(8) for _ in range(rng.randrange(1, 12)))


def gen_bytes(rng: random.Random) -> bytes:
    length = rng.choice([rng.randrange(0, 16), rng.randrange(0, 200), rng.randrange(0, 2001)])
    mode = rng.random()
    if mode < 0.15:
        return bytes(rng.getrandbits(8) for _ in range(length))
    if mode < 0.3:  # one whole text in one encoding, maybe with a BOM, a few stray bytes
        text = "\n".join(_snippet(rng) for _ in range(rng.randrange(1, 8)))
        encoding = rng.choice(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", *LEGACY])
        data = text.encode(encoding, errors="replace")
        if rng.random() < 0.3:
            data = rng.choice(BOMS) + data
        data = bytearray(data[: max(length, 1) * 2])
        for _ in range(rng.randrange(0, 3)):
            if data:
                data[rng.randrange(len(data))] = rng.getrandbits(8)
        return bytes(data)
    parts: list[bytes] = []
    if rng.random() < 0.2:
        parts.append(rng.choice(BOMS))
    size = sum(len(p) for p in parts)
    while size < length:
        atom = _byte_atom(rng)
        parts.append(atom)
        size += len(atom)
    return b"".join(parts)[:length]


# --- family 2: mutated seeds ---------------------------------------------------------------


def _mojibake(text: str, rng: random.Random) -> str:
    data = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.3:
        return data.decode("latin-1")
    # Windows-1252 where it defines the byte, Latin-1 where it does not ("sloppy" cp1252).
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or bytes([b]).decode("latin-1")
        for b in data
    )


def _insert(text: str, rng: random.Random, piece: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + piece + text[at:]


def _mutate_text(text: str, rng: random.Random) -> str:
    r = rng.randrange(20)
    if r == 0:
        return _insert(text, rng, rng.choice(QUOTE_MARKS))
    if r == 1:  # quote marks around a word, possibly flipped, with spaces
        a, b = rng.choice(QUOTE_MARKS), rng.choice(QUOTE_MARKS)
        return _insert(text, rng, rng.choice([f"{a} word {b}", f"{a}word{b}", f" {b}{a} "]))
    if r == 2 and text:  # mojibake of a slice (sometimes twice)
        i = rng.randrange(len(text))
        j = min(len(text), i + rng.randrange(1, 200))
        bad = _mojibake(text[i:j], rng)
        if rng.random() < 0.2:
            bad = _mojibake(bad, rng)
        return text[:i] + bad + text[j:]
    if r == 3:
        return _insert(text, rng, rng.choice(ZERO_WIDTH) * rng.choice([1, 1, 2, 50]))
    if r == 4:
        return _insert(text, rng, "".join(rng.choices(COMBINING, k=rng.choice([1, 2, 3, 40]))))
    if r == 5:
        return _insert(text, rng, rng.choice(SPACES))
    if r == 6:  # duplicate a line
        lines = text.split("\n")
        k = rng.randrange(len(lines))
        lines.insert(rng.randrange(len(lines) + 1), lines[k])
        return "\n".join(lines)
    if r == 7:  # delete newlines
        if rng.random() < 0.3:
            return text.replace("\n", rng.choice(["", " "]))
        at = text.find("\n", rng.randrange(len(text) + 1))
        return text if at < 0 else text[:at] + text[at + 1 :]
    if r == 8:
        run = rng.choice([rng.randrange(50, 500), rng.randrange(500, 5000), 20000])
        return _insert(text, rng, rng.choice(RUN_CHARS) * run)
    if r == 9:
        return _insert(text, rng, rng.choice(list(SNIPPETS.values())))
    if r == 10:
        return _insert(text, rng, rng.choice(PHRASES))
    if r == 11:  # line endings
        return text.replace("\n", rng.choice(["\r\n", "\r", "\n\r", "\u2028", "\x85"]))
    if r == 12 and text:  # cut
        i, j = sorted(rng.randrange(len(text) + 1) for _ in range(2))
        return text[:i] + text[j:] if rng.random() < 0.5 else text[i:j]
    if r == 13:  # splice another corpus text in
        return _insert(text, rng, "\n" + rng.choice(corpus()) + "\n")
    if r == 14:
        return _insert(text, rng, chr(rng.randrange(0x80, 0xA0)))  # C1 control as text
    if r == 15:
        return _insert(text, rng, rng.choice(["\x00", "\x0b", "\x0c", "\x1b", "\x7f", "\ufffd"]))
    if r == 16 and rng.random() < 0.25:  # lone surrogate in the str (rare)
        return _insert(text, rng, chr(rng.randrange(0xD800, 0xE000)))
    if r == 17:  # swap case / shuffle lines
        lines = text.split("\n")
        rng.shuffle(lines)
        return "\n".join(lines)
    if r == 18:
        return _insert(text, rng, " " * rng.randrange(1, 40) + rng.choice([",", ".", "!", "?"]))
    return _insert(text, rng, "".join(_rand_char(rng) for _ in range(rng.randrange(1, 10))))


def _mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randrange(1, 6)):
        r = rng.randrange(5)
        if r == 0 and buf:
            buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
        elif r == 1 and buf:
            buf[rng.randrange(len(buf))] = rng.getrandbits(8)
        elif r == 2:
            at = rng.randrange(len(buf) + 1)
            buf[at:at] = _byte_atom(rng)
        elif r == 3 and buf:
            at = rng.randrange(len(buf))
            del buf[at : at + rng.randrange(1, 4)]
        elif buf:
            del buf[rng.randrange(len(buf)) :]
    return bytes(buf)


def gen_seed(rng: random.Random) -> str | bytes:
    texts = corpus()
    text = rng.choice(texts)
    if rng.random() < 0.2:
        text += "\n" + rng.choice(texts)
    for _ in range(rng.choice([1, 1, 2, 3, 5, 8])):
        text = _mutate_text(text, rng)
    r = rng.random()
    if r < 0.65:
        return text
    if r < 0.85:
        return _mutate_bytes(text.encode("utf-8", "surrogatepass"), rng)
    if r < 0.92:
        return text.encode("utf-8", "surrogatepass")
    encoding = rng.choice(["utf-8-sig", "utf-16", "cp1252", "latin-1"])
    return text.encode(encoding, errors="replace")


# --- family 3: JSONL lines -----------------------------------------------------------------


def _json_string(rng: random.Random) -> str:
    """A JSON string token (with its quotes), possibly with escapes json.dumps never writes."""
    r = rng.random()
    if r < 0.5:
        return json.dumps(_short_text(rng), ensure_ascii=rng.random() < 0.3)
    body = json.dumps(_short_text(rng), ensure_ascii=True)[1:-1]
    escapes = ["\\ud800", "\\udfff", "\\udc00x", "\\ud83d\\ude00", "\\ude00\\ud83d", "\\u0000",
               "\\u0085", "\\u2028", "\\ufeff", "\\uffff", "\\ud800\\ud800", "\\/", "\\b\\f"]
    for _ in range(rng.randrange(1, 4)):
        at = rng.randrange(len(body) + 1)
        while at > 0 and body[at - 1] == "\\":  # do not split an escape
            at -= 1
        body = body[:at] + rng.choice(escapes) + body[at:]
    return '"' + body + '"'


def _short_text(rng: random.Random) -> str:
    text = gen_seed(rng)
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return text[: rng.choice([50, 300, 2000, 20000])]


def _json_value(rng: random.Random, depth: int = 0) -> str:
    """Any JSON value as text, including tokens Python accepts but JSON does not (NaN)."""
    r = rng.randrange(14 if depth < 4 else 9)
    if r == 0:
        return rng.choice(["null", "true", "false"])
    if r == 1:
        return str(rng.choice([0, -1, 1, 2**31, 2**63, -(2**64), rng.getrandbits(200)]))
    if r == 2:
        return rng.choice(["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "-0.0",
                           "1.5", "0.1e1", "1E+2", "12345678901234567890.5"])
    if r == 3:  # huge integer (Python refuses more than 4300 digits)
        return "9" * rng.choice([20, 400, 4300, 4301, 5000, 50000])
    if r in (4, 5, 6, 7):
        return _json_string(rng)
    if r == 8:
        return '""'
    if r in (9, 10):
        items = [_json_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
        return "[" + ", ".join(items) + "]"
    if r == 11:  # deep nesting
        n = rng.choice([10, 100, 500, 999, 1000, 2000, 5000])
        return "[" * n + "]" * n if rng.random() < 0.5 else '{"a": ' * n + "1" + "}" * n
    keys = [rng.choice(['"id"', '"text"', '"metadata"', '"x"', '""', '"te\\u0000xt"', '"id"'])
            for _ in range(rng.randrange(0, 4))]
    return "{" + ", ".join(f"{k}: {_json_value(rng, depth + 1)}" for k in keys) + "}"


def gen_jsonl_line(rng: random.Random) -> bytes:
    r = rng.random()
    if r < 0.03:
        return rng.choice([b"", b"   ", b"\t", b"\r", b" \r"])  # blank lines
    if r < 0.55:  # a normal-looking record
        fields = {'"id"': json.dumps(rng.choice(["a", 1, None, "x" * 50, [1], {"k": 1}]))}
        fields['"text"'] = _json_string(rng) if rng.random() < 0.9 else _json_value(rng)
        m = rng.random()
        if m < 0.5:
            fields['"metadata"'] = json.dumps({"url": "u", "n": rng.randrange(100)})
        elif m < 0.7:
            fields['"metadata"'] = _json_value(rng)
        elif m < 0.75:
            fields['"metadata"'] = '{"cleaner": {"language": "xx"}}'
        items = list(fields.items())
        rng.shuffle(items)
        text = "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    elif r < 0.65:  # text of another type, or missing
        text = '{"id": 1, "text": ' + _json_value(rng) + "}"
        if rng.random() < 0.3:
            text = '{"id": 1, "body": "no text field"}'
    elif r < 0.8:
        text = _json_value(rng)
    elif r < 0.86:  # deep nesting inside the text-bearing record
        n = rng.choice([100, 998, 1000, 1500, 3000, 5000])
        nest = "[" * n + "]" * n
        text = '{"id": "deep", "text": "ok.", "metadata": ' + nest + "}"
    else:  # invalid JSON
        base = '{"id": "a", "text": ' + _json_string(rng) + "}"
        text = rng.choice([
            base[: rng.randrange(len(base))], base + ",", base.replace('"', "'"),
            base + " // comment", "{" + base, base + "}", "[1, 2,]", "{'a': 1}", "nul",
            '{"text": "a\tb"}', '{"text": "unterminated', "\x00", "\ufeff" + base,
        ])
    data = text.encode("utf-8", "surrogatepass")
    u = rng.random()
    if u < 0.05:  # invalid UTF-8 inside the line
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice([b"\xff", b"\xed\xa0\x80", b"\xc3", b"\x80\x80"]) + data[at:]
    elif u < 0.06:
        data = b"\xef\xbb\xbf" + data
    elif u < 0.07:
        data = text.encode(rng.choice(["utf-16-le", "utf-16-be", "utf-32-le"]), "surrogatepass")
    elif u < 0.1:
        data += b"\r"
    return data.replace(b"\n", b"\\n")


def nonblank_lines(data: bytes) -> list[int]:
    """Line numbers (from 1) the CLI should report, split as a binary file iterates."""
    return [n for n, line in enumerate(io.BytesIO(data), 1) if line.strip()]


# --- family 4: rule files ------------------------------------------------------------------

KINDS = ("remove_line", "remove_tail", "remove_run", "repeat", "echo", "replace", "quotes",
         "alias")
GOOD_REGEXES = [
    r"Subscribe to our (?:channel|page)!?", r"READ MORE", r"\d+ comments?", r"Photo: .*",
    r"(?i)leave a reply", r"\[ad_\d+\]", r"\p{Lu}{3,}", r"Share this:?", r"[.!?]$", r"^$",
    r"(?<=\d)\s+(?=,)", r"\s+([,.])", r"(\w+)(\d+)", r"(?P<word>\p{L}+)\s*,", r"Tags:.*",
    r"Related posts", r"(?s).+", r"(?m)^\s+", r"\b\w+\b", r"(?r)\w+", r"[[:alpha:]]+",
]
BAD_REGEXES = [
    r"(a+)+$", r"(a|aa)+$", r"(a*)*b", r"(.*a){20}", r"(\w+\s?)+$", r"(x+x+)+y",
    r"^(([a-z])+.)+[A-Z]([a-z])+$", r"(.*)*!", r"(a|a?)+$", r"((ab)*|a)*c", r"", r".*", r"|",
    r"()", r"(?:)", r"\b", r"(?=a)", r"^", r"$", r"(", r"[", r"*a", r"(?P<>x)", "\\", r"a{2,1}",
    r"(?<=a+)b", r"\1", r"(?P<n>a)(?P=n)", r"\p{Nope}", r"(?i", r"[z-a]", r"(?<!x*)y",
    r"(?V0)a", r"\N{BOGUS}", r"a**", r"(?#comment", r"x{99999999}", r"[\d-z]", r"(?(1)a|b)",
    r"\X+", r"(?e)(dog){e<=1}", r"(?f)cat", r"(*SKIP)(*FAIL)|a", r"\L<names>",
]
NAMES = ["Aliev", "Aliyev", "Pashinian", "Pashinyan", "Karabakh", "Karabak", "Nagorno Karabakh",
         "Artsakh", "Artesian", "ALIEV", "aliev", "Ali", "Aliev Aliev", "Алиев", "Əliyev",
         "Ilham", "pro-Aliev", "Aliev's", "A", "a b", "x", "Stepanakert", "Ա", "ß", "İ", "ﬁ"]
RANDOM_VALUES: list[Any] = [
    "", " ", "x", 0, -1, 1, 2**63 - 1, -(2**63), 1.5, math.nan, math.inf, True, False, [], [1],
    ["a", 1], [[]], {}, {"x": 1}, "\n", "a\nb", ["", ""], [" x "], "anywhere", "head", "tail",
]


class Raw(str):
    """A TOML token written as is (dates, malformed values)."""


def _toml_str(s: str) -> str:
    out = []
    for c in s:
        cp = ord(c)
        if c in '"\\':
            out.append("\\" + c)
        elif cp < 0x20 or cp == 0x7F or 0xD800 <= cp < 0xE000:
            out.append(f"\\u{cp:04x}")  # a surrogate escape is invalid TOML: a RuleError
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _toml_key(k: str) -> str:
    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else _toml_str(k)


def toml_value(v: Any) -> str:
    if isinstance(v, Raw):
        return str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return _toml_str(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {toml_value(x)}" for k, x in v.items()) + " }"
    return _toml_str(str(v))


def _random_regex(rng: random.Random, depth: int = 0) -> str:
    r = rng.random()
    if r < 0.35:
        return rng.choice(GOOD_REGEXES)
    if r < 0.45:
        return rng.choice(BAD_REGEXES)
    atoms = [".", r"\w", r"\d", r"\s", r"\p{L}", "[abc]", "[^x]", "a", "b", " ", ",", r"\.",
             "’", "«", "Aliev", r"\b", "^", "$", r"\S"]
    parts = []
    for _ in range(rng.randrange(1, 5)):
        if depth < 2 and rng.random() < 0.2:
            inner = _random_regex(rng, depth + 1)
            part = rng.choice(["(", "(?:", "(?=", "(?<=", "(?!", "(?P<g>", "(?i:"]) + inner + ")"
        else:
            part = rng.choice(atoms)
        part += rng.choice(["", "", "", "*", "+", "?", "{2,3}", "*?", "+?", "++", "{0,}"])
        parts.append(part)
    if rng.random() < 0.15:
        parts.append("|" + rng.choice(atoms))
    return "".join(parts)


def _rule_text(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.4:
        return rng.choice(PHRASES)
    if r < 0.7:
        return _snippet(rng)[:200]
    if r < 0.85:
        return rng.choice(NAMES) + " " + rng.choice(PHRASES)
    return "a" * rng.randrange(0, 40) + rng.choice(["", "!", "b", "\n"])


def gen_rule_table(rng: random.Random, index: int) -> dict[str, Any]:
    kind = rng.choice(KINDS)
    table: dict[str, Any] = {
        "id": f"fuzz.rule-{index}",
        "description": f"Fuzz rule {index} of kind {kind}.",
        "kind": kind,
    }
    if kind in ("remove_line", "remove_tail"):
        table["patterns"] = [_random_regex(rng) for _ in range(rng.randrange(1, 4))]
        if rng.random() < 0.5:
            table["ignore_case"] = rng.random() < 0.5
    if kind == "remove_line":
        if rng.random() < 0.5:
            table["where"] = rng.choice(["anywhere", "head", "tail"])
        if rng.random() < 0.5:
            table["and_next"] = rng.random() < 0.5
    elif kind == "remove_tail":
        if rng.random() < 0.6:
            table["confirm"] = [_random_regex(rng) for _ in range(rng.randrange(0, 3))]
        if rng.random() < 0.4:
            table["confirm_within"] = rng.choice([1, 2, 6, 100, 0, -3, 10**9])
    elif kind == "remove_run":
        if rng.random() < 0.6:
            table["min_lines"] = rng.choice([2, 3, 4, 10, 1, 0, -1, 10**6])
        if rng.random() < 0.6:
            table["max_words"] = rng.choice([1, 5, 14, 100, 0, 10**6])
        if rng.random() < 0.4:
            table["sentence_end"] = _random_regex(rng)
    elif kind == "repeat":
        if rng.random() < 0.7:
            table["min_words"] = rng.choice([1, 2, 4, 50, 0, -5])
    elif kind == "echo":
        if rng.random() < 0.7:
            table["min_words"] = rng.choice([1, 2, 3, 0])
        if rng.random() < 0.7:
            table["max_words"] = rng.choice([1, 2, 6, 30, 1000])
    elif kind == "replace":
        table["pattern"] = _random_regex(rng)
        table["replacement"] = rng.choice([
            "", " ", "x", "\\1", "\\2", "\\g<0>", "\\g<g>", "\\g<word>", "\\g<1>", "$1", "\\",
            "\\n", "\\1\\1", "aa", "\\g<0>\\g<0>", "«", "\\9", rng.choice(NAMES),
        ])
        if rng.random() < 0.3:
            table["ignore_case"] = True
    elif kind == "quotes":
        pool = [*QUOTE_MARKS, "x", "a", " ", "\n", "\u0301", "«»", "", "\\", "]", "^", "-"]
        table["double"] = rng.sample(pool, rng.randrange(0, 5))
        table["single"] = rng.sample(pool, rng.randrange(0, 5))
        if rng.random() < 0.5:
            table["elisions"] = rng.sample(["n't", "'s", "rock 'n' roll", "’em", "", "'"], 2)
        if rng.random() < 0.3:
            table["possessive_endings"] = rng.choice(["sz", "", "s", "abc", "’"])
    elif kind == "alias":
        if rng.random() < 0.7:
            table["canonical"] = rng.choice(NAMES)
            table["variants"] = rng.sample(NAMES, rng.randrange(0, 4))
        if rng.random() < 0.4:
            table["map"] = {rng.choice(NAMES): rng.choice(NAMES) for _ in range(rng.randrange(4))}
        if rng.random() < 0.3:
            table["case_insensitive"] = True
        if rng.random() < 0.3:
            table["exceptions"] = [rng.choice(NAMES) + " " + rng.choice(NAMES)]
    examples = []
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        example: dict[str, Any] = {"input": _rule_text(rng), "expected": _rule_text(rng)}
        if rng.random() < 0.2:
            example["language"] = rng.choice(["en", "hy", "und", "xx", ""])
        if rng.random() < 0.1:
            example["quotes"] = rng.choice(["curly", "straight", "fancy"])
        examples.append(example)
    table["examples"] = examples if rng.random() < 0.95 else []
    if rng.random() < 0.3:
        table["unchanged"] = [_rule_text(rng) for _ in range(rng.randrange(1, 3))]
    if rng.random() < 0.2:
        table["when_mentions"] = [rng.choice([*NAMES, "", " "]) for _ in range(rng.randrange(3))]
    if rng.random() < 0.1:
        table["languages"] = rng.sample(["en", "hy", "ru", "und", "az"], 2)
    if rng.random() < 0.1:
        table["skip_languages"] = rng.sample(["en", "hy", "ru", "und"], 1)
    if rng.random() < 0.35:
        _mutate_table(table, rng)
    return table


def _mutate_table(table: dict[str, Any], rng: random.Random) -> None:
    r = rng.randrange(8)
    keys = list(table)
    if r == 0:
        del table[rng.choice(keys)]
    elif r == 1:  # a misspelt key
        key = rng.choice(keys)
        typo = key[:-1] if len(key) > 2 and rng.random() < 0.5 else key + "s"
        table[typo] = table.pop(key)
    elif r == 2:
        table[rng.choice(keys)] = rng.choice(RANDOM_VALUES)
    elif r == 3:
        table["id"] = rng.choice(["Bad Id", "fuzz", "", "fuzz..x", "fuzz.rule-0", "a.b", "é.b"])
    elif r == 4:
        table["kind"] = rng.choice(["remove", "Replace", "", "alias ", "quote", 1])
    elif r == 5:
        table["description"] = rng.choice(["", " ", "two\nlines", "x" * 5000])
    elif r == 6:
        table["examples"] = rng.choice([[{"input": 1}], [{"expected": "x"}], ["plain"], [{}],
                                        [{"input": "a", "expected": "a", "whatever": 1}]])
    else:
        table[rng.choice(["extra", "pattern", "patterns", "kind2", "Where", "comment"])] = "x"


def gen_rule_file(rng: random.Random) -> tuple[bytes, list[str]]:
    """A TOML rule file and a few texts to clean with it."""
    tables = [gen_rule_table(rng, i) for i in range(rng.choice([1, 1, 2, 3, 5]))]
    lines = []
    for table in tables:
        lines.append("[[rule]]")
        lines.extend(f"{_toml_key(k)} = {toml_value(v)}" for k, v in table.items())
        lines.append("")
    text = "\n".join(lines)
    r = rng.random()
    if r < 0.03:
        text = "[rule]\nid = 'x.y'\n"
    elif r < 0.05:
        text = "title = 'top'\n" + text
    elif r < 0.07:
        text = ""
    elif r < 0.09:
        text = text.replace("\n", "\r\n")
    data = text.encode("utf-8")
    if rng.random() < 0.03:
        data = b"\xef\xbb\xbf" + data
    if rng.random() < 0.06:
        data = _mutate_bytes(data, rng)
    texts = []
    for _ in range(3):
        t = rng.random()
        if t < 0.3:
            pieces = [_rule_text(rng) for _ in range(rng.randrange(1, 8))]
            texts.append("\n".join(pieces))
        elif t < 0.5:
            examples = [e.get("input") for tb in tables
                        for e in (tb.get("examples") if isinstance(tb.get("examples"), list)
                                  else [])
                        if isinstance(e, dict) and isinstance(e.get("input"), str)]
            texts.append("\n".join(examples) or _rule_text(rng))
        elif t < 0.6:  # food for catastrophic patterns
            texts.append("\n".join("a" * rng.randrange(10, 34) + rng.choice(["!", "b", "", "x"])
                                   for _ in range(rng.randrange(1, 4))))
        else:
            seed = gen_seed(rng)
            texts.append(seed if isinstance(seed, str) else seed.decode("utf-8", "replace"))
    return data, texts


# --- running one input ---------------------------------------------------------------------


def reason_of(message: str) -> str:
    """An error message as a reason: digits to N, cut at the first ':' after 20 characters."""
    first = message.strip().splitlines()[0] if message.strip() else "<empty>"
    first = re.sub(r"\d+", "N", first)
    cut = first.find(":", 20)
    if cut > 0:
        first = first[:cut]
    return first[:100]


def rule_reason(message: str) -> str:
    """A RuleError message without its file, line, rule id and quoted values."""
    text = message.strip().splitlines()[0] if message.strip() else "<empty>"
    text = re.sub(r"^.*?\.toml(?::\d+)?: ", "", text)
    text = re.sub(r"^rule (?:'[^']*'|\"[^\"]*\"|#\d+ \(no id\)): ", "", text)
    text = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "Q", text)
    return reason_of(text)


def exc_reason(exc: BaseException) -> str:
    kind = type(exc)
    name = kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"
    message = re.sub(r"'[^'\s]{1,12}'", "Q", str(exc))  # 'utf-8', '\ud800', ...
    return f"{name}: {reason_of(message)}"


class CpuLimit(BaseException):
    """Raised in the child when one call has used more than CPU_LIMIT seconds of CPU."""


CPU_LIMIT = HANG_CPU + 2.0  # a call is interrupted here (the watchdog is for calls in C)


def _on_cpu_limit(signum: int, frame: Any) -> None:
    raise CpuLimit


@contextlib.contextmanager
def cpu_limit() -> Any:
    """Interrupt the body after CPU_LIMIT s of process CPU (SIGPROF), where signals can land."""
    previous = signal.signal(signal.SIGPROF, _on_cpu_limit)
    signal.setitimer(signal.ITIMER_PROF, CPU_LIMIT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def where_interrupted() -> str:
    """The innermost frames of the cleaner's own code in the current traceback."""
    frames = traceback.extract_tb(sys.exc_info()[2])
    own = [f for f in frames if "/cleaner/" in f.filename] or frames
    return "".join(traceback.format_list(own[-4:]))


def tb_tail(lines: int = 8) -> str:
    return "".join(traceback.format_exc().splitlines(keepends=True)[-lines:])


class Outcome:
    """What one unit of work found; sent from the child to the parent."""

    def __init__(self) -> None:
        self.inputs = 0
        self.events: list[dict[str, Any]] = []
        self.input_errors: Counter[str] = Counter()
        self.notes: Counter[str] = Counter()

    def event(self, kind: str, reason: str, data: Any, detail: str = "", **extra: Any) -> None:
        self.events.append({"kind": kind, "reason": reason, "data": data, "detail": detail,
                            **extra})

    def as_dict(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "events": self.events,
                "input_errors": dict(self.input_errors), "notes": dict(self.notes)}


def check_clean(cleaner: Any, data: str | bytes, out: Outcome, payload: Any,
                *, family_note: str = "") -> None:
    """Clean ``data``, then its output again; record crashes, hangs, errors, non-idempotence."""
    start = time.process_time()
    try:
        with cpu_limit():
            result = cleaner.clean(data)
    except CpuLimit:
        out.event("hang", f"clean interrupted after {CPU_LIMIT:.0f} s of CPU", payload,
                  where_interrupted())
        _CLEANERS.clear()  # rebuilt for the next input, in case the interruption broke it
        return
    except Exception as exc:
        out.event("crash", exc_reason(exc), payload, tb_tail())
        return
    spent = time.process_time() - start
    if spent > HANG_CPU:
        out.event("hang", f"clean took {spent:.1f} s of CPU", payload, f"{spent:.1f} s")
    if result.error is not None:
        if getattr(result, "error_kind", None) == "internal":
            out.event("internal", reason_of(result.error), payload, result.error)
        else:
            out.input_errors[reason_of(result.error)] += 1
        return
    start = time.process_time()
    try:
        with cpu_limit():
            again = cleaner.clean(result.text)
    except CpuLimit:
        out.event("hang", f"re-clean interrupted after {CPU_LIMIT:.0f} s of CPU", payload,
                  where_interrupted())
        _CLEANERS.clear()
        return
    except Exception as exc:
        out.event("crash", "on re-clean: " + exc_reason(exc), payload, tb_tail())
        return
    spent = time.process_time() - start
    if spent > HANG_CPU:
        out.event("hang", f"re-clean took {spent:.1f} s of CPU", payload, f"{spent:.1f} s")
    if again.error is not None or again.text != result.text:
        detail = again.error or _first_difference(result.text, again.text)
        rules = sorted({c.rule for c in again.changes})
        out.event("nonidem", family_note + ("second clean: " + ",".join(rules))[:100], payload,
                  detail, first=result.text[:4000], second=again.text[:4000])


def _first_difference(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at {i}: {a[max(0, i - 40) : i + 40]!r} -> {b[max(0, i - 40) : i + 40]!r}"


_CLEANERS: dict[str, Any] = {}


def default_cleaner() -> Any:
    if "default" not in _CLEANERS:
        from cleaner import Cleaner

        _CLEANERS["default"] = Cleaner()
    return _CLEANERS["default"]


def unit_rng(seed: int, family: str, unit: int) -> random.Random:
    return random.Random(f"{seed}/{family}/{unit}")


def run_bytes(seed: int, unit: int, ctx: dict[str, Any]) -> Outcome:
    out = Outcome()
    data = gen_bytes(unit_rng(seed, "bytes", unit))
    out.inputs = 1
    check_clean(default_cleaner(), data, out, data)
    return out


def run_seeds(seed: int, unit: int, ctx: dict[str, Any]) -> Outcome:
    out = Outcome()
    data = gen_seed(unit_rng(seed, "seeds", unit))
    out.inputs = 1
    check_clean(default_cleaner(), data, out, data)
    return out


def run_rules(seed: int, unit: int, ctx: dict[str, Any]) -> Outcome:
    from cleaner import Cleaner
    from cleaner.rules import RuleError, load_rules

    out = Outcome()
    out.inputs = 1
    toml, texts = gen_rule_file(unit_rng(seed, "rules", unit))
    folder = Path(ctx["tmp"])
    path = folder / f"fuzz-{unit}.toml"
    path.write_bytes(toml)
    payload = {"toml": toml, "texts": texts}
    try:
        start = time.process_time()
        try:
            load_rules([path], defaults=False)
        except RuleError as exc:
            out.input_errors["RuleError: " + rule_reason(str(exc))] += 1
            return out
        except Exception as exc:
            out.event("crash", "load_rules: " + exc_reason(exc), payload, tb_tail())
            return out
        try:
            cleaner = Cleaner(rules=[path], default_rules=False)
        except RuleError as exc:
            out.input_errors["RuleError (Cleaner): " + rule_reason(str(exc))] += 1
            return out
        except Exception as exc:
            out.event("crash", "Cleaner(): " + exc_reason(exc), payload, tb_tail())
            return out
        spent = time.process_time() - start
        if spent > HANG_CPU:
            out.event("hang", f"loading took {spent:.1f} s of CPU", payload)
        has_replace = any(rule.kind == "replace" for rule in cleaner.rules)
        for text in texts:
            sub = Outcome()
            check_clean(cleaner, text, sub, {"toml": toml, "texts": [text]})
            for event in sub.events:
                if event["kind"] == "nonidem" and has_replace:
                    # A user's replace rule can rewrite forever ("a" -> "aa"): not a bug.
                    out.notes["non-idempotent with a replace rule (not counted)"] += 1
                    continue
                out.events.append(event)
            out.input_errors.update(sub.input_errors)
            if any(event["kind"] in ("crash", "hang") for event in sub.events):
                break  # one finding per rule file is enough
    finally:
        path.unlink(missing_ok=True)
    return out


# --- family 3: the CLI ---------------------------------------------------------------------


def jsonl_batch(seed: int, unit: int, total: int) -> list[bytes]:
    rng = unit_rng(seed, "jsonl", unit)
    count = min(JSONL_BATCH, total - unit * JSONL_BATCH)
    return [gen_jsonl_line(rng) for _ in range(count)]


def run_cli(lines: list[bytes], folder: Path, beat: Any) -> dict[str, Any]:
    """Run the CLI over ``lines``; what it did (exit code, stderr, manifest, output lines)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source = folder / "batch.jsonl"
    data = b"".join(line + b"\n" for line in lines)
    source.write_bytes(data)
    out_dir = folder / "out"
    timeout = 60 + 0.3 * len(lines)
    stderr_path = folder / "stderr.txt"
    with open(stderr_path, "wb") as err:
        # Plain tracebacks (not typer's boxed ones), so their last line can be read.
        env = {**os.environ, "_TYPER_STANDARD_TRACEBACK": "1", "COLUMNS": "200"}
        proc = subprocess.Popen(
            [CLEANER_CMD, "clean", str(source), "--out", str(out_dir), "--jobs", "1"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, cwd=folder,
            env=env,
        )
        started = time.monotonic()
        timed_out = False
        while proc.poll() is None:
            if time.monotonic() - started > timeout:
                proc.kill()
                timed_out = True
                proc.wait()
                break
            time.sleep(0.05)
            beat()
    stderr = stderr_path.read_text(encoding="utf-8", errors="replace")
    manifest: list[dict[str, Any]] | None = None
    output: list[bytes] | None = None
    with contextlib.suppress(OSError):
        manifest = [json.loads(x) for x in (out_dir / "manifest.jsonl").read_bytes().splitlines()
                    if x.strip()]
    with contextlib.suppress(OSError):
        output = list(io.BytesIO((out_dir / "batch.jsonl").read_bytes()))
    return {"code": proc.returncode, "timed_out": timed_out, "stderr": stderr,
            "manifest": manifest, "output": output, "data": data,
            "seconds": time.monotonic() - started}


def cli_failure(run: dict[str, Any]) -> str | None:
    """Why a CLI run counts as a crash (None if it does not)."""
    if run["timed_out"]:
        return "hang"
    if "Traceback (most recent call last)" in run["stderr"]:
        return "traceback: " + reason_of(_last_line(run["stderr"]))
    if run["code"] not in (0, 1):
        return f"exit code {run['code']}: " + reason_of(_last_line(run["stderr"]))
    expected = nonblank_lines(run["data"])
    manifest = run["manifest"]
    if manifest is None:
        return "no manifest written"
    if len(manifest) != len(expected):
        return f"manifest has {len(manifest)} records for {len(expected)} non-blank lines"
    got = [record.get("line") for record in manifest]
    if got != expected:
        return "manifest line numbers do not match the input's non-blank lines"
    # Every record with an output is in the output file: the ok ones and those passed
    # through with their error (a JSON object without a text field).
    written = sum(1 for record in manifest if record.get("output") is not None)
    output = run["output"] or []
    if len(output) != written:
        return f"output has {len(output)} lines for {written} records with an output"
    return None


def _last_line(stderr: str) -> str:
    """The exception line of a traceback on stderr, else its last line."""
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    for line in reversed(lines):
        if re.match(r"[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b", line):
            return line
    return lines[-1] if lines else "<no stderr>"


def _prescreen(lines: list[bytes], beat: Any) -> list[tuple[int, str, str]]:
    """Lines that fail in-process along the CLI's own path: (index, reason, traceback)."""
    try:  # private helpers: if they have moved on, the caller bisects with the CLI instead
        from cleaner.batch import Batch, Plan, _clean_lines
        from cleaner.io import json_line
        from cleaner.report import Report

        cleaner = default_cleaner()
        fields = Batch(cleaner, Plan(out=Path(".")), Report(), lambda _text: None).fields
    except Exception:
        return []
    found = []
    for index, line in enumerate(lines):
        beat()
        try:
            with cpu_limit():
                for out_line, record, _ in _clean_lines(
                    cleaner, ("batch.jsonl", fields, [(index + 1, line + b"\n")])
                ):
                    json_line(record)
                    if out_line is not None:
                        json.loads(out_line)
        except CpuLimit:
            _CLEANERS.clear()
            cleaner = default_cleaner()
        except Exception as exc:
            found.append((index, exc_reason(exc), tb_tail()))
    return found


def run_jsonl(seed: int, unit: int, ctx: dict[str, Any]) -> Outcome:
    out = Outcome()
    lines = jsonl_batch(seed, unit, ctx["total"])
    out.inputs = len(lines)
    folder = Path(ctx["tmp"]) / f"batch-{unit}"
    beat = ctx["beat"]
    remaining = list(lines)
    try:
        for _ in range(4):
            run = run_cli(remaining, folder, beat)
            why = cli_failure(run)
            if why is None:
                _account_cli(run, remaining, out, beat)
                return out
            if why == "hang":
                out.event("hang", f"CLI over {len(remaining)} lines timed out",
                          {"lines": remaining}, _last_line(run["stderr"]))
                return out
            culprits = _prescreen(remaining, beat)
            beat()
            if culprits:
                for index, reason, trace in culprits:
                    detail = trace
                    confirmed = ctx["confirmed"]
                    if confirmed[reason] < 2:  # the CLI on the line alone, for the first few
                        confirmed[reason] += 1
                        single = run_cli([remaining[index]], folder, beat)
                        detail += f"\n--- CLI on this line alone: {cli_failure(single)}\n"
                        detail += "\n".join(single["stderr"].strip().splitlines()[-6:])
                    out.event("crash", f"CLI {why.split(':')[0]}: {reason}",
                              {"lines": [remaining[index]]}, detail)
                drop = {index for index, _, _ in culprits}
                remaining = [line for k, line in enumerate(remaining) if k not in drop]
                continue
            index = _bisect_prefix(remaining, folder, beat)
            if index is None:
                out.event("crash", f"CLI {why}", {"lines": remaining}, run["stderr"][-3000:])
                return out
            single = run_cli([remaining[index]], folder, beat)
            out.event("crash", f"CLI {why}", {"lines": [remaining[index]]},
                      f"alone: {cli_failure(single)}\n" + single["stderr"][-3000:])
            del remaining[index]
        out.notes["batches given up after 4 crashes"] += 1
        return out
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _bisect_prefix(lines: list[bytes], folder: Path, beat: Any) -> int | None:
    """The index of the line whose addition makes the CLI fail (the shortest failing prefix)."""
    lo, hi = 0, len(lines)  # lines[:lo] pass (assumed), lines[:hi] fail
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if cli_failure(run_cli(lines[:mid], folder, beat)) is None:
            lo = mid
        else:
            hi = mid
    return hi - 1 if hi >= 1 else None


def _account_cli(run: dict[str, Any], lines: list[bytes], out: Outcome, beat: Any) -> None:
    numbered = dict(enumerate(io.BytesIO(run["data"]), 1))
    cleaner = default_cleaner()
    for record in run["manifest"]:
        line = numbered.get(record.get("line"), b"").rstrip(b"\n")
        if record.get("status") == "error":
            message = str(record.get("error"))
            if record.get("error_kind") == "internal":
                out.event("internal", reason_of(message), {"lines": [line]}, message)
            else:
                out.input_errors[reason_of(message)] += 1
    for raw in run["output"] or []:
        beat()
        try:
            record = json.loads(raw)
            if not isinstance(record, dict):
                raise TypeError(f"output line is {type(record).__name__}, not an object")
            text = record.get("text")
            passed_through = "error" in (record.get("metadata") or {}).get("cleaner", {})
            if passed_through:
                continue  # kept as it was, its error beside it: nothing cleaned to check
            if not isinstance(text, str):
                raise TypeError(f"output text is {type(text).__name__}")
        except Exception as exc:
            out.event("crash", "CLI output line unreadable: " + exc_reason(exc),
                      {"lines": [raw.rstrip(b"\n")]}, repr(raw[:300]))
            continue
        check_clean(cleaner, text, out, {"lines": [raw.rstrip(b"\n")], "output_text": text},
                    family_note="CLI output: ")


RUNNERS = {"bytes": run_bytes, "seeds": run_seeds, "jsonl": run_jsonl, "rules": run_rules}


def regenerate(family: str, seed: int, unit: int, total: int) -> Any:
    """The input of a unit, rebuilt in the parent (for a hang or a dead child)."""
    if family == "bytes":
        return gen_bytes(unit_rng(seed, family, unit))
    if family == "seeds":
        return gen_seed(unit_rng(seed, family, unit))
    if family == "rules":
        toml, texts = gen_rule_file(unit_rng(seed, family, unit))
        return {"toml": toml, "texts": texts}
    return {"lines": jsonl_batch(seed, unit, total)}


# --- the child and its watchdog ------------------------------------------------------------


def worker(family: str, seed: int, units: list[int], deadline: float, total: int,
           conn: Any, tmp: str) -> None:
    os.setpgid(0, 0)  # so the parent can end a CLI run with the child
    if MEMORY_LIMIT[0] > 0:  # a memory bomb is a MemoryError here, not a swapping machine
        limit = int(MEMORY_LIMIT[0] * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    last_beat = [0.0]

    def beat() -> None:
        now = time.monotonic()
        if now - last_beat[0] > 2:
            conn.send(("alive",))
            last_beat[0] = now

    ctx = {"tmp": tmp, "total": total, "beat": beat, "confirmed": Counter()}
    for pos, unit in enumerate(units):
        if time.time() > deadline:
            conn.send(("deadline", pos))
            return
        conn.send(("start", pos))
        try:
            outcome = RUNNERS[family](seed, unit, ctx)
        except Exception as exc:  # the harness itself, or an import of half-edited code
            outcome = Outcome()
            outcome.inputs = 1
            outcome.event("crash", "harness: " + exc_reason(exc), None, tb_tail(12))
        conn.send(("done", pos, outcome.as_dict()))
    conn.send(("finished",))


class Stats:
    def __init__(self, family: str, planned: int) -> None:
        self.family = family
        self.planned = planned
        self.inputs = 0
        self.counts: Counter[str] = Counter()
        self.reasons: dict[str, Counter[str]] = {kind: Counter() for kind in FINDINGS}
        self.input_errors: Counter[str] = Counter()
        self.notes: Counter[str] = Counter()
        self.saved: list[dict[str, Any]] = []
        self.stopped_early = False
        self.seconds = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs, "planned": self.planned,
            "crashes": self.counts["crash"], "hangs": self.counts["hang"],
            "non_idempotent": self.counts["nonidem"], "internal_errors": self.counts["internal"],
            "input_errors": sum(self.input_errors.values()),
            "input_errors_by_reason": dict(self.input_errors.most_common()),
            "findings_by_reason": {k: dict(v.most_common()) for k, v in self.reasons.items() if v},
            "notes": dict(self.notes), "reproducers": self.saved,
            "stopped_early": self.stopped_early, "seconds": round(self.seconds, 1),
        }


def record_events(stats: Stats, events: list[dict[str, Any]], save: Path) -> None:
    for event in events:
        kind = event["kind"]
        stats.counts[kind] += 1
        stats.reasons[kind][event["reason"]] += 1
        same = sum(1 for s in stats.saved if s["kind"] == kind and s["reason"] == event["reason"])
        kept = sum(1 for s in stats.saved if s["kind"] == kind)
        if same == 0 or (same < KEEP and kept < KEEP_MAX):  # every new reason gets one
            stats.saved.append(save_reproducer(stats.family, event, save, len(stats.saved)))


def save_reproducer(family: str, event: dict[str, Any], save: Path, n: int) -> dict[str, Any]:
    stem = save / f"{family}-{event['kind']}-{n:02d}"
    data = event["data"]
    files = []
    if isinstance(data, bytes):
        stem.with_suffix(".bin").write_bytes(data)
        files.append(stem.with_suffix(".bin"))
    elif isinstance(data, str):
        stem.with_suffix(".txt").write_bytes(data.encode("utf-8", "surrogatepass"))
        files.append(stem.with_suffix(".txt"))
    elif isinstance(data, dict) and "toml" in data:
        stem.with_suffix(".toml").write_bytes(data["toml"])
        files.append(stem.with_suffix(".toml"))
    elif isinstance(data, dict) and "lines" in data:
        stem.with_suffix(".jsonl").write_bytes(b"".join(x + b"\n" for x in data["lines"]))
        files.append(stem.with_suffix(".jsonl"))
    info = stem.with_suffix(".py")
    body = [f"# {family} {event['kind']}: {event['reason']}", f"DATA = {data!r}"]
    for key in ("first", "second"):
        if key in event:
            body.append(f"{key.upper()} = {event[key]!r}")
    body.extend("# " + line for line in event["detail"].splitlines())
    info.write_text("\n".join(body) + "\n", encoding="utf-8", errors="backslashreplace")
    files.append(info)
    return {"kind": event["kind"], "reason": event["reason"], "files": [str(f) for f in files],
            "detail_tail": "\n".join(event["detail"].strip().splitlines()[-3:])}


def run_family(family: str, planned: int, seed: int, deadline: float, save: Path,
               workers: int, tmp: Path) -> Stats:
    stats = Stats(family, planned)
    started = time.monotonic()
    units_total = math.ceil(planned / JSONL_BATCH) if family == "jsonl" else planned
    mp = multiprocessing.get_context("fork")
    shards = [list(range(w, units_total, workers)) for w in range(workers)]
    shards = [s for s in shards if s]
    state: list[dict[str, Any]] = [{"units": s, "pos": 0, "proc": None, "conn": None}
                                   for s in shards]

    def start(st: dict[str, Any]) -> None:
        parent_end, child_end = mp.Pipe(duplex=False)
        proc = mp.Process(target=worker, args=(family, seed, st["units"][st["pos"]:], deadline,
                                               planned, child_end, str(tmp)), daemon=True)
        proc.start()
        child_end.close()
        st.update(proc=proc, conn=parent_end, base=st["pos"], current=None,
                  last=time.monotonic(), finished=False)

    def stop(st: dict[str, Any]) -> None:
        proc = st["proc"]
        if proc is not None and proc.is_alive():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGKILL)
        if proc is not None:
            proc.join()
        if st["conn"] is not None:
            st["conn"].close()
        st.update(proc=None, conn=None)

    def lost(st: dict[str, Any], kind: str, why: str) -> None:
        """The child died or stalled on its current unit: record it, go on after it."""
        unit = st["units"][st["current"]]
        data = regenerate(family, seed, unit, planned)
        stats.inputs += len(data["lines"]) if family == "jsonl" else 1
        record_events(stats, [{"kind": kind, "reason": why, "data": data,
                               "detail": f"unit {unit} of family {family}"}], save)
        st["pos"] = st["current"] + 1

    for st in state:
        start(st)
    while any(st["proc"] is not None for st in state):
        conns = [st["conn"] for st in state if st["conn"] is not None]
        ready = multiprocessing.connection.wait(conns, timeout=1.0)
        for st in state:
            if st["conn"] is None:
                continue
            dead = False
            if st["conn"] in ready:
                try:
                    while st["conn"].poll():
                        message = st["conn"].recv()
                        st["last"] = time.monotonic()
                        if message[0] == "start":
                            st["current"] = st["base"] + message[1]
                        elif message[0] == "done":
                            result = message[2]
                            stats.inputs += result["inputs"]
                            stats.input_errors.update(result["input_errors"])
                            stats.notes.update(result["notes"])
                            record_events(stats, result["events"], save)
                            st["pos"] = st["base"] + message[1] + 1
                            st["current"] = None
                        elif message[0] == "deadline":
                            stats.stopped_early = True
                            st["finished"] = True
                        elif message[0] == "finished":
                            st["finished"] = True
                except (EOFError, OSError):
                    dead = True
            if st["finished"]:
                stop(st)
                continue
            if dead or not st["proc"].is_alive():
                code = st["proc"].exitcode
                stop(st)
                if st["current"] is not None:
                    lost(st, "crash", f"worker process died (exit code {code})")
                if st["pos"] < len(st["units"]):
                    start(st)
                continue
            if time.monotonic() - st["last"] > WATCHDOG:
                stop(st)
                if st["current"] is not None:
                    lost(st, "hang", f"no progress for {WATCHDOG:.0f} s (killed)")
                if st["pos"] < len(st["units"]) and time.time() < deadline:
                    start(st)
                elif st["pos"] < len(st["units"]):
                    stats.stopped_early = True
    stats.seconds = time.monotonic() - started
    return stats


# --- report --------------------------------------------------------------------------------


def split_inputs(total: int) -> dict[str, int]:
    counts = {f: int(total * INPUT_SHARE[f]) for f in FAMILIES}
    counts[FAMILIES[0]] += total - sum(counts.values())
    return counts


def print_table(results: dict[str, Stats], save: Path, stopped: list[str]) -> None:
    head = ("family", "inputs", "crashes", "hangs", "non-idem", "internal", "input err", "seconds")
    rows = []
    for family, st in results.items():
        rows.append((family, f"{st.inputs}/{st.planned}", st.counts["crash"], st.counts["hang"],
                     st.counts["nonidem"], st.counts["internal"], sum(st.input_errors.values()),
                     f"{st.seconds:.0f}"))
    totals = ("total", f"{sum(s.inputs for s in results.values())}"
              f"/{sum(s.planned for s in results.values())}",
              *(sum(s.counts[k] for s in results.values()) for k in FINDINGS),
              sum(sum(s.input_errors.values()) for s in results.values()),
              f"{sum(s.seconds for s in results.values()):.0f}")
    widths = [max(len(str(r[i])) for r in [head, *rows, totals]) for i in range(len(head))]

    def line(row: tuple[Any, ...]) -> str:
        return "  ".join(str(v).rjust(w) if i else str(v).ljust(w)
                         for i, (v, w) in enumerate(zip(row, widths, strict=True)))

    print(line(head))
    print(line(tuple("-" * w for w in widths)))
    for row in rows:
        print(line(row))
    print(line(totals))
    for family, st in results.items():
        print(f"\n[{family}]")
        for kind in FINDINGS:
            for reason, n in st.reasons[kind].most_common():
                print(f"  {kind:8} {n:6}  {reason}")
        for reason, n in st.input_errors.most_common(12):
            print(f"  input    {n:6}  {reason}")
        if len(st.input_errors) > 12:
            print(f"  input    ...     ({len(st.input_errors) - 12} more reasons)")
        for note, n in st.notes.items():
            print(f"  note     {n:6}  {note}")
        for saved in st.saved:
            print(f"  saved    {saved['kind']:8} {saved['files'][0]}")
    for message in stopped:
        print(message)
    print(f"\nreproducers in {save}")


def preflight(tries: int = 4, wait: float = 20.0) -> str | None:
    """Import the cleaner and build one in a fresh process (retried: it may be mid-edit)."""
    check = "import cleaner.batch, cleaner.cli, cleaner.rules; cleaner.Cleaner().clean('x')"
    problem = None
    for attempt in range(tries):
        done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                              check=False)
        if done.returncode == 0:
            return None
        problem = _last_line(done.stderr)
        if attempt + 1 < tries:
            print(f"fuzz: cleaner not importable ({problem}); retrying in {wait:.0f} s",
                  file=sys.stderr, flush=True)
            time.sleep(wait)
    return problem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--inputs", type=int, default=20000, help="total inputs (default 20000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--minutes", type=float, default=9.0, help="wall-time budget")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--save", type=Path, default=None, help="folder for reproducers")
    parser.add_argument("--families", default=",".join(FAMILIES),
                        help="comma-separated subset of " + ",".join(FAMILIES))
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--memory-gb", type=float, default=MEMORY_LIMIT[0],
                        help="address-space limit of each child in GiB (0: none)")
    args = parser.parse_args(argv)
    MEMORY_LIMIT[0] = args.memory_gb
    problem = preflight()
    if problem:
        print(f"fuzz: the cleaner cannot be used: {problem}", file=sys.stderr)
        return 2
    save = args.save or Path(tempfile.mkdtemp(prefix="cleaner-fuzz-"))
    save.mkdir(parents=True, exist_ok=True)
    families = [f for f in args.families.split(",") if f]
    for family in families:
        if family not in FAMILIES:
            parser.error(f"unknown family {family!r}")
    planned = split_inputs(args.inputs)
    time_share = {f: TIME_SHARE[f] for f in families}
    scale = sum(time_share.values())
    begin = time.time()
    budget = args.minutes * 60
    corpus()  # read once, before forking
    results: dict[str, Stats] = {}
    stopped: list[str] = []
    used = 0.0
    with tempfile.TemporaryDirectory(prefix="cleaner-fuzz-work-") as tmp:
        for family in sorted(families, key=RUN_ORDER.index):
            used += time_share[family] / scale
            deadline = begin + budget * used
            if not args.json:
                print(f"{family}: {planned[family]} inputs, until +{deadline - begin:.0f} s",
                      file=sys.stderr, flush=True)
            st = run_family(family, planned[family], args.seed, deadline, save,
                            max(1, args.workers), Path(tmp))
            results[family] = st
            if st.stopped_early:
                stopped.append(f"stopped early: {family} ran {st.inputs} of {st.planned} inputs "
                               f"in its share of the {args.minutes:g}-minute budget")
    results = {f: results[f] for f in FAMILIES if f in results}
    bad = sum(st.counts[k] for st in results.values() for k in FINDINGS)
    if args.json:
        report = {
            "seed": args.seed, "inputs": args.inputs, "minutes": args.minutes,
            "families": {f: st.to_dict() for f, st in results.items()},
            "totals": {
                "inputs": sum(st.inputs for st in results.values()),
                "crashes": sum(st.counts["crash"] for st in results.values()),
                "hangs": sum(st.counts["hang"] for st in results.values()),
                "non_idempotent": sum(st.counts["nonidem"] for st in results.values()),
                "internal_errors": sum(st.counts["internal"] for st in results.values()),
                "input_errors": sum(sum(st.input_errors.values()) for st in results.values()),
                "seconds": round(time.time() - begin, 1),
            },
            "stopped_early": stopped, "save": str(save),
        }
        print(json.dumps(report, indent=1, ensure_ascii=False, default=str))
    else:
        print_table(results, save, stopped)
        print(f"wall time {time.time() - begin:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
