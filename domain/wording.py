"""Small helpers for the sentences Tutti writes about a plan."""


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """`count` with the noun in the right number.

    >>> counted(1, "goal"), counted(3, "goal"), counted(2, "dependency", "dependencies")
    ('1 goal', '3 goals', '2 dependencies')
    """
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


PLAN_COUNTS = (
    ("goals", "goal", "goals"),
    ("teams", "team", "teams"),
    ("skills", "skill", "skills"),
    ("initiatives", "initiative", "initiatives"),
    ("dependencies", "dependency", "dependencies"),
    ("handoffs", "hand-off", "hand-offs"),
)


def plan_counts(plan) -> str:
    """How many of each kind a plan holds, e.g. '7 goals, 1 team, ...'."""
    return ", ".join(counted(len(plan.table(table)), *names) for table, *names in PLAN_COUNTS)
