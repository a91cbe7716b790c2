"""The entities of a plan: goals, teams, skills, initiatives and the links between them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import NewType

GoalId = NewType("GoalId", str)
TeamId = NewType("TeamId", str)
SkillId = NewType("SkillId", str)
InitiativeId = NewType("InitiativeId", str)
HandoffId = NewType("HandoffId", str)
RelationId = NewType("RelationId", str)

STATUSES = ("idea", "planned", "active", "done", "dropped")
RACI_ROLES = ("R", "A", "C", "I")
# How two teams work together, in Team Topologies' words.
RELATION_MODES = ("collaboration", "x-as-a-service", "facilitating")
GATE_DECISIONS = ("pending", "go", "no-go")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_LEVEL = 4
MAX_NAME_LENGTH = 200


def new_id() -> str:
    """A fresh, globally unique id for a new entity."""
    import uuid  # here, not at the top: uuid loads `platform`, and the window opens before any entity is made

    return uuid.uuid4().hex


def timestamp() -> str:
    """The current UTC time as an ISO 8601 string, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkCalendar:
    """The plan's working days: the weekdays worked (Monday = 0), minus a country's public holidays, minus closed dates."""

    workdays: tuple[int, ...] = (0, 1, 2, 3, 4)
    country: str | None = None  # ISO 3166 code, as the `holidays` package knows it ("DE")
    subdivision: str | None = None  # a state or region of that country ("BY")
    closed: tuple[date, ...] = ()  # days the whole organisation is closed (a company closure)


@dataclass(frozen=True, slots=True, kw_only=True)
class Project:
    name: str = "Untitled plan"
    description: str = ""
    start: date | None = None
    calendar: WorkCalendar | None = None  # None: Monday to Friday, no holidays
    status_date: date | None = None  # the day progress was last recorded; None: the schedule ignores progress
    baselines: tuple[Baseline, ...] = ()  # oldest first; the last is the one slip is measured against


@dataclass(frozen=True, slots=True, kw_only=True)
class Baseline:
    """The schedule as it stood when someone saved it: every initiative's finish, to measure slip against."""

    name: str
    set: str  # when, as a UTC timestamp
    finishes: tuple[tuple[InitiativeId, date], ...] = ()


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One measurement of a goal's metric, on a date, with an optional note."""

    date: date
    value: float
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Goal:
    id: GoalId = field(default_factory=new_id)
    name: str
    description: str = ""
    parent: GoalId | None = None
    owner: TeamId | None = None
    metric: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    deadline: date | None = None
    checkins: tuple[CheckIn, ...] = ()  # in date order
    created: str = field(default_factory=timestamp)
    modified: str = field(default_factory=timestamp)


@dataclass(frozen=True, slots=True, kw_only=True)
class Team:
    id: TeamId = field(default_factory=new_id)
    name: str
    lead: str = ""
    headcount: int = 0
    capacity: float = 0.0
    color: str = ""
    department: str = ""
    days_off: tuple[DayOff, ...] = ()
    created: str = field(default_factory=timestamp)
    modified: str = field(default_factory=timestamp)


@dataclass(frozen=True, slots=True)
class DayOff:
    """Days a whole team is away, `start` to `end` inclusive: they take that team's capacity, not the plan's days."""

    start: date
    end: date


@dataclass(frozen=True, slots=True, kw_only=True)
class Skill:
    id: SkillId = field(default_factory=new_id)
    name: str
    category: str = ""
    description: str = ""
    created: str = field(default_factory=timestamp)
    modified: str = field(default_factory=timestamp)


@dataclass(frozen=True, slots=True, kw_only=True)
class TeamSkill:
    """How well a team masters a skill (level 0-4) and how many of its people have it."""

    team: TeamId
    skill: SkillId
    level: int = 0
    people: int = 0

    @property
    def key(self) -> tuple[TeamId, SkillId]:
        return (self.team, self.skill)


@dataclass(frozen=True, slots=True)
class SkillNeed:
    """A skill an initiative requires, at level 1-4."""

    skill: SkillId
    level: int


@dataclass(frozen=True, slots=True)
class RaciRole:
    """The role (R, A, C or I) another team plays in an initiative."""

    team: TeamId
    role: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Initiative:
    id: InitiativeId = field(default_factory=new_id)
    name: str
    description: str = ""
    owner: TeamId | None = None
    goals: tuple[GoalId, ...] = ()
    status: str = "planned"
    start: date | None = None
    duration: int = 5
    effort: float | None = None
    skills: tuple[SkillNeed, ...] = ()
    raci: tuple[RaciRole, ...] = ()
    progress: int = 0  # per cent of the work done, 0-100
    actual_start: date | None = None
    actual_finish: date | None = None
    gate: Gate | None = None  # a pilot's decision whether to scale it
    created: str = field(default_factory=timestamp)
    modified: str = field(default_factory=timestamp)

    @property
    def dropped(self) -> bool:
        """Dropped work stays in the plan for the record but takes no time, load, goal or skill in any analysis."""
        return self.status == "dropped"


@dataclass(frozen=True, slots=True, kw_only=True)
class Gate:
    """A pilot's go/no-go decision: scale it when `goal` reaches `threshold` by `decide_by`.

    What depends on the pilot starts no earlier than the working day after `decide_by`.
    """

    goal: GoalId | None = None
    threshold: float | None = None
    decide_by: date | None = None
    decision: str = "pending"  # one of GATE_DECISIONS
    decided: date | None = None
    by: str = ""  # who decided
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Dependency:
    """`after` cannot start until `before` has finished, plus `lag` working days."""

    before: InitiativeId
    after: InitiativeId
    lag: int = 0

    @property
    def key(self) -> tuple[InitiativeId, InitiativeId]:
        return (self.before, self.after)


@dataclass(frozen=True, slots=True, kw_only=True)
class Handoff:
    """Something one team hands over to another, for an initiative, by a due date."""

    id: HandoffId = field(default_factory=new_id)
    from_team: TeamId
    to_team: TeamId
    initiative: InitiativeId | None = None
    what: str = ""
    due: date | None = None
    created: str = field(default_factory=timestamp)
    modified: str = field(default_factory=timestamp)


@dataclass(frozen=True, slots=True, kw_only=True)
class Relation:
    """How two teams declare they work together (Team Topologies' interaction modes), until a date or open-ended.

    In x-as-a-service, `a` provides the service and `b` uses it; the other modes read the same both ways.
    """

    id: RelationId = field(default_factory=new_id)
    a: TeamId
    b: TeamId
    mode: str = "collaboration"
    until: date | None = None
    created: str = field(default_factory=timestamp)
    modified: str = field(default_factory=timestamp)


def copy_of(entity, *, name: str):
    """A new goal, team, skill or initiative with the same fields as `entity`, its own id and `name`."""
    now = timestamp()
    return replace(entity, id=new_id(), name=name, created=now, modified=now)
