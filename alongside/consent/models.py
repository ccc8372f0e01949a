"""Consent choices, shaped like FHIR Consent provisions: permit or deny an actor some data for a period."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from alongside.partners.models import Organisation
from alongside.people.models import Person
from alongside.people.policy import PROXIES, VOLUNTEERS, Category, Provision


class ConsentProvision(models.Model):
    class Actor(models.TextChoices):
        ORGANISATION = "organisation", "A partner organisation"
        VOLUNTEERS = VOLUNTEERS, "Volunteers"
        PROXIES = PROXIES, "People who help the person with their record (proxies)"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consent_provisions")
    permit = models.BooleanField(help_text="True: share; false: do not share")
    actor_kind = models.CharField(max_length=20, choices=Actor.choices)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT)
    categories = ArrayField(
        models.CharField(max_length=30, choices=[(c.value, c.value) for c in Category]), default=list, blank=True
    )
    start = models.DateTimeField(default=timezone.now)
    end = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_as = models.CharField(max_length=20, default="self", help_text="self or proxy")
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person", "-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(actor_kind="organisation", organisation__isnull=False)
                | models.Q(actor_kind__in=[VOLUNTEERS, PROXIES], organisation__isnull=True),
                name="consent_actor_is_whole",
            )
        ]

    def __str__(self):
        return f"{'Permit' if self.permit else 'Deny'} {self.actor} for person {self.person_id}"

    @property
    def actor(self) -> str:
        return self.actor_kind if self.actor_kind != "organisation" else f"organisation:{self.organisation_id}"

    def as_provision(self) -> Provision:
        end = min(filter(None, [self.end, self.withdrawn_at]), default=None)
        return Provision(self.permit, self.actor, frozenset(self.categories), self.start, end)
