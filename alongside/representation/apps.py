from django.apps import AppConfig


class RepresentationConfig(AppConfig):
    name = "alongside.representation"
    label = "representation"
    verbose_name = "Revolving representation of teams at events across the partnership"
