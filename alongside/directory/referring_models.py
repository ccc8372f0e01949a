"""A non-medical referral to a community service, as in social prescribing, shaped by the PRSB Social Prescribing
standard's "message back to the referrer": who was referred, to which service, by whom, what would help (the
referrer's words), what the person agreed to share and when, and the service's answer.

The service answers through a one-time link sent by email: only a SHA-256 hash of the link's token is kept (as
core.models.ApiToken keeps only a hash), so the database alone cannot answer for anyone. The link is good for 14
days, for this referral and this service only (referring_rules.link_is_good).
"""

import hashlib

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from .models import Service


class CommunityReferral(models.Model):
    class Status(models.TextChoices):
        SENT = "sent", "Sent, waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        NOT_ABLE = "not_able", "Not able to help"
        NOT_TAKEN_UP = "not_taken_up", "Not taken up"
        OUTCOME = "outcome", "Outcome given"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="community_referrals")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="community_referrals")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        "partners.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The referrer's team: its phone is how the service asks for a new link",
    )
    came_from = models.CharField(
        max_length=60,
        blank=True,
        help_text='Where the referral started besides the person page, as "kind:ref" (a concern: "concern:12")',
    )
    what_would_help = models.TextField(help_text="The referrer's words")
    shared = ArrayField(
        models.CharField(max_length=30),
        default=list,
        help_text="The categories the person agreed to share",
    )
    agreed_on = models.DateField()
    agreement_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SENT)
    reason = models.TextField(blank=True, help_text="Why the service is not able to help")
    outcome = models.TextField(blank=True, help_text="The outcome, in the service's words")
    sent_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True, help_text="When the service last answered")
    first_answered_at = models.DateTimeField(null=True, blank=True, help_text="When the service first answered")
    reminded_at = models.DateTimeField(null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    link_number = models.PositiveSmallIntegerField(
        default=1, help_text="How many links have been sent: a new link replaces the one before"
    )
    expires_at = models.DateTimeField()
    form_key = models.UUIDField(unique=True)
    site = models.CharField(max_length=200, help_text="The address the link was sent from, for the reminder's link")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["person", "-sent_at"]
        indexes = [models.Index(fields=["status", "sent_at"], name="community_referral_waiting")]

    def __str__(self):
        return f"Community referral {self.pk} ({self.status})"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
