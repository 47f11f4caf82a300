from django.apps import AppConfig


class AiPlanningConfig(AppConfig):
    name = "apps.ai_planning"
    label = "ai_planning"

    def ready(self):
        # AI triage reacts to feedback events that feedbacks owns (feedbacks never imports us).
        from apps.feedbacks import signals as feedback_signals

        from . import feedback_ai

        feedback_signals.feedback_text_saving.connect(feedback_ai.on_text_saving, dispatch_uid="ai-triage-queue")
        feedback_signals.feedback_text_saved.connect(feedback_ai.on_text_saved, dispatch_uid="ai-triage-schedule")
