"""Exit codes shared by every command (see DESIGN.md)."""

OK = 0
SOME_INPUTS_UNREADABLE = 1
USAGE = 2
