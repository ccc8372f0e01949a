"""A worker's reflection after a contact: which of the ten tips (tips.py) they found hard this time, and a note of
their own. It is theirs alone: no one else reads it, not their team leader and not the person. Their team sees only
anonymous patterns, month by month (patterns.py)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from alongside.partners.models import Team
from alongside.people.models import Person


class Reflection(models.Model):
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # the worker's team when they wrote it: whose anonymous patterns it counts in
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # the contact it follows, as the app that keeps contacts names it ("contact:12"), and what the worker is shown
    # of it in their own list: its kind and when it was, never whom it was with
    contact = models.CharField(max_length=40)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    contact_at = models.DateTimeField()
    contact_kind = models.CharField(max_length=40)
    hard = ArrayField(models.CharField(max_length=30), default=list, blank=True)  # keys of tips.TIPS
    note = models.TextField(blank=True)
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["worker", "contact"], name="one_reflection_per_contact")]
        indexes = [
            models.Index(fields=["worker", "-written_at"], name="reflection_by_worker"),
            models.Index(fields=["team", "written_at"], name="reflection_by_team"),
        ]

    def __str__(self):
        return f"Reflection by user {self.worker_id} on {self.contact}"
