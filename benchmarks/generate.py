"""Generate a synthetic national corpus of CLS from the real fiches (deterministic, seeded).

    python benchmarks/generate.py --contracts 1000 --fiches-per-contract 30 --out /tmp/cls-national

Every contract ``cls-NNNN/`` holds a ``contrat.yaml`` and ``fiches/<id>.yaml``, derived from
``data/montpellier`` (fiches) and both real contracts (axes, governance, transitions):

- ids, axes and the number of axes vary per contract; every fiche keeps the shape of a real
  Montpellier fiche (déclinaisons or étapes, indicators, checkbox grids), so file sizes stay
  those of the real files (3–8 kB);
- texts are the real texts with their words shuffled and partly swapped for other words of the
  sources (same length, same vocabulary, accents kept);
- calendars are shifted to the contract's years (``3ème trimestre 2024`` → ``3ème trimestre
  2027`` for a contract starting three years later);
- every fiche gets a fictitious ``suivi`` (statuses, achievements, measured indicators) for the
  years already elapsed, and indicators get references and targets;
- ``--error-rate`` (default 0.02) of the fiches receive one deliberate mistake (unknown key, value
  outside a list, wrong type, duplicate key, syntax error), listed in ``manifest.json``, so the
  benchmark also exercises the diagnostic path.

The same arguments always give byte-identical files: each contract draws from its own
``random.Random(f"{seed}:{index}")``, whatever the number of worker processes.
The corpus is fictitious and says so in its ``README.md`` and in a comment atop every file.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import re
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MARKER = "Corpus synthétique clstool"
BASE_YEAR = 2022  #: Montpellier's contract starts in 2022: calendars are shifted from there

sys.path.insert(0, str(ROOT / "src"))
from clstool.model.documents import STATUTS_DECLARES  # noqa: E402
from clstool.yamlio.read import read_yaml  # noqa: E402

#: Keys whose string values are identifiers, enumerations or periods: never rewritten as text.
_KEEP = {
    "id", "axe", "typologie", "priorite", "ages", "publics", "professionnels", "reponse", "natures", "type",
    "sens", "statut", "periode", "recurrent", "commune", "commune_et_metropole", "quartiers", "qpv", "unite",
    "systeme_de_soins", "modes_de_vie", "conditions_de_vie", "environnement_social",
    "contexte_economique_politique", "conditions_socio_economiques",
}
_CALENDARS = {"calendrier", "calendrier_ajuste"}
_YEAR = re.compile(r"\b(20[0-9]{2})\b")
_SYLLABES = ["ber", "mont", "val", "lan", "sau", "ville", "cour", "vic", "pey", "ro", "ne", "sa",
             "li", "ma", "gnac", "ac", "ieu", "bourg", "cham", "pel", "tré", "ché", "lès", "rieux"]


# --- the sources ---------------------------------------------------------------------------------


def _read(path: Path) -> Any:
    return read_yaml(path.read_bytes()).data


class Sources:
    """The real files, and the vocabulary drawn from their texts."""

    def __init__(self, data: Path = DATA):
        self.fiches = [_read(p) for p in sorted((data / "montpellier" / "fiches").glob("*.yaml"))]
        self.contrats = [_read(data / name / "contrat.yaml") for name in ("montpellier", "clermont")]
        texts: list[str] = []
        for doc in self.fiches + self.contrats:
            _collect_texts(doc, None, texts)
        self.sentences = texts
        self.words = sorted({w for t in texts for w in t.split() if len(w) > 3 and w.isalpha()})
        self.axes = [a for c in self.contrats for a in c["axes"]]
        self.signataires = sorted({s["nom"] if isinstance(s, dict) else s
                                   for c in self.contrats for s in c.get("signataires", [])})
        self.gouvernance = self.contrats[1]["gouvernance"]
        self.transitions = self.contrats[1]["transitions"]
        self.chiffres = self.contrats[1]["diagnostic"]["chiffres"]


def _collect_texts(node: Any, key: str | None, out: list[str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            _collect_texts(v, k, out)
    elif isinstance(node, list):
        for item in node:
            _collect_texts(item, key, out)
    elif isinstance(node, str) and key not in _KEEP and len(node.split()) >= 3:
        out.append(node)


# --- variations ----------------------------------------------------------------------------------


def vary_text(text: str, rng: random.Random, words: list[str]) -> str:
    """The same number of words: a shuffled window, about a quarter swapped for other words."""
    tokens = text.split()
    if not tokens:
        return text
    if len(tokens) >= 3:
        i = rng.randrange(len(tokens) - 1)
        j = min(len(tokens), i + rng.randint(2, 8))
        window = tokens[i:j]
        rng.shuffle(window)
        tokens[i:j] = window
    for n in range(len(tokens)):
        if rng.random() < 0.25:
            tokens[n] = rng.choice(words)
    out = " ".join(tokens)
    return out[0].upper() + out[1:]


def shift_years(text: str, delta: int) -> str:
    return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)


def _vary(node: Any, key: str | None, rng: random.Random, words: list[str], delta: int,
          in_calendar: bool = False) -> Any:
    """Rewrite the free texts and shift the calendars of a (copied) document, in place."""
    if isinstance(node, dict):
        for k in list(node):
            node[k] = _vary(node[k], k, rng, words, delta, in_calendar or k in _CALENDARS)
        return node
    if isinstance(node, list):
        return [_vary(item, key, rng, words, delta, in_calendar) for item in node]
    if in_calendar and key in ("periode", "calendrier", "calendrier_ajuste"):
        if isinstance(node, int) and not isinstance(node, bool):
            return node + delta
        if isinstance(node, str):
            return shift_years(node, delta)
        return node
    if isinstance(node, str) and key not in _KEEP:
        return vary_text(node, rng, words)
    return node


def _sentence(rng: random.Random, src: Sources, max_words: int = 25) -> str:
    text = rng.choice(src.sentences)
    tokens = text.split()[:max_words]
    return vary_text(" ".join(tokens), rng, src.words)


def _commune(rng: random.Random) -> str:
    name = "".join(rng.choice(_SYLLABES) for _ in range(rng.randint(2, 3)))
    return name[0].upper() + name[1:]


# --- one contract ------------------------------------------------------------------------------------


def make_contrat(rng: random.Random, src: Sources, index: int) -> dict:
    debut = rng.randint(2018, 2026)
    fin = debut + 5
    n_axes = rng.randint(3, 6)
    axes = []
    for n, axe in enumerate(rng.sample(src.axes, n_axes), start=1):
        entry = {"id": str(n), "titre": vary_text(axe["titre"], rng, src.words)}
        if "sous_titre" in axe and rng.random() < 0.6:
            entry["sous_titre"] = vary_text(axe["sous_titre"], rng, src.words)
        if "description" in axe and rng.random() < 0.3:
            entry["description"] = vary_text(axe["description"], rng, src.words)
        axes.append(entry)
    contrat: dict = {
        "territoire": f"Commune fictive de {_commune(rng)} ({index:04d})",
        "intitule": f"Contrat Local de Santé {debut}-{fin} (fictif)",
        "periode": {"debut": debut, "fin": fin if rng.random() < 0.7 else f"{fin}-12-31"},
        "signataires": rng.sample(src.signataires, rng.randint(3, min(8, len(src.signataires)))),
        "axes": axes,
    }
    if rng.random() < 0.8:
        contrat["gouvernance"] = _vary(copy.deepcopy(src.gouvernance), None, rng, src.words, 0)
        for instance in contrat["gouvernance"]:
            if rng.random() < 0.5:
                instance["reunions"] = [
                    {"date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                     "objet": _sentence(rng, src, 8)}
                    for year in range(debut, min(fin, debut + 3) + 1)]
    if rng.random() < 0.5:
        contrat["transitions"] = {k: vary_text(v, rng, src.words) for k, v in src.transitions.items()}
    if rng.random() < 0.5:
        chiffres = copy.deepcopy(rng.sample(src.chiffres, min(6, len(src.chiffres))))
        for c in chiffres:
            c["libelle"] = vary_text(c["libelle"], rng, src.words)
            if "valeur" in c:
                c["valeur"] = round(c["valeur"] * rng.uniform(0.5, 1.5), 1)
        contrat["diagnostic"] = {"source": ["Observatoire régional de la santé (fictif)"],
                                 "annee": debut - 1, "chiffres": chiffres}
    return contrat


def _suivi(rng: random.Random, src: Sources, fiche: dict, debut: int, last: int) -> dict:
    suivi: dict = {}
    for year in range(debut, last + 1):
        entry: dict = {"statut": rng.choice(STATUTS_DECLARES)}
        if rng.random() < 0.7:
            entry["avancement"] = rng.randrange(0, 101, 5)
        entry["realisations"] = [_sentence(rng, src) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.6:
            entry["difficultes"] = [_sentence(rng, src) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.2:
            entry["calendrier_ajuste"] = [{"periode": f"{rng.choice(['1er', '2ème', '3ème', '4ème'])} "
                                                      f"trimestre {min(year + 1, last + 1)}",
                                           "jalon": _sentence(rng, src, 6)}]
        if fiche.get("declinaisons"):
            n = len(fiche["declinaisons"])
            entry["declinaisons"] = {str(k): {"statut": rng.choice(STATUTS_DECLARES)}
                                     for k in sorted(rng.sample(range(1, n + 1), rng.randint(1, n)))}
        measures: dict = {}
        for ind in fiche.get("indicateurs", []):
            roll = rng.random()
            if roll < 0.5:
                measures[ind["id"]] = rng.randint(0, 200)
            elif roll < 0.7:
                measures[ind["id"]] = {"valeur": round(rng.uniform(0, 1), 2),
                                       "commentaire": _sentence(rng, src, 10)}
            elif roll < 0.8:
                measures[ind["id"]] = {"appreciation": _sentence(rng, src, 12)}
        if measures:
            entry["indicateurs"] = measures
        suivi[year] = entry
    return suivi


def make_fiche(rng: random.Random, src: Sources, contrat: dict, fiche_id: str, axe: str) -> dict:
    template = rng.choice(src.fiches)
    debut = contrat["periode"]["debut"]
    fiche = _vary(copy.deepcopy(template), None, rng, src.words, debut - BASE_YEAR)
    fiche["id"], fiche["axe"] = fiche_id, axe
    if rng.random() < 0.4:
        fiche["priorite"] = rng.choice(["elevee", "moyenne", "basse"])
    for ind in fiche.get("indicateurs", []):
        if rng.random() < 0.5:
            base = rng.randint(5, 100)
            ind["reference"] = {"annee": debut - 1, "valeur": base}
            ind["cibles"] = {debut + 2: base + rng.randint(0, 50), debut + 5: base + rng.randint(20, 100)}
            if rng.random() < 0.2:
                ind["sens"] = "baisse"
    if "transitions" in contrat and rng.random() < 0.7:
        fiche["transitions"] = {k: _sentence(rng, src, 15) for k in contrat["transitions"]
                                if rng.random() < 0.6}
    last = min(debut + 5, debut + rng.randint(0, 4))
    fiche["suivi"] = _suivi(rng, src, fiche, debut, last)
    # Keys in the order of the real files (suivi last, like the design's example).
    return {k: fiche[k] for k in sorted(fiche, key=lambda k: (k == "suivi", k not in template))}


# --- deliberate mistakes -------------------------------------------------------------------------------

MISTAKES = ["cle_inconnue", "valeur_non_autorisee", "type_incorrect", "cle_en_double", "syntaxe"]


def inject(kind: str, fiche: dict, text: str) -> tuple[dict, str | None]:
    """Apply one mistake: to the data (returns it), or to the text (returns the new text)."""
    if kind == "cle_inconnue":
        fiche["objectif"] = fiche.pop("objectifs", {"generaux": ["Objectif"]})
    elif kind == "valeur_non_autorisee":
        fiche["typologie"] = ["nouvel"]
    elif kind == "type_incorrect":
        fiche["financements"] = [{"financeur": "ARS", "montant": "15 000 €"}]
    elif kind == "cle_en_double":
        return fiche, text + "titre: Titre répété\n"
    elif kind == "syntaxe":
        return fiche, text.replace("\ntitre: ", "\ntitre: Action : ", 1)
    return fiche, None


# --- output ----------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, as people write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):  # noqa: D401
        return super().increase_indent(flow, False)


def dump(data: Any, header: str) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                     default_flow_style=False)
    return f"# {header}\n{body}"


def generate_contract(args: tuple[int, int, int, float, str]) -> dict[str, str]:
    """Write one contract folder; return {relative fiche path: injected mistake}."""
    index, fiches_per_contract, seed, error_rate, out = args
    src = _sources()
    rng = random.Random(f"{seed}:{index}")
    folder = Path(out) / f"cls-{index:04d}"
    (folder / "fiches").mkdir(parents=True, exist_ok=True)
    contrat = make_contrat(rng, src, index)
    header = f"{MARKER} (fictif) : généré par benchmarks/generate.py, graine {seed}"
    (folder / "contrat.yaml").write_text(dump(contrat, header), encoding="utf-8")
    axes = [a["id"] for a in contrat["axes"]]
    counts = {a: 0 for a in axes}
    mistakes: dict[str, str] = {}
    for n in range(fiches_per_contract):
        axe = axes[n % len(axes)] if n < len(axes) else rng.choice(axes)
        counts[axe] += 1
        fiche_id = f"{axe}-{counts[axe]}"
        fiche = make_fiche(rng, src, contrat, fiche_id, axe)
        text = None
        kind = rng.choice(MISTAKES) if rng.random() < error_rate else None
        if kind:
            fiche, text = inject(kind, fiche, dump(fiche, header))
            mistakes[f"{folder.name}/fiches/{fiche_id}.yaml"] = kind
        (folder / "fiches" / f"{fiche_id}.yaml").write_text(text or dump(fiche, header), encoding="utf-8")
    return mistakes


_SOURCES: Sources | None = None


def _sources() -> Sources:
    global _SOURCES
    if _SOURCES is None:
        _SOURCES = Sources()
    return _SOURCES


README = """\
# {marker} — FICTIF

