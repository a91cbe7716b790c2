"""File → Export PDF…: options, a worker thread that never freezes the window, open the result, cancel."""

from __future__ import annotations

from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from desktop import pdf_export
from desktop.document import Document
from desktop.pdf_export import ExportOptionsDialog, export_pdf_dialog
from desktop.printing import write_pdf
from storage.demo import demo_plan
from views.pdf.render import ExportCancelled, ExportOptions


@pytest.fixture
def document():
    return Document(demo_plan())


@pytest.fixture
def choose(monkeypatch):
    """Answer the options dialog with `settings(dialog)` instead of showing it."""
    answers = {"settings": lambda dialog: None, "accept": True}

    def exec_dialog(dialog):
        answers["settings"](dialog)
        return QDialog.DialogCode.Accepted if answers["accept"] else QDialog.DialogCode.Rejected

    monkeypatch.setattr(ExportOptionsDialog, "exec", exec_dialog)
    return answers


def test_export_writes_the_pdf_off_the_gui_thread_and_offers_to_open_it(
    qtbot, tmp_path, messages, choose, document, monkeypatch
):
    opened = []
    monkeypatch.setattr(pdf_export.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    parent = pdf_export.QWidget()
    qtbot.addWidget(parent)
    messages.save_as = [tmp_path / "plan"]
    export = export_pdf_dialog(parent, document, tmp_path / "demo.tutti")
    with qtbot.waitSignal(export.done, timeout=60_000) as done:
        pass
    assert done.args == [True]
    target = tmp_path / "plan.pdf"
    assert target.read_bytes().startswith(b"%PDF")
    assert export.message.text() == "Wrote plan.pdf."
    open_button = next(b for b in export.message.buttons() if b.text() == "Open PDF")
    open_button.click()
    assert opened == [str(target)]


def test_handouts_only_for_the_checked_teams(qtbot, tmp_path, messages, choose, document):
    def settings(dialog):
        dialog.handouts_only.setChecked(True)
        dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
        for n in range(1, dialog.teams.count()):
            dialog.teams.item(n).setCheckState(Qt.CheckState.Unchecked)

    choose["settings"] = settings
    parent = pdf_export.QWidget()
    qtbot.addWidget(parent)
    messages.save_as = [tmp_path / "handout.pdf"]
    export = export_pdf_dialog(parent, document, None)
    with qtbot.waitSignal(export.done, timeout=60_000):
        pass
    reader = PdfReader(tmp_path / "handout.pdf")
    first_team = next(iter(document.plan.teams.values())).name
    assert [item.title for item in reader.outline[1]] == [first_team]
    assert round(reader.pages[0].mediabox.width) == 612


def test_cancel_stops_the_export_and_leaves_no_file(qtbot, tmp_path, messages, choose, document):
    parent = pdf_export.QWidget()
    qtbot.addWidget(parent)
    messages.save_as = [tmp_path / "plan.pdf"]
    export = export_pdf_dialog(parent, document, None)
    export.cancel()
    with qtbot.waitSignal(export.done, timeout=60_000) as done:
        pass
    assert done.args == [False]
    assert list(tmp_path.iterdir()) == []


def test_closing_the_options_dialog_exports_nothing(qtbot, tmp_path, messages, choose, document):
    choose["accept"] = False
    parent = pdf_export.QWidget()
    qtbot.addWidget(parent)
    assert export_pdf_dialog(parent, document, None) is None
    assert list(tmp_path.iterdir()) == []


def test_the_export_works_on_a_copy_so_later_edits_do_not_reach_it(qtbot, tmp_path, messages, choose, document):
    parent = pdf_export.QWidget()
    qtbot.addWidget(parent)
    messages.save_as = [tmp_path / "plan.pdf"]
    export = export_pdf_dialog(parent, document, None)
    assert export.worker.plan is not document.plan and export.worker.plan.same_as(document.plan)
    with qtbot.waitSignal(export.done, timeout=60_000):
        pass


def test_cancelling_stops_the_export_and_leaves_no_file(tmp_path):
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < 4

    target = tmp_path / "plan.pdf"
    with pytest.raises(ExportCancelled):
        write_pdf(demo_plan(), target, ExportOptions(), progress=progress)
    assert list(tmp_path.iterdir()) == []
    assert all(0 <= done <= total for done, total in calls)


def test_an_export_replaces_the_file_only_when_complete(tmp_path):
    target = tmp_path / "plan.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ExportCancelled):
        write_pdf(demo_plan(), target, ExportOptions(), progress=lambda done, total: done < 30)
    assert target.read_bytes() == b"old"
    write_pdf(demo_plan(), target, ExportOptions())
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.pdf"]


def print_from_window(qtbot, window, messages, path) -> None:
    """File → Export PDF… in the window to `path`, waiting until the export is written."""
    messages.save_as = [path]
    window.actions.export_pdf.trigger()
    export = next(iter(pdf_export.RUNNING))
    with qtbot.waitSignal(export.done, timeout=60_000):
        pass


def test_the_window_prints_the_chosen_sections_within_the_chosen_dates(qtbot, tmp_path, messages, choose, window):
    def settings(dialog):
        for name in ("cover", "goals", "skills", "raci", "appendix"):
            dialog.sections[name].click()
        assert dialog.ok.isEnabled()
        dialog.limit.click()
        dialog.start.setDate(QDate(2027, 1, 1))
        dialog.end.setDate(QDate(2027, 3, 31))
        choose["chosen"] = dialog.chosen_sections(), dialog.window()

    choose["settings"] = settings
    print_from_window(qtbot, window, messages, tmp_path / "pack.pdf")
    assert choose["chosen"] == (("summary", "score", "network"), (date(2027, 1, 1), date(2027, 3, 31)))
    reader = PdfReader(tmp_path / "pack.pdf")
    assert [item.title for item in reader.outline if not isinstance(item, list)][:3] == [
        "Summary",
        "Score",
        "Team network",
    ]


def test_no_section_checked_cannot_be_exported(qtbot, document):
    dialog = ExportOptionsDialog(document.plan)
    qtbot.addWidget(dialog)
    for box in dialog.sections.values():
        box.setChecked(False)
    assert not dialog.ok.isEnabled()
    dialog.handouts_only.click()
    assert dialog.ok.isEnabled()
    assert not dialog.sections["summary"].isEnabled() and not dialog.limit.isEnabled()


def test_the_window_prints_the_plan_without_poster_or_handouts_unless_ticked(qtbot, tmp_path, messages, choose, window):
    def settings(dialog):
        choose["unticked"] = [name for name, box in dialog.sections.items() if not box.isChecked()]

    choose["settings"] = settings
    print_from_window(qtbot, window, messages, tmp_path / "plan.pdf")
    assert choose["unticked"] == ["wallchart", "handouts"]
    top = [item.title for item in PdfReader(tmp_path / "plan.pdf").outline if not isinstance(item, list)]
    assert "Team handouts" not in top and "Score wall chart" not in top
    assert top[-1] == "Appendix: all initiatives"
    assert "not saved yet" in PdfReader(tmp_path / "plan.pdf").pages[0].extract_text()


def test_the_window_prints_changes_since_a_chosen_revision_and_stamps_unsaved_edits(
    qtbot, tmp_path, messages, choose, make_window
):
    from domain import operations as op
    from storage.project_file import open_plan, save_plan

    path = tmp_path / "plan.tutti"
    save_plan(demo_plan(), path, author="ann")
    opened = open_plan(path)
    op.update_team(opened.plan, "team-marketing", capacity=5.0)
    save_plan(opened.plan, path, opened.history, author="ben")
    history = open_plan(path).history
    first = next(r for r in history.revisions.values() if r.author == "ann")

    def settings(dialog):
        choose["offered"] = [dialog.since.itemData(n) for n in range(dialog.since.count())]
        dialog.since.setCurrentIndex(dialog.since.findData(first.id))

    choose["settings"] = settings
    window = make_window(path)
    window.document.run(op.update_team, "team-sales", capacity=40.0)  # not saved
    print_from_window(qtbot, window, messages, tmp_path / "since.pdf")
    assert choose["offered"] == [None, history.head, first.id]  # none first, then newest first
    reader = PdfReader(tmp_path / "since.pdf")
    assert f"What changed since {first.short_id} ({first.saved[:10]}, ann)" in [
        item.title for item in reader.outline if not isinstance(item, list)
    ]
    texts = [page.extract_text() for page in reader.pages]
    changes = " ".join(texts)
    assert "Team 'Marketing': capacity 32 → 5" in changes and "Team 'Sales': capacity" in changes
    stamp = f"revision {history.head[:8]} + unsaved changes · saved {history.head_revision.saved[:10]}"
    assert all(stamp in text for text in texts)
