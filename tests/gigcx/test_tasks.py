"""Enqueueing by task name: known in a fresh process, run in-process in eager mode, and a name
that is wrong fails in the caller. A real worker and broker: tests/*/test_worker.py."""

import os
import subprocess
import sys

import pytest
from celery.exceptions import NotRegistered
from django.core import mail

from gigcx.celery import app as celery_app
from gigcx.tasks import enqueue_on_commit
from notifications.models import Notification
from tests.celery_worker import ROOT
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

DELIVER = "notifications.tasks.notification_deliver"
LOOK_UP_IN_A_FRESH_PROCESS = f"""
import sys, django
django.setup()
from gigcx.tasks import registered_task
assert "notifications.tasks" not in sys.modules
print(registered_task("{DELIVER}").name)
assert "scheduling.tasks" not in sys.modules  # only the named task's module was imported
"""

SERVE = """
from celery import current_app
import gigcx.wsgi
print(sorted(name for name in current_app._tasks if not name.startswith("celery.")))
"""


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=dict(os.environ, DJANGO_SETTINGS_MODULE="gigcx.settings"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_process_that_never_imported_the_task_finds_it_by_name():
    assert run_python(LOOK_UP_IN_A_FRESH_PROCESS) == DELIVER


def test_the_served_application_has_every_task_registered_before_a_request():
    registered = run_python(SERVE)
    assert DELIVER in registered
    assert "scheduling.tasks.waitlist_offer_next_task" in registered


@pytest.fixture
def eager():
    """Celery as `make run` has it without REDIS_URL: tasks run in-process."""
    tests_mode = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = tests_mode


@pytest.mark.usefixtures("eager")
def test_eager_mode_runs_the_named_task_in_process_after_commit(django_capture_on_commit_callbacks):
    notification = NotificationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(DELIVER, notification.pk)
        assert mail.outbox == []  # nothing before commit
    notification.refresh_from_db()
    assert notification.delivery == Notification.Delivery.SENT
    assert [message.to for message in mail.outbox] == [[notification.user.email]]


def test_a_wrong_name_fails_in_the_caller_and_publishes_nothing(
    django_capture_on_commit_callbacks,
):
    with pytest.raises(NotRegistered), django_capture_on_commit_callbacks() as callbacks:
        enqueue_on_commit("notifications.tasks.notification_delivr", 1)
    assert callbacks == []


def test_a_name_under_no_module_is_not_registered(django_capture_on_commit_callbacks):
    with pytest.raises(NotRegistered), django_capture_on_commit_callbacks() as callbacks:
        enqueue_on_commit("notifications.taskz.notification_deliver", 1)
    assert callbacks == []
