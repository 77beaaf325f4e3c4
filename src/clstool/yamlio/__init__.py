"""YAML in and out: reading with positions (C reader and Python reader), canonical writing, loading territories."""
