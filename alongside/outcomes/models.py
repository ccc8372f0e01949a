"""Outcome measures the person completes (issue 15, items 3 to 5).

A `Response` is one completed questionnaire: the answers as given (`{linkId: value}`, the shape of a FHIR
QuestionnaireResponse's items, see fhir.py) and what they scored when saved: the total (or None where the
instrument has none, or too much was missing), the band, each item's scored value, and the reliable change since the
person's previous response to the same instrument. The instrument's definition is fixed by its code, so the stored
score is what `scoring.score` gives for the answers; a team report may also score the stored answers afresh in a
batch (scoring.score_totals).

A `CompletionLink` is a one-time link sent by GOV.UK Notify, by text or email, for the person to answer one
questionnaire without an account. Only a hash of its token is kept: the token itself is only in the message.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alongside.people.models import Person


class How(models.TextChoices):
    """How a response came to be recorded."""

    OWN_LOGIN = "own_login", "By the person, from their own login"
    LINK = "link", "By the person, through a link sent to them"
    WITH_STAFF = "with_staff", "With a member of staff"
    API = "api", "Sent by another system"


class Change(models.TextChoices):
    IMPROVED = "improved", "Reliably improved"
    NO_RELIABLE_CHANGE = "no_reliable_change", "No reliable change"
    DETERIORATED = "deteriorated", "Reliably worse"


class Response(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="outcome_responses")
    instrument = models.CharField(max_length=40)  # the instrument's code: "phq-9"
    answers = models.JSONField(default=dict)  # {linkId: value} as answered; unanswered questions absent
    # goal-based outcomes: the goals as worded when rated, {linkId: the goal in the person's words}
    goals = models.JSONField(default=dict, blank=True)
    total = models.FloatField(null=True, blank=True)
    band = models.CharField(max_length=60, blank=True, db_default="")
    items = models.JSONField(default=dict)  # {linkId: scored value}, after any reversal
    reliable_change = models.CharField(max_length=20, choices=Change.choices, blank=True, db_default="")
    # for instruments read item by item (ONS4, goals): {linkId: change or null}
    item_changes = models.JSONField(default=dict, blank=True)
    completed_at = models.DateTimeField(default=timezone.now)
    how = models.CharField(max_length=12, choices=How.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A retry with the same key (the form's key, or the API's Idempotency-Key) makes no second response.
    idempotency_key = models.CharField(max_length=100, blank=True, db_default="")

    class Meta:
        ordering = ["person", "instrument", "completed_at"]
        indexes = [
            models.Index(fields=["person", "instrument", "completed_at"], name="outcome_person_instrument"),
            models.Index(fields=["instrument", "completed_at"], name="outcome_instrument_time"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "idempotency_key"], condition=~Q(idempotency_key=""), name="one_response_per_key"
            )
        ]

    def __str__(self):
        return f"{self.instrument} response {self.pk} for person {self.person_id}"


class CompletionLink(models.Model):
    class Channel(models.TextChoices):
        TEXT = "text", "Text message"
        EMAIL = "email", "Email"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="completion_links")
    instrument = models.CharField(max_length=40)
    token_hash = models.CharField(max_length=64, unique=True)  # sha256 hex of the token sent
    channel = models.CharField(max_length=5, choices=Channel.choices)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    response = models.OneToOneField(Response, null=True, blank=True, on_delete=models.PROTECT, related_name="link")

    class Meta:
        indexes = [models.Index(fields=["person", "-created_at"], name="outcome_link_person")]

    def __str__(self):
        return f"{self.instrument} link {self.pk} for person {self.person_id}"


class Draft(models.Model):
    """Answers kept as the person goes, so that they can stop and come back: one per person, instrument and owner
    (the signed-in user answering, as themselves or with the person: "user:<id>:<how>"; or the link: "link:<id>").
    Submitting makes the Response once, keyed by `form_key`, and removes the draft."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="outcome_drafts")
    instrument = models.CharField(max_length=40)
    owner = models.CharField(max_length=60)
    how = models.CharField(max_length=12, choices=How.choices)
    answers = models.JSONField(default=dict)  # {linkId: value} answered so far
    form_key = models.UUIDField(default=uuid.uuid4)  # the Response's idempotency key when submitted
    started_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "instrument", "owner"], name="one_outcome_draft_per_owner")
        ]

    def __str__(self):
        return f"{self.instrument} draft for person {self.person_id} ({self.owner})"
