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

from tui.errors import InputError
from tui.ingest.decode import decode_bytes
from tui.text import count_of

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


#: Deeper folders are not walked (a one-line message names where the walk stopped).
MAX_DEPTH = 64

#: Folders that never hold articles: caches and version control.
SKIPPED_DIRS = frozenset({"__pycache__", "node_modules", ".git", ".hg", ".svn"})

#: Files whose names say they are not text: compiled code, images, media, archives.
_NOT_TEXT = """
    pyc pyo so o a dll dylib exe bin class jar whl egg
    png jpg jpeg gif bmp tif tiff webp ico heic svgz psd
    mp3 mp4 m4a wav flac ogg avi mov mkv webm
    zip gz tgz bz2 xz zst 7z rar tar lz4 deb rpm iso dmg
    pdf doc docx xls xlsx ppt pptx odt ods sqlite db db-wal db-shm db-journal sqlite-wal sqlite-shm
"""
NOT_TEXT_SUFFIXES = frozenset(f".{suffix}" for suffix in _NOT_TEXT.split())


class Unreadable(str):
    """A path :func:`expand_paths` could not walk into (permissions, too deep): it is
    listed like a file, and reading it raises :class:`InputError` with ``reason``, so
    every command reports it in its one-line way and carries on with the rest."""

    reason: str

    def __new__(cls, path: str, reason: str) -> Unreadable:
        self = super().__new__(cls, path)
        self.reason = reason
        return self


class Inputs(list[str]):
    """The inputs :func:`expand_paths` found, and what it left out (files named as not
    text; ``__pycache__``, ``.git``... folders; links to nothing, links to folders, named
    pipes and devices), so commands can say how many: a file the walk passes over is
    never left out without a word."""

    skipped_files: int = 0
    skipped_dirs: int = 0
    skipped_broken_links: int = 0
    skipped_linked_dirs: int = 0
    skipped_special: int = 0

    def __init__(self, *args: Iterable[str]) -> None:
        super().__init__(*args)
        #: The links and special files counted, by path (``newsdesk watch`` says each
        #: once: its watcher reports them again).
        self.passed_over: list[str] = []

    def skipped_summary(self) -> str | None:
        """``skipped 3 files named as not text (images, archives...), 1 link to nothing
        and 1 cache or version-control folder``, or None when nothing was skipped."""
        parts = [
            count_of(self.skipped_files, "file") + " named as not text (images, archives...)",
            count_of(self.skipped_broken_links, "link") + " to nothing",
            count_of(self.skipped_linked_dirs, "link") + " to a folder (not followed)",
            count_of(self.skipped_special, "named pipe or device", "named pipes or devices"),
            count_of(self.skipped_dirs, "cache or version-control folder"),
        ]
        parts = [part for part in parts if not part.startswith("0 ")]
        if not parts:
            return None
        listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
        return "skipped " + listed


