"""The `tutti` command: starts the app, or works on plan files from the shell without Qt."""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # argparse loads only for a command: `tutti` alone opens the window without it
    import argparse

COMMANDS = ("new", "import", "dump", "check", "analyze", "export", "desktop-install", "desktop-uninstall")

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE = 0, 1, 2


def tutti_version() -> str:
    """The installed version of Tutti."""
    from importlib.metadata import PackageNotFoundError, version  # here: `tutti` opens the window without it

    try:
        return version("tutti-planner")
    except PackageNotFoundError:
        return "0.0.0+source"


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

    imp = commands.add_parser("import", help="turn a Tutti JSON plan into a .tutti file")
    imp.add_argument("json_file", type=Path, metavar="PLAN.json")
    imp.add_argument("file", type=Path, metavar="FILE.tutti")
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

    export = commands.add_parser("export", help="print the orchestration plan as PDF")
    export.add_argument("file", type=Path, metavar="FILE.tutti")
    export.add_argument("--pdf", type=Path, required=True, metavar="OUT.pdf")
    export.add_argument("--paper", choices=("a4", "letter"), default="a4")
    export.add_argument(
        "--team", action="append", default=[], metavar="NAME", help="only this team's handout (repeatable)"
    )
    export.add_argument("--handouts-only", action="store_true", help="only the per-team handouts")

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
    from storage.project_file import FileError, save_plan

    try:
        save_plan(plan, path)
    except FileError as error:
        raise CommandError(str(error)) from None


def cmd_new(args) -> int:
    from domain.plan import new_plan
    from storage.demo import demo_plan

    _refuse_existing(args.file, args.force)
    plan = demo_plan() if args.demo else new_plan()
    _save(plan, args.file)
    print(f"Created {args.file}" + (" with the demo plan" if args.demo else ""))
    return EXIT_OK


def cmd_import(args) -> int:
    from domain.wording import plan_counts
    from storage.exchange import ExchangeError, read_json_file

    _refuse_existing(args.file, args.force)
    try:
        plan = read_json_file(args.json_file)
    except ExchangeError as error:
        raise CommandError(str(error)) from None
    _save(plan, args.file)
    print(f"Imported {args.json_file} into {args.file}: {plan_counts(plan)}")
    return EXIT_OK


def cmd_dump(args) -> int:
    from storage.exchange import dumps

    text = dumps(_load(args.file))
    if args.output is None:
        sys.stdout.write(text)
    else:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{args.output}: {error.strerror or error}") from None
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
    from views.pdf.render import ExportOptions, export_pdf_file

    plan = _load(args.file)
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
        export_pdf_file(plan, args.pdf, options)
    except OSError as error:
        raise CommandError(f"{args.pdf}: {error.strerror or error}") from None
    finally:
        if collecting:
            gc.enable()
    print(f"Wrote {args.pdf}")
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
