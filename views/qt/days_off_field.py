"""A team's days off as one form field: stretches of dates, each taking that team's capacity in the load."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QGridLayout, QListWidget, QListWidgetItem, QPushButton, QWidget

from domain.entities import DayOff
from domain.limits import MAX_LINKS
from views.qt.forms import Field


def _date_box(parent) -> QDateEdit:
    box = QDateEdit(parent)
    box.setCalendarPopup(True)
    box.setDisplayFormat("yyyy-MM-dd")
    box.setDateRange(QDate(1900, 1, 1), QDate(2999, 12, 31))
    box.setDate(QDate.currentDate())
    return box


class DaysOffField(Field):
    """Edits a tuple of `DayOff`: pick the first and last day, add; select one, remove."""

    def __init__(self, parent=None):
        super().__init__(parent)
        # the list beside two rows of controls, so the team form stays short enough for a laptop screen
        box = QWidget(self)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(box, 1)
        self.list = QListWidget(box)
        self.first, self.last = _date_box(box), _date_box(box)
        self.list.setMaximumHeight(self.first.sizeHint().height() * 2 + grid.verticalSpacing())
        self.add_button = QPushButton("Add days off", box)
        self.remove_button = QPushButton("Remove", box)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        grid.addWidget(self.list, 0, 0, 2, 1)
        grid.addWidget(self.first, 0, 1)
        grid.addWidget(self.last, 0, 2)
        grid.addWidget(self.add_button, 1, 1)
        grid.addWidget(self.remove_button, 1, 2)
        grid.setColumnStretch(0, 1)

    def _show(self, value: tuple[DayOff, ...] | None) -> None:
        self.list.clear()
        for off in value or ():
            item = QListWidgetItem(f"{off.start} to {off.end}")
            item.setData(Qt.ItemDataRole.UserRole, off)
            self.list.addItem(item)

    def _add(self) -> None:
        off = DayOff(self.first.date().toPython(), self.last.date().toPython())
        days_off = tuple(self._value or ())
        if off.end < off.start:
            self._refuse("the last day off comes before the first")
        elif len(days_off) >= MAX_LINKS:
            self._refuse(f"a team holds at most {MAX_LINKS:,} stretches of days off")
        elif off not in days_off:
            self._offer(tuple(sorted((*days_off, off), key=lambda d: (d.start, d.end))))

    def _remove(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            off = item.data(Qt.ItemDataRole.UserRole)
            self._offer(tuple(d for d in self._value or () if d != off))
