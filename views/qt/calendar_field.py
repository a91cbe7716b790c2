"""The project's working-day calendar as one form field: workdays, a country's public holidays, closed dates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from domain.calendar import country_names, supported_countries
from domain.entities import WEEKDAYS, WorkCalendar
from domain.limits import MAX_CLOSED_DAYS
from views.qt.forms import Field

NO_HOLIDAYS = "No public holidays"
WHOLE_COUNTRY = "The whole country"


class LazyCombo(QComboBox):
    """A choice whose list is made the first time it opens: the holidays package takes 0.25 s to load, and a
    plan that only shows its calendar need not pay that on the GUI thread."""

    def __init__(self, empty: str, choices: Callable[[], list[tuple[str, str]]], parent=None):
        super().__init__(parent)
        self._empty, self._choices = empty, choices
        self.populated = False
        self.show_choice(None)

    def show_choice(self, value: str | None, *, again: bool = False) -> None:
        """Show `value`; `again` forgets the list (its choices changed), to be made when it next opens."""
        if again:
            self.populated = False
        if not self.populated:
            self.clear()
            self.addItem(self._empty, None)
        row = self.findData(value)
        if row < 0:  # before the list is made, or a code the package does not know (validation says so)
            self.addItem(value, value)
            row = self.count() - 1
        self.setCurrentIndex(row)

    def populate(self) -> None:
        """Make the list, keeping the choice shown."""
        if self.populated:
            return
        shown = self.currentData()
        self.clear()
        self.addItem(self._empty, None)
        for label, value in self._choices():
            self.addItem(label, value)
        self.populated = True
        self.show_choice(shown)

    def showPopup(self) -> None:
        """Qt override."""
        self.populate()
        super().showPopup()


class CalendarField(Field):
    """Edits a `WorkCalendar`; the plain Monday-to-Friday calendar with nothing else is stored as no calendar."""

    def __init__(self, parent=None):
        super().__init__(parent)
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(box, 1)

        days = QHBoxLayout()
        self.workdays = []
        for number, name in enumerate(WEEKDAYS):
            tick = QCheckBox(name[:3], box)
            tick.setToolTip(f"Work on {name}s")
            tick.toggled.connect(self._edited)
            days.addWidget(tick)
            self.workdays.append(tick)
        days.addStretch()
        column.addLayout(days)

        places = QHBoxLayout()
        self.country = LazyCombo(
            NO_HOLIDAYS, lambda: [(f"{name} ({code})", code) for code, name in country_names().items()], box
        )
        self.country.setToolTip("Whose public holidays are days off")
        self.country.activated.connect(self._country_chosen)
        self.region = LazyCombo(WHOLE_COUNTRY, self._regions, box)
        self.region.setToolTip("A state or region with holidays of its own")
        self.region.activated.connect(self._edited)
        places.addWidget(self.country, 2)
        places.addWidget(self.region, 1)
        column.addLayout(places)

        self.closed = QListWidget(box)
        self.closed.setToolTip(
            "Days the whole organisation is closed, such as a closure between Christmas and New Year"
        )
        self.closed.setMaximumHeight(self.fontMetrics().height() * 5)
        column.addWidget(self.closed)
        closing = QHBoxLayout()
        self.closed_day = QDateEdit(box)
        self.closed_day.setCalendarPopup(True)
        self.closed_day.setDisplayFormat("yyyy-MM-dd")
        self.closed_day.setDateRange(QDate(1900, 1, 1), QDate(2999, 12, 31))
        self.closed_day.setDate(QDate.currentDate())
        self.add_closed = QPushButton("Close this day", box)
        self.remove_closed = QPushButton("Open again", box)
        self.add_closed.clicked.connect(self._close_day)
        self.remove_closed.clicked.connect(self._open_day)
        closing.addWidget(self.closed_day)
        closing.addWidget(self.add_closed)
        closing.addWidget(self.remove_closed)
        closing.addStretch()
        column.addLayout(closing)

    def _show(self, value: WorkCalendar | None) -> None:
        calendar = value or WorkCalendar()
        for number, tick in enumerate(self.workdays):
            tick.setChecked(number in calendar.workdays)
        self.country.show_choice(calendar.country)
        self.region.show_choice(calendar.subdivision, again=True)
        self.region.setEnabled(calendar.country is not None)
        self.closed.clear()
        for day in calendar.closed:
            item = QListWidgetItem(day.isoformat())
            item.setData(Qt.ItemDataRole.UserRole, day)
            self.closed.addItem(item)

    def _regions(self) -> list[tuple[str, str]]:
        country = self.country.currentData()
        return [(code, code) for code in supported_countries().get(country, [])] if country else []

    def _calendar(self, **changes) -> WorkCalendar:
        calendar = WorkCalendar(
            workdays=tuple(n for n, tick in enumerate(self.workdays) if tick.isChecked()),
            country=self.country.currentData(),
            subdivision=self.region.currentData(),
            closed=(self._value or WorkCalendar()).closed,
        )
        return replace(calendar, **changes)

    def _commit(self, calendar: WorkCalendar) -> None:
        self._offer(None if calendar == WorkCalendar() else calendar)

    def _edited(self, *_) -> None:
        self._commit(self._calendar())

    def _country_chosen(self, *_) -> None:
        self._commit(self._calendar(subdivision=None))

    def _close_day(self) -> None:
        day: date = self.closed_day.date().toPython()
        closed = (self._value or WorkCalendar()).closed
        if day in closed:
            return
        if len(closed) >= MAX_CLOSED_DAYS:
            self._refuse(f"a calendar holds at most {MAX_CLOSED_DAYS:,} closed days")
            return
        self._commit(self._calendar(closed=tuple(sorted((*closed, day)))))

    def _open_day(self) -> None:
        item = self.closed.currentItem()
        if item is None:
            return
        day = item.data(Qt.ItemDataRole.UserRole)
        self._commit(self._calendar(closed=tuple(d for d in (self._value or WorkCalendar()).closed if d != day)))
