"""Every write to clients: organisations, members and invitations, programs, forecasts."""

import smtplib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Field, Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.services import client_approve
from agents.models import Skill
from clients.forecast_input import ForecastRow, RawRow, validate_rows
from clients.intervals import local_period
from clients.models import (
    STAFFING_FIELDS,
    Forecast,
    ForecastInterval,
    Invitation,
    Membership,
    OperatingHours,
    Organisation,
    Program,
    ProgramLanguage,
)
from clients.selectors import program_hours
from clients.signals import forecast_published, program_targets_changed
from gigcx.errors import Conflict, DomainError
from gigcx.locking import lock_rows
from gigcx.tasks import enqueue_on_commit
from jobs.models import Job
from jobs.services import job_create

Role = Membership.Role


class NotAllowed(DomainError):
    code = "not_allowed"
    status_code = 403


class InvitationInvalid(DomainError):
    code = "invitation_invalid"


@transaction.atomic
def organisation_create(*, name: str, owner: User) -> Organisation:
    """A new organisation with `owner` as its first owner."""
    organisation = Organisation(name=name.strip())
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(organisation=organisation, user=owner, role=Role.OWNER)
    return organisation


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str, invited_by: User
) -> Invitation:
    """Invite `email` to join with `role`; the e-mail goes out after commit."""
    _require_owner(organisation=organisation, user=invited_by)
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise Conflict(f"{email} is already a member of {organisation}.", field="email")
    Invitation.objects.filter(
        organisation=organisation, email=email, accepted_at=None, expires_at__lte=timezone.now()
    ).delete()
    invitation = Invitation(
        organisation=organisation, email=email, role=role, invited_by=invited_by
    )
    invitation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            invitation.save()
    except IntegrityError:
        raise Conflict(f"{email} already has an open invitation.", field="email") from None
    enqueue_on_commit("clients.tasks.invitation_deliver", invitation.pk)
    return invitation


def invitation_send(*, invitation_id: int) -> bool:
    """E-mail an invitation once; False if it was already sent, accepted or withdrawn."""
    claimed = Invitation.objects.filter(pk=invitation_id, sent_at=None, accepted_at=None).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    invitation = Invitation.objects.select_related("organisation", "invited_by").get(
        pk=invitation_id
    )
    link = settings.SITE_URL + reverse("clients:invitation", args=[invitation.token])
    context = {"invitation": invitation, "link": link}
    try:
        send_mail(
            subject=f"[gigcx] Join {invitation.organisation} on gigcx",
            message=render_to_string("clients/invitation_email.txt", context),
            from_email=None,
            recipient_list=[invitation.email],
        )
    except (smtplib.SMTPException, OSError):
        # Release the claim: the minute's sweep tries again rather than losing the invitation.
        Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise
    return True


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """Join the inviting organisation; the invitation's address must be the person's."""
    invitation = next(
        iter(lock_rows(Invitation.objects.select_related("organisation").filter(token=token))),
        None,
    )
    if invitation is None or not invitation.is_open:
        raise InvitationInvalid("This invitation has expired or was already used.")
    if invitation.email != user.email.lower():
        raise InvitationInvalid(
            f"This invitation is for {invitation.email}; you are signed in as {user.email}."
        )
    if user.role == User.Role.AGENT:
        raise InvitationInvalid(
            "This is an agent account. Sign up with a client account to join an organisation."
        )
    membership, _ = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    if user.role == User.Role.CLIENT:
        client_approve(users=[user])  # the inviting owner vouches for the person
    return membership


@transaction.atomic
def membership_set_role(*, membership: Membership, role: str, by: User) -> Membership:
    _require_owner(organisation=membership.organisation, user=by)
    if membership.role == Role.OWNER and role != Role.OWNER:
        _keep_one_owner(membership)
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by: User) -> None:
    _require_owner(organisation=membership.organisation, user=by)
    if membership.role == Role.OWNER:
        _keep_one_owner(membership)
    membership.delete()


def _keep_one_owner(membership: Membership) -> None:
    owners = lock_rows(
        Membership.objects.filter(organisation_id=membership.organisation_id, role=Role.OWNER)
    )
    if len(owners) <= 1:
        raise Conflict("An organisation keeps at least one owner.", field="role")


def _require_owner(*, organisation: Organisation, user: User) -> None:
    if user.is_staff:
        return
    if not Membership.objects.filter(
        organisation=organisation, user=user, role=Role.OWNER
    ).exists():
        raise NotAllowed("Only an owner of the organisation can manage its members.")


