"""Bytes -> clean text: the one place raw input becomes the text everything else indexes.

**Every span in Newsdesk indexes the text this module returns**: paragraphs, quotes,
entity mentions, annotations and search hits are character offsets into the *cleaned*
text (BOM removed, line endings ``\\n``, control characters and terminal escapes gone),
never into the raw bytes. Re-reading the same bytes always gives the same text, so
offsets stay valid.

Decoding, in order:

1. A byte-order mark decides: UTF-8 (BOM dropped), UTF-16 LE/BE, UTF-32 LE/BE.
2. NUL bytes without a UTF-16/32 BOM mean a binary file (no text format uses them),
   unless they are UTF-16 without its BOM (some exporters leave it out): NULs in nearly
   every other byte (the high byte of Latin letters) and in no byte between, and a
   strict decoding that reads as text.
3. Strict UTF-8. If it fails but the file is *mostly* UTF-8 (more well-formed multi-byte
   characters than broken sequences), it is UTF-8 with a few damaged bytes: they become
   U+FFFD rather than failing the whole file.
4. Otherwise the legacy encoding is detected with charset-normalizer (cp1252, Big5,
   GB18030...). Detection of single-byte Latin text is ambiguous between code pages that
   share most of their letters; when cp1252 is one of the plausible answers and decodes
   the bytes cleanly it wins, being by far the most common of them. A short Latin text
   with one or two curly quotes (cp1252 0x92/0x93) is a valid double-byte sequence in
   Big5 or Shift-JIS too, and the detector may say so while recognising no language
   (coherence near 0). Such a reading leaves CJK characters standing alone between
   Latin words (``'的 pledge'``) or inside them (``'H幨鋝e'`` for ``Hélène``), where
   real CJK text, even a name in an English story (``TSMC (台積電)``), runs to two or
   more, set off by spaces or punctuation. So when a double-byte guess recognised no
   language and most of its CJK characters are such strays, cp1252 (latin-1 where
   cp1252 leaves a byte undefined) wins if its letters are nearly all ASCII.
5. Nothing plausible, or too many control characters after decoding: a binary file.

Cleaning: ``\\r\\n``, ``\\r``, NEL, U+2028/U+2029, form feed and vertical tab become
``\\n``; ANSI/VT escape sequences (CSI such as colours, OSC such as window titles and
hyperlinks, DCS/APC/PM/SOS strings, two-byte escapes) are removed whole, not only their
ESC byte; then every remaining C0/C1 control character and stray U+FEFF is removed,
keeping ``\\n`` and ``\\t``. Markup-like text (``[b]``, ``[@click=app.quit]``) is plain
text here and stays as typed: escaping it is the display layer's job.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import TYPE_CHECKING

from tui.errors import InputError

if TYPE_CHECKING:
    from charset_normalizer import CharsetMatch, CharsetMatches

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its LE BOM starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Escape sequences removed whole. Order matters: string-type sequences (OSC, DCS...)
#: run to their terminator (BEL or ST), or to the end of the line if unterminated.
_ESCAPES = re.compile(
    r"""
      (?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?       # OSC ... BEL/ST
    | (?:\x1b[P_^X]|[\x90\x9e\x9f\x98])[^\x1b\x9c\n]*(?:\x1b\\|\x9c)?  # DCS/APC/PM/SOS
    | (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?                            # CSI (colours, cursor)
    | \x1b[ -/]*[0-~]?                                             # other ESC sequences
    """,
    re.VERBOSE,
)
_OTHER_LINE_BREAKS = "\x0b\x0c\x85\u2028\u2029"
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")
_CONTROL_COUNT = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")

#: Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_RATIO = 0.05
#: Coherence (0-1) below which charset-normalizer recognised no language in its guess.
_LOW_COHERENCE = 0.1
#: Latin text: at least this share of its letters are ASCII.
_LATIN_LETTER_SHARE = 0.9


def _binary(path: str) -> InputError:
    return InputError(path, "binary file, not text")


def _mostly_utf8(data: bytes) -> str | None:
    """Decode as UTF-8 with replacement when well-formed characters outnumber broken ones."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    non_ascii_chars = len(text) - len(text.encode("ascii", errors="ignore"))
    wellformed = non_ascii_chars - broken
    return text if 0 < broken <= wellformed else None


def _prefer_cp1252(data: bytes, matches: CharsetMatches) -> str | None:
    best = matches.best()
    if best is None or best.encoding in ("big5", "gb18030", "gb2312", "gbk", "euc_jp"):
        return None
    for match in matches:
        if "cp1252" in match.could_be_from_charset and match.chaos <= best.chaos + 0.1:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                return None
    return None


#: Double-byte codecs whose pairs can hide a Latin curly quote and the letter after it.
_CJK_CODECS = frozenset(
    {"big5", "big5hkscs", "cp950", "cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213"}
    | {"euc_jp", "euc_jis_2004", "euc_jisx0213", "cp949", "euc_kr", "johab"}
    | {"gb2312", "gbk", "gb18030", "hz"}
)
#: Runs of CJK characters: kana, ideographs (extension A, the main block, compatibility,
#: the supplementary planes) and Hangul syllables.
_CJK_RUNS = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff]+"
)


