"""Who gets a key that the window's commands and a page or text field both want."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


class PageKeys:
    """Lets a page's own shortcut for Insert, Delete... win while it is active.

    Qt runs neither of two active shortcuts for one key ("ambiguous"), so a window command steps back
    for the keys the focused view (or the page, window-wide) handles itself.
    """

    def __init__(self, actions: list[QAction]):
        self._keys = {action: action.shortcuts() for action in actions}

    def own_keys(self, action: QAction) -> list[QKeySequence]:
        """The keys of a command, including any it has stepped back from for now."""
        return self._keys.get(action, action.shortcuts())

    def yield_to(self, page: QWidget | None) -> None:
        """Give each command its keys, except those an active shortcut of `page` handles."""
        taken = set()
        focus = QApplication.focusWidget()
        for shortcut in page.findChildren(QShortcut) if page is not None else ():
            widget = shortcut.parent()
            context = shortcut.context()
            active = (
                context == Qt.ShortcutContext.WindowShortcut
                or (context == Qt.ShortcutContext.WidgetShortcut and widget is focus)
                or (
                    context == Qt.ShortcutContext.WidgetWithChildrenShortcut
                    and focus is not None
                    and (widget is focus or widget.isAncestorOf(focus))
                )
            )
            if active and shortcut.isEnabled():
                taken.update(key.toString() for key in shortcut.keys())  # noqa: SIM118 - QShortcut.keys(), not a dict
        for action, keys in self._keys.items():
            action.setShortcuts([key for key in keys if key.toString() not in taken])


def _text_undo(widget: QWidget) -> tuple[bool, bool] | None:
    """(can undo, can redo) of a text field's own typing; None when the widget is not a text field."""
    if isinstance(widget, (QAbstractSpinBox, QComboBox)):
        widget = widget.findChild(QLineEdit)
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable(), widget.isRedoAvailable()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.document().isUndoAvailable(), widget.document().isRedoAvailable()
    return None


class PlanUndoKeys(QObject):
    """Lets the undo and redo keys reach the plan's undo stack while a text field has focus but has
    no typing of its own to undo or redo (Qt's text fields otherwise keep those keys to themselves)."""

    def __init__(self, undo: QAction, redo: QAction):
        super().__init__(undo)
        self._undo, self._redo = undo, redo

    def watch(self, _old: QWidget | None, widget: QWidget | None) -> None:
        """Watch a newly focused widget, if it is a text field (watching twice is harmless)."""
        if widget is not None and _text_undo(widget) is not None:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Qt override: refuse the text field's claim on a key it has nothing to do with."""
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        pressed = QKeySequence(event.keyCombination()).toString()
        own = _text_undo(watched)
        if own is None:
            return False
        for can, action in zip(own, (self._undo, self._redo), strict=True):
            if not can and pressed in {key.toString() for key in action.shortcuts()}:
                return True
        return False
