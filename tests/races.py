"""Run the same work on several threads at once, each on its own PostgreSQL connection."""

import threading
from collections.abc import Callable

from django.db import connection


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
