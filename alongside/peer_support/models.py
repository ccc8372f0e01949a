"""Peer support in a volunteer hub: the sessions where volunteers meet (coffee mornings, the monthly formal
meeting, training days), who came and what was talked about; and the ideas volunteers send about how they are
trained and deployed, with the coordinators' answers ("You said, we did").

Nothing here names a person supported: a session's themes are written with no one named, and a worry about a
person raised at a session becomes a concern, in the concerns capability, never a note here.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.partners.models import Team


class PeerSession(models.Model):
    class Kind(models.TextChoices):
        COFFEE_MORNING = "coffee_morning", "Coffee morning"
        FORMAL_MEETING = "formal_meeting", "Monthly meeting"
        TRAINING_DAY = "training_day", "Training day"

    hub = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="peer_sessions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    held_on = models.DateField()
    place = models.CharField(max_length=200)
    themes = models.TextField(blank=True, help_text="What was talked about, with no one named")
    attended = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="peer_sessions_attended")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["hub", "held_on"], name="peer_session_hub_date")]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.held_on:%d %B %Y}"


class Idea(models.Model):
    class About(models.TextChoices):
        TRAINING = "training", "How we are trained"
        DEPLOYMENT = "deployment", "Who we visit and where"

    class Answer(models.TextChoices):
        DID = "did", "We did"
        WILL = "will", "We will"
        NOT_NOW = "not_now", "Not now"

    hub = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="ideas")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ideas_sent")
    about = models.CharField(max_length=20, choices=About.choices)
    words = models.TextField()
    sent_at = models.DateTimeField(default=timezone.now)
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    answer_words = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["hub", "answered_at"], name="idea_hub_answered")]
        constraints = [
            # an answer has its words and its time, or there is no answer yet
            models.CheckConstraint(
                condition=(models.Q(answer="") & models.Q(answered_at__isnull=True))
                | (~models.Q(answer="") & models.Q(answered_at__isnull=False) & ~models.Q(answer_words="")),
                name="idea_answer_whole",
            )
        ]

    def __str__(self):
        return f"Idea {self.pk} ({self.get_about_display()})"

    @property
    def topic(self) -> str:
        """What it is about, in the coordinators' words."""
        return "training" if self.about == self.About.TRAINING else "who and where volunteers visit"
