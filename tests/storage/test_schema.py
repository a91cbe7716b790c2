"""The .tutti schema: the migrations build the tables Tutti reads, and files of every earlier version open."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from domain.entities import Project
from domain.plan import Plan
from storage.exchange import dumps
from storage.project_file import open_plan, plan_to_sqlite_bytes, save_plan
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
    assert {("dependencies", "before", "initiatives"), ("dependencies", "after", "initiatives"),
            ("initiative_goals", "goal", "goals"), ("initiative_raci", "team", "teams"),
            ("handoffs", "initiative", "initiatives"), ("goals", "parent", "goals")} <= references


def _file_of_version(plan, version: int, path) -> None:
    """What a Tutti of an earlier file format wrote: its migrations only, holding the plan's rows."""
    current = sqlite3.connect(":memory:")
    current.deserialize(plan_to_sqlite_bytes(plan))
    db = sqlite_utils.Database(path)
    migrate(db, stop_before=MIGRATION_NAMES[version])
    for name, columns in _tables(db).items():
        cursor = current.execute(f'SELECT {", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns)} FROM "{name}"')
        db[name].insert_all(dict(zip(columns, row)) for row in cursor)
    db.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_file_from_every_earlier_version_opens_upgraded_and_saves_in_the_new_format(generate, tmp_path, version):
    plan = generate("small")
    path = tmp_path / f"v{version}.tutti"
    _file_of_version(plan, version, path)
    assert path.read_bytes()[60:64] == version.to_bytes(4, "big")
    before = path.read_bytes()

    opened = open_plan(path)
    assert opened.plan.same_as(plan) and dumps(opened.plan) == dumps(plan)
    assert opened.notice == "upgraded from an older Tutti; saving will write the new format"
    assert not opened.read_only
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == [path.name]

    save_plan(opened.plan, path)
    assert path.read_bytes()[60:64] == SCHEMA_VERSION.to_bytes(4, "big")
    assert open_plan(path).notice is None


def test_upgrading_a_version_1_file_keeps_its_first_project_row_only(tmp_path):
    path = tmp_path / "v1.tutti"
    _file_of_version(Plan(project=Project(name="Score", description="Spring season")), 1, path)
    db = sqlite_utils.Database(path)
    db.execute("UPDATE project SET id = 5")
    db["project"].insert({"id": 9, "name": "Stray", "description": ""})
    db.conn.commit()
    db.close()
    assert open_plan(path).plan.project == Project(name="Score", description="Spring season")


def test_the_migrations_table_is_where_sqlite_utils_records_them():
    from sqlite_utils import Migrations

    from storage.schema import MIGRATIONS_TABLE

    assert MIGRATIONS_TABLE == Migrations.migrations_table
