"""The schedule: earliest and latest dates of every initiative on Monday-to-Friday working days, and the critical path.

Dates are worked out on integer working-day numbers (Monday of week 1 of year 1 is day 0) and turned
into dates only at the end. The rules follow Microsoft Project's:

- The project starts on its start date rolled forward to a working day; without one, on the earliest
  not-before date of any initiative not dropped; without any, on the first working day on or after `DEFAULT_START`
  (a fixed date, so the same plan always gives the same schedule).
- An initiative of duration d >= 1 starting on working day s finishes at the end of day s + d - 1.
  Negative durations count as 0: a milestone, a moment rather than a day.
- An initiative starts no earlier than the project start, its own not-before date and, for each
  dependency, its predecessor's finish plus the lag. Work always starts at the start of a day, so work
  after work ending on Friday starts on Monday.
- A milestone is dated by the moment that places it: after work ending on Friday it is that Friday
  (its successors still start on Monday); at the project start or a not-before date, that day.
- The project finishes with its last work (or a milestone dated after it); slack is measured from there.
- A dropped initiative takes no time and is never critical: what waits for it waits for its predecessors
  (lags kept); it is dated where its predecessors finish (the project start when it has none).
- Dependencies inside a circle of initiatives waiting for each other (a strongly connected component)
  are ignored for the dates and reported as cycles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from domain.analysis.results import ScheduledInitiative
from domain.entities import InitiativeId
from domain.graphs import circles, dependency_graph
from domain.plan import Plan

if TYPE_CHECKING:  # annotations only: the Score imports this module before networkx needs to load
    import networkx as nx

DEFAULT_START = date(2026, 1, 5)


def working_day(day: date) -> int:
    """The number of the working day `day` falls on, rolled forward to Monday when it is a weekend."""
    week, weekday = divmod(day.toordinal() - 1, 7)
    return week * 5 + min(weekday, 5)


def working_date(number: int) -> date:
    """The date of a working day number."""
    week, weekday = divmod(number, 5)
    return date.fromordinal(week * 7 + weekday + 1)


def iso_week(number: int) -> str:
    """The ISO week of a working day number, like "2027-W10"."""
    year, week, _ = working_date(number).isocalendar()
    return f"{year}-W{week:02d}"


# Inside the passes a moment is counted in half working days: 2 * d + 1 is the start of working day d and
# 2 * d its eve, the end of day d - 1. They are the same working time (slack between them is 0) but not
# the same date: this is what dates a milestone after Friday's work on Friday and one at a start on Monday.
UNPLACED = -1  # a dropped initiative that nothing leads to: it passes nothing on
UNBOUNDED = 1 << 62  # nor does a dropped initiative that nothing waits for, backwards


def _day(moment: int) -> int:
    """The working day a moment falls on: its own day at a start, the day before at an eve."""
    return (moment - 1) // 2


@dataclass(frozen=True)
class Timeline:
    """The schedule on working-day numbers, kept for the other analyses (load, alignment)."""

    start: int
    finish: int | None  # the last day of work; None when there is no work
    order: tuple[InitiativeId, ...]  # plan order
    earliest: dict[InitiativeId, int]  # the day an initiative starts (a milestone: its date)
    span: dict[InitiativeId, int]  # working days from start to finish, inclusive (a milestone: 1)
    slack: dict[InitiativeId, int]
    critical: frozenset[InitiativeId]  # no slack and not dropped
    critical_path: tuple[InitiativeId, ...]
    cycles: tuple[tuple[InitiativeId, ...], ...]

    def finish_of(self, initiative: InitiativeId) -> int:
        """The working day on which an initiative finishes."""
        return self.earliest[initiative] + self.span[initiative] - 1

    def scheduled(self) -> dict[InitiativeId, ScheduledInitiative]:
        """Every initiative's dates as `ScheduledInitiative`, in plan order."""
        days: dict[int, date] = {}  # many initiatives share dates: convert each working day once

        def day(number: int) -> date:
            if number not in days:
                days[number] = working_date(number)
            return days[number]

        result = {}
        for initiative in self.order:
            start, slack = self.earliest[initiative], self.slack[initiative]
            finish = start + self.span[initiative] - 1
            result[initiative] = ScheduledInitiative(
                start=day(start),
                finish=day(finish),
                latest_start=day(start + slack),
                latest_finish=day(finish + slack),
                slack=slack,
                critical=initiative in self.critical,
            )
        return result


def project_start(plan: Plan) -> int:
    """The working day the project starts on (see the module docstring for the fallbacks)."""
    if plan.project.start is not None:
        return working_day(plan.project.start)
    not_before = [i.start for i in plan.active_initiatives() if i.start is not None]
    return working_day(min(not_before) if not_before else DEFAULT_START)


@dataclass(frozen=True)
class Links:
    """The dependency graph the passes walk, by plan position, with the edges that close circles left out.

    It depends only on which initiatives there are (in plan order) and on the dependencies, so a view that
    reschedules after an edit to an initiative's dates can keep it (`schedule(plan, links)`).
    """

    order: tuple[InitiativeId, ...]
    graph: nx.DiGraph
    topological: tuple[int, ...]
    cycles: tuple[tuple[int, ...], ...]


