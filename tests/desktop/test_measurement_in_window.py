"""Check-ins, baselines, the status date and gate decisions in the running window, each one undo step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from views.qt.plan_dialogs import BaselineDialog, GateDecisionDialog, GateDialog, StatusDateDialog


def goals_page(window):
    page = next(p for p in window.pages if p.title == "Goals")
    window.show_page(window.pages.index(page))
    return page


def answer(monkeypatch, dialog_type, fill):
    """The dialog of `dialog_type` is filled by `fill(dialog)` and accepted instead of waiting for a person."""

    def exec_(dialog):
        fill(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog_type, "exec", exec_)


def test_a_check_in_is_recorded_edited_and_deleted_on_the_goals_page_and_undone(window, qtbot):
    page = goals_page(window)
    page.select("goals", "goal-service")
    panel = page.checkins
    assert panel.model.rowCount() == 4 and "Off track" in panel.status.text()
    assert panel.chart.trend is not None and panel.chart.on_track is False

    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    checkins = window.document.plan.goals["goal-service"].checkins
    assert len(checkins) == 5 and checkins[-1].date == date(2027, 3, 2)  # the status date has one already
    assert panel.selected() == checkins[-1]

    value = panel.form.fields["value"].editor
    value.setText("75")
    qtbot.keyClick(value, Qt.Key.Key_Return)
    assert window.document.plan.goals["goal-service"].checkins[-1].value == 75
    assert "On track" in panel.status.text()

    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert len(window.document.plan.goals["goal-service"].checkins) == 4
    for _ in range(3):
        window.actions.undo.trigger()
    assert len(window.document.plan.goals["goal-service"].checkins) == 4
    assert panel.model.rowCount() == 4 and "Off track" in panel.status.text()


def test_a_check_in_without_a_value_is_refused_in_words(window, qtbot):
    page = goals_page(window)
    page.select("goals", "goal-leads")
    panel = page.checkins
    value = panel.form.fields["value"].editor
    value.setText("")
    qtbot.keyClick(value, Qt.Key.Key_Return)
    assert panel.form.message.text.text() == "A check-in needs a value."
    assert len(window.document.plan.goals["goal-leads"].checkins) == 2


def test_a_parent_goal_says_how_many_sub_goals_are_on_track(window, qtbot):
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=10000)
    page = goals_page(window)
    page.select("goals", "goal-revenue")
    assert "2 of 3 sub-goals on track by their check-ins." in page.summary.text()


def test_plan_menu_sets_a_baseline_and_the_status_date_each_one_undo_step(window, monkeypatch):
    plan = window.document.plan
    kept = len(plan.project.baselines)
    answer(monkeypatch, BaselineDialog, lambda d: d.name.setText("Board approval"))
    window.plan_menu.set_baseline.trigger()
    assert [b.name for b in window.document.plan.project.baselines][-1] == "Board approval"
    answer(monkeypatch, StatusDateDialog, lambda d: d.day.setDate(QDate(2027, 3, 8)))
    window.plan_menu.status_date.trigger()
    assert window.document.plan.project.status_date == date(2027, 3, 8)
    window.actions.undo.trigger()
    window.actions.undo.trigger()
    assert window.document.plan.project.status_date == date(2027, 3, 1)
    assert len(window.document.plan.project.baselines) == kept


def test_a_gate_decision_is_recorded_in_one_step_with_who_when_and_why(window, monkeypatch):
    def decide(dialog):
        dialog.pilot.setCurrentIndex(dialog.pilot.findData("init-chatbot"))
        dialog.decision.setCurrentText("no-go")
        dialog.by.setText("Steering group")
        dialog.day.setDate(QDate(2027, 5, 28))
        dialog.note.setText("Answers too slow")

    answer(monkeypatch, GateDecisionDialog, decide)
    window.plan_menu.decide_gate.trigger()
    gate = window.document.plan.initiatives["init-chatbot"].gate
    assert (gate.decision, gate.by, gate.decided, gate.note) == ("no-go", "Steering group", date(2027, 5, 28),
                                                                  "Answers too slow")  # fmt: skip
    assert window.document.undo_stack.undoText() == "Decide no-go for 'Pilot a chatbot for support FAQs'"
    window.actions.undo.trigger()
    assert window.document.plan.initiatives["init-chatbot"].gate.decision == "pending"


def test_a_pilot_gate_is_put_on_the_selected_initiative_in_one_step(window, monkeypatch):
    page = next(p for p in window.pages if p.title == "Initiatives")
    window.show_page(window.pages.index(page))
    assert page.select("initiatives", "init-lead-scoring")

    def gate(dialog):
        dialog.goal.setCurrentIndex(dialog.goal.findData("goal-leads"))
        dialog.threshold.setText("150")
        dialog.decide_by.setDate(QDate(2027, 6, 4))
        dialog.accept()

    answer(monkeypatch, GateDialog, gate)
    window.plan_menu.set_gate.trigger()
    set_gate = window.document.plan.initiatives["init-lead-scoring"].gate
    assert (set_gate.goal, set_gate.threshold, set_gate.decide_by, set_gate.decision) == (
        "goal-leads", 150, date(2027, 6, 4), "pending"
    )  # fmt: skip
    window.actions.undo.trigger()
    assert window.document.plan.initiatives["init-lead-scoring"].gate is None


def test_a_threshold_that_is_not_a_number_is_refused_in_words(window):
    dialog = GateDialog(window.document.plan, "init-lead-scoring", window)
    dialog.threshold.setText("lots")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.problem.text() == "The threshold must be a number, like 12 or 2.5."


def test_the_initiative_form_shows_slip_and_the_gate_and_edits_progress(window, qtbot):
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=10000)
    page = next(p for p in window.pages if p.title == "Initiatives")
    window.show_page(window.pages.index(page))
    assert page.select("initiatives", "init-churn-pilot")
    text = page.schedule.text()
    assert "11 working days later than the baseline." in text
    assert "Pilot gate: pending, decide by 2027-07-09" in text
    progress = page.form.fields["progress"].editor
    progress.setFocus()
    qtbot.keyClick(progress, Qt.Key.Key_Up)
    assert window.document.plan.initiatives["init-churn-pilot"].progress == 1
