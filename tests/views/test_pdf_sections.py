"""Choosing what to print: `tutti export --sections ... --from ... --to ...` and the A3 paper size."""

from __future__ import annotations

from pypdf import PdfReader

from desktop.cli import main
from tests.views.test_pdf_cli import demo_file, outline_titles


def test_only_the_chosen_sections_are_printed(tmp_path):
    out = tmp_path / "pack.pdf"
    code = main(["export", str(demo_file(tmp_path)), "--pdf", str(out), "--sections", "summary,network"])
    assert code == 0
    sections = [title for level, title in outline_titles(out) if level == 0]
    assert sections == ["Summary", "Team network"]
    assert "Contents" not in PdfReader(out).pages[0].extract_text()


def test_the_window_is_named_on_the_cover_and_cuts_the_time_chart(tmp_path):
    whole, window = tmp_path / "whole.pdf", tmp_path / "window.pdf"
    plan = demo_file(tmp_path)
    assert main(["export", str(plan), "--pdf", str(whole), "--sections", "cover,wallchart"]) == 0
    code = main(
        [
            "export",
            str(plan),
            "--pdf",
            str(window),
            "--sections",
            "cover,wallchart",
            "--from",
            "2027-01-01",
            "--to",
            "2027-03-31",
        ]
    )
    assert code == 0
    cover = PdfReader(window).pages[0].extract_text()
    assert "Window" in cover and "work outside it is left out of the time charts" in cover
    assert "to 31 March 2027" in cover
    assert len(PdfReader(window).pages) < len(PdfReader(whole).pages)


def test_a3_paper(tmp_path):
    out = tmp_path / "a3.pdf"
    assert main(["export", str(demo_file(tmp_path)), "--pdf", str(out), "--paper", "a3", "--sections", "summary"]) == 0
    assert round(PdfReader(out).pages[0].mediabox.width) == 842


def test_unknown_sections_and_dates_are_one_line_errors(tmp_path, capsys):
    plan = demo_file(tmp_path)
    out = tmp_path / "x.pdf"
    assert main(["export", str(plan), "--pdf", str(out), "--sections", "summary,timetable"]) != 0
    assert "'timetable' is not one of" in capsys.readouterr().err
    assert main(["export", str(plan), "--pdf", str(out), "--from", "next week"]) != 0
    assert "--from: 'next week' is not a date" in capsys.readouterr().err
    assert main(["export", str(plan), "--pdf", str(out), "--from", "2026-05-01", "--to", "2026-04-01"]) != 0
    assert "is after --to" in capsys.readouterr().err
    assert not out.exists()
