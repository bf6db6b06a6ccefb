"""Bytes -> clean text: encodings, line endings, control characters, binary refusal."""

from __future__ import annotations

import codecs

import pytest

from tui.errors import InputError
from tui.ingest.decode import clean_text, decode_bytes

SAMPLE = "Ministers said on Monday that the “new” bridge would open in June — early.\n"


def test_utf8_with_and_without_bom_decode_the_same() -> None:
    plain = decode_bytes(SAMPLE.encode("utf-8"))
    with_bom = decode_bytes(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"))
    assert plain == with_bom == SAMPLE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    data = SAMPLE.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    elif encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_bytes(data) == SAMPLE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read_not_refused_as_binary(encoding: str) -> None:
    """Some exporters write UTF-16 without its BOM: it was "binary file, not text"."""
    assert decode_bytes(SAMPLE.encode(encoding), "export.txt") == SAMPLE


@pytest.mark.parametrize(
    "data",
    [
        b"".join(n.to_bytes(4, "little") for n in range(500)),  # NULs on both sides
        "odd length".encode("utf-16-le") + b"\x00",
        "\ud800 alone".encode("utf-16-le", "surrogatepass"),  # not valid UTF-16
        "bell \x07\x07\x07\x07\x07\x07 rings".encode("utf-16-le"),  # controls: binary
    ],
)
def test_nul_bytes_that_are_not_utf16_text_are_still_binary(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^blob\.bin: binary file, not text$"):
        decode_bytes(data, "blob.bin")


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1252", "The café’s “owner” said — naïve résumé, déjà vu. Señor Müller paid €20.\n" * 3),
        ("big5", "台積電今天宣布與美國公司合作，提供先進封裝與測試產能。鴻海上季營收成長。\n" * 2),
        ("gb18030", "华为创始人表示，愿意将技术授权给一家美国公司。台积电宣布合作。\n" * 2),
    ],
)
def test_legacy_encodings_are_detected(encoding: str, text: str) -> None:
    assert decode_bytes(text.encode(encoding)) == text


def test_invalid_utf8_in_the_middle_does_not_fail_the_file() -> None:
    good = "Ren said the “plan” was ready — finally. 任正非\n"
    data = good.encode() * 20 + b"broken \xff\xfe byte\n" + good.encode() * 20
    text = decode_bytes(data)
    assert text.startswith(good)
    assert text.endswith(good)
    assert "broken \ufffd\ufffd byte" in text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028", "\x85"])
def test_line_endings_become_newlines(newline: str) -> None:
    assert clean_text(f"one{newline}two{newline}") == "one\ntwo\n"


def test_control_characters_removed_but_tab_and_newline_kept() -> None:
    assert clean_text("a\tb\x00c\x07d\x08e\x7ff\x9ag\n") == "a\tbcdefg\n"


@pytest.mark.parametrize(
    "escape",
    [
        "\x1b[31m",  # colour
        "\x1b[1;4;38;5;196m",  # 256-colour, bold, underline
        "\x1b[2J",  # clear screen
        "\x1b]0;pwned title\x07",  # OSC window title, BEL-terminated
        "\x1b]8;;https://example.com\x1b\\",  # OSC 8 hyperlink, ST-terminated
        "\x1bPqdata\x1b\\",  # DCS string
        "\x1b(B",  # charset designation
        "\x9b31m",  # 8-bit CSI
    ],
)
def test_escape_sequences_removed_whole(escape: str) -> None:
    assert clean_text(f"before{escape}after") == "beforeafter"


def test_markup_like_text_is_kept_as_typed() -> None:
    text = "Click [@click=app.quit]here[/] or [b]bold[/b] and [link=x]y[/link]\n"
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4,
        b"PK\x03\x04" + bytes(200),
        bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17, 18, 19, 20]) * 50,
    ],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^blob\.bin: binary file, not text$"):
        decode_bytes(data, "blob.bin")


@pytest.mark.parametrize(
    "text",
    [
        "It’s a pledge the council made in June.\n",  # one 0x92
        "Ren said: “I pledge to license it.\n",  # one 0x93 before an ASCII letter
        "“We would like to offer a licence to one company,” he said.\n",
        "The procession crossed the Place Hélène Metges.\n",  # 'H幨鋝e' in Big5
    ],
)
def test_latin_text_with_one_curly_quote_is_cp1252_not_cjk(text: str) -> None:
    """0x93 0x49 is also a Shift-JIS/Big5 pair ('的'): a lone ideograph between Latin words
    (or two inside one) in a guess that recognised no language is cp1252 text."""
    assert decode_bytes(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("big5", "Taiwan Semiconductor Manufacturing Co (TSMC, 台積電) said it would grow.\n"),
        ("gb18030", "Taiwan Semiconductor Manufacturing Co (TSMC, 台積電) said it would grow.\n"),
        ("cp932", "アップルのiPhone新型は5G対応と発表した。価格は据え置き。\n" * 2),
        ("big5", "華為的5G技術授權給美國公司，任正非表示。\n" * 2),
    ],
)
def test_cjk_text_keeps_its_double_byte_encoding(encoding: str, text: str) -> None:
    """An English story with a CJK name, or CJK text with Latin words glued in."""
    assert decode_bytes(text.encode(encoding)) == text


#: An English story with Chinese names: the English is most of the bytes, so the detector
#: alone picks a Latin code page (``台積電`` as ``„xżnčq``) or the wrong CJK codec.
ENGLISH_WITH_NAMES = (
    "Taiwan Semiconductor Manufacturing Co. (台積電) said on Thursday that revenue rose."
    " “We are confident,” the chairman said in Taipei (台北).\n"
)


@pytest.mark.parametrize("encoding", ["big5", "gb18030"])
def test_english_with_cjk_names_reads_its_double_byte_encoding(encoding: str) -> None:
    assert decode_bytes(ENGLISH_WITH_NAMES.encode(encoding)) == ENGLISH_WITH_NAMES


def test_latin_text_with_a_degree_sign_stays_latin() -> None:
    """``450°F`` is a valid Big5 pair (``450蚌``) beside a digit: not a CJK name."""
    text = "They're costly, and the company uses 450°F (232°C) glue guns, they said.\n"
    assert decode_bytes(text.encode("cp1252")) == text
