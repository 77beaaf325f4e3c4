"""Hypothesis strategies for fuzzing the loader and ``validate`` (tests/fuzz/).

Three families of input, from the crudest to the most plausible:

- :func:`random_bytes`: any bytes;
- :func:`mutated_yaml`: random YAML documents (``st.recursive`` of scalars, lists and mappings,
  dumped by PyYAML in block or flow style), then damaged the way people and tools damage files:
  characters deleted or inserted, indentation changed, tabs, a BOM, a Latin-1 re-encoding,
  a duplicated line (duplicate keys), anchors and aliases, an alias bomb, deep nesting;
- :func:`schema_fiches`: fiches built from the pydantic models (every field with a value of
  the declared type), optionally mutated at the data level (a value replaced by one of another
  type, a key misspelt, removed or added) and then at the text level.

The number of examples comes from ``CLSTOOL_FUZZ_EXAMPLES`` (default 200, CI) so that
``benchmarks/fuzz_long.py`` can run the same properties much longer.
"""

from __future__ import annotations

import os
from typing import Any, Literal, get_args, get_origin

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from clstool.model.documents import Fiche

EXAMPLES = int(os.environ.get("CLSTOOL_FUZZ_EXAMPLES", "200"))

#: The contract of the territories the fuzz tests build around their random fiches.
CONTRAT = """\
territoire: Ville fictive
intitule: Contrat Local de Santé de test (fictif)
periode:
  debut: 2022
  fin: 2027
axes:
  - id: "1"
    titre: Premier axe
transitions:
  sociale: une lentille
"""


def fuzz_settings(share: float = 1.0) -> settings:
    """``share`` of ``EXAMPLES`` examples (at least 3), no deadline, no health check on size."""
    return settings(max_examples=max(3, int(EXAMPLES * share)), deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much, HealthCheck.large_base_example])


# --- bytes and YAML text --------------------------------------------------------------------------

random_bytes = st.binary(max_size=3000)

_WORDS = ["id", "axe", "titre", "suivi", "statut", "periode", "oui", "non", "true", "2024", "1-1",
          "Réalisé", "café", "ü", "€", "a: b", "- x", "#", "&a", "*a", "~", "null", "1e3", "0x1F"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.sampled_from(_WORDS),
)
keys = st.one_of(st.sampled_from(["id", "axe", "titre", "typologie", "declinaisons", "suivi",
                                  "calendrier", "indicateurs", "2024", "x"]), st.text(max_size=12),
                 st.integers(2000, 2040))
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(keys, children, max_size=5)),
    max_leaves=40,
)

_INSERTS = [":", ": ", "-", "- ", "[", "]", "{", "}", '"', "'", "&a ", "*a", "!!int ", "!x ", "|", ">",
            "#", "%", "@", "`", "\t", "\n", "\r", "\r\n", " ", "  ", "\x00", "\x07", "\ufeff", "\x85",
            "\u2028", "é", "€", "\ud7ff", "---\n", "...\n", "? ", ",", "\\"]


def dump(value: Any, style: bool | None, unicode: bool) -> str:
    return yaml.safe_dump(value, default_flow_style=style, allow_unicode=unicode, sort_keys=False)


@st.composite
def mutated_yaml(draw, base=None) -> bytes:
    """A YAML text (from ``base`` or a random document) with up to 6 mutations, as bytes."""
    if base is None:
        base = dump(draw(yaml_values), draw(st.sampled_from([False, True, None])), draw(st.booleans()))
    text: str = base
    encoding = "utf-8"
    prefix = b""
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["delete", "insert", "indent", "tab", "dupline", "alias", "bom",
                                   "latin1", "nest", "bomb", "truncate", "crlf"]))
        lines = text.split("\n")
        at = draw(st.integers(0, max(len(text) - 1, 0)))
        row = draw(st.integers(0, max(len(lines) - 1, 0)))
        if op == "delete" and text:
            text = text[:at] + text[at + draw(st.integers(1, 4)):]
        elif op == "insert":
            text = text[:at] + draw(st.sampled_from(_INSERTS)) + text[at:]
        elif op == "indent":
            stripped = lines[row].lstrip(" ")
            lines[row] = " " * draw(st.integers(0, 9)) + stripped
            text = "\n".join(lines)
        elif op == "tab":
            lines[row] = "\t" + lines[row]
            text = "\n".join(lines)
        elif op == "dupline":
            lines.insert(row, lines[row])
            text = "\n".join(lines)
        elif op == "alias":
            text = "base: &a " + draw(st.sampled_from(["[1, 2]", "{x: 1}", "texte", "&b [*a]"])) + "\n" + \
                text + "\nref: *a\nautre: *" + draw(st.sampled_from(["a", "b", "zz"])) + "\n"
        elif op == "bom":
            prefix = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]))
        elif op == "latin1":
            encoding = draw(st.sampled_from(["latin-1", "cp1252", "utf-16", "utf-16-le"]))
        elif op == "nest":
            depth = draw(st.integers(10, 300))
            text = text[:at] + "[" * depth + "x" + "]" * draw(st.integers(0, depth)) + text[at:]
        elif op == "bomb":
            text = ('a: &a ["x","x","x","x","x","x","x","x","x"]\n'
                    + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n"
                              for p, c in zip("abcdefg", "bcdefgh", strict=False)) + text)
        elif op == "truncate":
            text = text[:at]
        elif op == "crlf":
            text = text.replace("\n", "\r\n")
    return prefix + text.encode(encoding, errors="replace")


