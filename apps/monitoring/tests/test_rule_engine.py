"""The rule engine with a controlled clock: every evaluation is given its `now`."""

from datetime import timedelta

import pytest
from django.core import mail

from apps.core.models import StreamEvent
from apps.monitoring.models import Alert, Delivery
from apps.monitoring.services.alerts import alert_acknowledge, rule_evaluate, rules_evaluate

from .conftest import T0, make_rule, put
from .factories import AnomalyFactory, HostFactory, SilenceFactory

pytestmark = pytest.mark.django_db

S = timedelta(seconds=1)


def deliveries(event_type: str | None = None) -> list[str]:
    qs = Delivery.objects.order_by("created_at")
    if event_type:
        qs = qs.filter(event_type=event_type)
    return list(qs.values_list("event_type", flat=True))


def monitoring_events() -> list[str]:
    return list(StreamEvent.objects.filter(stream="monitoring").order_by("seq").values_list("type", flat=True))


def test_fires_only_after_the_for_duration_and_notifies_once(host, email_channel):
    rule = make_rule(for_seconds=60, channels=[email_channel])
    put(host, "cpu.percent", 95, T0)
    rule_evaluate(rule=rule, now=T0)
    alert = Alert.objects.get()
    assert alert.status == "pending" and deliveries() == []
    put(host, "cpu.percent", 96, T0 + 30 * S)
    rule_evaluate(rule=rule, now=T0 + 30 * S)
    assert Alert.objects.get().status == "pending"
    put(host, "cpu.percent", 97, T0 + 60 * S)
    rule_evaluate(rule=rule, now=T0 + 60 * S)
    alert = Alert.objects.get()
    assert (alert.status, alert.value, alert.started_at) == ("firing", 97, T0 + 60 * S)
    assert deliveries() == ["alert.firing"]
    assert monitoring_events() == ["alert.firing"]


def test_pending_alert_that_clears_before_the_for_duration_never_fires(host, email_channel):
    rule = make_rule(for_seconds=60, channels=[email_channel])
    put(host, "cpu.percent", 95, T0)
    rule_evaluate(rule=rule, now=T0)
    put(host, "cpu.percent", 20, T0 + 30 * S)
    rule_evaluate(rule=rule, now=T0 + 30 * S)
    assert Alert.objects.count() == 0 and deliveries() == [] and monitoring_events() == []


def test_dedup_one_open_alert_per_rule_and_host(host, email_channel):
    rule = make_rule(channels=[email_channel])
    for i in range(5):
        put(host, "cpu.percent", 95 + i, T0 + i * 15 * S)
        rule_evaluate(rule=rule, now=T0 + i * 15 * S)
    assert Alert.objects.count() == 1
    assert deliveries() == ["alert.firing"]
    assert Alert.objects.get().value == 99


def test_worst_series_decides_for_multi_series_metrics(host):
    rule = make_rule(metric="disk.percent", threshold=80)
    put(host, "disk.percent", 50, T0, labels="/")
    put(host, "disk.percent", 91, T0, labels="/data")
    rule_evaluate(rule=rule, now=T0)
    alert = Alert.objects.get()
    assert (alert.status, alert.labels, alert.value) == ("firing", "/data", 91)


def test_resolve_notifies_and_publishes(host, email_channel, django_capture_on_commit_callbacks):
    rule = make_rule(channels=[email_channel])
    with django_capture_on_commit_callbacks(execute=True):
        put(host, "cpu.percent", 95, T0)
        rule_evaluate(rule=rule, now=T0)
        put(host, "cpu.percent", 10, T0 + 15 * S)
        rule_evaluate(rule=rule, now=T0 + 15 * S)
    alert = Alert.objects.get()
    assert (alert.status, alert.resolved_at) == ("resolved", T0 + 15 * S)
    assert deliveries() == ["alert.firing", "alert.resolved"]
    assert monitoring_events() == ["alert.firing", "alert.resolved"]
    assert [m.subject for m in mail.outbox] == ["[CRITICAL] CPU high firing on web-1", "[RESOLVED] CPU high on web-1"]
    assert Delivery.objects.filter(status="delivered").count() == 2
    # the condition returning later is a new alert
    put(host, "cpu.percent", 99, T0 + 30 * S)
    rule_evaluate(rule=rule, now=T0 + 30 * S)
    assert Alert.objects.filter(status="firing").count() == 1 and Alert.objects.count() == 2


