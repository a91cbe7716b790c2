"""The teams × skills matrix: levels 0-4 as a heat map with the numbers visible, gaps marked."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QTableView,
)

from domain import operations
from domain.entities import MAX_LEVEL
from views.qt.models import literal_tip

GAP_ROLE = Qt.ItemDataRole.UserRole + 2
LEVEL_NAMES = ("none", "aware", "practising", "skilled", "expert")
# Fixed colours so the numbers keep their contrast in light and dark palettes (each pair is above 4.5:1).
HEAT = (
    (QColor("#eceff1"), QColor("#263238")),
    (QColor("#c6dbef"), QColor("#08306b")),
    (QColor("#8fbcdc"), QColor("#08306b")),
    (QColor("#2b6cb0"), QColor("#ffffff")),
    (QColor("#08306b"), QColor("#ffffff")),
)
GAP_COLOR = QColor("#d93025")


class SkillMatrixModel(QAbstractTableModel):
    """Teams as rows, skills as columns; a cell is the team's level in the skill (empty when unknown)."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.teams: list = []
        self.skills: list = []
        self.gaps: dict[tuple, list] = {}
        self._load()
        document.changed.connect(self._on_changed)

    @property
    def plan(self):
        return self.document.plan

    def _load(self) -> None:
        self.teams = list(self.plan.teams)
        self.skills = list(self.plan.skills)

    def cell_key(self, index: QModelIndex) -> tuple:
        return (self.teams[index.row()], self.skills[index.column()])

    def level(self, index: QModelIndex) -> int | None:
        entry = self.plan.team_skills.get(self.cell_key(index))
        return entry.level if entry else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.teams)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.skills)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            level = self.level(index)
            return "" if level is None else str(level)
        if role == Qt.ItemDataRole.EditRole:
            return self.level(index) or 0
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            level = self.level(index)
            if level is None or not 0 <= level <= MAX_LEVEL:
                return None
            return HEAT[level][0 if role == Qt.ItemDataRole.BackgroundRole else 1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == GAP_ROLE:
            return bool(self.gaps.get(self.cell_key(index)))
        if role == Qt.ItemDataRole.ToolTipRole:
            return literal_tip(self._tooltip(index))
        return None

    def _tooltip(self, index: QModelIndex) -> str:
        team_id, skill_id = self.cell_key(index)
        team, skill = self.plan.teams[team_id], self.plan.skills[skill_id]
        entry = self.plan.team_skills.get((team_id, skill_id))
        if entry is None:
            lines = [f"{team.name} — {skill.name}: no level set"]
        else:
            name = LEVEL_NAMES[entry.level] if 0 <= entry.level <= MAX_LEVEL else "invalid"
            lines = [f"{team.name} — {skill.name}: level {entry.level} ({name}), {entry.people} people"]
        for gap in self.gaps.get((team_id, skill_id), [])[:5]:
            initiative = self.plan.initiatives.get(gap.initiative)
            lines.append(f"Gap: '{initiative.name if initiative else '?'}' needs level {gap.required}")
        lines.append("Type 0-4, + or - to change, Delete to clear.")
        return "\n".join(lines)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            name = self.plan.skills[self.skills[section]].name
        else:
            name = self.plan.teams[self.teams[section]].name
        return name if role == Qt.ItemDataRole.DisplayRole else literal_tip(name)

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Set a level 0-4; None clears it."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        step = self._level_step(index, value)
        return step is not None and self.document.run(step)

    def set_levels(self, cells: list[QModelIndex], new_level) -> None:
        """Set each cell to `new_level(its level)` (None clears it), as one undoable edit."""
        steps = [self._level_step(cell, new_level(self.level(cell))) for cell in cells if cell.isValid()]
        self.document.run_many(f"Set {len(cells)} skill levels", [step for step in steps if step is not None])

    def _level_step(self, index: QModelIndex, value):
        """The operation that sets a cell to a level (None clears it); None when it would change nothing."""
        team_id, skill_id = self.cell_key(index)
        if value is None:
            if (team_id, skill_id) not in self.plan.team_skills:
                return None
            return partial(operations.remove_team_skill, team_id=team_id, skill_id=skill_id)
        level = int(value)
        if not 0 <= level <= MAX_LEVEL or level == self.level(index):
            return None
        return partial(operations.set_team_skill, team_id=team_id, skill_id=skill_id, level=level)

    def set_analysis(self, analysis) -> None:
        """Mark the cells of teams that fall short of a level an initiative needs."""
        self.gaps = {}
        for gap in analysis.skill_gaps if analysis else ():
            for team in gap.teams:
                self.gaps.setdefault((team, gap.skill), []).append(gap)
        if self.teams and self.skills:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.teams) - 1, len(self.skills) - 1))

    def _on_changed(self, change) -> None:
        if change is None or change.tables & {"teams", "skills"}:
            if change is not None and list(self.plan.teams) == self.teams and list(self.plan.skills) == self.skills:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(len(self.skills) - 1, 0))
                self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, max(len(self.teams) - 1, 0))
                return
            self.beginResetModel()
            self._load()
            self.endResetModel()
            return
        rows = {team: n for n, team in enumerate(self.teams)}
        columns = {skill: n for n, skill in enumerate(self.skills)}
        for edit in change.edits:
            if edit.table == "team_skills" and edit.key[0] in rows and edit.key[1] in columns:
                cell = self.index(rows[edit.key[0]], columns[edit.key[1]])
                self.dataChanged.emit(cell, cell)


