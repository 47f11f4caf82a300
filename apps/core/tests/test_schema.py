"""The OpenAPI document: served, complete for the contract routes, and free of warnings."""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

CONTRACT_PATHS = {
    "/api/v1/auth/register/": {"post"},
    "/api/v1/auth/login/": {"post"},
    "/api/v1/auth/refresh/": {"post"},
    "/api/v1/auth/logout/": {"post"},
    "/api/v1/auth/ws-ticket/": {"post"},
    "/api/v1/auth/password/change/": {"post"},
    "/api/v1/auth/password/reset/": {"post"},
    "/api/v1/auth/password/reset/confirm/": {"post"},
    "/api/v1/users/me/": {"get", "patch"},
    "/api/v1/notifications/": {"get"},
    "/api/v1/notifications/{id}/read/": {"post"},
    "/api/v1/notifications/read-all/": {"post"},
}


def test_openapi_schema_is_served_with_the_contract_routes(api_client):
    response = api_client.get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path, methods in CONTRACT_PATHS.items():
        assert path in schema["paths"], path
        assert methods <= set(schema["paths"][path]), (path, set(schema["paths"][path]))
    assert "ErrorEnvelope" in schema["components"]["schemas"]


def test_openapi_schema_documents_error_envelope_responses(api_client):
    schema = api_client.get("/api/v1/schema/", {"format": "json"}).json()
    envelope = {"$ref": "#/components/schemas/ErrorEnvelope"}

    login = schema["paths"]["/api/v1/auth/login/"]["post"]["responses"]
    me = schema["paths"]["/api/v1/users/me/"]["patch"]["responses"]

    assert login["401"]["content"]["application/json"]["schema"] == envelope
    assert me["400"]["content"]["application/json"]["schema"] == envelope
    assert me["401"]["content"]["application/json"]["schema"] == envelope


def test_openapi_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))

    assert out.stat().st_size > 0


def test_api_docs_page_is_served(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
