"""Pages out of sight wait until they are shown to follow an edit; the one in sight follows at once."""

from __future__ import annotations

from domain import operations as op


def test_renaming_a_team_refreshes_hidden_pages_once_when_they_are_shown(window, qtbot, pages):
    teams, goals = pages.titled(window, "Teams"), pages.titled(window, "Goals")
    window.show_page(window.pages.index(teams))
    refreshed = []
    show_current = goals._show_current
    goals._show_current = lambda **kwargs: (refreshed.append(kwargs), show_current(**kwargs))
    team = teams.current_key()
    for name in ("Platform One", "Platform Two", "Platform Three"):
        window.document.run(op.update_team, team, name=name)
    assert teams.heading.text() == "Platform Three"
    assert refreshed == []

    window.show_page(window.pages.index(goals))
    assert len(refreshed) == 1
    assert goals.owner.editor.findText("Platform Three") >= 0
    assert goals.owner.editor.findText("Platform One") < 0


def test_a_plan_replaced_while_a_page_is_hidden_is_shown_whole(window, qtbot, pages):
    goals = pages.titled(window, "Goals")
    window.show_page(window.pages.index(pages.titled(window, "Teams")))
    window.new_plan()
    window.show_page(window.pages.index(goals))
    assert goals.current_key() is None and goals.owner.editor.count() == 1
