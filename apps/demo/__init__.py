"""Demo data for `make run`, the e2e backend and the stack (`manage.py seed_demo`).

The top layer: it builds a demo install through every app's services, so it may import any
app and no app imports it (registered last in INSTALLED_APPS; see docs/architecture.md)."""
