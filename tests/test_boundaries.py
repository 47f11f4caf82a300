"""Backend boundaries import-linter cannot express: no module imports another app's private
(`_name`) objects or modules. The app contracts themselves are in pyproject.toml
([tool.importlinter], the `lint-imports` tier). An app's tests may use anything."""

import ast
from pathlib import Path

APPS = Path(__file__).resolve().parent.parent / "apps"

# Private names another app still imports (none today); each entry is a debt to pay off.
KNOWN: set[str] = set()


def _private_imports() -> dict[str, list[str]]:
    """Imported dotted name → the files (outside that app, tests and migrations) importing it."""
    found: dict[str, list[str]] = {}
    for path in sorted(APPS.rglob("*.py")):
        parts = path.relative_to(APPS).parts
        if "tests" in parts or "migrations" in parts:
            continue
        own = f"apps.{parts[0]}"
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if not name.startswith("apps.") or name == own or name.startswith(own + "."):
                    continue
                if any(part.startswith("_") and not part.startswith("__") for part in name.split(".")):
                    found.setdefault(name, []).append(str(path.relative_to(APPS.parent)))
    return found


def test_no_app_imports_another_apps_private_names():
    found = _private_imports()
    new = {name: files for name, files in found.items() if name not in KNOWN}
    assert not new, f"private names of another app imported (make them public or add a hook): {new}"
    gone = KNOWN - set(found)
    assert not gone, f"no longer imported, remove from KNOWN: {sorted(gone)}"
