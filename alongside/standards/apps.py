from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "alongside.standards"
    label = "standards"
    verbose_name = "The ten standards, rated by each team and checked by the people it serves"
