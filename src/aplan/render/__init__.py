"""Render stage: a typed view of the report, Jinja templates into Typst, and the PDF."""
