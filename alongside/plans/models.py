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


class Goal(models.Model):
    """One goal in one version of a plan, in the words of whoever the `words` field names."""

    plan = models.ForeignKey(PlanVersion, on_delete=models.PROTECT, related_name="goals")
    position = models.PositiveSmallIntegerField()
    in_own_words = models.TextField()
    small_steps = models.TextField(blank=True, db_default="")
    who_helps = models.CharField(max_length=200, blank=True, db_default="")
    by_when = models.CharField(max_length=100, blank=True, db_default="")
    words = models.CharField(max_length=10, choices=Words.choices)

    class Meta:
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="one_goal_per_position")]

    def __str__(self):
        return f"Goal {self.position} of {self.plan}"
