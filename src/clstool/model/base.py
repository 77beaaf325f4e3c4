"""The base of every model of the files: strict, unknown keys refused, attributes frozen.

In its own module so that the models kept outside :mod:`clstool.model.documents` (the yearly
budget, :mod:`clstool.model.budget`) share it without importing the fiche's model.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """Base of every model: strict, unknown keys refused, attributes frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)
