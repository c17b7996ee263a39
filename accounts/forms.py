from typing import Any

from django import forms
from django.http import HttpRequest

from accounts.models import User
from accounts.services import user_set_role, user_update_profile
from accounts.timezones import time_zone_choices


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Your time zone")
        super().__init__(choices=time_zone_choices, **kwargs)


class SignupForm(forms.Form):
    """Extra sign-up fields, merged by allauth into its own sign-up form."""

    ROLE_CHOICES = [
        (User.Role.AGENT, "I want to work as an agent"),
        (User.Role.CLIENT, "I represent a client"),
    ]

    role = forms.ChoiceField(
        choices=ROLE_CHOICES,
        widget=forms.RadioSelect,
        initial=User.Role.AGENT,
        label="How will you use gigcx?",
    )
    full_name = forms.CharField(max_length=150, label="Full name")
    timezone = TimeZoneField(
        initial="America/New_York",
        widget=forms.Select(attrs={"data-detect": "browser"}),
        help_text="Shifts and messages are shown in this zone. You can change it later.",
    )

    field_order = ["role", "full_name", "email", "password1", "password2", "timezone"]

    def signup(self, request: HttpRequest, user: User) -> None:
        user_update_profile(
            user=user,
            full_name=self.cleaned_data["full_name"],
            timezone_name=self.cleaned_data["timezone"],
        )
        user_set_role(user=user, role=self.cleaned_data["role"])


class ProfileForm(forms.Form):
    full_name = forms.CharField(max_length=150, label="Full name")
    timezone = TimeZoneField()

    def save(self, user: User) -> User:
        return user_update_profile(
            user=user,
            full_name=self.cleaned_data["full_name"],
            timezone_name=self.cleaned_data["timezone"],
        )
