from django.urls import path

from . import views

urlpatterns = [
    path("monitoring/hosts/", views.HostList.as_view(), name="monitoring-hosts"),
    path("monitoring/hosts/<uuid:pk>/", views.HostDetail.as_view(), name="monitoring-host"),
    path("monitoring/metrics/", views.MetricQuery.as_view(), name="monitoring-metrics"),
    path("monitoring/metrics/app/", views.AppMetrics.as_view(), name="monitoring-app-metrics"),
    path("monitoring/metrics/catalog/", views.MetricCatalog.as_view(), name="monitoring-metric-catalog"),
    path("monitoring/stats/", views.Stats.as_view(), name="monitoring-stats"),
    path("monitoring/forecasts/", views.Forecasts.as_view(), name="monitoring-forecasts"),
    path("monitoring/anomalies/", views.AnomalyList.as_view(), name="monitoring-anomalies"),
    path("monitoring/rules/", views.RuleListCreate.as_view(), name="monitoring-rules"),
    path("monitoring/rules/preview/", views.RulePreview.as_view(), name="monitoring-rule-preview"),
    path("monitoring/rules/<uuid:pk>/", views.RuleDetail.as_view(), name="monitoring-rule"),
    path("monitoring/alerts/", views.AlertList.as_view(), name="monitoring-alerts"),
    path("monitoring/alerts/<uuid:pk>/", views.AlertDetail.as_view(), name="monitoring-alert"),
    path("monitoring/alerts/<uuid:pk>/ack/", views.AlertAck.as_view(), name="monitoring-alert-ack"),
    path("monitoring/silences/", views.SilenceListCreate.as_view(), name="monitoring-silences"),
    path("monitoring/silences/<uuid:pk>/", views.SilenceDetail.as_view(), name="monitoring-silence"),
    path("monitoring/channels/", views.ChannelListCreate.as_view(), name="monitoring-channels"),
    path("monitoring/channels/<uuid:pk>/", views.ChannelDetail.as_view(), name="monitoring-channel"),
    path("monitoring/channels/<uuid:pk>/test/", views.ChannelTest.as_view(), name="monitoring-channel-test"),
    path(
        "monitoring/channels/<uuid:pk>/deliveries/",
        views.ChannelDeliveries.as_view(),
        name="monitoring-channel-deliveries",
    ),
    path("monitoring/templates/", views.TemplateListCreate.as_view(), name="monitoring-templates"),
    path("monitoring/templates/preview/", views.TemplatePreview.as_view(), name="monitoring-template-preview"),
    path("monitoring/templates/<uuid:pk>/", views.TemplateDetail.as_view(), name="monitoring-template"),
    path("monitoring/tasks/", views.TasksOverview.as_view(), name="monitoring-tasks"),
    path("monitoring/tasks/<str:pk>/revoke/", views.TaskRevoke.as_view(), name="monitoring-task-revoke"),
    path("monitoring/tasks/<str:pk>/retry/", views.TaskRetry.as_view(), name="monitoring-task-retry"),
    path("monitoring/backups/", views.BackupList.as_view(), name="monitoring-backups"),
]
