"""The bundled demo project: a retailer's year of AI-driven marketing."""

from __future__ import annotations

from importlib.resources import files

from domain.plan import Plan
from storage.exchange import loads


def demo_plan() -> Plan:
    """A fresh copy of the demo plan."""
    return loads(files("resources").joinpath("demo.json").read_bytes())
