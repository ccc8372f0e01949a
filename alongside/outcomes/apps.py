from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "alongside.outcomes"
    label = "outcomes"
    verbose_name = "Outcome measures"
