"""Property-based checks: the JSON importer and the file opener fail only with their own one-line
errors, whatever bytes they are given, and the opener never changes the file it reads."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.exchange import ExchangeError, loads
from storage.project_file import FileError, open_plan, save_plan

SQLITE_MAGIC = b"SQLite format 3\x00"
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)


def plan_paths(document: dict) -> list[tuple]:
    """Every (list name, index, field) of a JSON plan, to aim mutations at real fields."""
    return [
        (table, n, key)
        for table, rows in document.items()
        if isinstance(rows, list)
        for n, row in enumerate(rows)
        for key in row
    ]


@pytest.fixture(scope="module")
def plan_document(generated_plan_json):
    return generated_plan_json("tiny", 3)


@pytest.fixture(scope="module")
def tutti_bytes(generated_plan_json, tmp_path_factory):
    """The bytes of a valid .tutti file holding the tiny generated plan."""
    from storage.exchange import plan_from_json

    path = tmp_path_factory.mktemp("valid") / "tiny.tutti"
    save_plan(plan_from_json(generated_plan_json("tiny", 3)), path)
    return path.read_bytes()


def accepts_or_explains(text) -> None:
    try:
        loads(text)
    except ExchangeError as error:
        assert str(error).startswith("$") and "\n" not in str(error)


@FUZZ
@given(st.binary(max_size=300))
def test_importing_arbitrary_bytes_gives_a_plan_or_an_exchange_error(raw):
    accepts_or_explains(raw)


@FUZZ
@given(json_values)
def test_importing_any_json_value_gives_a_plan_or_an_exchange_error(value):
    accepts_or_explains(json.dumps(value))


@FUZZ
@given(data=st.data())
def test_a_plan_with_one_field_replaced_by_any_json_value_is_read_or_explained(plan_document, data):
    table, index, key = data.draw(st.sampled_from(plan_paths(plan_document)))
    document = json.loads(json.dumps(plan_document))
    document[table][index][key] = data.draw(json_values)
    accepts_or_explains(json.dumps(document))


def open_and_check_untouched(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.tutti"
        path.write_bytes(raw)
        before = hashlib.sha256(raw).hexdigest()
        try:
            opened = open_plan(path)
        except FileError as error:
            assert str(error).startswith(str(path)) and "\n" not in str(error)
        else:
            assert opened.plan is not None
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "opening changed the file"
        assert [p.name for p in Path(folder).iterdir()] == ["fuzzed.tutti"], "opening left files beside it"


@FUZZ
@given(st.binary(max_size=2000) | st.binary(max_size=2000).map(lambda tail: SQLITE_MAGIC + tail))
def test_opening_arbitrary_bytes_gives_a_plan_or_a_file_error(raw):
    open_and_check_untouched(raw)


@FUZZ
@given(data=st.data())
def test_opening_a_mutated_tutti_file_gives_a_plan_or_a_file_error(tutti_bytes, data):
    raw = bytearray(tutti_bytes)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(raw) - 1))
        raw[position] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    open_and_check_untouched(bytes(raw))
