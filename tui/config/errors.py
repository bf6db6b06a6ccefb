"""Configuration errors that point at the place in the file that is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ConfigFileRefused(Exception):
    """The file cannot be read as YAML at all (too big, bomb, syntax, encoding)."""

    def __init__(self, error: ConfigError) -> None:
        super().__init__(str(error))
        self.error = error
