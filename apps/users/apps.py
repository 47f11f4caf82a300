from django.apps import AppConfig

from apps.core.labels import label as bilingual  # `label` is the app label below


class UsersConfig(AppConfig):
    name = "apps.users"
    label = "users"
    verbose_name = bilingual("Users", "사용자")

    def ready(self) -> None:
        from . import signals  # noqa: F401 — deactivation ends sessions
