"""Writing a batch of imported metrics: COPY into a temporary table and a merge on PostgreSQL,
the ORM elsewhere (the embedded SQLite setup). Both run in the caller's transaction.

Only the imported columns are written; a cell not given (None) keeps the value on file. A row
whose values are the same is left alone, so a re-import of the same file is mostly reads.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from gigcx.bulk import copy_rows, copy_value, temp_table
from performance.importing.rows import MetricRow
from performance.models import DERIVED_FIELDS, IMPORTED_FIELDS, DailyMetric

SOURCE = "import_daily_metric"


def store_batch(rows: Sequence[MetricRow]) -> tuple[int, int]:
    """Upsert the rows on (agent, program, day); returns (created, updated)."""
    if not rows:
        return 0, 0
    if connection.vendor == "postgresql":
        return _store_postgresql(rows)
    return _store_orm(rows)


def _values(row: MetricRow) -> list[object]:
    return [getattr(row, name) for name in IMPORTED_FIELDS]


# --- PostgreSQL -------------------------------------------------------------------------------


def _store_postgresql(rows: Sequence[MetricRow]) -> tuple[int, int]:
    table = DailyMetric._meta.db_table
    columns = ", ".join(IMPORTED_FIELDS)
    merged = ", ".join(f"COALESCE(new.{name}, metric.{name})" for name in IMPORTED_FIELDS)
    now = timezone.now()
    with connection.cursor() as cursor:
        temp_table(
            cursor,
            SOURCE,
            """agent_id bigint, program_id bigint, day date, contacts_handled integer,
            aht_seconds integer, csat_percent numeric(5, 2), fcr_percent numeric(5, 2),
            qa_score numeric(5, 2)""",
        )
        copy_rows(
            cursor,
            SOURCE,
            ["agent_id", "program_id", "day", *IMPORTED_FIELDS],
            (
                (row.agent_id, row.program_id, row.day, *map(copy_value, _values(row)))
                for row in rows
            ),
        )
        cursor.execute(f"ANALYZE {SOURCE}")
        # An update of the rows that change, then an insert of the new ones: `ON CONFLICT DO
        # UPDATE … WHERE` would lock (and so write) every existing row, changed or not. The
        # insert still updates on conflict, for a row another import added meanwhile.
        cursor.execute(
            f"""
            UPDATE {table} AS metric SET ({columns}, updated_at) = ({merged}, %s)
            FROM {SOURCE} AS new
            WHERE metric.agent_id = new.agent_id AND metric.program_id = new.program_id
            AND metric.day = new.day
            AND ({", ".join(f"metric.{name}" for name in IMPORTED_FIELDS)})
                IS DISTINCT FROM ({merged})
            """,  # noqa: S608 - names from the model and constants, values as parameters
            [now],
        )
        updated = cursor.rowcount
        cursor.execute(
            f"""
            INSERT INTO {table} AS metric (agent_id, program_id, day, {columns},
                {", ".join(DERIVED_FIELDS)}, updated_at)
            SELECT new.agent_id, new.program_id, new.day, {columns},
                {", ".join("0" for _ in DERIVED_FIELDS)}, %s
            FROM {SOURCE} AS new
            WHERE NOT EXISTS (
                SELECT 1 FROM {table} AS metric WHERE metric.agent_id = new.agent_id
                AND metric.program_id = new.program_id AND metric.day = new.day
            )
            ON CONFLICT (agent_id, program_id, day) DO UPDATE
            SET ({columns}, updated_at) = ({merged.replace("new.", "EXCLUDED.")}, %s)
            """,  # noqa: S608 - names from the model and constants, values as parameters
            [now, now],
        )
        created = cursor.rowcount
    return created, updated


# --- any other database (the embedded SQLite setup) -------------------------------------------


def _store_orm(rows: Sequence[MetricRow]) -> tuple[int, int]:
    on_file = {
        (metric.agent_id, metric.program_id, metric.day): metric
        for metric in DailyMetric.objects.filter(
            agent_id__in={row.agent_id for row in rows},
            program_id__in={row.program_id for row in rows},
            day__in={row.day for row in rows},
        )
    }
    new, changed = [], []
    for row in rows:
        metric = on_file.get((row.agent_id, row.program_id, row.day))
        if metric is None:
            new.append(
                DailyMetric(
                    agent_id=row.agent_id,
                    program_id=row.program_id,
                    day=row.day,
                    **dict(zip(IMPORTED_FIELDS, _values(row), strict=True)),
                )
            )
        elif _merge(metric, row):
            changed.append(metric)
    DailyMetric.objects.bulk_create(new)
    DailyMetric.objects.bulk_update(changed, [*IMPORTED_FIELDS, "updated_at"])
    return len(new), len(changed)


def _merge(metric: DailyMetric, row: MetricRow) -> bool:
    """Put the row's given values on the metric; True if any changed."""
    changed = False
    for name, value in zip(IMPORTED_FIELDS, _values(row), strict=True):
        if value is not None and _differs(getattr(metric, name), value):
            setattr(metric, name, value)
            changed = True
    if changed:
        metric.updated_at = timezone.now()
    return changed


def _differs(old: object, new: object) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return old is None or Decimal(str(old)) != Decimal(str(new))
    return old != new
