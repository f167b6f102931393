"""The version of zwgk (semantic versioning)."""

__version__ = "0.1.0"
