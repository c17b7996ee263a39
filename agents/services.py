"""Every write to applications: one transaction each, DomainError on bad input or a broken rule."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import user_update_profile
from agents.choices import Channel
from agents.models import (
    Agreement,
    AgreementAcceptance,
    Application,
    ApplicationLanguage,
    ApplicationSkill,
    ApplicationTransition,
    Status,
)
from agents.pipeline import STAGE_TIMESTAMP, STEP_TITLES, WHAT_COMES_NEXT, is_legal, missing_steps
from agents.screening import application_apply_score, rules_load
from agents.selectors import agreements_pending
from agents.states import STATE_CHOICES, time_zone_for
from agents.typing import ImplausibleResult, typing_result
from gigcx.errors import Conflict, DomainError
from gigcx.locking import lock_one
from notifications.kinds import Kind
from notifications.services import notify


class IllegalTransition(Conflict):
    code = "illegal_transition"


class ApplicationNotEditable(Conflict):
    code = "not_editable"


class ApplicationIncomplete(DomainError):
    code = "incomplete"


def application_for(*, user: User) -> Application:
    """The person's application, started as a draft on first use."""
    application, _ = Application.objects.get_or_create(user=user)
    return application


@transaction.atomic
def application_save_contact(*, application: Application, full_name: str, phone: str) -> None:
    application = _lock_draft(application)
    user_update_profile(
        user=application.user, full_name=full_name, timezone_name=application.user.timezone
    )
    _save_step(application, "contact", phone=phone.strip())


@transaction.atomic
def application_save_location(
    *, application: Application, state: str, zip_code: str, timezone_name: str = ""
) -> None:
    """Save where the person lives; the time zone follows from it unless they chose one."""
    application = _lock_draft(application)
    if state not in {code for code, _ in STATE_CHOICES}:
        raise DomainError("Choose a US state.", field="state")
    zone = timezone_name or time_zone_for(state, zip_code)
    user_update_profile(
        user=application.user, full_name=application.user.full_name, timezone_name=zone
    )
    _save_step(application, "location", state=state, zip_code=zip_code)


@transaction.atomic
def application_save_languages(*, application: Application, languages: dict[str, int]) -> None:
    if not languages:
        raise DomainError("Add at least one language you speak.", field="languages")
    application = _lock_draft(application)
    application.languages.all().delete()
    ApplicationLanguage.objects.bulk_create(
        ApplicationLanguage(application=application, language=code, level=level)
        for code, level in languages.items()
    )
    _save_step(application, "languages")


@transaction.atomic
def application_save_work(
    *, application: Application, channels: list[str], hours_min: int, hours_max: int
) -> None:
    if not channels:
        raise DomainError("Choose at least one channel.", field="channels")
    if hours_min > hours_max:
        raise DomainError("The least hours cannot be more than the most.", field="hours_min")
    application = _lock_draft(application)
    _save_step(
        application, "work", channels=sorted(channels), hours_min=hours_min, hours_max=hours_max
    )


@transaction.atomic
def application_save_experience(
    *, application: Application, skill_years: dict[int, int], brands: list[str]
) -> None:
    application = _lock_draft(application)
    application.skills.all().delete()
    ApplicationSkill.objects.bulk_create(
        ApplicationSkill(application=application, skill_id=skill_id, years=years)
        for skill_id, years in skill_years.items()
        if years
    )
    _save_step(application, "experience", brands=brands)


@transaction.atomic
def application_save_home_office(*, application: Application, **equipment: object) -> None:
    """Headset, wired internet, quiet room, measured speeds and operating system."""
    application = _lock_draft(application)
    _save_step(application, "home_office", **equipment)


@transaction.atomic
def application_save_tests(
    *, application: Application, writing_sample: str, typed_text: str, elapsed_ms: int
) -> None:
    """Store the writing sample and the typing result computed from what was typed."""
    try:
        wpm, accuracy = typing_result(typed=typed_text, elapsed_ms=elapsed_ms)
    except ImplausibleResult as error:
        raise DomainError(str(error), field="typed_text") from error
    application = _lock_draft(application)
    _save_step(
        application,
        "tests",
        writing_sample=writing_sample.strip(),
        typing_wpm=wpm,
        typing_accuracy=accuracy,
    )


@transaction.atomic
def application_accept_agreements(*, application: Application, agreements: list[Agreement]) -> None:
    """Record that the person accepted these versions, now."""
    application = _lock_draft(application)
    now = timezone.now()
    AgreementAcceptance.objects.bulk_create(
        [
            AgreementAcceptance(user=application.user, agreement=a, accepted_at=now)
            for a in agreements
        ],
        ignore_conflicts=True,
    )
    if not agreements_pending(user=application.user):
        _save_step(application, "agreements")


