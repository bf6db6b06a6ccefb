"""Handing freed memory back to the system between the phases of a megabyte article.

Python frees an object to its own allocator or to the C library's ``malloc``; neither
gives the pages back to the system while anything else sits near them. A file that is
one line of 20 MB is one article whose analysis, stored form, story features and
search windows each make and drop tens of megabytes: the next phase's peak was stacked
on the last one's freed-but-kept memory (measured on the generated 20 MB line: the
story features left 44 MB so, the stored form 16 MB; peak RSS 238 MB). glibc's
``malloc_trim(0)`` returns every free page it holds. It takes a few milliseconds on a
heap of a few hundred megabytes, so it is called between the phases of a megabyte
article only, never per ordinary article.

It imports only the standard library, so any layer may use it.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (musl, macOS)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


def release_free_memory() -> bool:
    """Give the memory the C allocator holds free back to the system; whether it could
    (False: not glibc, nothing done)."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True
