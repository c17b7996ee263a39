"""Plain SQL for the few hot paths where building a statement with the ORM costs more than
running it (the booking API, issue 7), on PostgreSQL and on SQLite (the embedded database).

`run` sends its statements in one round trip and answers the last one's rows. On PostgreSQL each
statement is prepared once per connection (PREPARE) and then executed by name, so PostgreSQL no
longer parses and plans it on every request: planning the booking's eligibility check took 0.8 ms
of its CPU, running it 0.15 ms. A prepared statement lasts as long as its connection (a rollback
keeps it); its name is a hash of its text, so a changed text is simply another statement.
Statements take `%(name)s` parameters; every value is a parameter, never part of the text, and
each parameter takes its type from its context (the column it meets, or a CAST), as PREPARE needs.
Prepared statements need a session of their own on the server: behind PgBouncer, session pooling
(or its `max_prepared_statements`), not transaction pooling.
"""

import hashlib
import re
from datetime import UTC, datetime
from decimal import Decimal
from functools import cache
from typing import NamedTuple, TypeVar
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Model
from django.utils.dateparse import parse_datetime

ModelT = TypeVar("ModelT", bound=Model)
PARAMETER = re.compile(r"%\((\w+)\)s")
# the statements prepared on each open PostgreSQL connection (the driver's connection object)
_prepared: WeakKeyDictionary = WeakKeyDictionary()


def run(*statements: str, params: dict) -> list[tuple]:
    """Run `statements` in order, in one round trip on PostgreSQL; the rows of the last."""
    database = connections[DEFAULT_DB_ALIAS]
    if database.vendor != "postgresql":
        for sql in statements:
            found = _rows(sql, params)
        return found
    database.ensure_connection()
    done = _prepared.setdefault(database.connection, set())
    calls, values = [], []
    for sql in statements:
        statement = _statement(sql)
        if statement.name not in done:
            with database.cursor() as cursor:
                cursor.execute(statement.prepare, ())
            done.add(statement.name)
        calls.append(statement.execute)
        values += [params[name] for name in statement.parameters]
    with database.cursor() as cursor:
        cursor.execute("; ".join(calls), values)
        return cursor.fetchall()


class Statement(NamedTuple):
    name: str
    parameters: list[str]  # in the order of $1, $2, ...
    prepare: str
    execute: str  # with %s for the parameters' values


@cache
def _statement(sql: str) -> Statement:
    names = list(dict.fromkeys(PARAMETER.findall(sql)))
    name = "q" + hashlib.blake2b(sql.encode(), digest_size=8).hexdigest()
    numbered = PARAMETER.sub(lambda found: f"${names.index(found[1]) + 1}", sql)
    arguments = f"({', '.join(['%s'] * len(names))})" if names else ""
    return Statement(
        name,
        names,
        f"PREPARE {name} AS {numbered}",  # a literal % stays %%: it runs with () for parameters
        f"EXECUTE {name}{arguments}",
    )


def columns(model: type[Model], alias: str) -> str:
    """`model`'s columns in field order, each after `alias.`: what `first_instance` reads."""
    return ", ".join(f"{alias}.{field.column}" for field in model._meta.concrete_fields)


def first_instance(model: type[ModelT], sql: str, params: dict) -> ModelT | None:
    """The first row of `sql`, which selects `columns(model, ...)`, as a model instance.

    For models whose fields read their values as the driver gives them (no `from_db_value`).
    """
    if connection.vendor != "postgresql":
        return next(iter(model._default_manager.raw(sql, params)), None)
    found = run(sql, params=params)
    if not found:
        return None
    names = [field.attname for field in model._meta.concrete_fields]
    return model.from_db(DEFAULT_DB_ALIAS, names, found[0])


def insert(instance: ModelT) -> ModelT:
    """Save a new `instance` with one INSERT ... RETURNING its key (prepared, like `run`).

    What `Model.objects.create` does without building the statement each time: field defaults
    and `auto_now_add` apply. No `pre_save`/`post_save` signal is sent.
    """
    sql, fields = _insert_statement(type(instance))
    database = connections[DEFAULT_DB_ALIAS]
    params = {
        field.attname: field.get_db_prep_save(field.pre_save(instance, True), database)
        for field in fields
    }
    instance.pk = run(sql, params=params)[0][0]
    instance._state.adding, instance._state.db = False, DEFAULT_DB_ALIAS
    return instance


@cache
def _insert_statement(model: type[Model]) -> tuple[str, list]:
    meta = model._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    sql = (
        f"INSERT INTO {meta.db_table} ({', '.join(field.column for field in fields)}) "  # noqa: S608
        f"VALUES ({', '.join(f'%({field.attname})s' for field in fields)}) "
        f"RETURNING {meta.pk.column}"
    )
    return sql, fields


def _rows(sql: str, params: dict) -> list[tuple]:
    """The rows of one statement, with values as PostgreSQL would answer them on either database."""
    if connection.vendor == "sqlite":
        params = {name: _to_sqlite(value) for name, value in params.items()}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    if connection.vendor == "sqlite":
        return [tuple(_from_sqlite(value) for value in row) for row in found]
    return found


def _to_sqlite(value: object) -> object:
    """SQLite (the dev and demo database) compares datetimes as text, stored as naive UTC."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _from_sqlite(value: object) -> object:
    """SQLite answers naive datetimes (a column read as declared), text (a column of a UNION) and
    floats where PostgreSQL answers timestamps with a zone and numerics."""
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str) and (moment := parse_datetime(value)) is not None:
        value = moment
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value
