"""The local engine: one process (and its workers) runs one shard, or the whole batch.

It takes the output folder's locks (:mod:`cleaner.engines.locks`), removes what dead runs
left half-written, hands its shard's sources to the batch, and then removes the manifest of a
run split another way (this run's replaces it). Resuming needs nothing more:
the batch's cache records each document as it finishes, so a rerun skips those.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cleaner.engines.locks import OutputLock, sweep_temporaries
from cleaner.engines.shards import Shard, other_layouts

if TYPE_CHECKING:
    from cleaner.batch import Batch
    from cleaner.io import Source


def run(
    batch: Batch,
    sources: list[Source],
    *,
    shard: Shard | None = None,
    progress: Callable[[int, int], None] = lambda _bytes, _records: None,
) -> None:
    """Run ``batch`` over ``sources`` (already this shard's) holding the output folder's locks.

    A run that writes nothing (``--check``, ``--diff``) takes no lock.
    """
    lock = OutputLock(batch.plan.out, shard) if batch.plan.write else None
    if lock is not None:
        lock.acquire()
    try:
        if lock is not None:
            sweep_temporaries(batch.plan.out)
        batch.run(sources, progress)
        # After the run, not before: the manifests of a run split another way are where the
        # records its cache holds are read from. Safe under the lock: no run split another
        # way is writing into this folder.
        if lock is not None and batch.plan.manifest is None:
            for stale in other_layouts(batch.plan.out, shard):
                stale.unlink(missing_ok=True)
    finally:
        if lock is not None:
            lock.release()