@transaction.atomic
def application_submit(*, user: User) -> Application:
    return application_transition(
        application_id=application_for(user=user).pk, to_status=Status.SUBMITTED, by=user
    )


@transaction.atomic
def application_withdraw(*, user: User, reason: str = "") -> Application:
    application = Application.objects.get(user=user)
    return application_transition(
        application_id=application.pk, to_status=Status.WITHDRAWN, by=user, reason=reason
    )


def _locked_application(application_id: int) -> Application:
    """The application row locked: two staff moving it at once take turns, and the second sees
    where the first left it."""
    return lock_one(
        Application.objects.filter(pk=application_id).select_related("user"),
        missing=Application.DoesNotExist(),
    )


@transaction.atomic
def application_transition(
    *,
    application_id: int,
    to_status: str,
    by: User | None,
    reason: str = "",
    notify_user: bool = True,
) -> Application:
    """Move an application one legal step, record who/when/why and tell the applicant."""
    application = _locked_application(application_id)
    from_status = application.status
    if not is_legal(from_status, to_status):
        raise IllegalTransition(
            f"An application that is {Status(from_status).label.lower()} cannot become "
            f"{_label(to_status)}.",
            field="to",
        )
    reason = reason.strip()
    if to_status == Status.REJECTED and not reason:
        raise DomainError("Say why the application is rejected.", field="reason")
    if to_status == Status.SUBMITTED:
        _check_complete(application)
        application_apply_score(application=application, rules=rules_load())
    now = timezone.now()
    application.status = to_status
    application.status_changed_at = now
    if to_status in STAGE_TIMESTAMP:
        setattr(application, STAGE_TIMESTAMP[to_status], now)
    application.save()
    transition = ApplicationTransition.objects.create(
        application=application,
        from_status=from_status,
        to_status=to_status,
        by=by,
        at=now,
        reason=reason,
    )
    if notify_user:
        _notify_transition(application, transition)
    return application


def _label(status: str) -> str:
    return Status(status).label.lower() if status in Status.values else repr(status)


def _notify_transition(application: Application, transition: ApplicationTransition) -> None:
    status = Status(transition.to_status)
    body = WHAT_COMES_NEXT[status]
    if transition.reason and transition.by_id != application.user_id:
        body = f"{transition.reason}\n\n{body}"
    notify(
        user=application.user,
        kind=Kind.APPLICATION,
        title=f"Your application: {status.label.lower()}",
        body=body,
        link=reverse("agents:dashboard"),
        dedupe_key=f"application-transition:{transition.pk}",
    )


def _check_complete(application: Application) -> None:
    missing = [STEP_TITLES[name] for name in missing_steps(application.completed_steps)]
    pending = agreements_pending(user=application.user)
    if pending and STEP_TITLES["agreements"] not in missing:
        missing.append(f"{STEP_TITLES['agreements']} (a new version of {pending[0]})")
    if missing:
        raise ApplicationIncomplete("Complete these steps first: " + ", ".join(missing) + ".")


def _lock_draft(application: Application) -> Application:
    locked = _locked_application(application.pk)
    if locked.status != Status.DRAFT:
        raise ApplicationNotEditable(
            f"Your application is {locked.get_status_display().lower()}; "
            "it can no longer be changed."
        )
    return locked


def _save_step(application: Application, step: str, **fields: object) -> None:
    for name, value in fields.items():
        setattr(application, name, value)
    if step not in application.completed_steps:
        application.completed_steps = [*application.completed_steps, step]
    validate(application)
    application.save()


def validate(instance: Model) -> None:
    """full_clean(), raised as a DomainError naming the first offending field."""
    try:
        instance.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(messages[0], field=None if field == "__all__" else field) from error


@transaction.atomic
def application_update(*, application: Application, fields: dict) -> Application:
    """Change a draft's own fields (the API's PATCH); the time zone follows a new location."""
    application = _lock_draft(application)
    channels = fields.get("channels")
    if channels is not None and not set(channels) <= set(Channel.values):
        raise DomainError(f"Channels are {', '.join(Channel.values)}.", field="channels")
    for name, value in fields.items():
        setattr(application, name, value)
    validate(application)
    application.save()
    if {"state", "zip_code"} & fields.keys() and application.state:
        user = application.user
        zone = time_zone_for(application.state, application.zip_code)
        user_update_profile(user=user, full_name=user.full_name, timezone_name=zone)
    return application
