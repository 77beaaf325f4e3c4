"""The data model: pydantic models of the files, their French vocabulary, diagnostics, JSON Schema."""