# --- fiches from the models ---------------------------------------------------------------------

_TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçôÉ ABCDEFGH'’,.()-", min_size=1,
                max_size=30).filter(lambda s: s.strip() == s and s[:1].isalpha())


from clstool.yamlio.schema_errors import _expand  # noqa: E402  (the one definition of "members of a type")


def for_type(tp: Any, depth: int = 0) -> st.SearchStrategy:
    """Plain data (dicts, lists, scalars) of type ``tp``, as a YAML file would hold it."""
    options = []
    for t in _expand(tp):
        origin = get_origin(t)
        if t is type(None):
            continue  # optional values are omitted rather than null
        if origin is Literal:
            options.append(st.sampled_from(get_args(t)))
        elif origin is list:
            options.append(st.lists(for_type(get_args(t)[0], depth + 1), max_size=2 if depth else 3))
        elif origin is dict:
            key_tp, value_tp = get_args(t)
            key = st.integers(2022, 2027) if key_tp is int else st.sampled_from(["1", "2", "P1", "R1", "sociale"])
            options.append(st.dictionaries(key, for_type(value_tp, depth + 1), max_size=2))
        elif isinstance(t, type) and issubclass(t, BaseModel):
            options.append(model_data(t, depth + 1))
        elif t is bool:
            options.append(st.booleans())
        elif t is int:
            options.append(st.integers(0, 100))
        elif t is float:
            options.append(st.floats(0, 1e6, allow_nan=False, allow_infinity=False).map(lambda f: round(f, 2)))
        elif t is str:
            options.append(_TEXT)
        else:  # pragma: no cover - a type the models do not use yet
            options.append(st.none())
    return st.one_of(options) if options else st.none()


def model_data(model: type[BaseModel], depth: int = 0) -> st.SearchStrategy:
    required = {name: for_type(f.annotation, depth) for name, f in model.model_fields.items() if f.is_required()}
    optional = {name: for_type(f.annotation, depth) for name, f in model.model_fields.items()
                if not f.is_required() and depth < 4}
    return st.fixed_dictionaries(required, optional=optional)


def fiche_data(fiche_id: str = "1-1", axe: str = "1") -> st.SearchStrategy:
    return model_data(Fiche).map(lambda d: {**d, "id": fiche_id, "axe": axe})


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, prefix + (i,))
    return out


def _get(node: Any, path: tuple) -> Any:
    for p in path:
        node = node[p]
    return node


@st.composite
def mutate_data(draw, data: dict) -> dict:
    """Up to 3 data-level mistakes: wrong type, misspelt / missing / unknown key, wrapping."""
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _get(data, path[:-1])
        last = path[-1]
        op = draw(st.sampled_from(["value", "rename", "delete", "unknown", "wrap", "unwrap"]))
        if op == "value":
            parent[last] = draw(yaml_values)
        elif op == "rename" and isinstance(parent, dict):
            key = str(last)
            cut = draw(st.integers(0, len(key)))
            parent[key[:cut] + draw(st.sampled_from(["", "s", "_", "é"])) + key[cut + 1:]] = parent.pop(last)
        elif op == "delete":
            del parent[last]
        elif op == "unknown" and isinstance(parent, dict):
            parent[draw(keys)] = draw(yaml_values)
        elif op == "wrap":
            parent[last] = [parent[last]]
        elif op == "unwrap" and isinstance(parent[last], (list, dict)) and parent[last]:
            inner = parent[last]
            parent[last] = inner[0] if isinstance(inner, list) else next(iter(inner.values()))
    return data


@st.composite
def schema_fiches(draw, mutate: bool = True) -> bytes:
    data = draw(fiche_data())
    if mutate and draw(st.booleans()):
        data = draw(mutate_data(data))
    text = dump(data, False, True)
    if mutate and draw(st.booleans()):
        return draw(mutated_yaml(base=text))
    return text.encode("utf-8")
