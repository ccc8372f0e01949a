"""Stories of lived experience, told with consent: the story as its teller told it (seen only by its teller and
whoever wrote it down), the de-identified version the team works on, the team's own themes, and the learning
sessions where stories are shared within each story's consent. Withdrawing a story deletes its words, not hides
them: what is left is a tombstone saying when."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alongside.partners.models import Team


class Teller(models.TextChoices):
    SUPPORTED = "supported", "Someone we support"
    CARER = "carer", "A carer"
    STAFF = "staff", "A member of staff"


class Level(models.TextChoices):
    """How far a story may go. Each level includes the ones before it."""

    TEAM = "team", "Team learning only"
    PARTNERSHIP = "partnership", "The partnership"
    PUBLIC = "public", "Public"


class Theme(models.Model):
    """One of a team's own themes (the team adds its own)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="story_themes")
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["team", "name"], name="narratives_theme_once_per_team")]

    def __str__(self) -> str:
        return self.name


class Story(models.Model):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="stories")
    teller = models.CharField(max_length=12, choices=Teller.choices)
    # the teller's own account, when they have one (staff writing their own story; the 'person' login)
    teller_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="stories_told"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="stories_recorded")
    recorded_at = models.DateTimeField(default=timezone.now)
    title = models.CharField(max_length=120, blank=True)  # the team's short title, from the de-identified version
    words = models.TextField(blank=True)  # the teller's own words; emptied when the story is withdrawn
    level = models.CharField(max_length=12, choices=Level.choices)
    agreed = models.BooleanField(default=False)  # the teller agreed that it is shared at this level
    withdrawal_code_hash = models.CharField(max_length=64, blank=True)  # SHA-256 of the code; never the code
    deidentified = models.TextField(blank=True)
    deidentified_at = models.DateTimeField(null=True, blank=True)
    # whoever last saved the de-identified version; for the partnership or public, a second care member of the
    # team (neither this person nor whoever wrote it down) checks it is safe before it goes beyond the team
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)  # emptied whenever the de-identified version changes
    themes = models.ManyToManyField(Theme, blank=True, related_name="stories")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [
            models.Index(fields=["team", "withdrawn_at"], name="narratives_story_team"),
            models.Index(
                fields=["withdrawal_code_hash"],
                name="narratives_story_code",
                condition=~Q(withdrawal_code_hash=""),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | (Q(words="") & Q(deidentified="")),
                name="narratives_withdrawn_story_keeps_no_words",
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"Story {self.pk}"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def waits_for_check(self) -> bool:
        """Agreed beyond the team, but nobody else has yet checked it is safe to share: shared in the team only."""
        return self.level != Level.TEAM and self.checked_at is None


class Session(models.Model):
    """A learning session, planned by a team for itself, or by a team's leader for leaders across the partnership."""

    class Audience(models.TextChoices):
        TEAM = "team", "The team"
        PARTNERSHIP = "partnership", "Leaders across the partnership"

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="story_sessions")
    audience = models.CharField(max_length=12, choices=Audience.choices, default=Audience.TEAM)
    title = models.CharField(max_length=120)
    on = models.DateField()
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    stories = models.ManyToManyField(Story, blank=True, related_name="sessions")

    class Meta:
        ordering = ["on", "pk"]
        indexes = [models.Index(fields=["team", "on"], name="narratives_session_team_on")]

    def __str__(self) -> str:
        return self.title
