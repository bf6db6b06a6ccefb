"""One way a failed worker is reported: a one-line message, never a traceback.

Every worker that reads or writes the library is started with
``@work(exit_on_error=False)`` (harlequin's pattern) and simply lets a
:class:`~tui.errors.NewsdeskError` (the library cannot be read, is locked, is read-only)
or a :class:`~tui.search.QueryError` out. Textual then posts ``Worker.StateChanged`` to
the node that started the worker (it does not bubble), so the app, the reader screen and
the search pane mix this class in: one handler, shown where the node says
(:meth:`ReportsWorkerErrors.show_worker_error`). Any other exception is a bug: it is
raised again, and Textual stops the app with its traceback, as it would have anyway.
"""

from __future__ import annotations

from textual.worker import Worker, WorkerState


def error_line(error: BaseException) -> str | None:
    """What the user reads about ``error``; None when it is a bug, not a condition."""
    from tui.errors import NewsdeskError
    from tui.search import QueryError

    if isinstance(error, QueryError):
        position = getattr(error, "position", None)
        where = f" at character {position + 1}" if isinstance(position, int) else ""
        return f"query error{where}: {error}"
    if isinstance(error, NewsdeskError):
        return str(error)
    return None


class ReportsWorkerErrors:
    """Mixed into a Textual node: its failed workers become one-line messages."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one handler of failed workers (Textual finds it by name on the node)."""
        if event.state != WorkerState.ERROR or event.worker.error is None:
            return
        line = error_line(event.worker.error)
        if line is None:
            raise event.worker.error
        self.show_worker_error(line)

    def show_worker_error(self, line: str) -> None:
        """A toast; a node with a better place for it (the search pane) overrides this."""
        self.notify(line, severity="error", markup=False, timeout=15)  # type: ignore[attr-defined]
