"""File → Import… in the window: a preview of new, changed and refused rows, nothing changed until Import,
one undoable step into the open plan, a new plan on request, and one line for a file that cannot be read."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktop import import_dialog
from desktop.import_dialog import INTO, NEW, ImportPreviewDialog
from storage.exchange import dumps

SHOTS = Path(os.environ.get("TUTTI_SHOTS", "/tmp/shots-import"))
MSPDI_SAMPLE = Path(__file__).parents[1] / "storage" / "mspdi" / "task-links-project2019-mspdi.xml"


def workbook(path: Path, teams: list[list], initiatives: list[list] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Teams"
    sheet.append(["Name", "Lead", "Headcount"])
    for row in teams:
        sheet.append(row)
    if initiatives:
        sheet = book.create_sheet("Initiatives")
        sheet.append(["Name", "Owner", "Status", "Duration", "Budget"])
        for row in initiatives:
            sheet.append(row)
    book.save(path)
    return path


class Preview:
    """Answers the window's questions: where to import, and what to do in the preview dialog."""

    def __init__(self, monkeypatch, destination=INTO, answer=None):
        self.dialogs: list[ImportPreviewDialog] = []
        self.answer = answer or (lambda dialog: dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click())
        monkeypatch.setattr(import_dialog, "ask_destination", lambda parent, name: destination)
        monkeypatch.setattr(ImportPreviewDialog, "exec", lambda dialog: self._exec(dialog))

    def _exec(self, dialog: ImportPreviewDialog) -> int:
        self.dialogs.append(dialog)
        dialog.show()
        self.answer(dialog)
        return dialog.result()


def click_import(dialog: ImportPreviewDialog) -> None:
    dialog.import_button.click()


def test_the_preview_shows_new_changed_and_refused_rows_and_cancel_changes_nothing(
    make_window, tmp_path, monkeypatch, qtmodeltester
):
    window = make_window()
    before = dumps(window.document.plan)
    path = workbook(tmp_path / "plan-ben.xlsx", [["Legal", "Ana", 2], ["Marketing", "Ben", 8], ["Ops", "Cy", "many"]])
    preview = Preview(monkeypatch)
    assert not window.import_path(path)
    (dialog,) = preview.dialogs
    assert dialog.new_rows == [("Team", "Legal")]
    assert dialog.changed_rows == [("Teams row 3", "team 'Marketing': lead 'Ingrid Holm' -> 'Ben'")]
    assert dialog.refused_rows == [("Teams", "4", "Headcount", "expected a whole number, found 'many'", "")]
    assert dialog.tabs.tabText(2) == "Refused (1)"
    qtmodeltester.check(dialog.tabs.widget(2).model())
    dialog.tabs.setCurrentIndex(1)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "changed.png"))
    assert dumps(window.document.plan) == before
    assert window.document.undo_stack.count() == 0


def test_refused_rows_block_the_import_until_valid_rows_only_is_ticked(make_window, tmp_path, monkeypatch):
    window = make_window()
    initiatives = [["Price study", "Markting", "planned", 10, 5000], ["Launch", "Sales", "stated", "two", None],
                   ["Web shop", "E-commerce", "active", 20, None]]  # fmt: skip
    path = workbook(tmp_path / "plan-ben.xlsx", [["Legal", "Ana", 2], ["Ops", "Cy", "many"]], initiatives)

    def answer(dialog: ImportPreviewDialog) -> None:
        assert not dialog.import_button.isEnabled()
        assert dialog.valid_only.isVisible()
        dialog.valid_only.setChecked(True)
        assert dialog.import_button.isEnabled()
        assert ("Initiatives", "2", "Owner", "no team 'Markting'", "Marketing") in dialog.refused_rows
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "refused.png"))
        dialog.import_button.click()

    Preview(monkeypatch, answer=answer)
    assert window.import_path(path)
    names = {team.name for team in window.document.plan.teams.values()}
    assert "Legal" in names and "Ops" not in names
    initiatives = {initiative.name for initiative in window.document.plan.initiatives.values()}
    assert "Web shop" in initiatives and not {"Price study", "Launch"} & initiatives


