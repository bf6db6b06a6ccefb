import subprocess
import sys

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
