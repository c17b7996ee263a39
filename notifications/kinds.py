"""What a notification is about; people choose per kind whether it also comes by e-mail."""

from django.db import models


class Kind(models.TextChoices):
    ACCOUNT = "account", "Account and security"
    APPLICATION = "application", "My application"
    TRAINING = "training", "Courses and certifications"
    SCHEDULE = "schedule", "Bookings, offers and swaps"
    REMINDER = "reminder", "Shift reminders"
    COMMUNITY = "community", "Community and events"
    PROGRAM = "program", "Programs and coverage"


# Kinds a person cannot switch off by e-mail: they concern access to the account itself.
ALWAYS_EMAILED = frozenset({Kind.ACCOUNT})
