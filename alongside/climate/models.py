"""The team climate pulse's tables (ADR 39).

`PulseAnswer` holds the answers and nothing that could tell whose they are: no user, no time, no sequence (a random
UUID), only the team, the month and the definition answered. `Answered` says who has answered for a team in a month,
to stop a second answer and to tell them "You answered this month"; it holds no answers and no time. The two are
never joined: nothing links a row of one to a row of the other. Each new answer rewrites the month's answers
together (actions.answer), so the order rows were written in and their transaction ids tell nothing either.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from alongside.partners.models import Organisation, Team


class PulseAnswer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month it counts in
    definition = models.CharField(max_length=60)  # the code of the definition answered
    values = models.JSONField()  # {statement key: the point of the scale chosen}

    class Meta:
        indexes = [models.Index(fields=["team", "month"], name="climate_answers_by_month")]

    def __str__(self):
        return f"A pulse answer for team {self.team_id}, {self.month:%B %Y}"


class Answered(models.Model):
    """That this user has answered for this team this month: nothing of what they answered, and not when."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "month", "user"], name="climate_one_answer_a_month")]
        indexes = [models.Index(fields=["user", "month"], name="climate_answered_by_user")]

    def __str__(self):
        return f"User {self.user_id} answered for team {self.team_id}, {self.month:%B %Y}"


class TeamQuestions(models.Model):
    """The definition a team's leader chose for its pulse, which the team answers from the month `since` (the first
    day of the month after the choice); before then it answers `previous` (the set the choosing month started
    with; blank for the shipped one). A month keeps one set all through, so its results count answers to one set.
    A team with no row answers the shipped one. `version` goes up with each choice, so two leaders choosing at
    once cannot silently overwrite each other."""

    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="+")
    definition = models.CharField(max_length=60)
    since = models.DateField()
    previous = models.CharField(max_length=60, blank=True)
    version = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"Team {self.team_id} answers {self.definition} from {self.since:%B %Y}"

    def code_for(self, month) -> str:
        """The code of the set the team answers in `month` (a first day); blank for the shipped one."""
        return self.definition if month >= self.since else self.previous


class OfferedQuestions(models.Model):
    """An imported set of questions offered to an organisation's team leaders: the organisation named when the set
    was imported (`alongside climate import FILE --organisation NAME`), because its licence is theirs. The shipped
    set is offered to everyone and has no rows."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    definition = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "definition"], name="climate_offered_once"),
        ]

    def __str__(self):
        return f"{self.definition} is offered to organisation {self.organisation_id}"


class DialogueSession(models.Model):
    """A reflective dialogue session the team leader plans from the results: when, where, for how long, which
    areas to talk about and who facilitates; then whether it happened and its themes (no names). The leader may
    change it before it starts, or cancel it with a reason; a cancelled session stays, shown as cancelled."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField()
    place = models.CharField(max_length=200)
    areas = ArrayField(models.CharField(max_length=60))
    facilitator = models.CharField(max_length=120)
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    planned_at = models.DateTimeField(default=timezone.now)
    happened = models.BooleanField(null=True)  # None until the leader records it
    themes = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)  # kept, shown as cancelled, never deleted
    cancelled_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)  # against two edits at once (core.forms.save_if_unchanged)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["team", "starts_at"], name="climate_sessions_by_team")]

    def __str__(self):
        return f"Dialogue session for team {self.team_id} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None
