import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from clients.models import Organisation, Program


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
    released_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the slot first opened for booking; higher tiers see it first.",
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["program", "starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["program", "starts_at"], name="slot_one_per_interval"),
        ]

    def __str__(self) -> str:
        return f"{self.program} {self.starts_at:%Y-%m-%d %H:%M} UTC ({self.capacity} seats)"


def ical_token() -> str:
    return secrets.token_urlsafe(24)


class WorkPreference(models.Model):
    """An agent's weekly hours target (min–max, the max is a hard cap) and private iCal token."""

    agent = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_preference"
    )
    hours_min = models.PositiveSmallIntegerField(
        "weekly hours, at least", default=20, validators=[MaxValueValidator(80)]
    )
    hours_max = models.PositiveSmallIntegerField(
        "weekly hours, at most",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(80)],
        help_text="Bookings never take you past this many hours in a week (Monday–Sunday).",
    )
    ical_token = models.CharField(max_length=48, unique=True, default=ical_token)
    tier = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text="Higher tiers see newly released slots first (set from performance).",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_max__gte=F("hours_min")), name="work_preference_min_below_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agent}: {self.hours_min}–{self.hours_max} h a week"


class AvailabilityWindow(models.Model):
    """A recurring weekly window in the agent's own time zone; `ends` 00:00 means midnight."""

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability_windows"
    )
    weekday = models.PositiveSmallIntegerField(
        choices=[
            (0, "Monday"),
            (1, "Tuesday"),
            (2, "Wednesday"),
            (3, "Thursday"),
            (4, "Friday"),
            (5, "Saturday"),
            (6, "Sunday"),
        ],
        validators=[MaxValueValidator(6)],
    )
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        ordering = ["agent", "weekday", "starts"]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts:%H:%M}–{self.ends:%H:%M}"


class AvailabilityException(models.Model):
    """A date that departs from the weekly windows: away all day, or available at other hours."""

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability_exceptions"
    )
    date = models.DateField()
    available = models.BooleanField(default=False)
    starts = models.TimeField(null=True, blank=True)
    ends = models.TimeField(null=True, blank=True)
    note = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["agent", "date", "starts"]

    def __str__(self) -> str:
        return f"{self.date}: {'available' if self.available else 'away'}"


class ClientBlock(models.Model):
    """An organisation no longer wants this agent on its programs."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="agent_blocks"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="client_blocks"
    )
    reason = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "agent"], name="client_block_once"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} blocks {self.agent}"


class Bonus(models.Model):
    """Extra pay per hour for booking [starts_at, ends_at) of a program, set by staff or client."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="bonuses")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    per_hour = models.DecimalField(
        "bonus per hour (USD)", max_digits=7, decimal_places=2, validators=[MinValueValidator(0)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["program", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="bonus_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} +{self.per_hour}/h from {self.starts_at:%Y-%m-%d %H:%M} UTC"


class Booking(models.Model):
    """An agent's block of consecutive slots of one program, [starts_at, ends_at).

    Active while `cancelled_at` is empty. Pay is fixed when booked (`pay_rate`, `bonus_amount`).
    """

    class Cancellation(models.TextChoices):
        FREE = "free", "Undone within the free window"
        IN_TIME = "in_time", "Cancelled before the cut-off"
        LATE = "late", "Released late, nobody took it"
        TRANSFERRED = "transferred", "Taken over by another agent"
        STAFF = "staff", "Cancelled by staff"

    class Attendance(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CHECKED_IN = "checked_in", "Checked in"
        ATTENDED = "attended", "Attended"
        NO_SHOW = "no_show", "No-show"

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="bookings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    created = models.DateTimeField(auto_now_add=True)
    pay_rate = models.DecimalField(max_digits=7, decimal_places=2, default=0)
    bonus_amount = models.DecimalField(
        max_digits=9, decimal_places=2, default=0, help_text="Bonus for the whole block."
    )
    release_requested_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Cancelled after the cut-off: pending release until another agent takes it.",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation = models.CharField(max_length=12, choices=Cancellation.choices, blank=True)
    transferred_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="transfers"
    )
    attendance = models.CharField(
        max_length=12, choices=Attendance.choices, default=Attendance.SCHEDULED
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    reminded_day_before_at = models.DateTimeField(null=True, blank=True)
    reminded_hour_before_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["program", "starts_at", "ends_at"]),
            models.Index(fields=["agent", "starts_at"]),
            # The reminder and attendance sweeps read only live blocks still to be handled.
            models.Index(
                fields=["starts_at"],
                condition=Q(cancelled_at=None, reminded_hour_before_at=None),
                name="booking_reminder_due",
            ),
            models.Index(
                fields=["starts_at"],
                condition=Q(cancelled_at=None, attendance__in=["scheduled", "checked_in"]),
                name="booking_attendance_open",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agent} · {self.program} {self.starts_at:%Y-%m-%d %H:%M} UTC"

    @property
    def is_active(self) -> bool:
        return self.cancelled_at is None

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600


class IdempotentRequest(models.Model):
    """The stored answer to an API write sent with an `Idempotency-Key` header."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=128)
    fingerprint = models.CharField(max_length=64, help_text="SHA-256 of the method, path and body.")
    status_code = models.PositiveSmallIntegerField(null=True)
    body = models.JSONField(null=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotent_request_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"


class WaitlistEntry(models.Model):
    """An agent waiting for a seat in a full block; the first in line gets a timed hold offer.

    While an offer is open (`offer_expires_at` in the future) its block's seats are held for
    this agent: capacity counts them like bookings.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        OFFERED = "offered", "Offered"
        ACCEPTED = "accepted", "Accepted"
        EXPIRED = "expired", "Offer expired"
        LEFT = "left", "Left the waitlist"

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist_entries"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="waitlist")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    created = models.DateTimeField(auto_now_add=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    booking = models.ForeignKey(
        Booking, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    release_booking = models.ForeignKey(
        Booking,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="release_offers",
        help_text="A block pending release offered whole to this agent: accepting transfers it. "
        "Its seat is the pending booking's own, so the offer is not counted again as a hold.",
    )

    class Meta:
        ordering = ["created", "pk"]
        indexes = [models.Index(fields=["program", "status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="waitlist_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["agent", "program", "starts_at", "ends_at"],
                condition=Q(status__in=["waiting", "offered"]),
                name="waitlist_once_per_block",
            ),
            models.UniqueConstraint(
                fields=["release_booking"],
                condition=Q(status="offered"),
                name="waitlist_one_offer_per_release",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agent} waits for {self.program} {self.starts_at:%Y-%m-%d %H:%M} UTC"


class SwapPost(models.Model):
    """A booked block its agent offers to others: to every eligible agent, or to one named agent."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        TAKEN = "taken", "Taken"
        WITHDRAWN = "withdrawn", "Withdrawn"
        EXPIRED = "expired", "Expired"

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="swap_posts")
    offered_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="swap_offers",
    )
    note = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created = models.DateTimeField(auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="swaps_taken",
    )
    taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["booking"], condition=Q(status="open"), name="swap_one_open_per_booking"
            ),
        ]

    def __str__(self) -> str:
        return f"Swap of {self.booking}"
