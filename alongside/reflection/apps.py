from django.apps import AppConfig


class ReflectionConfig(AppConfig):
    name = "alongside.reflection"
    label = "reflection"
    verbose_name = "A moment of reflection after each contact"
