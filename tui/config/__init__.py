"""YAML configuration: views, keymap, theme."""
