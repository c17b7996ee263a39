"""Bulk writes on PostgreSQL for the imports: rows go in as CSV through COPY into a temporary
table, and the caller merges them into its own table from there (the ORM's per-object work costs
more than the database's on a million rows). Runs in the caller's transaction; the temporary
table is dropped at its commit."""

import csv
import io
from collections.abc import Iterable

from django.db.backends.utils import CursorWrapper

NULL = r"\N"  # how COPY reads a NULL: give it for None (see copy_value)


def temp_table(cursor: CursorWrapper, name: str, columns: str) -> None:
    """(Re)create the temporary table `name` with `columns` (SQL), dropped at commit."""
    cursor.execute(f"DROP TABLE IF EXISTS {name}")
    cursor.execute(f"CREATE TEMP TABLE {name} ({columns}) ON COMMIT DROP")


def copy_value(value: object) -> object:
    """A value as COPY reads it: the NULL marker for None."""
    return NULL if value is None else value


def copy_rows(cursor: CursorWrapper, table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    """COPY rows into `table`; a None must already be the NULL marker (see copy_value)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    buffer.seek(0)
    cursor.copy_expert(
        f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')", buffer
    )