@transaction.atomic
def program_save(
    *,
    program: Program,
    hours: Mapping[int, tuple[time, time]] | None = None,
    skills: Iterable[Skill] | None = None,
    languages: Mapping[str, int] | None = None,
    by: User | None = None,
) -> Job | None:
    """Create or update a program; `hours`, `skills` and `languages` (code → least level)
    replace what it had when given.

    When an existing program's targets or hours change, its slots from today on are recomputed
    by a job, which is returned (None when nothing that staffing depends on changed).
    """
    before = _staffing_inputs(Program.objects.filter(pk=program.pk).first()) if program.pk else None
    program.full_clean(exclude=["required_skills"])
    program.save()
    if hours is not None:
        program.hours.all().delete()
        OperatingHours.objects.bulk_create(
            OperatingHours(program=program, weekday=day, opens=opens, closes=closes)
            for day, (opens, closes) in sorted(hours.items())
        )
    if skills is not None:
        program.required_skills.set(skills)
    if languages is not None:
        _replace_languages(program=program, languages=languages)
    if before is None or before == _staffing_inputs(program):
        return None
    job = job_create(kind="requirements", owner=by, message="Waiting to recompute staffing")
    program_targets_changed.send(sender=Program, program=program, job=job)
    return job


def _replace_languages(*, program: Program, languages: Mapping[str, int]) -> None:
    program.languages.all().delete()
    rows = [
        ProgramLanguage(program=program, language=code, min_level=level)
        for code, level in languages.items()
    ]
    for row in rows:
        row.full_clean(exclude=["program"])
    ProgramLanguage.objects.bulk_create(rows)


def _staffing_inputs(program: Program | None) -> tuple | None:
    """What the program's required agents depend on, to tell whether they must be recomputed."""
    if program is None:
        return None
    hours = tuple(program.hours.order_by("weekday").values_list("weekday", "opens", "closes"))
    fields = (cast(Field, Program._meta.get_field(name)) for name in STAFFING_FIELDS)
    return tuple(field.to_python(getattr(program, field.name)) for field in fields) + hours


def forecast_check(
    *, program: Program, raw_rows: list[RawRow], allow_empty: bool = False
) -> list[ForecastRow]:
    """Rows read from a person, checked against the program's zone and hours.

    ForecastInvalid lists every bad line. `allow_empty`: an empty week grid means no contacts.
    """
    if allow_empty and not raw_rows:
        return []
    return validate_rows(
        raw_rows, zone=ZoneInfo(program.timezone), hours=program_hours(program=program)
    )


@transaction.atomic
def forecast_publish(
    *,
    program: Program,
    rows: Sequence[ForecastRow],
    source: str,
    by: User | None,
    note: str = "",
    week: date | None = None,
) -> Forecast:
    """Store `rows` as the program's next forecast version and recompute its requirements.

    The version covers the whole local days of its rows (or the given `week`, for the grid):
    inside that period it replaces older versions, intervals it leaves out expect no contacts.
    """
    version = _next_version(program)
    period_start, period_end = _period_of(program=program, rows=rows, week=week)
    job = job_create(kind="requirements", owner=by, message="Waiting to compute staffing")
    forecast = Forecast.objects.create(
        program=program,
        version=version,
        source=source,
        period_start=period_start,
        period_end=period_end,
        interval_count=len(rows),
        total_contacts=sum((row.contacts for row in rows), Decimal(0)),
        note=note[:200],
        created_by=by,
        job=job,
    )
    ForecastInterval.objects.bulk_create(
        (
            ForecastInterval(
                forecast=forecast,
                starts_at=row.starts_at,
                contacts=row.contacts,
                aht_seconds=row.aht_seconds,
            )
            for row in rows
        ),
        batch_size=2000,
    )
    forecast_published.send(sender=Forecast, forecast=forecast, job=job)
    return forecast


def _next_version(program: Program) -> int:
    """The program's next forecast version; its row lock numbers simultaneous uploads in turn."""
    lock_rows(Program.objects.filter(pk=program.pk).values_list("pk"))
    return (program.forecasts.aggregate(last=Max("version"))["last"] or 0) + 1


def _period_of(
    *, program: Program, rows: Sequence[ForecastRow], week: date | None
) -> tuple[datetime, datetime]:
    zone = ZoneInfo(program.timezone)
    if week is not None:
        return local_period(week, 7, zone)
    first = rows[0].starts_at.astimezone(zone).date()
    last = rows[-1].starts_at.astimezone(zone).date()
    return local_period(first, (last - first).days + 1, zone)
