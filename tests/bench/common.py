"""What every benchmark section shares: timing helpers and the table they print."""

import statistics
import time
from collections.abc import Callable

from django.test import Client

from accounts.models import User

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


def bench_page(user: User, url: str, label: str, repeats: int = 20) -> Row:
    browser = Client()
    browser.force_login(user)
    browser.get(url)
    return median_of(label, repeats, lambda: browser.get(url))


def print_table(title: str, rows: list[Row]) -> None:
    print(f"\n{title}\n")
    print(f"| {'what':<60} | {'n':>7} | {'total s':>8} | {'per op ms':>9} | {'ops/s':>9} |")
    print(f"|{'-' * 62}|{'-' * 8}:|{'-' * 9}:|{'-' * 10}:|{'-' * 10}:|")
    for name, count, seconds in rows:
        per_op = seconds / count * 1000
        print(
            f"| {name:<60} | {count:>7} | {seconds:>8.3f} | {per_op:>9.2f} | "
            f"{count / seconds:>9.0f} |"
        )
