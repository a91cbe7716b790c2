"""Markup and odd text in every text field of every entity is shown literally: in the cells and tooltips
of every page, in labels and network items, and in the printed PDF."""

from __future__ import annotations

import io
import re

import pytest

from storage.exchange import plan_from_json

# The text fields of each kind of entity in the interchange format (colours, statuses and roles are
# checked values, not free text).
TEXT_FIELDS = {
    "project": ("name", "description"),
    "goals": ("name", "description", "metric", "unit"),
    "teams": ("name", "lead"),
    "skills": ("name", "category", "description"),
    "initiatives": ("name", "description"),
    "handoffs": ("what",),
}
ELLIPSIS = "…"
TAG = re.compile(r"\[[a-z]{2}\d+[a-z]{2,4}\]")


@pytest.fixture(scope="module")
def odd_values(generated_plan_json, odd_texts) -> tuple[dict, dict]:
    """The tiny generated plan with every text field replaced by a tagged odd text; and tag -> value."""
    document = generated_plan_json("tiny", 5)
    values = {}
    number = 0

    def odd(table: str, row: int, field: str) -> str:
        nonlocal number
        number += 1
        tag = f"[{table[:2]}{row}{field[:4]}]"
        values[tag] = f"{tag} {odd_texts[number % len(odd_texts)]}"
        return values[tag]

    for field in TEXT_FIELDS["project"]:
        document["project"][field] = odd("project", 0, field)
    for table, fields in TEXT_FIELDS.items():
        if table != "project":
            for row, entity in enumerate(document[table]):
                entity.update({field: odd(table, row, field) for field in fields})
    return document, values


def shown_as(text: str, rich: bool) -> str:
    """The characters a user sees for a string Qt shows as rich text or as plain text."""
    if not rich:
        return text
    from PySide6.QtGui import QTextDocument

    page = QTextDocument()
    page.setHtml(text)
    return page.toPlainText()


def literal_or_elided(value: str, seen: str) -> bool:
    """True when `seen` holds the value whole, or its start cut off with an ellipsis (long text).
    Runs of whitespace may show as one space or line break (rich-text tooltips collapse them)."""
    value, seen = (" ".join(text.split()) for text in (value, seen))
    if value in seen:
        return True
    cut = re.search(re.escape(value[:12]) + r"[^\n]*?" + ELLIPSIS, seen)
    return cut is not None and value.startswith(cut[0][:-1].rstrip())


def check_literal(values: dict, shown: list[tuple[str, str]]) -> set[str]:
    """Assert every tagged value in what is shown appears literally; return the tags seen."""
    seen = set()
    problems = []
    for where, text in shown:
        for tag in set(TAG.findall(text)):
            if tag in values:
                seen.add(tag)
                if not literal_or_elided(values[tag], text):
                    problems.append(f"{where}: {values[tag][:60]!r} shown as {text[:120]!r}")
    assert problems == []
    return seen


def model_texts(model, where: str) -> list[tuple[str, str]]:
    """The display text and the tooltip (as the user sees it) of every cell of a model, trees included."""
    from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex
    from PySide6.QtGui import Qt  # QtGui's Qt namespace adds mightBeRichText

    flat = isinstance(model, (QAbstractTableModel, QAbstractListModel))
    texts = []
    parents = [(QModelIndex(), 0)]
    while parents:
        parent, depth = parents.pop()
        for row in range(model.rowCount(parent)):
            for column in range(1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)):
                index = model.index(row, column, parent)
                display = model.data(index, Qt.ItemDataRole.DisplayRole)
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(display, str):
                    texts.append((f"{where} cell", display))
                if isinstance(tip, str):
                    texts.append((f"{where} tooltip", shown_as(tip, Qt.mightBeRichText(tip))))
            first = model.index(row, 0, parent)
            if not flat and depth < 20 and model.rowCount(first):
                parents.append((first, depth + 1))
    return texts


def window_texts(window) -> list[tuple[str, str]]:
    """Everything the pages show: model cells and tooltips, labels, and network items' tooltips."""
    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtGui import Qt
    from PySide6.QtWidgets import QGraphicsView, QLabel

    texts = []
    for page in window.pages:
        name = type(page).__name__
        for model in page.findChildren(QAbstractItemModel):
            texts += model_texts(model, name)
        for label in page.findChildren(QLabel) + window.findChildren(QLabel):
            rich = label.textFormat() == Qt.TextFormat.RichText or (
                label.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(label.text())
            )
            texts.append((f"{name} label", shown_as(label.text(), rich)))
        for view in page.findChildren(QGraphicsView):
            if view.scene() is not None:
                texts += [
                    (f"{name} item", shown_as(item.toolTip(), Qt.mightBeRichText(item.toolTip())))
                    for item in view.scene().items()
                    if item.toolTip()
                ]
    return texts


def test_odd_text_is_shown_literally_on_every_page(odd_values, qtbot, tmp_path):
    from desktop.main_window import MainWindow
    from desktop.settings import Settings

    document, values = odd_values
    window = MainWindow(Settings(tmp_path))
    qtbot.addWidget(window)
    window.show()
    window.session.start_new(plan_from_json(document))
    qtbot.waitUntil(lambda: window.analysis is not None, timeout=5000)
    shown = []
    for index, page in enumerate(window.pages):
        window.show_page(index)
        page.repaint()
        shown += window_texts(window)
        for table in TEXT_FIELDS:  # select one of each entity so editors and details fill
            if table != "project" and document[table]:
                page.select(table, document[table][0]["id"])
                shown += window_texts(window)

    seen = check_literal(values, shown)
    names = {f"[{table[:2]}0name]" for table in ("goals", "teams", "skills", "initiatives")}
    assert names <= seen, f"names never shown: {names - seen}"
    kinds_seen = {tag[1:3] for tag in seen}
    assert {"go", "te", "sk", "in", "ha"} <= kinds_seen
    window.close()


def test_odd_text_is_printed_literally_in_the_pdf(odd_values):
    from pypdf import PdfReader

    from views.pdf.render import SECTIONS, ExportOptions, export_pdf

    document, values = odd_values
    out = io.BytesIO()
    export_pdf(plan_from_json(document), out, ExportOptions(file_name="odd.tutti", sections=SECTIONS))
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    flat = "".join(text.split())  # the PDF wraps text over lines, even inside words

    printed = 0
    for tag, value in values.items():
        if not any(m in value for m in ("<b>", "&amp;", "<img", "<i", "Ελληνικά")):
            continue  # emoji and control characters depend on the font's glyphs, not on escaping
        for at in [m.start() for m in re.finditer(re.escape(tag), flat)]:
            printed += 1
            assert printed_literally("".join(value.split()), flat[at : at + len(value) + 80]), (
                f"{value[:60]!r} printed as {flat[at : at + 80]!r}"
            )
    assert printed >= 10, "too little markup text found in the PDF"


def printed_literally(value: str, printed: str) -> bool:
    """The value whole at the start of the printed text, or its start followed by an ellipsis."""
    same = 0
    while same < min(len(value), len(printed)) and value[same] == printed[same]:
        same += 1
    return same == len(value) or printed[same:].lstrip().startswith(ELLIPSIS)
