"""Enqueueing that never loses work and never holds a request on a broker that is down.

Work is enqueued by task name ("notifications.tasks.notification_deliver"), so a service never
imports the tasks module that imports it: no cycle between an app's services and its tasks.
"""

import logging
from functools import partial
from importlib import import_module

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

from gigcx.celery import app as celery_app

logger = logging.getLogger(__name__)


def enqueue_on_commit(task_name: str, *args: object) -> None:
    """Publish the task registered as `task_name` after the current transaction commits.

    The name is looked up at once, so a wrong one fails in the caller, not after commit. The
    caller's database row is the record of the work; if the broker is unreachable the publish
    fails fast (one try, the socket timeouts of CELERY_BROKER_TRANSPORT_OPTIONS) and a beat sweep
    re-enqueues it later.
    """
    transaction.on_commit(partial(_publish, registered_task(task_name), args))


def registered_task(name: str) -> Task:
    """The task registered as `name` (celery.exceptions.NotRegistered if there is none).

    Celery registers a task when its module is imported, which a web process never does by
    itself, so a name not yet known imports the one module its name is under ("a.tasks.t" ->
    "a.tasks"), not every app's tasks. The task object, not `send_task`, is what keeps eager
    mode (no REDIS_URL) running tasks in-process.
    """
    if name not in celery_app.tasks:
        module = name.rpartition(".")[0]
        try:
            import_module(module)
        except ModuleNotFoundError as error:
            if error.name is None or not f"{module}.".startswith(f"{error.name}."):
                raise  # the module exists but imports something missing: a real error
            # no such module: the lookup below names the task that is not registered
    return celery_app.tasks[name]


def _publish(task: Task, args: tuple) -> None:
    try:
        task.apply_async(args, retry=False)
    except OperationalError:
        logger.warning("broker unavailable; %s%r left for the sweep", task.name, args)
