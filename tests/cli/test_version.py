"""``clstool --version`` names the version and the YAML reader in use."""

from __future__ import annotations

import importlib.util

from conftest import run

from clstool import __version__


def test_version_names_the_active_reader():
    result = run("--version")
    assert result.returncode == 0
    line = result.stdout.strip()
    assert line.startswith(f"clstool {__version__} (lecteur YAML : ")
    built = importlib.util.find_spec("clstool.yamlio._yamlfast") is not None
    assert ("C (libyaml " in line) == built, line
