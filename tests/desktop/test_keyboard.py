"""The keyboard in the main window: Tab leaves tables, undo and redo reach the plan from text fields, the list of keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTreeWidget

from desktop.shortcuts import ShortcutsDialog

Ctrl, Shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def show(window, qtbot, number: int):
    window.activateWindow()
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Ctrl)
    return window.current_page()


def test_tab_leaves_every_table_of_the_window(window, qtbot):
    for number in range(1, 6):
        page = show(window, qtbot, number)
        view = getattr(page, "view", None)
        if view is None:
            continue
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert not view.hasFocus(), page.title


def test_ctrl_z_right_after_add_undoes_the_add_and_ctrl_y_redoes_it(window, qtbot):
    teams = window.document.plan.teams
    count = len(teams)
    page = show(window, qtbot, 3)
    qtbot.keyClick(page.view, Qt.Key.Key_Insert)
    name = page.form.fields["name"].editor
    assert len(teams) == count + 1 and name.hasFocus()
    qtbot.keyClick(name, Qt.Key.Key_Z, Ctrl)
    assert len(teams) == count
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y, Ctrl)
    assert len(teams) == count + 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Ctrl)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Ctrl | Shift)
    assert len(teams) == count + 1


def test_ctrl_z_in_a_filter_box_undoes_typing_first_then_the_plan(window, qtbot):
    teams = window.document.plan.teams
    page = show(window, qtbot, 3)
    first = next(iter(teams))
    qtbot.keyClick(page.view, Qt.Key.Key_Insert)
    qtbot.keyClick(window, Qt.Key.Key_F, Ctrl)
    assert page.filter_box.hasFocus()
    qtbot.keyClicks(page.filter_box, "xyz")
    qtbot.keyClick(page.filter_box, Qt.Key.Key_Z, Ctrl)
    assert page.filter_box.text() == "" and len(teams) == 11
    qtbot.keyClick(page.filter_box, Qt.Key.Key_Z, Ctrl)
    assert len(teams) == 10 and first in teams


def test_help_lists_every_keyboard_shortcut(window, qtbot):
    show(window, qtbot, 7)  # the Network page takes Ctrl+F for its own search: the list still has it
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    assert window.actions.shortcuts in help_menu.actions()
    window.actions.shortcuts.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    listing = dialog.findChild(QTreeWidget)
    rows = [
        (listing.topLevelItem(n).text(0), listing.topLevelItem(n).text(1)) for n in range(listing.topLevelItemCount())
    ]
    keys = {key for listed, _ in rows for key in listed.split(" or ")}
    for key in (
        "Ctrl+Z",
        "Ctrl+Y",
        "Ctrl+Shift+Z",
        "Ctrl+F",
        "Ctrl+1",
        "Ctrl+6",
        "Ins",
        "Del",
        "Ctrl+D",
        "Ctrl+S",
        "Ctrl+Q",
    ):
        assert key in keys, key
    assert any("Tab" in key for key, _ in rows)
    dialog.close()
