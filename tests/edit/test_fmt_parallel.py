"""``fmt`` on many territories shares them among worker processes: same results, same bytes,
in the same order, as one process; a pool that breaks midway gives nothing twice."""

from __future__ import annotations

import shutil
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
import yaml
from conftest import DATA

from clstool.edit import fmt
from clstool.yamlio import parallel
from clstool.yamlio.load import discover


def _corpus(root: Path, count: int) -> Path:
    """``count`` copies of data/montpellier, two fiches of each dumped by PyYAML (keys sorted,
    single quotes): fmt has work to do."""
    for n in range(count):
        terr = root / f"t{n:02d}"
        shutil.copytree(DATA / "montpellier", terr)
        for fiche in sorted((terr / "fiches").glob("*.yaml"))[n % 5:n % 5 + 2]:
            data = yaml.safe_load(fiche.read_text(encoding="utf-8"))
            fiche.write_text(yaml.safe_dump(data, allow_unicode=True, width=60), encoding="utf-8")
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


@pytest.mark.parametrize("write", [False, True])
def test_worker_processes_give_what_one_process_gives(tmp_path, monkeypatch, write):
    count = parallel.PARALLEL_MIN_TERRITORIES + 1
    one, many = _corpus(tmp_path / "un", count), _corpus(tmp_path / "plusieurs", count)
    assert _files(one) == _files(many)
    with monkeypatch.context() as m:
        m.setattr(parallel, "PARALLEL_MIN_TERRITORIES", 10**6)
        serial = fmt.format_paths([str(one)], write=write)
    shared = fmt.format_paths([str(many)], write=write)
    assert sum(r.changed for r in serial) == 2 * count
    assert [(Path(r.display).relative_to(one), r.changed, r.error, r.formatted) for r in serial] == \
           [(Path(r.display).relative_to(many), r.changed, r.error, r.formatted) for r in shared]
    assert _files(one) == _files(many)


def test_a_pool_that_breaks_midway_gives_each_territory_once(tmp_path, monkeypatch):
    terrs = discover([str(_corpus(tmp_path, parallel.PARALLEL_MIN_TERRITORIES))])

    class Breaking:  # the first chunk comes back, then the workers die
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def map(self, fn, chunks):
            yield fn(chunks[0])
            raise BrokenProcessPool("a worker died")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Breaking)
    names = list(parallel.each_territory(_name, terrs, jobs=2))
    assert names == [t.root.name for t in terrs]


def _name(territory) -> str:
    return territory.root.name