def test_cooldown_renotifies_a_firing_alert(host, email_channel):
    rule = make_rule(cooldown_seconds=300, channels=[email_channel])
    for seconds in (0, 120, 299, 300, 450, 600):
        put(host, "cpu.percent", 95, T0 + seconds * S)
        rule_evaluate(rule=rule, now=T0 + seconds * S)
    assert deliveries() == ["alert.firing", "alert.renotify", "alert.renotify"]
    assert Alert.objects.get().notify_count == 3


def test_acknowledge_stops_renotification_but_not_the_resolve(host, email_channel, staff):
    rule = make_rule(cooldown_seconds=300, channels=[email_channel])
    put(host, "cpu.percent", 95, T0)
    rule_evaluate(rule=rule, now=T0)
    alert_acknowledge(alert=Alert.objects.get(), user=staff, now=T0 + 10 * S)
    for seconds in (300, 600, 900):
        put(host, "cpu.percent", 95, T0 + seconds * S)
        rule_evaluate(rule=rule, now=T0 + seconds * S)
    assert deliveries() == ["alert.firing"]
    put(host, "cpu.percent", 5, T0 + 1000 * S)
    rule_evaluate(rule=rule, now=T0 + 1000 * S)
    assert deliveries() == ["alert.firing", "alert.resolved"]
    assert "alert.acknowledged" in monitoring_events()


def test_no_data_alert_fires_for_a_silent_host_and_resolves_when_samples_return(host, email_channel):
    rule = make_rule(name="Host silent", metric="host.missed_intervals", threshold=4, channels=[email_channel])
    put(host, "cpu.percent", 10, T0)
    rule_evaluate(rule=rule, now=T0 + 30 * S)  # 2 intervals: fine
    assert Alert.objects.count() == 0
    rule_evaluate(rule=rule, now=T0 + 75 * S)  # 5 intervals of silence
    alert = Alert.objects.get()
    assert (alert.status, alert.value) == ("firing", 5.0)
    put(host, "cpu.percent", 10, T0 + 90 * S)
    rule_evaluate(rule=rule, now=T0 + 91 * S)
    assert Alert.objects.get().status == "resolved"
    assert deliveries() == ["alert.firing", "alert.resolved"]


def test_stale_values_do_not_resolve_or_fire(host):
    rule = make_rule()
    put(host, "cpu.percent", 95, T0)
    rule_evaluate(rule=rule, now=T0)
    rule_evaluate(rule=rule, now=T0 + 600 * S)  # no fresh value: left as it is
    assert Alert.objects.get().status == "firing"


def test_silence_mutes_notifications_but_records_the_alert(host, email_channel, staff):
    rule = make_rule(channels=[email_channel])
    SilenceFactory(
        matchers={"host": "web-1"}, starts_at=T0 - 60 * S, ends_at=T0 + 600 * S, reason="deploy", created_by=staff
    )
    put(host, "cpu.percent", 95, T0)
    rule_evaluate(rule=rule, now=T0)
    alert = Alert.objects.get()
    assert (alert.status, alert.silenced) == ("firing", True)
    assert deliveries() == [] and monitoring_events() == ["alert.firing"]
    # fired and resolved entirely inside the silence: nobody was told, nothing to resolve
    put(host, "cpu.percent", 10, T0 + 60 * S)
    rule_evaluate(rule=rule, now=T0 + 60 * S)
    assert Alert.objects.get().status == "resolved"
    assert deliveries() == [] and monitoring_events() == ["alert.firing", "alert.resolved"]


