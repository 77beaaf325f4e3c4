"""Only the command typed is imported and built; it behaves as in the whole application."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer.main

from clstool import cli
from clstool.cli import COMMANDS, application, main


def test_the_table_names_what_each_module_registers():
    app = application()
    registered = {(c.name or typer.main.get_command_name(c.callback.__name__)): c.callback.__module__
                  for c in app.registered_commands}
    registered |= {g.name: g.typer_instance.registered_commands[0].callback.__module__ for g in app.registered_groups}
    assert registered == {name: f"clstool.cli.{module}" for name, module in COMMANDS.items()}


def _modules_after(*argv: str) -> set[str]:
    code = ("import sys\nfrom clstool.cli import main\nmain(sys.argv[1:])\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('clstool.cli.'))), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True)
    return set(done.stderr.strip().splitlines()[-1].split())


def test_a_command_imports_its_module_only():
    loaded = _modules_after("schema")
    assert "clstool.cli.schema" in loaded
    # completion: imported by main() for the variable that asks for shell completions
    assert not loaded & {f"clstool.cli.{m}" for m in COMMANDS.values() if m not in ("schema", "completion")}


def test_the_help_imports_every_command():
    assert {f"clstool.cli.{m}" for m in COMMANDS.values()} <= _modules_after("--help")


@pytest.mark.parametrize("argv", [
    ["validate", "--help"], ["campagne", "--help"], ["campagne", "etat", "--help"], ["import", "tet", "--help"],
    ["validate", "--inconnue"], ["report", "--format", "odt", "."], ["campagne", "inconnue"], ["status"],
])
def test_a_command_alone_says_what_the_whole_app_says(argv, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    code = main(argv)
    alone = capsys.readouterr()
    monkeypatch.setattr(cli, "_app_for", lambda _argv: application())
    assert main(argv) == code
    assert capsys.readouterr() == alone
    assert code == (0 if "--help" in argv else 2)
    assert (alone.out if code == 0 else alone.err).startswith(("Utilisation : clstool ", "Erreur"))
