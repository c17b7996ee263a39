"""The steps of the application form: how each builds its form and which service saves it."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import QueryDict

from agents import forms as step_forms
from agents import services
from agents.models import Application
from agents.pipeline import APPLICATION_STEPS
from agents.selectors import agreements_current

Build = Callable[[Application, QueryDict | None], forms.BaseForm | forms.BaseFormSet]
Save = Callable[[Application, Any], None]  # takes the form its step's Build made


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    build: Build
    save: Save


def _contact(application: Application, data: QueryDict | None) -> forms.Form:
    initial = {"full_name": application.user.full_name, "phone": application.phone}
    return step_forms.ContactForm(data, initial=initial)


def _save_contact(application: Application, form: forms.Form) -> None:
    services.application_save_contact(application=application, **form.cleaned_data)


def _location(application: Application, data: QueryDict | None) -> forms.Form:
    located = "location" in application.completed_steps
    initial = {
        "state": application.state,
        "zip_code": application.zip_code,
        "timezone": application.user.timezone if located else "",
    }
    return step_forms.LocationForm(data, initial=initial)


def _save_location(application: Application, form: forms.Form) -> None:
    data = form.cleaned_data
    services.application_save_location(
        application=application,
        state=data["state"],
        zip_code=data["zip_code"],
        timezone_name=data["timezone"],
    )


def _languages(application: Application, data: QueryDict | None) -> forms.BaseFormSet:
    initial = [
        {"language": row.language, "level": row.level} for row in application.languages.all()
    ]
    return step_forms.LanguageFormSet(data, initial=initial or [{"language": "en"}])


def _save_languages(application: Application, formset: forms.BaseFormSet) -> None:
    services.application_save_languages(
        application=application, languages=step_forms.languages_from(formset)
    )


def _work(application: Application, data: QueryDict | None) -> forms.Form:
    initial = {
        "channels": application.channels,
        "hours_min": application.hours_min,
        "hours_max": application.hours_max,
    }
    return step_forms.WorkForm(data, initial=initial)


def _save_work(application: Application, form: forms.Form) -> None:
    services.application_save_work(application=application, **form.cleaned_data)


def _experience(application: Application, data: QueryDict | None) -> step_forms.ExperienceForm:
    initial: dict[str, int | str] = {
        f"skill_{row.skill_id}": row.years for row in application.skills.all()
    }
    initial["brands"] = ", ".join(application.brands)
    return step_forms.ExperienceForm(data, initial=initial)


def _save_experience(application: Application, form: step_forms.ExperienceForm) -> None:
    services.application_save_experience(
        application=application, skill_years=form.skill_years(), brands=form.brand_list()
    )


def _home_office(application: Application, data: QueryDict | None) -> forms.ModelForm:
    return step_forms.HomeOfficeForm(data, instance=Application(**_equipment(application)))


def _equipment(application: Application) -> dict:
    return {name: getattr(application, name) for name in step_forms.HomeOfficeForm.Meta.fields}


def _save_home_office(application: Application, form: forms.ModelForm) -> None:
    services.application_save_home_office(application=application, **form.cleaned_data)


def _tests(application: Application, data: QueryDict | None) -> forms.Form:
    return step_forms.TestsForm(data, initial={"writing_sample": application.writing_sample})


def _save_tests(application: Application, form: forms.Form) -> None:
    data = form.cleaned_data
    services.application_save_tests(
        application=application,
        writing_sample=data["writing_sample"],
        typed_text=data["typed_text"],
        elapsed_ms=data["elapsed_ms"] or 0,
    )


def _agreements(application: Application, data: QueryDict | None) -> forms.Form:
    return step_forms.AgreementsForm(data, agreements=agreements_current())


def _save_agreements(application: Application, form: step_forms.AgreementsForm) -> None:
    services.application_accept_agreements(application=application, agreements=form.agreements)


_BUILDERS: dict[str, tuple[Build, Save]] = {
    "contact": (_contact, _save_contact),
    "location": (_location, _save_location),
    "languages": (_languages, _save_languages),
    "work": (_work, _save_work),
    "experience": (_experience, _save_experience),
    "home_office": (_home_office, _save_home_office),
    "tests": (_tests, _save_tests),
    "agreements": (_agreements, _save_agreements),
}
STEPS: dict[str, Step] = {
    name: Step(name, title, *_BUILDERS[name]) for name, title in APPLICATION_STEPS
}
