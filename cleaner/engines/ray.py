"""The Ray engine: a batch as Ray Core tasks, one per shard, on a Ray cluster.

``cleaner clean PATHS --out OUT --engine ray [--address ADDR]``: the driver lists the inputs
once, splits them into N shards with the hash ``--shard`` uses (N: ``--jobs``, by default one
per CPU of the cluster) and submits one task per shard. Each task runs the local engine for
its shard in one process on one CPU of some node: the shard's locks, its manifest part
``manifest-000I-of-000N.jsonl``, its cache index. So a Ray run writes byte for byte what N
``--shard I/N`` runs write, and resumes as they do: a task run again (a rerun, or Ray's own
retry of a task whose worker died) skips what its shard's cache holds. This is datatrove's
design (one task per rank, completion markers); Ray Data is not used, since it rewrites
records (null fields added, nested objects made strings).

Every node must see PATHS and OUT at the same absolute paths (one machine, or a shared file
system) and run the same cleaner code: a task on a node with other code fails and says so.
Without an address (and no ``RAY_ADDRESS``) the run starts a private Ray on this machine,
on the loopback address only, and stops it at the end.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from cleaner.engines import local
from cleaner.engines.shards import Shard, plan_names, select
from cleaner.io import Source, UsageError

if TYPE_CHECKING:
    from cleaner.api import CleanerSpec
    from cleaner.batch import Batch, Plan
    from cleaner.report import Report

INSTALL = "--engine ray needs Ray, an optional extra: pip install 'cleaner[ray]'"


class ClusterFault(OSError):
    """A task could not run its shard (its worker or node died past Ray's retries, or the
    node runs other cleaner code): exit code 3, like any other environment fault."""


@dataclass(frozen=True, slots=True)
class ShardDone:
    """What one task sends back: its shard's counts (documents stay in OUT), its warnings,
    where it ran, when it started (``time.time()`` on its node), how long it took to build
    its cleaner (``setup``) and to run in all (``seconds``), and the CPU time it used."""

    shard: Shard
    report: Report
    warnings: list[str]
    node: str
    started: float
    setup: float
    seconds: float
    cpu: float


@dataclass(frozen=True, slots=True)
class RayRun:
    """What a Ray run did: each task's report, in shard order, when the first task was
    submitted (``time.time()``) and the wall time from then to the last result (connecting
    to the cluster not included)."""

    shards: list[ShardDone]
    submitted: float
    seconds: float


def require(address: str | None) -> ModuleType:
    """The ``ray`` module, or a :class:`~cleaner.io.UsageError` saying what to install.

    Without an address (and no ``RAY_ADDRESS``) the run will start a Ray of its own: when
    this imports Ray first, that Ray listens on the loopback address only and uses token
    authentication with a token kept in this process's environment (Ray reads both choices
    when it is imported).
    """
    if _private(address) and "ray" not in sys.modules:
        # Ray's switch for single-machine clusters (its default on macOS and Windows): a
        # private Ray never has other nodes, so nothing of it should listen on the network.
        os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
        # A Ray that lives for one run reports no usage statistics to Ray's makers.
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        # Token authentication, Ray's default for a new cluster, without the token file it
        # would otherwise write into ~/.ray.
        if "RAY_AUTH_MODE" not in os.environ:
            os.environ["RAY_AUTH_MODE"] = "token"
            os.environ["RAY_AUTH_TOKEN"] = secrets.token_hex(32)
    try:
        import ray
    except ImportError:
        raise UsageError(INSTALL) from None
    return ray


def run(
    batch: Batch,
    sources: list[Source],
    *,
    address: str | None = None,
    tasks: int = 0,
    progress: Callable[[int, int], None] = lambda _bytes, _records: None,
) -> RayRun:
    """Run ``batch`` over ``sources`` as ``tasks`` shards (0: one per CPU of the cluster).

    The counts of every shard are added to ``batch.report`` in shard order, so the summary
    and the errors listed are the same whichever task ends first. A task that fails raises
    its error here once every other task has ended (what they cleaned is kept for a rerun).
    """
    ray = require(address)
    connected_here = not ray.is_initialized()
    if connected_here:
        _connect(ray, address, private=_private(address))
    try:
        count = tasks or max(1, int(ray.cluster_resources().get("CPU", 1)))
        return _submit(ray, batch, sources, count, progress)
    finally:
        if connected_here:
            ray.shutdown()


def _private(address: str | None) -> bool:
    """True when a run starts a private Ray (no address given, no ``RAY_ADDRESS``)."""
    return address is None and not os.environ.get("RAY_ADDRESS")


def _connect(ray: ModuleType, address: str | None, *, private: bool) -> None:
    options: dict[str, Any] = {"logging_level": logging.WARNING, "log_to_driver": False}
    if private:
        affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
        options.update(
            num_cpus=len(affinity) if affinity else os.cpu_count() or 1,
            include_dashboard=False,
            object_store_memory=96 * 2**20,  # a spec and some counts: documents stay on disk
        )
    else:
        _reachable(address)
        options["address"] = address
    try:
        ray.init(**options)
    except (ConnectionError, RuntimeError, ValueError, ray.exceptions.RayError) as exc:
        where = address or os.environ.get("RAY_ADDRESS") or "a private Ray"
        raise ClusterFault(f"cannot connect to the Ray cluster at {where}: {exc}") from None


def _reachable(address: str | None) -> None:
    """Try the head's port first: ``ray.init`` waits forever for a head that never answers."""
    try:
        from ray._private.services import canonicalize_bootstrap_address

        target = canonicalize_bootstrap_address(address)  # what Ray will connect to
    except ImportError:  # another Ray: let ray.init find out
        return
    except (ValueError, ConnectionError) as exc:
        raise ClusterFault(f"no Ray cluster at {address}: {exc}") from None
    if target is None:
        return
    host, _, port = target.rpartition(":")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=10).close()
    except (OSError, ValueError) as exc:
        shown = address if target == address else f"{address} ({target})"
        reason = getattr(exc, "strerror", None) or exc
        raise ClusterFault(f"cannot reach the Ray cluster at {shown}: {reason}") from None


