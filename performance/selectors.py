"""Reads of the performance app that the API and pages share."""

from accounts.models import User
from clients.models import Membership

PLANNING_ROLES = (Membership.Role.OWNER, Membership.Role.PLANNER)


def may_import_metrics(*, user: User) -> bool:
    """Staff, or a client member who owns or plans for at least one organisation."""
    return user.is_staff or (
        user.is_client and Membership.objects.filter(user=user, role__in=PLANNING_ROLES).exists()
    )
