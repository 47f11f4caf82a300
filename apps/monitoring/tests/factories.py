"""factory_boy factories for monitoring's rows: a test names only the fields it is about."""

from datetime import timedelta

import factory
from django.utils import timezone

from apps.monitoring.analytics.models import Site
from apps.monitoring.models import (
    Alert,
    AlertRule,
    Anomaly,
    Backup,
    Host,
    MetricPoint,
    MetricRollup,
    NotificationChannel,
    NotificationTemplate,
    Silence,
    TaskRun,
)


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Host

    name = factory.Sequence(lambda n: f"host-{n}")


class AlertRuleFactory(factory.django.DjangoModelFactory):
    """A critical CPU-over-90% rule that fires at once (`channels=[...]` attaches channels)."""

    class Meta:
        model = AlertRule
        skip_postgeneration_save = True

    name = "CPU high"
    metric = "cpu.percent"
    operator = ">"
    threshold = 90.0
    for_seconds = 0
    severity = "critical"
    cooldown_seconds = 600

    @factory.post_generation
    def channels(rule, create, extracted, **kwargs):
        if create and extracted:
            rule.channels.set(extracted)


class AlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alert

    rule = factory.SubFactory(AlertRuleFactory)
    host = factory.SubFactory(HostFactory)
    target = factory.LazyAttribute(lambda alert: str(alert.host.pk))
    severity = "critical"
    status = "firing"
    pending_since = factory.LazyFunction(timezone.now)
    last_evaluated_at = factory.LazyFunction(timezone.now)


class SilenceFactory(factory.django.DjangoModelFactory):
    """Active for an hour either side of now, matching everything unless told otherwise."""

    class Meta:
        model = Silence

    matchers = factory.LazyFunction(dict)
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=1))


class AnomalyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Anomaly

    host = factory.SubFactory(HostFactory)
    metric = "cpu.percent"
    detected_at = factory.LazyFunction(timezone.now)
    value = 99.0
    baseline_mean = 40.0
    baseline_std = 5.0
    score = 11.8


class MetricPointFactory(factory.django.DjangoModelFactory):
    """One raw value (the `put` helper in conftest also moves the host's last-seen mark)."""

    class Meta:
        model = MetricPoint

    host = factory.SubFactory(HostFactory)
    metric = "cpu.percent"
    labels = ""
    ts = factory.LazyFunction(timezone.now)
    value = 50.0


class MetricRollupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MetricRollup

    host = factory.SubFactory(HostFactory)
    metric = "cpu.percent"
    resolution = "hour"
    count = 1
    min = 1
    max = 1
    avg = 1
    p95 = 1


class NotificationChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationChannel

    name = factory.Sequence(lambda n: f"channel {n}")
    kind = "email"
    recipients = factory.LazyFunction(lambda: ["ops@example.com"])


class NotificationTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationTemplate

    name = factory.Sequence(lambda n: f"template {n}")
    event_type = "alert.firing"
    locale = "en"
    subject = "{{ rule.name }}"
    body = "{{ host.name }}"


class TaskRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskRun

    task_id = factory.Sequence(lambda n: f"task-{n}")
    name = "apps.x.ok"
    state = "succeeded"
    started_at = factory.LazyFunction(timezone.now)


class BackupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Backup

    engine = "postgresql"
    status = "succeeded"


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    name = "Shop"
    allowed_origins = factory.LazyFunction(lambda: ["https://shop.example"])
