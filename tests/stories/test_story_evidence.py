"""benchmarks/story_evidence.py: the evidence it reads is what its docstring says.

The script measures other evidence than the words on the PolNeAR labels; its figures
are only as good as the tokens it reads, so those are checked here on small made-up
texts (no PolNeAR text)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from tui.extract.pipeline import parse_document
from tui.extract.stories import StoryIndex, article_features, day_number

from .conftest import OTHERS, SAMPLES, TIDAL

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    name = "story_evidence"
    if name in sys.modules:
        return sys.modules[name]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


THURSDAY = day_number("2016-06-09")
assert THURSDAY is not None


def test_a_weekday_is_the_last_such_day_on_or_before_the_paper() -> None:
    days = _script().weekday_days
    assert days("Clinton won on Tuesday.", THURSDAY) == {THURSDAY - 2}
    assert days("The vote on Thursday", THURSDAY) == {THURSDAY}
    assert days("Friday's rally and Sunday's primary", THURSDAY) == {THURSDAY - 6, THURSDAY - 4}
    assert days("No weekday here.", THURSDAY) == set()


TEXT = """Senator promises a vote on the bridge

Senator Dana Whitfield said on Tuesday that the $1.2 billion bridge would get its vote
before 2017.

"We will put the bridge to a vote this month," Whitfield said.

"Nobody asked the towns," his wife said.
"""


def test_the_tokens_of_each_kind() -> None:
    article = parse_document(TEXT, "senate.txt")[0]
    tokens = _script().evidence(article, THURSDAY)
    assert "whitfield" in tokens["speaker"]
    assert "wife" not in tokens["speaker"]  # a role in lower case is no one to match
    assert "dana whitfield" in tokens["names"]
    assert "#$1.2 billion" in tokens["number"]
    assert not any("2017" in n for n in tokens["number"])  # years carry nothing
    assert "put the bridge" in tokens["quoted"]
    assert tokens["weekday"] == {str(THURSDAY - 2)}
    assert _script().evidence(article, None)["weekday"] == set()  # no date, no day


def test_without_evidence_the_script_groups_as_the_grouping_does() -> None:
    script = _script()
    items = []
    for name in [TIDAL[0], TIDAL[1], *OTHERS]:
        text = (SAMPLES / name).read_text(encoding="utf-8")
        items += [
            (f"{name}#{a.id}", article_features(a, day=20000)) for a in parse_document(text, name)
        ]

    def stories(index: StoryIndex) -> set[tuple[str, str]]:
        for key, features in items:
            index.place(key, features)
        placed = {key: index.resolve(story) for key, story in index.placements.items()}
        return {(a, b) for a in placed for b in placed if a < b and placed[a] == placed[b]}

    ours = stories(script.EvidenceIndex(0.7, set()))
    assert ours  # the tidal-plant reports are one story
    assert ours == stories(StoryIndex())
