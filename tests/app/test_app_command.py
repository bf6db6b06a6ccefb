"""``newsdesk [PATH...]``: arguments, importing first, sample articles, broken configs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.commands import _app


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list:
    """Record the app instead of running it (no terminal in tests: the check that
    refuses to start without one is told there is one)."""
    from tui.app.app import NewsdeskApp

    apps: list = []
    monkeypatch.setattr(NewsdeskApp, "run", lambda self, **kw: apps.append(self))
    monkeypatch.setattr(_app, "terminal_problem", lambda: None)
    return apps


def existing_library(tmp_path: Path) -> Path:
    """A library file that is there (an empty one): ``--db`` must name one to be read."""
    from tui.store import Library

    db = tmp_path / "l.db"
    Library.open(db).close()
    return db


def test_help_teaches_with_examples(capsys):
    with pytest.raises(SystemExit) as exit_info:
        _app.main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--sample" in out and "examples:" in out and "newsdesk dumps/" in out


def test_sample_imports_the_bundled_articles_into_a_sample_library(opened, tmp_path):
    from tui.samples import sample_paths
    from tui.store import Library

    db = tmp_path / "sample.db"
    assert _app.main(["--sample", "--db", str(db)]) == 0
    assert len(opened) == 1 and str(opened[0].gateway.path) == str(db)
    with Library.open(db) as library:
        sources = {row.source for row in library.list_rows()}
    assert len(sample_paths()) >= 12
    assert {Path(s).name for s in sources} == {Path(p).name for p in sample_paths()}


def test_sample_without_db_keeps_the_users_library_untouched(opened, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert _app.main(["--sample"]) == 0
    assert "sample-library.db" in str(opened[0].gateway.path)


def test_paths_are_imported_first_and_unreadable_ones_named(opened, tmp_path, capsys):
    from tui.store import Library

    good = tmp_path / "good.txt"
    good.write_text("A short story about a harbour, told in one line.\n", encoding="utf-8")
    db = tmp_path / "lib.db"
    status = _app.main([str(good), str(tmp_path / "missing.txt"), "--db", str(db)])
    assert status == 1
    err = capsys.readouterr().err
    assert "missing.txt" in err and "Traceback" not in err
    with Library.open(db) as library:
        assert library.count() >= 1
    assert opened  # the app still opens on what could be read


def test_broken_config_gives_defaults_and_a_notice(opened, tmp_path):
    from tui.config.model import default_config

    config = tmp_path / "config.yaml"
    config.write_text("views:\n  - name: Inbox\n    sortt: -date\n", encoding="utf-8")
    assert _app.main(["--config", str(config), "--db", str(existing_library(tmp_path))]) == 0
    app = opened[0]
    assert app.config == default_config()
    assert len(app.notices) == 1 and "config.yaml:3" in app.notices[0]


def test_unusable_library_is_one_line_and_exit_2(opened, tmp_path, capsys):
    bad = tmp_path / "not-a-library.db"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    assert _app.main(["--db", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("newsdesk: ") and not opened
