"""Expiry, renewal reminders at 30/7/1 days (never twice), revocation by staff."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from gigcx.errors import DomainError
from notifications.models import Notification
from tests.factories import AwardFactory
from training.errors import AlreadyRevoked
from training.models import Award
from training.services import award_ids_to_remind, award_remind, award_revoke
from training.tasks import award_remind_task, award_reminders_sweep

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_run_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sweep's enqueued reminders run at once (the worker tests cover the broker)."""
    monkeypatch.setattr(award_remind_task, "delay", award_remind_task)


NOW = timezone.now().replace(microsecond=0)


def expiring_in(days: float) -> Award:
    return AwardFactory(
        awarded_at=NOW - timedelta(days=365 - days), expires_at=NOW + timedelta(days=days)
    )


def sweep_at(moment: object) -> int:
    with time_machine.travel(moment, tick=False):
        return award_reminders_sweep()


def reminders() -> list[str]:
    return list(Notification.objects.order_by("created").values_list("title", flat=True))


def test_status_is_valid_then_expired_or_revoked():
    award = expiring_in(3)
    assert award.status == "valid" and award.expires_soon
    with time_machine.travel(NOW + timedelta(days=4), tick=False):
        assert award.status == "expired" and not award.expires_soon
    award.revoked_at = NOW
    assert award.status == "revoked"


def test_reminders_go_at_30_7_and_1_days_each_once():
    award = expiring_in(40)
    assert sweep_at(NOW) == 0
    for day, expected in [(11, 1), (12, 0), (33.5, 1), (34, 0), (39.2, 1), (39.5, 0)]:
        assert sweep_at(NOW + timedelta(days=day)) == expected, day
    award.refresh_from_db()
    assert award.reminded_days == 1
    name = award.certification.name
    assert reminders() == [
        f"Your {name} certification expires in 30 days",
        f"Your {name} certification expires in 7 days",
        f"Your {name} certification expires in 1 day",
    ]


def test_a_late_sweep_sends_only_the_nearest_reminder():
    expiring_in(5)
    assert sweep_at(NOW) == 1
    assert reminders()[0].endswith("expires in 7 days")


def test_a_reminder_sent_twice_is_sent_once():
    award = expiring_in(20)
    assert award_remind(award_id=award.pk, days=30)
    assert not award_remind(award_id=award.pk, days=30)
    assert Notification.objects.count() == 1


def test_expired_and_revoked_awards_get_no_reminder():
    expiring_in(-1)
    AwardFactory(expires_at=NOW + timedelta(days=3), revoked_at=NOW)
    assert award_ids_to_remind(at=NOW) == []


def test_revoking_records_the_reason_and_tells_the_holder():
    award = expiring_in(100)
    award_revoke(award_id=award.pk, reason="Shared quiz answers in the forum")
    award.refresh_from_db()
    assert award.status == "revoked" and award.revoked_reason.startswith("Shared")
    assert Notification.objects.get(user=award.agent).body == "Shared quiz answers in the forum"
    with pytest.raises(AlreadyRevoked):
        award_revoke(award_id=award.pk, reason="again")


def test_revoking_needs_a_reason():
    award = expiring_in(100)
    with pytest.raises(DomainError, match="Say why the certification is revoked") as refusal:
        award_revoke(award_id=award.pk, reason="  ")
    assert refusal.value.field == "reason"
    award.refresh_from_db()
    assert award.revoked_at is None


def test_staff_revoke_from_the_admin_with_a_reason(client_as, staff):
    award = expiring_in(100)
    url = "/admin/training/award/"
    data = {"action": "revoke", "_selected_action": [award.pk], "index": 0}
    page = client_as(staff).post(url, data)
    assert page.status_code == 200 and b"Why is the certification revoked?" in page.content
    client_as(staff).post(url, {**data, "apply": "1", "reason": "Identity check failed"})
    award.refresh_from_db()
    assert award.revoked_reason == "Identity check failed"
