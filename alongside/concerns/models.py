"""Concerns volunteers raise about the people they visit (Living Well), the routes they travel by, and the loop
that closes with an outcome told back to the volunteer.

A volunteer raises a concern about one of their clients: what kind of worry (health, social, environmental), how
soon someone should look, and their own words. The volunteer's hub (a partners.Team of kind volunteer_hub) sets a
route for each urgency: a call to a team leader, the coordinator's monthly meeting, the peer coffee morning, or the
practice's MDT. A health worry is for the person's named worker or neighbourhood team to act on; a social or
environmental one for the coordinator. Every concern ends with an outcome written for the volunteer, who can say
thank you or that they are still worried (which reopens it). Every step is kept as a ConcernEvent.
"""

from django.conf import settings
from django.db import models

from alongside.partners.models import Team


class Kind(models.TextChoices):
    HEALTH = "health", "Health"
    SOCIAL = "social", "Social"
    ENVIRONMENTAL = "environmental", "Home and surroundings"


class Urgency(models.TextChoices):
    NEXT_MEETING = "next_meeting", "At the next meeting"
    FEW_DAYS = "few_days", "In the next few days"
    TODAY = "today", "Today"


class RouteKind(models.TextChoices):
    TEAM_LEADER_CALL = "team_leader_call", "A call to the team leader"
    MONTHLY_MEETING = "monthly_meeting", "The coordinator's monthly meeting"
    COFFEE_MORNING = "coffee_morning", "The peer coffee morning"
    MDT = "mdt", "The practice's MDT meeting"


class Route(models.Model):
    """Where a hub's concerns of one urgency go, and how soon someone must answer."""

    hub = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    urgency = models.CharField(max_length=20, choices=Urgency.choices)
    kind = models.CharField(max_length=20, choices=RouteKind.choices)
    team_leader = models.ForeignKey(  # for a call to the team leader: who is alerted at once
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    response_hours = models.PositiveIntegerField(help_text="How soon someone must answer, in hours")
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["hub", "urgency"]
        constraints = [models.UniqueConstraint(fields=["hub", "urgency"], name="one_route_per_hub_and_urgency")]

    def __str__(self):
        return f"{self.get_urgency_display()}: {self.get_kind_display()}"


class Concern(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(  # the coordinator, when a volunteer raised it at a meeting or by phone
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hub = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    urgency = models.CharField(max_length=20, choices=Urgency.choices)
    words = models.TextField(blank=True)
    route_kind = models.CharField(max_length=20, choices=RouteKind.choices)
    # who acts on it: a health worry, the person's named worker (else their neighbourhood team); any other, the hub
    for_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    for_team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    answer_by = models.DateTimeField(help_text="When the route's response target falls")
    outcome = models.TextField(blank=True, help_text="What happened, written for the volunteer")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    overdue_reminded_at = models.DateTimeField(null=True, blank=True)  # reminded once, never twice
    form_key = models.UUIDField(null=True, blank=True, unique=True)  # sent twice makes one concern
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer_by", "pk"]
        indexes = [models.Index(fields=["hub", "status", "answer_by"], name="concern_queue")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(outcome=""), name="closed_concern_has_an_outcome"
            ),
        ]

    def __str__(self):
        return f"Concern {self.pk}: {self.get_kind_display()}, {self.get_status_display()}"


class ConcernEvent(models.Model):
    """One step in a concern's life, in order: raised, rerouted, reminded, closed, thanked, still worried; and
    what became of a referral to a community service made from it (sent, then each answer of the service)."""

    class What(models.TextChoices):
        RAISED = "raised", "Raised"
        REROUTED = "rerouted", "Sent another way"
        REMINDED = "reminded", "Overdue: reminded"
        CLOSED = "closed", "Answered"
        THANKED = "thanked", "The volunteer said thank you"
        STILL_WORRIED = "still_worried", "The volunteer is still worried"
        REFERRED = "referred", "Referred to a community service"
        SERVICE_ANSWERED = "service_answered", "The community service answered"
        MDT_NEWS = "mdt_news", "News from the MDT meeting"

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    # the concern's person, on every step too, so that each row of a person's data names them (ADR 51); the index
    # below, led by it, serves lookups by person
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", db_index=False)
    what = models.CharField(max_length=20, choices=What.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    words = models.TextField(blank=True)
    route_kind = models.CharField(max_length=20, choices=RouteKind.choices, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["person", "at"], name="concern_event_by_person")]

    def __str__(self):
        return f"{self.get_what_display()} at {self.at}"
