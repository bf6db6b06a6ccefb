"""Entities, quotes and speakers pulled out of parsed articles. No textual or rich here."""
