"""Events across the partnership, the teams asked to send two people to each, who goes, who said they cannot go,
whether they went, and the note they write for their team afterwards."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.partners.models import Organisation, Team

from .rota import Place


class Event(models.Model):
    class Kind(models.TextChoices):
        BOARD = "board", "Partnership board meeting"
        LEARNING = "learning", "Learning event"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = models.DateField()
    place = models.CharField(max_length=200)
    teams = models.ManyToManyField(Team, through="Invitation", related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation that planned it: only its administrators change or cancel it. Empty (an event "
        "added before this was kept, whose planner cannot be told): any administrator may",
    )
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)  # guards cancelling against a change made meanwhile
    # a cancelled event keeps its record and shows as cancelled: nobody goes, and it counts for nobody on the rota
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancel_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["date"], name="repr_event_date")]

    def __str__(self):
        return self.name

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


class Invitation(models.Model):
    """One team asked to send two people to one event. Its version guards who goes, the attendance and the note."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="invitations")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)
    note = models.TextField(blank=True)
    note_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "team"], name="repr_invitation_once")]
        indexes = [models.Index(fields=["team", "event"], name="repr_invitation_team")]

    def __str__(self):
        return f"{self.team_id} to {self.event_id}"


class Seat(models.Model):
    """One of a team's two places at an event, once set (by a leader, or when attendance is recorded). Until then
    the rota proposes who goes."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="seats")
    position = models.PositiveSmallIntegerField()  # 1 or 2
    place = models.CharField(max_length=20, choices=[(p.value, p.value) for p in Place])
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=300)
    went = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["invitation", "position"], name="repr_seat_position"),
            models.CheckConstraint(condition=models.Q(position__in=(1, 2)), name="repr_seat_two"),
        ]

    def __str__(self):
        return f"{self.place} {self.position} of {self.invitation_id}"


class CannotGo(models.Model):
    """Someone said they cannot go to this event."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    said_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "event"], name="repr_cannot_go_once")]

    def __str__(self):
        return f"{self.user_id} cannot go to {self.event_id}"
