"""`make bench`: measure the foundation's hot paths on PostgreSQL and Redis; prints a table.

Runs against a throw-away database (test_<name>), never the real one.
"""

import os
import statistics
import time
from collections.abc import Callable

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigcx.settings")
django.setup()

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import override_settings

from accounts.models import User
from gigcx.celery import app as celery_app
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notification_ids_due, notification_send, notify

Row = tuple[str, int, float]


def timed(name: str, count: int, work: Callable[[], object]) -> Row:
    started = time.perf_counter()
    work()
    return name, count, time.perf_counter() - started


def median_of(name: str, repeats: int, work: Callable[[], object]) -> Row:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return name, 1, statistics.median(samples)


def bench_notify(user: User, count: int) -> Row:
    def work() -> None:
        for number in range(count):
            with transaction.atomic():
                notify(
                    user=user,
                    kind=Kind.SCHEDULE,
                    title=f"Shift {number} booked",
                    dedupe_key=f"bench-notify:{number}",
                )

    return timed("notify() + publish after commit", count, work)


def bench_deliver(count: int) -> Row:
    ids = list(Notification.objects.filter(delivery="pending").values_list("pk", flat=True)[:count])

    def work() -> None:
        for notification_id in ids:
            notification_send(notification_id=notification_id)

    return timed("deliver one e-mail (claim, render, send, record)", len(ids), work)


def bench_sweep(user: User, pending: int) -> Row:
    Notification.objects.bulk_create(
        Notification(user=user, kind=Kind.REMINDER, title="Reminder", dedupe_key=f"bench-sweep:{n}")
        for n in range(pending)
    )
    Notification.objects.filter(dedupe_key__startswith="bench-sweep:").update(
        created=django.utils.timezone.now() - django.utils.timezone.timedelta(minutes=5)
    )
    with connection.cursor() as cursor:  # as autovacuum would have by the next sweep
        cursor.execute("ANALYZE notifications_notification")
    return median_of(
        f"sweep query over {pending:,} pending rows", 5, lambda: notification_ids_due(limit=500)
    )


def bench_page(user: User, url: str, label: str) -> Row:
    browser = Client()
    browser.force_login(user)
    browser.get(url)
    return median_of(label, 20, lambda: browser.get(url))


def main() -> None:
    db_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ALLOWED_HOSTS=["testserver"],
        ):
            user = User.objects.create_user("bench@example.com", "pw", full_name="Bench Agent")
            rows = [
                bench_notify(user, 2_000),
                bench_deliver(2_000),
                bench_sweep(user, 100_000),
                bench_page(user, "/inbox/", "inbox page, 102,000 messages"),
                bench_page(user, "/agent/", "agent dashboard"),
                bench_page(user, "/healthz", "/healthz (database + broker)"),
            ]
        print_table(rows, db_name)
    finally:
        connection.creation.destroy_test_db(db_name, verbosity=0)
        celery_app.control.purge()  # nobody consumes the benchmark's deliveries


def print_table(rows: list[Row], db_name: str) -> None:
    broker = "Redis" if settings.REDIS_URL else "in-process"
    print(f"\ngigcx foundation benchmarks — {connection.vendor} ({db_name}), broker {broker}\n")
    print(f"| {'what':<52} | {'n':>6} | {'total s':>8} | {'per op ms':>9} | {'ops/s':>8} |")
    print(f"|{'-' * 54}|{'-' * 7}:|{'-' * 9}:|{'-' * 10}:|{'-' * 9}:|")
    for name, count, seconds in rows:
        per_op = seconds / count * 1000
        print(
            f"| {name:<52} | {count:>6} | {seconds:>8.3f} | {per_op:>9.2f} | "
            f"{count / seconds:>8.0f} |"
        )


if __name__ == "__main__":
    main()
