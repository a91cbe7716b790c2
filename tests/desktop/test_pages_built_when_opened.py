"""The window opens with only the page it shows; a page the user opens later is built then and shows
everything it would have shown had it been there all along: the plan, the analysis, a selection made
elsewhere meanwhile, an entity asked for, and its view settings from the last session."""

from __future__ import annotations

from PySide6.QtCore import Qt

TITLES = ["Overview", "Goals", "Teams", "Skills", "Initiatives", "Score", "Network"]


def open_from_sidebar(window, qtbot, title: str):
    """Click the page's title in the sidebar, as the user does; the page shown."""
    item = window.sidebar.item(TITLES.index(title))
    qtbot.mouseClick(
        window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=window.sidebar.visualItemRect(item).center()
    )
    page = window.current_page()
    assert page.title == title
    return page


def built(window) -> list[str]:
    return [TITLES[index] for index, _page in window.pages.built()]


def test_the_window_opens_with_the_sidebar_whole_and_only_the_page_it_shows(window):
    assert [window.sidebar.item(n).text() for n in range(window.sidebar.count())] == TITLES
    assert built(window) == ["Overview"]


def test_a_page_opened_after_the_analysis_shows_the_plan_and_the_analysis(window, qtbot):
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=10000)
    assert "Initiatives" not in built(window)
    page = open_from_sidebar(window, qtbot, "Initiatives")
    assert page.count.text() == f"{len(window.document.plan.initiatives)} initiatives"
    scheduled = window.analysis.schedule[page.current_key()]
    assert page.schedule.text().startswith(f"{scheduled.start} → {scheduled.finish}")


def test_a_bar_clicked_on_the_score_is_selected_on_the_initiatives_page_opened_afterwards(window, qtbot):
    score = open_from_sidebar(window, qtbot, "Score")
    plan = window.document.plan
    key = next(key for key in reversed(plan.initiatives) if key in score.canvas.score.bars)
    score.canvas.show_bar(key)
    bar = score.canvas.bar_rect(key).center().toPoint()
    qtbot.mouseClick(score.canvas.viewport(), Qt.MouseButton.LeftButton, pos=bar)
    assert "Initiatives" not in built(window) and "Teams" not in built(window)

    assert open_from_sidebar(window, qtbot, "Initiatives").current_key() == key
    assert open_from_sidebar(window, qtbot, "Teams").current_key() == plan.initiatives[key].owner


def test_a_selection_shared_before_another_plan_opens_is_not_shown_on_it(window, qtbot):
    score = open_from_sidebar(window, qtbot, "Score")
    key = next(key for key in reversed(window.document.plan.initiatives) if key in score.canvas.score.bars)
    score.canvas.show_bar(key)
    qtbot.mouseClick(
        score.canvas.viewport(), Qt.MouseButton.LeftButton, pos=score.canvas.bar_rect(key).center().toPoint()
    )
    window.new_from_demo()
    assert open_from_sidebar(window, qtbot, "Initiatives").current_key() == next(iter(window.document.plan.initiatives))


def test_an_entity_asked_for_is_shown_on_its_page_built_then(window, qtbot):
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=10000)
    overview = window.current_page()
    row = next(
        row
        for row, issue in enumerate(overview.issues.issues)
        if issue.table == "initiatives" and issue.key is not None
    )
    issue = overview.issues.issues[row]
    overview.view.activated.emit(overview.proxy.mapFromSource(overview.issues.index(row, 0)))
    page = window.current_page()
    assert page.title == "Initiatives" and page.current_key() == issue.key


def first_row(page):
    """The initiative on the top row of the Initiatives page's table, as sorted now."""
    return page.model.key(page.proxy.mapToSource(page.proxy.index(0, 0)).row())


def test_view_settings_come_back_when_the_page_is_first_opened_and_survive_a_session_that_never_opened_it(
    make_window, qtbot
):
    window = make_window()
    initiatives = open_from_sidebar(window, qtbot, "Initiatives")
    top_by_plan_order = first_row(initiatives)
    initiatives.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # by name, Z to A
    top_by_name = first_row(initiatives)
    assert top_by_name != top_by_plan_order
    open_from_sidebar(window, qtbot, "Overview")
    window.close()

    window = make_window()  # opens on the Overview again; the Initiatives page is never opened
    assert built(window) == ["Overview"]
    window.close()

    window = make_window()
    page = open_from_sidebar(window, qtbot, "Initiatives")
    header = page.view.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (0, Qt.SortOrder.DescendingOrder)
    assert first_row(page) == top_by_name
