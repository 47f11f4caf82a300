"""The shared view bases document what their subclasses declare: a list's `FilterSerializer`
becomes its query parameters, and a monitoring detail's serializers its GET and PATCH
bodies, while a method the subclass writes itself keeps its own schema."""

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def paths():
    return SchemaGenerator().get_schema(request=None, public=True)["paths"]


def _query_parameters(paths, path: str) -> set[str]:
    parameters = paths["/api/v1/" + path]["get"].get("parameters", [])
    return {parameter["name"] for parameter in parameters if parameter["in"] == "query"}


def _body(operation: dict, status: str | None = None) -> str:
    content = operation["requestBody"] if status is None else operation["responses"][status]
    return content["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


@pytest.mark.parametrize(
    "path, filters",
    [
        ("projects/", {"status", "search", "ordering"}),
        ("projects/{project_id}/ai-jobs/", {"status", "kind"}),
        ("monitoring/anomalies/", {"host", "metric"}),
        ("monitoring/alerts/", {"status", "severity", "host", "rule"}),
        ("monitoring/silences/", {"active"}),
    ],
)
def test_a_filtered_list_documents_its_filters_and_pages(paths, path, filters):
    assert _query_parameters(paths, path) == {*filters, "page", "page_size"}


def test_a_list_without_filters_documents_only_pages(paths):
    assert _query_parameters(paths, "projects/{project_id}/briefs/") == {"page", "page_size"}


@pytest.mark.parametrize("route, name", [("templates", "Template"), ("silences", "Silence")])
def test_a_monitoring_detail_documents_its_serializers(paths, route, name):
    detail = paths[f"/api/v1/monitoring/{route}/{{id}}/"]
    assert _body(detail["get"], "200") == f"{name}Out"
    assert _body(detail["patch"]) == f"Patched{name}InRequest"
    assert _body(detail["patch"], "200") == f"{name}Out"
    assert "204" in detail["delete"]["responses"]


def test_a_method_the_subclass_writes_keeps_its_own_schema(paths):
    assert paths["/api/v1/monitoring/silences/{id}/"]["delete"]["description"] == (
        "Ends the silence now (its record stays)."
    )
    assert "description" not in paths["/api/v1/monitoring/templates/{id}/"]["delete"]
    channel = paths["/api/v1/monitoring/channels/{id}/"]
    assert _body(channel["patch"]) == "PatchedChannelUpdateInRequest"
    assert _body(channel["get"], "200") == _body(channel["patch"], "200") == "ChannelOut"
