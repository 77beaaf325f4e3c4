"""Fuzzing the on-disk cache: whatever an entry holds (another JSON value, a near-valid entry
with odd fields, random bytes), ``validate`` never raises and its diagnostics keep valid
positions; an entry that is not a well-formed entry is ignored, so the result is the same as
without the cache. (A cache lives in the user's folder: editors, disk errors and other
versions of clstool touch it.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fuzz_strategies import CONTRAT, fuzz_settings
from hypothesis import example, given
from hypothesis import strategies as st

from clstool.lint.cache import FORMAT
from clstool.lint.run import validate

FICHE = 'id: "1-1"\naxe: "1"\ntitre: Une action\ntypologie: nouvelle\n'  # one schema error

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 10**12), st.floats(allow_nan=False),
              st.text(max_size=10)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children,
                                                                              max_size=4)),
    max_leaves=20,
)
_field = st.one_of(st.integers(-2, 3), st.text(max_size=6), st.none(), st.floats(allow_nan=False),
                   st.sampled_from(["error", "warning", "info", "CLS020", ""]))
near_valid = st.builds(
    lambda files, rows: {"format": FORMAT, "files": files, "diagnostics": rows},
    st.integers(0, 3),
    st.lists(st.lists(_field, min_size=7, max_size=7), max_size=3),
)
entries = st.one_of(json_values.map(lambda v: json.dumps(v).encode()),
                    near_valid.map(lambda v: json.dumps(v).encode()),
                    st.binary(max_size=200))


@pytest.fixture(scope="module")
def terr(tmp_path_factory) -> tuple[Path, dict]:
    root = tmp_path_factory.mktemp("cachefuzz") / "terr"
    (root / "fiches").mkdir(parents=True)
    (root / "contrat.yaml").write_text(CONTRAT, encoding="utf-8")
    (root / "fiches" / "1-1.yaml").write_text(FICHE, encoding="utf-8")
    return root, validate([str(root)]).to_json()


@fuzz_settings(0.2)
@given(content=entries)
@example(content=b"[1, 2]")
@example(content=b"[[[]], false]")  # the rules' facts entry with a list where a code goes (found by CI's fuzzing)
@example(content=b'[[{"a": 1}], true]')
@example(content=b'{"format": 2, "files": 2, "diagnostics": [[0, "x", 1, "CLS020", "m", "error", ""]]}')
def test_damaged_cache_entries_are_ignored(terr, tmp_path_factory, content):
    root, reference = terr
    cache = tmp_path_factory.mktemp("cache")
    first = validate([str(root)], cache_dir=cache).to_json()
    assert first == reference
    entries = [p for p in cache.rglob("*.json")]
    assert entries, "validate with a cache folder wrote no entry"
    for entry in entries:
        entry.write_bytes(content)
    again = validate([str(root)], cache_dir=cache)
    for d in again.diagnostics:
        assert isinstance(d.line, int) and isinstance(d.column, int) and d.line >= 1 and d.column >= 1, d
    try:
        shape_ok = json.loads(content)["format"] == FORMAT
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        shape_ok = False
    if not shape_ok:
        assert again.to_json() == reference
