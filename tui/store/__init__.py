"""The SQLite library: article cache, triage state, annotations, undo log."""
