"""`tutti` commands on one plan file: new, import, dump, check, analyze, baseline, export."""

from __future__ import annotations

import json
import sys

from desktop.cli_support import (
    EXIT_OK,
    EXIT_PROBLEMS,
    CommandError,
    load,
    open_file,
    refuse_existing,
    save,
    without_cycle_collection,
)


def cmd_new(args) -> int:
    from domain.plan import new_plan
    from storage.demo import demo_plan

    refuse_existing(args.file, args.force)
    plan = demo_plan() if args.demo else new_plan()
    save(plan, args.file)
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
        refuse_existing(args.file, args.force)
    opened = open_file(args.into) if args.into is not None else None
    target: Plan | None = opened.plan if opened is not None else None
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
        save(outcome.plan, args.file)
        print(f"Imported {args.source} into {args.file}: {plan_counts(outcome.plan)}")
    elif not outcome.change.edits:
        print(f"Nothing to change: {args.into} is left as it was.")
    else:
        operations.redo(target, outcome.change)
        save(target, args.into, opened.history)
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

    text = dumps(load(args.file))
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

    plan = load(args.file)
    problems = validate(plan)
    for problem in problems:
        print(f"{problem.severity}: {problem.message}")
    errors = sum(p.severity == "error" for p in problems)
    print(f"{args.file}: {plan_counts(plan)}; {counted(errors, 'error')}, {counted(len(problems) - errors, 'warning')}")
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_analyze(args) -> int:
    from domain.analysis.engine import analysis_to_json, analyze
    from views.text_report import text_report

    plan = load(args.file)
    analysis = analyze(plan)
    if args.json:
        json.dump(analysis_to_json(plan, analysis), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(text_report(plan, analysis))
    return EXIT_OK


def cmd_baseline(args) -> int:
    from domain.analysis.gates import baseline_now
    from domain.analysis.schedule import schedule
    from domain.operations import OperationError, set_baseline

    opened = open_file(args.file)
    plan = opened.plan
    if args.set is not None:
        baseline = baseline_now(plan, schedule(plan), args.set)
        try:
            set_baseline(plan, baseline)
        except OperationError as error:
            raise CommandError(f"{args.file}: {error}") from None
        save(plan, args.file, opened.history)
        print(f"{args.file}: baseline '{baseline.name}' keeps the finish of {len(baseline.finishes)} initiatives")
        return EXIT_OK
    for baseline in plan.project.baselines:
        print(f"{baseline.set}  {baseline.name} ({len(baseline.finishes)} initiatives)")
    if not plan.project.baselines:
        print(f"{args.file}: no baseline kept yet (set one with --set)")
    return EXIT_OK


def cmd_export(args) -> int:
    from storage.files import FileError

    outputs = [name for name in ("pdf", "xlsx", "csv", "mspdi", "capture") if getattr(args, name) is not None]
    if not outputs:
        raise CommandError("say what to write: --pdf, --xlsx, --csv, --mspdi or --capture")
    if args.changes_since is not None and args.pdf is None:
        raise CommandError("--changes-since goes with --pdf")
    opened = open_file(args.file)
    pdf_options = _pdf_options(opened, args) if args.pdf is not None else None  # refused before writing anything
    try:
        for name in outputs:
            if name == "pdf":
                _export_pdf(opened.plan, args.pdf, pdf_options)
            else:
                globals()[f"_export_{name}"](opened.plan, args)
            print(f"Wrote {getattr(args, name)}")
    except FileError as error:
        raise CommandError(str(error)) from None
    return EXIT_OK


def _day(text: str | None, option: str):
    """A date given on the command line, or None when the option was left out."""
    from datetime import date

    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}: '{text[:40]}' is not a date like 2026-03-31") from None


def _pdf_options(opened, args):
    """The PDF's options from the command line, the file's version stamp and, with --changes-since, the
    plan at that revision; a bad option is a CommandError."""
    from domain.history import revision_named, version_stamp
    from storage.history import ancestor_plan
    from views.pdf.render import SECTIONS, WHOLE_PLAN, ExportOptions, Since

    plan = opened.plan
    since = None
    if args.changes_since is not None:
        try:
            revision = revision_named(opened.history, args.changes_since)
        except LookupError as error:
            raise CommandError(f"{args.file}: {error}") from None
        earlier = ancestor_plan(opened.history, revision.id)
        if earlier is None:
            raise CommandError(
                f"{args.file}: revision '{args.changes_since[:40]}' was compacted away; its plan cannot be rebuilt"
            )
        since = Since(earlier, revision)
    names = {team.name: team.id for team in plan.teams.values()}
    unknown = [name for name in args.team if name not in names]
    if unknown:
        raise CommandError(f"{args.file}: there is no team called '{unknown[0]}'")
    sections = WHOLE_PLAN
    if args.sections is not None:
        sections = tuple(name.strip().lower() for name in args.sections.split(",") if name.strip())
        wrong = [name for name in sections if name not in SECTIONS]
        if wrong or not sections:
            raise CommandError(f"--sections: '{wrong[0][:40] if wrong else ''}' is not one of {','.join(SECTIONS)}")
    if args.team and not args.handouts_only and "handouts" not in sections:
        raise CommandError("--team chooses handouts: add --handouts-only, or handouts to --sections")
    options = ExportOptions(
        paper=args.paper,
        sections=sections,
        teams=tuple(names[name] for name in args.team),
        handouts_only=args.handouts_only,
        start=_day(args.start, "--from"),
        end=_day(args.end, "--to"),
        file_name=args.file.name,
        revision=version_stamp(opened.history),
        since=since,
    )
    if options.start and options.end and options.start > options.end:
        raise CommandError(f"--from {options.start} is after --to {options.end}")
    return options


def _export_pdf(plan, path, options) -> None:
    from desktop.printing import write_pdf

    # The laid-out pages are many objects and little garbage. (The window's export, on a worker thread,
    # leaves the collector on.)
    with without_cycle_collection():
        write_pdf(plan, path, options)


def _export_xlsx(plan, args) -> None:
    from storage.interchange.export import export_xlsx

    export_xlsx(plan, args.xlsx)


def _export_csv(plan, args) -> None:
    from storage.interchange.export import export_csv

    export_csv(plan, args.csv)


def _export_mspdi(plan, args) -> None:
    from storage.interchange.mspdi_writer import export_mspdi

    export_mspdi(plan, args.mspdi)


def _export_capture(plan, args) -> None:
    from storage.interchange.capture import export_capture

    export_capture(plan, args.capture)
