"""Training: certifications and their awards; courses, lessons and quizzes earn them."""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from clients.models import Program

REMINDER_DAYS = (30, 7, 1)  # renewal reminders this many days before an award expires


def verification_code() -> str:
    """A public, unguessable code for an award's verification page."""
    return secrets.token_urlsafe(12)


class Certification(models.Model):
    """A credential agents earn and keep for `validity_days`; programs require it to book."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    validity_days = models.PositiveIntegerField(
        default=365, help_text="An award expires this many days after it was earned."
    )
    # Declared here, not on clients.Program: relations point from the later app to the earlier.
    programs = models.ManyToManyField(Program, blank=True, related_name="required_certifications")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Award(models.Model):
    """One agent's certification, valid in [awarded_at, expires_at) unless revoked."""

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="awards"
    )
    certification = models.ForeignKey(
        Certification, on_delete=models.PROTECT, related_name="awards"
    )
    code = models.CharField(max_length=32, unique=True, default=verification_code)
    awarded_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)
    reminded_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The last renewal reminder sent (30, 7 or 1 days before expiry); never twice.",
    )

    class Meta:
        ordering = ["-awarded_at"]
        indexes = [
            models.Index(fields=["agent", "certification", "expires_at"]),
            # the reminder sweep: valid awards by expiry
            models.Index(
                fields=["expires_at"], name="award_unrevoked_expiry", condition=Q(revoked_at=None)
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("awarded_at")), name="award_expires_after_award"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certification} · {self.agent}"

    @property
    def status(self) -> str:
        """ "valid", "expired" or "revoked", now."""
        if self.revoked_at is not None:
            return "revoked"
        return "valid" if self.expires_at > timezone.now() else "expired"

    @property
    def expires_soon(self) -> bool:
        """Valid, and inside the first renewal-reminder window."""
        window = timezone.now() + timedelta(days=REMINDER_DAYS[0])
        return self.status == "valid" and self.expires_at <= window


class Topic(models.TextChoices):
    SOFT_SKILLS = "soft_skills", "Soft skills"
    BRAND = "brand", "Brand, products and services"
    COMPLIANCE = "compliance", "Compliance"


class Course(models.Model):
    """Free training: ordered lessons, then quizzes; passing it counts toward certifications."""

    title = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(max_length=160, unique=True)
    summary = models.TextField(blank=True)
    topic = models.CharField(max_length=20, choices=Topic.choices, default=Topic.SOFT_SKILLS)
    program = models.ForeignKey(
        Program,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
        help_text="The client program this course teaches, if any.",
    )
    certifications = models.ManyToManyField(
        Certification,
        blank=True,
        related_name="courses",
        help_text="Certifications whose path requires this course.",
    )
    prerequisite = models.ForeignKey(
        Certification,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="unlocks",
        help_text="A certification an agent must hold to enrol.",
    )
    is_published = models.BooleanField(default=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=160)
    body = models.TextField(help_text="Markdown. Images only from this site.")
    video_url = models.URLField(blank=True)
    # Not a column: `selectors.course_for` sets whether the agent has read it.
    done: bool

    class Meta:
        ordering = ["course", "position"]
        constraints = [
            models.UniqueConstraint(fields=["course", "position"], name="lesson_position_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Quiz(models.Model):
    """A course's test: `questions_per_attempt` drawn at random from its pool each attempt."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="quizzes")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=160)
    pass_mark_percent = models.PositiveSmallIntegerField(
        default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    questions_per_attempt = models.PositiveSmallIntegerField(
        default=0, help_text="Drawn at random from the pool; 0 asks every question."
    )
    max_attempts = models.PositiveSmallIntegerField(
        default=3, help_text="Attempts until a pass; 0 means no limit."
    )
    cooldown_minutes = models.PositiveIntegerField(
        default=60, help_text="Wait after a failed attempt before the next one."
    )
    time_limit_minutes = models.PositiveIntegerField(default=20, help_text="0 means no limit.")
    # Not columns: the course page sets the agent's state of the quiz.
    attempts_made: "list[Attempt]"
    passed: bool
    opens_at: datetime | None  # the end of the cool-down after a failure
    attempts_left: int | None  # None: no limit

    class Meta:
        ordering = ["course", "position"]
        verbose_name_plural = "quizzes"

    def __str__(self) -> str:
        return f"{self.course} · {self.title}"


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", "One right answer"
        MULTIPLE = "multiple", "Several right answers"

    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    explanation = models.TextField(blank=True, help_text="Shown when reviewing a mistake.")
    # Not columns: `selectors.attempt_for` sets the agent's answer and the choices it picked.
    answer: "Answer | None"
    chosen: set[int]

    class Meta:
        ordering = ["quiz", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=300)
    is_correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["question", "pk"]

    def __str__(self) -> str:
        return self.text


class Enrolment(models.Model):
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    enrolled_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-enrolled_at"]
        constraints = [models.UniqueConstraint(fields=["agent", "course"], name="enrolment_unique")]

    def __str__(self) -> str:
        return f"{self.agent} · {self.course}"


class LessonDone(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lessons_done")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="lesson_done_unique")
        ]

    def __str__(self) -> str:
        return f"{self.lesson} done"


class Attempt(models.Model):
    """One sitting of a quiz; the server records which questions it asked and grades it."""

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    timed_out = models.BooleanField(default=False)
    score_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True)
    questions: "models.ManyToManyField[Question, AttemptQuestion]" = models.ManyToManyField(
        Question, through="AttemptQuestion", related_name="+"
    )
    # Not a column: `selectors.attempt_for` sets the questions asked, in order.
    asked_questions: list[Question]

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["agent", "quiz", "started_at"])]

    def __str__(self) -> str:
        return f"{self.quiz} · {self.agent} · {self.started_at:%Y-%m-%d %H:%M}"


class AttemptQuestion(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="asked")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="asked")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="attempt_question_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.question}"


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choices = models.ManyToManyField(Choice, blank=True, related_name="+")
    is_correct = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.question} ({'right' if self.is_correct else 'wrong'})"
