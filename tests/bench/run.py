"""Tutti's benchmark: every figure the issues set a target for, each beside a floor measured in the same run.

    python tests/bench/run.py [--size tiny|small|large|huge ...] [--runs N] [--json]

Each figure is the median of N runs. Its floor is the least the same work could cost here: the library
calls Tutti builds on, doing the same amount of work without Tutti around them (plain sqlite3 on the same
rows, the networkx calls the analysis makes, a bare Qt window, a plain reportlab table of as many rows).
The ratio is figure / floor. Targets apply to the sizes the issues name; PASS/FAIL is printed for those.
Not a test: `test_bench_smoke.py` runs it on the tiny plan so it keeps working.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TUTTI_CONFIG_DIR", tempfile.mkdtemp(prefix="tutti-bench-config-"))

from generate import generate_plan_json  # tests/bench/generate.py, beside this script

NETWORK_INITIATIVES = 2_000
START_RATIO = 3.0  # issue 12: start to a shown window within 3x a bare PySide6 window
PAGE_ROWS = 40
SEED = 1
EDITS_PER_SIDE = 200  # issue 14: diff and merge of two large plans with 200 changes each side
SAVES = 100  # issue 14: a large plan after 100 saves of small edits is at most 10% bigger than a fresh copy
HISTORY_GROWTH = 1.10
FRESH_LARGE_MB = 5.0  # issue 14: a freshly saved large plan

# Prefixed to both start scripts: print the wall-clock time once the first paint pass of a window is
# done, and leave at once (tearing the window down is not part of starting).
FIRST_PAINT = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    painted = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True  # the rest of this paint pass runs before the timer
            QTimer.singleShot(0, lambda: (print(time.time(), flush=True), os._exit(0)))
        return False

first_paint = FirstPaint()
run = QApplication.exec
def exec_until_painted(*_):
    QApplication.instance().installEventFilter(first_paint)
    return run()
QApplication.exec = exec_until_painted
"""
START_APP = (
    FIRST_PAINT
    + """
from desktop.cli import main  # as the `tutti` command starts
main([])
"""
)
START_BARE = (
    FIRST_PAINT
    + """
from PySide6.QtWidgets import QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.exec()
"""
)
# The child's peak RSS in kB. Not getrusage's ru_maxrss: Linux carries it over from the parent through
# fork and exec, so a child of this (Qt-loaded) process would report at least the parent's size.
PEAK_RSS = "print(next(line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:')))"
PEAK_TUTTI = (
    """
import sys
from domain.analysis.engine import analyze
from storage.project_file import open_plan
analyze(open_plan(sys.argv[1]).plan)
"""
    + PEAK_RSS
)
PEAK_FLOOR = (
    """
import json, sqlite3, sys
COLUMNS = json.loads(sys.argv[2])
connection = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = [connection.execute(f'SELECT {", ".join(map(repr, columns))} FROM "{table}"').fetchall()
        for table, columns in COLUMNS.items()]
"""
    + PEAK_RSS
)


@dataclass
class Row:
    figure: str
    unit: str  # "s" or "MB"
    values: list[float]
    floors: list[float]
    floor_is: str
    target: float | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def floor(self) -> float:
        return statistics.median(self.floors)

    @property
    def result(self) -> str:
        if not self.values:
            return "ERROR"
        if self.target is None:
            return ""
        return "PASS" if self.median < self.target else "FAIL"


def attempt(measurement: Callable[[], Row | list[Row]], name: str) -> Row | list[Row]:
    """The measurement's row (or rows), or a row saying why it could not be measured (the others still run)."""
    try:
        return measurement()
    except Exception as error:  # noqa: BLE001 - one broken figure must not hide the rest
        return Row(name, "s", [], [], f"{type(error).__name__}: {error}")


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def measure(runs: int, work: Callable[[], object], prepare: Callable[[], object] | None = None) -> list[float]:
    """Seconds of `work` in each of `runs` runs; `prepare` runs untimed before each."""
    seconds = []
    for _ in range(runs):
        if prepare is not None:
            prepare()
        seconds.append(timed(work))
    return seconds


def python(code: str, *args: str, bytecode: bool = False) -> str:
    """Run Python code in a fresh process of this interpreter, from the project folder; its stdout.

    With `bytecode`, the child may cache compiled modules (as an installed app has them) even when
    PYTHONDONTWRITEBYTECODE is set here.
    """
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    if bytecode:
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "child failed")
    return result.stdout


# Floors


def sqlite_write(path: Path, tables: list[tuple[str, tuple, list]]) -> None:
    """The same rows into the same tables with plain sqlite3 and executemany."""
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    for table, columns, rows in tables:
        names = ", ".join(f'"{c}"' for c in columns)
        connection.execute(f'CREATE TABLE "{table}" ({names})')
        connection.executemany(f'INSERT INTO "{table}" VALUES ({", ".join("?" for _ in columns)})', rows)
    connection.commit()
    connection.close()


def sqlite_read(path: Path) -> list:
    from storage.schema import COLUMNS

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [
            connection.execute(f'SELECT {", ".join(f"{c!r}" for c in columns)} FROM "{table}"').fetchall()
            for table, columns in COLUMNS.items()
        ]
    finally:
        connection.close()


def seconds_in_networkx(work: Callable[[], object]) -> float:
    """Seconds `work` spends inside networkx's functions (outermost calls only, lazy results drained
    inside the call): what the same algorithms on the same graphs cost without Tutti around them."""
    import inspect

    import networkx as nx

    spent, depth, patched = [0.0], [0], []

    def timed_call(function):
        def call(*args, **kwargs):
            if depth[0]:
                return function(*args, **kwargs)
            depth[0] += 1
            started = time.perf_counter()
            try:
                result = function(*args, **kwargs)
                return iter(list(result)) if inspect.isgenerator(result) else result
            finally:
                spent[0] += time.perf_counter() - started
                depth[0] -= 1

        return call

    for module in (nx, nx.community):
        for name in dir(module):
            function = getattr(module, name)
            if callable(function) and not isinstance(function, type) and not name.startswith("_"):
                patched.append((module, name, function))
                setattr(module, name, timed_call(function))
    try:
        work()
    finally:
        for module, name, function in patched:
            setattr(module, name, function)
    return spent[0]


