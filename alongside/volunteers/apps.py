from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    name = "alongside.volunteers"
    label = "volunteers"
    verbose_name = "Volunteers"
