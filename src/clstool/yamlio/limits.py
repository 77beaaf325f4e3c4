"""The limits of reading a YAML file (codes CLS008, CLS009), without the reader: a run answered
from the cache bounds each file before reading it and never loads PyYAML.
:mod:`clstool.yamlio.read` applies them."""

from __future__ import annotations

MAX_BYTES = 5 * 1024 * 1024  #: a real fiche is ~10 kB; 5 MB is far beyond any honest file
MAX_DEPTH = 64  #: real files nest ~6 levels (also in _yamlfast.c)
MAX_NODES = 200_000  #: values after alias expansion
MAX_EXPANDED = MAX_BYTES  #: characters of text after alias expansion (an alias copies its text)
MAX_INT_DIGITS = 100  #: a longer run of digits is not a quantity: it stays text
