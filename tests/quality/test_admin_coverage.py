"""Every installed model has a Django admin that works: as a staff superuser, through the real
test client, its changelist renders (plain, then with a search query and a filter applied)
with no query per row, the change page of a real row renders, append-only tables offer no add or save, and a
signed-in user without staff rights is sent to the admin login.

A new model without an admin fails `test_every_model_has_an_admin`: register one (with
list_display, search_fields, list_filter; `apps.core.admin_support` for read-only and big
tables) or, for a truly internal table, add it to ALLOWLIST with the reason."""

import importlib
import itertools
import re
import uuid
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlencode

import factory
import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.core.admin_support import EstimatedCountPaginator
from tests.factories import UserFactory

# Models with no admin on purpose (label → why).
ALLOWLIST = {
    # Django's registry of models, filled by migrate; shown as choices, never edited.
    "contenttypes.contenttype": "internal registry, maintained by migrate",
    # Session rows hold signed session data; ending sessions is done by logging out users.
    "sessions.session": "opaque signed session data, nothing to read or edit",
    # Permissions are created by migrate and assigned on the user and group pages.
    "auth.permission": "created by migrate, assigned on the user and group pages",
    # django-celery-beat's one-row change marker that wakes the scheduler.
    "django_celery_beat.periodictasks": "internal change marker of the beat scheduler",
}

# Append-only tables: viewable, no add button, no save button.
READ_ONLY = {
    "admin.logentry",
    "core.auditlog",
    "core.streamevent",
    "core.streamcursor",
    "ai_planning.planrevision",
    "ai_planning.aiusage",
    "monitoring.metricpoint",
    "monitoring.metricrollup",
    "monitoring.rollupcursor",
    "monitoring.deliveryattempt",
    "monitoring.taskrun",
    "monitoring.session",
    "monitoring.event",
    "monitoring.analyticsrollup",
}

SEARCH = "probe 값"


def _label(model) -> str:
    return model._meta.label_lower


def _factories() -> dict:
    """model → the first factory_boy factory written for it (tests/factories.py, apps/*/tests/factories.py)."""
    modules = [importlib.import_module("tests.factories")]
    for config in apps.get_app_configs():
        try:
            modules.append(importlib.import_module(f"{config.name}.tests.factories"))
        except ModuleNotFoundError:
            continue
    found = {}
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory):
                model = value._meta.model
                if model is not None and value.__module__ == module.__name__:
                    found.setdefault(model, value)
    return found


FACTORIES = _factories()
_unique = itertools.count(1)


def _value(field):
    """A value for a required field, different on every call (unique constraints)."""
    n = next(_unique)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.EmailField):
        return f"row{n}@example.com"
    if isinstance(field, models.URLField):
        return f"https://example.com/{n}"
    if isinstance(field, models.GenericIPAddressField):
        return "127.0.0.1"
    if isinstance(field, models.CharField | models.TextField):
        text = f"row{n}"
        return text if len(text) <= (field.max_length or 100) else str(n)[-field.max_length :]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return Decimal(n % 80)
    if isinstance(field, models.IntegerField):
        return n
    if isinstance(field, models.FloatField):
        return 1.0
    if isinstance(field, models.DateTimeField):
        return timezone.now() - timedelta(seconds=n)
    if isinstance(field, models.DateField):
        return date.today() - timedelta(days=n)
    if isinstance(field, models.DurationField):
        return timedelta(seconds=1)
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.BinaryField):
        return b""
    raise NotImplementedError(f"no generic value for {field!r}: write a factory for {field.model.__name__}")


def make_row(model):
    """One saved row: the model's factory when there is one, else every required field filled
    (foreign keys by a row of their own)."""
    if model is ContentType:
        return ContentType.objects.get_for_model(apps.get_model("users", "User"))
    if _label(model) == "django_celery_beat.periodictask":
        interval = make_row(apps.get_model("django_celery_beat", "IntervalSchedule"))
        return model.objects.create(name=f"task {next(_unique)}", task="probe", interval=interval)
    made = FACTORIES.get(model)
    declared = made._meta.declarations if made else {}
    values = {}
    for field in model._meta.concrete_fields:
        if isinstance(field, models.AutoField) or field.has_default() or field.null:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        if declared.get(field.name) is not None or (field.blank and not field.is_relation):
            continue  # the factory fills it, or it may stay empty ("")
        if field.is_relation:
            values[field.name] = make_row(field.related_model)
        else:
            values[field.name] = _value(field)
    return made(**values) if made else model.objects.create(**values)


