"""Paths -> documents: directory expansion, stdin, one-line errors."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from tui.errors import InputError
from tui.ingest.files import expand_paths, load_document


def test_directory_expands_recursively_sorted_without_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ["z.txt", "a.txt", "b/c.txt", ".hidden.txt", ".git/config"]:
        (tmp_path / name).write_text("x")
    found = expand_paths([str(tmp_path)])
    assert found == [str(tmp_path / n) for n in ["a.txt", "b/c.txt", "z.txt"]]


def test_files_dash_and_missing_paths_are_kept_in_order(tmp_path: Path) -> None:
    f = tmp_path / "one.txt"
    f.write_text("x")
    assert expand_paths([str(f), "-", "missing.txt"]) == [str(f), "-", "missing.txt"]


def test_load_document_decodes_and_hashes(tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_bytes(b"\xef\xbb\xbfLine one\r\nLine two\r\n")
    doc = load_document(str(f))
    assert doc.source == str(f)
    assert doc.text == "Line one\nLine two\n"
    other = tmp_path / "other.txt"
    other.write_bytes(b"Line one\nLine two\n")
    assert load_document(str(other)).content_hash != doc.content_hash
    assert load_document(str(f)).content_hash == doc.content_hash


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"From stdin.\n")))
    doc = load_document("-")
    assert doc.source == "-"
    assert doc.text == "From stdin.\n"


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(InputError) as info:
        load_document(missing)
    assert str(info.value).startswith(f"{missing}: no such file")
    assert "\n" not in str(info.value)


def test_directory_given_to_load_document(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        load_document(str(tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path: Path) -> None:
    f = tmp_path / "secret.txt"
    f.write_text("x")
    f.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        load_document(str(f))


def test_binary_file(tmp_path: Path) -> None:
    f = tmp_path / "image.png"
    f.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(InputError, match=r"image\.png: binary file, not text$"):
        load_document(str(f))


@pytest.mark.parametrize("encoding", ["big5", "gb18030"])
def test_a_file_name_in_a_cjk_encoding_does_not_change_how_its_text_is_read(
    tmp_path: Path, encoding: str
) -> None:
    """The name's bytes are not UTF-8 (Big5/GB18030): the UTF-8 English text inside is
    read as UTF-8, and the name is kept with its bytes escaped."""
    text = "Mayor Says Budget Is Balanced\n\nThe mayor said it was “balanced” on Monday.\n"
    name = os.fsencode(tmp_path) + b"/news_" + "台北新聞".encode(encoding) + b".txt"
    with open(name, "wb") as handle:
        handle.write(text.encode("utf-8"))
    document = load_document(os.fsdecode(name))
    assert document.text == text
    assert document.source.encode("utf-8")  # storable: escaped, no lone surrogates
    assert "\\x" in document.source
