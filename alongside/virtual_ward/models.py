"""The virtual ward: a few days (72 hours) of intense support in the person's own home instead of a hospital bed,
from an urgent care nursing team.

A referral comes from the single point of access, a GP, the ambulance service, an emergency department or a
hospital ward: step-up to avoid an admission, step-down to leave hospital early. The ward team accepts or declines
it within a target (2 hours). An accepted person is admitted to one of the ward's beds (capacity per ward, and per
day where it differs), for an episode of 72 hours that goes on longer only with a reason. The plan is visits, calls
and readings; reviews with observations happen at least daily, each scored with NEWS2 (news2.py). Every episode
ends with an outcome. Every table holds the person's id, so that data about one person stays together.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from alongside.partners.models import Organisation, Team
from alongside.people.models import Person


class Ward(models.Model):
    """One virtual ward and the team that runs it."""

    team = models.OneToOneField(Team, on_delete=models.PROTECT, related_name="virtual_ward")
    name = models.CharField(max_length=200)
    beds = models.PositiveSmallIntegerField(help_text="Beds on a usual day")
    decision_hours = models.PositiveSmallIntegerField(default=2, help_text="Hours to accept or decline a referral")
    episode_hours = models.PositiveSmallIntegerField(default=72, help_text="How long an episode lasts")
    target_deflection = models.DecimalField(
        max_digits=4, decimal_places=3, default=Decimal("0.170"), help_text="The share of admissions to avoid"
    )
    # The GP practices whose registered people the ward serves: its population, for capacity per 100,000.
    practices = models.ManyToManyField(Organisation, related_name="+", blank=True)
    # The number of people registered with those practices (their whole lists, not only the people in Alongside),
    # and where it came from. When not set, the figures fall back to the people registered in Alongside.
    registered_population = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The people registered with the ward's GP practices: the GP practices' registered list sizes "
        "(NHS Digital, Patients Registered at a GP Practice)",
    )
    population_source = models.CharField(
        max_length=300, blank=True, help_text="Where the registered population comes from, and its date"
    )
    # What admissions avoided are compared with: the emergency admissions the population had in a baseline year
    # before the ward (from the hospital's figures), and where that number came from.
    baseline_admissions_per_year = models.PositiveIntegerField(null=True, blank=True)
    baseline_source = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class DayCapacity(models.Model):
    """The ward's beds on one day, where they differ from the usual number (staff off sick, winter beds)."""

    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="day_capacities")
    day = models.DateField()
    beds = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=300, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["ward", "day"]
        constraints = [models.UniqueConstraint(fields=["ward", "day"], name="one_capacity_per_ward_day")]

    def __str__(self):
        return f"{self.ward} on {self.day}: {self.beds} beds"


class Referral(models.Model):
    """Someone referred to the ward, and the ward's decision."""

    class Source(models.TextChoices):
        SPA = "single_point_of_access", "Single point of access"
        GP = "gp", "GP"
        AMBULANCE = "ambulance", "Ambulance service"
        EMERGENCY_DEPARTMENT = "emergency_department", "Emergency department"
        HOSPITAL_WARD = "hospital_ward", "Hospital ward"

    class Direction(models.TextChoices):
        STEP_UP = "step_up", "Step-up: to avoid going into hospital"
        STEP_DOWN = "step_down", "Step-down: to leave hospital early"

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="referrals")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ward_referrals")
    source = models.CharField(max_length=30, choices=Source.choices)
    direction = models.CharField(max_length=20, choices=Direction.choices)
    reason = models.TextField()
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField()
    decision_due = models.DateTimeField()
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-referred_at"]
        indexes = [models.Index(fields=["ward", "decision", "referred_at"], name="ward_referrals_by_decision")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(decision=""), name="one_waiting_ward_referral_per_person"
            ),
            models.CheckConstraint(
                condition=Q(decision="", decided_at__isnull=True) | (~Q(decision="") & Q(decided_at__isnull=False)),
                name="ward_referral_decided_with_a_time",
            ),
        ]

    def __str__(self):
        return f"Virtual ward referral {self.pk}"


