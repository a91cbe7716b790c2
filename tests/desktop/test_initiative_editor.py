"""The initiative editor in the main window: long lists of teams and goals, and the dependency picker."""

from __future__ import annotations

from PySide6.QtCore import Qt

from views.qt.tables import FilterBox


def initiatives_page(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.current_page()
    assert page.title == "Initiatives"
    return page


def shown_names(view) -> list[str]:
    model = view.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_raci_and_goals_tabs_list_what_is_assigned_first_and_filter_the_rest(window, qtbot):
    page = initiatives_page(window, qtbot)
    plan = window.document.plan
    key = next(k for k, i in plan.initiatives.items() if len(i.raci) >= 2 and i.goals)
    assert page.select("initiatives", key)
    initiative = plan.initiatives[key]

    page.tabs.setCurrentIndex(2)
    roles = page.roles_view.model()
    assigned = [roles.index(row, 1).data() != "—" for row in range(roles.rowCount())]
    assert assigned == sorted(assigned, reverse=True) and sum(assigned) == len(initiative.raci)
    box = page.tabs.currentWidget().findChild(FilterBox)
    other = next(t for t in plan.teams.values() if all(r.team != t.id for r in initiative.raci))
    qtbot.keyClicks(box, other.name)
    qtbot.waitUntil(lambda: roles.rowCount() < len(plan.teams))
    assert other.name in shown_names(page.roles_view)
    assert all(other.name.casefold() in name.casefold() for name in shown_names(page.roles_view))

    page.tabs.setCurrentIndex(1)
    served = {plan.goals[g].name for g in initiative.goals}
    assert set(shown_names(page.goals_view)[: len(served)]) == served
    box = page.tabs.currentWidget().findChild(FilterBox)
    qtbot.keyClicks(box, "zzz-no-such-goal")
    qtbot.waitUntil(lambda: page.goals_view.model().rowCount() == 0)


def test_the_dependency_picker_does_not_offer_the_initiative_itself(window, qtbot):
    page = initiatives_page(window, qtbot)
    plan = window.document.plan
    key = page.current_key()
    page.tabs.setCurrentIndex(4)
    offered = [page.dependencies.others.key(row) for row in range(page.dependencies.others.rowCount())]
    assert key not in offered and len(offered) == len(plan.initiatives) - 1
    other = list(plan.initiatives)[3]
    assert page.select("initiatives", other)
    offered = [page.dependencies.others.key(row) for row in range(page.dependencies.others.rowCount())]
    assert other not in offered and key in offered
