"""What a bulk triage key says it did and what ``u`` says it undoes count the same
articles: ``;s`` on 175 rows, one starred already, said ``175 starred`` and then
``undo: starred 174 articles``; a tag step's undo said ``undo: tag bulk`` with no count."""

from __future__ import annotations

from tests.app.helpers import all_articles, make_app, press


def _status(app) -> str:
    return app.reader.status_message


async def test_starring_the_marked_says_what_changed_as_undo_does(library_path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        listed = len((await all_articles(pilot)).rows)
        assert listed >= 3
        await press(pilot, "s")  # one starred already
        await press(pilot, "M", "semicolon", "s")  # star every marked one
        assert _status(app).startswith(f"{listed - 1} starred, 1 already ")
        await press(pilot, "u")
        assert _status(app) == f"undo: starred {listed - 1} articles"


async def test_undoing_a_tag_step_counts_its_articles(library_path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        listed = len((await all_articles(pilot)).rows)
        await press(pilot, "M", "semicolon", "t")
        await pilot.press(*"bulk")
        await press(pilot, "enter")
        assert f"#bulk on {listed} articles" in _status(app)
        await press(pilot, "u")
        assert _status(app) == f"undo: tag #bulk on {listed} articles"
