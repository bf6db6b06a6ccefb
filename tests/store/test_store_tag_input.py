"""The tag prompt's language: commas and spaces separate, quotes keep a space, - removes."""

from __future__ import annotations

import pytest

from tui.store.tags import TagEdit, parse_tag_input


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("energy, norway", TagEdit(("energy", "norway"))),
        ("energy norway", TagEdit(("energy", "norway"))),
        ("energy,norway,,", TagEdit(("energy", "norway"))),
        ('"follow up" ports', TagEdit(("follow-up", "ports"))),
        ("“follow up”", TagEdit(("follow-up",))),
        ("-energy, ports", TagEdit(("ports",), ("energy",))),
        ('-"follow up"', TagEdit((), ("follow-up",))),
        ("ports ports", TagEdit(("ports",))),
        (" , - ", TagEdit()),
    ],
)
def test_tag_input(typed, expected):
    assert parse_tag_input(typed) == expected
