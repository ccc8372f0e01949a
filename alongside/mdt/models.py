"""MDT meetings (Living Well): a GP practice's or a neighbourhood's regular multidisciplinary team meeting, its
core members, and each meeting's agenda of people, one item each, in order and timed.

Each item has its own audience (people.policy `mdt_item_basis`): the core members see every item; someone invited
for one item (a volunteer for their own client, with the person's agreement; a specialist) sees that item only.
The chair runs the meeting from one page: who came, notes and decisions per item, and actions with an owner and a
due date. When the meeting is finished, each item's minutes go to that person's timeline.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from alongside.partners.models import Neighbourhood, Organisation
from alongside.people.models import Person


class Mdt(models.Model):
    """One regular MDT: a GP practice's, or a neighbourhood's."""

    name = models.CharField(max_length=200)
    practice = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    neighbourhood = models.ForeignKey(Neighbourhood, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    when = models.CharField(max_length=200, help_text="When it meets, in words: 'Every other Tuesday, 12:30'")
    place = models.CharField(max_length=300, help_text="Where, or how to join by video or phone")
    minutes_per_item = models.PositiveSmallIntegerField(default=10)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(practice__isnull=False) ^ Q(neighbourhood__isnull=False),
                name="mdt_is_a_practices_or_a_neighbourhoods",
            ),
        ]

    def __str__(self):
        return self.name


class CoreMember(models.Model):
    """A core member of an MDT, in their part at the meeting, while their membership lasts."""

    class Part(models.TextChoices):
        GP_CHAIR = "gp_chair", "GP (chair)"
        GP = "gp", "GP"
        DISTRICT_NURSE = "district_nurse", "District nurse"
        SOCIAL_WORKER = "social_worker", "Social worker"
        COMMUNITY_MATRON = "community_matron", "Community matron"
        MENTAL_HEALTH_WORKER = "mental_health_worker", "Mental health worker"
        COORDINATOR = "coordinator", "Community coordinator"
        OTHER = "other", "Other core member"

    mdt = models.ForeignKey(Mdt, on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    part = models.CharField(max_length=30, choices=Part.choices)
    start = models.DateTimeField()
    end = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["mdt", "part", "pk"]
        indexes = [models.Index(fields=["user", "end"], name="mdt_member_by_user")]
        constraints = [
            models.UniqueConstraint(
                fields=["mdt", "user"], condition=Q(end__isnull=True), name="one_open_membership_per_mdt"
            ),
            models.UniqueConstraint(
                fields=["mdt"], condition=Q(end__isnull=True, part="gp_chair"), name="one_chair_per_mdt"
            ),
        ]

    def __str__(self):
        return f"{self.get_part_display()} of MDT {self.mdt_id}"


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        RUNNING = "running", "Under way"
        FINISHED = "finished", "Finished"

    mdt = models.ForeignKey(Mdt, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    finished_at = models.DateTimeField(null=True, blank=True)
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-starts_at", "pk"]
        indexes = [models.Index(fields=["mdt", "-starts_at"], name="mdt_meeting_by_mdt")]

    def __str__(self):
        return f"MDT {self.mdt_id} meeting {self.starts_at:%Y-%m-%d}"


class Item(models.Model):
    """One person on a meeting's agenda: why they are there (and where that came from), in order, timed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    minutes = models.PositiveSmallIntegerField(help_text="How long it has on the agenda")
    reason = models.TextField(help_text="Why the person is on the agenda, in plain words")
    # where the item came from: a capability's suggestion ("concern:12", "referral:5", "continuity:7") or "member"
    source = models.CharField(max_length=60, default="member")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    notes = models.TextField(blank=True)
    decision = models.TextField(blank=True)
    discussed = models.BooleanField(default=False)
    form_key = models.UUIDField(null=True, blank=True, unique=True)  # sent twice adds one item
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        indexes = [models.Index(fields=["person", "meeting"], name="mdt_item_by_person")]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_item_per_person_per_meeting"),
        ]

    def __str__(self):
        return f"Item {self.position} of meeting {self.meeting_id}"


class Invitation(models.Model):
    """Someone invited to one item only: a volunteer for their own client (with the person's agreement), or a
    specialist. They see that item and nothing else of the meeting."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="invitations")
    # the item's person (ADR 51); the index below, led by it, serves lookups by person
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", db_index=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # for a volunteer: the person agreed that their volunteer joins the meeting for them (never assumed)
    person_agreed = models.BooleanField(default=False)
    at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["item", "at"]
        indexes = [
            models.Index(fields=["user", "withdrawn_at"], name="mdt_invitation_by_user"),
            models.Index(fields=["person", "at"], name="mdt_invitation_by_person"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "user"], condition=Q(withdrawn_at__isnull=True), name="one_invitation_per_item"
            ),
        ]

    def __str__(self):
        return f"Invitation of user {self.user_id} to item {self.item_id}"


class Attendance(models.Model):
    """Who was at the meeting, or sent apologies: a core member, or someone invited for an item. Which item an
    invitee came for is on their Invitation, which names the person; so a row here is about the meeting and says
    nothing about any person (ADR 51)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField()

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="one_attendance_per_user")]

    def __str__(self):
        return f"User {self.user_id} at meeting {self.meeting_id}: {'present' if self.present else 'apologies'}"


class Action(models.Model):
    """Something agreed at the meeting about one person: who does it, by when, and what came of it."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="actions")
    # the item's person (ADR 51); the index below, led by it, serves lookups by person
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", db_index=False)
    what = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due = models.DateField()
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    # what the volunteer who raised the worry was told, in plain words, when the action answered it
    told_volunteer = models.TextField(blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)  # overdue: reminded once, never twice
    form_key = models.UUIDField(null=True, blank=True, unique=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due", "pk"]
        indexes = [
            models.Index(fields=["owner", "done_at", "due"], name="mdt_action_by_owner"),
            models.Index(fields=["person", "due"], name="mdt_action_by_person"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | ~Q(outcome=""), name="done_action_has_an_outcome"
            ),
        ]

    def __str__(self):
        return f"Action {self.pk} for user {self.owner_id}"
