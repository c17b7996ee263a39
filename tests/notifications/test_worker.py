"""Delivery through a real Celery worker process and a real Redis broker."""

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from gigcx.celery import app as celery_app
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notify
from notifications.tasks import notification_sweep
from tests.factories import NotificationFactory

ROOT = Path(__file__).resolve().parents[2]
# One celery worker process serves the whole module: `make test` distributes tests by file
# (--dist loadfile), so they all run in one xdist process against one test database.
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def worker_database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def subprocess_env(**extra: str) -> dict[str, str]:
    env = dict(
        os.environ,
        DATABASE_URL=worker_database_url(),
        DJANGO_SETTINGS_MODULE="gigcx.settings",
    )
    env.update(extra)
    return env


@dataclass
class Worker:
    process: subprocess.Popen
    mail_dir: Path
    log: Path

    def sent_mail(self) -> str:
        return "".join(path.read_text() for path in self.mail_dir.iterdir())

    def explain(self) -> str:
        return self.log.read_text()[-4000:]


@pytest.fixture(scope="module")
def celery_worker(django_db_setup, tmp_path_factory) -> Iterator[Worker]:
    """One real `celery worker` process on the test database and the test Redis."""
    assert settings.REDIS_URL, "this test needs Redis (make test sets REDIS_URL)"
    folder = tmp_path_factory.mktemp("worker")
    mail_dir, log = folder / "mail", folder / "worker.log"
    mail_dir.mkdir()
    celery_app.control.purge()  # deliveries left in the test Redis by earlier runs
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "gigcx",
        "worker",
        "--pool=solo",
        "--loglevel=INFO",
        "-Q",
        "default,notifications",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-n",
        f"test-{os.getpid()}@%h",
    ]
    # django-environ drops one leading slash of a file path, hence the extra one.
    env = subprocess_env(EMAIL_URL=f"filemail:///{mail_dir}")
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            yield Worker(process, mail_dir, log)
        finally:
            process.terminate()
            process.wait(timeout=20)


def wait_for(predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


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
    assert elapsed < 1.5, f"publishing held the request {elapsed}s"
    notification = Notification.objects.get(dedupe_key=f"hung-broker:{port}")
    assert notification.delivery == Notification.Delivery.PENDING  # the sweep will send it
