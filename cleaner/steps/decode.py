"""Bytes to text: UTF-8 (with or without BOM), other BOMs, or a detected legacy encoding.

Data that is not text (a NUL byte, a known binary format, mostly control characters) is an
error for that document, never garbage output.

>>> decode("café".encode("cp1252"))
Decoded(text='café', encoding='windows-1252')
>>> decode(b"\\xef\\xbb\\xbfhi")
Decoded(text='hi', encoding='utf-8-sig')
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from typing import NamedTuple

import regex

from cleaner.document import Batch, Change, Document
from cleaner.options import Context

# (signature, what it is). Checked before anything else: such files are never text.
BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/ODT/EPUB)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# A valid multi-byte UTF-8 sequence.
UTF8_SEQUENCE = regex.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# A Windows-1252 reading with more accented letters than this is taken for mojibake.
MAX_ACCENTED_SHARE = 0.4
# Without a BOM these are guesses about binary-looking data, never right for our inputs.
NEVER_GUESS = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]

# Share of control characters above which decoded "text" is taken to be binary data.
MAX_CONTROL_SHARE = 0.05
CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can tell; the message says why."""


class Decoded(NamedTuple):
    text: str
    encoding: str


def decode(data: bytes) -> Decoded:
    """Decode a document's bytes, or raise :class:`DecodeError` for data that is not text."""
    for signature, what in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise DecodeError(f"not text: looks like {what}")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _checked(Decoded(data.decode(encoding), _bom_name(encoding)))
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"starts with a {encoding} BOM but is not {encoding}: {exc.reason}"
                    f" at byte {exc.start}"
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        utf16 = _utf16_without_bom(data)
        if utf16:
            raise DecodeError(
                f"not decoded: looks like {utf16} text without a byte-order mark; convert it "
                "to UTF-8 (or add a BOM) and clean it again"
            )
        raise DecodeError(f"not text: NUL byte at offset {nul}")
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    return _checked(_mostly_utf8(data) or _detect(data))


def _utf16_without_bom(data: bytes) -> str | None:
    """``"UTF-16-LE"`` or ``"UTF-16-BE"`` when NUL bytes fill one byte of each pair.

    Latin-script UTF-16 has a NUL in (nearly) every other byte; binary data has them
    anywhere.
    """
    if len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    share_even = even.count(0) / len(even)
    share_odd = odd.count(0) / len(odd)
    if share_odd > 0.7 and share_even < 0.1:
        return "UTF-16-LE"
    if share_even > 0.7 and share_odd < 0.1:
        return "UTF-16-BE"
    return None


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few stray Windows-1252 bytes, as files pasted together from two sources are.

    Taken when valid multi-byte UTF-8 sequences outnumber the invalid bytes. A lone invalid
    byte is read as Windows-1252 (``\x92`` is ``’``); a UTF-8 sequence cut short (a lead
    byte and some of its continuation bytes: ``\xe2\x80`` of ``’``) is a lost character,
    U+FFFD, never the mojibake its bytes spell in Windows-1252 (``â€``).
    """
    # Cut-short sequences are evidence of UTF-8 too: a Windows-1252 file rarely has a lead
    # byte followed by continuation bytes.
    evidence = len(UTF8_SEQUENCE.findall(data))
    pieces: list[str] = []
    position = lone = cut = 0
    while True:
        try:
            pieces.append(data[position:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            pieces.append(data[position : position + exc.start].decode("utf-8"))
            stray = data[position + exc.start : position + exc.end]
            if len(stray) > 1:
                cut += 1
                pieces.append("\ufffd")
            else:
                lone += 1
                pieces.append(stray.decode("cp1252", errors="ignore") or stray.decode("latin-1"))
            if lone > evidence + cut:
                return None
            position += exc.end
    parts = [f"{lone} windows-1252 bytes"] if lone else []
    parts += [f"{cut} cut-short sequences"] if cut else []
    return Decoded("".join(pieces), f"utf-8 (with {' and '.join(parts)})")


def _bom_name(encoding: str) -> str:
    return encoding if encoding == "utf-8-sig" else f"{encoding} (BOM)"


def _detect(data: bytes) -> Decoded:
    """A legacy encoding: Windows-1252 unless its reading is implausible.

    charset-normalizer alone often picks cp1250 or even UTF-16 for short Western text (é
    becomes ď or 捡); web browsers read Latin-1 labels as Windows-1252 for the same reason.
    Its guess is taken only when the Windows-1252 reading fails or looks like mojibake
    (most letters accented, as Cyrillic read as Windows-1252 is: Ïðèâåò) and the guess is
    in another script.
    """
    import charset_normalizer  # only needed for the rare non-UTF-8 document

    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _accented_share(western) < MAX_ACCENTED_SHARE:
        return Decoded(western, "windows-1252")
    best = charset_normalizer.from_bytes(data, cp_exclusion=NEVER_GUESS).best()
    if best is not None:
        return Decoded(str(best), codecs.lookup(best.encoding).name)
    if western is not None:
        return Decoded(western, "windows-1252")
    raise DecodeError("not text: no known encoding decodes it")


def _accented_share(text: str) -> float:
    """Share of letters outside ASCII: low for Western text, near 1 for misread Cyrillic."""
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if c > "\x7f") / len(letters) if letters else 0.0


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    if text:
        controls = len(CONTROL.findall(text))
        if controls / len(text) > MAX_CONTROL_SHARE:
            raise DecodeError(
                f"not text: {controls} control characters in {len(text)} "
                f"(decoded as {decoded.encoding})"
            )
    return decoded


def run(doc: Document, ctx: Context) -> Iterator[Batch]:
    """Decode ``doc.raw`` into ``doc.text``; record the encoding in ``meta['encoding']``."""
    if doc.raw is None:
        return
    decoded = decode(doc.raw)
    doc.raw = None
    doc.set_input(decoded.text)
    doc.meta["encoding"] = decoded.encoding
    if decoded.encoding != "utf-8":
        # Recorded as a change: the output is UTF-8 without BOM, so the bytes do change.
        doc.changes.append(Change("decode.encoding", "decode", None, decoded.encoding, "utf-8"))
    yield from ()
