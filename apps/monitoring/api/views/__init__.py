from .alerts import AlertAck, AlertDetail, AlertList, SilenceDetail, SilenceListCreate
from .channels import (
    ChannelDeliveries,
    ChannelDetail,
    ChannelListCreate,
    ChannelTest,
    TemplateDetail,
    TemplateListCreate,
    TemplatePreview,
)
from .metrics import AnomalyList, AppMetrics, Forecasts, HostDetail, HostList, MetricCatalog, MetricQuery, Stats
from .operations import BackupList, TaskRetry, TaskRevoke, TasksOverview
from .overview import MonitoringOverview
from .reports import ReportCsv, ReportDetail, ReportListCreate, ReportSend
from .rules import RuleDetail, RuleListCreate, RulePreview

__all__ = [
    "AlertAck",
    "AlertDetail",
    "AlertList",
    "AnomalyList",
    "AppMetrics",
    "BackupList",
    "ChannelDeliveries",
    "ChannelDetail",
    "ChannelListCreate",
    "ChannelTest",
    "Forecasts",
    "HostDetail",
    "HostList",
    "MetricCatalog",
    "MetricQuery",
    "MonitoringOverview",
    "ReportCsv",
    "ReportDetail",
    "ReportListCreate",
    "ReportSend",
    "RuleDetail",
    "RuleListCreate",
    "RulePreview",
    "SilenceDetail",
    "SilenceListCreate",
    "Stats",
    "TaskRetry",
    "TaskRevoke",
    "TasksOverview",
    "TemplateDetail",
    "TemplateListCreate",
    "TemplatePreview",
]