def reportlab_table(rows: int) -> Callable[[], object]:
    """A plain reportlab document of `rows` short table rows, a page-sized table at a time (one long table
    costs reportlab far more, as it splits it again for every page)."""

    def run():
        from reportlab.lib.pagesizes import A4
        from reportlab.platypus import SimpleDocTemplate, Table

        header = ["Name", "Owner", "Start", "Finish"]
        data = [[f"Row {n}", "Team", "2027-01-04", "2027-02-01"] for n in range(rows)]
        tables = [Table([header, *data[start : start + PAGE_ROWS]]) for start in range(0, rows, PAGE_ROWS)]
        SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(tables)

    return run


def xlsxwriter_cells(cells: int, path: Path) -> None:
    """A workbook of `cells` short text cells, 14 to a row, written by XlsxWriter as plainly as it can."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Cells")
    row = [f"cell {n}" for n in range(14)]
    for number in range(cells // len(row)):
        sheet.write_row(number, 0, row)
    book.close()


def calamine_read(path: Path) -> None:
    """Every sheet of a workbook as Python values, by python-calamine alone."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()


def printed_rows(plan) -> int:
    return len(plan.initiatives) + len(plan.teams) + len(plan.goals) + len(plan.skills) + len(plan.handoffs)


def handout_rows(plan) -> int:
    """The table rows of every team's handout: the goals it serves (its own and those of its initiatives),
    the initiatives it owns, its roles in other teams' initiatives, each hand-off twice (the receiver's and
    the sender's) and each dependency between two teams twice (who waits, who is waited for). The skill
    gaps and overloaded weeks come from the analysis and are left out, so the floor errs on the low side."""
    rows = 0
    for team in plan.teams:
        owned = [i for i in plan.initiatives.values() if i.owner == team]
        served = {g for i in owned for g in i.goals if g in plan.goals}
        served |= {g.id for g in plan.goals.values() if g.owner == team}
        rows += len(served) + len(owned)
    for initiative in plan.initiatives.values():
        rows += sum(r.team in plan.teams and r.team != initiative.owner for r in initiative.raci)
    rows += sum(2 for h in plan.handoffs.values() if h.from_team in plan.teams and h.to_team in plan.teams)
    for dependency in plan.dependencies.values():
        before, after = plan.initiatives.get(dependency.before), plan.initiatives.get(dependency.after)
        rows += 2 * bool(before and after and before.owner != after.owner)
    return rows


# Figures


def subplan(plan, initiatives: int):
    """The plan with only its first `initiatives` initiatives and the dependencies among them."""
    smaller = plan.copy()
    kept = dict(list(plan.initiatives.items())[:initiatives])
    smaller.initiatives = kept
    smaller.dependencies = {k: d for k, d in plan.dependencies.items() if d.before in kept and d.after in kept}
    smaller.handoffs = {k: h for k, h in plan.handoffs.items() if h.initiative is None or h.initiative in kept}
    return smaller


def random_edits(plan, count: int, rng) -> None:
    """`count` edits of the kinds a team lead makes to a mailed copy, through the domain operations."""
    from datetime import timedelta

    from domain import operations as op
    from domain.entities import Initiative

    def pick(table: str):
        return rng.choice(list(plan.table(table)))

    edits = (
        lambda: op.update_team(plan, pick("teams"), capacity=float(rng.randint(10, 90))),
        lambda: op.update_initiative(plan, pick("initiatives"), status=rng.choice(("planned", "active", "done"))),
        lambda: op.update_initiative(plan, pick("initiatives"), duration=rng.randint(1, 40)),
        lambda: op.update_initiative(plan, pick("initiatives"), name=f"Renamed {rng.randint(1, 10**6)}"),
        lambda: op.add_initiative(plan, Initiative(name=f"New {rng.randint(1, 10**6)}", owner=pick("teams"))),
        lambda: op.delete_initiative(plan, pick("initiatives")),
        lambda: op.add_dependency(plan, pick("initiatives"), pick("initiatives"), rng.randint(0, 5)),
        lambda: op.set_raci(plan, pick("initiatives"), pick("teams"), rng.choice("RACI")),
        lambda: op.require_skill(plan, pick("initiatives"), pick("skills"), rng.randint(1, 4)),
        lambda: op.update_handoff(
            plan, (handoff := pick("handoffs")), due=(plan.handoffs[handoff].due or plan.project.start) + timedelta(7)
        ),
        lambda: op.set_team_skill(plan, pick("teams"), pick("skills"), level=rng.randint(0, 4)),
        lambda: op.delete_team(plan, pick("teams")),
    )
    done = 0
    while done < count:
        try:
            rng.choice(edits)()
        except op.OperationError:  # e.g. a dependency that exists already: pick another edit
            continue
        done += 1


