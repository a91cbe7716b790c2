"""Small helpers for the sentences Tutti writes about a plan: plurals, names of kinds, lists, weeks and dates."""

from __future__ import annotations

from datetime import date


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`count` with the noun in the right number.

    >>> counted(1, "goal"), counted(3, "goal"), counted(2, "dependency", "dependencies")
    ('1 goal', '3 goals', '2 dependencies')
    """
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def a(noun: str) -> str:
    """The noun with its indefinite article: "a team", "an initiative"."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


KIND_NAMES = {  # table: (singular, plural)
    "goals": ("goal", "goals"),
    "teams": ("team", "teams"),
    "skills": ("skill", "skills"),
    "team_skills": ("skill level", "skill levels"),
    "initiatives": ("initiative", "initiatives"),
    "dependencies": ("dependency", "dependencies"),
    "handoffs": ("hand-off", "hand-offs"),
    "relations": ("team relation", "team relations"),
}


def plan_counts(plan) -> str:
    """How many of each kind a plan holds, e.g. '7 goals, 1 team, ...' (team relations only when there are some)."""
    return ", ".join(
        counted(len(plan.table(table)), *names)
        for table, names in KIND_NAMES.items()
        if table != "team_skills" and (table != "relations" or plan.relations)
    )


def names_list(names: list[str]) -> str:
    """Names joined as in a sentence: "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def week_range(first: str, last: str) -> str:
    """A run of ISO weeks in words: "week 2027-W10" or "weeks 2027-W10 to W14"."""
    if first == last:
        return f"week {first}"
    return f"weeks {first} to {last[5:] if last[:4] == first[:4] else last}"


def day(value: date | None, missing: str = "—") -> str:
    """A date as Tutti writes it everywhere (ISO, so it sorts and reads the same), or `missing` for none.

    >>> day(date(2027, 1, 15)), day(None), day(None, missing="")
    ('2027-01-15', '—', '')
    """
    return value.isoformat() if value else missing
