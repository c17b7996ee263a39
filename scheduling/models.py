from django.conf import settings
from django.db import models
from django.db.models import F, Q

from clients.models import Program


class Slot(models.Model):
    """One program × one 30-minute interval; `capacity` is the number of agents to schedule.

    `required` is the Erlang answer before shrinkage, `capacity` after it. Capacity follows
    the forecast and may drop below what is already booked: the interval is then over-staffed,
    bookings are never removed by a recomputation.
    """

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    contacts = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    aht_seconds = models.PositiveIntegerField(default=0)
    required = models.PositiveIntegerField(default=0)
    capacity = models.PositiveIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["program", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["program", "starts_at"], name="slot_one_per_interval"),
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.starts_at:%Y-%m-%d %H:%M} UTC ({self.capacity} seats)"


class Booking(models.Model):
    """An agent's block of consecutive slots of one program, [starts_at, ends_at)."""

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="bookings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    created = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["program", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agent} · {self.program} {self.starts_at:%Y-%m-%d %H:%M} UTC"
