"""Key names: checked and normalised the way Textual does, without Textual."""

from __future__ import annotations

import pytest

from tui.config.keys import key_problem, normalize_key


@pytest.mark.parametrize("character", list("?/\\@-+_;:,.!#$%&*()[]{}<>=~'\"`^|"))
def test_character_names_match_textual(character: str) -> None:
    from textual.binding import Binding

    if character == ",":
        # "," separates keys in a Binding, so Textual's private table is the only way to
        # ask it what it calls the comma.
        from textual.keys import _character_to_key

        assert normalize_key(character) == _character_to_key(character)
        return
    # Textual names a one-character key of a BINDINGS entry the same way.
    (binding,) = Binding.make_bindings([(character, "noop")])
    assert normalize_key(character) == binding.key


@pytest.mark.parametrize(
    "key",
    ["r", "R", "ctrl+r", "ctrl+shift+f5", "question_mark", "slash", "enter", "pagedown", "ctrl++"],
)
def test_valid_keys(key: str) -> None:
    assert key_problem(key) is None


def test_invalid_keys_have_suggestions() -> None:
    assert key_problem("crtl+x") == ("unknown modifier 'crtl'", "ctrl")
    assert key_problem("pgaedown") == ("unknown key name 'pgaedown'", "pagedown")
    assert key_problem("ctrl+") == ("missing key after '+'", None)
