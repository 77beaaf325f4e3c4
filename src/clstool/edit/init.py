"""``clstool init``: a new repository for one CLS, ready for editors, pre-commit and CI.

What it writes (:func:`plan`), never over an existing file:

- ``contrat.yaml`` (territory, title, period, axes) and ``fiches/`` (kept by git through an
  empty ``.gitkeep``; ``clstool new`` adds the fiches);
- ``schemas/contrat.schema.json``, ``schemas/fiche.schema.json`` and ``schemas/bilan.schema.json``
  (the coordinator's yearly file, ``bilans/AAAA.yaml``), the JSON Schemas of this
  clstool; every YAML file's first line points at them by a relative path
  (``# yaml-language-server: $schema=../schemas/fiche.schema.json``), which resolves in any
  clone, and ``.vscode/settings.json`` maps them by file name (``yaml.schemas``) for files
  without that line;
- ``.pre-commit-config.yaml``: clstool's hooks (:data:`HOOKS`, those of the
  ``.pre-commit-hooks.yaml`` it publishes) as ``repo: local`` hooks that call the ``clstool``
  installed beside pre-commit (offline, same version as the CI's), or, with ``depot`` given,
  the published hooks at the tag of this version (``repo: URL``, ``rev: v<version>``);
- ``.gitlab-ci.yml`` and ``.github/workflows/clstool.yml``: install clstool, run the hooks;
- ``.gitignore`` and a short French ``README.md`` for the CLS team.

:func:`update_schemas` (``clstool init --mettre-a-jour``) rewrites the schemas after a
clstool upgrade and nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from clstool import __version__
from clstool.errors import InputError
from clstool.fsutil import atomic_write
from clstool.model.contrat import Axe, Contrat, Periode
from clstool.model.profiles import FORMULAIRES
from clstool.model.schema import KINDS, file_name, schema_text
from clstool.yamlio.write import dump, model_data, write_schemas

SCHEMAS = "schemas"

#: clstool's pre-commit hooks, as its ``.pre-commit-hooks.yaml`` publishes them (a test checks
#: that they agree), without ``language``: ``system`` here, ``python`` there.
HOOKS = [
    {"id": "clstool-fmt", "name": "clstool fmt", "entry": "clstool fmt",
     "files": r"(^|/)(contrat\.ya?ml|fiches/[^/]+\.ya?ml)$", "pass_filenames": True, "require_serial": False},
    {"id": "clstool-validate", "name": "clstool validate", "entry": "clstool validate --pre-commit",
     "files": r"(^|/)(contrat\.ya?ml|fiches/[^/]+\.ya?ml|clstool\.toml|pyproject\.toml)$",
     "pass_filenames": True, "require_serial": True},
]


@dataclass
class Settings:
    """What ``clstool init`` asks for."""

    territoire: str
    debut: int
    fin: int
    axes: list[str] = field(default_factory=list)
    intitule: str | None = None
    formulaire: str | None = None  #: the form its fiches follow (model/profiles.py); None: the default
    depot: str | None = None  #: clstool's git repository, for the published hooks
    installation: str = f"clstool=={__version__}"  #: what pip installs in CI


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  #: already there: left as they were


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def contrat_text(settings: Settings) -> str:
    if not settings.territoire.strip():
        raise InputError("le territoire est vide : --territoire « Ville de … »")
    if settings.fin < settings.debut:
        raise InputError(f"période à l'envers : {settings.debut} à {settings.fin} (--debut, --fin)")
    if settings.formulaire is not None and settings.formulaire not in FORMULAIRES:
        raise InputError(f"formulaire inconnu : « {settings.formulaire} » ; formulaires possibles : "
                         f"{', '.join(FORMULAIRES)} (--formulaire)")
    axes = [Axe(id=str(i), titre=t.strip()) for i, t in enumerate(settings.axes, 1) if t.strip()]
    contrat = Contrat(territoire=settings.territoire.strip(),
                      intitule=settings.intitule or f"Contrat Local de Santé — {settings.territoire.strip()}",
                      periode=Periode(debut=settings.debut, fin=settings.fin), axes=axes,
                      **({"formulaire": settings.formulaire} if settings.formulaire else {}))
    header = (f"# yaml-language-server: $schema={SCHEMAS}/{file_name('contrat')}\n"
              "# Le contrat du territoire. Ajoutez signataires, gouvernance, transitions, diagnostic :\n"
              "# voir la documentation de clstool (format des fiches). Puis « clstool new --axe 1 --titre … ».")
    return dump(model_data(contrat), header=header)


def precommit_text(settings: Settings) -> str:
    lines = [
        "# Vérifications à chaque commit (https://pre-commit.com) : clstool fmt met les fichiers au",
        "# format, clstool validate les vérifie et montre d'abord les fichiers du commit.",
        "# Installation, une fois par poste : pip install pre-commit && pre-commit install",
    ]
    if settings.depot:
        lines += ["repos:", f"  - repo: {settings.depot}", f"    rev: v{__version__}", "    hooks:"]
        lines += [f"      - id: {hook['id']}" for hook in HOOKS]
        return "\n".join(lines) + "\n"
    lines += [
        "# Les hooks appellent le clstool installé sur le poste (ou en CI) : rien n'est téléchargé.",
        "repos:", "  - repo: local", "    hooks:",
    ]
    for hook in HOOKS:
        lines += [f"      - id: {hook['id']}", f"        name: {hook['name']}", f"        entry: {hook['entry']}",
                  "        language: system", f"        files: {_yaml_str(hook['files'])}",
                  f"        pass_filenames: {str(hook['pass_filenames']).lower()}",
                  f"        require_serial: {str(hook['require_serial']).lower()}"]
    return "\n".join(lines) + "\n"


def gitlab_text(settings: Settings) -> str:
    return f"""\
