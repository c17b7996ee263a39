"""gigcx.sql: prepared plain statements answer what the ORM answers, on either database."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from clients.models import Program
from gigcx.sql import columns, first_instance, insert, run
from scheduling.models import Booking
from tests.factories import AgentFactory, ProgramFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PREPARE is PostgreSQL's"
)
PROGRAM_BY_NAME = f"SELECT {columns(Program, 'p')} FROM clients_program p WHERE p.name = %(name)s"  # noqa: S608


def sent(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"].split(" AS ")[0] for query in queries.captured_queries]


def test_run_answers_the_rows_of_its_last_statement():
    first, last = (
        "SELECT CAST(%(a)s AS int)",
        "SELECT CAST(%(a)s AS int) + CAST(%(b)s AS int), 'x%%y'",
    )
    found = run(first, last, params={"a": 2, "b": 3})
    assert found == [(5, "x%y")]


@postgresql_only
def test_a_statement_is_prepared_once_per_connection_and_then_run_by_name():
    statement = "SELECT CAST(%(a)s AS int) + 1"
    with CaptureQueriesContext(connection) as first:
        assert run(statement, params={"a": 1}) == [(2,)]
    with CaptureQueriesContext(connection) as again:
        assert run(statement, params={"a": 41}) == [(42,)]
    assert [text.split()[0] for text in sent(first)] == ["PREPARE", "EXECUTE"]
    assert [text.split()[0] for text in sent(again)] == ["EXECUTE"]
    name = sent(again)[0].split()[1].split("(")[0]
    assert sent(first)[0] == f"PREPARE {name}"


@postgresql_only
def test_a_prepared_statement_outlives_a_rollback():
    statement = "SELECT CAST(%(a)s AS int) * 2"
    with pytest.raises(ZeroDivisionError), transaction.atomic():  # noqa: PT012
        assert run(statement, params={"a": 2}) == [(4,)]
        raise ZeroDivisionError  # the transaction rolls back
    with CaptureQueriesContext(connection) as after_rollback:
        assert run(statement, params={"a": 3}) == [(6,)]
    assert [text.split()[0] for text in sent(after_rollback)] == ["EXECUTE"]


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_new_connection_prepares_the_statement_again():
    statement = "SELECT CAST(%(a)s AS int) * 3"
    assert run(statement, params={"a": 1}) == [(3,)]
    connection.close()
    with CaptureQueriesContext(connection) as reconnected:
        assert run(statement, params={"a": 2}) == [(6,)]
    assert [text.split()[0] for text in sent(reconnected)] == ["PREPARE", "EXECUTE"]


def test_insert_saves_what_create_saves():
    agent, program = AgentFactory(), ProgramFactory()
    start = timezone.now().replace(microsecond=0) + timedelta(days=1)
    values = {"agent": agent, "program": program, "starts_at": start, "pay_rate": Decimal("18")}
    made = insert(Booking(**values, ends_at=start + timedelta(hours=1), bonus_amount=Decimal(3)))
    created = Booking.objects.create(  # the same, but for its time
        **{**values, "starts_at": start + timedelta(hours=1)},
        ends_at=start + timedelta(hours=2),
        bonus_amount=Decimal(3),
    )
    assert made.pk is not None and not made._state.adding
    stored = Booking.objects.get(pk=made.pk)
    for field in Booking._meta.concrete_fields:
        if field.name not in ("id", "starts_at", "ends_at", "created"):
            assert getattr(stored, field.attname) == getattr(created, field.attname), field.name
    assert abs(stored.created - created.created) < timedelta(seconds=5)


def test_first_instance_is_the_instance_the_orm_reads():
    program = ProgramFactory(name="Acme Voice")
    read = first_instance(Program, PROGRAM_BY_NAME, {"name": "Acme Voice"})
    expected = Program.objects.get(pk=program.pk)
    assert [getattr(read, f.attname) for f in Program._meta.concrete_fields] == [
        getattr(expected, f.attname) for f in Program._meta.concrete_fields
    ]
    assert not read._state.adding
    assert first_instance(Program, PROGRAM_BY_NAME, {"name": "nobody"}) is None


def test_columns_name_every_field_in_order():
    assert columns(User, "u").split(", ")[:2] == ["u.id", "u.password"]
    assert len(columns(User, "u").split(", ")) == len(User._meta.concrete_fields)
