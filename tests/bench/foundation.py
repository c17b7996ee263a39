"""Foundation hot paths: notifications, the sweep, the inbox, the dashboard, /healthz."""

import django
from django.db import connection, transaction

from accounts.models import User
from notifications.kinds import Kind
from notifications.models import Notification
from notifications.services import notification_ids_due, notification_send, notify
from tests.bench.common import Row, bench_page, median_of, timed

TITLE = "Foundation"


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


def run() -> list[Row]:
    user = User.objects.create_user("bench@example.com", "pw", full_name="Bench Agent")
    return [
        bench_notify(user, 2_000),
        bench_deliver(2_000),
        bench_sweep(user, 100_000),
        bench_page(user, "/inbox/", "inbox page, 102,000 messages"),
        bench_page(user, "/agent/", "agent dashboard"),
        bench_page(user, "/healthz", "/healthz (database + broker)"),
    ]
