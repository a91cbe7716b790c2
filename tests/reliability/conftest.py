"""Shared material for the reliability tests: odd text, generated plans and JSON dumps of plans."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from domain.limits import MAX_SHORT_TEXT_LENGTH
from storage.exchange import dumps, plan_from_json

ROOT = Path(__file__).resolve().parents[2]

# Text a user may paste from anywhere; every view must show it literally.
ODD_TEXTS = (
    "<b>x</b>",
    "&amp; &",
    '<img src="file:///etc/passwd">',
    "unclosed <i",
    "tab\there\rcarriage\x07bell\x1bescape",
    "\u202eRTL override \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "emoji \U0001f3bb\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac",
    "w" * (MAX_SHORT_TEXT_LENGTH - 100),  # near the longest name a plan may hold (tests prefix a tag)
)


def load_script(path: Path):
    """A Python script of the test folders (not a package) loaded as a module."""
    spec = importlib.util.spec_from_file_location(f"tutti_script_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def scripts():
    """load(path) -> a helper script of the test folders as a module."""
    return load_script


@pytest.fixture(scope="session")
def generated_plan_json():
    """generate(size, seed) -> the generator's JSON dict for a plan."""
    return load_script(ROOT / "tests" / "bench" / "generate.py").generate_plan_json


@pytest.fixture
def small_plan(generated_plan_json):
    """A fresh small generated plan."""
    return plan_from_json(generated_plan_json("small", 7))


@pytest.fixture(scope="session")
def odd_texts():
    return ODD_TEXTS


@pytest.fixture(scope="session")
def as_json():
    """The plan's JSON dump: the form two plans are compared in after a file round trip."""
    return dumps


# The figures of the hostile tests: every run of a command or the window on a hostile input is recorded,
# and the table is printed at the end of the test session (and kept in FIGURES for a look afterwards).
FIGURES: list[dict] = []


@pytest.fixture
def record_hostile_run():
    """record(input_name, surface, seconds, traceback, modified): one run of `surface` ('cli' or 'window')."""

    def record(input_name: str, surface: str, seconds: float, traceback: bool, modified: bool) -> None:
        FIGURES.append(
            {"input": input_name, "surface": surface, "seconds": seconds, "traceback": traceback, "modified": modified}
        )

    return record


def hostile_table(figures: list[dict], hang_seconds: float = 5.0) -> str:
    """The figures table: inputs, runs, tracebacks, hangs and modified inputs, per surface and in all."""
    rows = []
    for surface in ("cli", "window", None):
        runs = [f for f in figures if surface is None or f["surface"] == surface]
        if runs:
            rows.append(
                (
                    surface or "all",
                    len({f["input"] for f in runs}),
                    len(runs),
                    sum(f["traceback"] for f in runs),
                    sum(f["seconds"] >= hang_seconds for f in runs),
                    sum(f["modified"] for f in runs),
                    max(f["seconds"] for f in runs),
                )
            )
    header = ("surface", "inputs", "runs", "tracebacks", "hangs", "modified inputs", "slowest s")
    lines = [" | ".join(header)] + [
        " | ".join(f"{value:.1f}" if isinstance(value, float) else str(value) for value in row) for row in rows
    ]
    return "\n".join(lines)


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.write_sep("-", "hostile inputs: figures")
        terminalreporter.write_line(hostile_table(FIGURES))
