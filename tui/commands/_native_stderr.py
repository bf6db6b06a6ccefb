"""What native code writes to the terminal while the reader draws on it, set aside.

Textual draws the screen through ``sys.__stderr__``, file descriptor 2. Native code in
the process writes to descriptor 2 as well, past Python: when the search index's files
were overwritten with garbage while the reader was open, tantivy (Rust) panicked and
its message and backtrace were printed over the screen. (Python catches the panic: the
index is rebuilt, see ``tui.search.engine.is_panic``.)

While the reader runs, descriptor 2 is a temporary file, and the reader draws through a
duplicate of the terminal's descriptor. When it ends, descriptor 2 is the terminal
again and what was set aside is printed there, after the reader's screen is gone (made
terminal-safe, its first :data:`SHOWN_LINES` lines).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator

from tui.terminal_safe import terminal_safe

#: Lines of what was set aside printed when the reader ends (a backtrace is long).
SHOWN_LINES = 12
#: Bytes of it read back at most.
READ_LIMIT = 1 << 16


@contextlib.contextmanager
def native_stderr_aside() -> Iterator[None]:
    """Run the block (the reader) with descriptor 2 set aside (see the module docstring);
    nothing changes unless ``sys.__stderr__`` is descriptor 2 and a terminal."""
    stream = sys.__stderr__
    try:
        usable = stream is not None and stream.fileno() == 2 and os.isatty(2)
    except (OSError, ValueError):
        usable = False
    if not usable or stream is None:
        yield
        return
    stream.flush()
    terminal = os.dup(2)
    screen = open(  # noqa: SIM115 - closed in the finally below, after the block
        os.dup(2), "w", encoding=stream.encoding, errors=stream.errors, closefd=True
    )
    aside = tempfile.TemporaryFile()  # noqa: SIM115 - as above
    os.dup2(aside.fileno(), 2)
    sys.__stderr__ = screen  # type: ignore[misc]
    # Python's own writes (the traceback Textual prints when the reader fails) still go
    # to the terminal whole: only what is written past Python is set aside.
    python_stderr = sys.stderr
    if python_stderr is stream:
        sys.stderr = screen
    try:
        yield
    finally:
        with contextlib.suppress(OSError, ValueError):
            screen.flush()
        os.dup2(terminal, 2)
        os.close(terminal)
        sys.__stderr__ = stream  # type: ignore[misc]
        if sys.stderr is screen:
            sys.stderr = python_stderr
        with contextlib.suppress(OSError, ValueError):
            screen.close()
        aside.seek(0)
        written = aside.read(READ_LIMIT).decode("utf-8", "replace")
        aside.close()
        _tell(stream, written)


def _tell(stream: object, written: str) -> None:
    lines = [line for line in written.splitlines() if line.strip()]
    if not lines:
        return
    more = len(lines) - SHOWN_LINES
    shown = "\n".join(terminal_safe(line) for line in lines[:SHOWN_LINES])
    tail = f"\n(and {more} more lines)" if more > 0 else ""
    with contextlib.suppress(OSError, ValueError):
        stream.write(  # type: ignore[attr-defined]
            f"newsdesk: written to stderr while the reader ran:\n{shown}{tail}\n"
        )
        stream.flush()  # type: ignore[attr-defined]
