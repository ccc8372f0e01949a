from django.apps import AppConfig


class ClimateConfig(AppConfig):
    name = "alongside.climate"
    label = "climate"
    verbose_name = "The team climate pulse: short, anonymous and monthly"
