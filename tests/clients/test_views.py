"""Client pages: who sees which program, who may change demand, and bad uploads."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clients.models import Forecast, Membership, Program
from tests.factories import (
    ClientUserFactory,
    MembershipFactory,
    ProgramFactory,
)
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db
Role = Membership.Role
GOOD_CSV = b"interval_start,contacts\n2026-03-02T09:00,100\n2026-03-02T09:30,80\n"


def upload(browser, program: Program, data: bytes = GOOD_CSV):
    return browser.post(
        reverse("clients:forecast_upload", args=[program.pk]),
        {"file": SimpleUploadedFile("week.csv", data, content_type="text/csv"), "note": "wk 10"},
    )


PROGRAM_PAGES = [
    "clients:program",
    "clients:forecast_week",
    "scheduling:coverage",
    "scheduling:coverage_csv",
]


@pytest.mark.parametrize("name", PROGRAM_PAGES)
def test_another_organisations_member_gets_404(client_as, program, stranger, name):
    response = client_as(stranger).get(reverse(name, args=[program.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", PROGRAM_PAGES)
def test_a_viewer_and_staff_can_look(client_as, program, viewer, staff, name):
    for person in (viewer, staff):
        assert client_as(person).get(reverse(name, args=[program.pk])).status_code == 200


def test_agents_cannot_open_client_pages(client_as, program, ada):
    response = client_as(ada).get(reverse("clients:program", args=[program.pk]))
    assert response.status_code == 403


def test_the_dashboard_lists_only_my_organisations_programs(client_as, program, viewer):
    ProgramFactory(name="Someone else's line")
    response = client_as(viewer).get(reverse("clients:dashboard"))
    assert "Acme Voice" in response.text
    assert "Someone else" not in response.text


def test_staff_see_every_program(client_as, program, staff):
    ProgramFactory(name="Billing")
    response = client_as(staff).get(reverse("scheduling:programs"))
    assert "Acme Voice" in response.text
    assert "Billing" in response.text


def test_a_viewer_cannot_upload_or_edit(client_as, program, viewer):
    browser = client_as(viewer)
    assert upload(browser, program).status_code == 403
    grid = reverse("clients:forecast_week", args=[program.pk]) + "?week=2026-03-02"
    assert browser.post(grid, {"c_2026-03-02T09:00": "5"}).status_code == 403
    assert browser.get(reverse("clients:program_edit", args=[program.pk])).status_code == 403
    assert not Forecast.objects.exists()


def test_a_planner_uploads_a_forecast_and_sees_its_job(client_as, program, planner):
    response = upload(client_as(planner), program)
    forecast = Forecast.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("clients:forecast", args=[program.pk, 1])
    assert (forecast.interval_count, forecast.total_contacts, forecast.note) == (2, 180, "wk 10")
    assert forecast.job.kind == "requirements"


def test_a_bad_upload_lists_lines_and_saves_nothing(client_as, program, planner):
    data = (
        b"interval_start,contacts\n2026-03-02T09:00,100\n2026-03-02T09:10,5\n2026-03-02T23:00,1\n"
    )
    response = upload(client_as(planner), program, data)
    assert response.status_code == 400
    assert "Line 3: 2026-03-02T09:10 is not on the 30-minute grid" in response.text
    assert "Line 4: Monday 2026-03-02 23:00 is outside the program" in response.text
    assert not Forecast.objects.exists()


def test_the_week_grid_publishes_a_version_for_its_week(client_as, program, planner):
    browser = client_as(planner)
    url = reverse("clients:forecast_week", args=[program.pk]) + "?week=2026-03-04"
    page = browser.get(url)
    assert page.context["week"].isoformat() == "2026-03-02"
    assert 'name="c_2026-03-02T08:00"' in page.text
    assert 'name="c_2026-03-02T20:00"' not in page.text  # closed
    response = browser.post(url, {"c_2026-03-02T09:00": "12", "c_2026-03-03T10:30": "4.5"})
    forecast = Forecast.objects.get()
    assert response.status_code == 302
    assert (forecast.source, forecast.interval_count) == ("grid", 2)
    assert forecast.period_start == datetime(2026, 3, 2, 5, tzinfo=UTC)
    assert 'value="12"' in browser.get(url).text


def test_the_week_grid_refuses_negative_cells(client_as, program, planner):
    url = reverse("clients:forecast_week", args=[program.pk]) + "?week=2026-03-02"
    response = client_as(planner).post(url, {"c_2026-03-02T09:00": "-2"})
    assert response.status_code == 200
    assert "Some cells are not numbers" in response.text
    assert not Forecast.objects.exists()


def test_a_planner_creates_a_program_with_hours(client_as, organisation, planner):
    url = reverse("clients:program_new") + f"?organisation={organisation.pk}"
    form = {
        "name": "Chat support",
        "channel": "chat",
        "timezone": "America/Chicago",
        "service_level_percent": "90",
        "answer_seconds": "60",
        "aht_seconds": "600",
        "concurrency": "3",
        "max_occupancy_percent": "85",
        "shrinkage_percent": "25",
        "pay_rate": "18.50",
        "min_block_minutes": "60",
        "booking_horizon_days": "14",
        "cancel_cutoff_hours": "24",
        "open_0": "on",
        "opens_0": "09:00",
        "closes_0": "17:30",
        "open_5": "on",
        "opens_5": "00:00",
        "closes_5": "00:00",
        "languages": ["en", "es"],
        "language_level": "4",
    }
    response = client_as(planner).post(url, form)
    program = Program.objects.get(name="Chat support")
    assert response.status_code == 302
    assert [str(h) for h in program.hours.all()] == ["Monday 09:00–17:30", "Saturday 00:00–00:00"]
    assert [str(lang) for lang in program.languages.all()] == [
        "English (Native)",
        "Spanish (Native)",
    ]


def test_program_form_errors_are_shown_and_nothing_saved(client_as, organisation, owner):
    url = reverse("clients:program_new") + f"?organisation={organisation.pk}"
    response = client_as(owner).post(
        url,
        {
            "name": "Voice",
            "channel": "voice",
            "timezone": "Mars/Olympus",
            "min_block_minutes": "45",
            "concurrency": "2",
            "open_0": "on",
            "opens_0": "17:00",
            "closes_0": "09:00",
        },
    )
    assert response.status_code == 200
    assert "is not a known time zone" in response.text
    assert "Monday must close after it opens" in response.text
    assert not Program.objects.exists()


def test_a_viewer_cannot_start_a_program_in_an_organisation(client_as, organisation, viewer):
    url = reverse("clients:program_new") + f"?organisation={organisation.pk}"
    assert client_as(viewer).get(url).status_code == 404
    for nonsense in ("", "abc", "99999999999999999999"):
        url = reverse("clients:program_new") + f"?organisation={nonsense}"
        assert client_as(viewer).get(url).status_code == 404


def test_coverage_csv_has_one_row_per_interval(client_as, program, viewer):
    from tests.scheduling.test_requirements import NINE_NEW_YORK, publish

    publish(program, (NINE_NEW_YORK, "100"))
    response = client_as(viewer).get(
        reverse("scheduling:coverage_csv", args=[program.pk]) + "?week=2026-03-02"
    )
    lines = response.content.decode().splitlines()
    assert (
        lines[0] == "interval_start,contacts,required,to_schedule,booked,gap,expected_service_level"
    )
    assert "2026-03-02T09:00:00-05:00,100.0,14,20,0,20,0.0000" in lines
    assert len(lines) == 1 + 24


def test_the_dashboard_query_count_stays_flat(client_as, organisation, owner):
    browser = client_as(owner)

    def programs_and_members(count):
        ProgramFactory.create_batch(count, organisation=organisation)
        MembershipFactory.create_batch(count, organisation=organisation)
        return count

    def dashboard(count):
        assert browser.get(reverse("clients:dashboard")).status_code == 200

    assert assert_flat_queries(programs_and_members, dashboard) == 7


def test_the_coverage_page_query_count_stays_flat(client_as, program, viewer):
    from tests.factories import BookingFactory
    from tests.scheduling.test_requirements import NINE_NEW_YORK, publish

    publish(program, (NINE_NEW_YORK, "100"))
    browser = client_as(viewer)
    url = reverse("scheduling:coverage", args=[program.pk]) + "?week=2026-03-02"

    def bookings(count):
        BookingFactory.create_batch(
            count, program=program, starts_at=NINE_NEW_YORK, ends_at=NINE_NEW_YORK.replace(hour=18)
        )
        return count

    def coverage(count):
        assert browser.get(url).status_code == 200

    assert assert_flat_queries(bookings, coverage, sizes=(1, 30)) == 7


def test_an_owner_invites_from_the_members_page(client_as, organisation, owner):
    url = reverse("clients:members", args=[organisation.pk])
    response = client_as(owner).post(url, {"email": "new@example.com", "role": "planner"})
    assert response.status_code == 302
    assert "new@example.com" in client_as(owner).get(url).text


def test_a_planner_sees_members_but_cannot_invite_or_change_roles(
    client_as, organisation, owner, planner
):
    ownership = owner.memberships.get()
    browser = client_as(planner)
    url = reverse("clients:members", args=[organisation.pk])
    page = browser.get(url)
    assert "Invite a colleague" not in page.text
    assert browser.post(url, {"email": "x@example.com", "role": "owner"}).status_code == 403
    assert not organisation.invitations.exists()
    browser.post(reverse("clients:member_change", args=[ownership.pk]), {"role": "viewer"})
    ownership.refresh_from_db()
    assert ownership.role == Role.OWNER


def test_members_of_another_organisation_are_hidden(client_as, organisation, owner, stranger):
    ownership = owner.memberships.get()
    url = reverse("clients:members", args=[organisation.pk])
    assert client_as(stranger).get(url).status_code == 404
    change = reverse("clients:member_change", args=[ownership.pk])
    assert client_as(stranger).post(change, {"remove": "1"}).status_code == 404
    assert Membership.objects.filter(pk=ownership.pk).exists()


def test_the_invitation_page_asks_strangers_to_log_in_and_members_to_accept(
    client_as, organisation, owner
):
    from clients.services import invitation_create

    invitation = invitation_create(
        organisation=organisation, email="pat@example.com", role=Role.VIEWER, invited_by=owner
    )
    url = reverse("clients:invitation", args=[invitation.token])
    assert "Create a client account" in client_as(None).get(url).text
    pat = ClientUserFactory(email="pat@example.com")
    response = client_as(pat).post(url)
    assert response.status_code == 302
    assert Membership.objects.filter(user=pat, organisation=organisation).exists()
    assert client_as(None).get(reverse("clients:invitation", args=["nope"])).status_code == 404


def test_an_approved_client_creates_an_organisation_from_the_dashboard(client_as, client_user):
    response = client_as(client_user).post(reverse("clients:dashboard"), {"name": "Acme Audio"})
    assert response.status_code == 302
    assert Membership.objects.get(user=client_user).role == Role.OWNER


def test_a_client_awaiting_approval_cannot_create_an_organisation(client_as):
    waiting = ClientUserFactory(client_approved_at=None)
    client_as(waiting).post(reverse("clients:dashboard"), {"name": "Acme Audio"})
    assert not Membership.objects.filter(user=waiting).exists()


@pytest.mark.parametrize(
    ("channel", "percent", "seconds", "said"),
    [
        ("voice", 80, 20, "80 % in 20 s"),
        ("chat", "92.5", 120, "92.5 % in 2 min"),
        ("email", 95, 14400, "95 % within 4 h"),
    ],
)
def test_targets_read_the_way_people_say_them(channel, percent, seconds, said):
    program = Program(channel=channel, service_level_percent=percent, answer_seconds=seconds)
    assert program.target_display == said


def test_a_forecast_version_reads_as_times_by_days(client_as, program, planner, viewer):
    upload(client_as(planner), program)
    response = client_as(viewer).get(reverse("clients:forecast", args=[program.pk, 1]))
    assert response.context["table"].rows == [("09:00", ["100"]), ("09:30", ["80"])]
    assert "Mon Mar 2" in response.text
