"""tests/queries.py itself: a query per row fails the flat check; the sizes never add up."""

import pytest

from clients.models import Program
from tests.factories import ProgramFactory
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def programs(count: int) -> int:
    ProgramFactory.create_batch(count)
    return count


def test_a_query_per_row_is_caught():
    def names_one_by_one(count: int) -> None:
        for program in Program.objects.all():
            assert program.organisation.name  # one more query per program

    with pytest.raises(AssertionError, match=r"queries by size \{1: 2, 10: 11\}"):
        assert_flat_queries(programs, names_one_by_one)


def test_one_query_however_many_rows_is_its_count_and_each_size_starts_afresh():
    def names_at_once(count: int) -> None:
        assert len(
            [p.organisation.name for p in Program.objects.select_related("organisation")]
        ) == (count)

    assert assert_flat_queries(programs, names_at_once, sizes=(1, 3, 10)) == 1
    assert not Program.objects.exists()
