"""The first search of a session pays no opening of the search index (issue 16): the
index ``import_first`` opened is taken over by the app's own library, and warmed in the
library thread once the first screen is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.conftest import FILES
from tests.app.helpers import make_app, press, settle


def _dumps(tmp_path: Path) -> list[str]:
    folder = tmp_path / "dumps"
    folder.mkdir(exist_ok=True)
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in sorted(FILES)]


async def test_the_index_is_opened_once_a_session(tmp_path: Path, fixture_parser: None) -> None:
    from tui.commands._app import import_first
    from tui.search import library_state

    db = tmp_path / "library.db"
    before = library_state.opened()
    assert import_first(db, _dumps(tmp_path)) == 0
    assert library_state.opened() == before + 1  # the import built it
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await pilot.press(*"harbour")
        await settle(pilot)
        assert app.reader.search_pane.hits
    assert library_state.opened() == before + 1  # and the app took it over


@pytest.mark.parametrize("closed", [True, False])
def test_an_open_library_keeps_its_index_to_itself(library_file_factory, closed: bool) -> None:
    """Two libraries of one file open at once never share one index object (each may be
    used from its own thread); once the first is closed the next takes it over."""
    from tui.search import library_state, run_query
    from tui.store import Library

    db = library_file_factory()
    first = Library.open(db)
    run_query(first, "harbour")
    if closed:
        first.close()
    before = library_state.opened()
    with Library.open(db) as second:
        assert run_query(second, "harbour")
    assert library_state.opened() == before + (0 if closed else 1)
    if not closed:
        first.close()


@pytest.fixture
def library_file_factory(tmp_path: Path, fixture_parser: None):
    def make() -> Path:
        from tui.store import Library

        db = tmp_path / "library.db"
        with Library.open(db) as library:
            library.import_paths(_dumps(tmp_path))
        return db

    return make


@pytest.mark.parametrize("superseded", [True, False])
def test_a_search_superseded_while_ranked_skips_its_contexts(
    library_path: Path, monkeypatch: pytest.MonkeyPatch, superseded: bool
) -> None:
    """The next key came while tantivy ranked the query (it cannot be stopped there):
    the contexts and titles nobody will see are not worked out, so the next key's
    search does not wait behind them in the library thread."""
    import tui.search as search
    from tui.app.widgets.search_pane import _run
    from tui.store import Library

    located: list[int] = []
    real = search.locate
    monkeypatch.setattr(search, "locate", lambda hits: located.append(len(hits)) or real(hits))
    with Library.open(library_path) as library:
        hits, titles = _run(library, "harbour", lambda: superseded)
    assert hits
    assert located == ([] if superseded else [len(hits)])
    assert bool(titles) is not superseded
