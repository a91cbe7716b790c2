"""The `tutti` command: starts the app, or works on plan files from the shell without Qt."""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.version import tutti_version

if TYPE_CHECKING:  # argparse loads only for a command: `tutti` alone opens the window without it
    import argparse

COMMANDS = (
    "new",
    "import",
    "dump",
    "check",
    "analyze",
    "export",
    "diff",
    "merge",
    "desktop-install",
    "desktop-uninstall",
)

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


class CommandError(Exception):
    """A command that cannot go on; the message is one line naming the file and the reason."""


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

    export = commands.add_parser(
        "export", help="print the plan as PDF, or write it as a workbook, CSV files or MS Project XML"
    )
    export.add_argument("file", type=Path, metavar="FILE.tutti")
    export.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="the orchestration plan, printed")
    export.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="every sheet, plus the schedule and load")
    export.add_argument("--csv", type=Path, metavar="DIR", help="one CSV file per sheet in this folder")
    export.add_argument("--mspdi", type=Path, metavar="OUT.xml", help="MS Project XML with Tutti's schedule")
    export.add_argument("--capture", type=Path, metavar="OUT.xlsx", help="a workshop workbook, one sheet per team")
    export.add_argument("--paper", choices=("a4", "letter"), default="a4")
    export.add_argument(
        "--team", action="append", default=[], metavar="NAME", help="only this team's handout (repeatable)"
    )
    export.add_argument("--handouts-only", action="store_true", help="only the per-team handouts")

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

    commands.add_parser(
        "desktop-install", help="add Tutti to this user's app menu and open .tutti files with it (Linux)"
    )
    commands.add_parser("desktop-uninstall", help="remove what desktop-install added")
    return parser


def _load(path: Path):
    from storage.project_file import FileError, open_plan

    try:
        return open_plan(path).plan
    except FileError as error:
        raise CommandError(str(error)) from None


