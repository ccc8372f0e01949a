from django.conf import settings
from django.db import models


class DemoBorough(models.Model):
    """Which synthetic borough this database holds: built once from a seed, reused after that."""

    seed = models.IntegerField()
    people = models.PositiveIntegerField()
    built_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Demo borough from seed {self.seed}, {self.people:,} people"


class DemoLogin(models.Model):
    """A demo persona's credentials, kept so that `alongside demo logins` can print them. Demo only."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demo_login")
    role = models.CharField(max_length=40)
    team_name = models.CharField(max_length=200, blank=True)
    password = models.CharField(max_length=100)
    api_token = models.CharField(max_length=100)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return f"{self.role}: {self.user}"
