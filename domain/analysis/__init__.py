"""Plan analysis: schedule and critical path, goal alignment, team network, skill gaps, load, findings.

Pure functions over a `Plan`, built on networkx; results are plain frozen dataclasses
keyed by entity ids, deterministic for a given plan.
"""

from domain.analysis.results import (
    Analysis,
    Finding,
    GoalAlignment,
    ScheduledInitiative,
    SkillGap,
    TeamNetwork,
    WeekLoad,
)

__all__ = [
    "Analysis",
    "Finding",
    "GoalAlignment",
    "ScheduledInitiative",
    "SkillGap",
    "TeamNetwork",
    "WeekLoad",
]
