"""The README's config section shows files that actually load."""

from __future__ import annotations

import re
from pathlib import Path

from tui.config.template import DEFAULT_CONFIG_TEXT
from tui.config.themes import load_theme_file

README = Path(__file__).resolve().parents[2] / "README.md"


def yaml_blocks() -> list[str]:
    section = README.read_text(encoding="utf-8").split("<!-- config -->", 1)[1]
    return re.findall(r"```yaml\n(.*?)```", section, flags=re.S)


def test_readme_shows_the_init_template() -> None:
    assert DEFAULT_CONFIG_TEXT in yaml_blocks()


def test_readme_theme_example_is_a_valid_theme(tmp_path: Path) -> None:
    (example,) = [block for block in yaml_blocks() if "themes/sepia.yaml" in block]
    path = tmp_path / "sepia.yaml"
    path.write_text(example, encoding="utf-8")
    spec, errors = load_theme_file(path)
    assert errors == []
    assert spec is not None and spec.name == "sepia" and len(spec.roles) == 6
