"""The results of analysing a plan: plain data keyed by entity ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: networkx loads with the analysis, after the window shows
    import networkx as nx

    from domain.analysis.kpis import Kpi

from domain.entities import GoalId, HandoffId, InitiativeId, SkillId, TeamId


@dataclass(frozen=True, slots=True)
class ScheduledInitiative:
    """When an initiative runs: earliest and latest dates (inclusive working days) and slack."""

    start: date
    finish: date
    latest_start: date
    latest_finish: date
    slack: int
    critical: bool


@dataclass(frozen=True, slots=True)
class GoalAlignment:
    """The initiatives serving a goal directly; when the work towards it ends, its sub-goals' included; lateness."""

    goal: GoalId
    initiatives: tuple[InitiativeId, ...]
    last_finish: date | None  # the last finish of the work serving the goal or any goal under it
    late: bool  # that work ends after the goal's deadline
    late_sub_goals: int = 0  # how many goals under it are late


@dataclass(frozen=True, slots=True)
class SkillGap:
    """A required skill level that none of the teams doing the work reaches."""

    initiative: InitiativeId
    skill: SkillId
    required: int
    available: int
    teams: tuple[TeamId, ...]
    critical: bool


@dataclass(frozen=True, slots=True)
class WeekLoad:
    """One team's planned effort in one ISO week ("2027-W10") against its capacity, in person-days."""

    team: TeamId
    week: str
    load: float
    capacity: float

    @property
    def ratio(self) -> float:
        """Load as a fraction of capacity (infinite when a team with no capacity has work)."""
        if self.capacity > 0:
            return self.load / self.capacity
        return float("inf") if self.load > 0 else 0.0

    @property
    def overloaded(self) -> bool:
        return self.load > self.capacity + 1e-9


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding: its kind, the entities it concerns (`table`, `keys`) and the figures its sentence quotes.

    It holds no names: `domain.analysis.wording.describe` words it against the plan when it is shown,
    so a rename shows without a new analysis.
    """

    kind: str  # "late_goal", "overload", "skill_gap"... (see domain/analysis/wording.py)
    severity: str  # "high", "medium" or "low"
    table: str
    keys: tuple
    figures: tuple = ()  # the numbers and dates the analysis found, in the order the sentence takes them
    more: bool = False  # sums up the findings of its kind past the first few: one key each
    also_in_validation: bool = False  # validation lists the same problem (views showing both skip it)


@dataclass(frozen=True, slots=True)
class Department:
    """The teams that name one department, and its E-I index (None when none of its teams has a tie)."""

    teams: tuple[TeamId, ...]
    ei_index: float | None


@dataclass(frozen=True)
class TeamNetwork:
    """Teams as a weighted graph of collaboration, with silos, communities and bottlenecks."""

    graph: nx.Graph  # undirected, edge attribute "weight"
    handoff_graph: nx.DiGraph  # from team -> to team; edge "handoffs": their ids, "weight": how many
    isolated: tuple[TeamId, ...]
    communities: tuple[tuple[TeamId, ...], ...]
    bottlenecks: tuple[tuple[TeamId, float], ...]  # (team, betweenness), highest first
    handoffs_in: dict[TeamId, tuple[HandoffId, ...]]
    handoffs_out: dict[TeamId, tuple[HandoffId, ...]]
    loose_handoffs: tuple[HandoffId, ...]  # no due date or no initiative
    betweenness_sampled: bool = False  # betweenness estimated from a fixed-seed sample of teams (big plans)
    betweenness: dict[TeamId, float] = field(default_factory=dict)  # every team's betweenness centrality
    # Krackhardt's E-I index, (external - internal) / (external + internal) tie weight, from -1 (works only
    # inside its department) to +1 (only outside); None for a team with no department or no tie
    ei_index: dict[TeamId, float | None] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)  # by name, in order of first team


@dataclass(frozen=True)
class Analysis:
    """Everything `analyze` finds in a plan."""

    start: date
    finish: date | None
    schedule: dict[InitiativeId, ScheduledInitiative]
    critical_path: tuple[InitiativeId, ...]
    cycles: tuple[tuple[InitiativeId, ...], ...]
    unaligned_initiatives: tuple[InitiativeId, ...]
    goals_without_initiatives: tuple[GoalId, ...]
    goals: dict[GoalId, GoalAlignment]
    network: TeamNetwork
    skill_gaps: tuple[SkillGap, ...]
    load: dict[TeamId, tuple[WeekLoad, ...]]
    findings: tuple[Finding, ...] = field(default=())
    kpis: dict[GoalId, Kpi] = field(default_factory=dict)  # every goal's measurement (domain/analysis/kpis.py)
    slip: dict[InitiativeId, int] = field(default_factory=dict)  # working days later than the latest baseline

    @property
    def late_goals(self) -> tuple[GoalId, ...]:
        return tuple(g for g, alignment in self.goals.items() if alignment.late)

    @property
    def own_findings(self) -> tuple[Finding, ...]:
        """The findings validation does not list already: what the window counts and shows beside the problems."""
        return tuple(f for f in self.findings if not f.also_in_validation)

    @property
    def overloaded_weeks(self) -> tuple[WeekLoad, ...]:
        return tuple(w for weeks in self.load.values() for w in weeks if w.overloaded)
