"""The printed timeline: labels clear of the next bar, and arrows that cannot be drawn are counted on the page."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from domain.analysis.engine import analyze
from domain.entities import Dependency, Initiative, Project, Team
from domain.plan import Plan
from tests.views.test_pdf import PRINTED, export, flat, outline, page_texts
from views.pdf.context import Context
from views.pdf.gantt import GanttPage
from views.pdf.text import width_of
from views.pdf.timeline import timeline


def test_no_bar_label_runs_into_the_next_bar_in_its_row():
    plan = Plan(project=Project(name="Labels", start=date(2027, 1, 4)))
    team = Team(name="Writers")
    plan.add(team)
    for n in range(40):
        # wide capitals: an estimate from the number of characters makes these labels too short
        name = f"WWWWWWWWWWWW {n}" if n % 2 else f"iii {n}"
        plan.add(Initiative(name=name, owner=team.id, duration=2, start=date(2027, 1, 4) + timedelta(days=n % 20 * 3)))
    context = Context(plan, analyze(plan), PRINTED, "", (515, 770), (760, 480))
    pages = [f for f in timeline(context) if isinstance(f, GanttPage)]
    assert pages
    for page in pages:
        for lane, row in page.rows:
            bars = sorted(lane.rows[row], key=lambda b: b.start)
            for bar, following in pairwise(bars):
                label_end = max(page.x(bar.start), page.label) + 2 + width_of(bar.name, 6.5)
                assert label_end <= page.x(following.start), f"{bar.name!r} runs into {following.name!r}"


def test_arrows_to_another_page_are_counted_on_the_page():
    plan = Plan(project=Project(name="Far apart", start=date(2027, 1, 4)))
    team = Team(name="Team")
    plan.add(team)
    early = Initiative(name="Early work", owner=team.id, duration=5)
    late = Initiative(name="Late work", owner=team.id, duration=5, start=date(2027, 9, 6))
    plan.add(early)
    plan.add(late)
    plan.add(Dependency(before=early.id, after=late.id))
    reader = export(plan)
    texts = page_texts(reader)
    quarters = [page for level, title, page in outline(reader) if title in ("2027 Q1", "2027 Q3")]
    assert len(quarters) == 2
    for page in quarters:
        assert "1dependencyarrownotdrawn:theotherendisonanotherpage" in flat(texts[page - 1])
    assert not any("arrownotdrawn" in flat(t) for n, t in enumerate(texts, start=1) if n not in quarters)