class Episode(models.Model):
    """A stay on the virtual ward, from admission to a bed to its end with an outcome."""

    class Outcome(models.TextChoices):
        HOME = "home", "Stayed at home and handed to the neighbourhood team"
        HOSPITAL = "hospital", "Admitted to hospital"
        DIED_AT_HOME = "died_at_home", "Died at home, as they wished"
        OTHER = "other", "Other"

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="episode")
    ward = models.ForeignKey(Ward, on_delete=models.PROTECT, related_name="episodes")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ward_episodes")
    step_up = models.BooleanField(help_text="Kept from the referral: step-up (True) or step-down (False)")
    bed = models.PositiveSmallIntegerField()
    admitted_at = models.DateTimeField()
    admitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_end_at = models.DateTimeField(help_text="The end of the 72 hours, or later with a reason")
    extended_reason = models.TextField(blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField(blank=True, help_text="Why, for an admission to hospital or another outcome")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-admitted_at"]
        indexes = [models.Index(fields=["ward", "admitted_at"], name="ward_episodes_by_admission")]
        constraints = [
            # A bed holds one person at a time, whoever admits at the same moment.
            models.UniqueConstraint(
                fields=["ward", "bed"], condition=Q(ended_at__isnull=True), name="one_person_a_bed"
            ),
            models.UniqueConstraint(fields=["person"], condition=Q(ended_at__isnull=True), name="one_open_episode"),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True, outcome="") | Q(ended_at__isnull=False) & ~Q(outcome=""),
                name="episode_ends_with_an_outcome",
            ),
            models.CheckConstraint(condition=Q(bed__gte=1), name="beds_count_from_one"),
        ]

    def __str__(self):
        return f"Virtual ward episode {self.pk}"


class PlannedContact(models.Model):
    """One part of the episode's plan: a home visit, a phone call, or readings the person sends from home."""

    class Kind(models.TextChoices):
        VISIT = "visit", "Home visit"
        CALL = "call", "Phone call"
        READINGS = "readings", "Readings from home"

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="planned")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=30)
    what_for = models.CharField(max_length=200, blank=True)
    nurse = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    contact = models.CharField(max_length=40, blank=True, help_text="The contact it was recorded as: 'contact:12'")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due_at"]
        indexes = [models.Index(fields=["episode", "due_at"], name="ward_plan_by_time")]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.due_at:%Y-%m-%d %H:%M}"


class Review(models.Model):
    """A review of the person on the ward, with the observations taken and their NEWS2 (kept when recorded, so
    that lists and the board read it without scoring again). `news2` is null when an observation was missing."""

    class Consciousness(models.TextChoices):
        ALERT = "alert", "Alert"
        NEW_CONFUSION = "new_confusion", "New confusion"
        VOICE = "voice", "Responds to voice"
        PAIN = "pain", "Responds to pain"
        UNRESPONSIVE = "unresponsive", "Unresponsive"

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="reviews")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    respiration_rate = models.PositiveSmallIntegerField(null=True, blank=True)
    spo2 = models.PositiveSmallIntegerField(null=True, blank=True)
    spo2_scale = models.PositiveSmallIntegerField(default=1)
    on_oxygen = models.BooleanField(null=True, blank=True)
    systolic_bp = models.PositiveSmallIntegerField(null=True, blank=True)
    pulse = models.PositiveSmallIntegerField(null=True, blank=True)
    consciousness = models.CharField(max_length=20, choices=Consciousness.choices, blank=True)
    temperature = models.DecimalField(max_digits=3, decimal_places=1, null=True, blank=True)
    news2 = models.PositiveSmallIntegerField(null=True, blank=True)
    news2_at_least = models.PositiveSmallIntegerField(default=0)
    response = models.CharField(max_length=20, blank=True)  # news2.Response, or blank when it cannot be told
    note = models.TextField(blank=True)
    escalation = models.TextField(blank=True, help_text="What was done about a medium or high score")

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["episode", "at"], name="ward_reviews_by_time")]
        constraints = [models.CheckConstraint(condition=Q(spo2_scale__in=[1, 2]), name="spo2_scale_1_or_2")]

    def __str__(self):
        return f"Review at {self.at:%Y-%m-%d %H:%M}"
