import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from gigcx.errors import ImportFileError
from performance.background import metrics_import_run, metrics_import_start
from performance.importing.rows import COLUMNS
from performance.importing.services import (
    Mode,
    metrics_import,
    metrics_import_rows,
)
from performance.models import DailyMetric
from tests.factories import AgentFactory, ProgramFactory
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db

HEADER = ",".join(COLUMNS)
DAY = date(2026, 11, 30)


@pytest.fixture
def acme(organisation: object) -> object:
    return ProgramFactory(organisation=organisation, name="Acme Chat")


@pytest.fixture
def globex(other_organisation: object) -> object:
    return ProgramFactory(organisation=other_organisation, name="Globex Voice")


def run(by: object, *lines: str, mode: Mode = Mode.ALL_OR_NOTHING) -> object:
    return metrics_import(file=io.BytesIO("\n".join(lines).encode()), by=by, mode=mode)


def test_good_rows_are_created_and_empty_cells_stay_empty(planner, acme, ada):
    report = run(planner, HEADER, f"{ada.email},{acme.pk},{DAY},42,310,91.5,78,88.25")
    assert report.as_dict() == {"created": 1, "updated": 0, "unchanged": 0, "errors": []}
    metric = DailyMetric.objects.get()
    assert (metric.agent, metric.program, metric.day) == (ada, acme, DAY)
    assert (metric.contacts_handled, metric.aht_seconds) == (42, 310)
    assert (metric.csat_percent, metric.fcr_percent, metric.qa_score) == (
        Decimal("91.50"),
        Decimal("78.00"),
        Decimal("88.25"),
    )


def test_reimport_updates_the_same_row_keeps_values_not_given_and_derived_numbers(staff, acme, ada):
    run(staff, HEADER, f"{ada.email},{acme.pk},{DAY},42,310,91.5,,")
    DailyMetric.objects.update(booked_minutes=240, worked_minutes=230, no_shows=1)
    report = run(staff, HEADER, f"{ada.email.upper()},{acme.pk},{DAY},50,,,80,")
    assert (report.created, report.updated, report.errors) == (0, 1, [])
    metric = DailyMetric.objects.get()
    assert (metric.contacts_handled, metric.aht_seconds, metric.csat_percent) == (
        50,
        310,
        Decimal("91.50"),
    )
    assert metric.fcr_percent == Decimal("80.00")
    assert (metric.booked_minutes, metric.worked_minutes, metric.no_shows) == (240, 230, 1)
    again = run(staff, HEADER, f"{ada.email},{acme.pk},{DAY},50,,,80,")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def bad_file(ada, acme, globex, client_user) -> list[str]:
    tomorrow = timezone.now().date() + timedelta(days=2)
    return [
        HEADER,
        f"{ada.email},{acme.pk},{DAY},1,100,90,90,90",  # 2: good
        f"nobody@example.com,{acme.pk},{DAY},1,100,90,90,90",
        f"{ada.email},999999,{DAY},1,100,90,90,90",
        f"{ada.email},{globex.pk},{DAY},1,100,90,90,90",
        f"{client_user.email},{acme.pk},{DAY},1,100,90,90,90",
        f"{ada.email},{acme.pk},30/11/2026,1,100,90,90,90",
        f"{ada.email},{acme.pk},{tomorrow},1,100,90,90,90",
        f"{ada.email},{acme.pk},{DAY - timedelta(days=1)},-1,100,90,90,90",
        f"{ada.email},{acme.pk},{DAY - timedelta(days=2)},1,0,90,90,90",
        f"{ada.email},{acme.pk},{DAY - timedelta(days=3)},1,100,100.5,90,90",
        f"{ada.email},{acme.pk},{DAY - timedelta(days=4)},1,100,90,abc,90",
        f"{ada.email},{acme.pk},{DAY - timedelta(days=5)},1,100,90,90,90.123",
        f"{ada.email},{acme.pk},{DAY},2,100,90,90,90",
        f"{ada.email},{acme.pk},{DAY}",
    ]


EXPECTED_REASONS = {
    3: "nobody has the address",
    4: "there is no program 999999",
    5: "may not import metrics for program",
    6: "is not an agent",
    7: "is not a date",
    8: "is in the future",
    9: "contacts_handled: '-1'",
    10: "aht_seconds: '0'",
    11: "csat_percent: '100.5'",
    12: "fcr_percent: 'abc'",
    13: "more than two decimals",
    14: "is already on line 2",
    15: "expected 8 columns, found 3",
}


def test_all_or_nothing_reports_every_bad_line_and_writes_nothing(
    planner, acme, globex, ada, client_user
):
    report = run(planner, *bad_file(ada, acme, globex, client_user))
    assert [error["line"] for error in report.errors] == list(EXPECTED_REASONS)
    for error in report.errors:
        assert EXPECTED_REASONS[error["line"]] in error["reason"], error
    assert report.written == 0
    assert not DailyMetric.objects.exists()


