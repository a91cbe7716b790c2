"""File → Compare with…: how another copy of the plan differs from the open one, each change leading to its entity."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop.copies import choose_copy, read_copy
from domain.compare import KINDS, Difference, compare, kind_title
from domain.wording import counted
from views.qt.difference_tree import DifferenceTree
from views.qt.forms import plain_label

SAME = "The plans are the same."


class CompareDialog(QDialog):
    """The differences from the open plan to another copy, grouped by kind of entity.

    It stays open beside the window (it is not modal): a leader walks down the list, and each change she
    activates shows its entity in the window, where she can look at it or fix it, and goes on to the next.
    """

    def __init__(
        self,
        differences: list[Difference],
        this_name: str,
        other_name: str,
        navigate: Callable[[str, object], bool],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(f"Compare with {other_name}")
        self._navigate = navigate
        self._other_name = other_name
        summary = (
            f"{counted(len(differences), 'change')} from the open plan ({this_name}) to {other_name}. "
            f"Added: only {other_name} has it; removed: only the open plan has it. "
            "Double-click a change, or select it and press Enter, to show it in the window."
            if differences
            else SAME
        )
        self.summary = plain_label(summary, self)
        self.tree = DifferenceTree(["Change", "What"], self)
        for kind in KINDS:
            of_kind = [d for d in differences if d.kind == kind]
            if of_kind:
                heading = self.tree.group(f"{kind_title(kind)} ({len(of_kind)})")
                for difference in of_kind:
                    self.tree.add_difference(heading, difference)
        self.tree.open_groups()
        self.tree.setVisible(bool(differences))
        self.tree.entity_activated.connect(self._show_entity)
        self.status = plain_label("", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)  # Enter in the list shows a change; it must not close the dialog too
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(720, 480 if differences else 140)

    def _show_entity(self, table: str, key) -> None:
        shown = self._navigate(table, key)
        self.status.setText("" if shown else f"This is not in the open plan; only {self._other_name} has it.")


def compare_with(window) -> CompareDialog | None:
    """Ask for a copy of the plan and show how it differs from the open plan; None if none was read."""
    path = choose_copy(window, "Compare with")
    if path is None:
        return None
    other = read_copy(window, path)
    if other is None:
        return None
    differences = compare(window.document.plan, other)
    dialog = CompareDialog(differences, window.session.display_name(), path.name, window.navigate, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
