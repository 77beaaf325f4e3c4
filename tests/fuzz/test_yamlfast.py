"""The C reader (``clstool.yamlio._yamlfast``) against the Python reader it stands in for.

``read_yaml`` reads most files with the C reader and leaves the rest (anything beyond plain
mappings, sequences and scalars, and every error) to the Python reader. Whatever the input,
the C reader must either decline (None) or give exactly what ``read_yaml(raw, use_c=False)``
gives: the same data,
with the same types (``oui`` stays text, ``1e3`` is a float), and the same position for every
key and value. Checked on every real file of the repository and on random documents.

CI builds the extension (``.ci/setup`` installs libyaml's header); elsewhere, without it, these
tests are skipped and clstool reads everything the Python way.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fuzz_strategies import fuzz_settings, mutated_yaml, random_bytes, schema_fiches
from hypothesis import example, given

from clstool.yamlio import read as yamlsource
from clstool.yamlio.limits import MAX_NODES
from clstool.yamlio.read import YamlError, decode, read_c, read_yaml

ROOT = Path(__file__).resolve().parents[2]
fast = yamlsource._yamlfast
needs_fast = pytest.mark.skipif(
    fast is None, reason="extension C non compilée (en-tête libyaml ou compilateur C absent à l'installation)")


def test_ci_builds_the_extension():
    """Where CI asks for it (``CLSTOOL_REQUIRE_C=1``), a missing build is a failure, not a skip:
    the benchmarks and the speed targets depend on it."""
    if os.environ.get("CLSTOOL_REQUIRE_C") == "1":
        assert fast is not None, "clstool.yamlio._yamlfast n'a pas été compilé (libyaml-dev ? compilateur C ?)"
    else:
        pytest.skip("CLSTOOL_REQUIRE_C non défini")


def test_built_extension_is_the_active_reader():
    """A built extension is used, whatever libyaml PyYAML bundles (a version check once
    switched it off silently on every fresh install), and ``--version`` says which reader."""
    import importlib.util

    built = importlib.util.find_spec("clstool.yamlio._yamlfast") is not None
    assert (fast is not None) == built
    assert ("C (libyaml" in yamlsource.active_reader()) == built


def same(a, b) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True for ==)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(k, m) for k, m in zip(a, b, strict=False)) \
            and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=False))
    if isinstance(a, float) and a != a:
        return b != b
    return a == b


def check(raw: bytes) -> bool:
    """The C reader declines, or agrees with the Python reader. True when it read the file."""
    if len(raw) > yamlsource.MAX_BYTES:  # read_yaml never asks the C reader then
        return False
    try:
        text, _ = decode(raw)
    except YamlError:
        return False
    if not text or text.isspace():  # read_yaml never asks the C reader then
        return False
    found = read_c(raw)
    if found is None:
        return False
    try:
        expected = read_yaml(raw, use_c=False)
    except YamlError as exc:
        raise AssertionError(f"le lecteur C lit un fichier que Python refuse : {exc.problem}") from None
    assert not [p for p in expected.problems if p.code != "CLS002"], "le lecteur C passe sur un problème"
    assert same(found[0], expected.data)
    assert found[1] == expected.positions
    return True


def repository_files() -> list[Path]:
    return sorted(p for folder in ("data", "examples", "tests")
                  for p in (ROOT / folder).rglob("*.yaml") if p.is_file())


@needs_fast
def test_every_yaml_file_of_the_repository_reads_the_same():
    files = repository_files()
    assert len(files) > 50
    read = sum(check(path.read_bytes()) for path in files)
    assert read >= len(files) * 0.8  # the C reader does read the real files, not decline them


@needs_fast
@pytest.mark.parametrize("text, reads", [
    ("a: 1\nb: 1.5\nc: 1e3\nd: oui\ne: ~\nf:\ng: true\nh: True\ni: '12'\nj: 2024-03-15\n", True),
    ("- x\n- [1, 'a', {b: NULL}]\n- {}\n- []\n", True),
    ("texte: |\n  ligne 1\n  ligne 2\nplié: >-\n  a\n  b\n", True),
    ("ﬁ: « é » — ☒\n'clé': \"\\u00e9\\t\"\n", True),
    ("a: 1\r\nb:\r\n  - x\r\n", True),
    ("a: 1\rb: 2\r", True),
    ("a: x\u2028b: y\n", True),
    ("2024: x\n1.5: y\n~: z\ntrue: t\n", True),
    ("scalaire seul\n", True),
    ("a: +12\nb: -0\nc: 007\nd: .5\ne: 1.\nf: 1e3\ng: 1E-2\nh: -.5e+3\ni: 1_000\nj: 0x1F\nk: .inf\n"
     "l: +\nm: -x\nn: 1e\no: 12abc\np: nulls\nq: Truee\nr: 99999999999999999999999\ns: '1'\nt: \"true\"\n"
     "u: tRUE\nv: 1.5.2\nw: 2024-2027\nx: 1 000\ny: 5 %\nz: -1e-3x\n", True),
    ("texte sur\n  deux lignes\n", True),
    ("- 1\n- 2.\n-  nULL\n- ~\n- ''\n- fAlse\n- FALSE\n", True),
    ("a: " + "9" * 5000 + "\n", False),  # Python's int() refuses so many digits
    ("---\na: 1\n...\n", True),
    ("", False),
    ("# rien\n", False),
    ("a: 1\na: 2\n", False),  # duplicate key: reported by the Python reader
    ("a: &x 1\nb: *x\n", False),  # anchors and aliases
    ("a: !!str 1\n", False),  # tags
    ("a: !!map {}\n", False),
    ("a: 1\n---\nb: 2\n", False),  # two documents
    ("a: [1, 2\n", False),  # syntax error
    ("a:\n\tb: 1\n", False),
    ("[" * 70 + "]" * 70 + "\n", False),  # deeper than MAX_DEPTH
    ("[" * 64 + "]" * 64 + "\n", True),
    ("[" * 65 + "]" * 65 + "\n", False),
    ("? [a]\n: 1\n", False),  # a key that is not a scalar
])
def test_known_cases(text, reads):
    assert check(text.encode("utf-8")) is reads


@needs_fast
def test_bom_and_size_limits():
    assert check(b"\xef\xbb\xbfa: 1\n")
    many = "".join(f"- {i}\n" for i in range(MAX_NODES + 1)).encode()
    assert not check(many)  # more values than MAX_NODES: the Python reader refuses it


@needs_fast
@fuzz_settings(share=1.0)
@given(raw=mutated_yaml())
@example(raw=b"a:\n  - b: 1\n    c: [x, y]\n  - 'd'\n")
def test_random_documents_read_the_same(raw):
    check(raw)


@needs_fast
@fuzz_settings(share=0.5)
@given(raw=schema_fiches())
def test_random_fiches_read_the_same(raw):
    check(raw)


@needs_fast
@fuzz_settings(share=0.5)
@given(raw=random_bytes)
def test_random_bytes_read_the_same(raw):
    check(raw)
