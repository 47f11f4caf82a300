from django.urls import path

from . import job_events, views
from .shot_views import AssetPlanLinkView, PlanShotFeedbackView, VersionShotMapView

urlpatterns = [
    path("projects/<uuid:project_id>/briefs/", views.BriefListCreate.as_view(), name="project-briefs"),
    path("briefs/<uuid:brief_id>/", views.BriefDetail.as_view(), name="brief-detail"),
    path("briefs/<uuid:brief_id>/plans/", views.BriefPlans.as_view(), name="brief-plans"),
    path("plans/<uuid:plan_id>/", views.PlanDetail.as_view(), name="plan-detail"),
    path("plans/<uuid:plan_id>/regenerate/", views.PlanRegenerate.as_view(), name="plan-regenerate"),
    path("plans/<uuid:plan_id>/export/", views.PlanExport.as_view(), name="plan-export"),
    path("plans/<uuid:plan_id>/revisions/", views.PlanRevisionList.as_view(), name="plan-revisions"),
    path("plans/<uuid:plan_id>/revisions/<int:number>/", views.PlanRevisionDetail.as_view(), name="plan-revision"),
    path(
        "plans/<uuid:plan_id>/revisions/<int:number>/restore/",
        views.PlanRevisionRestore.as_view(),
        name="plan-revision-restore",
    ),
    path("projects/<uuid:project_id>/ai-settings/", views.AISettingsDetail.as_view(), name="project-ai-settings"),
    path("projects/<uuid:project_id>/ai-usage/", views.AIUsageDetail.as_view(), name="project-ai-usage"),
    path("projects/<uuid:project_id>/ai-jobs/", views.AIJobList.as_view(), name="project-ai-jobs"),
    path("ai-jobs/<uuid:job_id>/", views.AIJobDetail.as_view(), name="ai-job-detail"),
    path("ai-jobs/<uuid:job_id>/events/", job_events.AIJobEvents.as_view(), name="ai-job-events"),
    path("ai-jobs/<uuid:job_id>/approve/", views.AIJobApprove.as_view(), name="ai-job-approve"),
    path("ai-jobs/<uuid:job_id>/reject/", views.AIJobReject.as_view(), name="ai-job-reject"),
    path("ai-jobs/<uuid:job_id>/retry/", views.AIJobRetry.as_view(), name="ai-job-retry"),
    path("versions/<uuid:version_id>/digest/", views.VersionDigestView.as_view(), name="version-digest"),
    path("assets/<uuid:asset_id>/plan-link/", AssetPlanLinkView.as_view(), name="asset-plan-link"),
    path("versions/<uuid:version_id>/shot-map/", VersionShotMapView.as_view(), name="version-shot-map"),
    path("plans/<uuid:plan_id>/shot-feedback/", PlanShotFeedbackView.as_view(), name="plan-shot-feedback"),
]
