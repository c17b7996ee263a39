"""Delivery through a real Celery worker process and a real Redis broker."""

import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notify
from notifications.tasks import notification_sweep
from tests.celery_worker import ROOT, subprocess_env, wait_for
from tests.factories import NotificationFactory

# One celery worker process serves the whole module (the `celery_worker` fixture): `make test`
# distributes tests by file (--dist loadfile), so they all run in one xdist process.
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def delivered(notification: Notification) -> Callable[[], bool]:
    def check() -> bool:
        notification.refresh_from_db()
        return notification.delivery == Notification.Delivery.SENT

    return check


def test_a_real_worker_emails_a_notification_after_commit(agent, celery_worker):
    with transaction.atomic():
        notification = notify(
            user=agent,
            kind=Kind.SCHEDULE,
            title="Your shift is booked",
            body="Tuesday 09:00 to 12:00",
            link="/agent/",
            dedupe_key="worker-test:1",
        )
    assert wait_for(delivered(notification)), celery_worker.explain()
    assert "Your shift is booked" in celery_worker.sent_mail()
    assert agent.email in celery_worker.sent_mail()
    assert notification.attempts == 1


def test_the_sweep_delivers_what_the_broker_lost(agent, celery_worker):
    lost = NotificationFactory(user=agent, title="Written while Redis was down")
    Notification.objects.filter(pk=lost.pk).update(created=timezone.now() - timedelta(minutes=2))
    notification_sweep.delay()  # what beat does every minute
    assert wait_for(delivered(lost)), celery_worker.explain()
    assert "Written while Redis was down" in celery_worker.sent_mail()


class SilentBroker:
    """A TCP server that accepts connections and never answers: a broker that hangs."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.clients: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            self.clients.append(client)

    def close(self) -> None:
        self.server.close()
        for client in self.clients:
            client.close()


NOTIFY_AND_TIME = """
import time, django
django.setup()
from django.db import transaction
from accounts.models import User
from notifications.services import notify
from notifications.tasks import notification_sweep
from tests.factories import NotificationFactory
user = User.objects.get(pk={user_id})
started = time.monotonic()
with transaction.atomic():
    notify(user=user, kind="schedule", title="Hung broker", dedupe_key="hung-broker:{port}")
print(round(time.monotonic() - started, 3))
"""


@pytest.mark.parametrize("broker", ["refusing", "silent"])
def test_a_broker_that_is_down_never_holds_the_request(agent, broker):
    silent = SilentBroker()
    port = silent.port if broker == "silent" else 1
    try:
        result = subprocess.run(
            [sys.executable, "-c", NOTIFY_AND_TIME.format(user_id=agent.pk, port=port)],
            cwd=ROOT,
            env=subprocess_env(REDIS_URL=f"redis://127.0.0.1:{port}/0"),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        silent.close()
    assert result.returncode == 0, result.stderr
    elapsed = float(result.stdout.strip().splitlines()[-1])
    # ~0.05 s refused and ~0.5–0.8 s hung when the machine is idle (docs/benchmarks.md); the
    # bound leaves room for a busy 2-core CI box and still fails a default Celery setup, which
    # waits 4 s per connection attempt and retries.
    assert elapsed < 2.5, f"publishing held the request {elapsed}s"
    notification = Notification.objects.get(dedupe_key=f"hung-broker:{port}")
    assert notification.delivery == Notification.Delivery.PENDING  # the sweep will send it
