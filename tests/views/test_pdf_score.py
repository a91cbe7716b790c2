"""The Score on paper: one overview page, then wall-chart tiles with their place, and stubs naming the other
end of every dependency that leaves a tile."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from domain.analysis.engine import analyze
from domain.entities import Dependency, Initiative, Project, Team
from domain.plan import Plan
from tests.views.test_pdf import PRINTED, export, flat, outline, page_texts
from views.pdf.context import Context
from views.pdf.text import width_of
from views.pdf.wallchart import TilePage, wall_chart


def test_no_bar_label_runs_into_the_next_bar_in_its_row():
    plan = Plan(project=Project(name="Labels", start=date(2027, 1, 4)))
    team = Team(name="Writers")
    plan.add(team)
    for n in range(40):
        # wide capitals: an estimate from the number of characters makes these labels too short
        name = f"WWWWWWWWWWWW {n}" if n % 2 else f"iii {n}"
        plan.add(Initiative(name=name, owner=team.id, duration=2, start=date(2027, 1, 4) + timedelta(days=n % 20 * 3)))
    context = Context(plan, analyze(plan), PRINTED, "", (515, 770), (760, 480))
    pages = [f for f in wall_chart(context) if isinstance(f, TilePage)]
    assert pages
    for page in pages:
        for lane, row in page.rows:
            bars = sorted(lane.rows[row], key=lambda b: b.start)
            for bar, following in pairwise(bars):
                if bar.start < page.window.first:
                    continue
                label_end = page.x(bar.start) + 2 + width_of(bar.name, 6.5)
                assert label_end <= page.x(following.start), f"{bar.name!r} runs into {following.name!r}"


def far_apart() -> Plan:
    plan = Plan(project=Project(name="Far apart", start=date(2027, 1, 4)))
    team = Team(name="Team")
    plan.add(team)
    early = Initiative(name="Early work", owner=team.id, duration=5)
    late = Initiative(name="Late work", owner=team.id, duration=5, start=date(2027, 9, 6))
    plan.add(early)
    plan.add(late)
    plan.add(Dependency(before=early.id, after=late.id))
    return plan


def test_an_arrow_to_another_tile_ends_in_a_stub_naming_the_other_end_and_its_page():
    reader = export(far_apart(), sections=("score", "wallchart"))
    texts = [flat(text) for text in page_texts(reader)]
    entries = [(title, page) for level, title, page in outline(reader) if level == 1]
    assert [title for title, _ in entries] == ["Row 1, column 1 of 1 × 2"]
    assert texts[0].startswith("Score") and "1×2tiles" in texts[0]
    first, second = texts[1], texts[2]
    assert "Row1,column1of1×2" in first and "right:column2" in first
    assert "Row1,column2of1×2" in second and "left:column1" in second and "cuthere" in second
    assert "toLatework,p.3" in first
    assert "fromEarlywork,p.2" in second


def test_the_overview_fits_a_large_plan_on_one_page(tmp_path):
    from tests.views.test_pdf import generate_plan_json, plan_from_json

    plan = plan_from_json(generate_plan_json("large", 1))
    reader = export(plan, sections=("score",))
    assert len(reader.pages) == 1
    text = flat(page_texts(reader)[0])
    assert f"{len(plan.teams)}teams" in text
    assert round(reader.pages[0].mediabox.width) == 842  # landscape from the first page


def test_a3_tiles_hold_more_of_the_chart_than_a4():
    plan = far_apart()
    a4 = export(plan, sections=("wallchart",), paper="a4")
    a3 = export(plan, sections=("wallchart",), paper="a3")
    assert len(a3.pages) < len(a4.pages)
    assert round(a3.pages[0].mediabox.width) == 1191
