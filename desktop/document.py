"""The open document: the plan being edited, its undo history and its analysis.

Views read `document.plan` and never change it; every edit goes through `run`, which
applies a domain operation as an undoable command and announces it on `changed`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from domain import operations
from domain.plan import Plan, new_plan


class OperationCommand(QUndoCommand):
    """One domain operation on the undo stack; the first redo runs it, later ones replay it."""

    def __init__(self, document: Document, change: operations.Change):
        super().__init__(change.label)
        self._document = document
        self._change = change
        self._applied = True

    def redo(self) -> None:
        """Qt override."""
        if not self._applied:
            operations.redo(self._document.plan, self._change)
        self._applied = False
        self._document.changed.emit(self._change)

    def undo(self) -> None:
        """Qt override."""
        operations.undo(self._document.plan, self._change)
        self._document.changed.emit(self._change)


class Document(QObject):
    """A plan with its undo stack.

    Signals
    -------
    changed(change)
        After every edit, undo and redo, with the domain `Change`; with None when the
        whole plan was replaced (new, open, restore).
    error(message)
        An operation was refused; the message is a sentence for the user.
    """

    changed = Signal(object)
    error = Signal(str)

    def __init__(self, plan: Plan | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.plan = plan if plan is not None else new_plan()
        self.undo_stack = QUndoStack(self)

    def run(self, operation, *args, **kwargs) -> bool:
        """Apply `operation(plan, *args, **kwargs)` as one undoable step; False if it was refused."""
        try:
            change = operation(self.plan, *args, **kwargs)
        except operations.OperationError as error:
            self.error.emit(str(error)[:1].upper() + str(error)[1:] + ".")
            return False
        if change.edits:
            self.undo_stack.push(OperationCommand(self, change))
        return True

    def replace_plan(self, plan: Plan) -> None:
        """Show another plan; the undo history starts afresh."""
        self.undo_stack.clear()
        self.plan = plan
        self.changed.emit(None)
