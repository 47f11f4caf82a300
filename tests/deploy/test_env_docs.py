"""docs/deploy.md lists every variable of .env.example, and nothing else, in its
"Environment variables" table; and says where each one goes on Kubernetes in agreement
with the manifests' rule (secrets only from the Secret)."""

import re

from django.conf import settings

from tests.deploy.test_manifests import SECRET_KEYS

ROOT = settings.BASE_DIR


def documented() -> dict[str, str]:
    text = (ROOT / "docs" / "deploy.md").read_text()
    table = text[text.index("## Environment variables") :]
    return {name: where.strip() for name, where in re.findall(r"^\| `([A-Z][A-Z0-9_]*)` \|.*\|([^|]*)\|$", table, re.M)}


def example() -> list[str]:
    return re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M)


def test_every_variable_of_env_example_is_documented_and_nothing_else():
    docs, env = documented(), example()
    assert len(env) == len(set(env)), "a variable is listed twice in .env.example"
    assert sorted(set(env) - set(docs)) == [], "missing from docs/deploy.md"
    assert sorted(set(docs) - set(env)) == [], "in docs/deploy.md but not in .env.example"


def test_the_docs_put_exactly_the_secret_variables_in_the_secret():
    docs = documented()
    assert {name for name, where in docs.items() if where == "Secret"} == SECRET_KEYS & set(docs)
    assert SECRET_KEYS <= set(docs)
