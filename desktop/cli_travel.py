"""`tutti` commands between copies of a plan and on its history: diff, merge, log, compact."""

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
    write_locked,
)


@without_cycle_collection()
def cmd_diff(args) -> int:
    from domain.compare import compare, difference_to_json

    differences = compare(load(args.a), load(args.b))
    if args.json:
        json.dump([difference_to_json(d) for d in differences], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif differences:
        sys.stdout.writelines(f"{d.text}\n" for d in differences)
    else:
        print(f"{args.a} and {args.b} hold the same plan")
    return EXIT_PROBLEMS if differences else EXIT_OK


@without_cycle_collection()
def cmd_merge(args) -> int:
    from domain.compare import difference_to_json
    from domain.merge import conflict_to_json, merge
    from domain.wording import counted

    for path in (args.mine, args.theirs, args.base):
        if path is not None and args.output.exists() and path.exists() and args.output.samefile(path):
            raise CommandError(f"{args.output}: is one of the files being merged; write the merge to a new file")
    refuse_existing(args.output, args.force)
    mine, theirs = open_file(args.mine), open_file(args.theirs)
    base = load(args.base) if args.base is not None else _shared_ancestor(mine.history, theirs.history)
    result = merge(base, mine.plan, theirs.plan, args.prefer)
    written = not result.conflicts or args.prefer is not None
    if written:
        save(result.plan, args.output, mine.history, theirs.history)
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


def _shared_ancestor(mine, theirs):
    """The plan both copies were made from, found in their histories."""
    from storage.history import shared_ancestor

    found = shared_ancestor(mine, theirs)
    if found is None:
        raise CommandError("MINE and THEIRS share no recorded history; give --base")
    revision, base = found
    if base is None:
        raise CommandError(
            f"MINE and THEIRS were made from revision {revision[:8]}, but its plan was compacted away; give --base"
        )
    return base


def cmd_log(args) -> int:
    from domain.history import newest_first

    opened = open_file(args.file)
    if opened.notice:
        print(f"{args.file}: {opened.notice}", file=sys.stderr)
    if opened.history is None:
        print(f"{args.file}: no recorded history (saved by an older Tutti, or its history was left out)")
        return EXIT_OK
    known = opened.history.revisions
    for revision in newest_first(opened.history):
        merged = " and ".join(known[p].short_id for p in revision.parents)
        merge_note = f" (merge of {merged})" if len(revision.parents) > 1 else ""
        pruned = " [compacted]" if revision.pruned else ""
        print(
            f"{revision.short_id}  {revision.saved.replace('T', ' ').rstrip('Z')}  {_one_line(revision.author)}  "
            f"{_one_line(revision.summary)}{merge_note}{pruned}"
        )
    return EXIT_OK


def _one_line(text: str) -> str:
    """Untrusted text for one line of a terminal: no control characters, cut short."""
    from domain.compare import quoted

    return quoted(text)[1:-1]


def cmd_compact(args) -> int:
    from domain.history import compacted
    from storage.project_file import write_plan

    if args.keep < 0:
        raise CommandError("--keep must be 0 or more")

    def compact() -> None:
        opened = open_file(args.file)
        if opened.read_only:
            raise CommandError(f"{args.file}: {opened.notice}")
        if opened.history is None:
            raise CommandError(f"{args.file}: has no recorded history to compact")
        write_plan(opened.plan, args.file, compacted(opened.history, args.keep))

    before = args.file.stat().st_size if args.file.exists() else 0
    write_locked(args.file, compact)
    print(f"Compacted {args.file}: {before / 2**20:.2f} MB → {args.file.stat().st_size / 2**20:.2f} MB")
    return EXIT_OK