# Vérifie contrats et fiches à chaque push et merge request (clstool validate, par pre-commit).
clstool:
  image: python:3.12-slim
  variables:
    PIP_DISABLE_PIP_VERSION_CHECK: "1"
  before_script:
    - apt-get update -qq && apt-get install -y -qq git >/dev/null
    - pip install --quiet pre-commit {_yaml_str(settings.installation)}
  script:
    - pre-commit run --all-files --show-diff-on-failure
"""


def github_text(settings: Settings) -> str:
    return f"""\
# Vérifie contrats et fiches à chaque push et pull request (clstool validate, par pre-commit).
name: clstool
on: [push, pull_request]
jobs:
  verifier:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install pre-commit {_yaml_str(settings.installation)}
      - run: pre-commit run --all-files --show-diff-on-failure
"""


VSCODE_SETTINGS = {
    "yaml.schemas": {f"./{SCHEMAS}/{file_name('contrat')}": ["contrat.yaml"],
                     f"./{SCHEMAS}/{file_name('fiche')}": ["fiches/*.yaml"],
                     f"./{SCHEMAS}/{file_name('bilan')}": ["bilans/*.yaml"]},
    "files.encoding": "utf8",
    "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
}
VSCODE_EXTENSIONS = {"recommendations": ["redhat.vscode-yaml"]}

GITIGNORE = """\
# Fichiers produits par clstool, à ne pas versionner
.clstool_cache/
/bilan-*.html
/bilan-*.md
/bilan-*.pdf
*.ics
*.xlsx
~$*
.~lock.*
"""


def readme_text(settings: Settings) -> str:
    return f"""\
# {settings.intitule or f"Contrat Local de Santé — {settings.territoire.strip()}"}

Le contrat (`contrat.yaml`) et ses fiches actions (`fiches/`), tenus à jour avec
clstool {__version__}.

## Au quotidien

- Ajouter une fiche : `clstool new --axe 1 --titre "Intitulé de l'action"`
- Vérifier : `clstool validate` (depuis ce dossier ou depuis `fiches/`)
- Voir où en est le suivi : `clstool status --year 2025`
- Bilan annuel pour le comité de pilotage : `clstool report --year 2025`

## Éditeur

Dans VS Code, installez l'extension proposée (« YAML » de Red Hat) : la complétion propose les
rubriques et les valeurs permises, les erreurs sont soulignées pendant la saisie. Les schémas
sont dans `schemas/` ; après une mise à jour de clstool : `clstool init --mettre-a-jour`.

## Vérifications automatiques

Une fois par poste : `pip install pre-commit && pre-commit install`. À chaque commit, les
fichiers sont mis au format et vérifiés ; la CI (GitLab : `.gitlab-ci.yml`, GitHub :
`.github/workflows/clstool.yml`) refait la même vérification.
"""


def plan(settings: Settings) -> dict[str, str]:
    """Each file ``init`` writes (path relative to the repository) and its text."""
    files = {f"{SCHEMAS}/{file_name(kind)}": schema_text(kind) for kind in KINDS}
    files.update({
        "contrat.yaml": contrat_text(settings),
        "fiches/.gitkeep": "",
        ".vscode/settings.json": json.dumps(VSCODE_SETTINGS, ensure_ascii=False, indent=2) + "\n",
        ".vscode/extensions.json": json.dumps(VSCODE_EXTENSIONS, indent=2) + "\n",
        ".pre-commit-config.yaml": precommit_text(settings),
        ".gitlab-ci.yml": gitlab_text(settings),
        ".github/workflows/clstool.yml": github_text(settings),
        ".gitignore": GITIGNORE,
        "README.md": readme_text(settings),
    })
    return files


def init(folder: str | Path, settings: Settings) -> Outcome:
    """Write the files of :func:`plan` under ``folder``; those already there are kept."""
    root = Path(folder)
    if root.exists() and not root.is_dir():
        raise InputError(f"{folder} existe et n'est pas un dossier")
    files = plan(settings)  # every check first: nothing is written for a bad request
    outcome = Outcome()
    for relative, text in files.items():
        target = root / relative
        if target.exists():
            outcome.kept.append(target)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            atomic_write(target, text, exclusive=True)
        except FileExistsError:
            outcome.kept.append(target)
            continue
        outcome.written.append(target)
    return outcome


def update_schemas(folder: str | Path) -> Outcome:
    """Rewrite ``schemas/*.schema.json`` with this clstool's (after an upgrade)."""
    root = Path(folder)
    if not (root / "contrat.yaml").is_file() and not (root / SCHEMAS).is_dir():
        raise InputError(f"{folder} n'est pas un dépôt créé par clstool init (ni contrat.yaml ni {SCHEMAS}/)")
    outcome = Outcome()
    written, kept = write_schemas(root)
    outcome.written.extend(written)
    outcome.kept.extend(kept)
    return outcome
