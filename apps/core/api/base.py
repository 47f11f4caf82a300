"""What the apps' API views share: input validation, and the paged list whose query
parameters one `FilterSerializer` both documents and validates."""

from functools import cached_property

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.generics import ListAPIView

from apps.core.pagination import PagePagination


def validated(serializer_class, data, **kwargs) -> dict:
    """`data` checked by `serializer_class`; invalid input raises, which the exception
    handler answers with the 400 envelope."""
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def document_inherited(view: type, **schemas) -> None:
    """Attach `extend_schema(...)` per method name to the methods `view` inherits, for a
    base class whose schema depends on what the subclass declares. A method the subclass
    writes itself keeps its own decorator."""
    inherited = {name: schema for name, schema in schemas.items() if name not in view.__dict__}
    if inherited:
        extend_schema_view(**inherited)(view)


class PagedListView(ListAPIView):
    # A table read page by page (`?page=&page_size=`). A subclass may declare a nested
    # `FilterSerializer`: its fields are documented as the GET query parameters and read
    # back, validated, as `self.filters`. (No docstring here: drf-spectacular would show
    # it as the description of every list.)
    pagination_class = PagePagination
    filter_backends = []
    FilterSerializer: type[serializers.Serializer] | None = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.FilterSerializer is not None:
            document_inherited(cls, get=extend_schema(parameters=[cls.FilterSerializer]))

    @cached_property
    def filters(self) -> dict:
        """The query parameters, validated by `FilterSerializer` (400 on a bad one)."""
        return validated(self.FilterSerializer, self.request.query_params)
