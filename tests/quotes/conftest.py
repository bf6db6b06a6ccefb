"""Fixtures for the quote tests: the labelled set's loader as a module."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

_GOLD_SET = Path(__file__).resolve().parent / "gold_set.py"


def load_gold_set() -> ModuleType:
    """``gold_set.py`` as a module (tests are imported by path, not as a package)."""
    name = "newsdesk_quote_gold_set"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, _GOLD_SET)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="session")
def gold_set() -> ModuleType:
    return load_gold_set()
