"""Help → About: the version, the licence, and the third-party notices as plain text."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.actions import icon
from desktop.version import tutti_version


def third_party_notices() -> str:
    """The notices shipped with Tutti: the licences of the components it builds on."""
    return files("resources").joinpath("THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")


class AboutDialog(QDialog):
    """What Tutti is, its version and licence; a button shows the third-party notices below."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("About Tutti")
        picture = QLabel(self)
        picture.setPixmap(icon("tutti").pixmap(64, 64))
        self.version = self._label(f"Tutti {tutti_version()}")
        self.version.setStyleSheet("font-size: 16pt; font-weight: bold;")
        text = QVBoxLayout()
        text.addWidget(self.version)
        text.addWidget(
            self._label(
                "Plan cross-functional work like a conductor's score: goals, teams, skills, "
                "initiatives, dependencies and hand-offs, analysed and printed."
            )
        )
        text.addWidget(
            self._label(
                "Tutti is free software under the MIT licence. It uses Qt for Python (LGPL-3.0), "
                "ReportLab, NetworkX, sqlite-utils and the DejaVu fonts, each under its own licence."
            )
        )
        text.addStretch(1)
        header = QHBoxLayout()
        header.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(text, 1)

        self.notices = QPlainTextEdit(self)
        self.notices.setReadOnly(True)
        self.notices.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.notices.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.notices.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.notices_button = buttons.addButton("Third-Party &Notices", QDialogButtonBox.ButtonRole.ActionRole)
        self.notices_button.clicked.connect(self.show_notices)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.notices, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_notices(self) -> None:
        """Show the third-party notices (loaded on first use) below the text."""
        if not self.notices.toPlainText():
            self.notices.setPlainText(third_party_notices())
        self.notices.show()
        self.notices_button.setEnabled(False)
        self.resize(max(self.width(), 780), max(self.height(), 600))
