"""Paths the user typed -> documents: decoded, cleaned text ready for the dump reader.

``expand_paths`` turns what was typed into the list of inputs (directories recursively,
``-`` for stdin); ``load_document`` reads one of them. Every failure is an
:class:`~tui.errors.InputError` whose message is one line naming the path and what to
do, so batch commands can report it and carry on with the other inputs.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tui.errors import InputError
from tui.ingest.decode import decode_bytes

#: The name that means standard input.
STDIN = "-"

#: Larger inputs are refused rather than exhausting memory (the text is held whole).
MAX_BYTES = 1 << 30


@dataclass(frozen=True, slots=True)
class Document:
    """One input, decoded. ``text`` is what every span of its articles indexes.

    ``content_hash`` is a digest of the raw bytes: it changes exactly when the file does.
    """

    source: str
    text: str
    content_hash: str


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def expand_paths(paths: Iterable[str]) -> list[str]:
    """The inputs named by ``paths``, in order: a directory gives its files recursively
    (sorted, hidden files and directories skipped), ``-`` stays ``-`` (stdin), anything
    else is kept as typed so that reading it reports what is wrong with it."""
    result: list[str] = []
    for raw in paths:
        if raw != STDIN and os.path.isdir(raw):
            root = Path(raw)
            found = [str(p) for p in root.rglob("*") if not _is_hidden(p, root) and p.is_file()]
            result.extend(sorted(found))
        else:
            result.append(raw)
    return result


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file or directory; check the path"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; check the file's permissions"
    if exc.errno == errno.EISDIR:
        return "is a directory"
    return (exc.strerror or str(exc)).lower()


def read_bytes(path: str) -> bytes:
    """The raw bytes of ``path`` (``-`` = stdin), or a one-line :class:`InputError`."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError(path, "is a directory")
            if not stat.S_ISREG(info.st_mode) and not stat.S_ISFIFO(info.st_mode):
                raise InputError(path, "not a regular file")
            if info.st_size > MAX_BYTES:
                raise InputError(
                    path, f"too big ({info.st_size >> 20} MB; the limit is {MAX_BYTES >> 20} MB)"
                )
            return handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as exc:
        raise InputError(path, _reason(exc)) from None


def load_document(path: str) -> Document:
    """Read and decode one input; raises :class:`InputError` (one line) when it can't."""
    data = read_bytes(path)
    if len(data) > MAX_BYTES:
        raise InputError(path, f"too big (the limit is {MAX_BYTES >> 20} MB)")
    text = decode_bytes(data, path)
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return Document(source=path, text=text, content_hash=digest)
