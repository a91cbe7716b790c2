"""The printed orchestration plan: sections, handouts, literal user text, paper, outline and determinism."""

from __future__ import annotations

import dataclasses
import gc
import io
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab import rl_config

from domain.analysis.engine import analyze
from domain.entities import Dependency, Goal, Handoff, Initiative, Project, RaciRole, Skill, SkillNeed, Team, TeamSkill
from domain.plan import Plan
from storage.demo import demo_plan
from storage.exchange import plan_from_json
from tests.bench.generate import generate_plan_json
from views.pdf.render import SECTIONS as EVERY_SECTION
from views.pdf.render import ExportOptions, export_pdf

PRINTED = date(2027, 2, 1)
SECTIONS = [
    "Contents",
    "Summary",
    "Goals and alignment",
    "Score",
    "Score wall chart",
    "Team network",
    "Skills",
    "RACI matrix",
    "Team handouts",
    "Appendix: all initiatives",
]


def export(plan: Plan, **options) -> PdfReader:
    out = io.BytesIO()
    export_pdf(plan, out, ExportOptions(file_name="plan.tutti", printed=PRINTED, **options))
    return PdfReader(io.BytesIO(out.getvalue()))


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every outline entry, in order."""
    entries = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                entries.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return entries


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Text without white space: the PDF breaks long text over lines."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def demo_pdf() -> PdfReader:
    return export(demo_plan(), sections=EVERY_SECTION)


def relay_plan(**names) -> Plan:
    """Three teams handing work round in a circle, each hand-off with a unique description."""
    plan = Plan(project=Project(name=names.get("project", "Relay"), start=date(2027, 1, 4)))
    teams = [Team(name=names.get(f"team{n}", f"Team {n}"), headcount=3 + n, capacity=10) for n in range(3)]
    skill = Skill(name=names.get("skill", "Copywriting"))
    for team in teams:
        plan.add(team)
    plan.add(skill)
    plan.add(TeamSkill(team=teams[0].id, skill=skill.id, level=1))
    work = [
        Initiative(
            name=names.get(f"work{n}", f"Work {n}"),
            owner=teams[n].id,
            duration=10,
            description=names.get("description", ""),
            skills=(SkillNeed(skill.id, 3),),
            raci=(RaciRole(teams[(n + 1) % 3].id, "C"),),
        )
        for n in range(3)
    ]
    for initiative in work:
        plan.add(initiative)
    for n in range(3):
        plan.add(
            Handoff(
                from_team=teams[n].id,
                to_team=teams[(n + 1) % 3].id,
                initiative=work[n].id,
                what=f"parcel-{n}-from-{n}-to-{(n + 1) % 3}",
                due=date(2027, 2, 1 + n),
            )
        )
    return plan


def test_the_whole_plan_has_every_section_in_order_with_outline_and_contents(demo_pdf):
    entries = outline(demo_pdf)
    top = [title for level, title, _ in entries if level == 0]
    assert top[1:] == SECTIONS
    texts = page_texts(demo_pdf)
    for level, title, page in entries:
        if level == 0 and title != "Team handouts":
            assert flat(title) in flat(texts[page - 1]), f"{title} is not on page {page}"
    contents = flat(texts[1])
    for level, title, page in entries:
        if level == 0 and title not in ("Contents", demo_plan().project.name):
            assert f"{flat(title)}{page}" in contents.replace(".", ""), f"contents give no page {page} for {title}"
    teams = [team.name for team in demo_plan().teams.values()]
    assert [title for level, title, _ in entries if level == 1 and title in teams] == teams


def test_by_default_the_plan_leaves_out_the_wall_chart_poster_and_the_handouts_document():
    reader = export(demo_plan())
    top = [title for level, title, _ in outline(reader) if level == 0]
    assert top[1:] == [title for title in SECTIONS if title not in ("Score wall chart", "Team handouts")]
    assert not any("Handout for" in text for text in page_texts(reader))


def test_every_page_says_its_number_and_the_page_count(demo_pdf):
    texts = page_texts(demo_pdf)
    for number, text in enumerate(texts, start=1):
        assert f"Page{number}of{len(texts)}" in flat(text)


def test_the_cover_names_the_project_span_calendar_printed_date_and_file(demo_pdf):
    cover = page_texts(demo_pdf)[0]
    assert demo_plan().project.name in cover
    assert "1 February 2027" in cover and "plan.tutti" in cover and "Span" in cover
    # the calendar the dates are counted on
    assert "Monday to Friday, public holidays in Germany, 6 closed days" in " ".join(cover.split())


def test_a4_and_letter_paper_with_a_landscape_score():
    plan = demo_plan()
    for paper, size in (("a4", (595, 842)), ("letter", (612, 792))):
        reader = export(plan, paper=paper)
        pages = {page_number: reader.pages[page_number - 1] for _, _, page_number in outline(reader)}
        timeline = next(page for level, title, page in outline(reader) if title == "Score")
        summary = next(page for level, title, page in outline(reader) if title == "Summary")
        portrait = pages[summary].mediabox
        landscape = reader.pages[timeline - 1].mediabox
        assert (round(portrait.width), round(portrait.height)) == size
        assert (round(landscape.width), round(landscape.height)) == size[::-1]


def test_each_handout_holds_its_own_handoffs_and_no_other_teams():
    plan = relay_plan()
    reader = export(plan, handouts_only=True)
    entries = [(title, page) for level, title, page in outline(reader) if level == 1]
    assert [title for title, _ in entries] == ["Team 0", "Team 1", "Team 2"]
    texts = page_texts(reader)
    bounds = [page for _, page in entries] + [len(texts) + 1]
    for n in range(3):
        handout = flat(" ".join(texts[bounds[n] - 1 : bounds[n + 1] - 1]))
        mine = {f"parcel-{n}-from-{n}-to-{(n + 1) % 3}", f"parcel-{(n - 1) % 3}-from-{(n - 1) % 3}-to-{n}"}
        others = {f"parcel-{k}-from-{k}-to-{(k + 1) % 3}" for k in range(3)} - mine
        assert all(parcel in handout for parcel in mine)
        assert not any(parcel in handout for parcel in others)
        assert f"Team{n}·handoutpage1of" in handout
        assert "Relay" in handout  # the project is named on a handout printed alone


def test_handouts_only_prints_nothing_but_handouts():
    reader = export(relay_plan(), handouts_only=True, teams=())
    assert [title for level, title, _ in outline(reader) if level == 0] == ["Team handouts"]
    assert "Appendix" not in " ".join(page_texts(reader))


ODD = {
    "project": "Plan <b>bold</b> & co",
    "team0": "R&D <img src=x>",
    "team1": "Ελληνικά ομάδα",
    "team2": "Команда <i",
    "skill": "Emoji 😀 skill",
    "work0": "Work with <b> & <a href=x>link</a>",
    "work1": "Unclosed <i tag",
    "work2": "Cyrillic работа",
    "description": "Long " + "x" * 5000 + " word & <b>",
}


def test_user_text_is_printed_as_typed_never_as_markup():
    reader = export(relay_plan(**ODD))
    text = flat(" ".join(page_texts(reader)))
    for value in ODD.values():
        if "😀" in value or len(value) > 1000:
            continue
        assert flat(value) in text, f"{value!r} is not printed literally"
    assert "Emoji\ufffdskill" in text  # a character no font has shows as a visible placeholder
    assert "x" * 60 in text  # the 5,000-character word is broken over lines, not lost


def test_the_same_plan_and_options_give_the_same_bytes():
    plan = demo_plan()
    first, second = io.BytesIO(), io.BytesIO()
    export_pdf(plan, first, ExportOptions(printed=PRINTED))
    export_pdf(plan, second, ExportOptions(printed=PRINTED))
    assert first.getvalue() == second.getvalue()
    assert first.getvalue().startswith(b"%PDF")
    assert b"D:20270201000000" in first.getvalue()


def test_a_generated_plan_of_ten_teams_exports_with_a_sane_page_count():
    plan = plan_from_json(generate_plan_json("small", 3))
    reader = export(plan, sections=EVERY_SECTION)
    assert 20 < len(reader.pages) < 150
    titles = [title for _, title, _ in outline(reader)]
    assert all(team.name in titles for team in plan.teams.values())


def test_an_empty_plan_still_prints_every_section():
    reader = export(Plan(), sections=EVERY_SECTION)
    assert [title for level, title, _ in outline(reader) if level == 0][1:] == SECTIONS
    assert "The plan has no goals yet." in " ".join(page_texts(reader))


def handout_pages(reader: PdfReader) -> dict[str, list[str]]:
    """The text of each team's handout pages, by team name."""
    entries = [(title, page) for level, title, page in outline(reader) if level == 1]
    texts = page_texts(reader)
    bounds = [page for _, page in entries] + [len(texts) + 1]
    return {title: texts[bounds[n] - 1 : bounds[n + 1] - 1] for n, (title, _) in enumerate(entries)}


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_load_heading_is_never_parted_from_its_chart(paper):
    for plan in (demo_plan(), plan_from_json(generate_plan_json("small", 3))):
        reader = export(plan, handouts_only=True, paper=paper)
        for page, text in enumerate(page_texts(reader), start=1):
            if "Load against capacity" in text and "No planned load." not in text:
                assert "dashed line = capacity" in text, f"the load chart is not under its heading on page {page}"