ADMINS = sorted(admin.site._registry.items(), key=lambda item: _label(item[0]))


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_every_model_has_an_admin():
    missing = sorted(
        _label(model)
        for model in apps.get_models()
        if model not in admin.site._registry and _label(model) not in ALLOWLIST
    )

    assert missing == [], f"models without a Django admin (register one, or ALLOWLIST with a reason): {missing}"


def test_the_allowlist_names_only_installed_models_without_an_admin():
    installed = {_label(model): model for model in apps.get_models()}

    for name in ALLOWLIST:
        assert name in installed, name
        assert installed[name] not in admin.site._registry, f"{name} has an admin: take it off ALLOWLIST"
    for name in READ_ONLY:
        assert installed[name] in admin.site._registry, name


@pytest.mark.parametrize(("model", "model_admin"), ADMINS, ids=[_label(model) for model, _ in ADMINS])
def test_changelist_search_filter_and_change_page_render_for_staff(staff_client, model, model_admin):
    row = make_row(model)

    listing = staff_client.get(_url(model, "changelist"))

    assert listing.status_code == 200, listing.content[:2000]
    changelist = listing.context["cl"]
    assert row.pk in {obj.pk for obj in changelist.result_list}

    # The first filter that offers a choice besides "All", together with a search query.
    query = ""
    for spec in changelist.filter_specs:
        choices = [choice for choice in spec.choices(changelist) if not choice["selected"]]
        if choices:
            query = choices[0]["query_string"].lstrip("?")
            break
    filtered = staff_client.get(f"{_url(model, 'changelist')}?{query}&{urlencode({'q': SEARCH})}")

    assert filtered.status_code == 200, (query, filtered.content[:2000])
    assert filtered.context["cl"].query == SEARCH
    if model_admin.list_filter:
        assert query, f"{_label(model)}: no filter offered a choice"

    # No query per row (list_select_related): three rows cost what one does.
    with CaptureQueriesContext(connection) as one_row:
        staff_client.get(_url(model, "changelist"))
    make_row(model)
    make_row(model)
    with CaptureQueriesContext(connection) as three_rows:
        staff_client.get(_url(model, "changelist"))
    assert len(three_rows) == len(one_row), [query["sql"] for query in three_rows.captured_queries]

    change = staff_client.get(_url(model, "change", quote(row.pk)))

    assert change.status_code == 200, change.content[:2000]
    if _label(model) in READ_ONLY:
        assert _url(model, "add") not in listing.content.decode()
        assert staff_client.get(_url(model, "add")).status_code == 403
        assert 'name="_save"' not in change.content.decode()


@pytest.mark.parametrize(("model", "model_admin"), ADMINS, ids=[_label(model) for model, _ in ADMINS])
def test_a_user_without_staff_rights_is_sent_to_the_admin_login(client, db, model, model_admin):
    client.force_login(UserFactory())

    response = client.get(_url(model, "changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_admin_labels_follow_the_request_language(staff_client):
    make_row(apps.get_model("admin", "LogEntry"))
    url = _url(apps.get_model("admin", "LogEntry"), "changelist")

    english = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    korean = staff_client.get(url, HTTP_ACCEPT_LANGUAGE="ko").content.decode()

    assert "<span>Change</span>" in english and "<span>변경 내용</span>" not in english
    assert "<span>변경 내용</span>" in korean and "<span>Change</span>" not in korean


def test_app_names_on_the_admin_index_follow_the_request_language(staff_client):
    english = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    korean = staff_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()

    def sections(page):  # the app headings: <a href="/admin/<app>/" class="section" …>name</a>
        return set(re.findall(r'class="section"[^>]*>([^<]+)</a>', page))

    assert {"Core", "Users", "Projects", "Feedback", "AI planning", "Monitoring"} <= sections(english)
    assert {"코어", "사용자", "프로젝트", "피드백", "AI 기획", "모니터링"} <= sections(korean)


class _TinyPaginator(EstimatedCountPaginator):
    CAP = 3


def test_the_big_table_paginator_never_counts_past_its_cap(db):
    point = apps.get_model("monitoring", "MetricPoint")
    for _ in range(5):
        make_row(point)

    filtered = _TinyPaginator(point.objects.filter(value__gte=0).order_by("-ts"), 50)
    assert filtered.count == 3

    unfiltered = _TinyPaginator(point.objects.order_by("-ts"), 50)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE monitoring_metricpoint")
        assert unfiltered.count == 5  # the planner's estimate, exact for a table just analysed
    else:
        assert unfiltered.count == 3
