"""The main window's menu bar and toolbar, built from its actions and pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu

from desktop.actions import Actions
from desktop.plan_menu import PlanMenu


def build_menus(
    window: QMainWindow,
    actions: Actions,
    page_titles: Sequence[str],
    show_page: Callable[[int], None],
    undo_dock: QDockWidget,
) -> tuple[QMenu, QActionGroup]:
    """File, Edit, View and Help; returns the Open Recent menu (filled when shown) and the View menu's page actions."""
    a = actions
    file_menu = window.menuBar().addMenu("&File")
    file_menu.addActions([a.new, a.new_demo, a.open])
    recent_menu = file_menu.addMenu("Open &Recent")
    file_menu.addSeparator()
    file_menu.addActions([a.save, a.save_as])
    file_menu.addSeparator()
    file_menu.addActions([a.import_file, a.export_json, a.export_pdf])
    file_menu.addSeparator()
    file_menu.addActions([a.compare, a.merge])
    file_menu.addSeparator()
    file_menu.addActions([a.close, a.quit])

    edit_menu = window.menuBar().addMenu("&Edit")
    edit_menu.addActions([a.undo, a.redo])
    edit_menu.addSeparator()
    edit_menu.addActions([a.add, a.duplicate, a.delete])
    edit_menu.addSeparator()
    edit_menu.addAction(a.find)

    view_menu = window.menuBar().addMenu("&View")
    page_actions = QActionGroup(window)
    for number, title in enumerate(page_titles, start=1):
        action = QAction(title, window, checkable=True)
        if number <= 9:
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda _=False, index=number - 1: show_page(index))
        page_actions.addAction(action)
        view_menu.addAction(action)
    view_menu.addSeparator()
    history = undo_dock.toggleViewAction()
    history.setText("Undo &History")
    history.setShortcut(QKeySequence("Ctrl+Shift+H"))
    view_menu.addAction(history)

    window.plan_menu = PlanMenu(window)

    help_menu = window.menuBar().addMenu("&Help")
    help_menu.addActions([a.shortcuts, a.about])
    return recent_menu, page_actions


def build_toolbar(window: QMainWindow, actions: Actions) -> None:
    """The toolbar: the file, undo and edit commands, each with its icon and name."""
    a = actions
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.setIconSize(QSize(22, 22))
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    toolbar.addActions([a.new, a.open, a.save])
    toolbar.addSeparator()
    toolbar.addActions([a.undo, a.redo])
    toolbar.addSeparator()
    toolbar.addActions([a.add, a.duplicate, a.delete])
    toolbar.addSeparator()
    toolbar.addAction(a.find)
    # The undo actions' text grows with the command name; the toolbar shows just the verb.
    for action, verb in ((a.undo, "Undo"), (a.redo, "Redo")):
        button = toolbar.widgetForAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.setToolTip(verb)