def test_a_handout_prints_how_the_team_serves_each_goal_and_its_status_whole():
    text = " ".join(handout_pages(export(demo_plan(), handouts_only=True))["Marketing"])
    for word in ("through your", "not measured", "off track"):
        assert word in text
    assert "through your…" not in text and "not measur…" not in text


def test_a_handout_says_what_the_team_waits_for_and_who_waits_for_it_with_dates():
    plan = relay_plan()
    work = list(plan.initiatives.values())
    plan.add(dataclasses.replace(work[2], duration=20))
    plan.add(Dependency(before=work[0].id, after=work[1].id))  # Team 1 waits for Team 0 ...
    plan.add(Dependency(before=work[2].id, after=work[1].id))  # ... and for Team 2, which finishes later
    reader = export(plan, handouts_only=True)
    schedule = analyze(plan).schedule
    pages = handout_pages(reader)
    waiting = flat(" ".join(pages["Team 1"]))
    # grouped under the waiting initiative, named once, earliest finish first
    assert (
        flat(
            "What you wait for from other teams Your initiative Waits for Their team They finish "
            f"Work 1 Work 0 Team 0 {schedule[work[0].id].finish} Work 2 Team 2 {schedule[work[2].id].finish}"
        )
        in waiting
    )
    awaited = flat(" ".join(pages["Team 0"]))
    assert (
        flat(
            "Teams waiting for your work Your initiative Needed by Their team They start "
            f"Work 0 Work 1 Team 1 {schedule[work[1].id].start}"
        )
        in awaited
    )
    assert "Noneofyourinitiativeswaitsforanotherteam'swork." in awaited
    assert "Nootherteam'sinitiativewaitsforyours." in waiting


