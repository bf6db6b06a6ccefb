"""``python -m tui`` runs the command once: not again in a worker that imports it."""

from __future__ import annotations

import runpy

import pytest


def test_a_worker_importing_the_main_module_does_not_run_the_command(capsys) -> None:
    # spawn/forkserver workers import the parent's main module as __mp_main__
    runpy.run_module("tui.__main__", run_name="__mp_main__")
    assert capsys.readouterr() == ("", "")


def test_python_m_tui_runs_the_command(capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.argv", ["newsdesk", "--version"])
    with pytest.raises(SystemExit) as stop:
        runpy.run_module("tui.__main__", run_name="__main__")
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("newsdesk ")