def test_keep_good_writes_the_good_rows_and_reports_the_bad(
    planner, acme, globex, ada, client_user
):
    report = run(planner, *bad_file(ada, acme, globex, client_user), mode=Mode.KEEP_GOOD)
    assert [error["line"] for error in report.errors] == list(EXPECTED_REASONS)
    assert report.created == 1
    assert DailyMetric.objects.get().contacts_handled == 1


def test_staff_may_write_any_organisations_program(staff, globex, ada):
    report = run(staff, HEADER, f"{ada.email},{globex.pk},{DAY},1,,,,")
    assert (report.created, report.errors) == (1, [])


def test_a_viewer_may_write_nothing(viewer, acme, ada):
    report = run(viewer, HEADER, f"{ada.email},{acme.pk},{DAY},1,,,,")
    assert report.errors == [
        {"line": 2, "reason": f"program_id: you may not import metrics for program {acme.pk}"}
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"email,program,day\n", "The columns must be exactly"),
        (HEADER.encode() + b"\nada@example.com\x00,1,2026-11-30,,,,,\n", "NUL bytes"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (HEADER.encode() + b'\n"a"b,1,2026-11-30,,,,,\n', "not a valid CSV file"),
    ],
)
def test_a_file_that_is_not_ours_is_refused_whole(staff, content, message):
    with pytest.raises(ImportFileError, match=message):
        metrics_import(file=io.BytesIO(content), by=staff)
    assert not DailyMetric.objects.exists()


def test_json_rows_name_their_position_as_the_line(planner, acme, ada):
    report = metrics_import_rows(
        rows=[
            {"agent_email": ada.email, "program_id": acme.pk, "day": str(DAY), "qa_score": 90},
            {"agent_email": ada.email, "program_id": acme.pk, "day": "yesterday"},
        ],
        by=planner,
        mode=Mode.KEEP_GOOD,
    )
    assert report.created == 1
    assert [error["line"] for error in report.errors] == [2]


def test_the_import_sends_the_same_queries_for_one_row_and_for_many(staff, acme):
    def build(size: int) -> list[str]:
        agents = AgentFactory.create_batch(size)
        return [HEADER, *(f"{agent.email},{acme.pk},{DAY},5,200,90,90,90" for agent in agents)]

    def measure(lines: list[str]) -> None:
        assert run(staff, *lines).created == len(lines) - 1

    assert assert_flat_queries(build, measure, sizes=(1, 20)) == 11


def test_the_command_imports_a_file_and_names_bad_lines(tmp_path, staff, acme, ada):
    path = tmp_path / "metrics.csv"
    path.write_text(f"{HEADER}\n{ada.email},{acme.pk},{DAY},3,,,,\n{ada.email},{acme.pk},x,,,,,\n")
    with pytest.raises(CommandError, match="line 3"):
        call_command("import_metrics", str(path), "--as", staff.email)
    assert not DailyMetric.objects.exists()
    out = io.StringIO()
    call_command(
        "import_metrics", str(path), "--as", staff.email, "--mode", "keep_good", stdout=out
    )
    assert "1 created" in out.getvalue()
    assert "line 3" in out.getvalue()


def test_a_large_import_runs_as_a_job_that_reports_its_result(staff, acme, ada):
    upload = SimpleUploadedFile(
        "metrics.csv",
        f"{HEADER}\n{ada.email},{acme.pk},{DAY},3,,,,\n{ada.email},{acme.pk},x,,,,,\n".encode(),
    )
    job = metrics_import_start(owner=staff, upload=upload, mode=Mode.KEEP_GOOD)
    assert (job.task, job.task_args[0], job.task_args[2], job.status) == (
        "performance.tasks.metrics_import_task",
        job.pk,
        "keep_good",
        "queued",
    )
    metrics_import_run(job_id=job.pk, path=job.task_args[1], mode="keep_good")
    job.refresh_from_db()
    assert (job.status, job.progress, job.result["created"], job.result["error_count"]) == (
        "succeeded",
        100,
        1,
        1,
    )
    assert job.result["errors"][0]["line"] == 3
    assert DailyMetric.objects.get().contacts_handled == 3
    metrics_import_run(job_id=job.pk, path=job.task_args[1], mode="keep_good")  # delivered twice
    assert DailyMetric.objects.count() == 1


@pytest.mark.parametrize(
    "values",
    [{"qa_score": 101}, {"csat_percent": -1}, {"fcr_percent": 100.01}, {"aht_seconds": 0}],
)
def test_the_database_refuses_numbers_out_of_range(acme, ada, values):
    metric = DailyMetric.objects.create(agent=ada, program=acme, day=DAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        DailyMetric.objects.filter(pk=metric.pk).update(**values)


def test_rows_are_written_in_batches_reporting_progress_after_each(monkeypatch, staff, acme):
    monkeypatch.setattr("performance.importing.services.BATCH_SIZE", 2)
    agents = AgentFactory.create_batch(3)
    progress: list[tuple[int, int]] = []
    report = metrics_import(
        file=io.BytesIO(
            "\n".join([HEADER, *(f"{a.email},{acme.pk},{DAY},1,,,," for a in agents)]).encode()
        ),
        by=staff,
        on_progress=lambda done, total: progress.append((done, total)),
    )
    assert (report.created, progress) == (3, [(2, 3), (3, 3)])
