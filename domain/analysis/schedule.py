"""The schedule: earliest and latest dates of every initiative on Monday-to-Friday working days, and the critical path.

Dates are worked out on integer working-day numbers (Monday of week 1 of year 1 is day 0) and turned
into dates only at the end. Rules:

- The project starts on its start date rolled forward to a working day; without one, on the earliest
  not-before date of any initiative; without any, on the first working day on or after `DEFAULT_START`
  (a fixed date, so the same plan always gives the same schedule).
- An initiative of duration d >= 1 starting on working day s finishes on s + d - 1; a milestone (d = 0)
  finishes the day it starts. Negative durations count as 0.
- An initiative starts on the latest of the project start, its own not-before date and, for each
  dependency, the working day after its predecessor finishes plus the lag (a milestone predecessor:
  its date plus the lag).
- Dependencies inside a circle of initiatives waiting for each other (a strongly connected component)
  are ignored for the dates and reported as cycles.
- Dropped initiatives are still scheduled, so the dates of what waits for them do not jump.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx

from domain.analysis.results import ScheduledInitiative
from domain.entities import InitiativeId
from domain.plan import Plan

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


@dataclass(frozen=True)
class Timeline:
    """The schedule on working-day numbers, kept for the other analyses (load, alignment)."""

    start: int
    finish: int | None
    order: tuple[InitiativeId, ...]  # plan order
    earliest: dict[InitiativeId, int]
    span: dict[InitiativeId, int]  # working days from start to finish, inclusive (a milestone: 1)
    slack: dict[InitiativeId, int]
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
                critical=slack == 0,
            )
        return result


def project_start(plan: Plan) -> int:
    """The working day the project starts on (see the module docstring for the fallbacks)."""
    if plan.project.start is not None:
        return working_day(plan.project.start)
    not_before = [i.start for i in plan.initiatives.values() if i.start is not None]
    return working_day(min(not_before) if not_before else DEFAULT_START)


def schedule(plan: Plan) -> Timeline:
    """Forward and backward pass over the dependencies, on working-day numbers."""
    order = tuple(plan.initiatives)
    index = {initiative: n for n, initiative in enumerate(order)}
    count = len(order)
    start = project_start(plan)
    duration = [max(i.duration, 0) for i in plan.initiatives.values()]
    span = [max(d, 1) for d in duration]
    earliest = [start if i.start is None else max(start, working_day(i.start)) for i in plan.initiatives.values()]

    graph = nx.DiGraph()
    graph.add_nodes_from(range(count))
    graph.add_edges_from(
        (index[d.before], index[d.after], {"lag": d.lag})
        for d in plan.dependencies.values()
        if d.before in index and d.after in index
    )
    component = [0] * count
    cycles = []
    for number, members in enumerate(nx.strongly_connected_components(graph)):
        first = min(members)
        if len(members) > 1 or graph.has_edge(first, first):
            cycles.append(_cycle(graph, members))
            for node in members:
                component[node] = number + 1
    cycles.sort(key=lambda cycle: cycle[0])
    # only components holding a cycle got a number: an edge inside one of them closes a circle
    in_cycles = [node for node in range(count) if component[node]]
    graph.remove_edges_from([(a, b) for a, b in graph.edges(in_cycles) if component[a] == component[b]])

    topological = list(nx.topological_sort(graph))
    successors = graph._succ  # read-only access to the adjacency dicts: the passes below are the hot loop
    for node in topological:
        after_node = earliest[node] + duration[node]
        for successor, data in successors[node].items():
            ready = after_node + data["lag"]
            earliest[successor] = max(earliest[successor], ready)

    finish = max((earliest[n] + span[n] - 1 for n in range(count)), default=None)
    latest = [0] * count
    for node in reversed(topological):
        value = finish - span[node] + 1
        for successor, data in successors[node].items():
            bound = latest[successor] - duration[node] - data["lag"]
            value = min(value, bound)
        latest[node] = value
    slack = [latest[n] - earliest[n] for n in range(count)]

    return Timeline(
        start=start,
        finish=finish,
        order=order,
        earliest={order[n]: earliest[n] for n in range(count)},
        span={order[n]: span[n] for n in range(count)},
        slack={order[n]: slack[n] for n in range(count)},
        critical_path=tuple(order[n] for n in _critical_path(graph, earliest, span, duration, slack, finish)),
        cycles=tuple(tuple(order[n] for n in cycle) for cycle in cycles),
    )


def _cycle(graph: nx.DiGraph, members: set[int]) -> list[int]:
    """One circle of waiting initiatives inside a strongly connected component, from its earliest member in plan order."""
    cycle = [edge[0] for edge in nx.find_cycle(graph.subgraph(members), source=min(members))]
    turn = cycle.index(min(cycle))
    return cycle[turn:] + cycle[:turn]


def _critical_path(graph, earliest, span, duration, slack, finish) -> list[int]:
    """The chain of zero-slack initiatives that drives the project finish, first in plan order on ties."""
    if finish is None:
        return []
    current = next(n for n in range(len(span)) if earliest[n] + span[n] - 1 == finish and slack[n] == 0)
    path = [current]
    while True:
        drivers = [
            p for p, data in graph.pred[current].items()
            if slack[p] == 0 and earliest[p] + duration[p] + data["lag"] == earliest[current]
        ]
        if not drivers:
            break
        current = min(drivers)
        path.append(current)
    path.reverse()
    return path

