"""Writing a batch of imported applicants: COPY + INSERT … ON CONFLICT on PostgreSQL, the ORM's
upserting bulk_create elsewhere (the embedded SQLite setup). Both run in the caller's transaction.

On PostgreSQL the ORM's per-field preparation of ~1 million objects costs more than the database
work itself, so rows go in as CSV through COPY into temporary tables and are merged from there.
A merge writes only what changed: an application whose fields are the same is left alone, and of
its skills and languages only the rows that appeared, disappeared or changed are written. Most of
a re-import is therefore reads, and the tables do not fill with dead rows.

The accounts themselves belong to `accounts` and are written through its service.
"""

import json
from collections.abc import Sequence
from typing import NamedTuple

from django.db import connection, models
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from accounts.services import ApplicantAccount, ApplicantUpsert, applicant_users_upsert
from agents.importing.rows import ApplicantRow
from agents.models import (
    PROFILE_FIELDS,
    Application,
    ApplicationLanguage,
    ApplicationSkill,
    Status,
)
from agents.states import time_zone_for
from gigcx.bulk import copy_rows, copy_value, temp_table

IMPORTED_STEPS = ["contact", "location", "languages", "work", "experience"]
UPDATED_ON_REIMPORT = [
    *PROFILE_FIELDS,
    "typing_wpm",
    "typing_accuracy",
    "score",
    "score_explanation",
]


class ChildTable(NamedTuple):
    """A table of an application's rows (skills, languages), as the import merges it."""

    model: type[models.Model]
    items: str  # the ApplicantRow attribute: {key: value}
    key: str  # identifies a row among one application's
    key_type: str
    value: str

    @property
    def source(self) -> str:
        return f"import_{self.items}"


CHILD_TABLES = [
    ChildTable(ApplicationSkill, "skills", "skill_id", "bigint", "years"),
    ChildTable(ApplicationLanguage, "languages", "language", "text", "level"),
]


def store_batch(rows: Sequence[ApplicantRow], applications: Sequence[dict]) -> ApplicantUpsert:
    """Upsert users and applications (keyed on e-mail) and bring their skills and languages up to
    date. Addresses of client or staff accounts are left alone (the answer names them)."""
    accounts = applicant_users_upsert(
        accounts=[
            ApplicantAccount(
                email=row.email,
                full_name=row.full_name,
                timezone=time_zone_for(row.state, row.zip_code),
            )
            for row in rows
        ]
    )
    kept = [
        (row, values, accounts.user_ids[row.email])
        for row, values in zip(rows, applications, strict=True)
        if row.email in accounts.user_ids
    ]
    if kept:
        rows, applications, owners = (list(column) for column in zip(*kept, strict=True))
        if connection.vendor == "postgresql":
            brand_new = accounts.created.issuperset(row.email for row in rows)
            _store_postgresql(rows, owners, applications, brand_new=brand_new)
        else:
            _store_orm(rows, owners, applications)
    return accounts


# --- PostgreSQL -------------------------------------------------------------------------------


def _store_postgresql(
    rows: Sequence[ApplicantRow],
    owners: list[int],
    applications: Sequence[dict],
    *,
    brand_new: bool,
) -> None:
    """`brand_new`: every user of the batch was just created, so none has an application yet
    and there is nothing to compare with: the updates and deletions are skipped."""
    with connection.cursor() as cursor:
        _pg_merge_applications(cursor, owners, applications, brand_new=brand_new)
        cursor.execute(
            f"SELECT user_id, id FROM {Application._meta.db_table} WHERE user_id = ANY(%s)",  # noqa: S608
            [owners],
        )
        application_ids = dict(cursor.fetchall())
        ids = [application_ids[user_id] for user_id in owners]
        for child in CHILD_TABLES:
            _pg_copy_children(cursor, child, rows, ids)
            if not brand_new:
                _pg_update_children(cursor, child, ids)
            _pg_insert_children(cursor, child)


