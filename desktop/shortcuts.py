"""Help → Keyboard Shortcuts: the keys of every menu command, read from the menus, and the keys pages handle."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenuBar, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

PAGE_KEYS = (
    ("Tab, Shift+Tab", "Next or previous field, button or table"),
    ("Arrow keys", "Move between the cells of a table"),
    ("F2, or start typing", "Edit the current cell"),
    ("Enter, double-click", "Go to what a cell names (an owner, a team, an initiative)"),
    ("Skills: 0 to 4, + and -, Delete", "Set, raise, lower or clear a skill level"),
    ("Score: click, double-click", "Select an initiative (on every page); open it in its editor"),
    ("Score: drag a bar, or its end", "Move its not-before date, or change its duration, by whole working days"),
    ("Score: +, -, 0, Ctrl+wheel", "Zoom time in and out; fit the whole plan to the window"),
    ("Network: click", "Select a node and list its links"),
    ("Network: Enter, double-click", "Open the selected node in its editor"),
    ("Network: + and -, 0", "Zoom in and out; fit the picture to the window"),
    ("Network search: Enter", "Next node whose name matches"),
    ("Ctrl+Z in a text field", "Undo the typing; with none left, undo the last change to the plan"),
)


def menu_shortcuts(
    menu_bar: QMenuBar, keys_of: Callable[[QAction], list[QKeySequence]] = QAction.shortcuts
) -> list[tuple[str, str, str]]:
    """(menu, command, keys) of every menu command that has keys, in menu order."""
    listed = []
    for menu_action in menu_bar.actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            keys = " or ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys_of(action))
            if keys and not action.isSeparator():
                listed.append((menu.title().replace("&", ""), action.text().replace("&", "").split("\t")[0], keys))
    return listed


class ShortcutsDialog(QDialog):
    """A plain list of keys and what they do."""

    def __init__(
        self,
        menu_bar: QMenuBar,
        keys_of: Callable[[QAction], list[QKeySequence]] = QAction.shortcuts,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("Keyboard Shortcuts")
        self.list = QTreeWidget(self)
        self.list.setHeaderLabels(["Keys", "What they do"])
        self.list.setRootIsDecorated(False)
        for menu, command, keys in menu_shortcuts(menu_bar, keys_of):
            QTreeWidgetItem(self.list, [keys, f"{menu} → {command}"])
        for keys, what in PAGE_KEYS:
            QTreeWidgetItem(self.list, [keys, what])
        self.list.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(780, 600)
