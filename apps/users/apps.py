from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "apps.users"
    label = "users"

    def ready(self) -> None:
        from . import signals  # noqa: F401 — deactivation ends sessions
