"""The open document: the plan being edited, its undo history and its analysis.

Views read `document.plan` and never change it; every edit goes through `run` (or `run_many` for
several operations the user sees as one edit), which applies domain operations as one undoable
command and announces it on `changed`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from domain import operations
from domain.plan import Plan, new_plan

# Steps kept for undo: a day's workshop is a few hundred edits, far more than Anki's 30 reviews of
# a card, and a step holds only the entities it touched, so 200 cost little memory.
UNDO_LIMIT = 200


class OperationCommand(QUndoCommand):
    """One domain operation on the undo stack; the first redo runs it, later ones replay it.

    `on_done(True)` is called as the step is done or redone and `on_done(False)` as it is undone."""

    def __init__(self, document: Document, change: operations.Change, on_done: Callable[[bool], None] | None = None):
        super().__init__(change.label)
        self._document = document
        self._change = change
        self._applied = True
        self._on_done = on_done

    def redo(self) -> None:
        """Qt override."""
        if not self._applied:
            operations.redo(self._document.plan, self._change)
        self._applied = False
        self._done(True)

    def undo(self) -> None:
        """Qt override."""
        operations.undo(self._document.plan, self._change)
        self._done(False)

    def _done(self, done: bool) -> None:
        if self._on_done is not None:
            self._on_done(done)
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

    def __init__(self, plan: Plan | None = None, parent: QObject | None = None, *, undo_limit: int = UNDO_LIMIT):
        super().__init__(parent)
        self.plan = plan if plan is not None else new_plan()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(undo_limit)

    def run(self, operation, *args, **kwargs) -> bool:
        """Apply `operation(plan, *args, **kwargs)` as one undoable step; False if it was refused."""
        return self.run_many("", [lambda plan: operation(plan, *args, **kwargs)])

    def run_many(
        self,
        label: str,
        steps: Iterable[Callable[[Plan], operations.Change]],
        on_done: Callable[[bool], None] | None = None,
    ) -> bool:
        """Apply each `step(plan)` (a domain operation) in turn as one undoable step called `label` (a
        single step keeps its own label); all or nothing: False, with the plan untouched, if one is refused.

        `on_done(done)` follows the step through undo and redo, for what goes with it outside the plan (a
        merge's second parent); with it the step is kept even when the plan itself does not change."""
        changes: list[operations.Change] = []
        try:
            for step in steps:
                changes.append(step(self.plan))
        except operations.OperationError as error:
            for change in reversed(changes):
                operations.undo(self.plan, change)
            self.error.emit(str(error)[:1].upper() + str(error)[1:] + ".")
            return False
        edits = tuple(edit for change in changes for edit in change.edits)
        if edits or on_done is not None:
            label = changes[0].label if len(changes) == 1 else label
            self.undo_stack.push(OperationCommand(self, operations.Change(label, edits), on_done))
        return True

    def replace_plan(self, plan: Plan) -> None:
        """Show another plan; the undo history starts afresh."""
        self.undo_stack.clear()
        self.plan = plan
        self.changed.emit(None)
