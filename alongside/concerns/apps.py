from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "alongside.concerns"
    label = "concerns"
    verbose_name = "Concerns from volunteers"
