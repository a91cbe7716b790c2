"""Deterministic, realistic plans of any size in the JSON interchange format, for tests and benchmarks.

    python tests/bench/generate.py --size small|large|huge|tiny --seed N -o PLAN.json

Each plan holds a goal tree, skills with team levels, RACI roles, hand-offs, a few isolated teams,
a handful of dependency cycles and some initiatives that serve no goal. It uses only the standard
library so it runs anywhere, and builds the JSON dict directly so `huge` takes seconds.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple


class Size(NamedTuple):
    teams: int
    initiatives: int
    dependencies: int
    org_goals: int
    objectives: int
    key_results: int
    skills: int
    cycles: int
    isolated_teams: int


SIZES = {
    "tiny": Size(4, 12, 16, 2, 3, 0, 20, 1, 1),
    "small": Size(10, 50, 150, 2, 5, 0, 24, 2, 1),
    "large": Size(200, 5_000, 15_000, 5, 40, 160, 34, 5, 4),
    "huge": Size(1_000, 50_000, 150_000, 8, 120, 1_200, 40, 8, 20),
}

PROJECT_START = date(2027, 1, 4)  # a Monday
STAMP = "2026-11-01T09:00:00Z"
PHASES = 12  # initiatives wait only for ones in the phase before, so even a huge plan spans one or two years
UNALIGNED_SHARE = 0.03
DIVISION = 8  # teams work mostly with the teams of their own division
DEPARTMENTS = (
    "Technology",
    "Commercial",
    "Operations",
    "Finance",
    "Marketing",
    "People",
    "Legal",
    "Product",
    "Service",
    "Logistics",
    "Strategy",
    "Retail",
)
STRAY_SHARE = 0.2  # teams whose department is not their division's (so departments' E-I indices differ)
NO_DEPARTMENT_SHARE = 0.05
RELATION_SHARE = 0.15  # declared relations per team

FUNCTIONS = (
    "Marketing",
    "Sales",
    "IT",
    "Data Science",
    "Legal & Compliance",
    "Customer Support",
    "Product",
    "Content",
    "CRM Operations",
    "E-commerce",
    "Finance",
    "Brand",
    "Analytics",
    "Security",
    "Procurement",
    "Store Operations",
    "Pricing",
    "Partnerships",
    "Logistics",
    "People & Culture",
)
PLACES = (
    "Nordics",
    "DACH",
    "Iberia",
    "Benelux",
    "France",
    "Italia",
    "UK & Ireland",
    "Polska",
    "Česko",
    "Zürich",
    "München",
    "Malmö",
    "São Paulo",
    "Bogotá",
    "Montréal",
    "Kraków",
    "Göteborg",
    "Ålesund",
    "Córdoba",
    "Nürnberg",
    "Løkken",
    "Señorío",
    "Düsseldorf",
    "Genève",
    "Tromsø",
    "Málaga",
    "Québec",
    "Århus",
    "Köln",
    "Besançon",
)
FIRST_NAMES = (
    "Zoë",
    "Björn",
    "José",
    "Søren",
    "François",
    "Ingrid",
    "Maëlle",
    "Jürgen",
    "Núria",
    "Ólafur",
    "Amélie",
    "Kenji",
    "Aisha",
    "Tomás",
    "Priya",
    "Chloé",
    "Mikkel",
    "Inés",
    "Dário",
    "Hélène",
    "Lukas",
    "Wiktoria",
)
LAST_NAMES = (
    "Müller",
    "Muñoz",
    "Ødegaard",
    "Lefèvre",
    "Castaño",
    "Hjørring",
    "Dvořák",
    "Nuñez",
    "Åberg",
    "Schäfer",
    "García",
    "Okafor",
    "Nakamura",
    "Brontë",
    "Rossi",
    "Kowalski",
    "Lindqvist",
    "Fernández",
    "Čapek",
    "Weiß",
)
SKILLS = (
    ("AI literacy", "AI"),
    ("Prompt writing", "AI"),
    ("Machine learning", "Data"),
    ("Data analysis", "Data"),
    ("Data engineering", "Data"),
    ("Experimentation & A/B testing", "Data"),
    ("Statistics", "Data"),
    ("Data visualisation", "Data"),
    ("Privacy law", "Legal"),
    ("Contract negotiation", "Legal"),
    ("Consumer protection", "Legal"),
    ("CRM administration", "Operations"),
    ("Marketing automation", "Operations"),
    ("Project management", "Operations"),
    ("Change management", "Operations"),
    ("Copywriting", "Creative"),
    ("Visual design", "Creative"),
    ("Video production", "Creative"),
    ("Brand strategy", "Creative"),
    ("SEO", "Channels"),
    ("Paid media", "Channels"),
    ("E-mail marketing", "Channels"),
    ("Social media", "Channels"),
    ("Customer service", "Customer"),
    ("Customer research", "Customer"),
    ("UX writing", "Customer"),
    ("Pricing analytics", "Commercial"),
    ("Category management", "Commercial"),
    ("Forecasting", "Commercial"),
    ("Cloud infrastructure", "Technology"),
    ("API integration", "Technology"),
    ("Web development", "Technology"),
    ("Information security", "Technology"),
    ("Accessibility", "Technology"),
    ("Vendor management", "Commercial"),
    ("Financial modelling", "Commercial"),
    ("Training design", "People"),
    ("Coaching", "People"),
    ("Localisation", "Creative"),
    ("Sustainability reporting", "Commercial"),
)
VERBS = (
    "Pilot",
    "Roll out",
    "Clean up",
    "Scale",
    "Automate",
    "Train staff on",
    "Audit",
    "Redesign",
    "Migrate",
    "Launch",
    "Evaluate",
    "Consolidate",
    "Prototype",
    "Standardise",
    "Retire",
    "Measure",
)
OBJECTS = (
    "AI e-mail subject lines",
    "predictive lead scoring",
    "customer-data deduplication",
    "the support FAQ chatbot",
    "AI product descriptions",
    "consent records",
    "the A/B testing programme",
    "the churn model",
    "pricing experiments",
    "loyalty segmentation",
    "the data-governance council",
    "the prompt library",
    "campaign attribution",
    "search merchandising",
    "returns analytics",
    "the first-party data platform",
    "recommendation widgets",
    "the creative review workflow",
    "newsletter personalisation",
    "store-level forecasts",
    "the product information feed",
    "voice-of-customer tagging",
    "marketing-mix modelling",
    "the brand guidelines",
)
DELIVERABLES = (
    "Cleaned customer table",
    "Consent export",
    "Model scorecard",
    "Test results",
    "Signed data-processing agreement",
    "Training materials",
    "Campaign brief",
    "Approved copy",
    "API credentials",
    "Dashboard",
    "Requirements list",
    "Risk assessment",
    "Product feed",
    "Segment definitions",
    "Budget approval",
    "Launch checklist",
)
LONG_TAIL = (
    "including the hand-over of consent records, the retraining of the support agents, the review of every "
    "automated message by Legal & Compliance and a go/no-go meeting before the peak season begins"
)
METRICS = (
    ("Net revenue", "M€"),
    ("Gross margin", "%"),
    ("Repeat-purchase rate", "%"),
    ("Customer lifetime value", "€"),
    ("Qualified leads per month", "leads"),
    ("E-mail open rate", "%"),
    ("Support tickets solved by chatbot", "%"),
    ("Conversion rate", "%"),
    ("Active loyalty members", "thousand"),
    ("Cost per acquisition", "€"),
)
STATUSES = (("idea", 10), ("planned", 55), ("active", 25), ("done", 8), ("dropped", 2))
ROLES = (("R", 4), ("A", 1), ("C", 3), ("I", 3))


def _working_day(days: int) -> date:
    """The date `days` working days (Mon-Fri) after the project start."""
    weeks, rest = divmod(days, 5)
    return PROJECT_START + timedelta(days=weeks * 7 + rest)


class _Names:
    """Hands out names that are unique within one kind, numbering repeats."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def unique(self, name: str) -> str:
        candidate, number = name, 2
        while candidate.casefold() in self.used:
            candidate, number = f"{name} {number}", number + 1
        self.used.add(candidate.casefold())
        return candidate


