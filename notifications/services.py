"""Notifications: the in-app inbox and its e-mail outbox.

`notify` is the one way any app tells a person something. Delivery claims the row with one
conditional UPDATE (a lease), so two workers never send the same message; a failed send is
retried with back-off by the sweep and, after NOTIFICATION_MAX_ATTEMPTS, marked dead for staff.
A worker killed between sending and recording could repeat one e-mail after its lease ends;
everything else is sent exactly once.
"""

import logging
import smtplib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from gigcx.tasks import enqueue_on_commit
from notifications.kinds import ALWAYS_EMAILED, Kind
from notifications.models import EmailPreference, Notification

if TYPE_CHECKING:  # the user model, as django-stubs reads AUTH_USER_MODEL
    from django.contrib.auth.models import _User as User

logger = logging.getLogger(__name__)

Delivery = Notification.Delivery


def notify(
    *,
    user: "User",
    kind: Kind,
    title: str,
    body: str = "",
    link: str = "",
    dedupe_key: str,
    email: bool = True,
) -> Notification:
    """Tell `user` something, in the caller's transaction; the e-mail goes after commit.

    The same `dedupe_key` always yields the same single message. `email=False` keeps it to the
    inbox (demo data, messages about the inbox itself).
    """
    notification, created = Notification.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "user": user,
            "kind": kind,
            "title": title,
            "body": body,
            "link": link,
            "delivery": Delivery.PENDING if email else Delivery.SKIPPED,
        },
    )
    if created and email:
        enqueue_on_commit("notifications.tasks.notification_deliver", notification.pk)
    return notification


def notification_send(*, notification_id: int) -> str:
    """E-mail one notification if it is due and nobody else holds it. Safe to run twice.

    Returns what happened: "sent", "skipped", "failed", "dead" or "not-due".
    """
    if not _claim(notification_id):
        return "not-due"
    notification = Notification.objects.select_related("user").get(pk=notification_id)
    if not _wants_email(notification):
        _finish(notification_id, delivery=Delivery.SKIPPED)
        return "skipped"
    try:
        _send_email(notification)
    except (smtplib.SMTPException, OSError) as error:
        return _record_failure(notification, error)
    _finish(notification_id, delivery=Delivery.SENT, emailed_at=timezone.now())
    return "sent"


def notification_ids_due(*, limit: int = 500) -> list[int]:
    """Pending deliveries whose lease and back-off have passed, oldest first."""
    now = timezone.now()
    grace = now - timedelta(seconds=30)  # leave fresh rows to their on-commit delivery
    return list(
        _due(now).filter(created__lt=grace).order_by("created").values_list("pk", flat=True)[:limit]
    )


def notification_retry(*, notification_ids: list[int]) -> int:
    """Give dead messages a fresh set of attempts (staff, after fixing the mail server)."""
    return Notification.objects.filter(pk__in=notification_ids, delivery=Delivery.DEAD).update(
        delivery=Delivery.PENDING, attempts=0, next_attempt_at=None, claimed_until=None
    )


def notification_mark_read(*, user: "User", notification_id: int) -> Notification:
    notification = Notification.objects.get(pk=notification_id, user=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, user: "User") -> int:
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


def email_preferences_set(*, user: "User", emailed_kinds: set[str]) -> None:
    """Record for every kind whether `user` wants it by e-mail, in one statement."""
    EmailPreference.objects.bulk_create(
        [
            EmailPreference(
                user=user, kind=kind, email=kind in emailed_kinds or kind in ALWAYS_EMAILED
            )
            for kind in Kind
        ],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["email"],
    )


def _due(now: datetime) -> QuerySet[Notification]:
    """Pending deliveries that no worker holds and whose back-off has passed."""
    return (
        Notification.objects.filter(delivery=Delivery.PENDING)
        .filter(Q(claimed_until=None) | Q(claimed_until__lt=now))
        .filter(Q(next_attempt_at=None) | Q(next_attempt_at__lte=now))
    )


def _claim(notification_id: int) -> bool:
    now = timezone.now()
    lease = timedelta(seconds=settings.NOTIFICATION_CLAIM_SECONDS)
    return bool(
        _due(now)
        .filter(pk=notification_id)
        .update(claimed_until=now + lease, attempts=F("attempts") + 1)
    )


def _wants_email(notification: Notification) -> bool:
    if notification.kind in ALWAYS_EMAILED:
        return True
    preference = EmailPreference.objects.filter(
        user=notification.user_id, kind=notification.kind
    ).first()
    return preference is None or preference.email


def _send_email(notification: Notification) -> None:
    context = {"notification": notification, "site_url": settings.SITE_URL}
    send_mail(
        subject=f"[gigcx] {notification.title}",
        message=render_to_string("notifications/email.txt", context),
        from_email=None,
        recipient_list=[notification.user.email],
    )


def _record_failure(notification: Notification, error: Exception) -> str:
    attempts = notification.attempts
    dead = attempts >= settings.NOTIFICATION_MAX_ATTEMPTS
    logger.warning(
        "e-mail for notification %s failed (attempt %s): %s", notification.pk, attempts, error
    )
    _finish(
        notification.pk,
        delivery=Delivery.DEAD if dead else Delivery.PENDING,
        last_error=f"{error.__class__.__name__}: {error}"[:2000],
        next_attempt_at=None if dead else timezone.now() + _backoff(attempts),
    )
    return "dead" if dead else "failed"


def _backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes between attempts, at most an hour."""
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


def _finish(notification_id: int, **fields: object) -> None:
    Notification.objects.filter(pk=notification_id).update(claimed_until=None, **fields)
