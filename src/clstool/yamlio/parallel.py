"""Territory by territory, in worker processes when there are many: for commands that read a
whole region or country (``report`` overview, ``export --format oscars``).

Each territory is loaded, turned into something small (a summary, rows) and dropped by the
function given, so memory stays flat whatever the corpus; the results come back in order.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from clstool.yamlio.load import Territory

T = TypeVar("T")

#: Below this many territories, worker processes cost more than they save.
PARALLEL_MIN_TERRITORIES = 16


def _chunk(args: tuple[Callable[..., Any], list[Territory], tuple]) -> list[Any]:
    fn, territories, extra = args
    return [fn(t, *extra) for t in territories]


def each_territory(fn: Callable[..., T], territories: list[Territory], *extra: Any,
                   jobs: int | None = None) -> Iterator[T]:
    """``fn(territory, *extra)`` for every territory, in order. ``fn`` must be a module-level
    function and its result picklable; ``jobs``: processes (None: one per core)."""
    workers = min(jobs or os.cpu_count() or 1, len(territories))
    done = 0  # territories already given back, not to be given twice if the workers fail
    if workers > 1 and len(territories) >= PARALLEL_MIN_TERRITORIES:
        size = max(1, -(-len(territories) // (workers * 20)))
        chunks = [territories[i:i + size] for i in range(0, len(territories), size)]
        try:
            context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                for part in pool.map(_chunk, [(fn, c, extra) for c in chunks]):
                    for result in part:
                        done += 1
                        yield result
            return
        except (OSError, BrokenProcessPool):
            pass  # no worker processes here (sandbox, no /dev/shm): the rest in this process
    for territory in territories[done:]:
        yield fn(territory, *extra)