def generate_plan_json(size: str, seed: int) -> dict:
    """A plan of the given size ("tiny", "small", "large" or "huge") as an interchange dict; same seed, same plan."""
    shape = SIZES[size]
    rng = random.Random(seed)

    def new_id() -> str:
        """An id shaped like `domain.entities.new_id`, drawn from the seeded generator."""
        return f"{rng.getrandbits(128):032x}"

    stamps = {"created": STAMP, "modified": STAMP}

    team_names = _Names()
    teams = []
    for n in range(shape.teams):
        function = FUNCTIONS[n % len(FUNCTIONS)]
        name = function if n < len(FUNCTIONS) else f"{function} {PLACES[(n // len(FUNCTIONS) - 1) % len(PLACES)]}"
        headcount = rng.randint(3, 25)
        teams.append(
            {
                "id": new_id(),
                "name": team_names.unique(name),
                "lead": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                "headcount": headcount,
                "capacity": headcount * 4,
                "color": f"#{rng.randrange(0x1000000):06X}",
                **stamps,
            }
        )
    # Isolated teams are spread through the list so they fall in different divisions.
    step = shape.teams // shape.isolated_teams
    isolated = {teams[n * step + step - 1]["id"] for n in range(shape.isolated_teams)}
    working = [t["id"] for t in teams if t["id"] not in isolated]
    divisions = [working[n : n + DIVISION] for n in range(0, len(working), DIVISION)]
    neighbours = {
        team: [t for t in division if t != team] or [t for t in working if t != team]
        for division in divisions
        for team in division
    }

    relations = _organise(random.Random(seed * 7919 + 1), teams, divisions, neighbours, stamps)

    skills = [
        {
            "id": new_id(),
            "name": name,
            "category": category,
            "description": f"Can apply {name[0].lower() + name[1:]} in everyday work.",
            **stamps,
        }
        for name, category in SKILLS[: shape.skills]
    ]
    team_skills, strengths = [], {team["id"]: [] for team in teams}
    for team in teams:
        for skill in rng.sample(skills, rng.randint(5, min(14, len(skills)))):
            level = rng.choices(range(5), (1, 3, 4, 2, 1))[0]
            team_skills.append(
                {
                    "team": team["id"],
                    "skill": skill["id"],
                    "level": level,
                    "people": min(team["headcount"], level * rng.randint(1, 3)),
                }
            )
            if level:
                strengths[team["id"]].append((skill["id"], level))

    goals, goal_names = [], _Names()

    def add_goal(level: str, parent: str | None, number: int) -> str:
        metric, unit = rng.choice(METRICS)
        baseline = rng.randint(10, 90)
        target = baseline + rng.randint(5, 40)
        goals.append(
            {
                "id": new_id(),
                "name": goal_names.unique(f"{level} {number}: raise {metric.lower()}"),
                "description": f"Move {metric.lower()} from {baseline} to {target} {unit}.",
                "parent": parent,
                "owner": rng.choice(working),
                "metric": metric,
                "unit": unit,
                "baseline": baseline,
                "target": target,
                "deadline": _working_day(rng.randint(60, 250)).isoformat(),
                **stamps,
            }
        )
        return goals[-1]["id"]

    org_goals = [add_goal("Company goal", None, n + 1) for n in range(shape.org_goals)]
    objectives = [add_goal("Objective", rng.choice(org_goals), n + 1) for n in range(shape.objectives)]
    key_results = [add_goal("Key result", rng.choice(objectives), n + 1) for n in range(shape.key_results)]
    served_goals = key_results or objectives

    initiative_names = _Names()
    unaligned = set(rng.sample(range(shape.initiatives), max(1, round(shape.initiatives * UNALIGNED_SHARE))))
    statuses, status_weights = zip(*STATUSES)
    roles, role_weights = zip(*ROLES)
    initiatives, owners = [], []
    for n in range(shape.initiatives):
        # Every isolated team owns at least its first initiative; others are owned at random.
        owner = teams[n * step + step - 1]["id"] if n < shape.isolated_teams else rng.choice(teams)["id"]
        name = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} in {rng.choice(PLACES)}"
        if rng.random() < 0.02:
            name = f"{name}, {LONG_TAIL}"[:150].rstrip(" ,")
        milestone = rng.random() < 0.05
        duration = 0 if milestone else rng.randint(1, 30)
        raci = []
        if owner not in isolated:
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                team = rng.choice(working if rng.random() < 0.15 else neighbours[owner])
                if team != owner and all(r["team"] != team for r in raci):
                    raci.append({"team": team, "role": rng.choices(roles, role_weights)[0]})
        # Most needs are within what the owner can do, a few reach beyond it: a gap in one need of ten or so.
        needs = {}
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            if strengths[owner] and rng.random() < 0.9:
                skill, level = rng.choice(strengths[owner])
                needs[skill] = rng.randint(1, level)
            else:
                needs[rng.choice(skills)["id"]] = rng.randint(1, 4)
        initiatives.append(
            {
                "id": new_id(),
                "name": initiative_names.unique(name),
                "description": "" if rng.random() < 0.3 else f"Part of the {rng.choice(OBJECTS)} stream.",
                "owner": owner,
                "goals": [] if n in unaligned else rng.sample(served_goals, rng.choice((1, 1, 1, 2))),
                "status": "planned" if n in unaligned else rng.choices(statuses, status_weights)[0],
                "start": _working_day(5 * rng.randint(1, 40)).isoformat() if rng.random() < 0.08 else None,
                "duration": duration,
                "effort": 0 if milestone else round(duration * rng.uniform(0.5, 3.0) * 2) / 2,
                "skills": [{"skill": skill, "level": level} for skill, level in needs.items()],
                "raci": raci,
                **stamps,
            }
        )
        owners.append(owner)

    dependencies = _dependencies(rng, shape, initiatives, owners, isolated)

    handoffs = []
    connected = [n for n, owner in enumerate(owners) if owner not in isolated]
    for _ in range(shape.initiatives):
        initiative = initiatives[rng.choice(connected)]
        source = initiative["owner"]
        partners = [r["team"] for r in initiative["raci"]] or neighbours[source]
        handoffs.append(
            {
                "id": new_id(),
                "from": source,
                "to": rng.choice(partners),
                "initiative": None if rng.random() < 0.03 else initiative["id"],
                "what": rng.choice(DELIVERABLES),
                "due": None if rng.random() < 0.05 else _working_day(rng.randint(5, 250)).isoformat(),
                **stamps,
            }
        )

    return {
        "format": "tutti",
        "version": 2,
        "project": {
            "name": f"Benchmark plan ({size}, seed {seed})",
            "description": "Generated by tests/bench/generate.py.",
            "start": PROJECT_START.isoformat(),
        },
        "teams": teams,
        "skills": skills,
        "team_skills": team_skills,
        "goals": goals,
        "initiatives": initiatives,
        "dependencies": dependencies,
        "handoffs": handoffs,
        "relations": relations,
    }


