"""Partner organisations, the neighbourhoods they serve, their teams, and who belongs to each team in what role."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Neighbourhood(models.Model):
    name = models.CharField(max_length=100, unique=True)
    postcode_districts = models.CharField(
        max_length=200, blank=True, help_text="Postcode districts it covers, separated by spaces, for example NV1 NV2"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        NHS_TRUST = "nhs_trust", "NHS trust"
        COUNCIL = "council", "Council"
        VOLUNTARY = "voluntary_organisation", "Voluntary organisation"
        GP_PRACTICE = "gp_practice", "GP practice"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    ods_code = models.CharField("ODS code", max_length=10, blank=True)
    neighbourhood = models.ForeignKey(Neighbourhood, null=True, blank=True, on_delete=models.PROTECT)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Team(models.Model):
    class Kind(models.TextChoices):
        NEIGHBOURHOOD = "neighbourhood_team", "Neighbourhood team"
        SPA = "single_point_of_access", "Single point of access"
        VOLUNTEER_HUB = "volunteer_hub", "Volunteer hub"
        VIRTUAL_WARD = "virtual_ward", "Virtual ward"
        PRACTICE = "practice_team", "GP practice team"
        CORPORATE = "corporate_service", "Corporate service (governance, digital)"

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    neighbourhood = models.ForeignKey(Neighbourhood, null=True, blank=True, on_delete=models.PROTECT)
    phone = models.CharField(
        max_length=20, blank=True, help_text="Where the people the team supports can reach their named worker"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_org")]

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    """Roles held through a team membership. 'person' (someone supported) comes from a person record instead."""

    CLINICIAN = "clinician", "Clinician"
    SOCIAL_WORKER = "social_worker", "Social worker"
    GP = "gp", "GP"
    SPA_TRIAGE = "spa_triage", "Single point of access triage"
    COORDINATOR = "coordinator", "Community coordinator"
    VOLUNTEER = "volunteer", "Volunteer"
    DIRECTORY_EDITOR = "directory_editor", "Directory editor"
    TEAM_LEADER = "team_leader", "Team leader"
    IG_REVIEWER = "ig_reviewer", "Information governance reviewer"
    ADMIN = "admin", "Administrator"


PERSON_ROLE = "person"
ROLE_LABELS = dict(Role.choices) | {PERSON_ROLE: "Person supported"}


class MembershipQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=at), started_at__lte=at)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=40, choices=Role.choices)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_reason = models.CharField(max_length=200, blank=True)
    caseload_capacity = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many people this member can be named worker for; blank: the usual number"
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["team__name", "user__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "team", "role"],
                condition=Q(ended_at__isnull=True),
                name="one_open_membership_per_role",
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}, {self.team}"

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.started_at <= now and (self.ended_at is None or self.ended_at > now)
