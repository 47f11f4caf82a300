from django.apps import AppConfig

from apps.core.labels import label as bilingual  # `label` is the app label below


class FeedbacksConfig(AppConfig):
    name = "apps.feedbacks"
    label = "feedbacks"
    verbose_name = bilingual("Feedback", "피드백")