def _organise(rng: random.Random, teams: list, divisions: list, neighbours: dict, stamps: dict) -> list:
    """Give teams departments (two divisions each, with strays and a few teams in none) and declare relations
    between neighbouring teams in every mode, some of them ended. A generator of its own, so that adding
    the organisation left the rest of each plan as it was."""
    by_division = {team: n for n, division in enumerate(divisions) for team in division}
    for team in teams:
        if rng.random() < NO_DEPARTMENT_SHARE:
            team["department"] = ""
        elif team["id"] not in by_division or rng.random() < STRAY_SHARE:
            team["department"] = rng.choice(DEPARTMENTS)
        else:
            team["department"] = DEPARTMENTS[by_division[team["id"]] // 2 % len(DEPARTMENTS)]
    relations, declared = [], set()
    linked = [team["id"] for team in teams if team["id"] in by_division]
    for _ in range(round(len(teams) * RELATION_SHARE)):
        a = rng.choice(linked)
        b = rng.choice(neighbours[a])
        if a == b or frozenset((a, b)) in declared:
            continue
        declared.add(frozenset((a, b)))
        until = rng.choice([None, None, _working_day(rng.randint(-60, 300))])
        relations.append(
            {
                "id": f"{rng.getrandbits(128):032x}",
                "a": a,
                "b": b,
                "mode": rng.choice(("collaboration", "x-as-a-service", "x-as-a-service", "facilitating")),
                "until": until.isoformat() if until else None,
                **stamps,
            }
        )
    return relations


def _dependencies(rng: random.Random, shape: Size, initiatives: list, owners: list, isolated: set) -> list:
    """Exactly `shape.dependencies` links: a few small cycles, the rest from earlier to later initiatives.

    An isolated team's initiatives only wait for that same team's initiatives, so it stays isolated.
    """
    group = [owner if owner in isolated else None for owner in owners]
    connected = [n for n, g in enumerate(group) if g is None]
    pairs: dict[tuple[int, int], int] = {}
    # Rings sit on disjoint runs of three initiatives; as every other link points forward, they stay apart.
    for c, start in enumerate(rng.sample(range(0, len(connected) - 2, 3), shape.cycles)):
        ring = connected[start : start + 2 + c % 2]
        for before, after in zip(ring, ring[1:] + ring[:1]):
            pairs[(before, after)] = 0
    phases = max(1, min(PHASES, shape.initiatives // 10))
    phase_start = [-(-p * shape.initiatives // phases) for p in range(phases + 1)]
    attempts = 0
    while len(pairs) < shape.dependencies:
        attempts += 1
        if attempts > 50 * shape.dependencies:
            raise ValueError(f"cannot place {shape.dependencies} dependencies among {shape.initiatives} initiatives")
        after = rng.randrange(1, shape.initiatives)
        phase = after * phases // shape.initiatives
        # The first phase links within itself, the others to the phase before.
        before = rng.randrange(phase_start[phase - 1], phase_start[phase]) if phase else rng.randrange(after)
        if group[before] == group[after] and (before, after) not in pairs:
            pairs[(before, after)] = rng.randint(1, 10) if rng.random() < 0.15 else 0
    return [
        {"before": initiatives[b]["id"], "after": initiatives[a]["id"], "lag": lag} for (b, a), lag in pairs.items()
    ]


def main(argv: list[str] | None = None) -> int:
    """Write a generated plan as JSON; see the module docstring for the options."""
    parser = argparse.ArgumentParser(description="Write a deterministic benchmark plan in Tutti JSON.")
    parser.add_argument("--size", choices=tuple(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="PLAN.json")
    args = parser.parse_args(argv)
    text = json.dumps(generate_plan_json(args.size, args.seed), indent=1, ensure_ascii=False) + "\n"
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"generate: {args.output}: {error.strerror or error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