def _submit(
    ray: ModuleType,
    batch: Batch,
    sources: list[Source],
    count: int,
    progress: Callable[[int, int], None],
) -> RayRun:
    from cleaner.api import code_digest

    # Tasks run in other processes, on other nodes, in other folders: absolute paths only.
    plan = dataclasses.replace(batch.plan, out=batch.plan.out.absolute(), jobs=1)
    placed = [Source(s.id, s.path.absolute(), s.error) for s in sources]
    spec = ray.put(batch.cleaner.spec)  # the rule files' text, sent once per node
    clean_shard = ray.remote(num_cpus=1)(_clean_shard)
    submitted, started = time.time(), time.monotonic()
    pending: dict[Any, tuple[Shard, int]] = {}
    for index in range(count):
        shard = Shard(index, count)
        mine = select(placed, shard)
        ref = clean_shard.options(name=f"cleaner shard {index}/{count}").remote(
            spec, plan, mine, shard, code_digest()
        )
        pending[ref] = (shard, sum(source.size for source in mine))
    done: list[ShardDone] = []
    failures: list[tuple[Shard, BaseException]] = []
    while pending:
        ready, _ = ray.wait(list(pending), num_returns=1)
        shard, size = pending.pop(ready[0])
        try:
            finished = ray.get(ready[0])
        except ray.exceptions.RayTaskError as exc:
            failures.append((shard, exc.cause if exc.cause is not None else exc))
            continue
        except ray.exceptions.RayError as exc:  # a worker or node lost past Ray's retries
            failures.append((shard, ClusterFault(f"shard {shard.index}/{count}: {exc}")))
            continue
        done.append(finished)
        progress(size, finished.report.cleaned + len(finished.report.errors))
    seconds = time.monotonic() - started
    done.sort(key=lambda finished: finished.shard.index)
    for finished in done:
        _add(batch.report, finished.report)
        for warning in finished.warnings:
            batch.warn(warning)
    if failures:
        raise min(failures, key=lambda failure: failure[0].index)[1]
    return RayRun(done, submitted, seconds)


