"""Paths with a scheme (``s3://``, ``gs://``, ``hf://``, ``file://``, ``memory://``) via fsspec.

A run over remote inputs or into a remote output folder is staged: remote inputs are copied
into a private local folder (keeping their relative paths, so ids and outputs are what they
would be locally), the batch runs there as any local run does, and the outputs and manifest
are then uploaded under the remote ``--out``, one object per file (an object store makes each
upload appear whole or not at all, as the local rename does). fsspec is an optional extra:
without it, a path with a scheme is a usage error saying what to install.

>>> is_url("s3://bucket/in/"), is_url("docs/a.txt"), is_url("C:/x")
(True, False, False)
>>> from_argument(Path("s3://bucket/in")), from_argument(Path("file:///tmp/x"))
('s3://bucket/in', 'file:///tmp/x')
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cleaner.io import CACHE_FOLDER, TEMP_PREFIX, UsageError

# A scheme of two letters or more: a Windows drive letter (C:/) is not one.
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]+)://")
# pathlib folds "s3://b/k" into "s3:/b/k": what a Path argument looks like after that.
FOLDED = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]+):/(?!/)(.*)", re.DOTALL)
INSTALL = (
    "pip install 'cleaner[remote]' (fsspec and s3fs; for gs:// add gcsfs, for hf:// "
    "huggingface_hub)"
)


def is_url(text: str | Path) -> bool:
    """True for a path with a scheme (``s3://...``), as given or as pathlib folded it."""
    text = str(text)
    return SCHEME.match(text) is not None or FOLDED.fullmatch(text) is not None


def from_argument(path: str | Path) -> str:
    """A URL as the user typed it, from a command-line ``Path`` that folded its ``//``."""
    text = str(path)
    if SCHEME.match(text):
        return text
    found = FOLDED.fullmatch(text)
    if found is None:
        return text
    scheme, rest = found[1], found[2]
    # file:///tmp/x folds to file:/tmp/x: its path is absolute, the slash after // stays.
    return f"{scheme}:///{rest}" if scheme == "file" else f"{scheme}://{rest}"


def filesystem(url: str) -> tuple[Any, str]:
    """The fsspec filesystem for ``url`` and the path inside it; a usage error without fsspec
    or the scheme's package."""
    try:
        import fsspec
    except ImportError:
        raise UsageError(f"{url}: reading and writing URLs needs fsspec: {INSTALL}") from None
    try:
        return fsspec.core.url_to_fs(url)
    except ImportError as exc:
        raise UsageError(f"{url}: {exc}; {INSTALL}") from None
    except ValueError as exc:  # an unknown scheme
        raise UsageError(f"{url}: {exc}") from None


class Staging:
    """Local stand-ins for remote inputs and a remote ``--out``; nothing to do when all are
    local. ``paths`` and ``out`` are what the batch uses; :meth:`upload` sends the results."""

    def __init__(self, paths: Sequence[Path] | None, out: Path) -> None:
        given = [from_argument(p) for p in paths or []]
        remote_out = is_url(out)
        self.remote_out = from_argument(out) if remote_out else None
        self.paths: list[Path] | None = list(paths) if paths is not None else None
        self.out = out
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        if not remote_out and not any(is_url(p) for p in given):
            return
        for url in [*(p for p in given if is_url(p)), *([self.remote_out] if remote_out else [])]:
            filesystem(url)  # say what to install before anything is read or written
        self._folder = tempfile.TemporaryDirectory(prefix="cleaner-stage-")
        root = Path(self._folder.name)
        self.paths = [
            self._download(p, root / "in" / str(n)) if is_url(p) else Path(p)
            for n, p in enumerate(given)
        ]
        if remote_out:
            self.out = root / "out"

    @property
    def active(self) -> bool:
        return self._folder is not None

    def _download(self, url: str, into: Path) -> Path:
        fs, path = filesystem(url)
        name = path.rstrip("/").rsplit("/", 1)[-1] or "root"
        target = into / name
        try:
            if fs.isdir(path):
                target.mkdir(parents=True)
                prefix = path.rstrip("/") + "/"
                for found in sorted(fs.find(path)):
                    relative = found[len(prefix) :] if found.startswith(prefix) else None
                    if not relative:
                        continue
                    local = target / relative
                    local.parent.mkdir(parents=True, exist_ok=True)
                    fs.get_file(found, str(local))
            elif fs.isfile(path):
                into.mkdir(parents=True)
                fs.get_file(path, str(target))
            else:
                raise UsageError(f"{url}: no such file or folder")
        except FileNotFoundError:
            raise UsageError(f"{url}: no such file or folder") from None
        return target

    def upload(self) -> int:
        """Send the outputs and manifest (not the cache) to the remote ``--out``; how many."""
        if self.remote_out is None:
            return 0
        fs, base = filesystem(self.remote_out)
        base = base.rstrip("/")
        sent = 0
        for folder, folders, files in os.walk(self.out):
            folders[:] = sorted(f for f in folders if f != CACHE_FOLDER)
            for name in sorted(files):
                if name.startswith(TEMP_PREFIX):
                    continue
                local = Path(folder, name)
                relative = local.relative_to(self.out).as_posix()
                target = f"{base}/{relative}"
                # Object stores need no folders; a file system (file://) does.
                fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
                fs.put_file(str(local), target)
                sent += 1
        return sent

    def close(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder.name, ignore_errors=True)
            self._folder = None
