"""What the Score shows and where: team lanes, bars, ghosts, hand-off cues and goal markers, indexed by lane and time.

Plain data over the plan and its schedule (no Qt), so the canvas only looks up what falls in view and tests
can check the picture's geometry without pixels.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from domain.analysis.load import overloaded_stretches
from domain.analysis.organisation import by_department
from domain.analysis.results import Analysis
from domain.analysis.schedule import Links, Timeline
from domain.calendar import MONDAY_TO_FRIDAY, Calendar
from domain.entities import InitiativeId, TeamId
from domain.plan import Plan

ROW = 22.0  # height of a row of bars in a lane
GHOST_ROW = 7.0  # height of a row of ghosts (another team's work this team has a role in)
PAD = 5.0
COLLAPSED = 24.0
MIN_LANE = 30.0
GHOST_ROLES = frozenset("RAC")
NO_TEAM = "No owner team"


@dataclass(frozen=True, slots=True)
class ScoreFilter:
    """Which initiatives the Score shows: by team (owner or role), goal and status; dropped ones only on request."""

    team: TeamId | None = None
    goal: str | None = None
    status: str | None = None
    dropped: bool = False

    def active(self) -> bool:
        return self.team is not None or self.goal is not None or self.status is not None


@dataclass(slots=True)
class Bar:
    """An initiative in a lane: its owner's bar, or the ghost of it in a lane of a team with a role.

    Mutable only so that lanes below a rescheduled one move down or up without new bars.
    """

    initiative: InitiativeId
    first: int  # working day it starts
    last: int  # working day it finishes (a milestone: its day)
    top: float
    height: float
    milestone: bool
    ghost: bool
    critical: bool
    dropped: bool


@dataclass(slots=True)
class Lane:
    """One team's part: its bars sorted by start, and its overloaded stretches as working-day ranges."""

    team: TeamId | None
    name: str
    department: str = ""
    top: float = 0.0
    height: float = MIN_LANE
    collapsed: bool = False
    bars: list[Bar] = field(default_factory=list)
    overloaded: list[tuple[int, int]] = field(default_factory=list)
    owned: list[InitiativeId] = field(default_factory=list)  # the initiatives of its bars, then of its ghosts
    ghosted: list[InitiativeId] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _longest: int = 0

    def index(self) -> None:
        self.bars.sort(key=lambda bar: bar.first)
        self._starts = [bar.first for bar in self.bars]
        self._longest = max((bar.last - bar.first for bar in self.bars), default=0)

    def bars_between(self, first: float, last: float) -> list[Bar]:
        """The bars that show between working days `first` and `last`."""
        low = bisect_left(self._starts, first - self._longest - 1)
        high = bisect_right(self._starts, last)
        return [bar for bar in self.bars[low:high] if bar.last >= first - 1]

    @property
    def middle(self) -> float:
        """Where cues meet the lane: the middle of its first row."""
        return self.top + min(self.height, ROW + 2 * PAD) / 2


@dataclass(slots=True)
class Cue:
    """A hand-off at its due date, from the sender's lane to the receiver's; late when due after the work starts."""

    handoff: str
    day: int
    source: Lane
    target: Lane
    receiving: tuple[InitiativeId, ...]  # the receiving team's work on it (see `_receiving_work`)
    late: bool = False


@dataclass(frozen=True, slots=True)
class Marker:
    """A goal's deadline on the axis."""

    goal: str
    day: int
    name: str
    late: bool


