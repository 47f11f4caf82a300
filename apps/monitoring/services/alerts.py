"""The rule engine and the alert lifecycle (Alertmanager-like, plus acknowledgement).

Per rule and target (a host for host rules) there is at most one open alert (dedup, also
enforced by a partial unique constraint). An evaluation at time `now`:

- condition true, no open alert → a `pending` alert; it fires once the condition has held
  for the rule's for-duration (immediately when that is 0);
- condition false → a pending alert is dropped, a firing one resolves;
- a target with no fresh value → its alert is left as it is (the no-data rule, metric
  `host.missed_intervals`, is what reports silent hosts).

Notifications: on fire; again every cooldown while it fires, unless acknowledged; on
resolve. A silence or maintenance window that matches mutes them, yet the alert and its
realtime events are recorded as usual. If a silence ends while the alert still fires, the
firing notice goes out then. **Resolve-while-silenced rule:** a resolve notice is sent
exactly when the firing notice was sent — even if a silence has begun since (whoever was
paged learns it is over); an alert that fired and resolved entirely inside a silence
sends nothing."""

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.core import events
from apps.core.errors import Conflict

from ..models import Alert, AlertRule, Silence
from ..serializers import AlertOut
from ..sources import Observation, source_get
from .notify import alert_notify, staff_notify_in_app
from .samples import MONITORING_STREAM

logger = logging.getLogger(__name__)

OPEN = (Alert.Status.PENDING, Alert.Status.FIRING)


def condition_holds(value: float, operator: str, threshold: float) -> bool:
    return {
        ">": value > threshold,
        ">=": value >= threshold,
        "<": value < threshold,
        "<=": value <= threshold,
        "==": value == threshold,
        "!=": value != threshold,
    }[operator]


def silences_active(now: datetime) -> list[Silence]:
    return list(Silence.objects.filter(starts_at__lte=now, ends_at__gt=now))


def silence_matches(silence: Silence, alert: Alert) -> bool:
    host = alert.host
    for key, wanted in (silence.matchers or {}).items():
        wanted = str(wanted)
        if key == "rule" and wanted != str(alert.rule_id):
            return False
        if key == "host" and (host is None or wanted not in (host.name, str(host.pk))):
            return False
        if key == "severity" and wanted != alert.severity:
            return False
        if key == "metric" and wanted != alert.rule.metric:
            return False
        if key == "target" and wanted != alert.target:
            return False
    return True


def _publish(alert: Alert, type: str) -> None:
    events.publish(stream=MONITORING_STREAM, type=type, data=AlertOut(alert).data)


def _fire(alert: Alert, now: datetime, silenced: bool) -> None:
    alert.status = Alert.Status.FIRING
    alert.started_at = now
    alert.silenced = silenced
    if not silenced:
        _notify(alert, "alert.firing", now)
    alert.save()
    _publish(alert, "alert.firing")


def _notify(alert: Alert, event_type: str, now: datetime) -> None:
    alert_notify(alert=alert, event_type=event_type)
    if event_type != "alert.renotify":
        staff_notify_in_app(alert=alert, event_type=event_type)
    if event_type in ("alert.firing", "alert.renotify"):
        alert.fired_notified = True
    alert.last_notified_at = now
    alert.notify_count += 1


def _resolve(alert: Alert, now: datetime) -> None:
    alert.status = Alert.Status.RESOLVED
    alert.resolved_at = now
    if alert.fired_notified:
        _notify(alert, "alert.resolved", now)
    alert.save()
    _publish(alert, "alert.resolved")


def _still_firing(alert: Alert, now: datetime, silenced: bool) -> None:
    alert.silenced = silenced
    if silenced:
        return
    if not alert.fired_notified:  # it fired during a silence that has ended
        _notify(alert, "alert.firing", now)
        return
    cooldown = alert.rule.cooldown_seconds
    if (
        cooldown
        and alert.acknowledged_at is None
        and alert.last_notified_at is not None
        and now - alert.last_notified_at >= timedelta(seconds=cooldown)
    ):
        _notify(alert, "alert.renotify", now)


