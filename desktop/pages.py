"""The window's pages: which there are in sidebar order, which page to ask first to show an entity, and
the pages themselves, each built (and its module imported) the first time it is needed."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class PageKind:
    """A page of the window, known without importing it: its class (by name, as saved settings name it),
    the module that defines the class, its sidebar title and its sidebar icon."""

    name: str
    module: str
    title: str
    icon: str

    def load(self) -> type:
        """The page class (importing its module)."""
        return getattr(import_module(self.module), self.name)


PAGE_KINDS = (
    PageKind("OverviewPage", "views.qt.overview_page", "Overview", "overview"),
    PageKind("GoalsPage", "views.qt.goals_page", "Goals", "goals"),
    PageKind("TeamsPage", "views.qt.teams_page", "Teams", "teams"),
    PageKind("SkillsPage", "views.qt.skills_page", "Skills", "skills"),
    PageKind("InitiativesPage", "views.qt.initiatives_page", "Initiatives", "initiatives"),
    PageKind("ScorePage", "views.qt.score_page", "Score", "score"),
    PageKind("NetworkPage", "views.qt.network_page", "Network", "network"),
)

# For each table, the pages (by class name) to ask first to show its entities, in order of preference.
FIRST_FOR_TABLE = {
    "goals": ("GoalsPage",),
    "teams": ("TeamsPage",),
    "skills": ("SkillsPage",),
    "team_skills": ("SkillsPage", "TeamsPage"),
    "initiatives": ("InitiativesPage",),
    "dependencies": ("InitiativesPage",),
    "handoffs": ("InitiativesPage", "NetworkPage", "TeamsPage"),
}


def asking_order(kinds: Sequence[PageKind], table: str) -> list[int]:
    """Indexes of `kinds` in the order to ask their pages to show an entity of `table`: the pages that
    show it first, in their order of preference, then every other page in sidebar order."""
    preferred = FIRST_FOR_TABLE.get(table, ())

    def rank(index: int) -> int:
        name = kinds[index].name
        return preferred.index(name) if name in preferred else len(preferred) + index

    return sorted(range(len(kinds)), key=rank)


def listing(kinds: Sequence[PageKind], table: str) -> list[int]:
    """Indexes of the pages among `kinds` that show entities of `table` first (see `FIRST_FOR_TABLE`)."""
    preferred = FIRST_FOR_TABLE.get(table, ())
    return [index for index, kind in enumerate(kinds) if kind.name in preferred]


class Pages(Sequence):
    """The window's pages in sidebar order. Asking for one (by index, or by going through them) builds
    it the first time with `build(index)`; `built()` gives only those built so far."""

    def __init__(self, kinds: Sequence[PageKind], build: Callable[[int], object]):
        self.kinds = tuple(kinds)
        self._build = build
        self._pages: list[object | None] = [None] * len(self.kinds)

    def __len__(self) -> int:
        return len(self.kinds)

    def __getitem__(self, index: int):
        if not 0 <= index < len(self):
            raise IndexError(index)
        if self._pages[index] is None:
            self._pages[index] = self._build(index)
        return self._pages[index]

    def index(self, page) -> int:
        """The sidebar index of a page (built by then, since the caller has it)."""
        return self._pages.index(page)

    def built(self) -> list[tuple[int, object]]:
        """(index, page) of each page built so far, in sidebar order."""
        return [(index, page) for index, page in enumerate(self._pages) if page is not None]

    def is_built(self, index: int) -> bool:
        return self._pages[index] is not None
