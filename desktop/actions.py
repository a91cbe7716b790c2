"""The main window's commands as QActions (text, icon, shortcut, tip) and the icons they use."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QByteArray, QObject, QSize, Qt
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QImage, QKeySequence, QPainter, QPixmap, QUndoStack
from PySide6.QtSvg import QSvgRenderer

ICON_SIZES = (16, 22, 24, 32, 48)


def icon(name: str) -> QIcon:
    """A bundled icon; its lines take the palette's text colour so it reads in light and dark themes."""
    svg = files("resources").joinpath("icons", f"{name}.svg").read_text(encoding="utf-8")
    color = QGuiApplication.palette().windowText().color().name()
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", color).encode("utf-8")))
    result = QIcon()
    ratio = max(1.0, QGuiApplication.primaryScreen().devicePixelRatio() if QGuiApplication.primaryScreen() else 1.0)
    for size in ICON_SIZES:
        image = QImage(QSize(size, size) * ratio, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        result.addPixmap(pixmap)
    return result


def _action(parent: QObject, text: str, icon_name: str | None = None, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, parent)
    if icon_name:
        action.setData(icon_name)
        action.setIcon(icon(icon_name))
    if shortcut is not None:
        shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    if tip:
        action.setStatusTip(tip)
        shortcut_text = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({shortcut_text})" if shortcut_text else tip)
    return action


def _keys(*keys) -> list[QKeySequence]:
    """Key sequences without repeats or blanks, in the given order (the first is the one menus show)."""
    unique: dict[str, QKeySequence] = {}
    for key in keys:
        sequence = QKeySequence(key)
        if not sequence.isEmpty():  # a standard key this platform has no binding for
            unique.setdefault(sequence.toString(), sequence)
    return list(unique.values())


class Actions:
    """Every command of the main window; the window connects them to its slots."""

    def __init__(self, window: QObject, undo_stack: QUndoStack):
        key = QKeySequence.StandardKey
        self.new = _action(window, "&New", "new", key.New, "Start an empty plan")
        self.new_demo = _action(window, "New from &Demo", None, None, "Start from the demo plan")
        self.open = _action(window, "&Open…", "open", key.Open, "Open a plan file")
        self.save = _action(window, "&Save", "save", key.Save, "Save the plan")
        self.save_as = _action(window, "Save &As…", None, key.SaveAs, "Save the plan in another file")
        self.import_file = _action(
            window, "&Import…", None, None, "Import Tutti JSON, a workbook, CSV or MS Project XML, with a preview"
        )
        self.export_json = _action(window, "&Export JSON…", None, None, "Write the plan as Tutti JSON")
        self.export_pdf = _action(window, "Export &PDF…", "pdf", None, "Print the orchestration plan to PDF")
        self.compare = _action(window, "Co&mpare With…", None, None, "List how another copy of the plan differs")
        self.merge = _action(window, "Mer&ge Changes from a Copy…", None, None, "Review and take in a copy's changes")
        self.close = _action(window, "&Close", None, key.Close, "Close the plan and start an empty one")
        self.quit = _action(window, "&Quit", None, _keys(key.Quit, "Ctrl+Q"), "Quit Tutti")
        self.clear_recent = _action(window, "&Clear Menu", None, None, "Forget the recently used files")

        self.undo = undo_stack.createUndoAction(window, "Undo")
        self.undo.setShortcuts(_keys("Ctrl+Z", *QKeySequence.keyBindings(key.Undo)))
        self.undo.setIcon(icon("undo"))
        self.undo.setData("undo")
        self.redo = undo_stack.createRedoAction(window, "Redo")
        # Ctrl+Y as everywhere else, though Qt's standard Redo on Linux is only Ctrl+Shift+Z.
        self.redo.setShortcuts(_keys("Ctrl+Y", "Ctrl+Shift+Z", *QKeySequence.keyBindings(key.Redo)))
        self.redo.setIcon(icon("redo"))
        self.redo.setData("redo")
        self.add = _action(window, "&Add", "add", QKeySequence(Qt.Key.Key_Insert), "Add an item to this view")
        self.duplicate = _action(window, "D&uplicate", "duplicate", "Ctrl+D", "Duplicate the selected item")
        self.delete = _action(window, "&Delete", "delete", key.Delete, "Delete the selected item")
        self.find = _action(window, "&Find", "find", key.Find, "Filter this view")

        self.shortcuts = _action(window, "&Keyboard Shortcuts", None, None, "Every key the window knows")
        self.about = _action(window, "&About Tutti", "about", None, "Version and licence")

    def retint(self) -> None:
        """Redraw the icons in the current palette's colours (after a light/dark switch)."""
        for action in vars(self).values():
            name = action.data()
            if isinstance(name, str) and name:
                action.setIcon(icon(name))
