from django.apps import AppConfig


class ServiceEnvironmentConfig(AppConfig):
    name = "alongside.service_environment"
    label = "service_environment"
    verbose_name = "A service environment that helps recovery, seen by the team and by the people it serves"
