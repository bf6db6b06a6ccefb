"""Bytes -> text -> articles. No textual or rich here."""
