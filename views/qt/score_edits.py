"""How the Score edits the plan: drags as named initiative updates, and which edits only move work in time."""

from __future__ import annotations

from dataclasses import replace

from domain import operations

LANE_FIELDS = ("owner", "raci", "status", "goals")  # what decides which lanes and filters show an initiative


def moved_in_time(change) -> set | None:
    """The initiatives a change edited when it changed nothing that decides lanes or filters (dates, durations,
    names): the Score then re-lays only the lanes their bars are in. None for any other change."""
    if change is None or change.tables != {"initiatives"}:
        return None
    edited = set()
    for edit in change.edits:
        if edit.before is None or edit.after is None:
            return None
        if any(getattr(edit.before, name) != getattr(edit.after, name) for name in LANE_FIELDS):
            return None
        edited.add(edit.key)
    return edited


def labelled(label: str):
    """`update_initiative`, named for the undo history after what the drag did."""

    def run(plan, initiative, **changes):
        return replace(operations.update_initiative(plan, initiative, **changes), label=label)

    return run
