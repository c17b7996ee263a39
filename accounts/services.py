"""Every write to accounts: plain functions, keyword arguments, one transaction each."""

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts.models import User
from gigcx.locking import lock_one, locked
from notifications.kinds import Kind
from notifications.services import notify


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, timezone_name: str) -> User:
    user.full_name = full_name.strip()
    user.timezone = timezone_name
    user.full_clean()
    user.save(update_fields=["full_name", "timezone"])
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str) -> User:
    """Record the role a person chose at sign-up. Staff is never chosen, only granted."""
    if role not in (User.Role.AGENT, User.Role.CLIENT):
        raise ValueError(f"{role!r} cannot be chosen at sign-up")
    user.role = role
    user.save(update_fields=["role"])
    return user


@transaction.atomic
def client_approve(*, users: list[User]) -> int:
    """Open the client pages to client accounts that wait for approval; tell each person."""
    with locked() as locks:
        pending = locks.rows(
            User.objects.filter(
                pk__in=[u.pk for u in users], role=User.Role.CLIENT, client_approved_at=None
            )
        )
    now = timezone.now()
    for user in pending:
        user.client_approved_at = now
        user.save(update_fields=["client_approved_at"])
        notify(
            user=user,
            kind=Kind.ACCOUNT,
            title="Your client account is approved",
            body="You can now run programs, post demand and see coverage on gigcx.",
            link=reverse("clients:dashboard"),
            dedupe_key=f"client-approved:{user.pk}",
        )
    return len(pending)


WELCOME_NEXT_STEP: dict[str, str] = {
    User.Role.AGENT: "Next: complete your application, then take free courses to certify for "
    "programs.",
    User.Role.CLIENT: "Staff will review your client account; you'll hear from us when it is "
    "approved.",
    User.Role.STAFF: "You run the platform from the staff admin.",
}


def user_welcome(*, user: User, email: bool = True) -> None:
    """Greet a person once, whatever the number of times their e-mail is confirmed."""
    notify(
        user=user,
        kind=Kind.ACCOUNT,
        title="Welcome to gigcx",
        body=WELCOME_NEXT_STEP[user.role],
        link=role_home_url(user),
        dedupe_key=f"welcome:{user.pk}",
        email=email,
    )


def role_home_url(user: User) -> str:
    """Where a person lands after signing in."""
    if user.is_staff:
        return reverse("admin:index")
    if user.role == User.Role.CLIENT:
        return reverse("clients:dashboard")
    return reverse("agents:dashboard")


@dataclass(frozen=True)
class ApplicantAccount:
    """What an imported applicant's account holds: the e-mail is the key."""

    email: str
    full_name: str
    timezone: str


@dataclass
class ApplicantUpsert:
    """What applicant_users_upsert did, e-mail by e-mail."""

    user_ids: dict[str, int] = field(default_factory=dict)  # every agent account, new or not
    created: set[str] = field(default_factory=set)
    other_roles: dict[str, str] = field(default_factory=dict)  # left alone: e-mail -> role


@transaction.atomic
def applicant_users_upsert(*, accounts: Sequence[ApplicantAccount]) -> ApplicantUpsert:
    """Create agent accounts for new addresses and update name and time zone of existing ones.

    Made for bulk imports (tens of thousands of people per call): three statements, not three
    per person. Only accounts whose name or time zone changed are written, which keeps a
    re-import from rewriting (and locking) every user row. An address that belongs to a client
    or staff account is never touched; it is reported in `other_roles`.
    """
    result = ApplicantUpsert()
    if not accounts:
        return result
    existing = _accounts_by_email([account.email for account in accounts])
    new, changed = [], []
    for account in accounts:
        found = existing.get(account.email)
        if found is None:
            new.append(account)
        elif found.role != User.Role.AGENT:
            result.other_roles[account.email] = found.role
        else:
            result.user_ids[account.email] = found.pk
            if (found.full_name, found.timezone) != (account.full_name, account.timezone):
                changed.append((found.pk, account))
    result.user_ids |= _users_create(new)
    result.created = {account.email for account in new}
    _users_rename(changed)
    return result