@dataclass
class Score:
    """The laid-out Score: lanes top to bottom, the bars by initiative, cues by day, markers, the time span."""

    lanes: list[Lane]
    bars: dict[InitiativeId, Bar]
    cues: list[Cue]
    markers: list[Marker]
    first: int
    last: int
    height: float
    lanes_of: dict[InitiativeId, list[Lane]] = field(default_factory=dict)  # where each initiative has a bar or ghost
    calendar: Calendar = MONDAY_TO_FRIDAY  # the plan's working days, which the axis counts
    _tops: list[float] = field(default_factory=list)
    _cue_days: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._tops = [lane.top for lane in self.lanes]
        self.cues.sort(key=lambda cue: cue.day)
        self._cue_days = [cue.day for cue in self.cues]

    def follow(self, timeline: Timeline) -> None:
        """Date the cues and the time span from the schedule."""
        earliest = timeline.earliest
        for cue in self.cues:
            cue.late = any(cue.day > earliest[key] for key in cue.receiving)
        days = [b.first for b in self.bars.values()] + [b.last for b in self.bars.values()]
        days += [m.day for m in self.markers]
        self.first, self.last = (min(days), max(days)) if days else (timeline.start, timeline.start + 60)

    def reschedule(self, plan: Plan, timeline: Timeline, moved: set) -> None:
        """Re-lay only the lanes where `moved` initiatives have bars, after an edit that moved work in time;
        the lanes below move by the change in height."""
        for lane in {id(lane): lane for key in moved for lane in self.lanes_of.get(key, ())}.values():
            lane.height = _place(lane, plan, timeline, self.bars)
        top = 0.0
        for lane in self.lanes:
            shift = top - lane.top
            if shift:
                lane.top = top
                for bar in lane.bars:
                    bar.top += shift
            top += lane.height
        self.height = top
        self._tops = [lane.top for lane in self.lanes]
        self.follow(timeline)

    def lane_at(self, y: float) -> Lane | None:
        n = bisect_right(self._tops, y) - 1
        return self.lanes[n] if 0 <= n < len(self.lanes) and y < self.height else None

    def lanes_between(self, top: float, bottom: float) -> list[Lane]:
        low = max(bisect_right(self._tops, top) - 1, 0)
        return self.lanes[low : bisect_right(self._tops, bottom)]

    def cues_between(self, first: float, last: float) -> list[Cue]:
        return self.cues[bisect_left(self._cue_days, first) : bisect_right(self._cue_days, last)]

    def bar_at(self, day: float, y: float, slop: float = 0.0) -> Bar | None:
        """The bar (not a ghost) under a point, `slop` days of grace either side for thin bars and diamonds."""
        lane = self.lane_at(y)
        if lane is None:
            return None
        for bar in reversed(lane.bars_between(day - slop, day + slop)):
            inside = bar.first - slop <= day < bar.last + 1 + slop and bar.top <= y <= bar.top + bar.height
            if inside and not bar.ghost:
                return bar
        return None


def lane_order(plan: Plan, analysis: Analysis | None) -> list[TeamId]:
    """Teams by department (in order of each one's first team, teams in none last); within one, teams that work
    together next to each other: by community of the team network, then in plan order."""
    ordered: list[TeamId] = []
    if analysis is not None:
        ordered = [team for community in analysis.network.communities for team in community if team in plan.teams]
    placed = set(ordered)
    return by_department(plan, ordered + [team for team in plan.teams if team not in placed])


def build_score(
    plan: Plan,
    timeline: Timeline,
    links: Links,
    analysis: Analysis | None,
    shown: ScoreFilter = ScoreFilter(),
    collapsed: frozenset = frozenset(),
) -> Score:
    """Lay out the Score of `plan` on its schedule; lanes in `collapsed` (team ids) show one thin row."""
    initiatives = [
        i
        for i in plan.initiatives.values()
        if (shown.dropped or not i.dropped)
        and (shown.team is None or i.owner == shown.team or any(r.team == shown.team for r in i.raci))
        and (shown.goal is None or shown.goal in i.goals)
        and (shown.status is None or i.status == shown.status)
    ]
    lanes = {
        team: Lane(team, plan.teams[team].name, plan.teams[team].department.strip())
        for team in lane_order(plan, analysis)
    }
    for initiative in initiatives:
        owner = initiative.owner if initiative.owner in lanes else None
        if owner is None and None not in lanes:
            lanes[None] = Lane(None, NO_TEAM)
        lanes[owner].owned.append(initiative.id)
        for role in initiative.raci:
            if role.role in GHOST_ROLES and role.team != owner and role.team in lanes:
                lanes[role.team].ghosted.append(initiative.id)
    if shown.active():
        lanes = {team: lane for team, lane in lanes.items() if lane.owned or lane.ghosted or team == shown.team}
    if None in lanes:
        lanes[None] = lanes.pop(None)  # work without an owner team comes last

    bars: dict[InitiativeId, Bar] = {}
    lanes_of: dict[InitiativeId, list[Lane]] = {}
    top = 0.0
    for team, lane in lanes.items():
        lane.top, lane.collapsed = top, team in collapsed
        lane.height = _place(lane, plan, timeline, bars)
        top += lane.height
        for key in lane.owned + lane.ghosted:
            lanes_of.setdefault(key, []).append(lane)
    working_day = timeline.calendar.working_day
    if analysis is not None:
        for team, lane in lanes.items():
            lane.overloaded = [
                (working_day(_monday(s[0].week)), working_day(_monday(s[-1].week) + timedelta(days=7)) - 1)
                for s in overloaded_stretches(analysis.load.get(team, ()))
            ]
    shown_ids = {i.id for i in initiatives}
    receivers = _receiving_work(plan, links)
    cues = []
    for handoff in plan.handoffs.values():
        source, target = lanes.get(handoff.from_team), lanes.get(handoff.to_team)
        if handoff.due is None or source is None or target is None or source is target:
            continue
        if handoff.initiative is not None and handoff.initiative not in shown_ids:
            continue
        cues.append(Cue(handoff.id, working_day(handoff.due), source, target, receivers.get(handoff.id, ())))
    markers = [
        Marker(goal.id, working_day(goal.deadline), goal.name, bool(analysis and goal.id in analysis.late_goals))
        for goal in plan.goals.values()
        if goal.deadline is not None and (shown.goal is None or goal.id == shown.goal)
    ]
    score = Score(
        list(lanes.values()), bars, cues, markers, timeline.start, timeline.start, top, lanes_of, timeline.calendar
    )
    score.follow(timeline)
    return score


