"""Property-based checks of the file opener: whatever bytes it is given, even a valid file with a few
bytes changed, it returns a plan or raises its one-line FileError, and never changes the file.

The JSON importer's properties are tested in tests/storage/test_exchange.py."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.exchange import plan_from_json
from storage.project_file import FileError, open_plan, save_plan

SQLITE_MAGIC = b"SQLite format 3\x00"
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def tutti_bytes(generated_plan_json, tmp_path_factory):
    """The bytes of a valid .tutti file holding the tiny generated plan."""
    path = tmp_path_factory.mktemp("valid") / "tiny.tutti"
    save_plan(plan_from_json(generated_plan_json("tiny", 3)), path)
    return path.read_bytes()


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