def _refuse_existing(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise CommandError(f"{path}: already exists (use --force to replace it)")


def _save(plan, path: Path) -> None:
    """Save a new plan file; a plan open in a Tutti window is never replaced under it."""
    from storage.files import FileError
    from storage.locking import FileInUse, FileLock
    from storage.project_file import save_plan

    lock = FileLock()
    try:
        lock.acquire(path)
    except FileInUse as error:
        raise CommandError(f"{error}; close it there first") from None
    except FileError:
        pass  # no window can hold this lock either; saving says what is wrong, if anything
    try:
        save_plan(plan, path)
    except FileError as error:
        raise CommandError(str(error)) from None
    finally:
        lock.release()


def cmd_new(args) -> int:
    from domain.plan import new_plan
    from storage.demo import demo_plan

    _refuse_existing(args.file, args.force)
    plan = demo_plan() if args.demo else new_plan()
    _save(plan, args.file)
    print(f"Created {args.file}" + (" with the demo plan" if args.demo else ""))
    return EXIT_OK


def cmd_import(args) -> int:
    from domain import operations
    from domain.plan import Plan
    from domain.wording import plan_counts
    from storage.files import FileError
    from storage.interchange.source import new_plan_from, preview, read_source

    if (args.file is None) == (args.into is None):
        raise CommandError("name either a new FILE.tutti to create or an existing one with --into")
    if args.dry_run and args.into is None:
        raise CommandError("--dry-run goes with --into")
    if args.file is not None:
        _refuse_existing(args.file, args.force)
    target: Plan | None = _load(args.into) if args.into is not None else None
    try:
        source = read_source(args.source)
    except FileError as error:
        raise CommandError(str(error)) from None
    outcome = new_plan_from(source) if target is None else preview(source, target)
    for line in _import_report(source, outcome, dry_run=args.dry_run, new=target is None):
        print(line)
    if outcome.refused and not args.accept_valid:
        print("Nothing imported: correct the refused cells, or import the valid rows with --accept-valid.")
        return EXIT_PROBLEMS
    if args.dry_run:
        print("Dry run: nothing changed.")
        return EXIT_OK
    if target is None:
        _save(outcome.plan, args.file)
        print(f"Imported {args.source} into {args.file}: {plan_counts(outcome.plan)}")
    elif not outcome.change.edits:
        print(f"Nothing to change: {args.into} is left as it was.")
    else:
        operations.redo(target, outcome.change)
        _save(target, args.into)
        print(f"Saved {args.into}")
    return EXIT_OK


MAX_LISTED = 200  # refused cells and changes printed; the rest are counted


def _import_report(source, outcome, dry_run: bool, new: bool) -> list[str]:
    """What the import refused, noted and (into an existing plan) would change, one item per line."""
    from domain.operations import KIND_NAMES
    from domain.wording import counted

    lines = [] if new else [f"Read {source.path} ({source.format})"]
    changes = [] if new else outcome.changes  # a new plan has nothing to change: its project is set from the file
    for title, items in (("Refused", outcome.refused), ("Note", outcome.notes), ("Changed", changes)):
        lines += [f"  {title}: {item}" for item in items[:MAX_LISTED]]
        if len(items) > MAX_LISTED:
            lines.append(f"  {title}: … and {len(items) - MAX_LISTED:,} more")

    def summary(counts) -> str:
        parts = [counted(n, *KIND_NAMES.get(t, (t, t))) for t, n in counts.items() if n]
        return ", ".join(parts) or "nothing"

    if not new:
        verb = ("would add", "would change", "would remove") if dry_run else ("added", "changed", "removed")
        lines.append(
            f"{verb[0].capitalize()}: {summary(outcome.added)}; {verb[1]}: {summary(outcome.changed)}; "
            f"{verb[2]}: {summary(outcome.removed)}; left alone: {summary(outcome.unchanged)}"
        )
    if outcome.refused:
        lines.append(f"Refused: {counted(len(outcome.refused), 'cell')} in {counted(outcome.refused_rows, 'row')}")
    return lines


def cmd_dump(args) -> int:
    from storage.exchange import dumps
    from storage.files import FileError, write_atomically

    text = dumps(_load(args.file))
    if args.output is None:
        sys.stdout.write(text)
    else:
        try:
            write_atomically(args.output, text.encode("utf-8"))
        except FileError as error:
            raise CommandError(str(error)) from None
    return EXIT_OK


def cmd_check(args) -> int:
    from domain.validation import validate
    from domain.wording import counted, plan_counts

    plan = _load(args.file)
    problems = validate(plan)
    for problem in problems:
        print(f"{problem.severity}: {problem.message}")
    errors = sum(p.severity == "error" for p in problems)
    print(f"{args.file}: {plan_counts(plan)}; {counted(errors, 'error')}, {counted(len(problems) - errors, 'warning')}")
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_analyze(args) -> int:
    from domain.analysis.engine import analysis_to_json, analyze
    from views.text_report import text_report

    plan = _load(args.file)
    analysis = analyze(plan)
    if args.json:
        json.dump(analysis_to_json(plan, analysis), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text_report(plan, analysis))
    return EXIT_OK


def cmd_export(args) -> int:
    from storage.files import FileError

    outputs = [name for name in ("pdf", "xlsx", "csv", "mspdi", "capture") if getattr(args, name) is not None]
    if not outputs:
        raise CommandError("say what to write: --pdf, --xlsx, --csv, --mspdi or --capture")
    plan = _load(args.file)
    try:
        for name in outputs:
            globals()[f"_export_{name}"](plan, args)
            print(f"Wrote {getattr(args, name)}")
    except FileError as error:
        raise CommandError(str(error)) from None
    return EXIT_OK


def _export_pdf(plan, args) -> None:
    from desktop.printing import write_pdf
    from views.pdf.render import ExportOptions

    names = {team.name: team.id for team in plan.teams.values()}
    unknown = [name for name in args.team if name not in names]
    if unknown:
        raise CommandError(f"{args.file}: there is no team called '{unknown[0]}'")
    options = ExportOptions(
        paper=args.paper,
        teams=tuple(names[name] for name in args.team),
        handouts_only=args.handouts_only,
        file_name=args.file.name,
    )
    # `tutti export` does nothing else meanwhile, so the collector may rest: its passes over the plan and
    # the laid-out pages would free next to nothing. (The window's export, on a worker thread, leaves it on.)
    collecting = gc.isenabled()
    gc.disable()
    try:
        write_pdf(plan, args.pdf, options)
    finally:
        if collecting:
            gc.enable()


def _export_xlsx(plan, args) -> None:
    from storage.interchange.export import export_xlsx

    export_xlsx(plan, args.xlsx)


def _export_csv(plan, args) -> None:
    from storage.interchange.export import export_csv

    export_csv(plan, args.csv)


def _export_mspdi(plan, args) -> None:
    from storage.interchange.mspdi import export_mspdi

    export_mspdi(plan, args.mspdi)


def _export_capture(plan, args) -> None:
    from storage.interchange.capture import export_capture

    export_capture(plan, args.capture)


def cmd_diff(args) -> int:
    from domain.compare import compare, difference_to_json

    differences = compare(_load(args.a), _load(args.b))
    if args.json:
        json.dump([difference_to_json(d) for d in differences], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif differences:
        sys.stdout.writelines(f"{d.text}\n" for d in differences)
    else:
        print(f"{args.a} and {args.b} hold the same plan")
    return EXIT_PROBLEMS if differences else EXIT_OK


def cmd_merge(args) -> int:
    from domain.compare import difference_to_json
    from domain.merge import conflict_to_json, merge
    from domain.wording import counted

    if args.base is None:  # the files' history will name the common ancestor; until then the user does
        raise CommandError("MINE and THEIRS share no recorded history; give --base")
    for path in (args.mine, args.theirs, args.base):
        if args.output.exists() and path.exists() and args.output.samefile(path):
            raise CommandError(f"{args.output}: is one of the files being merged; write the merge to a new file")
    _refuse_existing(args.output, args.force)
    base, mine, theirs = _load(args.base), _load(args.mine), _load(args.theirs)
    result = merge(base, mine, theirs, args.prefer)
    written = not result.conflicts or args.prefer is not None
    if written:
        _save(result.plan, args.output)
    if args.json:
        report = {
            "written": str(args.output) if written else None,
            "conflicts": [conflict_to_json(c) for c in result.conflicts],
            "notes": result.notes,
            "taken": [difference_to_json(d) for d in result.taken],
        }
        json.dump(report, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_OK if written else EXIT_PROBLEMS
    for conflict in result.conflicts:
        print(f"conflict: {conflict.text}" + (f" (took {conflict.taken})" if written else ""))
    for note in result.notes:
        print(f"note: {note}")
    changes = counted(len(result.taken), "change")
    if not written:
        print(f"{counted(len(result.conflicts), 'conflict')}; nothing written (use --prefer mine or --prefer theirs)")
        return EXIT_PROBLEMS
    print(f"Wrote {args.output}: {args.mine} with {changes} merged in from {args.theirs}")
    return EXIT_OK


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
    handler = globals()[f"cmd_{args.command.replace('-', '_')}"]
    try:
        return handler(args)
    except CommandError as error:
        print(f"tutti: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
