from django.apps import AppConfig


class LanguageConfig(AppConfig):
    name = "alongside.language"
    label = "language"
    verbose_name = "Plain words and words that carry hope"
