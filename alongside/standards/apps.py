from django.apps import AppConfig
from django.db import connection
from django.db.models.signals import post_migrate


def _shipped_sets(**kwargs) -> None:
    """After migrate, and after a flush (a transactional test's teardown, which sends post_migrate): the shipped
    sets are there, so no page and no test finds them gone."""
    from . import sets
    from .models import Standard, StandardSet

    if StandardSet._meta.db_table not in connection.introspection.table_names():
        return  # migrated back past the table
    for key in sets.SHIPPED:
        if not StandardSet.objects.filter(key=key, organisation=None).exists():
            sets.install(StandardSet, Standard, key)


class StandardsConfig(AppConfig):
    name = "alongside.standards"
    label = "standards"
    verbose_name = "The ten standards, rated by each team and checked by the people it serves"

    def ready(self):
        post_migrate.connect(_shipped_sets, sender=self, dispatch_uid="standards_shipped_sets")
