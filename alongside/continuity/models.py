"""Continuity of care: the contacts people have with the staff who support them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.partners.models import Team
from alongside.people.models import Person


class Contact(models.Model):
    """One contact between a person and a member of staff: a visit, a clinic appointment, a call."""

    class Kind(models.TextChoices):
        HOME_VISIT = "home_visit", "Home visit"
        CLINIC = "clinic", "Clinic"
        PHONE = "phone", "Phone call"
        VIDEO = "video", "Video call"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contacts")
    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    minutes = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "-at"]
        indexes = [
            models.Index(fields=["person", "at"], name="contact_by_person"),
            models.Index(fields=["practitioner", "at"], name="contact_by_practitioner"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__gte=1, minutes__lte=720), name="contact_minutes_sane")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} with person {self.person_id} at {self.at:%Y-%m-%d %H:%M}"
