from django.apps import AppConfig


class ExampleCapabilityConfig(AppConfig):
    name = "tests.example_capability"
    label = "example_capability"
