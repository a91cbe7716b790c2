"""Form fields that commit one checked value at a time; naming new entities; the delete question.

A field shows a value without echoing it back (QSignalBlocker) and emits `committed` only with
a value the user finished typing and that passed its check; otherwise it emits `refused` with a
sentence and shows the stored value again, so nothing is half-applied.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QToolButton,
    QWidget,
)

from domain.validation import COLOR


class Field(QWidget):
    """One editable value of an entity."""

    committed = Signal(object)
    refused = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._value = None
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def show_value(self, value) -> None:
        """Show the stored value without emitting anything."""
        self._value = value
        blockers = [QSignalBlocker(w) for w in self.findChildren(QWidget)]
        self._show(value)
        del blockers

    def _show(self, value) -> None:
        raise NotImplementedError

    def _offer(self, value) -> None:
        if value != self._value:
            self.committed.emit(value)

    def _refuse(self, message: str) -> None:
        self.show_value(self._value)
        self.refused.emit(message)


class LineField(Field):
    """A single line of text, checked by `problem(text) -> sentence or None`."""

    def __init__(self, problem: Callable[[str], str | None] | None = None, placeholder: str = "", parent=None):
        super().__init__(parent)
        self.editor = QLineEdit(self)
        self.editor.setPlaceholderText(placeholder)
        self._problem = problem
        self._layout.addWidget(self.editor)
        self.editor.editingFinished.connect(self._finish)

    def _show(self, value) -> None:
        self.editor.setText(value or "")
        self.editor.setCursorPosition(0)

    def _finish(self) -> None:
        text = self.editor.text()
        if text == (self._value or ""):
            return
        if self._problem and (message := self._problem(text)):
            self._refuse(message)
            return
        self._offer(text)


class _PlainTextEdit(QPlainTextEdit):
    focus_lost = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()


class TextField(Field):
    """Several lines of text, committed when the editor loses focus."""

    def __init__(self, lines: int = 3, parent=None):
        super().__init__(parent)
        self.editor = _PlainTextEdit(self)
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(self.editor.fontMetrics().lineSpacing() * lines + 12)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._layout.addWidget(self.editor)
        self.editor.focus_lost.connect(self.finish)

    def _show(self, value) -> None:
        self.editor.setPlainText(value or "")

    def finish(self) -> None:
        """Commit the typed text (called when focus leaves the editor)."""
        if self.editor.toPlainText() != (self._value or ""):
            self._offer(self.editor.toPlainText())


class IntField(Field):
    """A whole number in a range; arrows and Enter commit, not every keystroke."""

    def __init__(self, minimum: int = 0, maximum: int = 1_000_000, suffix: str = "", parent=None):
        super().__init__(parent)
        self.editor = QSpinBox(self)
        self.editor.setRange(minimum, maximum)
        self.editor.setSuffix(suffix)
        self.editor.setKeyboardTracking(False)
        self.editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._layout.addWidget(self.editor)
        self._layout.addStretch()
        self.editor.valueChanged.connect(self._offer)

    def _show(self, value) -> None:
        self.editor.setValue(int(value or 0))


class FloatField(Field):
    """A decimal number in a range."""

    def __init__(self, minimum: float = 0.0, maximum: float = 1e9, suffix: str = "", parent=None):
        super().__init__(parent)
        self.editor = QDoubleSpinBox(self)
        self.editor.setRange(minimum, maximum)
        self.editor.setDecimals(1)
        self.editor.setSuffix(suffix)
        self.editor.setKeyboardTracking(False)
        self.editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        self._layout.addWidget(self.editor)
        self._layout.addStretch()
        self.editor.valueChanged.connect(self._offer)

    def _show(self, value) -> None:
        self.editor.setValue(float(value or 0.0))


def parse_number(text: str, what: str, minimum: float | None = None) -> float | None:
    """The number typed in `text` (None when empty); ValueError with a sentence when it is not one."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what} must be a number, like 12 or 2.5.") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a number, like 12 or 2.5.")
    if minimum is not None and value < minimum:
        raise ValueError(f"{what} cannot be less than {minimum:g}.")
    return value


class NumberField(LineField):
    """An optional number typed as text: empty means 'not set'."""

    def __init__(self, what: str, minimum: float | None = None, placeholder: str = "not set", parent=None):
        super().__init__(placeholder=placeholder, parent=parent)
        self._what = what
        self._minimum = minimum
        self.editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editor.setMaximumWidth(self.editor.fontMetrics().averageCharWidth() * 18)
        self._layout.addStretch()

    def _show(self, value) -> None:
        self.editor.setText("" if value is None else (f"{value:g}"))

    def _finish(self) -> None:
        try:
            value = parse_number(self.editor.text(), self._what, self._minimum)
        except ValueError as problem:
            self._refuse(str(problem))
            return
        self._offer(value)


