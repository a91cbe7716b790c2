"""The Score's time axis: the plan's working days left to right (days off left out), zoomed from days to quarters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from domain.calendar import Calendar

MIN_DAY_WIDTH = 0.25  # pixels per working day: about five years across a window
MAX_DAY_WIDTH = 48.0
ZOOM_STEP = 1.25
LAST_DATE = date.max - timedelta(days=7)  # the last day whose week can be labelled
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Tick:
    """A line on the axis at the start of a working day, with its label (empty when there is no room)."""

    day: int
    label: str
    major: bool


@dataclass(frozen=True, slots=True)
class TimeScale:
    """Where working days fall on the page: day `origin` at x = 0, `day_width` pixels per working day."""

    origin: int
    day_width: float

    def x(self, day: float) -> float:
        """The x of the start of working day `day`."""
        return (day - self.origin) * self.day_width

    def day_at(self, x: float) -> float:
        """The working day (with its fraction) at x."""
        return self.origin + x / self.day_width

    def whole_days(self, dx: float) -> int:
        """A horizontal move in pixels, snapped to whole working days."""
        return round(dx / self.day_width)

    def zoomed(self, factor: float) -> TimeScale:
        """The same axis with days `factor` times wider, within the zoom limits."""
        return TimeScale(self.origin, min(max(self.day_width * factor, MIN_DAY_WIDTH), MAX_DAY_WIDTH))

    @property
    def unit(self) -> str:
        """What the axis counts in at this zoom: "week", "month" or "quarter"."""
        if self.day_width >= 6:
            return "week"
        return "month" if self.day_width >= 1.2 else "quarter"

    def ticks(self, first: int, last: int, calendar: Calendar) -> list[Tick]:
        """The axis lines between working days `first` and `last` of `calendar`: weeks, months or quarters."""
        first = max(first, calendar.working_day(date.min + timedelta(days=7)))  # dates exist from year 1 to 9999
        last = min(last, last_day(calendar))
        unit = self.unit
        if unit == "week":
            start = calendar.working_date(first)
            monday, ticks = start - timedelta(days=start.weekday()), []
            while monday <= LAST_DATE and (day := calendar.working_day(monday)) <= last:
                if not ticks or day > ticks[-1].day:  # a week with no working day has no line of its own
                    ticks.append(Tick(day, _week_label(monday), monday.day <= 7))
                monday += timedelta(days=7)
            return ticks
        step = 1 if unit == "month" else 3
        ticks = []
        year, month = calendar.working_date(first).year, 1
        if unit == "month":
            month = calendar.working_date(first).month
        while year <= date.max.year:
            day = calendar.working_day(date(year, month, 1))
            if day > last:
                return ticks
            label = MONTHS[month - 1] if unit == "month" else f"Q{(month - 1) // 3 + 1}"
            ticks.append(Tick(day, f"{label} {year}" if month == 1 else label, month == 1))
            month += step
            if month > 12:
                year, month = year + 1, month - 12
        return ticks


def fitting(first: int, last: int, width: float) -> TimeScale:
    """The scale that shows working days `first` to `last` in `width` pixels."""
    span = max(last - first + 1, 5)
    return TimeScale(first, min(max(width / span, MIN_DAY_WIDTH), MAX_DAY_WIDTH))


def _week_label(monday: date) -> str:
    return f"{monday.day} {MONTHS[monday.month - 1]}"


def last_day(calendar: Calendar) -> int:
    """The last working day of `calendar` whose week can be labelled."""
    return calendar.working_day(LAST_DATE)
