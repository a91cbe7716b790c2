"""Shared material for the storage tests: generated plans and a way to see that a folder was left alone."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from storage.exchange import plan_from_json

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "generate.py"


def _generator():
    spec = importlib.util.spec_from_file_location("tutti_bench_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def generate():
    """generate(size, seed) -> a generated plan ("tiny", "small", "large")."""
    module = _generator()
    return lambda size, seed=1: plan_from_json(module.generate_plan_json(size, seed))


@pytest.fixture(scope="session")
def generate_json():
    """generate_json(size, seed) -> a generated plan as an interchange dict."""
    return _generator().generate_plan_json


@pytest.fixture
def snapshot():
    """snapshot(folder) -> every file in the folder (hidden ones too) with its bytes."""
    return lambda folder: {path.name: path.read_bytes() for path in sorted(Path(folder).iterdir()) if path.is_file()}
