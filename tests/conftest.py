"""Test configuration: Qt runs offscreen and never touches the user's settings or recovery files; the page-test helpers."""

import os
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["TUTTI_CONFIG_DIR"] = tempfile.mkdtemp(prefix="tutti-test-config-")

# Scripts, not test modules: --doctest-modules would import them as top-level modules.
collect_ignore = ["bench/run.py", "bench/generate.py", "reliability/saving_child.py"]


def pytest_configure(config):
    try:
        from PySide6.QtCore import QStandardPaths
    except ImportError:
        return
    QStandardPaths.setTestModeEnabled(True)


def pytest_addoption(parser):
    parser.addoption("--soak", action="store_true", default=False, help="run reliability tests at soak strength (slow)")


class PageHelpers:
    """What page tests do again and again, in one place: show a page, read its current entity, type, click."""

    def __init__(self, qtbot):
        self.qtbot = qtbot

    def show(self, page_type, document):
        """A page of `page_type` over `document`, shown at the window's default size."""
        page = page_type(document)
        self.qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        return page

    def current(self, page, table: str):
        """The entity of `table` selected on the page."""
        return page.document.plan.table(table)[page.current_key()]

    def type_into(self, line_edit, text: str) -> None:
        """Replace a line edit's text by typing, and press Return."""
        from PySide6.QtCore import Qt

        line_edit.setFocus()
        line_edit.selectAll()
        self.qtbot.keyClicks(line_edit, text)
        self.qtbot.keyClick(line_edit, Qt.Key.Key_Return)

    def titled(self, window, title: str):
        """The main window's page with this title."""
        return next(page for page in window.pages if page.title == title)

    def show_in(self, window, title: str):
        """Show the main window's page with this title (as the sidebar does) and return it."""
        page = self.titled(window, title)
        window.show_page(window.pages.index(page))
        self.qtbot.wait(10)
        return page

    def centre_of(self, page, key):
        """Where a node of the Network page's picture is, in canvas viewport coordinates."""
        return page.canvas.mapFromScene(page.scene.nodes[key].sceneBoundingRect().center())


@pytest.fixture
def pages(qtbot) -> PageHelpers:
    """The page-test helpers (see PageHelpers)."""
    return PageHelpers(qtbot)
