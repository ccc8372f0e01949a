from django.apps import AppConfig


class NarrativesConfig(AppConfig):
    name = "alongside.narratives"
    label = "narratives"
    verbose_name = "Stories of lived experience, told with consent"
