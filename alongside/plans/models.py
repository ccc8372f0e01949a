"""A care and support plan written with the person, in their words (issue 15, item 1).

The headings follow the PRSB Personalised Care and Support Plan standard where they fit:
- "About me": what matters to me. It is shown from the person's own story (alongside.people, the story told once)
  and never asked again, so the plan stores nothing of it;
- "Strengths and abilities": my strengths, asked first;
- "Goals and outcomes": my goals, each in the person's words, with "actions" (small steps), "who is involved"
  (who helps) and "by when";
- "Support and services": what I want from services;
- "Plan review": the review date;
- "Plan agreement": agreed with the person on a date, and who recorded it.

Like the story, a plan is kept as versions: each save adds a version (who, when, why), never changes one, and
earlier versions stay readable. Each part records whose words it is: the person's, their proxy's, or staff's.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.people.models import Person


class Words(models.TextChoices):
    """Whose words a part of the plan is in."""

    PERSON = "person", "The person's own words"
    PROXY = "proxy", "Their proxy's words"
    STAFF = "staff", "Staff's words"


class PlanVersion(models.Model):
    """One version of a person's plan, whole. Versions are added, never changed or removed."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="plan_versions")
    number = models.PositiveIntegerField()
    strengths = models.TextField(blank=True, db_default="")
    strengths_words = models.CharField(max_length=10, choices=Words.choices, blank=True, db_default="")
    wants_from_services = models.TextField(blank=True, db_default="")
    wants_words = models.CharField(max_length=10, choices=Words.choices, blank=True, db_default="")
    review_on = models.DateField(null=True, blank=True)
    agreed_on = models.DateField(null=True, blank=True)
    agreed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=200, blank=True, db_default="")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    written_as = models.CharField(max_length=10, choices=Words.choices)  # who saved this version
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "-number"]
        constraints = [models.UniqueConstraint(fields=["person", "number"], name="one_plan_version_number")]

    def __str__(self):
        return f"Plan v{self.number} for person {self.person_id}"

    @property
    def review_overdue(self) -> bool:
        """The review date has passed: the plan is due to be looked at again with the person."""
        return self.review_on is not None and self.review_on < timezone.localdate()


class Goal(models.Model):
    """One goal in one version of a plan, in the words of whoever the `words` field names."""

    plan = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="goals")
    # the version's person (ADR 51); the index below, led by it, serves lookups by person
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", db_index=False)
    position = models.PositiveSmallIntegerField()
    in_own_words = models.TextField()
    small_steps = models.TextField(blank=True, db_default="")
    who_helps = models.CharField(max_length=200, blank=True, db_default="")
    by_when = models.CharField(max_length=100, blank=True, db_default="")
    words = models.CharField(max_length=10, choices=Words.choices)

    class Meta:
        ordering = ["plan", "position"]
        indexes = [models.Index(fields=["person", "plan"], name="plans_goal_by_person")]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="one_goal_per_position")]

    def __str__(self):
        return f"Goal {self.position} of {self.plan}"


class Document(models.TextChoices):
    """The documents written with the person besides their plan (alongside.plans.documents says what each holds)."""

    STAYING_WELL = "staying_well", "Staying-well plan"
    CRISIS = "crisis", "Joint crisis plan"
    WISHES = "wishes", "Advance statement of wishes"


class DocumentVersion(models.Model):
    """One version of one of the person's documents, whole: its parts and contacts hang off it. Versions are added,
    never changed or removed."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="document_versions")
    kind = models.CharField(max_length=20, choices=Document.choices)
    number = models.PositiveIntegerField()
    reason = models.CharField(max_length=200, blank=True, db_default="")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    written_as = models.CharField(max_length=10, choices=Words.choices)
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["person", "kind", "-number"]
        constraints = [models.UniqueConstraint(fields=["person", "kind", "number"], name="one_document_version_number")]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.number} for person {self.person_id}"


class DocumentPart(models.Model):
    """One part of one version, in the words of whoever `words` names. Empty parts are not stored."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="parts")
    # the version's person (ADR 51); the index below, led by it, serves lookups by person
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", db_index=False)
    key = models.CharField(max_length=30)
    text = models.TextField()
    words = models.CharField(max_length=10, choices=Words.choices)

    class Meta:
        ordering = ["version", "id"]
        indexes = [models.Index(fields=["person", "version"], name="plans_part_by_person")]
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="one_document_part_per_key")]

    def __str__(self):
        return f"{self.key} of {self.version}"


class DocumentContact(models.Model):
    """Someone to contact in a crisis, named in one version of the crisis plan."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="contacts")
    # the version's person (ADR 51); the index below, led by it, serves lookups by person
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", db_index=False)
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    phone = models.CharField(max_length=30)
    about = models.CharField(max_length=200, blank=True, db_default="")
    words = models.CharField(max_length=10, choices=Words.choices)

    class Meta:
        ordering = ["version", "position"]
        indexes = [models.Index(fields=["person", "version"], name="plans_contact_by_person")]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="one_contact_per_position")]

    def __str__(self):
        return f"Contact {self.position} of {self.version}"


class CrisisFlag(models.Model):
    """A worker who gives care said the person is in crisis now, and why; a worker ends it. Never deleted: the
    flags, ended or not, are the history. At most one is open per person."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="crisis_flags")
    reason = models.CharField(max_length=300)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.CharField(max_length=300, blank=True, db_default="")

    class Meta:
        ordering = ["person", "-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(ended_at__isnull=True), name="one_open_crisis_flag"
            )
        ]

    def __str__(self):
        return f"Crisis flag {self.pk} for person {self.person_id}"
