"""Query counts that stay flat as rows grow: measured at two sizes, not promised under a ceiling."""

import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

World = TypeVar("World")


def assert_flat_queries(
    build: Callable[[int], World],
    measure: Callable[[World], object],
    sizes: Iterable[int] = (1, 10),
) -> int:
    """Build a world of each size, count the queries `measure` sends in it; they must be equal.

    Returns that count, for the test to pin exactly. Each world is rolled back before the next is
    built, so the sizes never add up. A rehearsal at the first size runs unmeasured first: what a
    connection does once (preparing the booking statements, warming caches) is not a cost per row.
    """
    sizes = list(sizes)
    _count(build, measure, sizes[0])
    sent = {size: _count(build, measure, size) for size in sizes}
    counts = {size: len(queries) for size, queries in sent.items()}
    extra = Counter(map(_shape, sent[sizes[-1]])) - Counter(map(_shape, sent[sizes[0]]))
    assert len(set(counts.values())) == 1, (
        f"queries by size {counts}; more at size {sizes[-1]}: {list(extra.elements())[:5]}"
    )
    return counts[sizes[0]]


def _shape(sql: str) -> str:
    """The statement without its numbers: the same query for another row looks the same."""
    return re.sub(r"\d+", "N", sql)


def _count(build: Callable[[int], World], measure: Callable[[World], object], size: int) -> list:
    with transaction.atomic():
        world = build(size)
        with CaptureQueriesContext(connection) as queries:
            measure(world)
        transaction.set_rollback(True)
    return [query["sql"] for query in queries.captured_queries]
