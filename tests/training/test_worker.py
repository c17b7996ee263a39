"""The hourly sweep through a real Celery worker and Redis: reminders reach the inbox and the
mail, once, however often the sweep runs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import Notification
from tests.celery_worker import wait_for
from tests.factories import AwardFactory
from training.models import Award
from training.tasks import award_reminders_sweep

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_sweep_reminds_through_a_worker_once(agent, celery_worker):
    now = timezone.now()
    award = AwardFactory(
        agent=agent, awarded_at=now - timedelta(days=360), expires_at=now + timedelta(days=5)
    )
    award_reminders_sweep.delay()
    award_reminders_sweep.delay()  # beat fires again before the first run is done
    assert wait_for(lambda: Award.objects.get(pk=award.pk).reminded_days == 7)
    assert wait_for(lambda: "expires in 7 days" in celery_worker.sent_mail()), (
        celery_worker.explain()
    )
    assert Notification.objects.filter(user=agent).count() == 1
