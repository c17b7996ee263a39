"""Writing a batch of imported applicants: COPY + INSERT … ON CONFLICT on PostgreSQL, the ORM's
upserting bulk_create elsewhere (the embedded SQLite setup). Both run in the caller's transaction.

On PostgreSQL the ORM's per-field preparation of ~1 million objects costs more than the database
work itself, so rows go in as CSV through COPY into temporary tables and are upserted from there.
"""

import csv
import io
import json
import secrets
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection
from django.utils import timezone

from accounts.models import User
from agents.models import (
    PROFILE_FIELDS,
    Application,
    ApplicationLanguage,
    ApplicationSkill,
    Status,
)
from agents.states import time_zone_for

if TYPE_CHECKING:
    from agents.importing import ApplicantRow

IMPORTED_STEPS = ["contact", "location", "languages", "work", "experience"]
UPDATED_ON_REIMPORT = [
    *PROFILE_FIELDS,
    "typing_wpm",
    "typing_accuracy",
    "score",
    "score_explanation",
]
NULL = r"\N"


def store_batch(rows: Sequence["ApplicantRow"], applications: Sequence[dict]) -> None:
    """Upsert users and applications (keyed on e-mail) and replace their skills and languages."""
    if not rows:
        return
    store = _store_postgresql if connection.vendor == "postgresql" else _store_orm
    store(rows, applications)


def _unusable_password() -> str:
    """What set_unusable_password() stores, without its slower random string."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


# --- PostgreSQL -------------------------------------------------------------------------------


def _store_postgresql(rows: Sequence["ApplicantRow"], applications: Sequence[dict]) -> None:
    now = timezone.now()
    with connection.cursor() as cursor:
        # A crash may lose the last batches' commit; re-importing the file restores them.
        cursor.execute("SET LOCAL synchronous_commit = off")
        user_ids = _pg_upsert_users(cursor, rows, now)
        application_ids = _pg_upsert_applications(
            cursor, [user_ids[row.email] for row in rows], applications, now
        )
        ids = [application_ids[user_ids[row.email]] for row in rows]
        for model in (ApplicationSkill, ApplicationLanguage):
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE application_id = ANY(%s)",  # noqa: S608
                [ids],
            )
        _copy(
            cursor,
            ApplicationSkill._meta.db_table,
            ["application_id", "skill_id", "years"],
            (
                (app_id, skill_id, years)
                for row, app_id in zip(rows, ids, strict=True)
                for skill_id, years in row.skills.items()
            ),
        )
        _copy(
            cursor,
            ApplicationLanguage._meta.db_table,
            ["application_id", "language", "level"],
            (
                (app_id, code, level)
                for row, app_id in zip(rows, ids, strict=True)
                for code, level in row.languages.items()
            ),
        )


def _pg_upsert_users(cursor: object, rows: Sequence["ApplicantRow"], now: object) -> dict:
    cursor.execute("DROP TABLE IF EXISTS import_user")
    cursor.execute(
        "CREATE TEMP TABLE import_user (email text, full_name text, timezone text, password text)"
        " ON COMMIT DROP"
    )
    _copy(
        cursor,
        "import_user",
        ["email", "full_name", "timezone", "password"],
        (
            (row.email, row.full_name, time_zone_for(row.state, row.zip_code), _unusable_password())
            for row in rows
        ),
    )
    cursor.execute(
        f"""
        INSERT INTO {User._meta.db_table} (email, full_name, timezone, password, role,
            is_active, is_staff, is_superuser, date_joined)
        SELECT email, full_name, timezone, password, %s, true, false, false, %s FROM import_user
        ON CONFLICT (email) DO UPDATE
            SET full_name = EXCLUDED.full_name, timezone = EXCLUDED.timezone
        RETURNING email, id
        """,  # noqa: S608 - table name from the model, values as parameters
        [User.Role.AGENT, now],
    )
    return dict(cursor.fetchall())


def _pg_upsert_applications(
    cursor: object, user_ids: list[int], applications: Sequence[dict], now: object
) -> dict:
    cursor.execute("DROP TABLE IF EXISTS import_application")
    cursor.execute(
        """CREATE TEMP TABLE import_application (user_id bigint, phone text, state text,
            zip_code text, channels jsonb, hours_min integer, hours_max integer,
            typing_wpm integer, typing_accuracy numeric, score integer, score_explanation jsonb)
            ON COMMIT DROP"""
    )
    _copy(
        cursor,
        "import_application",
        ["user_id", *UPDATED_ON_REIMPORT],
        (
            (user_id, *(_json_if_list(values[name]) for name in UPDATED_ON_REIMPORT))
            for user_id, values in zip(user_ids, applications, strict=True)
        ),
    )
    updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in UPDATED_ON_REIMPORT)
    columns = ", ".join(UPDATED_ON_REIMPORT)
    cursor.execute(
        f"""
        INSERT INTO {Application._meta.db_table} (user_id, {columns}, status, completed_steps,
            brands, headset, wired_internet, quiet_room, operating_system, writing_sample,
            created, updated, scored_at, submitted_at, status_changed_at)
        SELECT user_id, {columns}, %s, %s, '[]', false, false, false, '', '',
            %s, %s, %s, %s, %s
        FROM import_application
        ON CONFLICT (user_id) DO UPDATE SET {updates}, updated = EXCLUDED.updated,
            scored_at = EXCLUDED.scored_at
        RETURNING user_id, id
        """,  # noqa: S608 - names from the model and constants, values as parameters
        [Status.SUBMITTED, json.dumps(IMPORTED_STEPS), now, now, now, now, now],
    )
    return dict(cursor.fetchall())


def _json_if_list(value: object) -> object:
    return json.dumps(value) if isinstance(value, list) else value


def _copy(cursor: object, table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(tuple(NULL if value is None else value for value in row) for row in rows)
    buffer.seek(0)
    cursor.copy_expert(
        f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '{NULL}')", buffer
    )


# --- any other database (the embedded SQLite setup) -------------------------------------------


def _store_orm(rows: Sequence["ApplicantRow"], applications: Sequence[dict]) -> None:
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(
                email=row.email,
                full_name=row.full_name,
                role=User.Role.AGENT,
                timezone=time_zone_for(row.state, row.zip_code),
                password=_unusable_password(),
                date_joined=now,
            )
            for row in rows
        ],
        update_conflicts=True,
        unique_fields=["email"],
        update_fields=["full_name", "timezone"],
    )
    saved = Application.objects.bulk_create(
        [
            Application(
                user_id=user.pk,
                status=Status.SUBMITTED,
                completed_steps=IMPORTED_STEPS,
                scored_at=now,
                submitted_at=now,
                status_changed_at=now,
                **values,
            )
            for user, values in zip(users, applications, strict=True)
        ],
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=[*UPDATED_ON_REIMPORT, "scored_at", "updated"],
    )
    ids = [application.pk for application in saved]
    ApplicationSkill.objects.filter(application_id__in=ids).delete()
    ApplicationLanguage.objects.filter(application_id__in=ids).delete()
    ApplicationSkill.objects.bulk_create(
        ApplicationSkill(application_id=app_id, skill_id=skill_id, years=years)
        for row, app_id in zip(rows, ids, strict=True)
        for skill_id, years in row.skills.items()
    )
    ApplicationLanguage.objects.bulk_create(
        ApplicationLanguage(application_id=app_id, language=code, level=level)
        for row, app_id in zip(rows, ids, strict=True)
        for code, level in row.languages.items()
    )
