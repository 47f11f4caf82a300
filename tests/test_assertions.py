"""Every assert in the backend's tests says something: no `assert True` (or any other constant),
and no assert whose whole test is a fixture or one of its attributes (`assert planning.ctx.project`
"keeps the fixture alive" — a fixture is alive because the test asked for it, and such an
assert only proves that a factory returned an object)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_FILES = sorted({*ROOT.glob("apps/*/tests/**/*.py"), *ROOT.glob("tests/**/*.py")})


def _root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _empty_asserts() -> list[str]:
    found = []
    for path in TEST_FILES:
        tree = ast.parse(path.read_text(), filename=str(path))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) or not function.name.startswith("test"):
                continue
            fixtures = {arg.arg for arg in function.args.args}
            for node in ast.walk(function):
                if not isinstance(node, ast.Assert):
                    continue
                constant = isinstance(node.test, ast.Constant)
                liveness = isinstance(node.test, ast.Name | ast.Attribute) and _root_name(node.test) in fixtures
                if constant or liveness:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_scan_sees_the_test_files():
    assert len(TEST_FILES) > 50
    assert Path(__file__) in TEST_FILES


def test_no_assert_states_a_constant_or_a_fixture_alone():
    found = _empty_asserts()
    assert not found, "asserts that check nothing (use the fixture, or assert on what it did):\n" + "\n".join(found)
