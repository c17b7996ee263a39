"""Training: certifications and their awards; courses, lessons and quizzes earn them."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from clients.models import Program


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

    class Meta:
        ordering = ["-awarded_at"]
        indexes = [models.Index(fields=["agent", "certification", "expires_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("awarded_at")), name="award_expires_after_award"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.certification} · {self.agent}"
