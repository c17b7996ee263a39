"""`make bench`: measure the hot paths on PostgreSQL and Redis; prints one table per section.

`python -m tests.bench [section ...]` runs some sections only (default: all). Runs against a
throw-away database (test_<name>), never the real one; every section starts from an empty one.
"""

import importlib
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigcx.settings")
django.setup()

from django.conf import settings
from django.db import connection
from django.test.utils import override_settings

from gigcx.celery import app as celery_app
from tests.bench.common import print_table

SECTIONS = [
    "foundation",
    "sourcing",
    "staffing",
    "demand",
    "training",
    "schedule",
    "grid",
    "attendance",
    "booking_races",
    "booking_throughput",
    "performance",
]


def run_section(name: str) -> None:
    section = importlib.import_module(f"tests.bench.{name}")
    real_name = connection.settings_dict["NAME"]
    db_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ALLOWED_HOSTS=["testserver"],
        ):
            rows = section.run()
        broker = "Redis" if settings.REDIS_URL else "in-process"
        print_table(f"{section.TITLE} — {connection.vendor} ({db_name}), broker {broker}", rows)
        if hasattr(section, "report"):  # what a section has to say below its table
            section.report()
    finally:
        connection.creation.destroy_test_db(real_name, verbosity=0)  # and point back at it
        celery_app.control.purge()  # nobody consumes the benchmark's messages


def main(names: list[str]) -> None:
    for name in names or SECTIONS:
        run_section(name)


if __name__ == "__main__":
    main(sys.argv[1:])
