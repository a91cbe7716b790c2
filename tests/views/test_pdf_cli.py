"""`tutti export`: the whole plan, handouts only, chosen teams, and clear errors."""

from __future__ import annotations

from pypdf import PdfReader

from desktop.cli import main
from storage.demo import demo_plan


def outline_titles(path) -> list[tuple[int, str]]:
    reader = PdfReader(path)
    titles = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                titles.append((level, item.title))

    walk(reader.outline, 0)
    return titles


def demo_file(tmp_path):
    path = tmp_path / "demo.tutti"
    assert main(["new", str(path), "--demo"]) == 0
    return path


def test_export_writes_the_whole_plan(tmp_path, capsys):
    out = tmp_path / "plan.pdf"
    assert main(["export", str(demo_file(tmp_path)), "--pdf", str(out), "--paper", "letter"]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    reader = PdfReader(out)
    assert round(reader.pages[0].mediabox.width) == 612
    assert "Appendix: all initiatives" in [title for _, title in outline_titles(out)]


def test_handouts_only_for_chosen_teams(tmp_path):
    out = tmp_path / "handouts.pdf"
    teams = [team.name for team in demo_plan().teams.values()]
    code = main(
        [
            "export",
            str(demo_file(tmp_path)),
            "--pdf",
            str(out),
            "--handouts-only",
            "--team",
            teams[2],
            "--team",
            teams[0],
        ]
    )
    assert code == 0
    assert outline_titles(out) == [(0, "Team handouts"), (1, teams[2]), (1, teams[0])]


def test_team_filter_keeps_the_rest_of_the_plan(tmp_path):
    out = tmp_path / "one.pdf"
    team = next(iter(demo_plan().teams.values())).name
    sections = "cover,score,handouts"
    assert main(["export", str(demo_file(tmp_path)), "--pdf", str(out), "--sections", sections, "--team", team]) == 0
    titles = outline_titles(out)
    assert (0, "Score") in titles and (1, team) in titles
    assert (
        len([level for level, title in titles if level == 1 and title in {t.name for t in demo_plan().teams.values()}])
        == 1
    )


def test_a_team_without_handouts_to_print_is_a_one_line_error(tmp_path, capsys):
    source, out = demo_file(tmp_path), tmp_path / "x.pdf"
    team = next(iter(demo_plan().teams.values())).name
    assert main(["export", str(source), "--pdf", str(out), "--team", team]) == 2
    assert capsys.readouterr().err.strip() == (
        "tutti: --team chooses handouts: add --handouts-only, or handouts to --sections"
    )
    assert not out.exists()


def test_an_unknown_team_is_a_one_line_error_and_writes_nothing(tmp_path, capsys):
    source = demo_file(tmp_path)
    out = tmp_path / "x.pdf"
    assert main(["export", str(source), "--pdf", str(out), "--team", "Nobody"]) == 2
    assert capsys.readouterr().err.strip() == f"tutti: {source}: there is no team called 'Nobody'"
    assert not out.exists()


def test_an_unwritable_target_is_a_one_line_error(tmp_path, capsys):
    out = tmp_path / "missing-folder" / "plan.pdf"
    assert main(["export", str(demo_file(tmp_path)), "--pdf", str(out)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"tutti: {out}:") and "\n" not in error
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.tutti"]


def saved_twice(tmp_path):
    """The demo saved by Ann, then Marketing's capacity changed and saved by Ben: (file, first revision id)."""
    from domain import operations as op
    from storage.project_file import open_plan, save_plan

    path = tmp_path / "plan.tutti"
    save_plan(demo_plan(), path, author="ann")
    opened = open_plan(path)
    op.update_team(opened.plan, "team-marketing", capacity=5.0)
    save_plan(opened.plan, path, opened.history, author="ben")
    first = next(r for r in open_plan(path).history.revisions.values() if r.author == "ann")
    return path, first.id


def test_changes_since_a_revision_prefix_adds_the_section_and_stamps_the_head(tmp_path):
    from domain.history import version_stamp
    from storage.project_file import open_plan

    path, first = saved_twice(tmp_path)
    out = tmp_path / "plan.pdf"
    assert main(["export", str(path), "--pdf", str(out), "--changes-since", first[:6]]) == 0
    assert (0, f"What changed since {first[:8]} ({open_plan(path).history.revisions[first].saved[:10]}, ann)") in (
        outline_titles(out)
    )
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Team 'Marketing': capacity 32 → 5" in text
    short, saved = version_stamp(open_plan(path).history)
    assert f"revision {short} · saved {saved}" in text


def test_an_unknown_or_compacted_revision_is_a_one_line_error_and_writes_nothing(tmp_path, capsys):
    path, first = saved_twice(tmp_path)
    out = tmp_path / "plan.pdf"
    assert main(["export", str(path), "--pdf", str(out), "--changes-since", "fffffff"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"tutti: {path}: no revision 'fffffff' in its history (tutti log lists them)"
    )
    from domain import operations as op
    from storage.project_file import open_plan, save_plan

    opened = open_plan(path)  # a third save, so that compacting to one drops the way back to the first
    op.update_team(opened.plan, "team-sales", capacity=7.0)
    save_plan(opened.plan, path, opened.history, author="cy")
    assert main(["compact", str(path), "--keep", "1"]) == 0
    capsys.readouterr()
    assert (
        main(["export", str(path), "--pdf", str(out), "--xlsx", str(tmp_path / "x.xlsx"), "--changes-since", first])
        == 2
    )
    assert capsys.readouterr().err.strip() == (
        f"tutti: {path}: revision '{first}' was compacted away; its plan cannot be rebuilt"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.tutti"]


def test_an_ambiguous_revision_is_a_one_line_error_and_writes_nothing(tmp_path, capsys, monkeypatch):
    import uuid

    ids = iter(["abc1" + "0" * 28, "abc2" + "0" * 28])
    monkeypatch.setattr("domain.history.uuid.uuid4", lambda: uuid.UUID(next(ids)))
    path, _ = saved_twice(tmp_path)
    out = tmp_path / "plan.pdf"
    assert main(["export", str(path), "--pdf", str(out), "--changes-since", "abc"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"tutti: {path}: revision 'abc' is ambiguous: 2 revisions start so; give more of it"
    )
    assert not out.exists()
