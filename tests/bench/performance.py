"""Performance (issue 15): the metric import, 1,000,000 rows, and its re-import; the nightly
attendance refresh is measured by the tiers' section when it comes."""

import csv
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from accounts.models import User
from clients.models import Membership, Organisation, Program
from performance.importing.rows import COLUMNS
from performance.importing.services import Mode, metrics_import
from tests.bench.common import Row, timed

TITLE = "Performance: metric import (issue 15)"
AGENTS = 10_000
PROGRAMS = 5
DAYS = 20  # AGENTS × PROGRAMS × DAYS = 1,000,000 rows
FIRST_DAY = date(2026, 9, 1)


def make_world() -> tuple[User, list[str], list[int]]:
    organisation = Organisation.objects.create(name="Bench Brand")
    programs = [
        Program.objects.create(organisation=organisation, name=f"Bench {n}")
        for n in range(PROGRAMS)
    ]
    User.objects.bulk_create(
        User(email=f"agent{n}@bench.example", role=User.Role.AGENT) for n in range(AGENTS)
    )
    planner = User.objects.create(email="planner@bench.example", role=User.Role.CLIENT)
    Membership.objects.create(organisation=organisation, user=planner, role=Membership.Role.PLANNER)
    return planner, [f"agent{n}@bench.example" for n in range(AGENTS)], [p.pk for p in programs]


def write_csv(path: Path, emails: list[str], program_ids: list[int], seed: int = 15) -> int:
    rng = random.Random(seed)  # noqa: S311 - made-up numbers, not secrets
    count = 0
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for offset in range(DAYS):
            day = FIRST_DAY + timedelta(days=offset)
            for program_id in program_ids:
                for email in emails:
                    writer.writerow(
                        [
                            email,
                            program_id,
                            day,
                            rng.randint(5, 80),
                            rng.randint(120, 900),
                            f"{rng.uniform(60, 100):.1f}",
                            f"{rng.uniform(50, 100):.1f}",
                            "" if rng.random() < 0.5 else f"{rng.uniform(70, 100):.2f}",
                        ]
                    )
                    count += 1
    return count


def bench_import(path: Path, planner: User, count: int, label: str) -> Row:
    def work() -> None:
        with path.open("rb") as file:
            report = metrics_import(file=file, by=planner, mode=Mode.ALL_OR_NOTHING)
        print(
            f"  {label}: created {report.created}, updated {report.updated}, "
            f"unchanged {report.unchanged}, errors {len(report.errors)}"
        )

    return timed(label, count, work)


def run() -> list[Row]:
    planner, emails, program_ids = make_world()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "metrics.csv"
        count = write_csv(path, emails, program_ids)
        return [
            bench_import(path, planner, count, f"import {count:,} metric rows (all new)"),
            bench_import(path, planner, count, "re-import the same file (every row unchanged)"),
        ]
