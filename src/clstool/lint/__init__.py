"""validate: cross-file checks, lint rules, configuration, suppressions, cache, output formats."""
