"""Forms of the availability, My schedule and client-control pages: they parse, services decide."""

from typing import cast

from django import forms

from scheduling.models import AvailabilityWindow

TIME_INPUT = forms.TimeInput(attrs={"type": "time", "step": 1800}, format="%H:%M")


class WindowForm(forms.Form):
    prefix = "window"
    weekday = forms.TypedChoiceField(
        label="Day",
        coerce=int,
        choices=cast(list[tuple[int, str]], AvailabilityWindow._meta.get_field("weekday").choices),
    )
    starts = forms.TimeField(label="From", widget=TIME_INPUT)
    ends = forms.TimeField(label="Until", widget=TIME_INPUT, help_text="00:00 means midnight.")


class ExceptionForm(forms.Form):
    prefix = "exception"
    KINDS = [("away", "Away all day"), ("extra", "Extra window")]

    day = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label="What", choices=KINDS)
    starts = forms.TimeField(label="From", required=False, widget=TIME_INPUT)
    ends = forms.TimeField(label="Until", required=False, widget=TIME_INPUT)
    note = forms.CharField(label="Note (optional)", max_length=120, required=False)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "day": data["day"],
            "available": data["kind"] == "extra",
            "starts": data["starts"],
            "ends": data["ends"],
            "note": data["note"],
        }


class TargetForm(forms.Form):
    prefix = "target"
    hours_min = forms.IntegerField(label="At least (hours a week)", min_value=0, max_value=80)
    hours_max = forms.IntegerField(label="At most (hours a week)", min_value=1, max_value=80)


class WeekForm(forms.Form):
    week = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
