"""Forms of the booking grid: they only parse, the services decide."""

from typing import Any

from django import forms

from clients.models import Program


class WeekQueryForm(forms.Form):
    """`?week=2026-03-02&program=7`: any day of the week to show, and the program to show."""

    week = forms.DateField(required=False, label="Week of")
    program = forms.IntegerField(required=False, min_value=1)


class BlockForm(forms.Form):
    """A selected block: the program and [start, end) as ISO-8601 instants with an offset."""

    program = forms.ModelChoiceField(
        queryset=Program.objects.filter(is_active=True),
        error_messages={"invalid_choice": "Choose a program from the grid."},
    )
    start = forms.DateTimeField()
    end = forms.DateTimeField()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", "The end must come after the start.")
        return data