class HeatDelegate(QStyledItemDelegate):
    """Paints the level cell, then a small red corner where the team falls short; edits with a 0-4 box."""

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        if index.data(GAP_ROLE):
            size = max(6.0, option.rect.height() / 3)
            corner = QPointF(option.rect.topRight()) + QPointF(1, 0)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(GAP_COLOR)
            painter.drawPolygon(QPolygonF([corner - QPointF(size, 0), corner, corner + QPointF(0, size)]))
            painter.restore()

    def createEditor(self, parent, option, index):
        editor = QSpinBox(parent)
        editor.setRange(0, MAX_LEVEL)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return editor


class RotatedHeader(QHeaderView):
    """A column header with the names written upwards, so many narrow skill columns stay readable."""

    MAX_TEXT = 180

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        model = self.model()
        widths = (
            [
                self.fontMetrics().horizontalAdvance(str(model.headerData(n, self.orientation()) or ""))
                for n in range(model.columnCount())
            ]
            if model
            else []
        )
        return QSize(hint.width(), min(max(widths, default=40), self.MAX_TEXT) + 16)

    def paintSection(self, painter: QPainter, rect: QRect, section: int) -> None:
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        option.rect = rect
        option.section = section
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        text = str(self.model().headerData(section, self.orientation()) or "")
        metrics = self.fontMetrics()
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.height() - 12)
        painter.translate(rect.center().x() + (metrics.ascent() - metrics.descent()) / 2, rect.bottom() - 6)
        painter.rotate(-90)
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        painter.drawText(0, 0, text)
        painter.restore()


class SkillMatrixView(QTableView):
    """The matrix with keyboard editing: a digit sets the level, + and - step it, Delete clears it."""

    def __init__(self, model: SkillMatrixModel, parent=None):
        super().__init__(parent)
        self.setHorizontalHeader(RotatedHeader(self))
        self.setModel(model)
        self.setItemDelegate(HeatDelegate(self))
        self.setTabKeyNavigation(False)  # arrows move between cells; Tab leaves the matrix
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.horizontalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalHeader().setMinimumSectionSize(self.fontMetrics().height() + 8)

    def keyPressEvent(self, event) -> None:
        key, text = event.key(), event.text()
        if self.state() != QAbstractItemView.State.EditingState:
            if text.isdigit() and 0 <= int(text) <= MAX_LEVEL:
                self._set_selected(lambda level: int(text))
                return
            if text in ("+", "-"):
                step = 1 if text == "+" else -1
                self._set_selected(lambda level: min(MAX_LEVEL, max(0, (level or 0) + step)))
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self._set_selected(lambda level: None)
                return
        super().keyPressEvent(event)

    def _set_selected(self, new_level) -> None:
        self.model().set_levels(self.selectionModel().selectedIndexes() or [self.currentIndex()], new_level)
