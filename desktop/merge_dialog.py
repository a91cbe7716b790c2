"""File → Merge changes from a copy…: every incoming change and conflict reviewed, then taken in as one undoable step."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.copies import choose_copy, read_copy, read_opened_copy
from domain.compare import KINDS, PROJECT, Names, entities
from domain.history import History
from domain.merge import Conflict, MergeResult, merge
from domain.merge_choices import Choices, Resolution, apply_choices, editable, typed_value
from domain.plan import Plan
from domain.replacement import replace_plan
from domain.validation import validate
from domain.wording import counted
from views.qt.difference_tree import CONFLICT, MARK, TEXT, ChangeRow, DifferenceTree
from views.qt.forms import plain_label

BASE_CAPTION = "Choose the plan both copies started from (the file you sent out)"
KEEP_MINE, TAKE_THEIRS, TYPE_VALUE = range(3)
PREVIEW_DELAY_MS = 200


@dataclass(frozen=True)
class Sides:
    """The three plans of a merge and what to call them."""

    base: Plan
    mine: Plan
    theirs: Plan
    base_name: str
    mine_name: str
    theirs_name: str


def merge_base(window, copy_path: Path, copy_history: History | None = None) -> tuple[Plan, str] | None:
    """The plan both copies started from, and its name; None when there is none to merge against.

    The last revision the open plan's and the copy's histories share, when they share one whose plan they
    can still rebuild; else the leader picks the file she sent out.
    """
    from storage.history import shared_ancestor

    found = shared_ancestor(window.session.history, copy_history)
    if found is not None and found[1] is not None:
        return found[1], f"revision {found[0][:8]}"
    path = choose_copy(window, BASE_CAPTION)
    if path is None:
        return None
    base = read_copy(window, path)
    return None if base is None else (base, path.name)


def merge_from_copy(window) -> bool:
    """Ask for a copy and the plan it started from, review its changes, and take in what the leader
    keeps as one undoable step named after the copy; False when she cancelled or a file could not be read."""
    path = choose_copy(window, "Merge changes from a copy")
    if path is None:
        return False
    opened = read_opened_copy(window, path)
    if opened is None:
        return False
    theirs = opened.plan
    found = merge_base(window, path, opened.history)
    if found is None:
        return False
    base, base_name = found
    mine = window.document.plan.copy()
    sides = Sides(base, mine, theirs, base_name, window.session.display_name(), path.name)
    dialog = MergeDialog(merge(base, mine, theirs), sides, window)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.resolution is None:
        return False
    label = f"Merge changes from {path.name}"
    steps = [lambda plan: replace_plan(plan, dialog.resolution.plan, label)]
    return window.document.run_many(label, steps, window.session.merging(opened.history))


class ConflictChoice(QWidget):
    """Keep mine, take theirs or (for text and number fields) type a value, for one conflict."""

    def __init__(self, conflict: Conflict, sides: Sides, on_change, parent: QWidget | None = None):
        super().__init__(parent)
        self.conflict = conflict
        self.combo = QComboBox(self)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.addItem(f"Keep mine: {_shown(conflict, conflict.mine, sides)}{_by(conflict, sides, True)}")
        self.combo.addItem(f"Take theirs: {_shown(conflict, conflict.theirs, sides)}{_by(conflict, sides, False)}")
        self.edit = QLineEdit(self)
        if editable(conflict):
            self.combo.addItem("Type a value")
            start = conflict.theirs if conflict.theirs is not None else conflict.mine
            self.edit.setText(f"{start:g}" if isinstance(start, float) else str(start))
        self.edit.setEnabled(False)
        self.edit.setVisible(editable(conflict))
        self.edit.setPlaceholderText("Your value")
        self.edit.setMinimumWidth(160)
        self.combo.currentIndexChanged.connect(lambda index: self.edit.setEnabled(index == TYPE_VALUE))
        self.combo.currentIndexChanged.connect(on_change)
        self.edit.textChanged.connect(on_change)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 1, 2, 1)
        layout.addWidget(self.combo)
        layout.addWidget(self.edit)
        layout.addStretch(1)

    def choose(self, choice: int, text: str | None = None) -> None:
        """Pick KEEP_MINE, TAKE_THEIRS or TYPE_VALUE (with its text), as the leader would."""
        self.combo.setCurrentIndex(choice)
        if text is not None:
            self.edit.setText(text)


class MergeDialog(QDialog):
    """Every change a copy brings, grouped by entity: changes ticked to come in, conflicts with a choice.

    `resolution` is the plan to take once the leader presses Merge (None until then). Nothing in the open
    plan changes here; the problems the merged plan would have are shown before she confirms.
    """

    def __init__(self, result: MergeResult, sides: Sides, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Merge Changes from {sides.theirs_name}")
        self.merged, self.sides = result, sides
        self.resolution: Resolution | None = None
        self._known_problems = {(p.table, str(p.key), p.message) for p in validate(sides.mine)}
        brings = [
            counted(len(found), word)
            for found, word in ((result.taken, "change"), (result.conflicts, "conflict"))
            if found
        ]
        intro = (
            f"{sides.theirs_name} brings {' and '.join(brings)}, measured from {sides.base_name}, the plan both "
            "copies started from. Ticked changes come into your plan; untick any you do not want."
            + (" For each conflict, keep your value, take theirs or type your own." if result.conflicts else "")
            + " Nothing changes until you press Merge, and the whole merge is then one step you can undo."
            if brings
            else f"Nothing to merge: {sides.theirs_name} holds no change since {sides.base_name} that your plan "
            "does not have."
        )
        self.intro = plain_label(intro, self)
        self.tree = DifferenceTree(["Change", "What"], self)
        self.tree.setUniformRowHeights(False)
        self.rows: list[ChangeRow] = []
        self.choices: list[ConflictChoice] = []
        self._fill()
        self.tree.itemChanged.connect(lambda *_: self._preview_soon())
        self.tree.setVisible(bool(result.taken or result.conflicts))
        self.problems_title = plain_label("Before you merge:", self)
        self.problems = QListWidget(self)
        self.problems.setMaximumHeight(120)
        self.buttons = QDialogButtonBox(self)
        self.merge_button = self.buttons.addButton("&Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button.setEnabled(bool(result.taken or result.conflicts))
        # Only a deliberate press merges: Enter in the list or in a typed value must not take everything in.
        self.merge_button.setAutoDefault(False)
        self.buttons.accepted.connect(self._merge)
        self.buttons.rejected.connect(self.reject)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.preview)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(980, 600)
        self.preview()

    def _fill(self) -> None:
        """One heading per entity, in the plan's order of kinds; its incoming changes, then its conflicts."""
        names = Names(self.merged.plan, self.sides.mine, self.sides.theirs, self.sides.base)
        grouped: dict[tuple[str, object], list] = {}
        for found in [*self.merged.taken, *self.merged.conflicts]:
            grouped.setdefault((found.kind, found.id), []).append(found)
        rows_of, choice_of = {}, {}
        for kind, key in sorted(grouped, key=lambda entity: KINDS.index(entity[0])):
            heading = self.tree.group("Project" if kind == PROJECT else names.label(kind, key))
            for found in grouped[kind, key]:
                if isinstance(found, Conflict):
                    entity = None if kind == PROJECT else (kind, found.id)
                    row = self.tree.add_row(heading, CONFLICT, found.text, entity)
                    # The choice on a line of its own under the conflict, so the sentence keeps the width.
                    line = QTreeWidgetItem(row)
                    line.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    choice = ConflictChoice(found, self.sides, self._preview_soon)
                    self.tree.setItemWidget(line, TEXT, choice)
                    choice_of[id(found)] = choice
                else:
                    rows_of[id(found)] = self.tree.add_difference(heading, found, checkable=True)
        self.rows = [rows_of[id(difference)] for difference in self.merged.taken]
        self.choices = [choice_of[id(conflict)] for conflict in self.merged.conflicts]
        self.tree.open_groups()

    def current_choices(self) -> Choices:
        """What the leader chose so far; ValueError with a sentence for a typed value that is not one."""
        edited = {}
        for index, choice in enumerate(self.choices):
            if choice.combo.currentIndex() == TYPE_VALUE:
                edited[index] = typed_value(choice.conflict, choice.edit.text())
        return Choices(
            rejected=frozenset(n for n, row in enumerate(self.rows) if row.checkState(MARK) != Qt.CheckState.Checked),
            theirs=frozenset(n for n, c in enumerate(self.choices) if c.combo.currentIndex() == TAKE_THEIRS),
            edited=edited,
        )

    def preview(self) -> Resolution | None:
        """Apply the choices to a copy and list what the leader should know before merging: notes and the
        problems the merged plan would have that her plan does not have now."""
        self.problems.clear()
        try:
            resolution = apply_choices(
                self.merged, self.sides.base, self.sides.mine, self.sides.theirs, self.current_choices()
            )
        except ValueError as error:
            self.problems.addItem(str(error))
            self.merge_button.setEnabled(False)
            return None
        self.merge_button.setEnabled(bool(self.merged.taken or self.merged.conflicts))
        new_problems = [
            problem.message
            for problem in validate(resolution.plan)
            if (problem.table, str(problem.key), problem.message) not in self._known_problems
        ]
        for line in dict.fromkeys([*self.merged.notes, *resolution.notes, *new_problems]):
            self.problems.addItem(line)
        if not self.problems.count():
            self.problems.addItem("No new problems: the merged plan checks out.")
        return resolution

    def _preview_soon(self, *_) -> None:
        self._preview_timer.start()

    def _merge(self) -> None:
        self._preview_timer.stop()
        self.resolution = self.preview()
        if self.resolution is not None:
            self.accept()


def _shown(conflict: Conflict, value, sides: Sides) -> str:
    """A side's value of a conflict in words."""
    if conflict.field is None:
        return "deleted" if value is None else "kept, with its changes"
    names = Names(sides.mine, sides.theirs, sides.base)
    return names.value(conflict.kind, conflict.field, value)


def _by(conflict: Conflict, sides: Sides, mine: bool) -> str:
    """Who holds a side's value and when that entity was last changed, where the plan records it."""
    plan, who = (sides.mine, "you") if mine else (sides.theirs, sides.theirs_name)
    entity = entities(plan, conflict.kind).get(conflict.id) if conflict.kind != PROJECT else None
    stamp = getattr(entity, "modified", "")
    when = f", changed {stamp[:10]} {stamp[11:16]} UTC" if len(stamp) >= 16 else ""
    return f" ({who}{when})"
