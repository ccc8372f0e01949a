from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TrainingConfig(AppConfig):
    name = "alongside.training"
    label = "training"
    verbose_name = "Training and competency records"

    def ready(self):
        from . import shipped

        post_migrate.connect(shipped.ensure, sender=self, dispatch_uid="training_shipped_courses")
