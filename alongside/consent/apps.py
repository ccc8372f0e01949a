from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "alongside.consent"
    label = "consent"
