from django.apps import AppConfig

from apps.core.labels import label as bilingual  # `label` is the app label below


class AiPlanningConfig(AppConfig):
    name = "apps.ai_planning"
    label = "ai_planning"
    verbose_name = bilingual("AI planning", "AI 기획")

    def ready(self):
        # Both lower apps own the hook; they never import this app.
        from apps.feedbacks import signals as feedback_signals
        from apps.feedbacks.shots import register_shot_provider
        from apps.monitoring.appmetrics import register_app_metric
        from apps.monitoring.report_sections import register_report_section
        from apps.monitoring.sources import register_source

        from . import feedback_ai
        from .alert_source import AI_ERROR_RATE, AICostSource
        from .report_section import AI_REPORT_SECTION
        from .services import shots

        # The `ai` alert source (month-to-date spend per project) in monitoring's registry.
        register_source(AICostSource())
        # `ai.error_rate` (failed AI calls, %) in monitoring's `app` source.
        register_app_metric(AI_ERROR_RATE)
        # AI calls and cost per project in monitoring's operations reports.
        register_report_section(AI_REPORT_SECTION)
        # AI triage reacts to new and re-worded comments.
        feedback_signals.feedback_text_saving.connect(feedback_ai.on_text_saving, dispatch_uid="ai-triage-queue")
        feedback_signals.feedback_text_saved.connect(feedback_ai.on_text_saved, dispatch_uid="ai-triage-schedule")
        # Plan ↔ cut: comments are tagged with the plan's shots, and the plan page hears of them.
        register_shot_provider(shots.PlanShotProvider())
        feedback_signals.feedback_published.connect(shots.on_feedback_published, dispatch_uid="plan-shot-feedback")
