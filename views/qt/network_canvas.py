"""The Network page's canvas: a graph picture to zoom (wheel, pinch, + - 0), pan, click and double-click; a busy note."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPalette, QTransform
from PySide6.QtWidgets import QFrame, QGraphicsView, QLabel, QWidget

MIN_SCALE, MAX_SCALE, FIT_MAX_SCALE = 0.02, 4.0, 1.2
READABLE_SCALE = 0.8  # names (9 pt) are easy to read from here up
ZOOM_STEP = 1.25
CLICK_SLOP = 4


class NetworkCanvas(QGraphicsView):
    """The graph canvas: wheel, pinch and +/-/0 zoom, drag to pan, click and double-click on nodes, Enter."""

    clicked = Signal(object)  # node id, or None on empty space
    activated = Signal(object)  # a double-clicked node id, or None for Enter (the selected node)
    zoomed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.DontSavePainterState)
        self.setBackgroundBrush(self.palette().base())
        # `pad` always lets the picture scroll, so the bars are always there; shown from the start, they
        # do not shrink the viewport just after a fit was computed for it.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)
        self.viewport().grabGesture(Qt.PinchGesture)
        self._pressed: QPoint | None = None
        self.reserved = QSize(0, 0)
        self.busy = QLabel(self, textFormat=Qt.PlainText, margin=12, frameShape=QFrame.Box)
        self.busy.setAutoFillBackground(True)
        self.busy.setBackgroundRole(QPalette.ToolTipBase)
        self.busy.setForegroundRole(QPalette.ToolTipText)
        self.busy.hide()

    def set_busy(self, note: str | None) -> None:
        """Show a note and a busy pointer while a picture is being made (None: done)."""
        if note is None:
            self.busy.hide()
            self.viewport().unsetCursor()
            return
        self.busy.setText(note)
        self.busy.adjustSize()
        self.busy.move((self.width() - self.busy.width()) // 2, (self.height() - self.busy.height()) // 2)
        self.busy.show()
        self.busy.raise_()
        self.viewport().setCursor(Qt.BusyCursor)

    def changeEvent(self, event) -> None:
        """Qt override: follow the palette between light and dark."""
        if event.type() == QEvent.PaletteChange:
            self.setBackgroundBrush(self.palette().base())
        super().changeEvent(event)

    def node_at(self, position: QPoint) -> str | None:
        """The id of the node under a viewport position."""
        for item in self.items(position):
            while item is not None:
                if isinstance(item.data(0), str):
                    return item.data(0)
                item = item.parentItem()
        return None

    def scale_factor(self) -> float:
        return self.transform().m11()

    def pad(self) -> None:
        """Let the view scroll half a window past the picture's edges, so any node can be centred, and the
        legend's room further up and left, so the whole picture can sit clear of the legend."""
        if self.scene() is None or self.scale_factor() <= 0:
            return
        scale = self.scale_factor()
        dx, dy = self.viewport().width() / 2 / scale, self.viewport().height() / 2 / scale
        left, top = dx + self.reserved.width() / scale, dy + self.reserved.height() / scale
        self.setSceneRect(self.scene().itemsBoundingRect().adjusted(-left, -top, dx, dy))

    def resizeEvent(self, event) -> None:
        """Qt override."""
        super().resizeEvent(event)
        self.pad()

    def zoom(self, factor: float) -> None:
        """Zoom by a factor, within sensible limits."""
        target = min(max(self.scale_factor() * factor, MIN_SCALE), MAX_SCALE)
        if self.scale_factor() > 0:
            factor = target / self.scale_factor()
            self.scale(factor, factor)
            self.pad()
            self.zoomed.emit()

    def set_zoom(self, scale: float) -> None:
        self.zoom(scale / self.scale_factor())

    def fit(self) -> None:
        """Show the whole picture, never enlarged past a readable size, clear of the legend in the corner."""
        if self.scene() is None:
            return
        picture = self.scene().itemsBoundingRect().adjusted(-20, -20, 20, 20)
        # The legend takes the top-left corner: make room for it above the picture or left of it, whichever
        # leaves the picture larger (a tall legend beside a wide window goes left, a wide one above).
        sides = ("top", "left") if not self.reserved.isEmpty() else ("none",)
        fits = [fit for fit in (self._fitted(picture, side) for side in sides) if fit is not None]
        if not fits:
            return
        scale, rect = max(fits, key=lambda fit: fit[0])
        self.setTransform(QTransform.fromScale(scale, scale))
        self.pad()
        self.centerOn(rect.center())
        if self.scale_factor() > FIT_MAX_SCALE:
            self.set_zoom(FIT_MAX_SCALE)
            self.centerOn(rect.center())
        self.zoomed.emit()

    def _fitted(self, picture: QRectF, side: str) -> tuple[float, QRectF] | None:
        """The scale that fits `picture` with room for the legend on `side` ("top", "left" or "none"), and the
        scene rectangle to centre (the picture and the room); None when no room is left for the picture."""
        room = self.reserved
        width = self.viewport().width() - 4 - (room.width() if side == "left" else 0)
        height = self.viewport().height() - 4 - (room.height() if side == "top" else 0)
        if width <= 0 or height <= 0 or picture.width() <= 0 or picture.height() <= 0:
            return None
        scale = min(width / picture.width(), height / picture.height())
        rect = QRectF(picture)
        if side == "top":
            rect.setTop(picture.top() - room.height() / scale)
        elif side == "left":
            rect.setLeft(picture.left() - room.width() / scale)
        return scale, rect

    def fit_readable(self) -> None:
        """Fit the picture, but if its names would be too small to read, zoom until they are readable and
        show its left part (where the plan starts): a small plan is read by scrolling, not squinting."""
        self.fit()
        if self.scale_factor() >= READABLE_SCALE:
            return
        self.set_zoom(READABLE_SCALE)
        rect = self.scene().itemsBoundingRect()
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        # The picture starts right of the legend, so the first initiatives are not hidden behind it.
        left = rect.left() - (20 + self.reserved.width()) / self.scale_factor()
        self.centerOn(left + visible.width() / 2, rect.center().y())

    def wheelEvent(self, event) -> None:
        """Qt override: the wheel zooms around the pointer."""
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(ZOOM_STEP**steps)
        event.accept()

    def keyPressEvent(self, event) -> None:
        """Qt override: + and - zoom, 0 fits the picture to the window."""
        key = event.key()
        if key in (Qt.Key_Plus, Qt.Key_Equal):
            self.zoom(ZOOM_STEP)
        elif key == Qt.Key_Minus:
            self.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key_0:
            self.fit()
        elif key in (Qt.Key_Return, Qt.Key_Enter):
            self.activated.emit(None)
        else:
            super().keyPressEvent(event)

    def viewportEvent(self, event) -> bool:
        """Qt override: pinch on touch screens and trackpads zooms."""
        if event.type() == QEvent.Gesture:
            pinch = event.gesture(Qt.PinchGesture)
            if pinch is not None:
                self.zoom(pinch.scaleFactor())
                event.accept()
                return True
        if event.type() == QEvent.NativeGesture and event.gestureType() == Qt.ZoomNativeGesture:
            self.zoom(1 + event.value())
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event) -> None:
        """Qt override: remember where a press began, to tell a click from a drag."""
        self._pressed = event.position().toPoint() if event.button() == Qt.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        """Qt override."""
        super().mouseReleaseEvent(event)
        position = event.position().toPoint()
        if self._pressed is not None and (position - self._pressed).manhattanLength() <= CLICK_SLOP:
            self.clicked.emit(self.node_at(position))
        self._pressed = None

    def mouseDoubleClickEvent(self, event) -> None:
        """Qt override."""
        key = self.node_at(event.position().toPoint())
        if key is not None and event.button() == Qt.LeftButton:
            self.activated.emit(key)
        else:
            super().mouseDoubleClickEvent(event)
