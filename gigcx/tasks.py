"""Enqueueing that never loses work and never holds a request on a broker that is down."""

import logging
from functools import partial

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: Task, *args: object) -> None:
    """Publish `task` after the current transaction commits.

    The caller's database row is the record of the work; if the broker is unreachable the
    publish fails fast (one try, the socket timeouts of CELERY_BROKER_TRANSPORT_OPTIONS) and a
    beat sweep re-enqueues it later.
    """
    transaction.on_commit(partial(_publish, task, args))


def _publish(task: Task, args: tuple) -> None:
    try:
        task.apply_async(args, retry=False)
    except OperationalError:
        logger.warning("broker unavailable; %s%r left for the sweep", task.name, args)
