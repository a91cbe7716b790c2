"""Tutti's plan in plain Python: entities, validation, operations and analysis."""
