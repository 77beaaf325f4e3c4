"""Commands that write the YAML files: fmt (canonical layout) and new (scaffold a fiche)."""
