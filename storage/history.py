"""The history part of a .tutti file: revision rows in and out, read as untrusted as the rest of the file.

Anything wrong with the history (a cycle of parents, a huge or malformed delta, an unknown parent) leaves
the history out with a notice; the plan itself still opens, and its next save starts a new history.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
import zlib

from domain.compare import KINDS, PROJECT, missing_links
from domain.history import ORDER, Entry, History, Revision, common_ancestor, is_acyclic, newest_first, plan_at
from domain.limits import MAX_SHORT_TEXT_LENGTH
from domain.plan import TABLES, Plan
from storage.exchange import ExchangeError, entity_from_json, entity_to_json
from storage.files import shown
from storage.json_fields import parse_json
from storage.schema import HISTORY_COLUMNS

MAX_REVISIONS = 20_000
MAX_PARENTS = 2  # Tutti records one parent per save and two per merge
MAX_DELTA_BYTES = 64 * 2**20  # one reverse delta, once uncompressed: a merge of two very different large plans
MAX_STORED_BYTES = 64 * 2**20  # every delta of a file as stored (compressed)
MAX_ID_LENGTH = 100
_TIME = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z"
_PAIR_KEYS = ("team_skills", "dependencies")
# Each check is (SQL finding a bad row, what is wrong): types and sizes are checked before Python reads a row.
_CHECKS = (
    (
        (
            f"SELECT 1 FROM revisions WHERE typeof(id) != 'text' OR length(id) NOT BETWEEN 1 AND {MAX_ID_LENGTH} "
            f"OR typeof(saved) != 'text' OR saved NOT GLOB '{_TIME}' OR typeof(author) != 'text' "
            f"OR length(author) > {MAX_SHORT_TEXT_LENGTH} OR typeof(summary) != 'text' "
            f"OR length(summary) > {MAX_SHORT_TEXT_LENGTH} OR typeof(pruned) != 'integer' OR pruned NOT IN (0, 1) LIMIT 1"
        ),
        "a revision is malformed",
    ),
    (
        (
            "SELECT 1 FROM revision_parents WHERE typeof(revision) != 'text' OR typeof(parent) != 'text' "
            f"OR typeof(position) != 'integer' OR position NOT BETWEEN 0 AND {MAX_PARENTS - 1} LIMIT 1"
        ),
        "a parent link is malformed",
    ),
    (
        (
            "SELECT 1 FROM revision_deltas WHERE typeof(revision) != 'text' OR typeof(parent) != 'text' "
            "OR typeof(delta) != 'blob' LIMIT 1"
        ),
        "a delta is malformed",
    ),
    (
        f"SELECT 1 FROM (SELECT count(*) AS n FROM revisions) WHERE n > {MAX_REVISIONS}",
        f"it holds more than {MAX_REVISIONS:,} revisions",
    ),
    (
        f"SELECT 1 FROM (SELECT sum(length(delta)) AS size FROM revision_deltas) WHERE size > {MAX_STORED_BYTES}",
        f"its deltas are larger than {MAX_STORED_BYTES // 2**20} MB",
    ),
)


class _Damaged(Exception):
    """Why a file's history cannot be used."""


class _ReadDelta(tuple):
    """A reverse delta read from a file, which keeps the bytes it was stored as (checked as it was read): the
    next save writes those again instead of encoding and compressing every old delta once more."""

    stored: bytes


def default_author() -> str:
    """The name a save records when none is given: the user logged in to this computer."""
    try:
        return getpass.getuser()[:MAX_SHORT_TEXT_LENGTH] or "unknown"
    except (OSError, KeyError, ImportError):  # no user name in the environment or the password database
        return "unknown"


def read_history(connection: sqlite3.Connection, plan: Plan) -> tuple[History | None, str | None]:
    """The history in a checked .tutti database whose plan is `plan`, and a notice when it had to be left out.

    A file from before histories (no revisions) gives (None, None)."""
    try:
        history = _read(connection, plan)
    except _Damaged as error:
        return None, f"its history is damaged ({error}) and was left out; the plan itself is as saved"
    except sqlite3.Error as error:
        if str(error) == "interrupted":
            raise
        return None, f"its history is damaged ({shown(error, 80)}) and was left out; the plan itself is as saved"
    return history, None


def _read(connection: sqlite3.Connection, plan: Plan) -> History | None:
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table, columns in HISTORY_COLUMNS.items():
        found = connection.execute(f'SELECT name FROM pragma_table_xinfo("{table}")').fetchall()
        if table not in tables or sorted(name for (name,) in found) != sorted(columns):
            raise _Damaged(f"the table '{table}' is missing or has other columns")
    for query, problem in _CHECKS:
        if connection.execute(query).fetchone() is not None:
            raise _Damaged(problem)
    parents: dict[str, list[str]] = {}
    for revision, parent in connection.execute(
        'SELECT revision, parent FROM revision_parents ORDER BY revision, "position"'
    ):
        parents.setdefault(revision, []).append(parent)
    revisions = {}
    for key, saved, author, summary, pruned in connection.execute(
        "SELECT id, saved, author, summary, pruned FROM revisions ORDER BY saved, id"
    ):
        revisions[key] = Revision(key, saved, author, summary, tuple(parents.pop(key, ())), bool(pruned))
    if not revisions:
        return None
    if parents:
        raise _Damaged("a parent link belongs to no revision")
    if any(p not in revisions or p == r.id or r.parents.count(p) > 1 for r in revisions.values() for p in r.parents):
        raise _Damaged("a revision names a parent the file does not hold")
    if not is_acyclic(revisions):
        raise _Damaged("its revisions form a cycle")
    children = {p for r in revisions.values() for p in r.parents}
    heads = [key for key in revisions if key not in children]
    if len(heads) != 1:
        raise _Damaged("it has more than one latest revision")
    deltas = {}
    for revision, parent, delta in connection.execute("SELECT revision, parent, delta FROM revision_deltas"):
        if revision not in revisions or parent not in revisions[revision].parents:
            raise _Damaged("a delta belongs to no parent link")
        deltas[revision, parent] = _delta(delta)
    history = History(revisions, deltas, heads[0], plan.copy())
    # Oldest first, parents before children: saves within one second have the same time stamp.
    history.revisions = {r.id: r for r in reversed(newest_first(history))}
    return history