def _pg_merge_applications(
    cursor: CursorWrapper, owners: list[int], applications: Sequence[dict], *, brand_new: bool
) -> None:
    temp_table(
        cursor,
        "import_application",
        """user_id bigint, phone text, state text, zip_code text, channels jsonb,
        hours_min integer, hours_max integer, typing_wpm integer, typing_accuracy numeric,
        score integer, score_explanation jsonb""",
    )
    copy_rows(
        cursor,
        "import_application",
        ["user_id", *UPDATED_ON_REIMPORT],
        (
            (user_id, *[_copy_value(values[name]) for name in UPDATED_ON_REIMPORT])
            for user_id, values in zip(owners, applications, strict=True)
        ),
    )
    table = Application._meta.db_table
    columns = ", ".join(UPDATED_ON_REIMPORT)
    imported = _qualified("imported", UPDATED_ON_REIMPORT)
    now = timezone.now()
    # An update, then an insert that skips existing rows: `ON CONFLICT DO UPDATE … WHERE` would
    # lock (and so write) every existing row, changed or not.
    if not brand_new:
        cursor.execute(
            f"""
        UPDATE {table} AS application
        SET ({columns}, updated, scored_at) = ({imported}, %s, %s)
        FROM import_application AS imported
        WHERE application.user_id = imported.user_id
        AND ({_qualified("application", UPDATED_ON_REIMPORT)})
            IS DISTINCT FROM ({imported})
        """,  # noqa: S608 - names from the model and constants, values as parameters
            [now, now],
        )
    cursor.execute(
        f"""
        INSERT INTO {table} (user_id, {columns}, status, completed_steps,
            brands, headset, wired_internet, quiet_room, operating_system, writing_sample,
            created, updated, scored_at, submitted_at, status_changed_at)
        SELECT user_id, {columns}, %s, %s, '[]', false, false, false, '', '',
            %s, %s, %s, %s, %s
        FROM import_application
        ON CONFLICT (user_id) DO NOTHING
        """,  # noqa: S608 - names from the model and constants, values as parameters
        [Status.SUBMITTED, json.dumps(IMPORTED_STEPS), now, now, now, now, now],
    )


def _pg_copy_children(
    cursor: CursorWrapper, child: ChildTable, rows: Sequence[ApplicantRow], ids: list[int]
) -> None:
    temp_table(
        cursor,
        child.source,
        f"application_id bigint, {child.key} {child.key_type}, {child.value} integer",
    )
    copy_rows(
        cursor,
        child.source,
        ["application_id", child.key, child.value],
        (
            (application_id, key, value)
            for row, application_id in zip(rows, ids, strict=True)
            for key, value in getattr(row, child.items).items()
        ),
    )


def _pg_update_children(cursor: CursorWrapper, child: ChildTable, ids: list[int]) -> None:
    """Delete the rows of the batch's applications that the file no longer has and update the
    ones whose value changed; the rows that stay the same are only read."""
    table, source, key, value = child.model._meta.db_table, child.source, child.key, child.value
    cursor.execute(f"ANALYZE {source}")
    cursor.execute(
        f"""
        DELETE FROM {table} AS child
        WHERE child.application_id = ANY(%s)
        AND NOT EXISTS (
            SELECT 1 FROM {source} AS new
            WHERE new.application_id = child.application_id AND new.{key} = child.{key}
        )
        """,  # noqa: S608 - names from the model and constants, values as parameters
        [ids],
    )
    cursor.execute(
        f"""
        UPDATE {table} AS child SET {value} = new.{value}
        FROM {source} AS new
        WHERE child.application_id = new.application_id AND child.{key} = new.{key}
        AND child.{value} <> new.{value}
        """  # noqa: S608 - names from the model and constants
    )


def _pg_insert_children(cursor: CursorWrapper, child: ChildTable) -> None:
    table, source, key, value = child.model._meta.db_table, child.source, child.key, child.value
    cursor.execute(
        f"""
        INSERT INTO {table} (application_id, {key}, {value})
        SELECT application_id, {key}, {value} FROM {source}
        ON CONFLICT (application_id, {key}) DO NOTHING
        """  # noqa: S608 - names from the model and constants
    )


def _qualified(table: str, names: list[str]) -> str:
    return ", ".join(f"{table}.{name}" for name in names)


def _copy_value(value: object) -> object:
    """A value as COPY reads it: NULL marker for None, JSON for a list."""
    return json.dumps(value) if isinstance(value, list) else copy_value(value)


# --- any other database (the embedded SQLite setup) -------------------------------------------


def _store_orm(
    rows: Sequence[ApplicantRow], owners: list[int], applications: Sequence[dict]
) -> None:
    now = timezone.now()
    saved = Application.objects.bulk_create(
        [
            Application(
                user_id=user_id,
                status=Status.SUBMITTED,
                completed_steps=IMPORTED_STEPS,
                scored_at=now,
                submitted_at=now,
                status_changed_at=now,
                **values,
            )
            for user_id, values in zip(owners, applications, strict=True)
        ],
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=[*UPDATED_ON_REIMPORT, "scored_at", "updated"],
    )
    ids = [application.pk for application in saved]
    for child in CHILD_TABLES:
        child.model._default_manager.filter(application_id__in=ids).delete()
        child.model._default_manager.bulk_create(
            child.model(application_id=app_id, **{child.key: key, child.value: value})
            for row, app_id in zip(rows, ids, strict=True)
            for key, value in getattr(row, child.items).items()
        )
