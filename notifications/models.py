from django.conf import settings
from django.db import models
from django.db.models import Q

from notifications.kinds import Kind


class Notification(models.Model):
    """One message to one person, and the outbox row for its e-mail.

    The row is written in the caller's transaction; delivery is enqueued on commit and a beat
    sweep picks up whatever the broker lost. `dedupe_key` is unique, so the same event never
    makes two messages and is never e-mailed twice.
    """

    class Delivery(models.TextChoices):
        PENDING = "pending", "Waiting to be e-mailed"
        SENT = "sent", "E-mailed"
        SKIPPED = "skipped", "Not e-mailed (preference)"
        DEAD = "dead", "Failed for good"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    link = models.CharField(max_length=500, blank=True)
    dedupe_key = models.CharField(max_length=200, unique=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.PENDING)
    emailed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_until = models.DateTimeField(
        null=True, blank=True, help_text="A worker holds the delivery until then."
    )
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created"], name="notification_inbox"),
            models.Index(fields=["user"], condition=Q(read_at=None), name="notification_unread"),
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(delivery="pending"),
                name="notification_pending",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(delivery="sent") | Q(emailed_at__isnull=False),
                name="notification_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} → {self.user}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailPreference(models.Model):
    """A person's choice to get one kind of notification by e-mail; no row means yes."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} by e-mail {'on' if self.email else 'off'}"