Ce dossier a été produit par `benchmarks/generate.py` du dépôt clstool : {contracts} contrats
fictifs de {fiches} fiches (graine {seed}, taux d'erreurs volontaires {error_rate}).
Les textes sont ceux des fiches réelles de Montpellier, mots mélangés ; les territoires, les
calendriers décalés et tout le suivi (`suivi`) sont **inventés**. Ne pas utiliser comme données.

Les fiches qui portent une erreur volontaire sont listées dans `manifest.json`.
"""


def generate(out: Path, contracts: int, fiches_per_contract: int, seed: int = 2024,
             error_rate: float = 0.02, jobs: int | None = None) -> dict:
    """Generate the corpus under ``out`` (emptied first if it holds an earlier corpus)."""
    if out.exists() and any(out.iterdir()):
        readme = out / "README.md"
        if not (readme.is_file() and MARKER in readme.read_text(encoding="utf-8")):
            raise SystemExit(f"{out} n'est pas vide et ne contient pas un corpus synthétique : refus de l'écraser")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    tasks = [(i, fiches_per_contract, seed, error_rate, str(out)) for i in range(1, contracts + 1)]
    jobs = jobs or os.cpu_count() or 1
    mistakes: dict[str, str] = {}
    if jobs > 1 and contracts > 4:
        with ProcessPoolExecutor(jobs) as pool:
            for found in pool.map(generate_contract, tasks, chunksize=8):
                mistakes.update(found)
    else:
        for task in tasks:
            mistakes.update(generate_contract(task))
    manifest = {"synthetic": True, "seed": seed, "contracts": contracts,
                "fiches_per_contract": fiches_per_contract, "error_rate": error_rate,
                "files": contracts * (fiches_per_contract + 1), "mistakes": dict(sorted(mistakes.items()))}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "README.md").write_text(README.format(marker=MARKER, contracts=contracts, fiches=fiches_per_contract,
                                                 seed=seed, error_rate=error_rate), encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contracts", type=int, default=20)
    parser.add_argument("--fiches-per-contract", type=int, default=30)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--error-rate", type=float, default=0.02)
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.contracts, args.fiches_per_contract, args.seed, args.error_rate, args.jobs)
    size = sum(p.stat().st_size for p in args.out.rglob("*.yaml"))
    print(f"{manifest['files']} fichiers ({size / 1e6:.1f} Mo), {len(manifest['mistakes'])} erreurs volontaires "
          f"-> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
