"""Who may write into an output folder: OS locks that die with their process.

An unsharded run holds ``.cleaner-cache/run.lock`` exclusively. Shard I of N holds it shared
(so an unsharded run cannot start beside shards, nor shards beside it), holds
``shards-of-000N.lock`` shared (a run with another N finds it held and stops) and
``shard-000I-of-000N.lock`` exclusively (a second run of the same shard stops). The checks
run under a short-lived ``guard.lock``, so two runs starting at once cannot both pass them.
``fcntl.flock`` locks are released by the kernel when their process dies, so ``kill -9``
never blocks a resume. Each exclusive lock file names its holder, for the message a refused
run prints (exit 3) and for :func:`sweep_temporaries`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import socket
import time
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from cleaner.engines.shards import Shard
from cleaner.io import TEMP_PREFIX, Locked

LOCKS = ".cleaner-cache"
HOLDER = re.compile(r"cleaner pid (\d+) on (\S+)")
TEMPORARY = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)-.*\.tmp")


# The lock files this process holds. A forked worker (a pool's) inherits their descriptors,
# and with them the locks (an flock belongs to the open file, which the fork shares), so a
# worker that outlives a killed run would keep the folder locked until its task ends. The
# child closes its copies at once; closing a copy does not unlock the parent's.
_HELD: weakref.WeakSet[IO[str]] = weakref.WeakSet()


def _close_inherited() -> None:
    for handle in list(_HELD):
        handle.close()
    _HELD.clear()


os.register_at_fork(after_in_child=_close_inherited)


class OutputLock:
    """The locks one run (sharded or not) holds on an output folder while it writes."""

    def __init__(self, out: Path, shard: Shard | None = None) -> None:
        self.out = out
        self.shard = shard
        self.folder = out / LOCKS
        self._held: list[IO[str]] = []

    def acquire(self) -> None:
        """Take the locks, or raise :class:`~cleaner.io.Locked` naming the run in the way."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with self._locked("guard.lock", fcntl.LOCK_EX, blocking=True):
            try:
                self._acquire()
            except BaseException:
                self.release()
                raise

    def _acquire(self) -> None:
        shard = self.shard
        if shard is None:
            if not self._take("run.lock", fcntl.LOCK_EX):
                raise self._refused(self._holders())
            self._write_holder(self._held[-1], "")
            return
        if not self._take("run.lock", fcntl.LOCK_SH):
            raise self._refused([_holder_of(self.folder / "run.lock")])
        for layout in sorted(self.folder.glob("shards-of-*.lock")):
            if layout.name == f"shards-of-{shard.count:04d}.lock":
                continue
            with self._locked(layout.name, fcntl.LOCK_EX) as free:
                if not free:
                    count = int(layout.name[len("shards-of-") : -len(".lock")])
                    raise self._refused(self._holders(count))
        if not self._take(f"shards-of-{shard.count:04d}.lock", fcntl.LOCK_SH):
            raise self._refused(self._holders(shard.count))
        if not self._take(f"shard-{shard.label}.lock", fcntl.LOCK_EX):
            raise self._refused([_holder_of(self.folder / f"shard-{shard.label}.lock")])
        self._write_holder(self._held[-1], f" (shard {shard.index}/{shard.count})")

    def release(self) -> None:
        for handle in reversed(self._held):
            handle.close()  # closing the file releases its lock
        self._held.clear()

    def _take(self, name: str, mode: int) -> bool:
        handle = (self.folder / name).open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._held.append(handle)
        _HELD.add(handle)
        return True

    @contextlib.contextmanager
    def _locked(self, name: str, mode: int, *, blocking: bool = False) -> Iterator[bool]:
        with (self.folder / name).open("a+", encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, mode if blocking else mode | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            yield True

    def _write_holder(self, handle: IO[str], note: str) -> None:
        handle.seek(0)
        handle.truncate()
        started = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
        handle.write(f"cleaner pid {os.getpid()} on {socket.gethostname()} since {started}{note}\n")
        handle.flush()

    def _holders(self, count: int | None = None) -> list[str]:
        """The runs holding shard locks (of ``count`` shards, or any), else the run lock."""
        pattern = f"shard-*-of-{count:04d}.lock" if count is not None else "shard-*.lock"
        found = [
            holder
            for path in sorted(self.folder.glob(pattern))
            if (holder := _holder_of(path, fcntl.LOCK_SH)) is not None
        ]
        if not found and count is None:
            found = [_holder_of(self.folder / "run.lock", fcntl.LOCK_SH)]
        return [holder for holder in found if holder] or ["another run"]

    def _refused(self, holders: list[str | None]) -> Locked:
        named = "; ".join(holder or "another run" for holder in holders)
        what = f"shard {self.shard.index}/{self.shard.count}" if self.shard else "an unsharded run"
        return Locked(f"{self.out} is in use by {named}; {what} cannot start until it ends")


def _holder_of(path: Path, mode: int = fcntl.LOCK_EX) -> str | None:
    """What a held lock file says about its holder; None when nobody holds it."""
    try:
        handle = path.open("r", encoding="utf-8")
    except OSError:
        return None
    with handle:
        try:
            fcntl.flock(handle, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            return handle.read().strip() or "another run"
        return None


def live_pids(out: Path) -> set[int]:
    """The process ids that hold a writer's lock on ``out`` now (this process included)."""
    folder = out / LOCKS
    pids: set[int] = set()
    candidates = [*folder.glob("shard-*.lock"), folder / "run.lock"]
    for path in candidates:
        # LOCK_SH fails only against an exclusive holder: the one that wrote the file.
        holder = _holder_of(path, fcntl.LOCK_SH)
        found = HOLDER.match(holder or "")
        if found is not None:
            pids.add(int(found[1]))
    return pids


def sweep_temporaries(out: Path) -> int:
    """Remove the temporary files (``.cleaner-<pid>-*.tmp``) that a dead run left in ``out``.

    A file is stale when no process with its pid holds a lock on ``out``: its writer died
    (``kill -9``, a lost node) before renaming it into place. Files of live runs, this one
    included, are left alone. Returns how many were removed.
    """
    live = live_pids(out)
    removed = 0
    for folder, _, files in os.walk(out):
        for name in files:
            found = TEMPORARY.fullmatch(name)
            if found is None or int(found[1]) in live:
                continue
            with contextlib.suppress(FileNotFoundError):
                Path(folder, name).unlink()
                removed += 1
    return removed
