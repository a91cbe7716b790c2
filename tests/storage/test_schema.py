"""The .tutti schema: the migrations build the tables Tutti reads, and files of every earlier version open."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from storage.exchange import dumps, read_json_file
from storage.project_file import open_plan, save_plan
from storage.schema import APPLICATION_ID, COLUMNS, HISTORY_COLUMNS, MIGRATION_NAMES, SCHEMA_VERSION, migrate


def _tables(db: sqlite_utils.Database) -> dict[str, tuple[str, ...]]:
    return {t.name: tuple(t.columns_dict) for t in db.tables if t.name != "_sqlite_migrations"}


def test_the_migrations_build_exactly_the_tables_tutti_reads_and_writes():
    db = sqlite_utils.Database(memory=True)
    migrate(db)
    assert {name: set(columns) for name, columns in _tables(db).items()} == {
        name: set(columns) for name, columns in {**COLUMNS, **HISTORY_COLUMNS}.items()
    }
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATION_NAMES)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert [name[:5] for name in MIGRATION_NAMES] == [f"m{n:03d}_" for n in range(1, len(MIGRATION_NAMES) + 1)]


def test_links_and_references_are_declared_as_foreign_keys():
    db = sqlite_utils.Database(memory=True)
    migrate(db)
    references = {(fk.table, fk.column, fk.other_table) for name in COLUMNS for fk in db[name].foreign_keys}
    assert {
        ("dependencies", "before", "initiatives"),
        ("dependencies", "after", "initiatives"),
        ("initiative_goals", "goal", "goals"),
        ("initiative_raci", "team", "teams"),
        ("handoffs", "initiative", "initiatives"),
        ("goals", "parent", "goals"),
    } <= references


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _frozen_file(version: int, folder: Path) -> Path:
    """A copy of the tiny plan as the Tutti of file format `version` wrote it (see fixtures/README.txt)."""
    path = folder / f"v{version}.tutti"
    shutil.copyfile(FIXTURES / f"tiny-plan-v{version}.tutti", path)
    return path


def test_there_is_a_frozen_file_of_every_schema_version():
    frozen = sorted(path.name for path in FIXTURES.glob("tiny-plan-v*.tutti"))
    assert frozen == [f"tiny-plan-v{version}.tutti" for version in range(1, SCHEMA_VERSION + 1)]


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_a_frozen_file_of_every_version_opens_as_the_plan_it_holds(tmp_path, version):
    path = _frozen_file(version, tmp_path)
    assert path.read_bytes()[60:64] == version.to_bytes(4, "big")
    before = path.read_bytes()

    opened = open_plan(path)
    assert dumps(opened.plan) == dumps(read_json_file(FIXTURES / "tiny-plan.json"))
    upgraded = "upgraded from an older Tutti; saving will write the new format"
    assert opened.notice == (upgraded if version < SCHEMA_VERSION else None)
    assert not opened.read_only
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_file_from_every_earlier_version_saves_in_the_new_format(tmp_path, version):
    path = _frozen_file(version, tmp_path)
    opened = open_plan(path)
    save_plan(opened.plan, path)
    assert path.read_bytes()[60:64] == SCHEMA_VERSION.to_bytes(4, "big")
    reopened = open_plan(path)
    assert reopened.notice is None and dumps(reopened.plan) == dumps(opened.plan)


def test_upgrading_a_version_1_file_keeps_its_first_project_row_only(tmp_path):
    path = _frozen_file(1, tmp_path)
    rows = sqlite3.connect(path).execute('SELECT "id", "name" FROM "project" ORDER BY "id"').fetchall()
    assert rows == [(1, "Spring release"), (9, "Stray")]
    assert open_plan(path).plan.project.name == "Spring release"


def test_the_migrations_table_is_where_sqlite_utils_records_them():
    from sqlite_utils import Migrations

    from storage.schema import MIGRATIONS_TABLE

    assert MIGRATIONS_TABLE == Migrations.migrations_table