def _stray_cjk(text: str) -> bool:
    """More than half of the CJK characters are strays: alone between non-CJK ones, or
    inside a Latin word (``H幨鋝e`` is ``Hélène`` read as Big5). Real CJK text, even a
    name in an English story (``(TSMC, 台積電)``), runs to two or more, set off by
    spaces or punctuation."""
    sample = text[:65536]
    total = stray = 0
    for run in _CJK_RUNS.finditer(sample):
        size = run.end() - run.start()
        total += size
        before = sample[run.start() - 1] if run.start() else " "
        after = sample[run.end()] if run.end() < len(sample) else " "
        in_a_word = _is_ascii_letter(before) and _is_ascii_letter(after)
        if size == 1 or in_a_word:
            stray += size
    return stray * 2 > total


def _is_ascii_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _latin_reading(data: bytes) -> str | None:
    """``data`` as cp1252 (else latin-1) when that reads as Latin text, else None."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8d, 0x8f, 0x90, 0x9d: undefined in cp1252
        text = data.decode("latin-1")
    sample = text[:65536]
    letters = sum(1 for ch in sample if ch.isalpha())
    ascii_letters = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    return text if letters and ascii_letters >= letters * _LATIN_LETTER_SHARE else None


#: The double-byte codecs tried for an English text's CJK names, when the detector
#: guessed otherwise (Traditional and Simplified Chinese).
_NAME_CODECS = ("big5", "gb18030")
#: Runs of double-byte pairs (lead byte, trail byte) in the raw bytes: the CJK names of
#: an English text, without the English around them.
_PAIRS = re.compile(rb"(?:[\x81-\xfe][\x30-\x39\x40-\x7e\x80-\xfe])+")


def _cjk_with_latin(text: str) -> bool:
    """Text that is ASCII and CJK runs (with punctuation and full-width forms), each run
    set off from Latin words (no ASCII letter or digit touching it), one of two or more
    characters: how a CJK codec reads English with Chinese names in it (``Zheng Shanjie
    (鄭珊潔)``), and not how it reads accented Latin, curly quotes or a degree sign
    (``China乫s``, ``H幨鋝e``, ``450蚌``)."""
    sample = text[:65536]
    longest = 0
    for run in _CJK_RUNS.finditer(sample):
        before = sample[run.start() - 1] if run.start() else " "
        after = sample[run.end()] if run.end() < len(sample) else " "
        if _is_ascii_word(before) or _is_ascii_word(after):
            return False
        longest = max(longest, run.end() - run.start())
    if longest < 2:
        return False
    for ch in sample:
        if ch.isascii() or _CJK_RUNS.match(ch) or "\u3000" <= ch <= "\u303f":
            continue
        if "\uff00" <= ch <= "\uffef" or unicodedata.category(ch)[0] in "PSZ":
            continue
        return False  # a Latin, Greek or Cyrillic letter: not this codec's text
    return True


def _cjk_names(data: bytes, best: CharsetMatch) -> str | None:
    """``data`` read in a CJK codec when it holds English with CJK names.

    The detector weighs the whole text: the English decides, and it picks a Latin code
    page (``台積電`` as ``„xżnčq``), or a CJK codec it recognises no language in and
    whose CJK characters are strays. Then each of :data:`_NAME_CODECS` that decodes
    ``data`` strictly into ASCII and CJK runs set off from the English is a candidate;
    between several, the detector is asked about the double-byte runs alone, where the
    names are all there is to read."""
    if best.encoding in _CJK_CODECS and (
        best.coherence >= _LOW_COHERENCE or not _stray_cjk(str(best))
    ):
        return None  # a CJK reading the detector stands by, or one with no strays
    readings: dict[str, str] = {}
    for codec in _NAME_CODECS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _cjk_with_latin(text):
            readings[codec] = text
    if len(readings) <= 1:
        return next(iter(readings.values()), None)
    from charset_normalizer import from_bytes

    runs = from_bytes(b"\n".join(_PAIRS.findall(data)), cp_isolation=list(readings)).best()
    if runs is None:
        return None
    chosen = codecs.lookup(runs.encoding).name
    for codec, text in readings.items():
        if codecs.lookup(codec).name == chosen:
            return text
    return None


def _detect_legacy(data: bytes, path: str) -> str:
    from charset_normalizer import from_bytes  # only files that are not UTF-8 pay for it

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise _binary(path)
    names = _cjk_names(data, best)
    if names is not None:
        return names
    preferred = _prefer_cp1252(data, matches)
    guess = str(best)
    doubtful = best.encoding in _CJK_CODECS and best.coherence < _LOW_COHERENCE
    if preferred is None and doubtful and _stray_cjk(guess):
        preferred = _latin_reading(data)
    return preferred if preferred is not None else guess


#: UTF-16 without a BOM: at least this share of the bytes on one side (the high bytes
#: of Latin text) are NUL, and at most :data:`_UTF16_STRAY_NULS` of the other side.
_UTF16_NUL_SHARE = 0.4
_UTF16_STRAY_NULS = 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    """``data`` as UTF-16 (little- or big-endian) when its NULs say it is that without
    a BOM, decoded strictly; else None (a binary file)."""
    sample = data[:65536]
    if len(data) % 2 or len(sample) < 2:
        return None
    half = len(sample) // 2
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd >= _UTF16_NUL_SHARE and even <= _UTF16_STRAY_NULS:
        encoding = "utf-16-le"
    elif even >= _UTF16_NUL_SHARE and odd <= _UTF16_STRAY_NULS:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    """Too many control characters (in the first 64k) for this to be text."""
    sample = text[:65536]
    controls = len(_CONTROL_COUNT.findall(sample))
    return controls > 4 and controls > len(sample) * _MAX_CONTROL_RATIO


def decode_bytes(data: bytes, path: str = "<bytes>") -> str:
    """Decode ``data`` (see the module docstring) and return cleaned text.

    Raises :class:`InputError` ``PATH: binary file, not text`` for binary data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            return clean_text(text)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None or _looks_binary(utf16):
            raise _binary(path)
        return clean_text(utf16)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        mostly = _mostly_utf8(data)
        text = mostly if mostly is not None else _detect_legacy(data, path)
    if _looks_binary(text):
        raise _binary(path)
    return clean_text(text)


def clean_text(text: str) -> str:
    """Normalise line breaks and remove escapes and control characters (keep \\n, \\t)."""
    # str.replace per break character is many times faster than one regex over the text.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for br in _OTHER_LINE_BREAKS:
        if br in text:
            text = text.replace(br, "\n")
    if "\x1b" in text or any(c in text for c in "\x90\x98\x9b\x9d\x9e\x9f"):
        text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)
