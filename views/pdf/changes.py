"""The section "What changed since …": every change from an earlier revision of the file, grouped by kind
of entity, in the words `tutti diff` uses."""

from __future__ import annotations

from domain.compare import KINDS, kind_title
from domain.wording import counted
from views.pdf.context import Context
from views.pdf.document import Heading, Subheading, kept
from views.pdf.styles import styles
from views.pdf.tables import Row, RowTable, columns
from views.pdf.text import markup


def title(revision) -> str:
    """'What changed since 3f9a2c1d (2026-11-30, Ben)'."""
    return f"What changed since {revision.short_id} ({revision.saved[:10]}, {revision.author or 'unknown author'})"


def changes_since(context: Context, since) -> list:
    """The changes from `since.plan` (the plan at `since.revision`) to the plan printed."""
    s, width = styles(), context.portrait[0]
    differences = context.differences
    story: list = [
        Heading(title(since.revision), "h1", "changes", section="What changed"),
        markup(
            f"{counted(len(differences), 'change')} since revision {since.revision.short_id}, saved "
            f"{since.revision.saved.replace('T', ' ').rstrip('Z')} UTC, in the words of tutti diff."
            if differences
            else f"Nothing changed since revision {since.revision.short_id}.",
            s["muted"],
        ),
    ]
    for kind in KINDS:
        of_kind = [d for d in differences if d.kind == kind]
        if of_kind:
            story += kept(Subheading(f"{kind_title(kind)} ({len(of_kind)})"))
            story.append(
                RowTable(
                    ["Change", "What"],
                    [Row([d.change, d.text], wrap=(1,), max_lines=3) for d in of_kind],
                    columns(width, (0.12, 0.88)),
                )
            )
    return story