def test_silence_that_ends_while_firing_sends_the_firing_notice_then(host, email_channel):
    rule = make_rule(channels=[email_channel])
    SilenceFactory(matchers={"rule": str(rule.pk)}, starts_at=T0 - 60 * S, ends_at=T0 + 100 * S)
    put(host, "cpu.percent", 95, T0)
    rule_evaluate(rule=rule, now=T0)
    assert deliveries() == []
    put(host, "cpu.percent", 95, T0 + 120 * S)
    rule_evaluate(rule=rule, now=T0 + 120 * S)
    assert deliveries() == ["alert.firing"]


def test_resolve_while_silenced_is_still_delivered_when_the_firing_was(host, email_channel):
    rule = make_rule(channels=[email_channel])
    put(host, "cpu.percent", 95, T0)
    rule_evaluate(rule=rule, now=T0)
    assert deliveries() == ["alert.firing"]
    SilenceFactory(kind="maintenance", matchers={}, starts_at=T0 + 10 * S, ends_at=T0 + 3600 * S)
    put(host, "cpu.percent", 95, T0 + 700 * S)
    rule_evaluate(rule=rule, now=T0 + 700 * S)  # cooldown passed, but silenced: no re-notify
    assert deliveries() == ["alert.firing"]
    put(host, "cpu.percent", 10, T0 + 800 * S)
    rule_evaluate(rule=rule, now=T0 + 800 * S)
    assert deliveries() == ["alert.firing", "alert.resolved"]


def test_silence_matchers_must_all_match(host, email_channel):
    rule = make_rule(channels=[email_channel])
    SilenceFactory(matchers={"host": "web-1", "severity": "warning"}, starts_at=T0 - 60 * S, ends_at=T0 + 60 * S)
    put(host, "cpu.percent", 95, T0)
    rule_evaluate(rule=rule, now=T0)
    assert deliveries() == ["alert.firing"]  # severity critical ≠ warning


def test_disabling_a_rule_resolves_its_open_alerts(host, email_channel):
    rule = make_rule(channels=[email_channel])
    put(host, "cpu.percent", 95, T0)
    rule_evaluate(rule=rule, now=T0)
    rule.enabled = False
    rule.save()
    rules_evaluate(now=T0 + 15 * S)
    assert Alert.objects.get().status == "resolved"
    assert deliveries() == ["alert.firing", "alert.resolved"]


def test_host_selector_limits_the_hosts(host):

    other = HostFactory(name="db-1")
    rule = make_rule(host_selector={"name_glob": "db-*"})
    put(host, "cpu.percent", 99, T0)
    put(other, "cpu.percent", 99, T0)
    rule_evaluate(rule=rule, now=T0)
    assert list(Alert.objects.values_list("host__name", flat=True)) == ["db-1"]


def test_staff_get_in_app_notifications_on_fire_and_resolve(host, staff):
    from apps.core.models import Notification

    rule = make_rule()
    put(host, "cpu.percent", 95, T0)
    rule_evaluate(rule=rule, now=T0)
    put(host, "cpu.percent", 5, T0 + 15 * S)
    rule_evaluate(rule=rule, now=T0 + 15 * S)
    verbs = list(Notification.objects.filter(recipient=staff).order_by("created_at").values_list("verb", flat=True))
    assert verbs == ["alert.firing", "alert.resolved"]


def test_anomaly_source_plugs_into_the_same_engine(host, email_channel):

    put(host, "cpu.percent", 20, T0)
    rule = make_rule(
        name="Anomalous host",
        source="anomaly",
        metric="anomaly.score",
        operator=">=",
        threshold=3,
        channels=[email_channel],
    )
    AnomalyFactory(host=host, detected_at=T0 - 60 * S, value=95, baseline_mean=20, baseline_std=2, score=37.5)
    rule_evaluate(rule=rule, now=T0)
    alert = Alert.objects.get()
    assert (alert.status, alert.value, alert.labels) == ("firing", 37.5, "cpu.percent")
    rule_evaluate(rule=rule, now=T0 + 20 * 60 * S)  # the anomaly is old now
    assert Alert.objects.get().status == "resolved"
    assert deliveries() == ["alert.firing", "alert.resolved"]
