"""Daily metrics per agent, program and the program's local day.

Two kinds of column live side by side and are written by different paths: the **imported** ones
(contacts, handle time, CSAT, FCR, QA), which clients or staff send (`performance.importing`), and
the **derived** ones, computed from scheduling's attendance (`performance.attendance`). Each path
writes only its own columns, so an import never overwrites attendance numbers and vice versa.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from clients.models import Program

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
IMPORTED_FIELDS = ["contacts_handled", "aht_seconds", "csat_percent", "fcr_percent", "qa_score"]
DERIVED_FIELDS = [
    "booked_minutes",
    "worked_minutes",
    "no_shows",
    "late_releases",
    "on_time_check_ins",
    "late_check_ins",
]


def _percent(verbose_name: str) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )


class DailyMetric(models.Model):
    """One agent's numbers on one program for one day (the program's local day)."""

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="daily_metrics"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="daily_metrics")
    day = models.DateField(help_text="The program's local day.")

    # Imported (None: not given).
    contacts_handled = models.PositiveIntegerField(null=True, blank=True)
    aht_seconds = models.PositiveIntegerField(
        "average handle time (s)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    csat_percent = _percent("CSAT %")
    fcr_percent = _percent("first-contact resolution %")
    qa_score = _percent("QA score")

    # Derived from attendance.
    booked_minutes = models.PositiveIntegerField(default=0)
    worked_minutes = models.PositiveIntegerField(default=0)
    no_shows = models.PositiveIntegerField(default=0)
    late_releases = models.PositiveIntegerField(
        default=0, help_text="Pending releases that lapsed: nobody took the block."
    )
    on_time_check_ins = models.PositiveIntegerField(default=0)
    late_check_ins = models.PositiveIntegerField(default=0)

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day", "program", "agent"]
        constraints = [
            models.UniqueConstraint(fields=["agent", "program", "day"], name="daily_metric_unique"),
            models.CheckConstraint(
                condition=Q(contacts_handled__gte=0), name="daily_metric_contacts_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(aht_seconds__gt=0), name="daily_metric_aht_positive"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0, f"{name}__lte": 100}),
                    name=f"daily_metric_{name}_0_100",
                )
                for name in ("csat_percent", "fcr_percent", "qa_score")
            ],
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{name}__gte": 0}), name=f"daily_metric_{name}_not_negative"
                )
                for name in DERIVED_FIELDS
            ],
        ]
        indexes = [
            models.Index(fields=["program", "day"]),
            models.Index(fields=["agent", "day"]),
        ]

    def __str__(self) -> str:
        return f"{self.agent} · {self.program} · {self.day}"

    @property
    def adherence(self) -> float | None:
        """Worked minutes over booked minutes (None when nothing was booked)."""
        return self.worked_minutes / self.booked_minutes if self.booked_minutes else None
