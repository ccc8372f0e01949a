from django.apps import AppConfig


class BreakglassConfig(AppConfig):
    name = "alongside.breakglass"
    label = "breakglass"
