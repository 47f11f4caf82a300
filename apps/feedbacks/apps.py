from django.apps import AppConfig


class FeedbacksConfig(AppConfig):
    name = "apps.feedbacks"
    label = "feedbacks"
