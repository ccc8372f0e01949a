"""Break-glass: time-limited access to one person's record without a relationship, reviewed afterwards."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.people.models import Person

DEFAULT_DURATION = timedelta(hours=12)


class BreakGlassQuerySet(models.QuerySet):
    def active(self, at=None):
        at = at or timezone.now()
        return self.filter(started_at__lte=at, expires_at__gt=at)

    def awaiting_review(self):
        return self.filter(reviewed_at__isnull=True)


class BreakGlass(models.Model):
    class Reason(models.TextChoices):
        EMERGENCY = "emergency", "Emergency: the person may be at risk of harm"
        UNPLANNED_CARE = "unplanned_care", "Unplanned care: covering for a colleague or out of hours"
        SAFEGUARDING = "safeguarding", "Safeguarding concern"
        NEW_REFERRAL = "new_referral", "New referral not yet allocated"

    class Outcome(models.TextChoices):
        APPROPRIATE = "appropriate", "Appropriate"
        INAPPROPRIATE = "inappropriate", "Not appropriate: follow up with the member of staff"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="break_glass")
    organisation_id = models.BigIntegerField(null=True, blank=True)
    reason_code = models.CharField(max_length=30, choices=Reason.choices)
    reason_text = models.TextField()
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    review_note = models.TextField(blank=True)

    objects = BreakGlassQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "person", "expires_at"])]

    def __str__(self):
        return f"Break-glass by {self.user} for person {self.person_id} at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.started_at <= timezone.now() < self.expires_at
