"""Training courses and who finished them when.

A course is the platform's own (shipped, `organisation` empty, named by a `key`) or an organisation's own, added
by its administrator. A course is for every member of staff, or only for some roles (`for_roles`): only they
are counted for it. A record says one member of staff finished one course on one day, and who recorded it: the
person themselves, their team leader or an administrator, and in which organisation (only that organisation's
leaders and administrators may put it right). When it runs out is worked out from the course
(expiry.py) and kept, so that coverage reads it straight from the row. An organisation's administrator retires a
course it no longer offers (Retirement)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alongside.partners.models import Organisation, Role


class Course(models.Model):
    key = models.SlugField(max_length=40, blank=True, help_text="The platform's own courses: a fixed name for code")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="Empty: shipped"
    )
    name = models.CharField(max_length=120)
    covers = models.TextField(max_length=1000)
    valid_months = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Empty: never expires")
    for_roles = ArrayField(
        models.CharField(max_length=30),
        default=list,
        blank=True,
        help_text="The staff roles the course is for; empty: everyone",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=~Q(key=""), name="training_course_key_unique"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(organisation__isnull=True), name="training_shipped_name_unique"
            ),
            models.UniqueConstraint(fields=["organisation", "name"], name="training_course_name_unique"),
            models.CheckConstraint(condition=Q(valid_months__gt=0), name="training_valid_months_positive"),
        ]

    def __str__(self):
        return self.name

    @property
    def for_whom(self) -> str:
        """The roles the course is for, in words ("Community coordinator"), or "" when it is for everyone."""
        labels = dict(Role.choices)
        return ", ".join(str(labels.get(role, role)) for role in self.for_roles)


class Retirement(models.Model):
    """An organisation no longer offers a course (its own or a shipped one): nobody in it records the course again,
    and it is no longer one to do. Records already made stay, and count while they are in date. Kept apart from
    the course, so that a shipped course retired by one organisation is still offered by the others."""

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="retirements")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    retired_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    retired_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["course", "organisation"], name="training_retired_once"),
        ]

    def __str__(self):
        return f"{self.course} retired"


class Record(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation it was recorded in: its leaders and administrators may put it right. Empty: "
        "not known (someone in teams of two organisations recorded a shipped course), so only its owner may",
    )

    class Meta:
        ordering = ["-completed_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "course", "completed_on"], name="training_one_record_per_day"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=models.F("completed_on")),
                name="training_expires_after_completed",
            ),
        ]
        indexes = [models.Index(fields=["course", "user"], name="training_course_user")]

    def __str__(self):
        return f"{self.course}, {self.completed_on}"

    @property
    def by_themselves(self) -> bool:
        return self.recorded_by_id == self.user_id