def test_importing_into_the_open_plan_is_one_step_that_undo_reverses_exactly(make_window, tmp_path, monkeypatch):
    window = make_window()
    before = dumps(window.document.plan)
    path = workbook(tmp_path / "plan-ben.xlsx", [["Legal", "Ana", 2], ["Marketing", "Ben", 8], ["Sales", "Cy", 13]])
    Preview(monkeypatch, answer=click_import)
    assert window.import_path(path)
    stack = window.document.undo_stack
    assert (stack.count(), stack.text(0)) == (1, "Import plan-ben.xlsx")
    leads = {team.name: team.lead for team in window.document.plan.teams.values()}
    assert (leads["Legal"], leads["Marketing"], leads["Sales"]) == ("Ana", "Ben", "Cy")
    assert window.session.is_dirty()
    stack.undo()
    assert dumps(window.document.plan) == before
    stack.redo()
    assert {team.name for team in window.document.plan.teams.values()} >= {"Legal"}


def test_ms_project_xml_as_a_new_plan_lists_what_tutti_cannot_represent(make_window, monkeypatch):
    window = make_window()

    def answer(dialog: ImportPreviewDialog) -> None:
        dialog.tabs.setCurrentIndex(3)
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "mspdi-report.png"))
        dialog.import_button.click()

    preview = Preview(monkeypatch, destination=NEW, answer=answer)
    assert window.import_path(MSPDI_SAMPLE)
    (dialog,) = preview.dialogs
    assert dialog.tabs.tabText(3).startswith("Report (") and dialog.outcome.notes
    assert any(kind == "Initiative" for kind, _ in dialog.new_rows)
    assert window.session.display_name().startswith(MSPDI_SAMPLE.stem)
    assert len(window.document.plan.initiatives) == sum(kind == "Initiative" for kind, _ in dialog.new_rows)
    assert window.document.undo_stack.count() == 0


def test_a_workbook_dropped_on_the_window_goes_through_the_preview(make_window, tmp_path, monkeypatch, qtbot):
    window = make_window()
    path = workbook(tmp_path / "dropped.xlsx", [["Legal", "Ana", 2]])
    preview = Preview(monkeypatch, answer=click_import)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.document.undo_stack.count() == 1)
    assert len(preview.dialogs) == 1
    assert window.document.undo_stack.text(0) == "Import dropped.xlsx"


def zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for _ in range(15):
                part.write(b" " * 2**24)
    return path


@pytest.mark.parametrize("hostile", ["fifo", "zip bomb"])
def test_a_hostile_file_gives_one_line_and_changes_nothing(make_window, tmp_path, monkeypatch, messages, hostile):
    window = make_window()
    before = dumps(window.document.plan)
    if hostile == "fifo":
        path = tmp_path / "plan.xlsx"
        os.mkfifo(path)
    else:
        path = zip_bomb(tmp_path / "plan.xlsx")
    preview = Preview(monkeypatch, answer=click_import)
    assert not window.import_path(path)
    assert preview.dialogs == []
    ((title, text),) = messages.shown
    assert title == "Cannot Import" and "\n" not in text and text.startswith(str(path))
    assert dumps(window.document.plan) == before
    assert window.document.undo_stack.count() == 0


def test_reading_a_large_file_shows_progress_and_cancel_leaves_the_plan_alone(make_window, tmp_path, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from storage import files
    from storage.interchange import source

    def slow_disk(path, limit, what, progress):
        return files.read_user_file(path, limit, what, lambda done, total: time.sleep(0.01) or progress(done, total))

    monkeypatch.setattr(source, "read_user_file", slow_disk)  # 20 MB in 64 kB steps of 10 ms: far from instant
    monkeypatch.setattr(files, "READ_CHUNK", 2**16)
    window = make_window()
    before = dumps(window.document.plan)
    path = tmp_path / "teams.csv"
    path.write_bytes(b"Name,Lead\n" + b"Legal,Ana\n" * (2 * 2**20))
    preview = Preview(monkeypatch, answer=click_import)
    seen = []

    def cancel_once_shown():
        dialog = window.findChild(QProgressDialog)
        if dialog is not None and dialog.isVisible() and not seen:
            seen.append(dialog.labelText())
            dialog.findChild(QPushButton).click()

    timer = QTimer(window, interval=50)
    timer.timeout.connect(cancel_once_shown)
    timer.start()
    assert not window.import_path(path)
    timer.stop()
    assert seen == ["Reading teams.csv…"]
    assert preview.dialogs == [] and dumps(window.document.plan) == before
