"""Fixtures for the Qt page tests: a document on the demo, its analysis, a 5,000-initiative plan and delete questions."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from desktop.document import Document
from domain.analysis.engine import analyze
from storage.demo import demo_plan
from storage.exchange import plan_from_json
from views.qt import forms

GENERATOR = Path(__file__).parents[1] / "bench" / "generate.py"


@pytest.fixture
def document(qtbot) -> Document:
    """A document on a fresh copy of the demo plan, recording the errors it reports."""
    document = Document(demo_plan())
    document.errors = []
    document.error.connect(document.errors.append)
    return document


@pytest.fixture
def analysis(document):
    """The analysis of the document's plan as it is now."""
    return analyze(document.plan)


@pytest.fixture(scope="session")
def large_plan_json() -> dict:
    """The benchmark generator's 'large' plan (5,000 initiatives), built once per run."""
    spec = importlib.util.spec_from_file_location("tutti_bench_generate", GENERATOR)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    return generator.generate_plan_json("large", 7)


@pytest.fixture
def large_document(qtbot, large_plan_json) -> Document:
    return Document(plan_from_json(large_plan_json))


@pytest.fixture
def delete_questions(monkeypatch) -> list:
    """Delete confirmations are recorded (their sentences) and answered yes instead of shown."""
    asked: list = []

    def ask(parent, what, sentences):
        asked.append(list(sentences))
        return True

    monkeypatch.setattr(forms, "ask_to_delete", ask)
    return asked
