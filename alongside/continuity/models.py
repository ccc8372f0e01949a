"""Continuity of care: the contacts people have with the staff who support them."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from alongside.partners.models import Team
from alongside.people.models import Entry, Person


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


class ChangeRequest(models.Model):
    """Someone asks for a different named worker. It goes to the team leader, who answers within a target time.

    It is never held against the person: the named worker it is about does not see it, it is not on the
    person's timeline, and it says nothing on their record except, once agreed, the new named worker.
    """

    class Outcome(models.TextChoices):
        CHANGED = "changed", "Named worker changed"
        NOT_CHANGED = "not_changed", "Not changed, with a reason"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="named_worker_requests")
    current_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="named_worker_requests")
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_as = models.CharField(max_length=20)  # the person, their proxy, or staff
    reason = models.TextField()
    asked_at = models.DateTimeField(default=timezone.now)
    answer_due = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    answer = models.TextField(blank=True)
    new_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["answer_due"]
        indexes = [models.Index(fields=["team", "answered_at", "answer_due"], name="change_request_queue")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(answered_at__isnull=True), name="one_open_change_request"
            )
        ]

    def __str__(self):
        return f"Change of named worker for person {self.person_id}"


class ContinuityFacts(models.Model):
    """What is recorded about a person that makes a familiar worker matter more; their priority follows from it."""

    class Frailty(models.TextChoices):
        NONE = "", "Not frail, or not known"
        MILD = "mild", "Mild"
        MODERATE = "moderate", "Moderate"
        SEVERE = "severe", "Severe"

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="continuity_facts")
    frailty = models.CharField(max_length=10, choices=Frailty.choices, blank=True)
    long_term_condition = models.BooleanField(default=False)
    incurable_illness = models.BooleanField(default=False)
    lives_alone = models.BooleanField(default=False)
    wants_continuity = models.BooleanField(default=False)
    last_crisis_on = models.DateField(null=True, blank=True)
    adjustment = models.SmallIntegerField(default=0)
    adjustment_note = models.CharField(max_length=300, blank=True)
    priority = models.PositiveSmallIntegerField(default=0, help_text="Kept from the facts for lists and dashboards")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "continuity facts"
        indexes = [models.Index(fields=["-priority"], name="continuity_priority")]

    def __str__(self):
        return f"Continuity facts for person {self.person_id}"


class Slot(models.Model):
    """A time a clinician has set aside to see someone: one appointment, booked by at most one request."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="slots")
    practitioner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="slots")
    start = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=30)
    kind = models.CharField(max_length=20, choices=Contact.Kind.choices, default=Contact.Kind.CLINIC)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "practitioner"]
        indexes = [models.Index(fields=["team", "start"], name="slot_by_team")]
        constraints = [
            models.UniqueConstraint(fields=["practitioner", "start"], name="one_slot_per_practitioner_time"),
            models.CheckConstraint(condition=models.Q(minutes__gte=5, minutes__lte=240), name="slot_minutes_sane"),
        ]

    def __str__(self):
        return f"Slot {self.pk} for practitioner {self.practitioner_id} at {self.start:%Y-%m-%d %H:%M}"


class AppointmentRequest(models.Model):
    """Someone needs to be seen by the team between two times. The week's plan books it into a slot, preferring
    the person's named worker by their continuity priority; or staff book it straight into a named worker's slot.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appointment_requests")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="appointment_requests")
    earliest = models.DateTimeField()
    latest = models.DateTimeField()
    what_for = models.CharField(max_length=200)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    slot = models.OneToOneField(Slot, null=True, blank=True, on_delete=models.PROTECT, related_name="request")
    booked_at = models.DateTimeField(null=True, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    booking_reason = models.CharField(max_length=300, blank=True)
    with_named_worker = models.BooleanField(default=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    session_asked_at = models.DateTimeField(
        null=True, blank=True, help_text="When the named worker was asked to add a session for it"
    )

    class Meta:
        ordering = ["latest", "earliest", "pk"]
        indexes = [models.Index(fields=["team", "latest"], name="appointment_request_by_team")]
        constraints = [
            models.CheckConstraint(condition=models.Q(earliest__lte=models.F("latest")), name="request_window_ordered")
        ]

    def __str__(self):
        return f"Appointment request {self.pk} for person {self.person_id}"

    @property
    def waiting(self) -> bool:
        return self.slot_id is None and self.cancelled_at is None


class ContactEntry(Entry):
    """A contact's entry on the person's timeline: an ordinary timeline entry (kind "contact"), in its table.
    Named apart only so that the demo build can write these rows beside the person record's own entries."""

    class Meta:
        proxy = True


class DashboardRun(models.Model):
    """One working-out of the continuity dashboard's figures by the nightly task, for the year up to the night it
    ran (`first` to `last`) and the eight quarters up to then. Only the latest is kept; the dashboard shows its
    figures, and says when they were worked out, whenever the period asked for is this one."""

    computed_at = models.DateTimeField()
    first = models.DateField()
    last = models.DateField()
    seconds = models.FloatField(default=0, help_text="How long the working-out took")

    class Meta:
        ordering = ["-computed_at"]

    def __str__(self):
        return f"Continuity figures for {self.first} to {self.last}, worked out {self.computed_at:%Y-%m-%d %H:%M}"


class DashboardFigure(models.Model):
    """One row of the dashboard's figures: a group's continuity over the run's period or one of its quarters.

    `table` says which: a team's caseload (key: the team), a named worker's list (key: the worker), a GP practice's
    people (key: the practice), or the whole borough (no key); `quarter` is the quarter's first day, or empty for
    the whole period. `listed` is the people on the caseload or list when it was worked out."""

    class Table(models.TextChoices):
        TEAM = "team", "Team caseload"
        WORKER = "worker", "Named worker's list"
        PRACTICE = "practice", "GP practice"
        BOROUGH = "borough", "Whole borough"

    run = models.ForeignKey(DashboardRun, on_delete=models.CASCADE, related_name="figures")
    table = models.CharField(max_length=10, choices=Table.choices)
    key = models.BigIntegerField(null=True, blank=True)
    quarter = models.DateField(null=True, blank=True)
    people = models.PositiveIntegerField()
    assessed = models.PositiveIntegerField()
    contacts = models.PositiveIntegerField()
    listed = models.PositiveIntegerField(null=True, blank=True)
    values = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["run", "table", "key"], name="dashboard_figure_lookup")]

    def __str__(self):
        return f"{self.get_table_display()} {self.key or ''} {self.quarter or 'period'}"


class VisitTimes(models.Model):
    """When the person has said is best for them to be visited or seen: days of the week, parts of the day, and
    their own words. Booking and the appointment form offer the times that fit first."""

    class Part(models.TextChoices):
        MORNING = "morning", "Mornings"
        AFTERNOON = "afternoon", "Afternoons"
        EVENING = "evening", "Evenings"

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="visit_times")
    days = ArrayField(models.PositiveSmallIntegerField(), default=list, blank=True, help_text="0 Monday to 6 Sunday")
    parts = ArrayField(models.CharField(max_length=10, choices=Part.choices), default=list, blank=True)
    words = models.CharField(max_length=500, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = "visit times"

    def __str__(self):
        return f"Best times to visit person {self.person_id}"
