"""The window's pages: which there are in sidebar order, their icons, and which page to ask first to show an entity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class PageKind:
    """A page of the window: its class and its sidebar icon."""

    type: type
    icon: str


@dataclass(frozen=True)
class Pages:
    """The page kinds in sidebar order, and for each table the page classes to ask first to show its entities."""

    kinds: tuple[PageKind, ...]
    first_for_table: dict[str, tuple[type, ...]]


@cache
def known_pages() -> Pages:
    """The main window's pages (the views load when the first window is built, not at import)."""
    from views.qt.goals_page import GoalsPage
    from views.qt.initiatives_page import InitiativesPage
    from views.qt.network_page import NetworkPage
    from views.qt.overview_page import OverviewPage
    from views.qt.score_page import ScorePage
    from views.qt.skills_page import SkillsPage
    from views.qt.teams_page import TeamsPage

    return Pages(
        kinds=(
            PageKind(OverviewPage, "overview"),
            PageKind(GoalsPage, "goals"),
            PageKind(TeamsPage, "teams"),
            PageKind(SkillsPage, "skills"),
            PageKind(InitiativesPage, "initiatives"),
            PageKind(ScorePage, "score"),
            PageKind(NetworkPage, "network"),
        ),
        first_for_table={
            "goals": (GoalsPage,),
            "teams": (TeamsPage,),
            "skills": (SkillsPage,),
            "team_skills": (SkillsPage, TeamsPage),
            "initiatives": (InitiativesPage,),
            "dependencies": (InitiativesPage,),
            "handoffs": (InitiativesPage, NetworkPage, TeamsPage),
        },
    )


def default_page_types() -> list[type]:
    """The pages of the main window, in sidebar order."""
    return [kind.type for kind in known_pages().kinds]


def page_icon(page_type: type) -> str:
    """The name of a page's sidebar icon (the overview's for a page the window does not know)."""
    return next((kind.icon for kind in known_pages().kinds if kind.type is page_type), "overview")


def asking_order(pages: Sequence[object], table: str) -> list[int]:
    """Indexes of `pages` in the order to ask them to show an entity of `table`: the pages that show it
    first, in their order of preference, then every other page in sidebar order."""
    preferred = known_pages().first_for_table.get(table, ())

    def rank(index: int) -> int:
        kind = type(pages[index])
        return preferred.index(kind) if kind in preferred else len(preferred) + index

    return sorted(range(len(pages)), key=rank)


def pages_listing(pages: Sequence[object], table: str) -> list[object]:
    """The pages among `pages` that show entities of `table` first (see `Pages.first_for_table`)."""
    listing = known_pages().first_for_table.get(table, ())
    return [page for page in pages if type(page) in listing]
