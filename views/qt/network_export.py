"""The Network page's picture saved whole, with its legend: a PNG image or an SVG drawing (text stays text)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QFileDialog, QWidget

from views.qt.network_legend import paint_legend
from views.qt.network_scene import NetworkScene

EXPORT_MAX_SIDE = 6000


def export_png(scene: NetworkScene, path: str, background: QColor) -> bool:
    """Save the whole picture, with its legend, as a PNG image at most EXPORT_MAX_SIDE pixels across."""
    rect, scale = _area(scene)
    image = QImage(
        QSize(max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale))), QImage.Format_RGB32
    )
    image.fill(background)
    painter = QPainter(image)
    _paint(scene, painter, rect, QRectF(image.rect()))
    painter.end()
    return image.save(path, "PNG")


def export_svg(scene: NetworkScene, path: str) -> bool:
    """Save the whole picture, with its legend, as an SVG drawing."""
    from PySide6.QtSvg import QSvgGenerator

    rect, _ = _area(scene)
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(rect.size().toSize())
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle("Tutti network")
    painter = QPainter()
    if not painter.begin(generator):
        return False
    _paint(scene, painter, rect, QRectF(0, 0, rect.width(), rect.height()))
    return painter.end()


def ask_export_path(parent: QWidget, kind: str) -> str:
    """Ask where to save a "png" or "svg" export; '' when the user cancels."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        "Export the network",
        f"network.{kind}",
        "PNG image (*.png)" if kind == "png" else "SVG drawing (*.svg)",
    )
    return path


def _area(scene: NetworkScene) -> tuple[QRectF, float]:
    rect = scene.itemsBoundingRect().adjusted(-30, -30, 30, 30)
    return rect, min(1.0, EXPORT_MAX_SIDE / max(rect.width(), rect.height(), 1.0))


def _paint(scene: NetworkScene, painter: QPainter, source: QRectF, target: QRectF) -> None:
    painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
    shown = scene.details
    scene.show_details(True)  # an export shows every name, whatever the zoom on screen
    scene.render(painter, target, source, Qt.KeepAspectRatio)
    scene.show_details(shown)
    paint_legend(painter, scene.legend, QPointF(8, 8))
