from django.apps import AppConfig

from apps.core.labels import label as bilingual  # `label` is the app label below


class ProjectsConfig(AppConfig):
    name = "apps.projects"
    label = "projects"
    verbose_name = bilingual("Projects", "프로젝트")
