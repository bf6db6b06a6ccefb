"""Configuration errors that point at the place in the file that is wrong."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.terminal_safe import terminal_safe


@dataclass(frozen=True, slots=True)
class ConfigError:
    """One problem in a config or theme file; ``str()`` is ``file:line:col: message``.

    ``line`` and ``column`` are 1-based, as editors count them.
    """

    path: Path
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        # One line whatever the file is called (a theme file's name is the user's text).
        return f"{terminal_safe(str(self.path))}:{self.line}:{self.column}: {self.message}"


class ConfigFileRefused(Exception):
    """The file cannot be read as YAML at all (too big, bomb, syntax, encoding)."""

    def __init__(self, error: ConfigError) -> None:
        super().__init__(str(error))
        self.error = error


def theme_errors_notice(errors: Sequence[ConfigError]) -> str | None:
    """One notice for the theme files left out for their errors: their names and the
    first error (a notice for each error buried the config's own error under them at
    80x24), or None when there are none."""
    if not errors:
        return None
    if len(errors) == 1:
        return f"theme skipped: {errors[0]}"
    names = list(dict.fromkeys(error.path.name for error in errors))
    shown = ", ".join(names[:MAX_NAMED]) + (
        f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else ""
    )
    return (
        f"themes skipped ({len(errors)} errors in {shown}; 'newsdesk config check' lists "
        f"them): {errors[0]}"
    )


#: Theme files named in the notice before the rest are counted.
MAX_NAMED = 5
