"""clstool — les Contrats Locaux de Santé en YAML."""

__version__ = "0.1.0"