class DateField(Field):
    """An optional date: a tick box says whether there is one, a date box with a calendar picks it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.enabled = QCheckBox(self)
        self.enabled.setToolTip("Untick to leave the date open")
        self.editor = QDateEdit(self)
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("yyyy-MM-dd")
        self.editor.setKeyboardTracking(False)
        self.editor.setDateRange(QDate(1900, 1, 1), QDate(2999, 12, 31))
        self.editor.setSpecialValueText("")
        self._layout.addWidget(self.enabled)
        self._layout.addWidget(self.editor)
        self._layout.addStretch()
        self.enabled.toggled.connect(self._toggle)
        self.editor.dateChanged.connect(self._date_changed)

    def _show(self, value: date | None) -> None:
        self.enabled.setChecked(value is not None)
        self.editor.setEnabled(value is not None)
        self.editor.setDate(QDate(value) if value else QDate.currentDate())

    def _toggle(self, on: bool) -> None:
        self.editor.setEnabled(on)
        self._offer(self.editor.date().toPython() if on else None)

    def _date_changed(self, value: QDate) -> None:
        if self.enabled.isChecked() and value.isValid():
            self._offer(value.toPython())


class ChoiceField(Field):
    """One value from a list (a team, a parent goal, a status); None is a choice when offered."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor = QComboBox(self)
        self.editor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.editor.setMinimumContentsLength(16)
        self._layout.addWidget(self.editor, 1)
        self.editor.activated.connect(lambda row: self._offer(self.editor.itemData(row)))

    def set_choices(self, choices: Iterable[tuple[str, object]]) -> None:
        """Replace the list of (label, value) choices, keeping the shown value."""
        with QSignalBlocker(self.editor):
            self.editor.clear()
            for label, value in choices:
                self.editor.addItem(label, value)
        self._show(self._value)

    def _show(self, value) -> None:
        for row in range(self.editor.count()):
            if self.editor.itemData(row) == value:
                self.editor.setCurrentIndex(row)
                return
        self.editor.setCurrentIndex(-1)


class ColorField(Field):
    """A colour as #RRGGBB: typed, or picked from the colour dialog; empty means no colour."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.editor = QLineEdit(self)
        self.editor.setPlaceholderText("#RRGGBB")
        self.editor.setMaximumWidth(self.editor.fontMetrics().averageCharWidth() * 12)
        self.swatch = QToolButton(self)
        self.swatch.setText("Choose…")
        self.swatch.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._layout.addWidget(self.editor)
        self._layout.addWidget(self.swatch)
        self._layout.addStretch()
        self.editor.editingFinished.connect(self._finish)
        self.swatch.clicked.connect(self._pick)

    def _show(self, value) -> None:
        self.editor.setText(value or "")
        self.swatch.setIcon(swatch_icon(value) if value and COLOR.fullmatch(value) else QIcon())

    def _finish(self) -> None:
        text = self.editor.text().strip()
        if text and not COLOR.fullmatch(text):
            self._refuse("A colour is written #RRGGBB, like #3A7BD5.")
            return
        self._offer(text)

    def _pick(self) -> None:
        start = QColor(self._value) if self._value and COLOR.fullmatch(self._value) else QColor("#3a7bd5")
        color = QColorDialog.getColor(start, self, "Team colour")
        if color.isValid():
            self._offer(color.name().upper())


def swatch_icon(color: str) -> QIcon:
    """A small filled square in a colour, with a thin outline so light colours stay visible."""
    from PySide6.QtGui import QPainter, QPixmap

    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#808080"))
    painter.setBrush(QColor(color))
    painter.drawRect(1, 1, 13, 13)
    painter.end()
    return QIcon(pixmap)


class Form(QWidget):
    """Labelled fields for one entity, with one line for the last refusal."""

    edited = Signal(str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.message = MessageLine(self)
        self.layout_.addRow(self.message)
        self.fields: dict[str, Field] = {}

    def add(self, name: str, label: str, field: Field) -> Field:
        """Add a field editing the entity attribute `name`."""
        self.fields[name] = field
        self.layout_.addRow(label, field)
        field.committed.connect(lambda value, name=name: self._commit(name, value))
        field.refused.connect(lambda message, label=label: self.message.show_message(f"{label.rstrip(':')}: {message}"))
        return field

    def _commit(self, name: str, value) -> None:
        self.message.clear_message()
        self.edited.emit(name, value)

    def show_entity(self, entity) -> None:
        """Show an entity's values (or disable the form when there is none)."""
        self.setEnabled(entity is not None)
        for name, field in self.fields.items():
            field.show_value(getattr(entity, name) if entity is not None else None)

    def refuse(self, message: str) -> None:
        self.message.show_message(message)


def plain_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A wrapping label that shows `text` literally, never as markup."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class MessageLine(QWidget):
    """A warning icon and a sentence, shown only while there is something to say."""

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        icon = QLabel(self)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        self.text = QLabel(self)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        layout.addWidget(icon)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_message(self, message: str) -> None:
        self.text.setText(message)
        self.show()

    def clear_message(self) -> None:
        self.text.clear()
        self.hide()


def refill_choices(combo: QComboBox, everything: str, entities: dict) -> None:
    """Offer `everything` (data None) and each entity by name, keeping the choice made if it is still offered."""
    current = combo.currentData()
    combo.clear()
    combo.addItem(everything, None)
    for key, entity in entities.items():
        combo.addItem(entity.name, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))


def new_name(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base 2`, `base 3`... whichever no entity uses yet."""
    used = {name.casefold() for name in taken}
    if base.casefold() not in used:
        return base
    numbers = [int(m.group(1)) for name in used if (m := re.fullmatch(re.escape(base.casefold()) + r" (\d+)", name))]
    return f"{base} {max([1, *numbers]) + 1}"


def ask_to_delete(parent: QWidget, what: str, sentences: list[str]) -> bool:
    """Ask once whether to go on with a delete that also changes other things."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Delete")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(
        f"Delete {what}?\n\n" + "\n".join(f"• {sentence}." for sentence in sentences) + "\n\nYou can undo this."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes
