"""The one thing pyproject.toml cannot say: clstool's optional C extension.

``clstool.yamlio._yamlfast`` reads the common YAML file with libyaml directly, several times faster
than through PyYAML (see its source). It needs a C compiler and libyaml's header (Debian:
``libyaml-dev``); without them the build skips it and clstool reads every file the pure-Python
way, with the same results.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("clstool.yamlio._yamlfast", ["src/clstool/yamlio/_yamlfast.c"], libraries=["yaml"],
                             optional=True)])
