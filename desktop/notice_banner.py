"""The strip above the pages that says what the user should know about the open file, with a Save As button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from desktop.session import Session


def notice_for(session: Session) -> str:
    """What the banner says about the session's file: its notice, read-only state and recovery problem."""
    notice = f"{session.display_name()} — {session.notice}." if session.notice else ""
    if session.read_only:
        notice = notice or f"{session.display_name()} is read-only."
        notice += " Save As keeps your changes in another file."
    if session.recovery_problem:
        notice = "\n".join(filter(None, [notice, f"{session.recovery_problem}. Save often until this goes."]))
    return notice


class NoticeBanner(QFrame):
    """Shown only while there is something to say; its text is shown literally and wraps whole."""

    save_as_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.palette().ColorRole.ToolTipBase)
        self.setForegroundRole(self.palette().ColorRole.ToolTipText)
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        # Grow with the wrapped text: notices can run to three lines and must be read whole.
        self.text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding)
        save_as = QPushButton("Save As…", self)
        save_as.clicked.connect(self.save_as_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(save_as)
        self.hide()

    def show_notice(self, notice: str) -> None:
        """Say `notice`, or hide when it is empty."""
        self.text.setText(notice)
        self.setVisible(bool(notice))
