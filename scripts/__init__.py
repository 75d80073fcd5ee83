"""Helpers for ``dev.py``: standard library only, because they run before the venv exists."""
