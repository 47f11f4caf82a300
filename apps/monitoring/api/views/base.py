"""The monitoring views' common bases: staff-only (or the monitoring permission), and the
GET/PATCH/DELETE detail of one configuration object."""

from abc import ABCMeta, abstractmethod

from django.db.models import Model
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.base import PagedListView, document_inherited, validated

from ...permissions import CanMonitor


class MonitoringView(APIView):
    permission_classes = [CanMonitor]


class MonitoringList(PagedListView):
    permission_classes = [CanMonitor]


class MonitoringDetail(MonitoringView, metaclass=ABCMeta):
    # GET, PATCH (partial) and DELETE of one configuration object by id. The subclass
    # names the `model`, its `input_serializer` and `output_serializer` (the schema is
    # derived from them) and writes `update_object` with the app's service; it overrides
    # a method whose answer differs. (No docstring: it would describe every operation.)
    model: type[Model]
    input_serializer: type[serializers.Serializer]
    output_serializer: type[serializers.Serializer]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        document_inherited(
            cls,
            get=extend_schema(responses=cls.output_serializer),
            patch=extend_schema(request=cls.input_serializer(partial=True), responses=cls.output_serializer),
        )

    def get_object(self, pk):
        return get_object_or_404(self.model, pk=pk)

    @abstractmethod
    def update_object(self, instance, data: dict):
        """Saves the validated changes through the app's service; returns the object."""

    def output_for(self, data: dict) -> type[serializers.Serializer]:
        """The serializer of a PATCH's answer (a subclass may vary it with the request)."""
        return self.output_serializer

    def get(self, request, pk):
        return Response(self.output_serializer(self.get_object(pk)).data)

    def patch(self, request, pk):
        instance = self.get_object(pk)
        data = validated(self.input_serializer, request.data, partial=True)
        return Response(self.output_for(data)(self.update_object(instance, data)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        self.get_object(pk).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
