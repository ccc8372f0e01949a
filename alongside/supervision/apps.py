from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "alongside.supervision"
    label = "supervision"
    verbose_name = "Reflective supervision in protected time, and the team's reflective practice"
