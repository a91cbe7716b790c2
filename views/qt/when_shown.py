"""Work a widget needs only while it is shown: following the plan (caught up once when shown again), or a costly helper."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from domain import operations


class WhenShown(QObject):
    """Calls `refresh(change)` for each change of the document while `widget` is visible.

    A hidden widget is not refreshed on every edit: the edits it missed are handed to `refresh` as one
    `Change` when it is next shown (None when the whole plan was replaced meanwhile), before it paints.
    """

    def __init__(self, widget: QWidget, document, refresh: Callable[[operations.Change | None], None]):
        super().__init__(widget)
        self._widget = widget
        self._refresh = refresh
        self._missed: list[operations.Change] | None = []  # None: the plan was replaced
        self._behind = False
        document.changed.connect(self._on_changed)
        widget.installEventFilter(self)

    def _on_changed(self, change: operations.Change | None) -> None:
        if self._widget.isVisible():
            self._refresh(change)
            return
        self._behind = True
        if change is None:
            self._missed = None
        elif self._missed is not None:
            self._missed.append(change)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Qt override: catch up on the way to being shown."""
        if event.type() == QEvent.Type.Show and self._behind:
            missed, self._missed, self._behind = self._missed, [], False
            if missed is None:
                self._refresh(None)
            else:
                self._refresh(operations.Change("", tuple(edit for change in missed for edit in change.edits)))
        return False


class WhileShown(QObject):
    """Calls `attach()` each time `widget` is shown and `detach()` each time it is hidden."""

    def __init__(self, widget: QWidget, attach: Callable[[], None], detach: Callable[[], None]):
        super().__init__(widget)
        self._attach, self._detach = attach, detach
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Qt override."""
        if event.type() == QEvent.Type.Show:
            self._attach()
        elif event.type() == QEvent.Type.Hide:
            self._detach()
        return False
