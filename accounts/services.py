"""Every write to accounts: plain functions, keyword arguments, one transaction each."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
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
    pending = list(
        User.objects.select_for_update()
        .filter(pk__in=[u.pk for u in users], role=User.Role.CLIENT, client_approved_at=None)
        .order_by("pk")
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


WELCOME_NEXT_STEP = {
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