def _not_text(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in NOT_TEXT_SUFFIXES


def _walk(root: str, found: Inputs) -> None:
    """Files under ``root``, sorted, walked with an explicit stack (no recursion, so any
    depth is safe) down to :data:`MAX_DEPTH`; hidden entries skipped."""
    stack: list[tuple[str, int]] = [(root, 0)]
    files: list[str] = []
    while stack:
        folder, depth = stack.pop()
        if depth > MAX_DEPTH:
            reason = f"more than {MAX_DEPTH} folders deep; not read below here"
            files.append(Unreadable(folder, reason))
            continue
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError as exc:
            files.append(Unreadable(folder, _reason(exc)))
            continue
        for entry in listed:
            try:
                # A linked folder is not followed: a link loop would never end.
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = not is_dir and entry.is_file()
            except OSError:
                is_dir, is_file = False, True  # let reading it say what is wrong
            if is_dir and entry.name in SKIPPED_DIRS:
                found.skipped_dirs += 1
            elif entry.name.startswith("."):
                continue
            elif is_dir:
                stack.append((entry.path, depth + 1))
            elif is_file and _not_text(entry.name):
                found.skipped_files += 1
            elif is_file:
                files.append(entry.path)
            else:
                _count_passed_over(entry, found)
    found.extend(sorted(files))


def _count_passed_over(entry: os.DirEntry[str], found: Inputs) -> None:
    """Count an entry that is neither a folder walked nor a file read: a link to
    nothing, a link to a folder (not followed: a link loop would never end), or a named
    pipe, socket or device (reading one could block or never end)."""
    try:
        is_link = entry.is_symlink()
        is_dir = is_link and entry.is_dir()
    except OSError:
        is_link, is_dir = False, False
    found.passed_over.append(entry.path)
    if is_link and not os.path.exists(entry.path):
        found.skipped_broken_links += 1
    elif is_dir:
        found.skipped_linked_dirs += 1
    else:
        found.skipped_special += 1


def expand_paths(paths: Iterable[str]) -> Inputs:
    """The inputs named by ``paths``, in order: a directory gives its files (sorted;
    hidden files, caches and files named as not text skipped and counted), ``-`` stays
    ``-`` (stdin), anything else is kept as typed so that reading it reports what is
    wrong with it. A folder that cannot be walked is listed as :class:`Unreadable`."""
    result = Inputs()
    for raw in paths:
        if raw != STDIN and os.path.isdir(raw):
            _walk(raw, result)
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


def _read_stdin() -> bytes:
    """Standard input, read in chunks and refused past :data:`MAX_BYTES` (``- </dev/zero``
    must not fill the memory)."""
    stream = sys.stdin.buffer
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(wanted := min(1 << 20, MAX_BYTES + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            raise InputError(STDIN, f"too big (more than {MAX_BYTES >> 20} MB on standard input)")
        if len(chunk) < wanted:
            # A buffered read comes back short only at the end: reading on would make a
            # terminal's user press Ctrl+D a second time.
            break
    return b"".join(chunks)


def read_bytes(path: str) -> bytes:
    """The raw bytes of ``path`` (``-`` = stdin), or a one-line :class:`InputError`.

    The file is opened non-blocking, so a FIFO with no writer cannot hang the command:
    anything but a regular file is refused (pipe it in as ``-`` instead).
    """
    if isinstance(path, Unreadable):
        raise InputError(path, path.reason)
    if path == STDIN:
        return _read_stdin()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError(path, "is a directory")
            if stat.S_ISFIFO(info.st_mode):
                raise InputError(
                    path, f"a named pipe (FIFO); read it as standard input: - < {path}"
                )
            if not stat.S_ISREG(info.st_mode):
                raise InputError(path, "not a regular file")
            if info.st_size > MAX_BYTES:
                raise InputError(
                    path, f"too big ({info.st_size >> 20} MB; the limit is {MAX_BYTES >> 20} MB)"
                )
            # Ask for the size the file has (not the limit: a read of n bytes reserves n
            # up front); one that grew since is read on, still bounded by the limit.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(MAX_BYTES + 1 - len(data))
            return data
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except OSError as exc:
        if exc.errno == errno.ENOENT and os.path.islink(path):
            # "no such file" of a name `ls` shows: say it is a link, and to what.
            target = os.readlink(path)
            raise InputError(path, f"a link to {target}, which is not there") from None
        raise InputError(path, _reason(exc)) from None


def storable_name(path: str) -> str:
    """``path`` as valid Unicode: a name with bytes that are not UTF-8 (held by Python as
    lone surrogates) gets ``\\xff`` escapes, so the name can be stored, printed and
    written as JSON. Other names are unchanged."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def load_document(path: str) -> Document:
    """Read and decode one input; raises :class:`InputError` (one line) when it can't."""
    data = read_bytes(path)
    if len(data) > MAX_BYTES:
        raise InputError(path, f"too big (the limit is {MAX_BYTES >> 20} MB)")
    text = decode_bytes(data, path)
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return Document(source=storable_name(path), text=text, content_hash=digest)
