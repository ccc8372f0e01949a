from django.apps import AppConfig


class MdtConfig(AppConfig):
    name = "alongside.mdt"
    label = "mdt"
    verbose_name = "MDT meetings"
