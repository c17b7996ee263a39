"""A real `celery worker` process for the tests that need one (`celery_worker` fixture).

Parallel test processes share one Redis, so each keeps its broker keys under its own prefix
(`global_keyprefix`): a worker only ever runs the tasks of the test process that started it.
"""

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from gigcx.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]
KEY_PREFIX = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}:"


def isolate_broker_keys() -> None:
    """This process and the workers it starts publish and consume under KEY_PREFIX only."""
    os.environ["CELERY_BROKER_KEY_PREFIX"] = KEY_PREFIX
    celery_app.conf.broker_transport_options = {
        **celery_app.conf.broker_transport_options,
        "global_keyprefix": KEY_PREFIX,
    }


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
        "default,notifications,imports",
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
