"""The ten standards: sets of standards (the Devon ten ship with Alongside; an organisation may add its own), each
team's cycle of ratings for a quarter, the links that invite stakeholders to check them, and what they said.

Only a SHA-256 hash of a stakeholder link's token is kept: the token itself is only in the link the team leader
gives out (ADR 38).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.partners.models import Organisation, Team

from .quarters import Quarter


class StandardSet(models.Model):
    """A set of standards. With no organisation it ships with Alongside (the Devon ten); an organisation's own set
    is used by its teams' next cycles."""

    key = models.SlugField(max_length=60, blank=True)  # for a shipped set: its data file's name
    name = models.CharField(max_length=120)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="standard_sets"
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    added_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.name


class Standard(models.Model):
    standard_set = models.ForeignKey(StandardSet, on_delete=models.CASCADE, related_name="standards")
    number = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=60)
    title = models.CharField(max_length=120)
    meaning = models.TextField()  # what it means, in one or two plain sentences
    evidence = models.CharField(max_length=80, blank=True)  # a registry team figure's key, shown beside it

    class Meta:
        ordering = ["standard_set", "number"]
        constraints = [models.UniqueConstraint(fields=["standard_set", "number"], name="one_standard_per_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Colour(models.TextChoices):
    RED = "red", "Red: not yet"
    AMBER = "amber", "Amber: partly"
    GREEN = "green", "Green: yes, we do this"


class Cycle(models.Model):
    """One team's ratings for one quarter. The team leader shares it for checking; from then on its ratings stay
    as shared, and stakeholders' links may be made for it."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="standards_cycles")
    standard_set = models.ForeignKey(StandardSet, on_delete=models.PROTECT, related_name="cycles")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    shared_at = models.DateTimeField(null=True, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "year", "quarter"], name="one_cycle_per_quarter")]
        indexes = [models.Index(fields=["team", "-year", "-quarter"], name="standards_cycle_latest")]

    def __str__(self):
        return f"{self.period.short()} for team {self.team_id}"

    @property
    def period(self) -> Quarter:
        return Quarter(self.year, self.quarter)


class Rating(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="ratings")
    standard = models.ForeignKey(Standard, on_delete=models.PROTECT, related_name="+")
    colour = models.CharField(max_length=5, choices=Colour.choices)
    evidence = models.TextField()
    action = models.TextField()  # what the team will do to improve
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "standard"], name="one_rating_per_standard")]

    def __str__(self):
        return f"{self.colour} for standard {self.standard_id} in cycle {self.cycle_id}"


class StakeholderKind(models.TextChoices):
    USES_SERVICE = "uses_service", "Someone who uses the service"
    CARER = "carer", "A carer or family member"
    PARTNER = "partner_service", "A partner service"
    VOLUNTEER = "volunteer", "A volunteer"


class StakeholderLink(models.Model):
    """A link that lets one stakeholder, without an account, agree with or challenge each of a cycle's ratings."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)  # sha256 hex of the token in the link
    kind = models.CharField(max_length=20, choices=StakeholderKind.choices)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.kind} link {self.pk} for cycle {self.cycle_id}"


class Check(models.Model):
    """A stakeholder's word on one rating: they agree, or they challenge it with a comment, which the team
    answers."""

    link = models.ForeignKey(StakeholderLink, on_delete=models.PROTECT, related_name="checks")
    rating = models.ForeignKey(Rating, on_delete=models.CASCADE, related_name="checks")
    agrees = models.BooleanField()
    comment = models.TextField(blank=True)
    made_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["link", "rating"], name="one_check_per_rating")]
        indexes = [
            models.Index(
                fields=["rating"], condition=models.Q(agrees=False, answered_at=None), name="standards_open_challenge"
            )
        ]

    def __str__(self):
        return f"{'agrees' if self.agrees else 'challenge'} {self.pk}"
