"""Hosts and their metric history: raw points, hourly/daily rollups and the rollup cursor,
the per-minute HTTP history, and the anomalies detected on a host's metrics."""

from django.db import models

from apps.core.models import BaseModel


class Host(BaseModel):
    """A machine that sends samples; rows register themselves on the first sample."""

    name = models.CharField(max_length=200, unique=True)
    display_name = models.CharField(max_length=200, blank=True)
    labels = models.JSONField(default=dict, blank=True)
    boot_time = models.FloatField(null=True, blank=True)
    cpu_count = models.PositiveIntegerField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # The previous raw counters (CPU times, disk and NIC byte counts) for rate computation:
    # in the database, not process memory, because successive samples run in different
    # worker processes.
    counter_state = models.JSONField(default=dict, blank=True)

    class Meta(BaseModel.Meta):
        ordering = ["name"]
        permissions = [("access_monitoring", "Can use the monitoring pages and API")]

    def __str__(self) -> str:
        return self.name


class MetricPoint(models.Model):
    """One raw value (kept 7 days). `labels` names the series inside a metric: a mount
    point, an interface, a core; "" for single-series metrics."""

    id = models.BigAutoField(primary_key=True)
    host = models.ForeignKey(Host, on_delete=models.CASCADE, related_name="points")
    metric = models.CharField(max_length=80)
    labels = models.CharField(max_length=200, blank=True, default="")
    ts = models.DateTimeField()
    value = models.FloatField()

    class Meta:
        indexes = [
            models.Index(fields=["host", "metric", "labels", "ts"], name="mon_point_series_ts"),
            models.Index(fields=["ts"], name="mon_point_ts"),
        ]

    def __str__(self) -> str:
        return f"{self.host_id} {self.metric}{{{self.labels}}}={self.value}@{self.ts}"


class Resolution(models.TextChoices):
    RAW = "raw", "raw"
    HOUR = "hour", "hour"
    DAY = "day", "day"


class MetricRollup(models.Model):
    """Aggregates of one series over an hour (kept 90 days) or a day (kept 2 years)."""

    id = models.BigAutoField(primary_key=True)
    host = models.ForeignKey(Host, on_delete=models.CASCADE, related_name="rollups")
    metric = models.CharField(max_length=80)
    labels = models.CharField(max_length=200, blank=True, default="")
    resolution = models.CharField(max_length=4, choices=[(Resolution.HOUR, "hour"), (Resolution.DAY, "day")])
    bucket = models.DateTimeField()
    count = models.PositiveIntegerField()
    min = models.FloatField()
    max = models.FloatField()
    avg = models.FloatField()
    p95 = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "host", "metric", "labels", "bucket"], name="uniq_rollup_bucket"
            )
        ]
        indexes = [models.Index(fields=["resolution", "bucket"], name="mon_rollup_res_bucket")]

    def __str__(self) -> str:
        return f"{self.resolution} {self.host_id} {self.metric}{{{self.labels}}}@{self.bucket}"


class RollupCursor(models.Model):
    """Up to where (exclusive) each resolution has been rolled up: the incremental mark."""

    resolution = models.CharField(max_length=4, primary_key=True)
    rolled_until = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.resolution} < {self.rolled_until}"


class HttpMetricMinute(models.Model):
    """One route group's HTTP outcomes over one minute, folded from the 10-second Redis
    buckets of appmetrics (kept there 30 minutes) by `fold_http_metrics`: requests, 5xx and
    the latency histogram counts (upper bounds appmetrics.LATENCY_BOUNDS_MS, the last slot
    open), so a p95 over any period merges histograms instead of averaging p95s."""

    id = models.BigAutoField(primary_key=True)
    group = models.CharField(max_length=40)
    minute = models.DateTimeField()
    requests = models.PositiveIntegerField()
    errors = models.PositiveIntegerField()
    histogram = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "minute"], name="uniq_http_minute")]
        indexes = [models.Index(fields=["minute"], name="mon_http_minute")]

    def __str__(self) -> str:
        return f"{self.group}@{self.minute}"


class Anomaly(BaseModel):
    host = models.ForeignKey(Host, on_delete=models.CASCADE, related_name="anomalies")
    metric = models.CharField(max_length=80)
    labels = models.CharField(max_length=200, blank=True, default="")
    detected_at = models.DateTimeField(db_index=True)
    value = models.FloatField()
    baseline_mean = models.FloatField()
    baseline_std = models.FloatField()
    score = models.FloatField()  # z-score of the recent mean against the baseline
    method = models.CharField(max_length=20, default="zscore")

    def __str__(self) -> str:
        return f"{self.host_id} {self.metric} z={self.score:.1f}"
