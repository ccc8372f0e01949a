"""Volunteers as partners in care (Living Well): who each volunteer is and what they offer, the checks, training and
confidentiality agreement that let them take a client, and people asking for a volunteer.

A volunteer is a user with the volunteer role in a volunteer hub (partners.Membership); their hub is that team.
The allocation itself is a care relationship of kind "volunteer" (people.CareRelationship), started and ended
through the one relationship writer in people.actions; a request here records who asked, what would help, and
which allocation answered it.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from alongside.partners.models import Neighbourhood, Organisation, Team


class Volunteer(models.Model):
    """A volunteer's profile: how to reach them, what they offer and where, and how many clients they can support."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="volunteer_profile")
    phone = models.CharField(max_length=20, blank=True)
    languages = ArrayField(models.CharField(max_length=40), default=list, blank=True, help_text="Besides English")
    practices = models.ManyToManyField(
        Organisation, blank=True, related_name="+", help_text="The GP practices whose patients they visit"
    )
    neighbourhoods = models.ManyToManyField(Neighbourhood, blank=True, related_name="+")
    home_district = models.CharField(
        max_length=8, blank=True, help_text="The postcode district they live in, for example NV2: for nearness only"
    )
    interests = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    available_days = ArrayField(models.PositiveSmallIntegerField(), default=list, blank=True)  # 0 Monday .. 6 Sunday
    available_parts = ArrayField(
        models.CharField(max_length=10), default=list, blank=True
    )  # morning, afternoon, evening
    availability_words = models.CharField(max_length=300, blank=True)
    capacity = models.PositiveSmallIntegerField(default=2, help_text="How many people they can support at once")
    by_text = models.BooleanField(default=False, help_text="Tell them about new clients and good news by text")
    by_email = models.BooleanField(default=False, help_text="Tell them about new clients and good news by email")
    # Kept from the checks, courses and agreements below whenever one is recorded (`kept.keep`), so that matching
    # knows who may take a client without reading them all: see `standing.clear_on`.
    held_until = models.DateField(
        null=True, blank=True, editable=False, help_text="The day the first required check or course runs out"
    )
    agreement_version = models.CharField(
        max_length=20, blank=True, editable=False, help_text="The version of the agreement they signed last"
    )
    version = models.PositiveIntegerField(default=1)  # for edits made at the same time
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["user__last_name", "user__first_name", "pk"]

    def __str__(self):
        return self.user.display_name


class Check(models.Model):
    """A check on a volunteer, with the date it runs out."""

    class Kind(models.TextChoices):
        DBS = "dbs", "DBS check"
        REFERENCE = "reference", "Reference"

    class Level(models.TextChoices):
        BASIC = "basic", "Basic"
        STANDARD = "standard", "Standard"
        ENHANCED = "enhanced", "Enhanced"
        ENHANCED_BARRED = "enhanced_barred", "Enhanced with barred lists"

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)  # DBS checks only
    done_on = models.DateField()
    expires_on = models.DateField()
    note = models.CharField(max_length=200, blank=True)  # e.g. who gave the reference
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    reminded_60_at = models.DateTimeField(null=True, blank=True)  # reminders go once each
    reminded_14_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "-expires_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(expires_on__gt=models.F("done_on")), name="check_expires_after"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}, until {self.expires_on}"


class Training(models.Model):
    """A course a volunteer completed, with the date it runs out."""

    class Course(models.TextChoices):
        RISK_AWARENESS = "risk_awareness", "Volunteer risk awareness"
        CONFIDENTIALITY = "confidentiality", "Confidentiality"
        SAFEGUARDING = "safeguarding", "Safeguarding adults"

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="training")
    course = models.CharField(max_length=30, choices=Course.choices)
    completed_on = models.DateField()
    expires_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    reminded_60_at = models.DateTimeField(null=True, blank=True)
    reminded_14_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["course", "-expires_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gt=models.F("completed_on")), name="training_expires_after"
            ),
        ]

    def __str__(self):
        return f"{self.get_course_display()}, until {self.expires_on}"


class Agreement(models.Model):
    """The confidentiality agreement a volunteer signed: which version, and when."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="agreements")
    version = models.CharField(max_length=20)
    signed_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-pk"]

    def __str__(self):
        return f"Confidentiality agreement {self.version}, signed {self.signed_on}"


class VolunteerRequest(models.Model):
    """Someone would like a volunteer: asked by staff, by the single point of access, or by the person (or their
    proxy). The coordinators of the hub see it, match and allocate; the allocation answers it."""

    class AskedAs(models.TextChoices):
        STAFF = "staff", "Staff who look after them"
        TRIAGE = "triage", "The single point of access"
        SELF = "self", "The person"
        PROXY = "proxy", "Someone helping the person with their record"

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a volunteer"
        ALLOCATED = "allocated", "Volunteer found"
        WITHDRAWN = "withdrawn", "No longer wanted"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    hub = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_as = models.CharField(max_length=10, choices=AskedAs.choices)
    what_would_help = models.TextField(help_text="In the person's words where possible")
    languages = ArrayField(models.CharField(max_length=40), default=list, blank=True)
    interests = ArrayField(models.CharField(max_length=60), default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    relationship = models.ForeignKey(
        "people.CareRelationship", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.CharField(max_length=200, blank=True)
    form_key = models.UUIDField(null=True, blank=True, unique=True)  # a form sent twice makes one request
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "hub"], condition=models.Q(status="waiting"), name="one_waiting_request_per_hub"
            ),
        ]

    def __str__(self):
        return f"A volunteer for person {self.person_id}: {self.get_status_display()}"
