"""Find the files behind command-line paths and load them into models.

A *territory* is a folder holding ``contrat.yaml`` and ``fiches/<id>.yaml``. A command takes
territory folders, folders above them (``data/``), or single files. Every file is loaded on
its own: a broken file gets its diagnostics and never stops the others.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clstool.errors import InputError
from clstool.fsutil import FileTooLarge, NotRegularFile, read_bounded
from clstool.model.diagnostic import Diagnostic, make
from clstool.model.vocabulary import DOSSIER_BILANS as BILANS

if TYPE_CHECKING:  # the models (pydantic) are imported when a file is loaded, not to find files:
    # a warm validate answers from the cache without them
    from pydantic import BaseModel

    from clstool.yamlio.read import Pos


CONTRAT = "contrat.yaml"
FICHES = "fiches"
_SUFFIXES = (".yaml", ".yml")


@dataclass
class SourceFile:
    display: str  #: the path as the user gave it (relative stays relative)
    path: Path
    kind: str  #: "contrat", "fiche" or "bilan" (``bilans/<année>.yaml``)
    model: BaseModel | None = None
    data: Any = None
    positions: dict[tuple, Pos] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str = ""
    reference_only: bool = False  #: loaded to check others against, not reported
    raw: bytes | None = field(default=None, repr=False)  #: bytes already read (then dropped)
    unreadable: str | None = None  #: why the folder it stands for could not be read
    #: the errors of this file as the reading commands show them in place (« ligne 5, colonne 3 : … »),
    #: set by :mod:`clstool.lint.reading` from the diagnostics of ``clstool validate``
    errors: list[str] = field(default_factory=list)
    _partial: BaseModel | None = field(default=None, repr=False)
    _salvaged: bool = field(default=False, repr=False)

    @property
    def usable(self) -> BaseModel | None:
        """The model to read from: the file's own when it validates, else the one built from
        the parts that validate (:mod:`clstool.yamlio.salvage`); ``None`` when nothing could be
        read (syntax error, unreadable file, a required key of the file missing)."""
        if self.model is not None:
            return self.model
        if not self._salvaged:
            from clstool.yamlio.salvage import salvage

            self._salvaged = True
            self._partial = salvage(model_of(self.kind), self.data)
        return self._partial

    @property
    def alert(self) -> str | None:
        """What an output says in place of, or next to, this file's content when it has
        errors (« Fiche incomplète : ligne 5, colonne 3 : … ») ; ``None`` when it has none."""
        return self.alert_for(None)

    def alert_for(self, shown: str | None) -> str | None:
        """:attr:`alert` naming the file as ``shown`` (« Contrat incomplet (contrat.yaml) : … »),
        for a list of files."""
        if not self.errors:
            return None
        from clstool.model.vocabulary import MARQUES_ERREURS

        partial, wrong, unread = MARQUES_ERREURS.get(self.kind, MARQUES_ERREURS["fiche"])
        mark = unread if self.usable is None else partial if self.model is None else wrong
        where = f" ({shown})" if shown else ""
        text = f"{mark}{where} : {' ; '.join(self.errors)}"
        # a file name that is not UTF-8 (kept by Python as surrogates) is written escaped
        return text.encode("utf-8", "backslashreplace").decode("utf-8")

    def pos(self, path: tuple, at_key: bool = False) -> tuple[int, int]:
        from clstool.yamlio.schema_errors import position

        return position(self.positions, path, at_key)

    def add(self, path: tuple, code: str, message: str, at_key: bool = False, **kw) -> None:
        from clstool.yamlio.schema_errors import format_path

        self.diagnostics.append(make(self.display, self.pos(path, at_key), code, message,
                                     format_path(path), **kw))


@dataclass
class Territory:
    root: Path
    display: str
    contrat: SourceFile | None = None
    resolved: Path | None = None  #: ``root`` without symbolic links (set by :func:`discover`)
    fiches: list[SourceFile] = field(default_factory=list)
    bilans: list[SourceFile] = field(default_factory=list)  #: ``bilans/<année>.yaml``, the coordinator's yearly files

    @property
    def files(self) -> list[SourceFile]:
        return ([self.contrat] if self.contrat else []) + self.fiches + self.bilans

    def forget(self) -> None:
        """Drop what loading the files built (trees, models, bytes): memory stays flat when
        territories are read one after the other."""
        for source in self.files:
            source.model = source.data = source.raw = source._partial = None
            source.positions, source.diagnostics, source.text, source.errors = {}, [], "", []
            source._salvaged = False

    def bilan(self, year: int) -> SourceFile | None:
        """The file ``bilans/<year>.yaml``, if there is one."""
        from clstool.model.bilan import year_of

        return next((b for b in self.bilans if year_of(b.path.name) == year), None)


@dataclass
class Project:
    territories: list[Territory]

    @property
    def files(self) -> list[SourceFile]:
        return [f for t in self.territories for f in t.files]

    @property
    def reported_files(self) -> list[SourceFile]:
        return [f for f in self.files if not f.reference_only]


def _join(given: str, relative: str) -> str:
    return os.path.normpath(os.path.join(given, relative))


def _fiche_files(folder: Path, errors: list[tuple[Path, OSError]] | None = None) -> list[Path]:
    """The fiche files of ``folder`` (none if it does not exist); a folder that exists but
    cannot be listed is added to ``errors``."""
    try:
        with os.scandir(folder) as entries:  # d_type: no stat per file
            names = [e.name for e in entries if e.name.endswith(_SUFFIXES) and e.is_file()]
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        if errors is not None:
            errors.append((folder, exc))
        return []
    return [folder / name for name in sorted(names)]


def _territories_below(folder: Path, errors: list[tuple[Path, OSError]]) -> list[Path]:
    """Folders under ``folder`` that hold a contrat.yaml, or a fiches/ folder with fiches
    (one walk of the tree, in a stable order). Symbolic links to folders are followed (a
    territory may live in another repository), each folder once: a link loop ends there.
    Folders that cannot be listed are added to ``errors``."""
    found: set[Path] = set()
    visited: set[tuple[int, int]] = set()

    def unreadable(exc: OSError) -> None:
        errors.append((Path(exc.filename) if exc.filename else folder, exc))

    for current, dirs, files in os.walk(folder, followlinks=True, onerror=unreadable):
        try:
            st = os.stat(current)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs.sort()
        if CONTRAT in files:
            found.add(Path(current))
        elif FICHES in dirs and _fiche_files(Path(current) / FICHES, errors):
            found.add(Path(current))
        if Path(current) in found:  # a territory's own folders hold files, not territories
            dirs[:] = [d for d in dirs if d not in (FICHES, BILANS)]
    return sorted(found)


def _territory_root_of(file: Path) -> Path | None:
    """The territory folder of a file given on its own: the nearest of its three parents that
    holds a contrat.yaml, else the folder above its ``fiches/``. Looked up on the absolute
    path (``1-1.yaml`` given from inside ``fiches/`` has the territory in ``..``), returned
    relative to ``file`` as given."""
    absolute = file.absolute()
    up = None
    for depth, parent in enumerate(list(absolute.parents)[:3]):
        if (parent / CONTRAT).is_file():
            up = depth
            break
    if up is None and absolute.parent.name == FICHES:
        up = 1
    if up is None:
        return None
    return Path(os.path.normpath(os.path.join(file.parent, *[os.pardir] * up)))


def territory_root(file: str | os.PathLike) -> Path:
    """The territory folder a file belongs to (its own folder when none is found)."""
    path = Path(file)
    return _territory_root_of(path) or path.parent


def discover(paths: list[str], siblings: bool = False) -> list[Territory]:
    """The territories (and files) that ``paths`` designate. Raises :class:`InputError`.

    Files given one by one come with their territory's contract, loaded to check them against
    (``reference_only``); with ``siblings``, the other fiches of their ``fiches/`` folder too,
    so that checks across fiches (an id used twice, a partner spelt two ways) see the whole
    territory when a pre-commit hook passes only the files that changed."""
    found: dict[Path, Territory] = {}
    wanted: dict[Path, set[Path] | None] = {}  # None: the whole territory
    errors: list[tuple[Path, OSError]] = []  # folders that could not be listed

    def territory(root: Path, display: str) -> Path:
        """Note the territory at ``root``; its key (the resolved root)."""
        key = root.resolve()
        if key not in found:
            found[key] = Territory(root=root, display=display, resolved=key)
        return key

    given_as: dict[Path, Path] = {}  # a file given alone, resolved → as given (a link stays named as given)
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(f"chemin introuvable : {given}")
        if path.is_dir():
            roots = [path] if (path / CONTRAT).is_file() or (path / FICHES).is_dir() else []
            if not roots and path.resolve().name == FICHES and (path.resolve().parent / CONTRAT).is_file():
                given = os.path.normpath(os.path.join(given, os.pardir))  # run from inside fiches/
                path = Path(given)
                roots = [path]
            if not roots:
                roots = _territories_below(path, errors)
            if not roots and not errors:
                raise InputError(f"aucun {CONTRAT} ni dossier {FICHES}/ sous {given}")
            for root in roots:
                rel = os.path.relpath(root, path)
                wanted[territory(root, _join(given, rel))] = None
        else:
            if path.suffix not in _SUFFIXES:
                raise InputError(f"{given} n'est pas un fichier YAML (.yaml)")
            root = _territory_root_of(path) or path.parent
            rel_root = os.path.relpath(root, path.parent)
            key = territory(root, _join(os.path.dirname(given) or ".", rel_root))
            files = wanted.setdefault(key, set())
            if files is not None:  # None: the whole territory is wanted already
                files.add(path.resolve())
                given_as.setdefault(path.resolve(), Path(os.path.abspath(given)))
    for key, terr in found.items():
        only = wanted.get(key)
        contrat_path = terr.root / CONTRAT
        if contrat_path.is_file():
            terr.contrat = SourceFile(_join(terr.display, CONTRAT), contrat_path, "contrat",
                                      reference_only=only is not None and contrat_path.resolve() not in only)
        shown = _join(terr.display, FICHES)  # normalised once: a name from the folder needs no more
        listing_errors: list[tuple[Path, OSError]] = []
        for fiche in _fiche_files(terr.root / FICHES, listing_errors):
            asked = only is None or fiche.resolve() in only
            if asked or siblings:
                terr.fiches.append(SourceFile(os.path.join(shown, fiche.name), fiche, "fiche",
                                              reference_only=not asked))
        for _, exc in listing_errors:
            terr.fiches.append(_unreadable_folder(shown, terr.root / FICHES, exc))
        if only is None:  # the coordinator's yearly files come with the whole territory
            shown_bilans = _join(terr.display, BILANS)
            for bilan in _fiche_files(terr.root / BILANS):
                terr.bilans.append(SourceFile(os.path.join(shown_bilans, bilan.name), bilan, "bilan"))
        if only is not None:  # single files outside a fiches/ folder
            listed = {f.path.resolve() for f in terr.fiches} | ({contrat_path.resolve()} if terr.contrat else set())
            for extra in sorted(only - listed):
                shown_as = given_as.get(extra, extra)
                rel = os.path.relpath(extra, terr.root.resolve()) if shown_as == extra else \
                    os.path.relpath(shown_as, os.path.abspath(terr.root))
                terr.fiches.append(SourceFile(_join(terr.display, rel), extra, "fiche"))
    territories = list(found.values())
    for folder, exc in errors:  # reported as a territory of its own: CLS010, exit code 1
        display = os.path.normpath(str(folder))
        territories.append(Territory(root=folder, display=display, resolved=folder,
                                     fiches=[_unreadable_folder(display, folder, exc)]))
    return territories


def _unreadable_folder(display: str, folder: Path, exc: OSError) -> SourceFile:
    from clstool.fsutil import reason

    return SourceFile(display, folder, "fiche",
                      unreadable=f"dossier illisible : {reason(exc)} ; ses fichiers ne sont pas vérifiés")


def read_source(path: Path) -> bytes:
    """The bytes of a YAML file, bounded (:data:`~clstool.yamlio.limits.MAX_BYTES`) before
    reading. Raises :class:`OSError` (see :func:`read_problem`)."""
    from clstool.yamlio.limits import MAX_BYTES

    return read_bounded(path, MAX_BYTES)


def read_problem(exc: OSError) -> tuple[str, str]:
    """(code, French message) of a file that could not be read."""
    if isinstance(exc, FileTooLarge):
        return "CLS009", f"{exc} : lecture refusée"
    if isinstance(exc, NotRegularFile):
        return "CLS010", "ce n'est pas un fichier ordinaire (tube, périphérique, dossier…) : lecture refusée"
    from clstool.fsutil import reason

    return "CLS010", f"fichier illisible : {reason(exc)}"


def model_of(kind: str) -> type[BaseModel]:
    """The model of a kind of file."""
    from clstool.model.bilan import BilanAnnuel
    from clstool.model.contrat import Contrat
    from clstool.model.documents import Fiche

    models: dict[str, type[BaseModel]] = {"contrat": Contrat, "bilan": BilanAnnuel}
    return models.get(kind, Fiche)


def load_file(source: SourceFile) -> SourceFile:
    """Read, parse and validate one file; every problem becomes a diagnostic."""
    from pydantic import ValidationError

    from clstool.model.bilan import year_of
    from clstool.model.compiled import validate
    from clstool.yamlio.read import YamlError, read_yaml
    from clstool.yamlio.schema_errors import format_path, to_problems

    model_cls = model_of(source.kind)
    if source.unreadable is not None:
        source.diagnostics.append(make(source.display, (1, 1), "CLS010", source.unreadable))
        return source
    try:
        raw = source.raw if source.raw is not None else read_source(source.path)
        source.raw = None
    except OSError as exc:
        source.diagnostics.append(make(source.display, (1, 1), *read_problem(exc)))
        return source
    try:
        doc = read_yaml(raw)
    except YamlError as exc:
        p = exc.problem
        source.diagnostics.append(make(source.display, (p.line, p.column), p.code, p.message))
        return source
    source.data, source.positions, source.text = doc.data, doc.positions, doc.text
    for p in doc.problems:
        source.diagnostics.append(make(source.display, (p.line, p.column), p.code, p.message,
                                       format_path(p.path)))
    if doc.data is None:
        source.diagnostics.append(make(source.display, (1, 1), "CLS004",
                                       "fichier vide : il doit contenir au moins id, axe et titre"
                                       if source.kind == "fiche" else "fichier vide"))
        return source
    if source.kind == "bilan" and year_of(source.path.name) is None:
        source.diagnostics.append(make(source.display, (1, 1), "CLS024",
                                       f"« {source.path.name} » : un bilan annuel se nomme d'après son année "
                                       f"({BILANS}/2024.yaml)"))
    try:
        source.model = validate(model_cls, doc.data)
    except ValidationError as exc:
        for code, pos, message, path in to_problems(exc, doc.data, doc.positions, model_cls):
            source.diagnostics.append(make(source.display, pos, code, message, path))
    return source


def load(paths: list[str]) -> Project:
    project = Project(discover(paths))
    for source in project.files:
        load_file(source)
    return project
