"""The single point of access: every referral, what the referrer told us, who it turned out to be, what we decided."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alongside.partners.models import Neighbourhood, Organisation, Team
from alongside.people.models import Person

from .lifecycle import AWAITING_DECISION, Status, status_words


class Source(models.TextChoices):
    SELF = "self", "The person themselves"
    FAMILY_CARER = "family_carer", "Family, friend or carer"
    GP = "gp", "GP practice"
    HOSPITAL_DISCHARGE = "hospital_discharge", "Hospital discharge team"
    NEIGHBOURHOOD_TEAM = "neighbourhood_team", "Neighbourhood team"
    VOLUNTEER_COORDINATOR = "volunteer_coordinator", "Volunteer coordinator"
    OTHER_SERVICE = "other_service", "Another service"


class Urgency(models.TextChoices):
    URGENT = "urgent", "Urgent"
    SOON = "soon", "Soon"
    ROUTINE = "routine", "Routine"


URGENCY_ORDER = {Urgency.URGENT: 0, Urgency.SOON: 1, Urgency.ROUTINE: 2}


class Channel(models.TextChoices):
    STAFF = "staff", "Made in Alongside"
    PUBLIC = "public", "Online form"
    API = "api", "From another system"


class ReferralQuerySet(models.QuerySet):
    def awaiting_decision(self):
        return self.filter(status__in=[s.value for s in AWAITING_DECISION])


class Referral(models.Model):
    status = models.CharField(max_length=20, choices=[(s.value, s.value) for s in Status], default=Status.RECEIVED)
    source = models.CharField(max_length=30, choices=Source.choices)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    # About the person, as the referrer told us. Blank only while a draft.
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    address_line = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    reason = models.TextField(blank=True, help_text="Why the referral is being made")
    situation = models.TextField(
        blank=True, help_text="What is happening in the person's life, offered into their story if they agree"
    )
    person_agrees = models.BooleanField(
        null=True, help_text="The person knows about the referral and agrees to it (None: not asked)"
    )

    # Who referred, and how to tell them the outcome.
    referrer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals_made"
    )
    referrer_name = models.CharField(max_length=200, blank=True)
    referrer_organisation = models.CharField(max_length=200, blank=True)
    referrer_relationship = models.CharField(max_length=100, blank=True)
    referrer_email = models.EmailField(blank=True)
    referrer_phone = models.CharField(max_length=20, blank=True)
    share_named_worker = models.BooleanField(
        default=False, help_text="The person agreed that the referrer may be told who their named worker is"
    )

    # What triage found and decided.
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals")
    matched_by = models.CharField(max_length=20, blank=True)  # nhs_number, confirmed, new_person
    neighbourhood = models.ForeignKey(Neighbourhood, null=True, blank=True, on_delete=models.PROTECT)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals")
    named_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_reason = models.TextField(blank=True)
    redirected_to = models.CharField(max_length=200, blank=True)
    # Redirected to a voluntary service that is a partner in Alongside: its coordinators see it and answer it.
    partner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals_received"
    )
    partner_answer = models.CharField(max_length=12, blank=True, db_default="")  # "", taken_on
    partner_reason = models.TextField(blank=True, db_default="")
    partner_answered_at = models.DateTimeField(null=True, blank=True)
    story_offer = models.CharField(max_length=10, blank=True)  # "", offered, added, declined

    created_at = models.DateTimeField(default=timezone.now)
    received_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Triage asks the person's MDT to discuss them (issue 16): never assumed, with why in plain words
    discuss_at_mdt = models.BooleanField(default=False, db_default=False)
    mdt_reason = models.TextField(blank=True, db_default="")
    mdt_flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mdt_flagged_at = models.DateTimeField(null=True, blank=True)
    mdt_discussed_at = models.DateTimeField(null=True, blank=True)  # when an MDT action about it was done
    version = models.PositiveIntegerField(default=1)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["status", "received_at"], name="referral_queue"),
            models.Index(fields=["referrer_user", "created_at"], name="referral_by_referrer"),
            models.Index(fields=["team", "status"], name="referral_by_team"),
            models.Index(fields=["decided_at"], name="referral_decided"),
            models.Index(fields=["status", "-closed_at", "-id"], name="referral_closed"),
            models.Index(fields=["partner", "status"], name="referral_by_partner"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT) | Q(received_at__isnull=False), name="referral_received_unless_draft"
            ),
        ]

    def __str__(self):
        return f"Referral {self.pk} ({self.status})"

    @property
    def status_words(self) -> str:
        """What is happening to it, in the words every page uses."""
        return status_words(self.status)

    @property
    def person_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip() or "Name not given yet"

    @property
    def referrer_display(self) -> str:
        if self.source == Source.SELF:
            return "The person themselves"
        parts = [self.referrer_name or (self.referrer_user.display_name if self.referrer_user_id else "")]
        if self.referrer_relationship:
            parts.append(f"({self.referrer_relationship})")
        if self.referrer_organisation:
            parts.append(f"— {self.referrer_organisation}")
        return " ".join(p for p in parts if p)


class Transition(models.Model):
    """One move in a referral's life, kept for its history (each is also an audit event)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="transitions")
    move = models.CharField(max_length=20)
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["referral", "at", "pk"]

    def __str__(self):
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"

    @property
    def to_words(self) -> str:
        return status_words(self.to_status)
