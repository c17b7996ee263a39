from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications.kinds import Kind
from notifications.models import EmailPreference, Notification
from notifications.services import (
    email_preferences_set,
    notification_ids_due,
    notification_mark_all_read,
    notification_retry,
    notification_send,
    notify,
)
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db
REFUSING = "tests.notifications.backends.RefusingEmailBackend"


def _notify(user, key="welcome:1", kind=Kind.TRAINING):
    return notify(
        user=user,
        kind=kind,
        title="Welcome to your course",
        body="Lesson one is ready.",
        link="/agent/",
        dedupe_key=key,
    )


def test_notify_writes_one_row_per_key(agent):
    first = _notify(agent)
    second = _notify(agent)
    assert first.pk == second.pk
    assert Notification.objects.count() == 1


def test_notify_row_rolls_back_with_the_callers_transaction(agent):
    def callers_work_that_fails() -> None:
        with transaction.atomic():
            _notify(agent)
            raise RuntimeError("the caller's work failed")

    with pytest.raises(RuntimeError, match="the caller's work failed"):
        callers_work_that_fails()
    assert not Notification.objects.exists()


def test_delivery_is_enqueued_only_after_commit(agent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        _notify(agent)
        _notify(agent)  # same key: nothing more to deliver
    assert len(callbacks) == 1


def test_send_emails_once_whatever_the_number_of_calls(agent):
    notification = _notify(agent)
    assert notification_send(notification_id=notification.pk) == "sent"
    assert notification_send(notification_id=notification.pk) == "not-due"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [agent.email]
    assert "Welcome to your course" in message.subject
    assert "/agent/" in message.body
    notification.refresh_from_db()
    assert notification.delivery == "sent" and notification.emailed_at is not None


def test_a_message_held_by_another_worker_is_not_sent_again(agent):
    notification = _notify(agent)
    Notification.objects.filter(pk=notification.pk).update(
        claimed_until=timezone.now() + timedelta(minutes=5)
    )
    assert notification_send(notification_id=notification.pk) == "not-due"
    assert mail.outbox == []


def test_an_expired_claim_is_taken_over(agent):
    notification = _notify(agent)
    Notification.objects.filter(pk=notification.pk).update(
        claimed_until=timezone.now() - timedelta(seconds=1), attempts=1
    )
    assert notification_send(notification_id=notification.pk) == "sent"


def test_failed_send_is_retried_later_then_succeeds(agent, settings):
    notification = _notify(agent)
    settings.EMAIL_BACKEND = REFUSING
    assert notification_send(notification_id=notification.pk) == "failed"
    notification.refresh_from_db()
    assert notification.delivery == "pending"
    assert notification.attempts == 1
    assert "ConnectionRefusedError" in notification.last_error
    assert notification.next_attempt_at > timezone.now()
    assert notification_send(notification_id=notification.pk) == "not-due"  # backing off

    Notification.objects.filter(pk=notification.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1),
        created=timezone.now() - timedelta(minutes=5),
    )
    assert notification_ids_due() == [notification.pk]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_send(notification_id=notification.pk) == "sent"
    assert len(mail.outbox) == 1


def test_after_max_attempts_a_message_is_dead_and_never_retried(agent, settings):
    settings.EMAIL_BACKEND = REFUSING
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    notification = _notify(agent)
    outcomes = []
    for _ in range(5):
        Notification.objects.filter(pk=notification.pk).update(next_attempt_at=None)
        outcomes.append(notification_send(notification_id=notification.pk))
    assert outcomes == ["failed", "failed", "dead", "not-due", "not-due"]
    notification.refresh_from_db()
    assert notification.delivery == "dead" and notification.attempts == 3
    Notification.objects.filter(pk=notification.pk).update(
        created=timezone.now() - timedelta(hours=1)
    )
    assert notification_ids_due() == []

    assert notification_retry(notification_ids=[notification.pk]) == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notification_send(notification_id=notification.pk) == "sent"


def test_sweep_finds_what_the_broker_lost_but_leaves_fresh_rows(agent):
    lost = NotificationFactory(user=agent)
    NotificationFactory(user=agent)  # fresh: its on-commit delivery is still under way
    Notification.objects.filter(pk=lost.pk).update(created=timezone.now() - timedelta(minutes=2))
    assert notification_ids_due() == [lost.pk]


def test_preference_off_skips_email_but_keeps_the_inbox_row(agent):
    email_preferences_set(user=agent, emailed_kinds={Kind.SCHEDULE})
    notification = _notify(agent, kind=Kind.TRAINING)
    assert notification_send(notification_id=notification.pk) == "skipped"
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.delivery == "skipped" and notification.read_at is None


def test_account_messages_are_always_emailed(agent):
    email_preferences_set(user=agent, emailed_kinds=set())
    assert EmailPreference.objects.get(user=agent, kind=Kind.ACCOUNT).email is True
    notification = _notify(agent, kind=Kind.ACCOUNT)
    assert notification_send(notification_id=notification.pk) == "sent"


def test_mark_all_read_touches_only_my_messages(agent, outsider):
    NotificationFactory.create_batch(3, user=agent)
    theirs = NotificationFactory(user=outsider)
    assert notification_mark_all_read(user=agent) == 3
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_inbox_only_messages_are_never_emailed(agent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        notification = notify(
            user=agent, kind=Kind.ACCOUNT, title="Demo", dedupe_key="demo:1", email=False
        )
    assert callbacks == []
    assert notification.delivery == "skipped"
    assert notification_send(notification_id=notification.pk) == "not-due"
    assert mail.outbox == []
