"""Shards: N independent runs that split the inputs by file and share one output folder.

``--shard I/N`` (I from 0 to N-1) takes the files whose id hashes to I modulo N, writes its
manifest part ``manifest-000I-of-000N.jsonl`` and its own cache index, and holds an OS lock
on its part for as long as it runs.

>>> shard = Shard.parse("1/3")
>>> shard.manifest
'manifest-0001-of-0003.jsonl'
>>> sorted(Shard.parse(f"{i}/3").owns("a.txt") for i in range(3))
[False, False, True]

Why a hash of the id and not the sorted index modulo N: a file's shard then depends on its
own name alone, never on which other files exist. Shards that list their inputs at different
moments (a file added between two array tasks, an object store's listing) still split them
without overlap or gap, and adding a file moves no other file to another shard, so resumes
and caches stay where they were. The price is balance: shard sizes vary by about the square
root of their size (3 shards of 1,000 files: within a few percent of each other).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol, TypeVar

from cleaner.io import MANIFEST, atomic_stream

PART = re.compile(r"manifest-(\d{4,})-of-(\d{4,})\.jsonl")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


S = TypeVar("S", bound=_HasId)


@dataclass(frozen=True, slots=True)
class Shard:
    """Shard ``index`` of ``count`` (0-based, as ``SLURM_ARRAY_TASK_ID`` of ``--array=0-N``)."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"I/N"`` as a shard; a :class:`ValueError` says what is wrong.

        >>> Shard.parse("3/2")
        Traceback (most recent call last):
        ...
        ValueError: --shard 3/2: I must be from 0 to N-1 (0 to 1)
        """
        found = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
        if found is None:
            raise ValueError(f"--shard {text}: expected I/N, e.g. 0/4 (shard 0 of 4)")
        index, count = int(found[1]), int(found[2])
        if count < 1 or count > 9999:
            raise ValueError(f"--shard {text}: N must be from 1 to 9999")
        if index >= count:
            raise ValueError(f"--shard {text}: I must be from 0 to N-1 (0 to {count - 1})")
        return cls(index, count)

    @property
    def label(self) -> str:
        return f"{self.index:04d}-of-{self.count:04d}"

    @property
    def manifest(self) -> str:
        """The file name of this shard's manifest part."""
        return f"manifest-{self.label}.jsonl"

    def owns(self, source_id: str) -> bool:
        """True when the input with this id belongs to this shard."""
        # surrogatepass: a file name that is not UTF-8 still hashes, the same way everywhere.
        digest = hashlib.sha256(source_id.encode("utf-8", "surrogatepass")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index


def select(sources: Sequence[S], shard: Shard | None) -> list[S]:
    """The sources a run takes: all of them, or those its shard owns (order kept)."""
    if shard is None:
        return list(sources)
    return [source for source in sources if shard.owns(source.id)]


def plan_names(shard: Shard | None) -> dict[str, str]:
    """The file names a shard writes instead of a whole run's (manifest part, cache index).

    >>> plan_names(Shard(1, 4))
    {'manifest_name': 'manifest-0001-of-0004.jsonl', 'cache_name': 'done-0001-of-0004.sqlite'}
    """
    if shard is None:
        return {}
    return {"manifest_name": shard.manifest, "cache_name": f"done-{shard.label}.sqlite"}


def split_jsonl(path: Path, lines: int, out: Path) -> list[Path]:
    """Split a JSONL file (``.jsonl`` or ``.jsonl.gz``) into parts of ``lines`` lines in ``out``.

    Part names carry the number of their first line in the whole file, so a manifest
    record's ``corpus-000010001.jsonl:5`` is line 10,005 of ``corpus.jsonl``; gzip stays gzip.
    Lines are copied byte for byte (blank and malformed ones too: cleaning reports them), so
    cleaning the parts gives what cleaning the file gives, one part per file, and the parts
    shard and resume as files do.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "c.jsonl").write_bytes(b"{}\\n" * 5)
    >>> [p.name for p in split_jsonl(folder / "c.jsonl", 2, folder / "parts")]
    ['c-000000001.jsonl', 'c-000000003.jsonl', 'c-000000005.jsonl']
    """
    if lines < 1:
        raise ValueError("--lines must be at least 1")
    compressed = path.name.endswith(".gz")
    suffix = ".jsonl.gz" if compressed else ".jsonl"
    stem = path.name[: -len(suffix)] if path.name.endswith(suffix) else path.stem
    parts: list[Path] = []
    opener = gzip.open if compressed else open
    with opener(path, "rb") as stream, contextlib.ExitStack() as open_part:
        sink: IO[bytes] | None = None
        for number, line in enumerate(stream):
            if number % lines == 0:
                open_part.close()  # the previous part is complete: renamed into place
                parts.append(out / f"{stem}-{number + 1:09d}{suffix}")
                sink = open_part.enter_context(atomic_stream(parts[-1], compress=compressed))
            assert sink is not None
            sink.write(line)
    return parts


def other_layouts(out: Path, shard: Shard | None) -> list[Path]:
    """Manifest files in ``out`` from a run split another way (or not split), which this run's
    own manifest replaces: once its shards finish, theirs would count documents twice."""
    own = shard.manifest if shard is not None else MANIFEST
    found = [out / MANIFEST] if (out / MANIFEST).is_file() else []
    found += [p for p in sorted(out.glob("manifest-*-of-*.jsonl")) if PART.fullmatch(p.name)]
    if shard is not None:
        found = [p for p in found if not p.name.endswith(f"-of-{shard.count:04d}.jsonl")]
    return [p for p in found if p.name != own]