def links(plan: Plan) -> Links:
    """Build the `Links` of a plan."""
    import networkx as nx  # here, not at the top: the window shows before networkx loads

    order = tuple(plan.initiatives)
    index = {initiative: n for n, initiative in enumerate(order)}
    graph = dependency_graph(plan, by_position=True)
    knots = circles(graph)
    # an edge inside a knot closes a circle: the dates ignore it
    knot = {node: number for number, (members, _) in enumerate(knots) for node in members}
    graph.remove_edges_from([(a, b) for a, b in graph.edges(list(knot)) if knot.get(b) == knot[a]])
    waiting_for_itself = {
        index[d.before] for d in plan.dependencies.values() if d.before == d.after and d.before in index
    }
    cycles = sorted([circle for _, circle in knots] + [[node] for node in waiting_for_itself - knot.keys()])
    return Links(order, graph, tuple(nx.topological_sort(graph)), tuple(tuple(cycle) for cycle in cycles))


def schedule(plan: Plan, prepared: Links | None = None) -> Timeline:
    """Forward and backward pass over the dependencies, on moments (see `_day`).

    `prepared` is the plan's `Links`, built here when not given.
    """
    prepared = prepared if prepared is not None else links(plan)
    order, graph, topological, cycles = prepared.order, prepared.graph, prepared.topological, prepared.cycles
    count = len(order)
    start = project_start(plan)
    opening = 2 * start + 1
    initiatives = list(plan.initiatives.values())
    dropped = [i.dropped for i in initiatives]
    duration = [0 if i.dropped else max(i.duration, 0) for i in initiatives]
    length = [2 * d - 1 if d else 0 for d in duration]  # from the moment work starts to the moment it ends
    earliest = [
        UNPLACED if i.dropped else opening if i.start is None else max(opening, 2 * working_day(i.start) + 1)
        for i in initiatives
    ]

    successors = graph._succ  # read-only access to the adjacency dicts: the passes below are the hot loop
    for node in topological:
        placed = earliest[node]
        if placed == UNPLACED:
            continue
        if duration[node]:
            placed = earliest[node] = placed | 1  # work starts at the start of a day
        end = placed + length[node]
        for successor, data in successors[node].items():
            ready = end + 2 * data["lag"]
            earliest[successor] = max(earliest[successor], ready)
    earliest = [opening if moment == UNPLACED else moment for moment in earliest]

    finish = max((earliest[n] + length[n] for n in range(count) if not dropped[n]), default=None)
    horizon = opening if finish is None else finish
    latest = [0] * count
    for node in reversed(topological):
        bound = UNBOUNDED if dropped[node] else horizon
        for successor, data in successors[node].items():
            value = latest[successor] - 2 * data["lag"]
            bound = min(bound, value)
        if duration[node]:
            bound &= ~1  # work ends at the end of a day
        latest[node] = bound - length[node]
    slack = [(latest[n] - earliest[n]) // 2 for n in range(count)]
    # a dropped initiative shows the slack to the finish it has in the schedule, none when dated after it
    shown = [max(min(latest[n], horizon) - earliest[n], 0) // 2 if dropped[n] else slack[n] for n in range(count)]
    critical = [not dropped[n] and slack[n] == 0 for n in range(count)]

    first = [_day(moment) for moment in earliest]
    last = [_day(earliest[n] + length[n]) for n in range(count)]
    return Timeline(
        start=start,
        finish=None if finish is None else _day(finish),
        order=order,
        earliest={order[n]: first[n] for n in range(count)},
        span={order[n]: last[n] - first[n] + 1 for n in range(count)},
        slack={order[n]: shown[n] for n in range(count)},
        critical=frozenset(order[n] for n in range(count) if critical[n]),
        critical_path=tuple(
            order[n]
            for n in _critical_path(graph, earliest, length, duration, dropped, slack, finish)
            if not dropped[n]
        ),
        cycles=tuple(tuple(order[n] for n in cycle) for cycle in cycles),
    )


def _critical_path(graph, earliest, length, duration, dropped, slack, finish) -> list[int]:
    """The chain of zero-slack initiatives that drives the project finish, first in plan order on ties.

    Dropped initiatives on the chain are walked through (they pass their predecessors on); the caller leaves them out.
    """
    if finish is None:
        return []
    ends = {n for n in range(len(length)) if earliest[n] + length[n] == finish and slack[n] == 0 and not dropped[n]}
    # of what ends last, the one nothing else ending then waits for (a milestone after the work it closes)
    current = min(n for n in ends if ends.isdisjoint(_waiting_for(graph, n, dropped)))
    path = [current]
    while True:
        rounding = 1 if duration[current] else 0  # work starts at the start of the day its predecessors allow
        drivers = [
            p
            for p, data in graph.pred[current].items()
            if slack[p] == 0 and (earliest[p] + length[p] + 2 * data["lag"]) | rounding == earliest[current]
        ]
        if not drivers:
            break
        current = min(drivers)
        path.append(current)
    path.reverse()
    return path


def _waiting_for(graph: nx.DiGraph, node: int, dropped: list[bool]) -> set[int]:
    """The initiatives that wait for `node`, looking through dropped ones to what waits for them."""
    found, seen, stack = set(), set(), list(graph.succ[node])
    while stack:
        successor = stack.pop()
        if successor in seen:
            continue
        seen.add(successor)
        if dropped[successor]:
            stack.extend(graph.succ[successor])
        else:
            found.add(successor)
    return found
