"""The Score's time axis: working days (Monday to Friday) left to right, zoomed from days to quarters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.analysis.schedule import working_date, working_day

MIN_DAY_WIDTH = 0.25  # pixels per working day: about five years across a window
MAX_DAY_WIDTH = 48.0
ZOOM_STEP = 1.25
LAST_DAY = working_day(date.max) - 5  # the last working day whose week can be labelled
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

    def ticks(self, first: int, last: int) -> list[Tick]:
        """The axis lines between working days `first` and `last`: weeks, months or quarters by zoom."""
        first, last = max(first, 0), min(last, LAST_DAY)  # dates exist from year 1 to 9999 only
        unit = self.unit
        if unit == "week":
            monday = first - first % 5
            return [Tick(day, _week_label(working_date(day)), _month_start(day)) for day in range(monday, last + 1, 5)]
        step = 1 if unit == "month" else 3
        ticks = []
        year, month = working_date(first).year, 1
        if unit == "month":
            month = working_date(first).month
        while year <= date.max.year:
            day = working_day(date(year, month, 1))
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


def _month_start(day: int) -> bool:
    """Whether the week starting on working day `day` is the first week of a month to start in it."""
    return working_date(day).day <= 7
