"""Tables with the house defaults, and the filter box above them."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView

FILTER_DELAY_MS = 150


class FilterBox(QLineEdit):
    """A filter field that reports its text once typing pauses (150 ms), not on every keystroke."""

    filter_changed = Signal(str)

    def __init__(self, placeholder: str = "Filter", parent=None):
        super().__init__(parent)
        self.setPlaceholderText(f"{placeholder} (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self.textChanged.connect(self._timer.start)
        self._timer.timeout.connect(lambda: self.filter_changed.emit(self.text()))


def make_table(proxy, parent=None, *, sortable: bool = True, stretch: int | None = None) -> QTableView:
    """A table view with the house defaults: whole rows selected, native look, widths from the columns.

    Column `stretch` (else the last) takes the width left over, so the table fits its pane.
    """
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)  # arrows move between cells; Tab goes on to the next field
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    if sortable:
        view.setSortingEnabled(True)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    source = proxy.sourceModel() if hasattr(proxy, "sourceModel") else proxy
    char = max(view.fontMetrics().averageCharWidth(), view.fontMetrics().horizontalAdvance("0"))
    for n, column in enumerate(getattr(source, "columns", [])):
        view.setColumnWidth(n, column.width * char + 16)
    if stretch is not None:
        view.horizontalHeader().setStretchLastSection(False)
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def selected_keys(view: QAbstractItemView) -> list:
    """The keys of the entities selected in a view over a `FilterProxy`, in view order."""
    rows = sorted({index.row() for index in view.selectionModel().selectedRows()})
    proxy = view.model()
    return [proxy.key(proxy.index(row, 0)) for row in rows]
