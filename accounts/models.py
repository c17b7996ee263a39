from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone as django_timezone

from accounts.timezones import VALID_TIME_ZONES


def validate_time_zone(value: str) -> None:
    if value not in VALID_TIME_ZONES:
        raise ValidationError(f"“{value}” is not a known time zone.")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> "User":
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> "User":
        fields.update(is_staff=True, is_superuser=True, role=User.Role.STAFF)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their e-mail address. `role` decides where they land."""

    class Role(models.TextChoices):
        AGENT = "agent", "Agent"
        CLIENT = "client", "Client"
        STAFF = "staff", "Staff"

    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.AGENT)
    timezone = models.CharField(
        "time zone",
        max_length=64,
        default=settings.DEFAULT_USER_TIME_ZONE,
        validators=[validate_time_zone],
        help_text="Every page shows times in this zone.",
    )
    client_approved_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When staff approved this client account; client pages stay closed until then.",
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May sign in to the admin.")
    date_joined = models.DateTimeField(default=django_timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["agent", "client", "staff"]), name="user_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_agent(self) -> bool:
        return self.role == self.Role.AGENT

    @property
    def is_client(self) -> bool:
        return self.role == self.Role.CLIENT

    @property
    def is_approved_client(self) -> bool:
        return self.is_client and self.client_approved_at is not None
