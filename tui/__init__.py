"""Newsdesk: a keyboard-driven terminal reader for dumps of news articles."""

__version__ = "0.1.0"
