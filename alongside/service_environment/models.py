"""A service environment audit: a team opens a round of a checklist; its members each give one answer set (changed
as often as they like until the round closes); people who use the service each give one through a one-time link.

People's answers keep nothing about who gave them, not even which link was used: a link only knows that it was
used."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Round(models.Model):
    team = models.ForeignKey("partners.Team", on_delete=models.PROTECT, related_name="environment_rounds")
    checklist = models.CharField(max_length=63)  # the checklist's code
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["team"], condition=Q(closed_at__isnull=True), name="environment_one_open_round_per_team"
            )
        ]

    def __str__(self) -> str:
        return f"Round {self.pk} of team {self.team_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class TeamAnswers(models.Model):
    """One member's answers in a round: {statement key: the answer's number, or None for "Don't know"}."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="team_answers")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answers = models.JSONField(default=dict)
    saved_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "member"], name="environment_one_answer_set_per_member")
        ]

    def __str__(self) -> str:
        return f"A team member's answers in round {self.round_id}"


class PeopleAnswers(models.Model):
    """One person's answers, given through a link. No user, no link, no time of day: only the day. Each new answer
    writes the round's answers again in a random order (actions.answer_by_link), so their ids say nothing of who
    answered first."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="people_answers")
    answers = models.JSONField(default=dict)
    given_on = models.DateField()

    def __str__(self) -> str:
        return f"Someone's answers in round {self.round_id}"


class Link(models.Model):
    """A one-time link for someone who uses the service. Only the token's SHA-256 is kept."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"A link for round {self.round_id}"
