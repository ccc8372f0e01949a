from django.apps import AppConfig


class ContinuityConfig(AppConfig):
    name = "alongside.continuity"
    label = "continuity"
    verbose_name = "Continuity of care"
