"""Analyses across parsed documents."""
