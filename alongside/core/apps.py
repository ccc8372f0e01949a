from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "alongside.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from . import database_roles, signals, social_accounts  # noqa: F401

        post_migrate.connect(database_roles.grant_app_role, sender=self, dispatch_uid="grant_app_role")
