"""Ordered, bounded parallel map over worker processes, each with its own Cleaner.

Results come back in input order whatever the number of workers, so outputs and manifests
are byte-identical with ``--jobs 1`` and ``--jobs N``. At most ``window`` tasks are in flight,
so memory stays flat however long the input is (``Pool.imap`` would read it all ahead).
Items travel in chunks of up to ``chunk`` (one message each way per chunk): the parent shares
the two cores with its workers, and every message it pickles or unpickles is time they lose.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from cleaner.api import Cleaner, CleanerSpec

T = TypeVar("T")
R = TypeVar("R")

class Done(NamedTuple):
    """An item whose result is already known (a cache hit): passed through in its place."""

    value: Any


# Each worker process builds its cleaner once, in the pool initializer; it lives as long as
# the worker and is never shared with another process.
_worker_cleaner: Cleaner | None = None


def _init(spec: CleanerSpec) -> None:
    global _worker_cleaner
    _worker_cleaner = spec.build()


def _call(task: tuple[Callable[[Cleaner, Any], Any], list[Any]]) -> list[Any]:
    function, items = task
    assert _worker_cleaner is not None
    return [function(_worker_cleaner, item) for item in items]


def ordered_map(
    function: Callable[[Cleaner, T], R],
    items: Iterable[T],
    *,
    jobs: int,
    spec: CleanerSpec,
    local: Cleaner | None = None,
    window: int | None = None,
    chunk: int = 1,
    weight: Callable[[T], int] | None = None,
    budget: int = 0,
) -> Iterator[R]:
    """``function(cleaner, item)`` for each item, in order, on ``jobs`` processes.

    With one job everything runs here, with ``local`` (or a cleaner built from ``spec``). A
    :class:`Done` item yields its value without any work, in its place in the order. Up to
    ``chunk`` consecutive items go to a worker as one task, fewer when their ``weight``
    reaches ``budget`` (a few big documents are not all one worker's while another idles);
    ``window`` tasks are in flight.
    """
    if jobs <= 1:
        cleaner = local or spec.build()
        for item in items:
            yield item.value if isinstance(item, Done) else function(cleaner, item)
        return
    limit = window or jobs * 4
    context = multiprocessing.get_context("fork" if "fork" in _methods() else "spawn")
    with context.Pool(jobs, initializer=_init, initargs=(spec,)) as pool:
        pending: deque[Any] = deque()  # Done items and the tasks of chunks, in order
        for group in chunks(items, chunk, weight, budget):
            if not isinstance(group, Done):
                group = pool.apply_async(_call, ((function, group),))
            pending.append(group)
            if len(pending) >= limit:
                yield from _get(pending.popleft())
        while pending:
            yield from _get(pending.popleft())


def chunks(
    items: Iterable[T],
    size: int,
    weight: Callable[[T], int] | None = None,
    budget: int = 0,
) -> Iterator[list[T] | Done]:
    """Consecutive items in lists of up to ``size``, cut early where their ``weight`` reaches
    ``budget``; a :class:`Done` item passes alone, in its place.

    >>> list(chunks([1, 1, 5, 1, Done(0), 1], 3, weight=lambda n: n, budget=5))
    [[1, 1, 5], [1], Done(value=0), [1]]
    """
    gathered: list[T] = []
    load = 0
    for item in items:
        if isinstance(item, Done):
            if gathered:
                yield gathered
                gathered, load = [], 0
            yield item
            continue
        gathered.append(item)
        load += weight(item) if weight is not None else 0
        if len(gathered) >= size or (weight is not None and load >= budget):
            yield gathered
            gathered, load = [], 0
    if gathered:
        yield gathered


def _get(pending: Any) -> list[Any]:
    return [pending.value] if isinstance(pending, Done) else pending.get()


def _methods() -> list[str]:
    return multiprocessing.get_all_start_methods()
