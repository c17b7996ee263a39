"""One form per step of the application; each saves through one service."""

from typing import Any, cast

from django import forms
from django.forms import formset_factory

from accounts.timezones import time_zone_choices
from agents.choices import LANGUAGE_CHOICES, Channel, LanguageLevel
from agents.importing.rows import PHONE
from agents.models import HOME_OFFICE_FIELDS, Application, OperatingSystem, Skill
from agents.states import STATE_CHOICES
from agents.typing import PASSAGE


class ContactForm(forms.Form):
    full_name = forms.CharField(label="Full name", max_length=150)
    phone = forms.RegexField(
        label="Phone number",
        regex=PHONE,
        max_length=20,
        error_messages={"invalid": "Enter a phone number, e.g. (555) 123-4567."},
    )


class LocationForm(forms.Form):
    state = forms.ChoiceField(label="State", choices=[("", "Choose your state"), *STATE_CHOICES])
    zip_code = forms.RegexField(
        label="ZIP code",
        regex=r"^\d{5}$",
        max_length=5,
        error_messages={"invalid": "Enter the 5 digits of your ZIP code."},
    )
    timezone = forms.ChoiceField(
        label="Time zone",
        required=False,
        help_text="We work it out from your state and ZIP code; choose one only to correct it.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["timezone"]).choices = [
            ("", "Work it out from my state and ZIP code"),
            *time_zone_choices(),
        ]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label="Language", choices=[("", "—"), *LANGUAGE_CHOICES], required=False
    )
    level = forms.TypedChoiceField(
        label="Level", choices=LanguageLevel.choices, coerce=int, initial=LanguageLevel.FLUENT
    )


LanguageFormSet = formset_factory(LanguageForm, extra=0, min_num=4, max_num=8)


def languages_from(formset: forms.BaseFormSet) -> dict[str, int]:
    return {
        form.cleaned_data["language"]: form.cleaned_data["level"]
        for form in formset
        if form.cleaned_data.get("language")
    }


class WorkForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label="Channels you will work",
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    hours_min = forms.IntegerField(label="Fewest hours a week", min_value=0, max_value=80)
    hours_max = forms.IntegerField(label="Most hours a week", min_value=1, max_value=80)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if (data.get("hours_min") or 0) > (data.get("hours_max") or 80):
            self.add_error("hours_max", "The most hours must be at least the fewest.")
        return data


class ExperienceForm(forms.Form):
    """Years of experience for every skill staff list, plus brands the person loves."""

    brands = forms.CharField(
        label="Brands you are a fan of",
        required=False,
        max_length=500,
        help_text="Separate them with commas, e.g. Patagonia, Nintendo, Delta.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.skills = list(Skill.objects.all())
        for skill in self.skills:
            self.fields[f"skill_{skill.pk}"] = forms.IntegerField(
                label=f"{skill.name} (years)", min_value=0, max_value=60, initial=0, required=False
            )

    def skill_years(self) -> dict[int, int]:
        return {skill.pk: self.cleaned_data.get(f"skill_{skill.pk}") or 0 for skill in self.skills}

    def brand_list(self) -> list[str]:
        return [name.strip() for name in self.cleaned_data["brands"].split(",") if name.strip()]


class HomeOfficeForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = HOME_OFFICE_FIELDS
        labels = {
            "headset": "I have a USB headset with a noise-cancelling microphone",
            "wired_internet": "My computer is connected to the internet by cable",
            "quiet_room": "I have a quiet room with a door I can close",
            "download_mbps": "Measured download speed (Mbps)",
            "upload_mbps": "Measured upload speed (Mbps)",
            "operating_system": "Operating system",
        }
        help_texts = {"download_mbps": "Run a speed test on the computer you will work on."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("download_mbps", "upload_mbps", "operating_system"):
            self.fields[name].required = True
        cast(forms.ChoiceField, self.fields["operating_system"]).choices = [
            ("", "Choose"),
            *OperatingSystem.choices,
        ]


class TestsForm(forms.Form):
    writing_sample = forms.CharField(
        label="Writing sample",
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=200,
        max_length=3000,
        help_text="In a few sentences (at least 200 characters): a customer writes that their "
        "order arrived broken. Write your reply.",
    )
    typed_text = forms.CharField(
        label="Typing test: type the passage above",
        widget=forms.Textarea(
            attrs={"rows": 4, "data-typing-test": "", "autocomplete": "off", "spellcheck": "false"}
        ),
        max_length=2000,
    )
    elapsed_ms = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    passage = PASSAGE


class AgreementsForm(forms.Form):
    def __init__(self, *args: Any, agreements: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agreements = agreements
        for agreement in agreements:
            self.fields[f"accept_{agreement.pk}"] = forms.BooleanField(
                label=f"I accept the {agreement.get_kind_display()} (version {agreement.version})",
                error_messages={"required": "You need to accept it to apply."},
            )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you withdrawing? (optional)", required=False, max_length=500
    )


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand my account will be closed and my personal data erased",
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason (the applicant sees it)", widget=forms.Textarea(attrs={"rows": 3})
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: email, first_name, last_name, phone, state, zip, languages, channels, "
        "skills, hours_min, hours_max, typing_wpm, typing_accuracy.",
    )
