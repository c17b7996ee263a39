"""The settings module switches between the embedded default and the production stack."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "db = s.DATABASES['default']; "
    "print(json.dumps({'engine': db['ENGINE'], 'options': {k: str(v) for k, v in "
    "db.get('OPTIONS', {}).items()}, 'health': db.get('CONN_HEALTH_CHECKS'), "
    "'max_age': db.get('CONN_MAX_AGE'), 'eager': s.CELERY_TASK_ALWAYS_EAGER, "
    "'broker': s.CELERY_BROKER_URL, 'cache': s.CACHES['default']['BACKEND'], "
    "'email': s.EMAIL_BACKEND, 'debug': s.DEBUG, 'sessions': s.SESSION_ENGINE}))"
)
PRODUCTION_SECRET = "a-real-secret-that-is-long-and-random-8c1f9d2e7b4a6035e1d2c3b4a5968778"


# What the settings read, plus what the browser tests set for themselves.
SWITCHES = {
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "EMAIL_URL",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_settings(command: list[str], **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in SWITCHES}
    clean.update(env, DJANGO_SETTINGS_MODULE="gigcx.settings")
    return subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def probe(**env: str) -> tuple[dict, str]:
    result = run_settings(["-c", PROBE], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


def test_nothing_set_means_embedded_sqlite_eager_tasks_console_mail():
    seen, warnings = probe()
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["options"]["transaction_mode"] == "IMMEDIATE"
    assert seen["eager"] is True
    assert seen["email"] == "django.core.mail.backends.console.EmailBackend"
    assert seen["debug"] is True
    assert "SECRET_KEY is not set" in warnings


def test_urls_switch_to_postgres_redis_and_workers():
    seen, _ = probe(
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/gigcx",
        REDIS_URL="redis://127.0.0.1:6379/3",
        EMAIL_URL="smtp://mail.example.com:587",
        SECRET_KEY=PRODUCTION_SECRET,
    )
    assert seen["engine"] == "django.db.backends.postgresql"
    assert seen["health"] is True and 0 < seen["max_age"] <= 600
    assert seen["eager"] is False
    assert seen["broker"] == "redis://127.0.0.1:6379/3"
    assert seen["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert seen["sessions"] == "django.contrib.sessions.backends.cache"
    assert seen["email"] == "django.core.mail.backends.smtp.EmailBackend"


def test_production_without_a_secret_refuses_to_start():
    result = run_settings(["-c", PROBE], DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_settings(
        ["manage.py", "check", "--deploy"],
        DEBUG="0",
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="gigcx.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout


@pytest.mark.django_db
def test_postgres_runs_at_read_committed():
    assert connection.vendor == "postgresql", "the suite runs on PostgreSQL (make test)"
    with connection.cursor() as cursor:
        cursor.execute("SHOW transaction_isolation")
        assert cursor.fetchone()[0] == "read committed"
