import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Upper


class User(AbstractUser):
    """Anyone who signs in: staff, volunteers, and people supported (through their person record)."""

    is_demo = models.BooleanField(
        default=False, help_text="A login made by the demo borough; may skip second-factor enrolment in demo mode."
    )

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class AuditEvent(models.Model):
    """An append-only record of something done: the database refuses UPDATE and DELETE on these rows."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor_username = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=40, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)
    person_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=150, blank=True)  # as long as a username, for sign-in events
    basis = models.CharField(max_length=40, blank=True)
    request_id = models.CharField(max_length=64, blank=True, help_text="Made by the server, one per request")
    client_request_id = models.CharField(
        max_length=64, blank=True, db_default="", help_text="The id a client sent in X-Request-ID, kept as given"
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["actor", "at"]),
            models.Index(fields=["action", "at"]),
            # Events about an account by the username typed (failed sign-ins have no actor), for IG's search.
            models.Index("object_type", Upper("object_id"), name="audit_by_object"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username or 'anonymous'} {self.action}"


class SubmittedForm(models.Model):
    """One row per submitted create form, keyed by the form's one-time key: a resubmission makes nothing new."""

    key = models.UUIDField(unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=300)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.key} -> {self.result_url}"


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only a hash is kept; the token is shown once when made."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.name} for {self.user}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str, token: str | None = None) -> tuple["ApiToken", str]:
        token = token or "alg_" + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, token_hash=cls.hash(token)), token


class Alert(models.Model):
    """Something a user needs to know or act on, shown in the service (and sent by GOV.UK Notify where set up)."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="alerts")
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.text


class IdempotentRequest(models.Model):
    """An API write keyed by the caller's Idempotency-Key: a replay gets the first answer, never a second record."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    body_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    response = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="one_request_per_idempotency_key")]

    def __str__(self):
        return f"{self.user_id}:{self.key}"


class Message(models.Model):
    """An email or text message sent through GOV.UK Notify (the console in demo and tests), sent once per reference."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        TEXT = "sms", "Text message"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Being sent"  # handed to Notify, answer not yet recorded (core/notify.py)
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not send"

    reference = models.CharField(max_length=100, unique=True, help_text="What this message is about; one per reference")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    to = models.CharField(max_length=254)
    template = models.CharField(max_length=60)
    personalisation = models.JSONField(default=dict)
    person_id = models.BigIntegerField(null=True, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    provider_id = models.CharField(max_length=100, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sending_since = models.DateTimeField(
        null=True, blank=True, help_text="When the last attempt began to hand it to Notify"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [  # the few not yet sent, found quickly among the many sent (core/task_recovery.py, metrics)
            models.Index(fields=["state"], condition=models.Q(state__in=["pending", "sending"]), name="message_unsent"),
            # the messages about one person, newest first: how they would be sharded (ADR 51)
            models.Index(fields=["person_id", "-created_at"], name="message_person"),
        ]

    def __str__(self):
        return f"{self.template} by {self.channel} ({self.state})"


class WorkerHeartbeat(models.Model):
    """A running `alongside worker` says it is alive every few seconds (core/heartbeat.py).

    A task whose worker has not beaten for WORKER_STALE_SECONDS is taken back and run again
    (core/task_recovery.py), and /readyz reads the newest beat. A worker deletes its row when it stops cleanly.
    """

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)
    task_id = models.CharField(max_length=64, blank=True, help_text="The task it is running now, if any")

    def __str__(self):
        return f"{self.worker_id} ({self.beat_at:%H:%M:%S})"
