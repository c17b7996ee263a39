"""Applicants, their screening and the agreements they accept.

An applicant is an `accounts.User` with the agent role; their `Application` (one per person)
carries what they told us, where it stands in the pipeline and the score screening gave it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from agents.choices import LANGUAGE_CHOICES, Channel, LanguageLevel
from agents.states import STATE_CHOICES


class Skill(models.Model):
    """An area of experience (healthcare, retail, technical support…); staff keep the list."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    SCREENING = "screening", "Screening"
    ASSESSMENT = "assessment", "Assessment"
    BACKGROUND_CHECK = "background_check", "Background check"
    APPROVED = "approved", "Approved"
    ACTIVE = "active", "Active"
    REJECTED = "rejected", "Rejected"
    WAITLISTED = "waitlisted", "Waitlisted"
    WITHDRAWN = "withdrawn", "Withdrawn"


class OperatingSystem(models.TextChoices):
    WINDOWS = "windows", "Windows"
    MACOS = "macos", "macOS"
    CHROMEOS = "chromeos", "ChromeOS"
    LINUX = "linux", "Linux"
    OTHER = "other", "Other"


# Field groups of an application that several places (form, API, import, export) name together.
PROFILE_FIELDS = ["phone", "state", "zip_code", "channels", "hours_min", "hours_max"]
HOME_OFFICE_FIELDS = [
    "headset",
    "wired_internet",
    "quiet_room",
    "download_mbps",
    "upload_mbps",
    "operating_system",
]


class Application(models.Model):
    """One person's application to work as an agent, from draft to active."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="application"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    completed_steps = models.JSONField(default=list, blank=True)

    phone = models.CharField(max_length=20, blank=True)
    state = models.CharField(max_length=2, choices=STATE_CHOICES, blank=True, db_index=True)
    zip_code = models.CharField("ZIP code", max_length=5, blank=True)
    channels = models.JSONField(default=list, blank=True)
    hours_min = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(80)]
    )
    hours_max = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(80)]
    )
    brands = models.JSONField(default=list, blank=True)

    headset = models.BooleanField(default=False)
    wired_internet = models.BooleanField(default=False)
    quiet_room = models.BooleanField(default=False)
    download_mbps = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10000)]
    )
    upload_mbps = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(10000)]
    )
    operating_system = models.CharField(max_length=10, choices=OperatingSystem.choices, blank=True)

    writing_sample = models.TextField(blank=True)
    typing_wpm = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(250)]
    )
    typing_accuracy = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    score = models.IntegerField(default=0, db_index=True)
    score_explanation = models.JSONField(default=list, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    # When the application entered each stage of the main pipeline (time-in-stage statistics).
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    screening_at = models.DateTimeField(null=True, blank=True)
    assessment_at = models.DateTimeField(null=True, blank=True)
    background_check_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    active_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the person's personal data was erased at their request.",
    )

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="application_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(hours_min__isnull=True)
                | Q(hours_max__isnull=True)
                | Q(hours_min__lte=F("hours_max")),
                name="application_hours_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Application of {self.user}"


class ApplicationSkill(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="applications")
    years = models.PositiveSmallIntegerField(validators=[MaxValueValidator(60)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "skill"], name="application_skill_once")
        ]

    def __str__(self) -> str:
        return f"{self.skill}: {self.years} y"


class ApplicationLanguage(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES)
    level = models.PositiveSmallIntegerField(choices=LanguageLevel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "language"], name="application_language_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()} ({self.get_level_display()})"


class ApplicationTransition(models.Model):
    """One move of an application through the pipeline: who, when and why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(db_index=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ScoringRule(models.Model):
    """One staff-editable rule of the screening score; see agents.scoring for what each does."""

    class Kind(models.TextChoices):
        SKILL = "skill", "Skill: points per year of experience"
        LANGUAGE = "language", "Language at or above a level"
        CHANNEL = "channel", "Channel offered"
        TYPING_WPM = "typing_wpm", "Typing speed at least (wpm)"
        TYPING_ACCURACY = "typing_accuracy", "Typing accuracy at least (%)"
        HOME_OFFICE = "home_office", "Home-office item"
        HOURS = "hours", "Weekly hours offered at least"

    class HomeOfficeItem(models.TextChoices):
        HEADSET = "headset", "Headset"
        WIRED_INTERNET = "wired_internet", "Wired internet"
        QUIET_ROOM = "quiet_room", "Quiet room"
        DOWNLOAD_MBPS = "download_mbps", "Download speed at least (Mbps)"
        UPLOAD_MBPS = "upload_mbps", "Upload speed at least (Mbps)"

    name = models.CharField(max_length=120, help_text="Shown to staff in the score explanation.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    skill = models.ForeignKey(
        Skill,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text="Skill rules: the skill (empty = every skill).",
    )
    language = models.CharField(max_length=10, choices=LANGUAGE_CHOICES, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    item = models.CharField(max_length=20, choices=HomeOfficeItem.choices, blank=True)
    threshold = models.DecimalField(
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Language: minimum level (1–4). Typing, speeds, hours: the minimum.",
    )
    points = models.IntegerField(help_text="Points given (skill rules: per year).")
    cap = models.PositiveIntegerField(
        null=True, blank=True, help_text="Skill rules: at most this many points."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class Agreement(models.Model):
    """One published version of a document applicants accept."""

    class Kind(models.TextChoices):
        BILL_OF_RIGHTS = "bill_of_rights", "Agent Bill of Rights"
        CONTRACTOR = "contractor", "Independent-contractor agreement"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    version = models.PositiveIntegerField()
    body = models.TextField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="agreement_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, version {self.version}"


class AgreementAcceptance(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agreement_acceptances"
    )
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField()

    class Meta:
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "agreement"], name="agreement_accepted_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} accepted {self.agreement}"
