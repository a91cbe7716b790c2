"""The `tutti` command: starts the app, or works on plan files from the shell without Qt."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop import cli_files, cli_travel
from desktop.cli_support import EXIT_OK, EXIT_UNREADABLE, CommandError
from desktop.version import tutti_version

if TYPE_CHECKING:  # argparse loads only for a command: `tutti` alone opens the window without it
    import argparse

COMMANDS = (
    "new",
    "import",
    "dump",
    "check",
    "analyze",
    "baseline",
    "export",
    "diff",
    "merge",
    "log",
    "compact",
    "desktop-install",
    "desktop-uninstall",
)

DEFAULT_KEEP = 20  # saves `tutti compact` keeps the deltas of


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="tutti",
        description="Tutti plans cross-functional work. Without a command it opens the app "
        "(on FILE if given, else on the demo project).",
        epilog="Run 'tutti COMMAND --help' for the options of each command.",
    )
    parser.add_argument("--version", action="version", version=f"tutti {tutti_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser("new", help="create an empty project file, or the demo")
    new.add_argument("file", type=Path, help="the .tutti file to create")
    new.add_argument("--demo", action="store_true", help="fill it with the demo plan")
    new.add_argument("--force", action="store_true", help="replace the file if it exists")

    imp = commands.add_parser(
        "import",
        help="make a plan from Tutti JSON, an .xlsx workbook, CSV files or MS Project XML, or add it to one",
        description="SOURCE is recognised by its content: Tutti JSON, an .xlsx workbook, a CSV file (or a folder "
        "of them) or MS Project XML. Rows are linked by name; refused cells are listed one per line.",
    )
    imp.add_argument("source", type=Path, metavar="SOURCE")
    imp.add_argument("file", type=Path, nargs="?", metavar="FILE.tutti", help="the new plan file to create")
    imp.add_argument("--into", type=Path, metavar="FILE.tutti", help="add and update rows of this existing plan")
    imp.add_argument("--dry-run", action="store_true", help="with --into: say what would change, change nothing")
    imp.add_argument("--accept-valid", action="store_true", help="import the valid rows even if some are refused")
    imp.add_argument("--force", action="store_true", help="replace FILE.tutti if it exists")

    dump = commands.add_parser("dump", help="write a .tutti file as Tutti JSON")
    dump.add_argument("file", type=Path, metavar="FILE.tutti")
    dump.add_argument("-o", "--output", type=Path, metavar="PLAN.json", help="write here instead of to stdout")

    check = commands.add_parser(
        "check", help="list the plan's problems (exit 0: none, 1: problems, 2: unreadable file)"
    )
    check.add_argument("file", type=Path, metavar="FILE.tutti")

    analyze = commands.add_parser("analyze", help="schedule, alignment, silos, skill gaps, load and findings")
    analyze.add_argument("file", type=Path, metavar="FILE.tutti")
    analyze.add_argument("--json", action="store_true", help="print the analysis as JSON")

    baseline = commands.add_parser(
        "baseline", help="keep the current schedule in the file as a baseline, or list the baselines kept"
    )
    baseline.add_argument("file", type=Path, metavar="FILE.tutti")
    baseline.add_argument(
        "--set", nargs="?", const="", default=None, metavar="NAME", help="keep the schedule now (named NAME)"
    )

    export = commands.add_parser(
        "export", help="print the plan as PDF, or write it as a workbook, CSV files or MS Project XML"
    )
    export.add_argument("file", type=Path, metavar="FILE.tutti")
    export.add_argument(
        "--pdf",
        type=Path,
        metavar="OUT.pdf",
        help="the orchestration plan, printed (the team handouts are a document of their own: --handouts-only)",
    )
    export.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="every sheet, plus the schedule and load")
    export.add_argument("--csv", type=Path, metavar="DIR", help="one CSV file per sheet in this folder")
    export.add_argument("--mspdi", type=Path, metavar="OUT.xml", help="MS Project XML with Tutti's schedule")
    export.add_argument("--capture", type=Path, metavar="OUT.xlsx", help="a workshop workbook, one sheet per team")
    export.add_argument("--paper", choices=("a4", "a3", "letter"), default="a4")
    export.add_argument(
        "--sections",
        metavar="LIST",
        help="what to print, comma-separated, from cover,summary,goals,score,wallchart,network,skills,raci,"
        "handouts,appendix (default: all but wallchart, the poster, and handouts)",
    )
    export.add_argument(
        "--changes-since",
        metavar="REV",
        help="add what changed since revision REV (an id or its start, from tutti log); handouts mark new "
        "and changed items",
    )
    export.add_argument("--from", dest="start", metavar="DATE", help="the time charts start here (YYYY-MM-DD)")
    export.add_argument("--to", dest="end", metavar="DATE", help="the time charts end here (YYYY-MM-DD)")
    export.add_argument(
        "--team", action="append", default=[], metavar="NAME", help="only this team's handout (repeatable)"
    )
    export.add_argument(
        "--handouts-only",
        action="store_true",
        help="the team handouts instead of the plan, each from an odd page for double-sided printing",
    )

    diff = commands.add_parser(
        "diff", help="list what changed from A to B (exit 0: the same plan, 1: different, 2: unreadable file)"
    )
    diff.add_argument("a", type=Path, metavar="A.tutti")
    diff.add_argument("b", type=Path, metavar="B.tutti")
    diff.add_argument("--json", action="store_true", help="print the differences as JSON")

    merge = commands.add_parser(
        "merge",
        help="merge the changes of two copies of one plan into a new file "
        "(exit 0: merged, 1: conflicts and nothing written, 2: unreadable file)",
    )
    merge.add_argument("mine", type=Path, metavar="MINE.tutti")
    merge.add_argument("theirs", type=Path, metavar="THEIRS.tutti")
    merge.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.tutti")
    merge.add_argument("--base", type=Path, metavar="BASE.tutti", help="the copy both were made from")
    merge.add_argument("--prefer", choices=("mine", "theirs"), help="resolve every conflict this way")
    merge.add_argument("--json", action="store_true", help="print conflicts and merged changes as JSON")
    merge.add_argument("--force", action="store_true", help="replace OUT.tutti if it exists")

    log = commands.add_parser("log", help="list the saved revisions of a plan file, newest first")
    log.add_argument("file", type=Path, metavar="FILE.tutti")

    compact = commands.add_parser(
        "compact", help="drop the old history of a plan file (the revisions stay listed, so copies still match)"
    )
    compact.add_argument("file", type=Path, metavar="FILE.tutti")
    compact.add_argument(
        "--keep",
        type=int,
        default=DEFAULT_KEEP,
        metavar="N",
        help=f"keep what rebuilds the plan of the N most recent saves (default {DEFAULT_KEEP})",
    )

    commands.add_parser(
        "desktop-install", help="add Tutti to this user's app menu and open .tutti files with it (Linux)"
    )
    commands.add_parser("desktop-uninstall", help="remove what desktop-install added")
    return parser


def _desktop_integration():
    if sys.platform in ("win32", "darwin"):
        raise CommandError("desktop-install and desktop-uninstall are for Linux desktops (freedesktop.org)")
    from desktop import integration

    return integration


def cmd_desktop_install(args) -> int:
    integration = _desktop_integration()
    try:
        written = integration.install()
    except OSError as error:
        raise CommandError(f"{integration.data_home()}: {error.strerror or error}") from None
    for path in written:
        print(f"Wrote {path}")
    return EXIT_OK


def cmd_desktop_uninstall(args) -> int:
    integration = _desktop_integration()
    try:
        removed = integration.uninstall()
    except OSError as error:
        raise CommandError(f"{integration.data_home()}: {error.strerror or error}") from None
    for path in removed:
        print(f"Removed {path}")
    if not removed:
        print(f"Nothing to remove in {integration.data_home()}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run `tutti` with the given arguments; returns the exit code."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or not (argv[0] in COMMANDS or argv[0].startswith("-")):
        from desktop.app import run_app

        return run_app(argv)
    args = _parser().parse_args(argv)
    if args.command is None:
        from desktop.app import run_app

        return run_app([])
    name = f"cmd_{args.command.replace('-', '_')}"
    handler = next(
        getattr(module, name) for module in (cli_files, cli_travel, sys.modules[__name__]) if hasattr(module, name)
    )
    try:
        return handler(args)
    except CommandError as error:
        print(f"tutti: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
