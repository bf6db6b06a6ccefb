import subprocess
import sys

import pytest

from tui.cli import build_parser


def test_every_command_has_help() -> None:
    _parser, commands = build_parser()
    for name in commands:
        out = subprocess.run(
            [sys.executable, "-m", "tui", name, "--help"], capture_output=True, text=True
        )
        assert out.returncode == 0, out.stderr
        assert name in out.stdout


def test_version() -> None:
    out = subprocess.run([sys.executable, "-m", "tui", "--version"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.startswith("newsdesk ")


def _dump(path, n: int) -> None:
    """A dump of ``n`` short articles, each under its own title line."""
    blocks = []
    for i in range(n):
        blocks.append(
            f"Council report number {i}\n\n"
            f"The council met on Monday to discuss item {i} of its agenda. "
            "Members voted to publish the minutes of the meeting next week.\n"
        )
    path.write_text("\n".join(blocks), encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [["parse", "{dump}", "--format", "jsonl"], ["export", "--format", "json"]],
    ids=["parse", "export"],
)
def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path, command) -> None:
    """`newsdesk ... | head -c 10`: no traceback and no error line when the pipe closes."""
    dump = tmp_path / "dump.txt"
    _dump(dump, 3000)  # far more output than a pipe buffer holds
    if command[0] == "export":
        imported = subprocess.run(
            [sys.executable, "-m", "tui", "import", str(dump)], capture_output=True, text=True
        )
        assert imported.returncode == 0, imported.stderr
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", *[part.format(dump=dump) for part in command]],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.read(10)
    proc.stdout.close()  # the reader leaves, as `head` does
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    assert first.strip().startswith((b"{", b"["))
    assert "Traceback" not in err
    assert "Broken pipe" not in err
    assert code == 0
