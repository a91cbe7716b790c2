"""The dialog that offers the recovery copies left by a Tutti that did not close properly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from storage.recovery import RecoveryEntry

RESTORE, DISCARD, LATER = "restore", "discard", "later"


def describe(entry: RecoveryEntry) -> str:
    """One line naming the plan's file and when its copy was written, in local time."""
    name = Path(entry.original).name if entry.original else "Untitled plan"
    when = entry.saved_at.astimezone().strftime("%d %b %Y %H:%M:%S") if entry.saved_at else "unknown time"
    return f"{name} — changes from {when}"


class RecoveryDialog(QDialog):
    """Lists recovery copies; `choice` is RESTORE, DISCARD or LATER for `selected_entry()`."""

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Recover Unsaved Changes")
        self.choice = LATER
        self._entries = entries
        intro = QLabel("Tutti did not close properly last time. These unsaved changes were kept:", self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        for entry in entries:
            item = QListWidgetItem(describe(entry))
            item.setToolTip(str(entry.original) if entry.original else "A plan that was never saved")
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(self)
        restore = buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        discard = buttons.addButton("&Discard", QDialogButtonBox.ButtonRole.DestructiveRole)
        later = buttons.addButton("&Later", QDialogButtonBox.ButtonRole.RejectRole)
        restore.setDefault(True)
        restore.clicked.connect(lambda: self._finish(RESTORE))
        discard.clicked.connect(lambda: self._finish(DISCARD))
        later.clicked.connect(lambda: self._finish(LATER))
        self.list.itemDoubleClicked.connect(lambda _: self._finish(RESTORE))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 260)

    def selected_entry(self) -> RecoveryEntry:
        """The copy the user picked (the first one by default)."""
        return self._entries[max(0, self.list.currentRow())]

    def _finish(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != LATER else self.reject()
