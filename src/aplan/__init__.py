"""aplan: compile Thai action-plan monitoring reports from YAML sources."""
