"""The client controls' forms: a bonus for a period, a block on an agent."""

from typing import Any, cast

from django import forms

from accounts.models import User
from scheduling.models import Booking


class BonusForm(forms.Form):
    starts_at = forms.DateTimeField(
        label="From", widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": 1800})
    )
    ends_at = forms.DateTimeField(
        label="Until", widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": 1800})
    )
    per_hour = forms.DecimalField(
        label="Extra pay per hour (USD)", min_value=0.01, max_digits=7, decimal_places=2
    )


class AgentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.email


class ClientBlockForm(forms.Form):
    agent = AgentChoiceField(label="Agent", queryset=User.objects.none())
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, program_ids: list[int], **kwargs: Any) -> None:
        """Only agents who have booked the organisation's programs can be picked."""
        super().__init__(*args, **kwargs)
        worked = Booking.objects.filter(program_id__in=program_ids).values("agent")
        cast(AgentChoiceField, self.fields["agent"]).queryset = User.objects.filter(
            pk__in=worked, role=User.Role.AGENT
        ).order_by("full_name", "email")
