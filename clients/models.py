import secrets
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import validate_time_zone
from agents.choices import LANGUAGE_CHOICES, Channel, LanguageLevel
from agents.models import Skill

INVITATION_VALID_FOR = timedelta(days=14)


class Organisation(models.Model):
    """A brand that buys customer service through gigcx."""

    name = models.CharField(max_length=120, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's seat in an organisation. Owners manage members; planners post demand."""

    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        PLANNER = "planner", "Planner"
        VIEWER = "viewer", "Viewer"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) at {self.organisation}"

    @property
    def can_plan(self) -> bool:
        return self.role in (self.Role.OWNER, self.Role.PLANNER)


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)


def invitation_expiry() -> datetime:
    return timezone.now() + INVITATION_VALID_FOR


class Invitation(models.Model):
    """An e-mailed invitation to join an organisation with a role; single use, expires."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField("e-mail address")
    role = models.CharField(
        max_length=10, choices=Membership.Role.choices, default=Membership.Role.VIEWER
    )
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=invitation_expiry)
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at=None),
                name="invitation_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


def percent(low: str, high: str) -> list:
    return [MinValueValidator(Decimal(low)), MaxValueValidator(Decimal(high))]


class Program(models.Model):
    """One line of business of an organisation on one channel, with its service targets."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="programs"
    )
    # Not a column: `clients.selectors.program_for` sets the asking person's (None for staff).
    membership: Membership | None
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.VOICE)
    timezone = models.CharField(
        "time zone",
        max_length=64,
        default=settings.DEFAULT_USER_TIME_ZONE,
        validators=[validate_time_zone],
        help_text="Hours of operation and forecasts are in this zone.",
    )
    service_level_percent = models.DecimalField(
        "service level target (%)",
        max_digits=5,
        decimal_places=2,
        default=80,
        validators=percent("1", "99.99"),
        help_text="Share of contacts answered within the answer time, e.g. 80.",
    )
    answer_seconds = models.PositiveIntegerField(
        "answer within (seconds)",
        default=20,
        validators=[MinValueValidator(1)],
        help_text="Voice 20 s, chat 60 s, e-mail 14,400 s (4 h) are common targets.",
    )
    aht_seconds = models.PositiveIntegerField(
        "average handle time (seconds)",
        default=300,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 3600)],
    )
    concurrency = models.PositiveSmallIntegerField(
        "chat concurrency",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Chats one agent handles at once (chat programs only).",
    )
    max_occupancy_percent = models.DecimalField(
        "maximum occupancy (%)",
        max_digits=5,
        decimal_places=2,
        default=85,
        validators=percent("1", "100"),
    )
    shrinkage_percent = models.DecimalField(
        "shrinkage (%)",
        max_digits=5,
        decimal_places=2,
        default=30,
        validators=percent("0", "95"),
        help_text="Time paid but not on contacts: breaks, coaching, absence.",
    )
    patience_seconds = models.PositiveIntegerField(
        "average patience (seconds)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Voice: how long callers wait before hanging up on average. When set, "
        "staffing uses Erlang A (with abandonment) instead of Erlang C.",
    )
    required_skills = models.ManyToManyField(Skill, blank=True, related_name="programs")
    pay_rate = models.DecimalField(
        "pay rate per hour (USD)",
        max_digits=7,
        decimal_places=2,
        default=15,
        validators=[MinValueValidator(0)],
    )
    min_block_minutes = models.PositiveSmallIntegerField(
        "minimum bookable block (minutes)",
        default=60,
        validators=[MinValueValidator(30), MaxValueValidator(12 * 60)],
    )
    booking_horizon_days = models.PositiveSmallIntegerField(
        "slots open this many days ahead",
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
    )
    cancel_cutoff_hours = models.PositiveSmallIntegerField(
        "free cancellation until (hours before start)",
        default=24,
        validators=[MaxValueValidator(14 * 24)],
        help_text="Later cancellations stay the agent's until another agent takes the block.",
    )
    is_active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="program_name_unique"),
            models.CheckConstraint(
                condition=Q(min_block_minutes__gte=30), name="program_min_block_at_least_30"
            ),
            models.CheckConstraint(
                condition=Q(shrinkage_percent__gte=0, shrinkage_percent__lt=100),
                name="program_shrinkage_below_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.name}"

    @property
    def target_display(self) -> str:
        """The service-level target as people say it: "80 % in 20 s", "95 % within 4 h"."""
        percent = f"{Decimal(self.service_level_percent).normalize():f}"
        seconds = self.answer_seconds
        if seconds >= 3600 and seconds % 3600 == 0:
            answer = f"{seconds // 3600} h"
        elif seconds >= 120 and seconds % 60 == 0:
            answer = f"{seconds // 60} min"
        else:
            answer = f"{seconds} s"
        return f"{percent} % {'within' if self.channel == Channel.EMAIL else 'in'} {answer}"

    def clean(self) -> None:
        if self.min_block_minutes and self.min_block_minutes % 30:
            raise ValidationError(
                {"min_block_minutes": "The minimum block is a whole number of 30-minute slots."}
            )
        if self.channel != Channel.CHAT and self.concurrency != 1:
            raise ValidationError({"concurrency": "Only chat programs handle contacts at once."})


# What a program's required agents depend on: a change means recomputing its slots.
STAFFING_FIELDS = [
    "channel",
    "timezone",
    "service_level_percent",
    "answer_seconds",
    "aht_seconds",
    "concurrency",
    "max_occupancy_percent",
    "shrinkage_percent",
    "patience_seconds",
]
# What owners and planners edit, in the form and over the API (in this order on the page).
PROGRAM_EDITABLE_FIELDS = [
    "name",
    "description",
    *STAFFING_FIELDS,
    "required_skills",
    "pay_rate",
    "min_block_minutes",
    "booking_horizon_days",
    "cancel_cutoff_hours",
]


class ProgramLanguage(models.Model):
    """A language a program's agents must speak, at least at `min_level`."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES)
    min_level = models.PositiveSmallIntegerField(
        choices=LanguageLevel.choices, default=LanguageLevel.FLUENT
    )

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["program", "language"], name="program_language_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()} ({self.get_min_level_display()})"


class OperatingHours(models.Model):
    """When a program takes contacts on a weekday, in its own time zone.

    `closes` of 00:00 means midnight at the end of the day, so 00:00–00:00 is open all day.
    """

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday"]
        constraints = [
            models.UniqueConstraint(fields=["program", "weekday"], name="hours_one_per_weekday"),
            models.CheckConstraint(
                condition=Q(opens__lt=F("closes")) | Q(closes="00:00"),
                name="hours_open_before_close",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self) -> None:
        for value, field in ((self.opens, "opens"), (self.closes, "closes")):
            if value and (value.minute % 30 or value.second):
                raise ValidationError({field: "Hours sit on the 30-minute grid (:00 or :30)."})


class Forecast(models.Model):
    """One published version of a program's demand. The latest version covering a day rules it."""

    class Source(models.TextChoices):
        CSV = "csv", "CSV upload"
        GRID = "grid", "Week grid"
        API = "api", "API"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="forecasts")
    version = models.PositiveIntegerField()
    source = models.CharField(max_length=5, choices=Source.choices)
    period_start = models.DateTimeField(help_text="First local midnight the version covers (UTC).")
    period_end = models.DateTimeField(help_text="Local midnight after the last day covered (UTC).")
    interval_count = models.PositiveIntegerField(default=0)
    total_contacts = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    job = models.ForeignKey(
        "jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["program", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["program", "version"], name="forecast_version_unique"),
            models.CheckConstraint(
                condition=Q(period_end__gt=F("period_start")), name="forecast_period_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program} forecast v{self.version}"

    @property
    def last_interval_start(self) -> datetime:
        """The start of the last interval covered, for saying which days a version covers."""
        return self.period_end - timedelta(minutes=30)


class ForecastInterval(models.Model):
    """Contacts expected in one 30-minute interval (UTC start), optionally with its own AHT."""

    forecast = models.ForeignKey(Forecast, on_delete=models.CASCADE, related_name="intervals")
    starts_at = models.DateTimeField()
    contacts = models.DecimalField(max_digits=10, decimal_places=2)
    aht_seconds = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["forecast", "starts_at"], name="forecast_interval_unique"
            ),
            models.CheckConstraint(condition=Q(contacts__gte=0), name="forecast_contacts_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} UTC: {self.contacts}"
