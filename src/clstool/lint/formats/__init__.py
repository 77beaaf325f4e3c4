"""Output formats of validate: text and JSON for people and tools, GitHub, SARIF and JUnit for CI."""
