from django.apps import AppConfig


class AiPlanningConfig(AppConfig):
    name = "apps.ai_planning"
    label = "ai_planning"