class Bench:
    """Measures every figure for one plan size."""

    def __init__(self, size: str, runs: int, folder: Path):
        from storage.exchange import plan_from_json

        self.size, self.runs, self.folder = size, runs, folder
        self.document = generate_plan_json(size, SEED)
        self.json_path = folder / f"{size}.json"
        self.json_path.write_text(json.dumps(self.document), encoding="utf-8")
        self.plan = plan_from_json(self.document)
        self.tutti_path = folder / f"{size}.tutti"

    def target(self, **by_size: float) -> float | None:
        return by_size.get(self.size)

    def rows(self) -> list[Row]:
        measurements = (
            self.import_json,
            self.open_file,
            self.dump,
            self.analysis,
            self.analysis_with_calendar,
            self.analysis_measured,
            self.peak_memory,
            self.gui_open,
            self.filter_keystroke,
            self.sort_initiatives,
            self.initiative_network,
            self.dependency_graph_in_window,
            self.team_network,
            self.rename_team_in_window,
            self.score_open,
            self.score_step_median,
            self.score_step_p95,
            self.score_drag,
            self.score_drag_own,
            self.pdf,
            self.pdf_handouts,
            self.export_xlsx,
            self.import_xlsx,
            self.export_mspdi,
            self.import_mspdi,
        )
        measurements += (self.diff_and_merge, self.file_sizes)
        if self.size == "huge":
            # The issues set no GUI or PDF figure for huge plans, and measuring them all ran a 24 GB machine
            # out of memory: measure what they ask for.
            measurements = (
                self.import_json,
                self.open_file,
                self.analysis,
                self.analysis_with_calendar,
                self.analysis_measured,
                self.peak_memory,
            )
        rows = []
        for measurement in measurements:
            found = attempt(measurement, f"{measurement.__name__.replace('_', ' ')} {self.size}")
            rows.extend(found if isinstance(found, list) else [found])
        return rows

    def import_json(self) -> Row:
        from storage.exchange import read_json_file
        from storage.project_file import save_plan
        from storage.rows import plan_rows

        tables = [(t, c, list(r)) for t, c, r in plan_rows(self.plan)]
        floor_path = self.folder / "floor.sqlite"
        values = measure(
            self.runs,
            lambda: save_plan(read_json_file(self.json_path), self.tutti_path),
            lambda: self.tutti_path.unlink(missing_ok=True),
        )
        floors = measure(self.runs, lambda: sqlite_write(floor_path, [(t, c, r) for t, c, r in tables]))
        floors = [f + timed(lambda: json.loads(self.json_path.read_bytes())) for f in floors]
        return Row(
            f"import {self.size} JSON into .tutti",
            "s",
            values,
            floors,
            "json.loads + sqlite3 executemany",
            self.target(large=2.0),
        )

    def open_file(self) -> Row:
        from storage.project_file import open_plan

        values = measure(self.runs, lambda: open_plan(self.tutti_path))
        floors = measure(self.runs, lambda: sqlite_read(self.tutti_path))
        return Row(f"open {self.size} .tutti", "s", values, floors, "sqlite3 SELECT of every table")

    def dump(self) -> Row:
        from desktop.cli import main

        out = self.folder / "dump.json"
        values = measure(self.runs, lambda: main(["dump", str(self.tutti_path), "-o", str(out)]))
        floors = measure(self.runs, lambda: (sqlite_read(self.tutti_path), json.dumps(self.document, indent=2)))
        return Row(
            f"tutti dump {self.size}", "s", values, floors, "sqlite3 SELECT + json.dumps", self.target(large=2.0)
        )

    def export_xlsx(self) -> Row:
        from storage.interchange.export import export_xlsx
        from storage.interchange.layout import computed_sheets, plan_sheets

        path = self.folder / "plan.xlsx"
        values = measure(self.runs, lambda: export_xlsx(self.plan, path))
        rows = [row for rows in {**plan_sheets(self.plan), **computed_sheets(self.plan)}.values() for row in rows]
        cells = sum(cell not in (None, "") for row in rows for cell in row)
        floors = measure(self.runs, lambda: xlsxwriter_cells(cells, self.folder / "floor.xlsx"))
        return Row(f"export {self.size} as XLSX", "s", values, floors, f"XlsxWriter writing {cells:,} text cells",
                   self.target(large=3.0))  # fmt: skip

    def import_xlsx(self) -> Row:
        from storage.interchange.export import export_xlsx
        from storage.interchange.source import new_plan_from, read_source

        path = self.folder / "plan.xlsx"
        export_xlsx(self.plan, path)
        values = measure(self.runs, lambda: new_plan_from(read_source(path)))
        floors = measure(self.runs, lambda: calamine_read(path))
        return Row(f"import {self.size} XLSX to a plan", "s", values, floors, "python-calamine reading every sheet",
                   self.target(large=3.0))  # fmt: skip

    def export_mspdi(self) -> Row:
        from xml.etree import ElementTree

        from storage.interchange.mspdi_writer import export_mspdi, mspdi_bytes

        path = self.folder / "plan.xml"
        values = measure(self.runs, lambda: export_mspdi(self.plan, path))
        tree = ElementTree.fromstring(mspdi_bytes(self.plan))
        floors = measure(self.runs, lambda: ElementTree.tostring(tree, encoding="utf-8"))
        return Row(f"export {self.size} as MSPDI", "s", values, floors, "ElementTree writing the same elements",
                   self.target(large=3.0))  # fmt: skip

    def import_mspdi(self) -> Row:
        import defusedxml.ElementTree

        from storage.interchange.mspdi_writer import export_mspdi
        from storage.interchange.source import new_plan_from, read_source

        path = self.folder / "plan.xml"
        export_mspdi(self.plan, path)
        values = measure(self.runs, lambda: new_plan_from(read_source(path)))
        floors = measure(self.runs, lambda: defusedxml.ElementTree.fromstring(path.read_bytes(), forbid_dtd=True))
        return Row(f"import {self.size} MSPDI to a plan", "s", values, floors, "defusedxml parsing the file",
                   self.target(large=3.0))  # fmt: skip

    def analysis(self) -> Row:
        from domain.analysis.engine import analyze

        values = measure(self.runs, lambda: analyze(self.plan))
        floors = [seconds_in_networkx(lambda: analyze(self.plan)) for _ in range(self.runs)]
        return Row(
            f"analyse {self.size}",
            "s",
            values,
            floors,
            "time inside its networkx calls",
            self.target(large=0.5, huge=5.0),
        )

    def analysis_with_calendar(self) -> Row:
        """Issue 18: the same analysis on German working days with a year-end closure, still within 0.5 s."""
        from dataclasses import replace
        from datetime import date

        from domain.analysis.engine import analyze
        from domain.entities import WorkCalendar

        plan = self.plan.copy()
        closure = tuple(date(year, 12, day) for year in range(2026, 2031) for day in range(24, 32))
        plan.project = replace(plan.project, calendar=WorkCalendar(country="DE", closed=closure))
        analyze(plan)  # the holidays package loads once per process, like the app after its first analysis
        values = measure(self.runs, lambda: analyze(plan))
        floors = [seconds_in_networkx(lambda: analyze(plan)) for _ in range(self.runs)]
        return Row(
            f"analyse {self.size} with a calendar",
            "s",
            values,
            floors,
            "time inside its networkx calls",
            self.target(large=0.5, huge=5.0),
        )

    def analysis_measured(self) -> Row:
        """Issue 17: with weekly check-ins on every goal, progress on a third of the work, a status date and a
        baseline, the analysis stays within 0.5 s."""
        from dataclasses import replace
        from datetime import timedelta

        from domain.analysis.engine import analyze
        from domain.analysis.gates import baseline_now
        from domain.analysis.schedule import schedule
        from domain.entities import CheckIn

        plan = self.plan.copy()
        first = analyze(plan).start
        for number, goal in enumerate(plan.goals.values()):
            checkins = tuple(CheckIn(first + timedelta(weeks=week), float(number % 7 + week)) for week in range(8))
            plan.goals[goal.id] = replace(goal, checkins=checkins, baseline=0.0, target=10.0)
        for number, initiative in enumerate(list(plan.initiatives.values())[::3]):
            plan.initiatives[initiative.id] = replace(
                initiative, status="active", progress=number % 100, actual_start=first + timedelta(days=number % 20)
            )
        plan.project = replace(plan.project, status_date=first + timedelta(weeks=8))
        plan.project = replace(plan.project, baselines=(baseline_now(plan, schedule(plan), "bench"),))
        values = measure(self.runs, lambda: analyze(plan))
        floors = [seconds_in_networkx(lambda: analyze(plan)) for _ in range(self.runs)]
        return Row(
            f"analyse {self.size} with check-ins and progress",
            "s",
            values,
            floors,
            "time inside its networkx calls",
            self.target(large=0.5, huge=5.0),
        )

    def peak_memory(self) -> Row:
        # One run each: the peak varies far less than the times do.
        values = [int(python(PEAK_TUTTI, str(self.tutti_path))) / 1024]
        from storage.schema import COLUMNS

        floors = [int(python(PEAK_FLOOR, str(self.tutti_path), json.dumps(COLUMNS))) / 1024]
        return Row(f"peak RSS open + analyse {self.size}", "MB", values, floors, "process holding all rows")

    def _app(self):
        from PySide6.QtWidgets import QApplication

        return QApplication.instance() or QApplication([])

    def gui_open(self) -> Row:
        from PySide6.QtCore import QAbstractTableModel, Qt
        from PySide6.QtWidgets import QMessageBox, QTableView

        from desktop.main_window import MainWindow
        from desktop.settings import Settings
        from storage.project_file import open_plan

        app = self._app()
        windows = []

        def new_window():
            if windows:  # let go of the file: a second window on it would ask who has it open
                windows[-1].close()
            window = MainWindow(Settings(self.folder / "settings"))
            window.show()
            window.show_page([type(p).__name__ for p in window.pages].index("InitiativesPage"))
            app.processEvents()
            windows.append(window)

        def open_in_window():
            if not windows[-1].open_path(self.tutti_path):
                raise RuntimeError(windows[-1].statusBar().currentMessage())
            windows[-1].repaint()

        shown = QMessageBox.exec
        QMessageBox.exec = lambda box: QMessageBox.StandardButton.Ok  # an error box would wait for a click forever
        try:
            values = measure(self.runs, open_in_window, new_window)
        finally:
            QMessageBox.exec = shown
            for window in windows:
                window.close()
                window.deleteLater()
        app.processEvents()

        class Names(QAbstractTableModel):
            def __init__(self, plan):
                super().__init__()
                self.names = [i.name for i in plan.initiatives.values()]

            def rowCount(self, parent=None):
                return len(self.names)

            def columnCount(self, parent=None):
                return 1

            def data(self, index, role=Qt.ItemDataRole.DisplayRole):
                return self.names[index.row()] if role == Qt.ItemDataRole.DisplayRole else None

        view = QTableView()
        view.resize(1280, 800)
        view.show()

        def floor():
            view.setModel(Names(open_plan(self.tutti_path).plan))
            view.repaint()

        floors = measure(self.runs, floor)
        view.close()
        return Row(
            f"GUI open {self.size} to a populated window",
            "s",
            values,
            floors,
            "open_plan + bare QTableView",
            self.target(large=2.0),
        )

    def filter_keystroke(self) -> Row:
        from PySide6.QtCore import QSortFilterProxyModel
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QTableView

        from desktop.document import Document
        from views.qt.initiatives_page import InitiativesPage

        app = self._app()
        page = InitiativesPage(Document(self.plan.copy()))
        page.resize(1280, 800)
        page.show()
        app.processEvents()
        needles = iter(["in", "init", "i", "ini", "initi", "n", "it", "iti"] * self.runs)

        def keystroke():
            page.filter_box.filter_changed.emit(next(needles))
            page.repaint()

        values = measure(self.runs, keystroke)
        page.close()

        source = QStandardItemModel()
        for initiative in self.plan.initiatives.values():
            source.appendRow(QStandardItem(initiative.name))
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(source)
        view = QTableView()
        view.setModel(proxy)
        view.resize(1280, 800)
        view.show()
        floor_needles = iter(["in", "init", "i", "ini", "initi", "n", "it", "iti"] * self.runs)

        def floor():
            proxy.setFilterFixedString(next(floor_needles))
            view.repaint()

        floors = measure(self.runs, floor)
        view.close()
        return Row(
            f"filter keystroke, {len(self.plan.initiatives)} initiatives (after debounce)",
            "s",
            values,
            floors,
            "QSortFilterProxyModel fixed string",
            self.target(large=0.1, huge=0.1),
        )

    def sort_initiatives(self) -> Row:
        from PySide6.QtCore import QSortFilterProxyModel, Qt
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QTableView

        from desktop.document import Document
        from views.qt.initiatives_page import InitiativesPage

        self._app()
        page = InitiativesPage(Document(self.plan.copy()))
        orders = iter([Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder] * self.runs)
        values = measure(self.runs, lambda: page.view.sortByColumn(5, next(orders)))
        page.close()

        source = QStandardItemModel()
        for initiative in self.plan.initiatives.values():
            item = QStandardItem()
            item.setData(initiative.duration, Qt.ItemDataRole.DisplayRole)
            source.appendRow(item)
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(source)
        view = QTableView()
        view.setModel(proxy)
        view.setSortingEnabled(True)
        floor_orders = iter([Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder] * self.runs)
        floors = measure(self.runs, lambda: view.sortByColumn(0, next(floor_orders)))
        return Row(
            f"sort {len(self.plan.initiatives)} initiatives by duration",
            "s",
            values,
            floors,
            "QSortFilterProxyModel over numbers",
            self.target(large=0.5),
        )

    def _draw(self, build: Callable[[], object]) -> Callable[[], object]:
        from PySide6.QtGui import QImage, QPainter

        def run():
            scene = build()
            image = QImage(1600, 1000, QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(image)
            scene.render(painter)
            painter.end()

        return run

    def _floor_scene(self, nodes: int, edges: int) -> Callable[[], object]:
        """As many boxes on a grid, and as many straight lines between neighbouring boxes."""
        from PySide6.QtWidgets import QGraphicsScene

        def build():
            scene = QGraphicsScene()
            for n in range(nodes):
                scene.addRect(n % 50 * 200, n // 50 * 60, 150, 40)
            for n in range(edges):
                start, end = n % nodes, (n * 7 + 1) % nodes
                scene.addLine(start % 50 * 200 + 150, start // 50 * 60 + 20, end % 50 * 200, end // 50 * 60 + 20)
            return scene

        return self._draw(build)

    def initiative_network(self) -> Row:
        from domain.analysis.engine import analyze
        from views.qt.dependency_network import build_initiative_scene

        self._app()
        plan = subplan(self.plan, NETWORK_INITIATIVES)
        analysis = analyze(plan)
        values = measure(self.runs, self._draw(lambda: build_initiative_scene(plan, analysis)))
        floors = measure(self.runs, self._floor_scene(len(plan.initiatives), len(plan.dependencies)))
        return Row(
            f"network view layout + draw, {len(plan.initiatives)} initiatives",
            "s",
            values,
            floors,
            "QGraphicsScene of as many boxes and lines",
            1.0 if len(plan.initiatives) >= NETWORK_INITIATIVES else None,
        )

    def dependency_graph_in_window(self) -> Row:
        """What the user waits for: with the plan open and the window idle on the team graph, the click on
        Initiatives until the dependency graph of every initiative is drawn."""
        from PySide6.QtCore import QThreadPool

        from desktop.main_window import MainWindow
        from desktop.settings import Settings

        app = self._app()
        windows, pages = [], []

        def settle(done: Callable[[], bool]) -> None:
            while not done():
                app.processEvents()
                QThreadPool.globalInstance().waitForDone(10)

        def open_on_team_graph():
            if windows:
                windows[-1].close()
            window = MainWindow(Settings(self.folder / "settings-network"))
            window.resize(1366, 768)
            window.show()
            if not window.open_path(self.tutti_path):
                raise RuntimeError(window.statusBar().currentMessage())
            page = next(p for p in window.pages if type(p).__name__ == "NetworkPage")
            window.show_page(window.pages.index(page))
            page.show_teams()
            settle(lambda: window.analysis is not None and page.scene is not None and not page.is_busy())
            QThreadPool.globalInstance().waitForDone()
            app.processEvents()
            windows.append(window)
            pages.append(page)

        def open_dependency_graph():
            page = pages[-1]
            page.show_initiatives()
            settle(lambda: not page.is_busy() and page.scene.table == "initiatives")
            windows[-1].repaint()

        try:
            values = measure(self.runs, open_dependency_graph, open_on_team_graph)
        finally:
            for window in windows:
                window.close()
                window.deleteLater()
        app.processEvents()
        floors = measure(self.runs, self._floor_scene(len(self.plan.initiatives), len(self.plan.dependencies)))
        return Row(
            f"open the dependency graph in the window, {len(self.plan.initiatives)} initiatives",
            "s",
            values,
            floors,
            "QGraphicsScene of as many boxes and lines",
            self.target(large=1.0),
        )

    def team_network(self) -> Row:
        from domain.analysis.engine import analyze
        from views.qt.team_network import build_team_scene

        self._app()
        analysis = analyze(self.plan)
        # By department, with its rings: what the page shows a plan with departments (the generated ones have)
        values = measure(self.runs, self._draw(lambda: build_team_scene(self.plan, analysis, by_department=True)))
        edges = analysis.network.graph.number_of_edges() + analysis.network.handoff_graph.number_of_edges()
        floors = measure(self.runs, self._floor_scene(len(self.plan.teams), edges))
        return Row(
            f"network view layout + draw, {len(self.plan.teams)} teams",
            "s",
            values,
            floors,
            "QGraphicsScene of as many boxes and lines",
            0.5 if len(self.plan.teams) == 200 else None,
        )

    def diff_and_merge(self) -> list[Row]:
        """`tutti diff` and `tutti merge` of two copies of the plan with EDITS_PER_SIDE random edits each."""
        import random

        from desktop.cli import main
        from storage.project_file import open_plan, save_plan

        paths = {side: self.folder / f"{side}.tutti" for side in ("base", "mine", "theirs")}
        save_plan(self.plan, paths["base"])
        count = min(EDITS_PER_SIDE, len(self.plan.initiatives) // 4)  # a tiny plan has few teams to delete
        for number, side in enumerate(("mine", "theirs")):
            copy = self.plan.copy()
            random_edits(copy, count, random.Random(SEED + number))
            save_plan(copy, paths[side])
        out = self.folder / "merged.tutti"

        def quietly(*argv: str) -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                main(list(argv))

        mine, theirs, base = (str(paths[side]) for side in ("mine", "theirs", "base"))
        diff = measure(self.runs, lambda: quietly("diff", mine, theirs))
        merge = measure(
            self.runs,
            lambda: quietly("merge", mine, theirs, "-o", str(out), "--base", base, "--prefer", "mine"),
            lambda: out.unlink(missing_ok=True),
        )
        if not out.exists():
            raise RuntimeError("tutti merge wrote nothing")
        load_two = measure(self.runs, lambda: [open_plan(paths[side]) for side in ("mine", "theirs")])
        edits = f"{count} edits each side"
        return [
            Row(
                f"tutti diff {self.size}, {edits}",
                "s",
                diff,
                load_two,
                "open_plan of both files",
                self.target(large=2.0),
            ),
            Row(
                f"tutti merge {self.size}, {edits}",
                "s",
                merge,
                load_two,
                "open_plan of both files",
                self.target(large=2.0),
            ),
        ]

    def file_sizes(self) -> list[Row]:
        """The size of a freshly saved file, and of the same plan's file after SAVES saves of one to three small
        edits each (the history it then holds), beside the same rows in a plain sqlite3 file and a fresh copy."""
        import random

        from domain.history import recorded
        from storage.project_file import plan_to_sqlite_bytes
        from storage.rows import plan_rows

        def megabytes(data: bytes) -> float:
            return len(data) / 2**20

        def plain_sqlite(plan) -> float:
            floor_path = self.folder / "floor.sqlite"
            sqlite_write(floor_path, [(t, c, list(r)) for t, c, r in plan_rows(plan)])
            return floor_path.stat().st_size / 2**20

        fresh = megabytes(plan_to_sqlite_bytes(self.plan, history=recorded(None, self.plan, author="bench")))
        plan, history, rng = self.plan.copy(), None, random.Random(SEED)
        saves = min(SAVES, len(self.plan.initiatives) // 4)  # a tiny plan has few teams to delete
        for _ in range(saves):
            random_edits(plan, rng.randint(1, 3), rng)
            history = recorded(history, plan, author="bench")
        saved = megabytes(plan_to_sqlite_bytes(plan, history=history))
        fresh_copy = megabytes(plan_to_sqlite_bytes(plan, history=recorded(None, plan, author="bench")))
        return [
            Row(
                f"file size of a fresh {self.size} .tutti",
                "MB",
                [fresh],
                [plain_sqlite(self.plan)],
                "plain sqlite3 file of the same rows",
                self.target(large=FRESH_LARGE_MB),
            ),
            Row(
                f"file size of {self.size} after {saves} saves of small edits",
                "MB",
                [saved],
                [fresh_copy],
                "freshly saved copy of the same plan",
                self.target(large=HISTORY_GROWTH * fresh_copy),
            ),
        ]

    def rename_team_in_window(self) -> Row:
        """What the user waits for after typing a team's new name: from the rename going through the
        document until the events it set off are handled and the page in sight is repainted."""
        from PySide6.QtCore import QThreadPool
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QTableView

        from desktop.main_window import MainWindow
        from desktop.settings import Settings
        from domain import operations

        app = self._app()
        window = MainWindow(Settings(self.folder / "settings-rename"))
        window.resize(1366, 768)
        window.show()
        window.session.start_new(self.plan.copy())
        window.show_page([type(p).__name__ for p in window.pages].index("TeamsPage"))
        team = next(iter(window.document.plan.teams))
        names = iter([f"Renamed team {n}" for n in range(self.runs)])

        def settle():
            # The analysis of the last edit (or of the opened plan), and the work it starts in the
            # background (the dependency layout), are done before the next rename.
            for _ in range(2):
                time.sleep(0.4)
                app.processEvents()
                window.wait_for_analysis()
                QThreadPool.globalInstance().waitForDone()
                app.processEvents()

        def rename():
            window.document.run(operations.update_team, team, name=next(names))
            app.processEvents()
            window.repaint()

        try:
            values = measure(self.runs, rename, settle)
        finally:
            window.document.undo_stack.setClean()  # closes without asking to save
            window.close()
            window.deleteLater()
        app.processEvents()

        source = QStandardItemModel()
        for name in (t.name for t in self.plan.teams.values()):
            source.appendRow(QStandardItem(name))
        view = QTableView()
        view.setModel(source)
        view.resize(1366, 768)
        view.show()
        floor_names = iter([f"Renamed team {n}" for n in range(self.runs)])

        def floor():
            source.item(0).setText(next(floor_names))
            app.processEvents()
            view.repaint()

        floors = measure(self.runs, floor)
        view.close()
        return Row(
            f"rename a team in the {self.size} plan: edit to repainted window",
            "s",
            values,
            floors,
            "QStandardItemModel setText + QTableView repaint",
            self.target(large=0.05),
        )

    # The Score (issue 15): the window on the plan, settled (analysis done), as the user meets it

    def _score_window(self, name: str):
        from PySide6.QtCore import QThreadPool

        from desktop.main_window import MainWindow
        from desktop.settings import Settings

        self._app()
        window = MainWindow(Settings(self.folder / f"settings-{name}"))
        window.resize(1366, 768)
        window.show()
        if not window.open_path(self.tutti_path):
            raise RuntimeError(window.statusBar().currentMessage())
        window.show_page([type(p).__name__ for p in window.pages].index("InitiativesPage"))
        self._settle(window)
        QThreadPool.globalInstance().waitForDone()
        return window, next(p for p in window.pages if type(p).__name__ == "ScorePage")

    def _settle(self, window) -> None:
        """Let the window's delayed background analysis start and finish, so it does not share a measurement."""
        app = self._app()
        while window.analysis_runner.busy() or window.analysis is None:
            app.processEvents()
            window.wait_for_analysis(10)
        app.processEvents()

    def _floor_paint(self, rectangles: int) -> Callable[[], object]:
        """A bare widget of the window's size repainting as many filled rectangles as the Score shows."""
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QPainter
        from PySide6.QtWidgets import QWidget

        class Boxes(QWidget):
            def paintEvent(self, event):
                painter = QPainter(self)
                for n in range(rectangles):
                    painter.drawRect(QRectF(n % 40 * 30, n // 40 % 30 * 22, 28, 18))
                painter.end()

        widget = Boxes()
        widget.resize(1180, 560)
        widget.show()
        self._app().processEvents()
        return widget.repaint

    def score_open(self) -> Row:
        """From the click on Score (window open and idle on the Initiatives page) to the painted Score."""
        windows, pages = [], []

        def prepare():
            if windows:
                windows[-1].close()
            window, page = self._score_window("score-open")
            windows.append(window)
            pages.append(page)

        def open_score():
            window = windows[-1]
            window.show_page(window.pages.index(pages[-1]))
            window.repaint()

        try:
            values = measure(self.runs, open_score, prepare)
            shown = len(pages[-1].canvas.score.bars)
        finally:
            for window in windows:
                window.close()
                window.deleteLater()
        self._app().processEvents()
        floors = measure(self.runs, self._floor_paint(shown))
        return Row(
            f"open the Score, {len(self.plan.initiatives)} initiatives",
            "s",
            values,
            floors,
            "bare QWidget painting a rectangle per initiative",
            self.target(large=1.0),
        )

    def _score_steps(self) -> tuple[list[list[float]], list[float]]:
        """Seconds of each zoom or pan step (repainted), per run, and floors: a bare repaint of as many boxes."""
        if getattr(self, "_score_step_samples", None) is None:
            window, page = self._score_window("score-steps")
            window.show_page(window.pages.index(page))
            canvas = page.canvas
            canvas.zoom(8)  # a few months across: labels and arrows drawn
            canvas.viewport().repaint()
            steps = [
                lambda: canvas.zoom(1.25),
                lambda: canvas.horizontalScrollBar().setValue(canvas.horizontalScrollBar().value() + 120),
                lambda: canvas.verticalScrollBar().setValue(canvas.verticalScrollBar().value() + 90),
                lambda: canvas.zoom(0.8),
            ]
            runs = []
            for _ in range(self.runs):
                samples = []
                for n in range(80):
                    samples.append(timed(lambda step=steps[n % 4]: (step(), canvas.viewport().repaint())))
                runs.append(samples)
            visible = sum(len(lane.bars_between(-1e9, 1e9)) for lane in canvas.score.lanes[:6])
            window.close()
            window.deleteLater()
            self._app().processEvents()
            self._score_step_samples = (runs, measure(self.runs, self._floor_paint(visible)))
        return self._score_step_samples

    def score_step_median(self) -> Row:
        runs, floors = self._score_steps()
        return Row(
            "Score zoom or pan step, median",
            "s",
            [statistics.median(samples) for samples in runs],
            floors,
            "bare QWidget repainting as many boxes",
            self.target(large=0.016),
        )

    def score_step_p95(self) -> Row:
        runs, floors = self._score_steps()
        return Row(
            "Score zoom or pan step, 95th percentile",
            "s",
            [statistics.quantiles(samples, n=20)[-1] for samples in runs],
            floors,
            "bare QWidget repainting as many boxes",
            self.target(large=0.050),
        )

    def _score_drags(self) -> tuple[list[float], list[float], list[float]]:
        """A bar dragged three working days (what the mouse release asks) until the rescheduled Score is painted:
        seconds in all, seconds of the Score's own work (its change handler and the repaint), and floors."""
        if getattr(self, "_score_drag_samples", None) is not None:
            return self._score_drag_samples
        import networkx as nx

        from domain.analysis.schedule import links
        from views.qt.score_page import ScorePage

        handled = []
        original = ScorePage._plan_changed

        def timed_handler(page, change):
            started = time.perf_counter()
            original(page, change)
            handled.append(time.perf_counter() - started)

        ScorePage._plan_changed = timed_handler  # before the window connects it
        try:
            window, page = self._score_window("score-drag")
        finally:
            ScorePage._plan_changed = original
        window.show_page(window.pages.index(page))
        prepared = links(self.plan)
        # the initiative with the most work waiting for it: the most bars to move
        waiting = {n: len(prepared.graph.succ[n]) for n in prepared.graph}
        key = prepared.order[max(waiting, key=waiting.get)]
        page.canvas.show_bar(key)
        totals, own = [], []
        try:
            for days in [3, -3] * self.runs:
                self._settle(window)
                started = time.perf_counter()
                page.canvas.moved.emit(key, days)
                changed = time.perf_counter()
                page.canvas.viewport().repaint()
                finished = time.perf_counter()
                totals.append(finished - started)
                own.append(handled[-1] + finished - changed)
            if page.document.plan.initiatives[key].start != page.canvas.score.calendar.working_date(
                page.canvas.score.bars[key].first
            ):
                raise RuntimeError("the dragged bar did not move")
        finally:
            window.document.undo_stack.setIndex(0)  # nothing to save: closing does not ask
            window.close()
            window.deleteLater()
        self._app().processEvents()
        floors = measure(self.runs, lambda: nx.dag_longest_path_length(prepared.graph))
        self._score_drag_samples = (totals, own, floors)
        return self._score_drag_samples

    def score_drag(self) -> Row:
        totals, _, floors = self._score_drags()
        return Row(
            "Score drag of one bar to repainted schedule",
            "s",
            totals,
            floors,
            "networkx dag_longest_path_length on the dependencies",
            self.target(large=0.150),
        )

    def score_drag_own(self) -> Row:
        _, own, floors = self._score_drags()
        return Row(
            "  of which the Score's reschedule + repaint",
            "s",
            own,
            floors,
            "networkx dag_longest_path_length on the dependencies",
        )

    def pdf(self) -> Row:
        from views.pdf.render import ExportOptions, export_pdf

        values = measure(self.runs, lambda: export_pdf(self.plan, io.BytesIO(), ExportOptions(file_name="plan.tutti")))
        floors = measure(self.runs, reportlab_table(printed_rows(self.plan)))
        # issue 10: within 2.5 times its floor
        target = self.target(large=2.5 * statistics.median(floors))
        return Row(f"PDF export {self.size}", "s", values, floors, "reportlab table of as many rows", target)

    def pdf_handouts(self) -> Row:
        from views.pdf.render import ExportOptions, export_pdf

        options = ExportOptions(file_name="plan.tutti", handouts_only=True)
        values = measure(self.runs, lambda: export_pdf(self.plan, io.BytesIO(), options))
        floors = measure(self.runs, reportlab_table(handout_rows(self.plan)))
        # issue 10: the handouts are a document of their own, held to the same 2.5 times their floor
        target = self.target(large=2.5 * statistics.median(floors))
        return Row(f"PDF handouts {self.size}", "s", values, floors, "reportlab table of as many rows", target)


def start_to_first_paint(code: str) -> float:
    """Seconds from starting a Python process that runs `code` (see FIRST_PAINT) to its window's first paint."""
    started = time.time()
    return float(python(code, bytecode=True)) - started


def demo_rows(runs: int) -> list[Row]:
    """The figures about the demo plan: starting the app and printing it."""
    from storage.demo import demo_plan
    from views.pdf.render import ExportOptions, export_pdf

    for code in (START_APP, START_BARE):  # untimed: caches the bytecode and warms the disk cache
        start_to_first_paint(code)
    values, floors = [], []
    for _ in range(runs):  # interleaved, so that a busy moment slows both alike
        values.append(start_to_first_paint(START_APP))
        floors.append(start_to_first_paint(START_BARE))
    start = Row(
        "start to shown window with the demo (process)",
        "s",
        values,
        floors,
        "bare PySide6 QMainWindow process",
        START_RATIO * statistics.median(floors),
    )
    plan = demo_plan()
    values = measure(runs, lambda: export_pdf(plan, io.BytesIO(), ExportOptions(file_name="demo.tutti")))
    floors = measure(runs, reportlab_table(printed_rows(plan)))
    return [start, Row("PDF export of the demo", "s", values, floors, "reportlab table of as many rows", 1.0)]


def table(rows: list[Row]) -> str:
    """One plain-text table of every figure."""

    def shown(value: float, unit: str) -> str:
        if unit == "MB":  # file sizes near a 5 MB target need the decimals; memory in hundreds of MB does not
            return f"{value:.2f} MB" if value < 10 else f"{value:.0f} MB"
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"

    header = ("figure", "median", "floor", "ratio", "target", "result", "floor is")
    lines = [header] + [
        (
            r.figure,
            shown(r.median, r.unit) if r.values else "-",
            shown(r.floor, r.unit) if r.floors else "-",
            f"{r.median / r.floor:.2f}x" if r.values and r.floor else "-",
            f"< {shown(r.target, r.unit)}" if r.target is not None else "",
            r.result,
            r.floor_is,
        )
        for r in rows
    ]
    widths = [max(len(line[n]) for line in lines) for n in range(len(header))]
    rule = "  ".join("-" * w for w in widths)
    text = [
        "  ".join(cell.ljust(w) if n in (0, 6) else cell.rjust(w) for n, (cell, w) in enumerate(zip(line, widths)))
        for line in lines
    ]
    return "\n".join([text[0], rule, *text[1:]])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--size",
        action="append",
        choices=("tiny", "small", "large", "huge"),
        help="plan sizes to measure (repeatable; default: large and huge)",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the median is shown (default 3)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = parser.parse_args(argv)

    rows = demo_rows(args.runs)
    with tempfile.TemporaryDirectory(prefix="tutti-bench-") as folder:
        for size in args.size or ["large", "huge"]:
            rows.extend(Bench(size, args.runs, Path(folder)).rows())
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "figure": r.figure,
                        "unit": r.unit,
                        "median": r.median if r.values else None,
                        "floor": r.floor if r.floors else None,
                        "ratio": r.median / r.floor if r.values and r.floor else None,
                        "target": r.target,
                        "result": r.result or None,
                        "floor_is": r.floor_is,
                        "values": r.values,
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
    else:
        print(table(rows))
    return 1 if any(r.result == "ERROR" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
