"""Reflective supervision in protected time, and the team's reflective practice sessions.

A supervision session (one supervisee, or a group of the team's members) is booked in protected time and records
only THAT it happened, or that it did not and why in a few words. What was said stays between the people in the
room: there is deliberately no field for it. A reflective practice session records the themes the team talked
about, with no one supported named, and who came.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.partners.models import Team


class SupervisionSession(models.Model):
    class Kind(models.TextChoices):
        ONE = "one", "One person"
        GROUP = "group", "A group"

    class Status(models.TextChoices):
        BOOKED = "booked", "Booked"
        HAPPENED = "happened", "It happened"
        DID_NOT_HAPPEN = "did_not_happen", "It did not happen"

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="supervision_sessions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField()
    starts_at = models.TimeField()
    minutes = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BOOKED)
    why_not = models.CharField(max_length=200, blank=True)  # only when it did not happen
    times_moved = models.PositiveSmallIntegerField(default=0)
    moved_because = models.CharField(max_length=200, blank=True)  # why it was last moved
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    booked_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-starts_at", "-pk"]
        indexes = [models.Index(fields=["team", "held_on"], name="supervision_team_day")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=15, minutes__lte=240), name="supervision_minutes_sensible"
            ),
            # a reason only when it did not happen, and always then
            models.CheckConstraint(
                condition=(models.Q(status="did_not_happen") & ~models.Q(why_not=""))
                | (~models.Q(status="did_not_happen") & models.Q(why_not="")),
                name="supervision_why_not_whole",
            ),
        ]

    def __str__(self):
        return f"Supervision {self.pk}, {self.held_on:%d %B %Y}"


class Supervisee(models.Model):
    """One person supervised in a session: the only trace of who was there."""

    session = models.ForeignKey(SupervisionSession, on_delete=models.CASCADE, related_name="supervisees")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="supervisee_once")]
        indexes = [models.Index(fields=["user", "session"], name="supervisee_user")]

    def __str__(self):
        return f"Supervisee {self.user_id} in session {self.session_id}"


class ReflectiveSession(models.Model):
    """A team reflective practice session: when, who led it, the themes (no one supported named), who came."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="reflective_sessions")
    held_on = models.DateField()
    facilitator = models.CharField(max_length=120)
    themes = models.TextField()
    attended = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["team", "held_on"], name="reflective_team_day")]

    def __str__(self):
        return f"Reflective practice, {self.held_on:%d %B %Y}"
