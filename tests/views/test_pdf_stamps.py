"""Version stamps on paper: every page names the plan, its revision and save date; "What changed since …"
lists the changes from an earlier revision and the handouts mark what is new or changed."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from domain import operations as op
from domain.entities import Initiative
from domain.history import Revision
from storage.demo import demo_plan
from views.pdf.render import SECTIONS, ExportOptions, Since, export_pdf

PRINTED = date(2027, 2, 1)
REVISION = ("3f9a2c1d", "2026-11-30")
EARLIER = Revision("0a1b2c3d4e5f", "2026-11-02T09:15:00Z", "Ben <b>Ott</b>", "1 team changed")


def pdf_bytes(plan, **options) -> bytes:
    out = io.BytesIO()
    export_pdf(plan, out, ExportOptions(printed=PRINTED, **{"file_name": "plan.tutti", **options}))
    return out.getvalue()


def pages(plan, **options) -> list[str]:
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf_bytes(plan, **options))).pages]


def flat(text: str) -> str:
    return "".join(text.split())


def test_every_page_of_every_section_names_the_plan_revision_and_save_date():
    plan = demo_plan()
    stamp = flat(f"{plan.project.name} · revision 3f9a2c1d · saved 2026-11-30")
    for options in ({"sections": SECTIONS}, {"handouts_only": True}):
        texts = pages(plan, revision=REVISION, **options)
        assert len(texts) > 20
        assert [n for n, text in enumerate(texts, start=1) if stamp not in text] == []


def test_a_plan_never_saved_says_so_and_unsaved_edits_are_marked_on_every_page():
    plan = demo_plan()
    never = pages(plan, sections=("summary",), file_name="")
    assert all(flat(f"{plan.project.name} · not saved yet") in text for text in never)
    old_file = pages(plan, sections=("summary",), file_name="old.tutti")  # saved before files kept a history
    assert all(flat("no revision recorded in old.tutti") in text for text in old_file)
    edited = pages(plan, sections=("cover", "goals"), revision=REVISION, unsaved=True)
    assert all(flat("revision 3f9a2c1d + unsaved changes · saved 2026-11-30") in text for text in edited)


def test_the_stamp_comes_from_the_file_so_the_same_plan_prints_the_same_bytes():
    plan = demo_plan()
    assert pdf_bytes(plan, revision=REVISION) == pdf_bytes(plan, revision=REVISION)
    assert pdf_bytes(plan, revision=REVISION) != pdf_bytes(plan, revision=("99999999", "2026-11-30"))


def edited_copy():
    """The demo, and a copy where Marketing's capacity changed, it owns a new initiative and a hand-off it
    receives is described anew."""
    before = demo_plan()
    after = before.copy()
    marketing = next(t for t in after.teams.values() if t.name == "Marketing")
    op.update_team(after, marketing.id, capacity=5.0)
    op.add_initiative(after, Initiative(name="Pilot <i>churn</i> radar", owner=marketing.id, duration=5))
    handoff = next(h for h in after.handoffs.values() if h.to_team == marketing.id)
    op.update_handoff(after, handoff.id, what="Cleaned customer extract")
    return before, after


def test_what_changed_since_lists_the_changes_grouped_by_kind_in_the_words_of_tutti_diff():
    before, after = edited_copy()
    text = " ".join(pages(after, sections=("cover", "summary"), since=Since(before, EARLIER)))
    assert flat("What changed since 0a1b2c3d (2026-11-02, Ben <b>Ott</b>)") in text
    assert flat("3 changes since revision 0a1b2c3d") in text
    for line in (
        "Teams (1)",
        "changed Team 'Marketing': capacity 32 → 5",
        "Initiatives (1)",
        "added Initiative 'Pilot <i>churn</i> radar' added",
        "Hand-offs (1)",
    ):
        assert flat(line) in text, line
    contents = pages(after, sections=("cover", "summary"), since=Since(before, EARLIER))[1]
    assert flat("What changed since 0a1b2c3d") in contents


def test_handouts_mark_new_and_changed_items_of_the_team_and_explain_the_marks_once():
    before, after = edited_copy()
    texts = pages(after, handouts_only=True, teams=("team-marketing",), since=Since(before, EARLIER))
    handout = " ".join(texts)
    assert flat("[new] Pilot <i>churn</i> radar") in handout
    assert flat("[changed] Cleaned customer extract") in handout
    assert handout.count(flat("[new] and [changed] mark what was added or changed since revision 0a1b2c3d")) == 1
    unmarked = " ".join(pages(after, handouts_only=True, teams=("team-marketing",)))
    assert "[new]" not in unmarked and "[changed]" not in unmarked