class _Existing(NamedTuple):
    pk: int
    role: str
    full_name: str
    timezone: str


# On PostgreSQL each statement takes whole columns as arrays: the ORM's per-object preparation
# (and `email__in` with one parameter per address) costs more than the database work itself.


def _accounts_by_email(emails: list[str]) -> dict[str, _Existing]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT email, id, role, full_name, timezone FROM {User._meta.db_table}"  # noqa: S608
                " WHERE email = ANY(%s)",
                [emails],
            )
            rows = cursor.fetchall()
    else:
        rows = User.objects.filter(email__in=emails).values_list(
            "email", "pk", "role", "full_name", "timezone"
        )
    return {email: _Existing(*rest) for email, *rest in rows}


def _unusable_password() -> str:
    """What set_unusable_password() stores, without its slower random string."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def _users_create(accounts: list[ApplicantAccount]) -> dict[str, int]:
    """New agent accounts: e-mail -> id, also of an address another import created meanwhile."""
    if not accounts:
        return {}
    if connection.vendor != "postgresql":
        created = User.objects.bulk_create(_new_user(account) for account in accounts)
        return {user.email: user.pk for user in created}
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {User._meta.db_table} (email, full_name, timezone, password, role,
                is_active, is_staff, is_superuser, date_joined)
            SELECT email, full_name, timezone, password, %s, true, false, false, %s
            FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[])
                AS new (email, full_name, timezone, password)
            ON CONFLICT (email) DO NOTHING
            RETURNING email, id
            """,  # noqa: S608 - table name from the model, values as parameters
            [
                User.Role.AGENT,
                timezone.now(),
                [account.email for account in accounts],
                [account.full_name for account in accounts],
                [account.timezone for account in accounts],
                [_unusable_password() for _ in accounts],
            ],
        )
        ids = dict(cursor.fetchall())
    raced = [account.email for account in accounts if account.email not in ids]
    return ids | {email: found.pk for email, found in _accounts_by_email(raced).items()}


def _new_user(account: ApplicantAccount) -> User:
    return User(
        email=account.email,
        full_name=account.full_name,
        timezone=account.timezone,
        role=User.Role.AGENT,
        password=_unusable_password(),
        date_joined=timezone.now(),
    )


def _users_rename(changed: list[tuple[int, ApplicantAccount]]) -> None:
    if not changed:
        return
    if connection.vendor != "postgresql":
        User.objects.bulk_update(
            [
                User(pk=pk, full_name=account.full_name, timezone=account.timezone)
                for pk, account in changed
            ],
            ["full_name", "timezone"],
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {User._meta.db_table} AS account
            SET full_name = changed.full_name, timezone = changed.timezone
            FROM unnest(%s::bigint[], %s::text[], %s::text[])
                AS changed (id, full_name, timezone)
            WHERE account.id = changed.id
            """,  # noqa: S608 - table name from the model, values as parameters
            [
                [pk for pk, _ in changed],
                [account.full_name for _, account in changed],
                [account.timezone for _, account in changed],
            ],
        )


@transaction.atomic
def user_anonymise(*, user: User) -> User:
    """Remove what identifies a person from their account and close it, keeping the row.

    The row stays so that what hangs off it (an application's stage and score, bookings) keeps
    counting in aggregate statistics; the e-mail becomes a unique placeholder.
    """
    user = lock_one(User.objects.filter(pk=user.pk), missing=User.DoesNotExist())
    EmailAddress.objects.filter(user=user).delete()
    user.email = f"erased-{user.pk}@erased.invalid"
    user.full_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["email", "full_name", "is_active", "password"])
    return user


@transaction.atomic
def api_token_reset(*, user: User) -> Token:
    """A new API token for `user`; the one they had stops working at once."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)
