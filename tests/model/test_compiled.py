"""The validators kept beside the bytecode (clstool.model.compiled) validate as pydantic does.

Each check runs in a fresh interpreter, whose models are not built yet, with its own
``PYTHONPYCACHEPREFIX``: the first run builds and keeps the validators, the second reads them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Validates every file of data/ and of the example, and a few broken documents, and prints
#: what came out: the instances dumped, or the errors.
SCRIPT = r"""
import json, sys
from pathlib import Path
from pydantic import ValidationError
from clstool.model import compiled
from clstool.yamlio.load import discover, model_of
from clstool.yamlio.read import read_yaml

own = sys.argv[1] == "pydantic"
cases = []
for territory in discover(sys.argv[2:]):
    for source in [territory.contrat, *territory.fiches, *territory.bilans]:
        if source is not None:
            cases.append((source.display, model_of(source.kind), read_yaml(source.path.read_bytes()).data))
fiche = model_of("fiche")
cases += [("vide", fiche, {}), ("types", fiche, {"id": 1, "axe": [], "titre": None}),
          ("inconnue", fiche, {"id": "1-1", "axe": "1", "titre": "t", "inconnue": 1}),
          ("pas un dict", fiche, ["a"]),
          ("suivi", fiche, {"id": "1-1", "axe": "1", "titre": "t", "suivi": {"2024": {"statut": "peut-être"}}})]
results = {}
for name, model, data in cases:
    try:
        results[name] = model.model_validate(data) if own else compiled.validate(model, data)
    except ValidationError as exc:
        results[name] = ["erreurs", exc.title, exc.errors(include_url=False)]
# before any dump: dumping builds the model's serializer, hence the model
built = {m.__name__: m.__pydantic_complete__ for m in {model for _, model, _ in cases}}
out = {name: r if isinstance(r, list) else ["ok", type(r).__name__, r.model_dump(mode="json")]
       for name, r in results.items()}
print(json.dumps({"out": out, "built": built}, default=str, ensure_ascii=False))
"""

PATHS = [str(ROOT / "data" / "montpellier"), str(ROOT / "data" / "clermont"),
         str(ROOT / "examples" / "montpellier-suivi")]


def _run(mode: str, prefix: Path, **env: str) -> dict:
    environ = {**os.environ, "PYTHONPYCACHEPREFIX": str(prefix)}
    environ.pop("PYTHONDONTWRITEBYTECODE", None)
    environ.update(env)
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode, *PATHS], capture_output=True, text=True,
                          env=environ, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _kept(prefix: Path) -> list[Path]:
    return sorted(prefix.rglob("*.validateur-*.pickle"))


def test_kept_validators_validate_as_pydantic_does(tmp_path):
    expected = _run("pydantic", tmp_path / "a")["out"]
    assert not _kept(tmp_path / "a")  # model_validate keeps nothing
    assert sum(1 for v in expected.values() if v[0] == "ok") > 60
    assert sum(1 for v in expected.values() if v[0] == "erreurs") == 5

    first = _run("kept", tmp_path / "b")
    kept = _kept(tmp_path / "b")
    assert {p.name.split(".")[0] for p in kept} == {"Fiche", "Contrat", "BilanAnnuel"}
    second = _run("kept", tmp_path / "b")
    assert _kept(tmp_path / "b") == kept
    assert first["out"] == expected
    assert second["out"] == expected
    assert all(first["built"].values())  # built by pydantic, then kept
    assert not any(second["built"].values())  # read back: pydantic built nothing


def test_a_damaged_or_foreign_file_is_built_again(tmp_path):
    expected = _run("pydantic", tmp_path / "a")["out"]
    _run("kept", tmp_path / "b")
    fiche, contrat = (next(p for p in _kept(tmp_path / "b") if p.name.startswith(name)) for name in ("Fiche.", "Contrat."))
    fiche.write_bytes(fiche.read_bytes()[:100])  # cut short
    bilan = next(p for p in _kept(tmp_path / "b") if p.name.startswith("BilanAnnuel."))
    contrat.write_bytes(bilan.read_bytes())  # another model's validator
    again = _run("kept", tmp_path / "b")
    assert again["out"] == expected
    assert again["built"]["Fiche"] and again["built"]["Contrat"]  # both refused, both built again
    assert not again["built"]["BilanAnnuel"]


def test_an_older_one_is_replaced(tmp_path):
    _run("kept", tmp_path / "a")
    fiche = next(p for p in _kept(tmp_path / "a") if p.name.startswith("Fiche."))
    old = fiche.with_name("Fiche.validateur-00000000000000000000.pickle")
    fiche.rename(old)
    _run("kept", tmp_path / "a")
    assert fiche.is_file() and not old.exists()


def test_nothing_is_written_where_bytecode_is_not(tmp_path):
    run = _run("kept", tmp_path / "a", PYTHONDONTWRITEBYTECODE="1")
    assert all(run["built"].values())
    assert not _kept(tmp_path / "a")


def test_the_name_changes_with_the_code(tmp_path, monkeypatch):
    from clstool import fingerprint
    from clstool.model import compiled
    from clstool.model.documents import Fiche

    before = compiled.kept_path(Fiche)
    monkeypatch.setattr(fingerprint, "code_identity", lambda: "autre code")
    monkeypatch.setattr(compiled, "code_identity", lambda: "autre code")
    after = compiled.kept_path(Fiche)
    assert before is not None and after is not None
    assert before.parent == after.parent and before.name != after.name
    assert after.name.startswith("Fiche.validateur-")
