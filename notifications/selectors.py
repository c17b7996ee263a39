from typing import TYPE_CHECKING

from django.db.models import QuerySet

from notifications.kinds import ALWAYS_EMAILED, Kind
from notifications.models import EmailPreference, Notification

if TYPE_CHECKING:  # the user model, as django-stubs reads AUTH_USER_MODEL
    from django.contrib.auth.models import _User as User


def notification_list(*, user: "User") -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created", "-pk")


def notification_unread_count(*, user: "User") -> int:
    return Notification.objects.filter(user=user, read_at=None).count()


def email_preference_rows(*, user: "User") -> list[dict]:
    """Every kind with whether it is e-mailed to `user` and whether they may switch it off."""
    chosen = dict(EmailPreference.objects.filter(user=user).values_list("kind", "email"))
    return [
        {
            "kind": kind.value,
            "label": kind.label,
            "email": chosen.get(kind.value, True) or kind in ALWAYS_EMAILED,
            "locked": kind in ALWAYS_EMAILED,
        }
        for kind in Kind
    ]


def notification_dead_count() -> int:
    """Messages whose e-mail failed for good: staff see them on the admin index."""
    return Notification.objects.filter(delivery=Notification.Delivery.DEAD).count()
