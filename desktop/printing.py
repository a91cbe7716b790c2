"""Writing the printed plan to a PDF file, for the window and the command line alike (no Qt here)."""

from __future__ import annotations

from pathlib import Path

from domain.plan import Plan
from storage.files import write_atomically


def write_pdf(plan: Plan, path: str | Path, options, progress=None) -> None:
    """Print the plan to `path` through the one atomic writer: a failed or cancelled export leaves no
    half PDF and no temp file, and an existing file is replaced only when the new one is complete.
    Raises FileError, ExportCancelled or ValueError."""
    from views.pdf.render import export_pdf

    write_atomically(path, lambda out: export_pdf(plan, out, options, progress=progress))