def test_printed_handouts_each_start_on_an_odd_page_for_double_sided_printing():
    reader = export(demo_plan(), handouts_only=True, paper="letter")
    starts = [page for level, _, page in outline(reader) if level == 1]
    assert len(starts) == len(demo_plan().teams)
    assert all(page % 2 == 1 for page in starts)
    texts = page_texts(reader)
    blanks = [n for n, text in enumerate(texts, start=1) if "handout page" not in text]
    assert blanks, "no handout of the demo ends on an odd page: the test proves nothing"
    for page in blanks:
        assert page % 2 == 0 and page + 1 in starts
        assert "Load" not in texts[page - 1] and "Goals you serve" not in texts[page - 1]


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_late_goal_says_late_in_full_in_the_goal_tables(paper):
    plan = relay_plan()
    goal = Goal(name="Ship the relay", deadline=date(2027, 1, 8))
    plan.add(goal)
    for initiative in list(plan.initiatives.values()):
        plan.add(dataclasses.replace(initiative, goals=(goal.id,)))
    text = " ".join(page_texts(export(plan, paper=paper)))
    finish = analyze(plan).goals[goal.id].last_finish
    assert text.count(f"{finish} LATE") == 2  # in the summary and in Goals and alignment
    assert "L…" not in text


CJK = {
    "project": "中文项目 Plan 😀",
    "team0": "東京チーム",
    "team1": "서울 팀",
    "team2": "北京团队",
    "work0": "準備 work",
    "skill": "技能 🎉",
}


def test_chinese_japanese_and_korean_print_in_cid_fonts_and_emoji_as_a_placeholder():
    reader = export(relay_plan(**CJK), sections=EVERY_SECTION)
    text = " ".join(page_texts(reader))
    for value in ("東京チーム", "서울 팀", "北京团队", "準備 work"):
        assert value in text
    assert "中文项目 Plan \ufffd" in text and "技能 \ufffd" in text
    fonts = {
        font.get_object()["/BaseFont"] for page in reader.pages for font in page["/Resources"].get("/Font", {}).values()
    }
    assert {"/STSong-Light", "/HeiseiMin-W3", "/HYSMyeongJo-Medium"} <= fonts
    # the bookmarks and the document's title keep the real text, emoji and all
    assert reader.metadata.title == CJK["project"]
    titles = [title for _, title, _ in outline(reader)]
    assert CJK["project"] in titles and all(CJK[f"team{n}"] in titles for n in range(3))


def test_an_export_leaves_the_garbage_collector_and_reportlab_settings_as_they_are():
    # The window exports on a worker thread: process-wide state must not change, not even for a while.
    seen = set()

    def progress(done: int, total: int) -> bool:
        seen.add((gc.isenabled(), rl_config.useA85))
        return True

    before = (gc.isenabled(), rl_config.useA85)
    export_pdf(demo_plan(), io.BytesIO(), ExportOptions(), analysis=analyze(demo_plan()), progress=progress)
    assert seen == {before}
    assert (gc.isenabled(), rl_config.useA85) == before


def test_a_handout_prints_a_goals_metric_with_its_unit_as_the_goal_tables_do():
    plan = demo_plan()
    goal = next(g for g in plan.goals.values() if g.unit)
    owner = plan.teams[goal.owner].name
    text = flat(" ".join(handout_pages(export(plan, handouts_only=True))[owner]))
    assert flat(f"{goal.metric} ({goal.unit})") in text