def _receiving_work(plan: Plan, links: Links) -> dict:
    """The receiving team's work on each hand-off: the hand-off's initiative or the work waiting for it directly,
    when that team owns it and it is not dropped."""
    position = {key: n for n, key in enumerate(links.order)}
    work: dict = {}
    for handoff in plan.handoffs.values():
        n = position.get(handoff.initiative)
        if n is None:
            continue
        keys = [links.order[m] for m in (n, *links.graph.succ[n])]
        work[handoff.id] = tuple(
            key for key in keys if plan.initiatives[key].owner == handoff.to_team and not plan.initiatives[key].dropped
        )
    return work


def _place(lane: Lane, plan: Plan, timeline: Timeline, bars: dict) -> float:
    """Put a lane's bars in rows that do not overlap, ghosts below; returns the lane's height."""
    lane.bars = []
    owned, ghosts = _entries(lane.owned, plan, timeline), _entries(lane.ghosted, plan, timeline)
    critical = timeline.critical
    if lane.collapsed:
        for first, last, initiative in owned:
            bar = _bar(initiative, first, last, lane.top + PAD, COLLAPSED - 2 * PAD, False, critical)
            lane.bars.append(bar)
            bars[initiative.id] = bar
        lane.index()
        return COLLAPSED
    rows = _rows(owned)
    for (first, last, initiative), row in zip(owned, rows):
        bar = _bar(initiative, first, last, lane.top + PAD + row * ROW, ROW - 4, False, critical)
        lane.bars.append(bar)
        bars[initiative.id] = bar
    below = lane.top + PAD + (max(rows, default=-1) + 1) * ROW
    ghost_rows = _rows(ghosts)
    for (first, last, initiative), row in zip(ghosts, ghost_rows):
        lane.bars.append(_bar(initiative, first, last, below + row * GHOST_ROW, GHOST_ROW - 3, True, critical))
    lane.index()
    height = below - lane.top + (max(ghost_rows, default=-1) + 1) * GHOST_ROW + PAD
    return max(height, MIN_LANE)


def _entries(keys: list, plan: Plan, timeline: Timeline) -> list:
    """(first day, last day, initiative) of each key, sorted by time."""
    earliest, span, initiatives = timeline.earliest, timeline.span, plan.initiatives
    return sorted(
        ((earliest[key], earliest[key] + span[key] - 1, initiatives[key]) for key in keys),
        key=lambda entry: (entry[0], entry[1]),
    )


def _bar(initiative, first: int, last: int, top: float, height: float, ghost: bool, critical: frozenset) -> Bar:
    return Bar(
        initiative.id,
        first,
        last,
        top,
        height,
        initiative.duration <= 0,
        ghost,
        initiative.id in critical,
        initiative.dropped,
    )


def _rows(entries: list) -> list[int]:
    """First-fit rows for (first, last, ...) entries sorted by first: a row takes a bar after its last one ends."""
    ends: list[int] = []
    rows = []
    for first, last, _ in entries:
        for row, end in enumerate(ends):
            if end < first:
                ends[row] = last
                rows.append(row)
                break
        else:
            ends.append(last)
            rows.append(len(ends) - 1)
    return rows


def selection_chain(links: Links, initiative: InitiativeId) -> list[tuple[InitiativeId, InitiativeId]]:
    """The dependencies on the chain through an initiative: all it waits for, and all that waits for it."""
    import networkx as nx  # loaded already with the schedule

    if initiative not in links.order:
        return []
    node = links.order.index(initiative)
    graph = links.graph
    chain = nx.ancestors(graph, node) | nx.descendants(graph, node) | {node}
    return [(links.order[a], links.order[b]) for a in chain for b in graph.succ[a] if b in chain]


def _monday(week: str) -> date:
    year, number = week.split("-W")
    return date.fromisocalendar(int(year), int(number), 1)
