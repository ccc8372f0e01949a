from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "alongside.partners"
    label = "partners"
