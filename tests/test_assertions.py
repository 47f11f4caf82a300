"""Every assert in the backend's tests says something: no assert on a literal constant,
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


def _empty_asserts_in(source: str, name: str) -> list[str]:
    found = []
    for function in ast.walk(ast.parse(source, filename=name)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) or not function.name.startswith("test"):
            continue
        fixtures = {arg.arg for arg in function.args.args}
        for node in ast.walk(function):
            if not isinstance(node, ast.Assert):
                continue
            constant = isinstance(node.test, ast.Constant)
            liveness = isinstance(node.test, ast.Name | ast.Attribute) and _root_name(node.test) in fixtures
            if constant or liveness:
                found.append(f"{name}:{node.lineno}: {ast.unparse(node)}")
    return found


def _empty_asserts() -> list[str]:
    return [line for path in TEST_FILES for line in _empty_asserts_in(path.read_text(), str(path.relative_to(ROOT)))]


def test_the_scan_flags_a_constant_and_a_fixture_alone_but_not_a_real_check():
    planted = (
        "def test_planted(planning, client):\n"
        "    assert 1\n"
        "    assert planning.ctx.project  # keeps the fixture alive\n"
        "    assert client.get('/').status_code == 200\n"
        "    assert planning.ctx.project.name == 'x'\n"
    )
    assert _empty_asserts_in(planted, "planted.py") == [
        "planted.py:2: assert 1",
        "planted.py:3: assert planning.ctx.project",
    ]


def test_the_scan_sees_the_test_files():
    assert len(TEST_FILES) > 50
    assert Path(__file__) in TEST_FILES


def test_no_assert_states_a_constant_or_a_fixture_alone():
    found = _empty_asserts()
    assert not found, "asserts that check nothing (use the fixture, or assert on what it did):\n" + "\n".join(found)