def _delta(stored: bytes) -> tuple[Entry, ...]:
    """A reverse delta from its stored form, checked entry by entry as imported JSON is."""
    inflate = zlib.decompressobj()
    try:
        text = inflate.decompress(stored, MAX_DELTA_BYTES)
    except zlib.error:
        raise _Damaged("a delta is not readable (it is not zlib data)") from None
    if inflate.unconsumed_tail:
        raise _Damaged(f"a delta is larger than {MAX_DELTA_BYTES // 2**20} MB")
    try:
        entries = parse_json(text)
        if not isinstance(entries, list):
            raise _Damaged("a delta is not a list")
        delta = _ReadDelta(_entry(entry) for entry in entries)
    except ExchangeError as error:
        raise _Damaged(f"a delta is not readable: {error}") from None
    delta.stored = stored
    return delta


def _entry(value) -> Entry:
    if not isinstance(value, list) or len(value) != 3 or not isinstance(value[0], str):
        raise _Damaged("a delta line is malformed")
    kind, key, before = value
    if kind == ORDER:
        if key not in TABLES or not isinstance(before, list):
            raise _Damaged("an order line is malformed")
        return Entry(ORDER, key, tuple(_place(key, item) for item in before))
    if kind not in KINDS:
        raise _Damaged(f"a delta line names an unknown kind ('{shown(kind)}')")
    key = _key(kind, key)
    if before is None:
        if kind == PROJECT:
            raise _Damaged("a delta line removes the project")
        return Entry(kind, key, None)
    entity = entity_from_json(kind, before)
    if kind != PROJECT and (entity.key if kind in _PAIR_KEYS else entity.id) != key:
        raise _Damaged("a delta line's key does not match its entity")
    return Entry(kind, key, entity)


def _place(table: str, value) -> tuple[int, object]:
    """One (index, key) of an order line."""
    if not isinstance(value, list) or len(value) != 2 or type(value[0]) is not int or value[0] < 0:
        raise _Damaged("an order line is malformed")
    return value[0], _key(table, value[1])


def _key(kind: str, value):
    """An entity's key from JSON: an id, a [team, skill] or [before, after] pair, or null for the project."""
    if kind == PROJECT and value is None:
        return None
    if kind in _PAIR_KEYS and isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return tuple(value)
    if kind not in _PAIR_KEYS and kind != PROJECT and isinstance(value, str):
        return value
    raise _Damaged("a delta line's key is malformed")


def history_rows(history: History):
    """(table, columns, rows) for each of the history's tables."""
    yield (
        "revisions",
        HISTORY_COLUMNS["revisions"],
        [(r.id, r.saved, r.author, r.summary, int(r.pruned)) for r in history.revisions.values()],
    )
    yield (
        "revision_parents",
        HISTORY_COLUMNS["revision_parents"],
        [(r.id, n, parent) for r in history.revisions.values() for n, parent in enumerate(r.parents)],
    )
    yield (
        "revision_deltas",
        HISTORY_COLUMNS["revision_deltas"],
        [(revision, parent, _stored(entries)) for (revision, parent), entries in history.deltas.items()],
    )


def _stored(entries: tuple[Entry, ...]) -> bytes:
    if isinstance(entries, _ReadDelta):
        return entries.stored
    lines = []
    for entry in entries:
        if entry.kind == ORDER:
            lines.append([ORDER, entry.key, [[n, _json_key(key)] for n, key in entry.before]])
        else:
            before = None if entry.before is None else entity_to_json(entry.kind, entry.before)
            lines.append([entry.kind, _json_key(entry.key), before])
    return zlib.compress(json.dumps(lines, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


def _json_key(key):
    return list(key) if isinstance(key, tuple) else key


def ancestor_plan(history: History, revision: str) -> Plan | None:
    """The plan at `revision` rebuilt from this history; None when the history cannot rebuild it, or rebuilds
    it with a reference an imported plan may not hold (so that a delta naming entities that are not there
    cannot slip a dangling reference into a merge). Each entity was checked as it was read."""
    plan = plan_at(history, revision)
    if plan is None or missing_links(plan):
        return None
    gates = (i.gate for i in plan.initiatives.values() if i.gate is not None)
    return None if any(gate.goal is not None and gate.goal not in plan.goals for gate in gates) else plan


def shared_ancestor(mine: History | None, theirs: History | None) -> tuple[str, Plan | None] | None:
    """The last revision two copies share and its plan rebuilt from either history (None when both dropped
    it); None when the copies share no recorded history."""
    revision = common_ancestor(mine, theirs) if mine is not None and theirs is not None else None
    if revision is None:
        return None
    return revision, ancestor_plan(mine, revision) or ancestor_plan(theirs, revision)
