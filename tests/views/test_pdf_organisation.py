"""The printed plan shows the organisation: declared relations by mode in the team network, a departments table
with the E-I index, and the Score's lanes grouped by department."""

from __future__ import annotations

from datetime import timedelta

from reportlab.graphics.shapes import Path

from domain.analysis.engine import analyze
from domain.entities import Relation, Team
from storage.demo import demo_plan
from tests.views.test_pdf import PRINTED, export, flat, page_texts
from tests.views.test_pdf_network import shapes
from views.pdf.context import Context
from views.pdf.network import network_drawing


def team(plan, name):
    return next(t.id for t in plan.teams.values() if t.name == name)


def test_the_network_section_has_a_departments_table_with_e_i_explained_and_the_inward_one_flagged():
    plan = demo_plan()
    text = "\n".join(page_texts(export(plan, sections=("network",))))
    departments = text[text.index("Departments") :]
    assert "(E − I) / (E + I)" in departments  # the index explained, once
    assert departments.count("E-I index") == 1
    network = analyze(plan).network
    for name in network.departments:
        assert name in departments
    head_office = departments[departments.index("Head Office") :].splitlines()[0:4]
    assert "−0.53" in " ".join(head_office) and "WORKS MOSTLY INSIDE ITSELF" in " ".join(head_office)
    assert departments.count("WORKS MOSTLY INSIDE ITSELF") == 1  # only the department below -0.5
    assert "collaboration (two-way band)" in text and "x-as-a-service (from the providing team)" in text
    assert "facilitating" not in text.casefold()  # only the modes the plan declares are in the legend


def test_each_declared_mode_is_drawn_differently_and_an_ended_relation_not_at_all():
    plan = demo_plan()
    analysis = analyze(plan)
    plan.add(Relation(a=team(plan, "Legal & Compliance"), b=team(plan, "Sales"), mode="facilitating"))
    plan.add(Relation(a=team(plan, "Content"), b=team(plan, "Sales"), until=analysis.start - timedelta(days=1)))
    analysis = analyze(plan)
    context = Context(plan, analysis, PRINTED, "", (515, 770), (760, 480))
    drawing, _ = network_drawing(context, 515, 477)
    paths = [s for s in shapes(drawing) if isinstance(s, Path)]
    # three relations in the picture, three in the legend; the ended one is left out
    assert len(paths) == 6
    looks = {(str(p.fillColor), str(p.strokeDashArray), len(p.points)) for p in paths}
    assert len(looks) == 3
    text = "\n".join(page_texts(export(plan, sections=("network",))))
    assert "1 declared relation has ended and is not drawn." in " ".join(text.split())


def test_the_score_overview_groups_lanes_by_department():
    plan = demo_plan()
    plan.add(Team(name="Pricing", department="Sales"))
    overview = page_texts(export(plan, sections=("score",)))[0]
    lines = [line.strip() for line in overview.splitlines()]
    teams = [t.name for t in plan.teams.values()]
    order = [line for line in lines if line in teams]
    departments = [next(t.department for t in plan.teams.values() if t.name == name) for name in order]
    runs = [d for n, d in enumerate(departments) if n == 0 or departments[n - 1] != d]
    assert len(runs) == len(set(departments))  # each department's lanes together
    assert "HeadOfficeSales" in flat(overview)  # the band names the departments, in the lanes' order