def _clean_shard(
    spec: CleanerSpec, plan: Plan, sources: list[Source], shard: Shard, code: str
) -> ShardDone:
    """One task: the local engine over one shard, in this worker process."""
    began, started, cpu = time.time(), time.monotonic(), time.process_time()
    from cleaner.api import code_digest
    from cleaner.batch import Batch
    from cleaner.report import Report

    node = socket.gethostname()
    if code_digest() != code:
        raise ClusterFault(
            f"node {node} runs other cleaner code ({code_digest()}) than the driver ({code}): "
            "install the same cleaner on every node"
        )
    warnings: list[str] = []
    report = Report()
    own_plan = dataclasses.replace(plan, **plan_names(shard))  # type: ignore[arg-type]
    batch = Batch(spec.build(), own_plan, report, _nowhere, warn=warnings.append)
    setup = time.monotonic() - started
    local.run(batch, sources, shard=shard)
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    return ShardDone(shard, report, warnings, node, began, setup, seconds, cpu)


def _nowhere(_text: str) -> None:
    """Where a task's diffs and explanations would go: a Ray run writes neither."""


def _add(total: Report, part: Report) -> None:
    total.changed += part.changed
    total.unchanged += part.unchanged
    total.skipped += part.skipped
    total.errors += part.errors
    for kind, number in part.kinds.items():
        total.kinds[kind] = total.kinds.get(kind, 0) + number


class HeadFailed(RuntimeError):
    """``ray start --head`` ended or hung before the cluster was up; the message has its log."""


@contextlib.contextmanager
def loopback_head(cpus: int = 2, *, pythonpath: str | None = None) -> Iterator[tuple[str, dict]]:
    """A one-machine Ray cluster for trying ``--address`` here (the tests and bench/scale.py
    use it): ``ray start --head --block`` on 127.0.0.1 with ``cpus`` CPUs and a token of its
    own; yields its address and the environment a driver needs; stopped at the end (SIGTERM,
    then its process group).
    """
    # A short private folder: Ray's sockets live under it, and socket paths are limited.
    folder = Path(tempfile.mkdtemp(prefix="ray-", dir="/tmp"))
    token = folder / "token"
    token.write_text(secrets.token_hex(32))
    env = {
        **os.environ,
        # Ray turns on token authentication by itself when it finds ~/.ray/auth_token: say so
        # explicitly, with a token of this cluster's own, for the cluster and its drivers.
        "RAY_AUTH_MODE": "token",
        "RAY_AUTH_TOKEN_PATH": str(token),
        # Ray swaps 127.0.0.1 for the machine's network address unless told this is a
        # single-machine cluster; then everything listens on the loopback address only.
        "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",
        "RAY_USAGE_STATS_ENABLED": "0",
    }
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log_path = folder / "start.log"
    with log_path.open("wb") as log:
        head = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "ray"),
                "start",
                "--head",
                "--block",  # stays in the foreground; SIGTERM stops every process it started
                f"--port={port}",
                "--node-ip-address=127.0.0.1",
                f"--num-cpus={cpus}",
                "--include-dashboard=false",
                "--object-store-memory=100000000",
                f"--temp-dir={folder / 't'}",
                "--disable-usage-stats",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 120
            while b"Ray runtime started" not in log_path.read_bytes():
                if head.poll() is not None or time.monotonic() > deadline:
                    raise HeadFailed("ray start failed:\n" + log_path.read_text())
                time.sleep(0.2)
            yield f"127.0.0.1:{port}", env
        finally:
            head.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                head.wait(timeout=60)
            # Whatever of the cluster is left (its session is the head's own process group).
            with contextlib.suppress(ProcessLookupError):
                os.killpg(head.pid, signal.SIGKILL)
            head.wait()
            shutil.rmtree(folder, ignore_errors=True)
