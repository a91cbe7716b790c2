"""What every page of the main window shares: the document, the filter box, analysis and view state."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from PySide6.QtCore import QByteArray, Qt, Signal, SignalInstance
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QWidget

from domain import operations
from domain.entities import MAX_NAME_LENGTH, copy_of
from domain.plan import Plan
from views.qt import forms
from views.qt.tables import FilterBox


class PlanDocument(Protocol):
    """What a page is given: the plan to show and the one way to change it (desktop's `Document`)."""

    plan: Plan
    changed: SignalInstance  # (change) after every edit, undo and redo; (None) when the plan is replaced
    error: SignalInstance  # (message) an edit was refused

    def run(self, operation, *args, **kwargs) -> bool:
        """Apply one domain operation as an undoable edit."""

    def run_many(self, label: str, steps: Iterable[Callable[[Plan], operations.Change]]) -> bool:
        """Apply several operations as one undoable edit called `label`."""


class Page(QWidget):
    """A page showing one part of the plan.

    A page is given a `PlanDocument` and changes the plan only through its `run` and `run_many`. It
    follows edits with `WhenShown(self, document, refresh)`, so a hidden page catches up once when shown;
    the shell hands it each new analysis through `set_analysis`, which calls `show_analysis`.

    Signals
    -------
    navigate(table, key)
        The user asked to see an entity that another page shows.
    selection_changed()
        The selection changed (the shell enables Duplicate and Delete from `has_selection`).
    """

    title = ""
    navigate = Signal(str, object)
    selection_changed = Signal()

    def __init__(self, document: PlanDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.analysis = None
        self.filter_box = FilterBox(parent=self)
        self._splitters: dict[str, QSplitter] = {}
        self._views: dict[str, QAbstractItemView] = {}

    def focus_filter(self) -> None:
        """Put the cursor in the filter box (Ctrl+F)."""
        self.filter_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_box.selectAll()

    def select(self, table: str, key) -> bool:
        """Show and select an entity; False when this page does not show it."""
        return False

    def has_selection(self) -> bool:
        return False

    def add_item(self) -> None:
        """Add an entity of the kind this page shows (Insert); pages drawn from others' data add nothing."""

    def duplicate_selected(self) -> None:
        """Add a copy of the selected entity."""

    def delete_selected(self) -> None:
        """Delete the selected entities."""

    def set_analysis(self, analysis) -> None:
        """Show the latest analysis (None while there is none)."""
        self.analysis = analysis
        self.show_analysis()

    def show_analysis(self) -> None:
        """Refresh whatever shows analysis results."""

    # View settings

    def remember(self, name: str, widget) -> None:
        """Keep a splitter's sizes or an item view's column widths and sort order in `state()`."""
        if isinstance(widget, QSplitter):
            self._splitters[name] = widget
        else:
            self._views[name] = widget

    def state(self) -> dict:
        """Splitter sizes and column widths and sort order, as plain values."""
        return {
            "splitters": {name: splitter.sizes() for name, splitter in self._splitters.items()},
            "headers": {
                name: _header(view).saveState().toBase64().data().decode() for name, view in self._views.items()
            },
        }

    def restore_state(self, state: dict) -> None:
        """Put back what `state()` returned; anything unreadable is ignored."""
        if not isinstance(state, dict):
            return
        splitters = state.get("splitters")
        for name, sizes in splitters.items() if isinstance(splitters, dict) else ():
            if name in self._splitters and isinstance(sizes, list) and all(isinstance(s, int) for s in sizes):
                self._splitters[name].setSizes(sizes)
        headers = state.get("headers")
        for name, saved in headers.items() if isinstance(headers, dict) else ():
            if name not in self._views or not isinstance(saved, str):
                continue
            view = self._views[name]
            header = _header(view)
            if header.restoreState(QByteArray.fromBase64(saved.encode())) and getattr(view, "isSortingEnabled", bool)():
                view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())

    # Helpers for subclasses

    def select_first(self, view: QAbstractItemView) -> None:
        """Select the first row when nothing is selected, so the page never looks empty."""
        if not view.currentIndex().isValid() and view.model().rowCount() > 0:
            view.setCurrentIndex(view.model().index(0, 0))

    def show_key(self, view: QAbstractItemView, key) -> bool:
        """Select and scroll to an entity in a view over a `FilterProxy`, clearing a filter that hides it."""
        proxy = view.model()
        index = proxy.index_of(key)
        if not index.isValid() and proxy.sourceModel().row_of(key) >= 0:
            self.filter_box.clear()
            proxy.set_filter_text("")
            index = proxy.index_of(key)
        if not index.isValid():
            return False
        view.setCurrentIndex(index)
        view.selectionModel().select(
            index,
            view.selectionModel().SelectionFlag.ClearAndSelect | view.selectionModel().SelectionFlag.Rows,
        )
        view.scrollTo(index)
        return True

    def follow_links(self, view: QAbstractItemView) -> None:
        """Double-click or Enter on a cell that names another entity jumps to it (see `Column.link`)."""
        view.activated.connect(lambda index: self._follow(view, index))

    def _follow(self, view: QAbstractItemView, index) -> None:
        proxy = view.model()
        source = proxy.mapToSource(index)
        target = proxy.sourceModel().link(source.row(), source.column())
        if target and target[1] is not None:
            self.navigate.emit(*target)

    def duplicate_current(self, table: str) -> None:
        """Add a copy of the current entity (same fields, its own id), named '<name> (copy)'."""
        key = self.current_key()
        if key is None:
            return
        entities = self.document.plan.table(table)
        original = entities[key]
        name = forms.new_name(f"{original.name} (copy)"[:MAX_NAME_LENGTH], (e.name for e in entities.values()))
        self._add(copy_of(original, name=name))

    def delete_keys(self, operation, keys: list, what: str, plural: str) -> bool:
        """Delete entities with one question when others depend on them, as one undo step."""
        if not keys:
            return False
        trial = self.document.plan.copy()
        changes = [operation(trial, key) for key in keys]
        side_edits = tuple(edit for change in changes for edit in change.edits[:-1])
        main_edits = tuple(change.edits[-1] for change in changes if change.edits)
        sentences = operations.consequences(operations.Change("", side_edits + main_edits[-1:]))
        label = what if len(keys) == 1 else f"{len(keys)} {plural}"
        if sentences and not forms.ask_to_delete(self, label, sentences):
            return False
        return self.document.run_many(f"Delete {label}", [lambda plan, key=key: operation(plan, key) for key in keys])


def _header(view) -> QHeaderView:
    return view.header() if hasattr(view, "header") else view.horizontalHeader()
