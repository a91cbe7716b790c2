"""The file side of the open document: where it is saved, its lock, unsaved changes and its recovery copy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.background import SerialWorker
from desktop.document import Document
from domain.plan import Plan
from storage.files import FileError, remove_leftovers
from storage.locking import NO_LOCKING, FileLock, LockBlocked
from storage.recovery import RecoveryEntry, RecoveryStore

if TYPE_CHECKING:  # storage.project_file (sqlite3, history) loads on the first open or save, after the window shows
    from domain.history import History
    from storage.project_file import OpenedPlan

RECOVERY_DELAY_MS = 2500


class Session(QObject):
    """Binds a `Document` to a file (or to none while untitled) and keeps a recovery copy of unsaved work.

    Opening, importing and saving raise `FileError` or `ExchangeError` with a one-line message and
    leave the open plan untouched when they fail.

    Signals
    -------
    state_changed()
        The file name, read-only state, notice, recovery problem or unsaved-changes state changed.
    problem(message)
        Background work (the recovery copy) failed; a sentence for the status bar.

    `notice` is what the user should know about the open file; `recovery_problem` says, for as long
    as it lasts, that unsaved work has no recovery copy. `history` is the file's history as opened or last
    saved (None until a save records one); each save adds a revision by `author()` (None: the OS user), and
    after a merge from a copy also records the copy's head revision as its second parent (see `merging`).
    """

    state_changed = Signal()
    problem = Signal(str)

    def __init__(
        self,
        document: Document,
        recovery: RecoveryStore | None = None,
        parent: QObject | None = None,
        author: Callable[[], str | None] = lambda: None,
    ):
        super().__init__(parent)
        self.document = document
        self.author = author
        self.history: History | None = None
        self._merged: list[History] = []  # histories of copies merged in since the last save, latest last
        self.path: Path | None = None
        self.untitled_name = "Untitled"
        self.read_only = False
        self.notice = ""
        self.recovery_problem = ""
        self._told_unlocked = False
        self._lock: FileLock | None = None
        self._replaced = False  # an imported or restored plan that was never saved
        self._recovery = recovery
        self._recovery_worker = SerialWorker(self)
        self._recovery_worker.failed.connect(self._on_recovery_failed)
        self._recovery_timer = QTimer(self, singleShot=True, interval=RECOVERY_DELAY_MS)
        self._recovery_timer.timeout.connect(self.write_recovery)
        self._edits = 0
        self._edits_in_recovery = 0
        document.changed.connect(self._on_changed)
        document.undo_stack.cleanChanged.connect(self._on_clean_changed)

    # State

    def is_dirty(self) -> bool:
        """True when the plan has changes that are not in its file."""
        return self._replaced or not self.document.undo_stack.isClean()

    def display_name(self) -> str:
        """The file name, or e.g. 'Demo — Untitled' for a plan never saved."""
        if self.path is not None:
            return self.path.name
        return "Untitled" if self.untitled_name == "Untitled" else f"{self.untitled_name} — Untitled"

    def needs_save_as(self) -> bool:
        """True when Save must ask where to save (untitled or read-only)."""
        return self.path is None or self.read_only

    # Replacing the plan

    def start_new(self, plan: Plan, untitled_name: str = "Untitled") -> None:
        """Show a new, untitled plan with no unsaved changes."""
        self._bind(plan, untitled_name=untitled_name)

    def show_opened(self, opened: OpenedPlan) -> None:
        """Show a plan `open_plan` read (on a worker thread, say): the file is known to be a plan before
        its lock file is written beside it. Raises FileError when another window has it open."""
        path = Path(opened.path).absolute()
        notices = [opened.notice] if opened.notice else []
        read_only = opened.read_only
        try:
            lock = self._lock_for(path)
        except LockBlocked as error:
            lock, read_only = None, True
            notices.append(f"opened read-only: {error.reason}")
        notices.append(self._lock_notice(lock))
        if not read_only:
            remove_leftovers(path)
        notice = "; ".join(filter(None, notices))
        self._bind(opened.plan, path=path, lock=lock, read_only=read_only, notice=notice, history=opened.history)

    def show_imported(self, plan: Plan, path: Path) -> None:
        """Show a plan imported from `path` (`read_json_file`) as a new untitled plan with unsaved changes."""
        self._bind(plan, untitled_name=Path(path).stem, replaced=True)

    def restore(self, entry: RecoveryEntry) -> None:
        """Open a recovery copy as unsaved changes to its original file (so Save writes there).

        When the original was saved after the copy was written, the copy opens as a separate untitled
        plan instead, so that nothing saved since is lost, and `notice` says so."""
        plan = self._recovery.load(entry)
        original = Path(entry.original) if entry.original else None
        if entry.original_is_newer():
            notice = (
                f"{original.name} was saved after these changes were kept, so they open as a separate "
                "untitled plan and nothing saved since is lost"
            )
            self._bind(plan, untitled_name=f"{original.stem} (recovered)", replaced=True, notice=notice)
        else:
            lock = self._lock_for(original) if original is not None and original.exists() else None
            history = _history_of(original) if lock is not None else None
            self._bind(plan, path=original, lock=lock, replaced=True, notice=self._lock_notice(lock), history=history)
        self.write_recovery()
        self.discard_recovery_entry(entry)

    def _bind(
        self,
        plan: Plan,
        *,
        path: Path | None = None,
        untitled_name: str = "Untitled",
        lock: FileLock | None = None,
        read_only: bool = False,
        notice: str = "",
        replaced: bool = False,
        history: History | None = None,
    ) -> None:
        self._discard_recovery()
        self.history = history
        self._merged = []
        if lock is not self._lock:
            self._release_unless_current(self._lock, force=True)
        self._lock = lock
        self.path = path
        self.untitled_name = untitled_name
        self.read_only = read_only
        self.notice = notice
        self._replaced = replaced
        self.document.replace_plan(plan)
        self._edits_in_recovery = -1 if replaced else self._edits
        self.state_changed.emit()

    # Saving

    def save(self, path: Path | None = None) -> None:
        """Save to `path` (or the plan's own file); raises FileError. The file is locked from then on."""
        target = Path(path).absolute() if path is not None else self.path
        if target is None:
            raise FileError(self.display_name(), "choose where to save it (Save As)")
        from storage.project_file import save_plan

        lock = self._lock_for(target)
        try:
            merged = self._merged[-1] if self._merged else None
            history = save_plan(self.document.plan, target, self.history, author=self.author(), merged=merged)
        except BaseException:
            self._release_unless_current(lock)
            raise
        if lock is not self._lock:
            self._release_unless_current(self._lock, force=True)
            self._lock = lock
        self.path = target
        self.history = history
        self._merged = []
        self.read_only = False
        self.notice = self._lock_notice(lock)
        self._replaced = False
        self.document.undo_stack.setClean()
        self._discard_recovery()
        self.state_changed.emit()

    def merging(self, copy_history: History | None) -> Callable[[bool], None] | None:
        """What the undoable step merging a copy in calls as it is done or undone (`Document.run_many`): while
        it is done, the next save records the copy's head revision as its second parent and keeps the copy's
        history, as `tutti merge` does, so that a later merge with that copy finds this one as the plan both
        share. (A save records one copy: of two merges without a save between, the later one.) None for a
        copy without a history: there is nothing to record."""
        if copy_history is None:
            return None

        def done(applied: bool) -> None:
            self._merged = [h for h in self._merged if h is not copy_history]
            if applied:
                self._merged.append(copy_history)

        return done

    def close(self) -> None:
        """Let go of the file: drop its lock and recovery copy, and wait for background writes."""
        self._discard_recovery()
        self._recovery_worker.wait()
        self._release_unless_current(self._lock, force=True)
        self._lock = None

    # Locks

    def _lock_for(self, path: Path) -> FileLock:
        if self._lock is not None and path == self.path:
            return self._lock
        lock = FileLock()
        lock.acquire(path)
        return lock

    def _lock_notice(self, lock: FileLock | None) -> str:
        """Once per window: that files cannot be locked here (a network folder without a lock manager)."""
        if lock is None or not lock.unsupported or self._told_unlocked:
            return ""
        self._told_unlocked = True
        return NO_LOCKING

    def _release_unless_current(self, lock: FileLock | None, force: bool = False) -> None:
        if lock is not None and (force or lock is not self._lock):
            lock.release()

    # Recovery copies

    def _on_changed(self, change) -> None:
        self._edits += 1
        # Not `is_dirty()` yet: during a push the undo stack moves its index only after the change.
        if self._recovery is not None and not self._recovery_timer.isActive():
            self._recovery_timer.start()

    def _on_clean_changed(self, clean: bool) -> None:
        if clean and not self._replaced:
            self._discard_recovery()
        self.state_changed.emit()

    def write_recovery(self) -> None:
        """Queue a recovery copy of the plan, unless nothing changed since the last one."""
        if self._recovery is None or not self.is_dirty() or self._edits == self._edits_in_recovery:
            return
        store, plan, original = self._recovery, self.document.plan.copy(), self.path
        self._edits_in_recovery = self._edits
        self._recovery_worker.submit(lambda: store.write(plan, original), self._on_recovery_written)

    def _on_recovery_written(self, _result) -> None:
        if self.recovery_problem:
            self.recovery_problem = ""
            self.state_changed.emit()

    def _on_recovery_failed(self, message: str) -> None:
        self.recovery_problem = f"No recovery copy of your unsaved changes: {message}"
        self.problem.emit(self.recovery_problem)
        self.state_changed.emit()

    def _discard_recovery(self) -> None:
        self._recovery_timer.stop()
        self.recovery_problem = ""  # no unsaved work left to keep
        self._edits_in_recovery = self._edits
        if self._recovery is not None:
            store = self._recovery
            self._recovery_worker.submit(store.discard)

    def discard_recovery_entry(self, entry: RecoveryEntry) -> None:
        """Queue the removal of another session's recovery copy (after restoring or discarding it)."""
        store = self._recovery
        self._recovery_worker.submit(lambda: store.discard(entry))

    def wait_for_recovery(self, milliseconds: int = -1) -> bool:
        """Block until queued recovery writes are done (tests and shutdown)."""
        return self._recovery_worker.wait(milliseconds)


def _history_of(path: Path) -> History | None:
    """The history of a plan file, so that saving recovered changes to it goes on from its last revision."""
    from storage.project_file import open_plan

    try:
        return open_plan(path).history
    except FileError:
        return None