def _open_alert(rule: AlertRule, obs: Observation, now: datetime) -> Alert:
    try:
        with transaction.atomic():
            return Alert.objects.create(
                rule=rule,
                host_id=obs.host_id,
                target=obs.target,
                target_label=obs.label[:200],
                labels=obs.labels,
                status=Alert.Status.PENDING,
                severity=rule.severity,
                value=obs.value,
                pending_since=now,
                last_evaluated_at=now,
            )
    except IntegrityError:  # another evaluator opened it first
        return Alert.objects.select_related("host", "rule").get(rule=rule, target=obs.target, status__in=OPEN)


@transaction.atomic
def rule_evaluate(*, rule: AlertRule, now: datetime | None = None, silences: list[Silence] | None = None) -> dict:
    """Evaluate one rule at `now` (the controlled clock in tests)."""
    now = now or timezone.now()
    rule = AlertRule.objects.select_for_update().get(pk=rule.pk)  # one evaluator per rule at a time
    silences = silences_active(now) if silences is None else silences
    source = source_get(rule.source)
    if source is None:
        logger.warning("Rule %s uses unknown source %s", rule.pk, rule.source)
        return {"fired": 0, "resolved": 0}
    open_alerts = {
        alert.target: alert
        for alert in Alert.objects.filter(rule=rule, status__in=OPEN).select_related("host", "acknowledged_by")
    }
    fired = resolved = 0
    for obs in source.observe(rule, now):
        alert = open_alerts.get(obs.target)
        if condition_holds(obs.value, rule.operator, rule.threshold):
            if alert is None:
                alert = _open_alert(rule, obs, now)
            alert.rule = rule
            alert.value, alert.labels, alert.last_evaluated_at = obs.value, obs.labels, now
            alert.target_label = obs.label[:200] or alert.target_label
            silenced = any(silence_matches(silence, alert) for silence in silences)
            if alert.status == Alert.Status.PENDING:
                if now - alert.pending_since >= timedelta(seconds=rule.for_seconds):
                    _fire(alert, now, silenced)
                    fired += 1
                else:
                    alert.save()
            else:
                _still_firing(alert, now, silenced)
                alert.save()
        elif alert is not None:
            alert.rule = rule
            alert.value, alert.last_evaluated_at = obs.value, now
            if alert.status == Alert.Status.PENDING:
                alert.delete()  # never fired: nothing to tell
            else:
                _resolve(alert, now)
                resolved += 1
    return {"fired": fired, "resolved": resolved}


def rules_evaluate(*, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    silences = silences_active(now)
    totals = {"rules": 0, "fired": 0, "resolved": 0}
    for rule in AlertRule.objects.filter(enabled=True):
        try:
            result = rule_evaluate(rule=rule, now=now, silences=silences)
        except Exception:  # noqa: BLE001 — one broken rule must not stop the others
            logger.exception("Rule %s failed to evaluate", rule.pk)
            continue
        totals["rules"] += 1
        totals["fired"] += result["fired"]
        totals["resolved"] += result["resolved"]
    for alert in Alert.objects.filter(rule__enabled=False, status__in=OPEN).select_related("rule", "host"):
        alerts_close_for_disabled_rule(alert=alert, now=now)
    return totals


@transaction.atomic
def alerts_close_for_disabled_rule(*, alert: Alert, now: datetime) -> None:
    if alert.status == Alert.Status.PENDING:
        alert.delete()
    else:
        _resolve(alert, now)


@transaction.atomic
def alert_acknowledge(*, alert: Alert, user, now: datetime | None = None) -> Alert:
    """Stops re-notification; the resolve notice is still sent."""
    alert = Alert.objects.select_for_update(of=("self",)).select_related("rule", "host").get(pk=alert.pk)
    if alert.status == Alert.Status.RESOLVED:
        raise Conflict("This alert is already resolved.", details={"status": alert.status})
    if alert.acknowledged_at is None:
        alert.acknowledged_by = user
        alert.acknowledged_at = now or timezone.now()
        alert.save(update_fields=["acknowledged_by", "acknowledged_at", "updated_at"])
        _publish(alert, "alert.acknowledged")
    return alert


def alert_update_notes(*, alert: Alert, notes: str) -> Alert:
    alert.notes = notes
    alert.save(update_fields=["notes", "updated_at"])
    return alert
