"""How many rows of each kind (bookings, holds, bonuses) cover each slot's start: one sorted pass.

A row [starts_at, ends_at) of a program covers a slot of that program starting at t when
starts_at <= t < ends_at. Counted for each slot by a correlated subquery, that is one index probe
per slot (~35 ms for a 20-program week); here every row is instead an edge of +1 at its start and
-1 at its end, edges at the same moment are summed, and a running sum per program, ordered by
moment, read at each slot's row is the count: rows that began at or before t less those that
ended at or before t (edges at t are peers of the slot's row, so a row ending at t is not counted
and one starting at t is). One sort of the slots and the rows touching the week, the same SQL on
PostgreSQL and SQLite.
"""

from collections.abc import Sequence
from datetime import datetime

from django.db.models import QuerySet

from clients.models import Program
from scheduling.models import Slot


def covering_counts(
    slots: QuerySet[Slot],
    *,
    fields: Sequence[str],
    programs: list[Program],
    start: datetime,
    end: datetime,
    **kinds: QuerySet,
) -> tuple[str, list]:
    """SQL and params selecting program_id and `fields` of each slot of `slots` (all of
    `programs`, starting in [start, end)) and, named by each keyword of `kinds`, how many rows of
    that queryset (of a model with program, starts_at, ends_at) cover the slot's start.

    Rows not touching [start, end) cover no such slot: they are left out before the sort."""
    program_ids = [program.pk for program in programs]
    touching = {"program_id__in": program_ids, "starts_at__lt": end, "ends_at__gt": start}
    edges: list[str] = []
    edge_params: list = []
    for name, rows in kinds.items():
        narrowed = rows.filter(**touching).order_by().values("program_id", "starts_at", "ends_at")
        sql, params = narrowed.query.sql_with_params()
        signs = ", ".join(f"{'sign' if other == name else 0} AS {other}" for other in kinds)
        edges.append(_EDGES.format(rows=sql, signs=signs))
        edge_params += params
    slot_sql, slot_params = (
        slots.order_by().values("program_id", "starts_at", *fields).query.sql_with_params()
    )
    sql = _COUNTED.format(
        fields=", ".join(fields),
        counts=", ".join(kinds),
        zeros=", ".join(f"0 AS {name}" for name in kinds),
        nulls=", ".join("NULL" for _ in fields),
        sums=", ".join(f"CAST(SUM({name}) AS INTEGER)" for name in kinds),
        running=", ".join(f"SUM({name}) OVER moments AS {name}" for name in kinds),
        slots=slot_sql,
        edges=" UNION ALL ".join(edges),
    )
    return sql, [*slot_params, *edge_params]


# Each row twice: +1 at its start, -1 at its end.
_EDGES = """
SELECT program_id, CASE sign WHEN 1 THEN starts_at ELSE ends_at END AS moment, {signs}
FROM ({rows}) AS source CROSS JOIN (SELECT 1 AS sign UNION ALL SELECT -1) AS edge
"""

# Sums are cast back to integers: a running sum over PostgreSQL's bigint sums would be numeric.
# The slots' own rows add nothing to the sums; they are where the running sums are read.
_COUNTED = """
SELECT program_id, {fields}, {counts} FROM (
    SELECT is_slot, program_id, {fields}, {running}
    FROM (
        SELECT 1 AS is_slot, program_id, starts_at AS moment, {fields}, {zeros} FROM ({slots}) AS s
        UNION ALL
        SELECT 0, program_id, moment, {nulls}, {sums}
        FROM ({edges}) AS edges GROUP BY program_id, moment
    ) AS event
    WINDOW moments AS (PARTITION BY program_id ORDER BY moment)
) AS counted
WHERE is_slot = 1
"""
