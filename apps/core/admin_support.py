"""Building blocks for the Django admin of every app.

- `label(en, ko)` (from `core.labels`): an admin-visible text (column, filter, fieldset
  title) in the request's language.
- `ReadOnlyAdmin`: append-only tables (metric points, events, audit log, revisions, …) are
  looked at, never added to or edited; `deletable = True` where an operator may prune rows.
- `BigTableAdmin`: changelists of tables that grow without bound never COUNT(*) the whole
  table (`show_full_result_count = False` and `EstimatedCountPaginator`).
"""

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

from .labels import label

__all__ = ["BigTableAdmin", "EstimatedCountPaginator", "ReadOnlyAdmin", "ReadOnlyBigTableAdmin", "label"]


class EstimatedCountPaginator(Paginator):
    """The page count of a big table without a full COUNT(*): unfiltered on PostgreSQL it is
    the planner's estimate (pg_class.reltuples, kept by autovacuum) once that is large;
    otherwise an exact count capped at `CAP` rows (a bounded subquery), so a filter that
    matches millions still answers quickly — the changelist then says "CAP results"."""

    CAP = 100_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if not hasattr(queryset, "query"):
            return super().count
        connection = connections[queryset.db]
        if not queryset.query.where and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
                    [connection.ops.quote_name(queryset.model._meta.db_table)],
                )
                row = cursor.fetchone()
            if row and row[0] >= self.CAP:
                return int(row[0])
        return queryset.order_by()[: self.CAP].count()


class BigTableAdmin(admin.ModelAdmin):
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    list_per_page = 50


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable by staff with the view permission; the add button and the save buttons are gone."""

    deletable = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)


class ReadOnlyBigTableAdmin(ReadOnlyAdmin, BigTableAdmin):
    pass
