"""Run the same work on several threads at once, each on its own PostgreSQL connection."""

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import connection

T = TypeVar("T")

PATIENCE = 15  # seconds a racer waits for the others before the test fails, instead of hanging

SOMEONE_WAITS_FOR_ME = """
    SELECT EXISTS (
        SELECT 1 FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))
    )"""


def race(*work: Callable[[], object]) -> list[BaseException]:
    """Start every callable at the same moment; what each one raised (empty when none failed)."""
    start = threading.Barrier(len(work))
    failures: list[BaseException] = []

    def run(task: Callable[[], object]) -> None:
        try:
            start.wait()
            task()
        except BaseException as error:  # the test reports any failure of any thread
            failures.append(error)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(task,)) for task in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures


def all_read_before_any_writes(parties: int, check: Callable[..., T]) -> Callable[..., T]:
    """`check`, then wait until `parties` racers have passed it: each decides on what it read
    (`check`'s answer, handed on) before any of them writes. Without locks, that is the race;
    with them, nobody gets past."""
    passed = threading.Barrier(parties, timeout=PATIENCE)

    def check_then_meet(*args: object, **kwargs: object) -> T:
        answer = check(*args, **kwargs)
        passed.wait()
        return answer

    return check_then_meet


def holds_until_someone_queues(check: Callable[..., None]) -> Callable[..., None]:
    """`check`, then keep this transaction's locks until another connection waits for them:
    the other racer is caught mid-request behind this one, not merely run after it."""

    def check_then_hold(*args: object, **kwargs: object) -> None:
        check(*args, **kwargs)
        deadline = time.monotonic() + PATIENCE
        while not _someone_waits_for_me():
            assert time.monotonic() < deadline, "nobody queued behind these locks"
            time.sleep(0.005)  # polling PostgreSQL's lock table; the wait ends on what it shows

    return check_then_hold


def _someone_waits_for_me() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(SOMEONE_WAITS_FOR_ME)
        return cursor.fetchone()[0]
