from django.apps import AppConfig


class VirtualWardConfig(AppConfig):
    name = "alongside.virtual_ward"
    label = "virtual_ward"
    verbose_name = "Virtual ward"
