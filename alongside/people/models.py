"""The shared person record: identity, the story told once, the people around them, and their timeline."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alongside.core import registry
from alongside.partners.models import Neighbourhood, Organisation, Team

from .policy import RelationshipKind


class Person(models.Model):
    nhs_number = models.CharField("NHS number", max_length=10, unique=True, null=True, blank=True)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True, db_default="")
    birth_date = models.DateField()
    address_line = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    gp_practice = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="registered_people"
    )
    neighbourhood = models.ForeignKey(Neighbourhood, null=True, blank=True, on_delete=models.PROTECT)
    communication_needs = models.TextField(
        blank=True, db_default="", help_text="How best to communicate: language, interpreter, hearing, sight, easy read"
    )
    shared_with_volunteers = models.TextField(
        blank=True,
        db_default="",
        help_text="What the person chose to share with the volunteers who visit them, in their words",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    version = models.PositiveIntegerField(db_default=1)

    class Meta:
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["family_name", "given_name"]), models.Index(fields=["birth_date"])]

    def __str__(self):
        return f"{self.given_name} {self.family_name}"

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class StoryVersion(models.Model):
    """One version of a part of the person's own account: what matters to them, their story, their strengths.
    Versions are added, never changed or removed."""

    class Part(models.TextChoices):
        WHAT_MATTERS = "what_matters", "What matters to me"
        MY_STORY = "my_story", "My story"
        STRENGTHS = "strengths", "My strengths"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="story_versions")
    part = models.CharField(max_length=20, choices=Part.choices)
    number = models.PositiveIntegerField()
    text = models.TextField()
    reason = models.CharField(max_length=200, blank=True)
    written_with_person = models.BooleanField(default=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "part", "-number"]
        constraints = [models.UniqueConstraint(fields=["person", "part", "number"], name="one_story_version_number")]

    def __str__(self):
        return f"{self.get_part_display()} v{self.number} for person {self.person_id}"


class RelationshipQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(Q(ended_at__isnull=True) | Q(ended_at__gt=at), started_at__lte=at)


class CareRelationship(models.Model):
    """Someone's part in a person's care, for a period. Active relationships are the basis of access."""

    class Kind(models.TextChoices):
        NAMED_WORKER = RelationshipKind.NAMED_WORKER.value, "Named worker"
        CARE_TEAM = RelationshipKind.CARE_TEAM.value, "Care team member"
        TEAM_CASELOAD = RelationshipKind.TEAM_CASELOAD.value, "On the team's caseload"
        VOLUNTEER = RelationshipKind.VOLUNTEER.value, "Allocated volunteer"
        PROXY = RelationshipKind.PROXY.value, "Proxy chosen by the person"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="care_relationships"
    )
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="caseload")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_reason = models.CharField(max_length=200, blank=True)

    objects = RelationshipQuerySet.as_manager()

    class Meta:
        ordering = ["person", "kind", "-started_at"]
        indexes = [
            models.Index(fields=["user", "person"], name="relationship_by_user"),
            models.Index(fields=["team", "person"], name="relationship_by_team"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="team_caseload", team__isnull=False, user__isnull=True)
                | (~Q(kind="team_caseload") & Q(user__isnull=False)),
                name="relationship_has_user_or_team",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(kind="named_worker", ended_at__isnull=True),
                name="one_open_named_worker",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for person {self.person_id}"

    @property
    def holder(self) -> str:
        return self.team.name if self.team_id else self.user.display_name


class Supporter(models.Model):
    """Family, carers, friends and neighbours: the people around the person who are not users of the service."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="supporters")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, help_text="For example daughter, neighbour, paid carer")
    phone = models.CharField(max_length=20, blank=True)
    is_carer = models.BooleanField(default=False)
    is_key_contact = models.BooleanField(default=True)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person", "-is_key_contact", "name"]

    def __str__(self):
        return f"{self.name} ({self.relationship})"


def entry_kinds() -> list[tuple[str, str]]:
    """The kinds of timeline entry: the record's own (Entry.Kind) and those capabilities contribute."""
    own = list(Entry.Kind.choices)
    return own + [(k.value, k.label) for k in registry.timeline_kinds() if k.value not in dict(own)]


class Entry(models.Model):
    """An item on the person's timeline. Corrections are new entries that amend an earlier one."""

    class Kind(models.TextChoices):
        NOTE = "note", "Note"
        CONTACT = "contact", "Contact"
        REFERRAL = "referral", "Referral"
        REVIEW = "review", "Review"
        OWN_NOTE = "own_note", "Own note"  # written by the person, or their proxy, in their own words

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=20, choices=entry_kinds, default=Kind.NOTE)
    text = models.TextField()
    restricted = models.BooleanField(
        default=False, help_text="Sensitive: seen only by the author, the named worker, and through break-glass"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    amends = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="amendments")
    amend_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["person", "-at"]
        indexes = [models.Index(fields=["person", "at"])]
        verbose_name_plural = "entries"

    def __str__(self):
        return f"{self.get_kind_display()} for person {self.person_id} at {self.at:%Y-%m-%d}"


class CorrectionRequest(models.Model):
    """The person, or their proxy, asks for a staff entry to be corrected; its author or the named worker answers.

    The answer is kept with the request: the entry corrected (by an amendment, the original kept), or left as it
    was with the reason. Either way the request stays beside the entry, so that the person's view is on the record.
    """

    class Outcome(models.TextChoices):
        WAITING = "waiting", "Waiting for an answer"
        CORRECTED = "corrected", "Corrected"
        KEPT = "kept", "Not changed"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="correction_requests")
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="correction_requests")
    what_is_wrong = models.TextField()
    what_it_should_say = models.TextField(blank=True)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    answer_due = models.DateField(help_text="One month after asking, as the right to rectification expects")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.WAITING)
    answer = models.TextField(blank=True, help_text="What was changed, or why the entry was not changed")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    amendment = models.ForeignKey(Entry, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["person", "-asked_at"]
        indexes = [models.Index(fields=["entry", "asked_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="waiting", answered_at__isnull=True)
                | (~Q(outcome="waiting") & Q(answered_at__isnull=False)),
                name="correction_answered_when_not_waiting",
            )
        ]

    def __str__(self):
        return f"Correction of entry {self.entry_id} ({self.outcome})"
