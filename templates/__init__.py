"""The shipped templates, as package data ``aplan.templates`` (read with importlib.resources)."""
