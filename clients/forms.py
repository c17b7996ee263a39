from dataclasses import dataclass
from datetime import date, time
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone
from django.utils.functional import Promise

from agents.choices import LANGUAGE_CHOICES, LanguageLevel
from clients.forecast_input import RawRow
from clients.intervals import week_start
from clients.models import (
    PROGRAM_EDITABLE_FIELDS,
    Invitation,
    Membership,
    OperatingHours,
    Organisation,
    Program,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
HALF_HOURS = [(f"{h:02d}:{m:02d}",) * 2 for h in range(24) for m in (0, 30)]


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name"]
        labels = {"name": "Organisation name"}


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Membership.Role.choices)


class ProgramForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label="Languages agents must speak",
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Hold Ctrl or ⌘ to choose more than one.",
    )
    language_level = forms.TypedChoiceField(
        label="At least at this level",
        choices=LanguageLevel.choices,
        coerce=int,
        initial=LanguageLevel.FLUENT,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            current = list(self.instance.languages.all())
            self.initial["languages"] = [row.language for row in current]
            if current:
                self.initial["language_level"] = min(row.min_level for row in current)

    def required_languages(self) -> dict[str, int]:
        level = self.cleaned_data["language_level"]
        return dict.fromkeys(self.cleaned_data["languages"], level)

    class Meta:
        model = Program
        fields = PROGRAM_EDITABLE_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "required_skills": forms.CheckboxSelectMultiple,
        }


def half_hour_field(label: str, initial: time) -> forms.TypedChoiceField:
    """A time on the 30-minute grid; required only when its day is open (see HoursForm.clean)."""
    return forms.TypedChoiceField(
        label=label,
        choices=HALF_HOURS,
        coerce=time.fromisoformat,
        required=False,
        empty_value=None,
        initial=initial.strftime("%H:%M"),
    )


class HoursForm(forms.Form):
    """Opening hours, one row per weekday; a day left unticked is closed."""

    def __init__(self, *args: Any, program: Program | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {h.weekday: h for h in program.hours.all()} if program and program.pk else {}
        for day, label in OperatingHours.Weekday.choices:
            hours = current.get(day)
            self.fields[f"open_{day}"] = forms.BooleanField(
                label=f"Open on {label}",
                required=False,
                initial=bool(hours) if current else day < 5,
            )
            self.fields[f"opens_{day}"] = half_hour_field(
                f"{label} opens", hours.opens if hours else time(8)
            )
            self.fields[f"closes_{day}"] = half_hour_field(
                f"{label} closes", hours.closes if hours else time(20)
            )
            self.fields[f"closes_{day}"].help_text = "00:00 is midnight at the end of the day."

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (label, self[f"open_{day}"], self[f"opens_{day}"], self[f"closes_{day}"])
            for day, label in OperatingHours.Weekday.choices
        ]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        for day, label in OperatingHours.Weekday.choices:
            if not data.get(f"open_{day}"):
                continue
            opens, closes = data.get(f"opens_{day}"), data.get(f"closes_{day}")
            if opens is None or closes is None:
                self.add_error(f"closes_{day}", f"Give {label}'s opening and closing times.")
            elif closes != time(0) and closes <= opens:
                self.add_error(f"closes_{day}", f"{label} must close after it opens.")
        return data

    def hours(self) -> dict[int, tuple[time, time]]:
        data = self.cleaned_data
        return {
            day: (data[f"opens_{day}"], data[f"closes_{day}"])
            for day, _ in OperatingHours.Weekday.choices
            if data.get(f"open_{day}")
        }


class ForecastUploadForm(forms.Form):
    file = forms.FileField(
        label="Forecast CSV",
        help_text="Columns interval_start,contacts[,aht_seconds]; times in the program's zone.",
    )
    note = forms.CharField(max_length=200, required=False, label="Note (optional)")

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB.")
        return upload.read()


@dataclass(frozen=True)
class GridCell:
    name: str
    label: str | Promise | None
    value: str
    invalid: bool


class WeekGridForm(forms.Form):
    """Contacts for each open interval of one local week, one number input per cell."""

    note = forms.CharField(max_length=200, required=False, label="Note (optional)")

    def __init__(
        self, *args: Any, cells: list[tuple[str, str]], initial_values: dict, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cell_keys = [key for key, _ in cells]
        for key, label in cells:
            self.fields[f"c_{key}"] = forms.DecimalField(
                label=label,
                required=False,
                min_value=0,
                max_digits=10,
                decimal_places=2,
                initial=initial_values.get(key),
            )

    def grid_rows(
        self, rows: list[tuple[str, list[str | None]]]
    ) -> list[tuple[str, list[GridCell | None]]]:
        """The grid's rows with each open cell's input, for the template.

        The template writes the 336 inputs itself: rendering as many widgets through Django's
        widget templates cost more than the rest of the page.
        """
        return [(label, [self._cell(key) if key else None for key in keys]) for label, keys in rows]

    def _cell(self, key: str) -> GridCell:
        name = f"c_{key}"
        value = self.data.get(name, "") if self.is_bound else self.fields[name].initial
        return GridCell(name, self.fields[name].label, value or "", name in self.errors)

    def raw_rows(self) -> list[RawRow]:
        """Filled cells as rows for `validate_rows`; line numbers count cells from 1."""
        return [
            RawRow(number, key, str(self.cleaned_data[f"c_{key}"]))
            for number, key in enumerate(self.cell_keys, start=1)
            if self.cleaned_data.get(f"c_{key}") is not None
        ]


class WeekField(forms.Form):
    week = forms.DateField(required=False)

    def monday_for(self, program: Program) -> date:
        """The Monday of the week asked for, or of this week in the program's own zone."""
        day = self.cleaned_data.get("week") if self.is_valid() else None
        return week_start(day or timezone.localdate(timezone=ZoneInfo(program.timezone)))
