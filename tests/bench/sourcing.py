"""Sourcing hot paths: importing 200,000 applicants, re-importing them, the pages staff use."""

import csv
import random
import tempfile
from pathlib import Path

from django.db import connection

from accounts.models import User
from agents.importing.rows import COLUMNS
from agents.importing.services import applicants_import
from agents.models import Application, ScoringRule, Skill
from agents.states import STATES
from tests.bench.common import Row, bench_page, timed

TITLE = "Sourcing"
APPLICANTS = 200_000
BAD_SHARE = 0.02

# Roughly where people live: the big states get the most applicants.
STATE_WEIGHTS = {"CA": 12, "TX": 9, "FL": 7, "NY": 6, "PA": 4, "IL": 4, "OH": 4, "GA": 3, "NC": 3}
FIRST = ["Ava", "Liam", "Sofia", "Noah", "Maya", "Ethan", "Zoe", "Lucas", "Aria", "Mateo"]
LAST = ["Johnson", "Nguyen", "Garcia", "Smith", "Patel", "Brown", "Kim", "Lopez", "Davis", "Lee"]
BAD_CELLS = [("zip", "ABCDE"), ("state", "ZZ"), ("skills", "juggling:4"), ("email", "not-an-email")]


def write_csv(path: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)  # noqa: S311 - made-up people, not secrets
    states = list(STATES)
    weights = [STATE_WEIGHTS.get(state, 1) for state in states]
    skills = list(Skill.objects.values_list("slug", flat=True))
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for number in range(count):
            hours_min = rng.choice([10, 15, 20, 25])
            row = {
                "email": f"applicant{number}@bench.example",
                "first_name": rng.choice(FIRST),
                "last_name": rng.choice(LAST),
                "phone": f"+1 555 {number % 10_000_000:07d}",
                "state": rng.choices(states, weights)[0],
                "zip": f"{rng.randrange(10_000, 99_999):05d}",
                "languages": "en:4" + (";es:3" if rng.random() < 0.3 else ""),
                "channels": ";".join(rng.sample(["voice", "chat", "email"], rng.randint(1, 3))),
                "skills": ";".join(
                    f"{slug}:{rng.randint(1, 12)}" for slug in rng.sample(skills, rng.randint(1, 3))
                ),
                "hours_min": hours_min,
                "hours_max": hours_min + rng.choice([5, 10, 15]),
                "typing_wpm": rng.randint(25, 95),
                "typing_accuracy": round(rng.uniform(85, 100), 1),
            }
            if rng.random() < BAD_SHARE:
                column, value = rng.choice(BAD_CELLS)
                row[column] = value
            writer.writerow([row[column] for column in COLUMNS])


def seed_rules() -> None:
    ScoringRule.objects.create(name="Experience, any skill", kind="skill", points=2, cap=30)
    ScoringRule.objects.create(
        name="Spanish, fluent", kind="language", language="es", threshold=3, points=10
    )
    ScoringRule.objects.create(name="Chat", kind="channel", channel="chat", points=5)
    ScoringRule.objects.create(name="Fast typist", kind="typing_wpm", threshold=50, points=10)
    ScoringRule.objects.create(name="Full week", kind="hours", threshold=30, points=5)


def bench_import(path: Path, label: str) -> Row:
    def work() -> None:
        with path.open("rb") as file:
            report = applicants_import(file=file)
        print(
            f"  {label}: created {report.created}, updated {report.updated}, "
            f"errors {len(report.errors)}"
        )

    return timed(label, APPLICANTS, work)


def run() -> list[Row]:
    seed_rules()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "applicants.csv"
        rows = [
            timed(
                "generate the CSV (not part of the import)",
                APPLICANTS,
                lambda: write_csv(path, APPLICANTS),
            )
        ]
        rows.append(bench_import(path, f"import {APPLICANTS:,} applicants and score them"))
        rows.append(bench_import(path, "re-import the same file (every row an update)"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    staff = User.objects.create_superuser("bench-staff@bench.example", "x", full_name="Bench Staff")
    count = Application.objects.count()
    rows.append(
        bench_page(staff, "/admin/agents/application/", f"admin applicant list ({count:,})")
    )
    rows.append(
        bench_page(
            staff,
            "/admin/agents/application/?status__exact=submitted&score_range=30-",
            "admin list filtered by status and score",
        )
    )
    rows.append(bench_page(staff, "/staff/sourcing/", f"staff sourcing dashboard ({count:,})", 5))
    return rows
