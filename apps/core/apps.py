from django.apps import AppConfig

from .labels import label as bilingual  # `label` is the app label below


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = bilingual("Core", "코어")
