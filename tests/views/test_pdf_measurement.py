"""The printed plan shows measurement: each goal's standing and trend, every pilot gate, goals' status in handouts."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing

from domain.analysis.engine import analyze
from domain.entities import CheckIn, Gate
from storage.demo import demo_plan
from views.pdf.content import gather
from views.pdf.render import SECTIONS, ExportOptions, export_pdf
from views.pdf.summary import gate_state
from views.pdf.trend_drawing import trend_drawing
from views.trend import trend

PRINTED = date(2027, 3, 1)


def text_of(plan) -> str:
    out = io.BytesIO()
    export_pdf(plan, out, ExportOptions(file_name="plan.tutti", printed=PRINTED, sections=SECTIONS))
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages)


def test_the_demo_prints_goals_as_measured_pilot_gates_and_handout_status():
    text = text_of(demo_plan())
    assert "Goals as measured" in text and "Pilot gates" in text
    assert "2 of 3 sub-goals on track" in " ".join(text.split())
    assert "9.8 on 2027-03-01" in text and "63.71 → 80" in text
    assert "Win back lapsing loyalty members ≥ 10" in " ".join(text.split())
    assert "off track" in text and "on track" in text


def test_a_gate_reads_pending_overdue_or_the_decision_with_who_and_why():
    gate = Gate(goal="g", threshold=10, decide_by=date(2027, 5, 28))
    assert gate_state(gate, date(2027, 5, 1)) == "pending"
    assert gate_state(gate, date(2027, 6, 1)) == "pending, overdue"
    decided = replace(gate, decision="go", decided=date(2027, 5, 28), by="Board", note="12 > 10")
    assert gate_state(decided, None) == "go on 2027-05-28 by Board: 12 > 10"


def test_user_text_in_check_ins_and_gates_prints_as_typed():
    plan = demo_plan()
    goal = plan.goals["goal-winback"]
    plan.goals[goal.id] = replace(goal, name="<b>Win</b> & back", checkins=(CheckIn(date(2027, 1, 4), 1, "<i>x</i>"),))
    chatbot = plan.initiatives["init-chatbot"]
    plan.initiatives[chatbot.id] = replace(chatbot, gate=replace(chatbot.gate, decision="no-go", by="<Ana>"))
    text = text_of(plan)
    assert "<b>Win</b> & back" in text and "by <Ana>" in text


def test_each_measured_goal_gets_a_trend_drawing_that_fits_its_row():
    plan = demo_plan()
    content = gather(plan, analyze(plan))
    winback = content.goals["goal-winback"]
    assert winback.status == "on track" and winback.trend is not None
    drawing = trend_drawing(winback.trend, winback.on_track, 100, 16)
    assert isinstance(drawing, Drawing) and (drawing.width, drawing.height) == (100, 16)
    assert content.goals["goal-revenue"].trend is None and content.goals["goal-revenue"].status == "not measured"


def test_the_trend_places_check_ins_target_and_forecast_between_0_and_1():
    # 10 on day 0, 12 on day 7; baseline 10, target 20 at day 28; the line reads 18 there
    goal = replace(demo_plan().goals["goal-leads"], baseline=10, target=20, deadline=date(2027, 1, 29),
                   checkins=(CheckIn(date(2027, 1, 1), 10), CheckIn(date(2027, 1, 8), 12)))  # fmt: skip
    drawn = trend(goal)
    # values from 10 to 20 with 8% room each side: 9.2 to 20.8
    assert drawn.checkins[0] == pytest.approx((0, (10 - 9.2) / 11.6))
    assert drawn.target == pytest.approx((1, (20 - 9.2) / 11.6))
    assert drawn.forecast[1] == pytest.approx((1, (18 - 9.2) / 11.6))


def test_check_ins_near_the_largest_float_print_without_a_trend():
    plan = demo_plan()
    goal = plan.goals["goal-leads"]
    plan.goals[goal.id] = replace(
        goal, checkins=(CheckIn(date(2027, 1, 4), -1.7e308), CheckIn(date(2027, 1, 5), 1.7e308))
    )
    assert trend(plan.goals[goal.id]) is None
    assert "More qualified trade leads measured 1.7e+308 on 2027-01-05" in " ".join(text_of(plan).split())


def test_the_wall_chart_marks_the_baseline_finish_of_work_that_moved():
    from views.pdf.context import Context
    from views.pdf.wallchart import bars as wall_bars

    plan = demo_plan()
    context = Context(plan, analyze(plan), PRINTED, "plan.tutti", (500, 700), (700, 500))
    bars = {bar.initiative: bar for lane in wall_bars(context).values() for bar in lane}
    assert bars["init-data-cleanup"].baseline == date(2027, 3, 12)  # now 2027-03-31
    assert bars["init-consent-review"].baseline is None  # finished as planned
    assert "baseline finish" in text_of(plan)
