"""The week's earnings statement: arithmetic (partial attendance, bonuses, rounding), CSV, pages."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from scheduling.attendance.earnings import earnings_week, earnings_week_all
from scheduling.models import Booking
from tests.factories import AgentFactory, ProgramFactory
from tests.queries import assert_flat_queries
from tests.scheduling.attendance_world import MINUTE, block
from tests.scheduling.clock import HOUR, NOW

pytestmark = pytest.mark.django_db

WEEK = date(2026, 11, 30)  # the Monday of NOW's week
MONDAY_9 = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)  # 09:00 in New York
Attendance = Booking.Attendance


def worked(booking: Booking, *, late: int = 0, early: int = 0) -> Booking:
    """Checked in `late` minutes after the start, out `early` minutes before the end."""
    Booking.objects.filter(pk=booking.pk).update(
        attendance=Attendance.ATTENDED,
        checked_in_at=booking.starts_at + late * MINUTE,
        checked_out_at=booking.ends_at - early * MINUTE,
    )
    return booking


@pytest.fixture
def week_of_blocks() -> object:
    """A New York agent's week: one full block with a bonus, one partial, a no-show, a lapsed
    release, an upcoming block; plus blocks outside the statement."""
    agent = AgentFactory(timezone="America/New_York", full_name="Nia York")
    program = ProgramFactory(name="Acme Voice")
    mine = {"program": program}
    worked(block(agent, start=MONDAY_9, bonus_amount=Decimal("8.00"), **mine))
    worked(
        block(agent, start=MONDAY_9 + 6 * HOUR, hours=2, bonus_amount=Decimal("6.00"), **mine),
        late=10,
        early=30,
    )
    block(agent, start=MONDAY_9 + 20 * HOUR, hours=2, attendance=Attendance.NO_SHOW, **mine)
    block(agent, start=MONDAY_9 + 24 * HOUR, hours=2, cancelled_at=NOW, cancellation="late", **mine)
    block(agent, start=MONDAY_9 + 96 * HOUR, **mine)  # Friday, upcoming
    block(agent, start=MONDAY_9 + 30 * HOUR, cancelled_at=NOW, cancellation="in_time", **mine)
    worked(block(agent, start=MONDAY_9 - 15 * HOUR, hours=2, **mine))  # Sunday 23:00 local
    return agent


def test_statement_pays_attended_minutes_and_bonus_in_proportion(week_of_blocks):
    statement = earnings_week(agent=week_of_blocks, week=WEEK, now=NOW)
    lines = [
        (line.status, line.booked_hours, line.attended_hours, line.base, line.bonus)
        for line in statement.lines
    ]
    assert lines == [
        ("Attended", Decimal("4.00"), Decimal("4.00"), Decimal("80.00"), Decimal("8.00")),
        # 80 of 120 minutes: $20 × 80/60 = 26.666… → 26.67; bonus 6 × 80/120 = 4.00
        ("Partly", Decimal("2.00"), Decimal("1.33"), Decimal("26.67"), Decimal("4.00")),
        ("No-show", Decimal("2.00"), Decimal("0.00"), Decimal("0.00"), Decimal("0.00")),
        (
            "Released late, lapsed",
            Decimal("0.00"),
            Decimal("0.00"),
            Decimal("0.00"),
            Decimal("0.00"),
        ),
        ("Upcoming", Decimal("4.00"), Decimal("0.00"), Decimal("0.00"), Decimal("0.00")),
    ]
    assert (statement.base, statement.bonus, statement.total) == (
        Decimal("106.67"),
        Decimal("12.00"),
        Decimal("118.67"),
    )
    assert statement.booked_hours == Decimal("12.00")
    assert statement.days[0] == (WEEK, Decimal("6.00"), Decimal("5.33"))


def test_rounding_is_half_up_to_the_cent():
    booking = worked(block(start=MONDAY_9, hours=1, pay_rate=Decimal("17.50")), early=10)
    statement = earnings_week(agent=booking.agent, week=WEEK, now=NOW)
    assert statement.lines[0].base == Decimal("14.58")  # 17.50 × 50/60 = 14.583…


def test_a_checkin_before_the_start_pays_from_the_start():
    booking = block(start=MONDAY_9, hours=1)
    worked(booking, late=-15)
    assert earnings_week(agent=booking.agent, week=WEEK, now=NOW).total == Decimal("20.00")


def test_one_query_per_statement_and_one_for_everyones_week(week_of_blocks):
    wednesday_9 = MONDAY_9 + 48 * HOUR

    def worked_blocks(count):
        """`count` more hours worked on Wednesday, and `count` other agents who worked Monday."""
        for n in range(count):
            worked(block(week_of_blocks, start=wednesday_9 + n * HOUR, hours=1))
            worked(block(start=MONDAY_9))
        return count

    def one_statement(count):
        assert len(earnings_week(agent=week_of_blocks, week=WEEK, now=NOW).lines) == 5 + count

    def everyones(count):
        assert len(earnings_week_all(week=WEEK, now=NOW)) == 1 + count

    assert assert_flat_queries(worked_blocks, one_statement) == 1
    assert assert_flat_queries(worked_blocks, everyones) == 1


def csv_rows(response: object) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


class TestPages:
    def test_statement_page(self, week_of_blocks, client_as):
        response = client_as(week_of_blocks).get("/agent/earnings/?week=2026-12-02")
        assert response.status_code == 200
        assert "$118.67" in response.content.decode()
        assert response.context["statement"].week == WEEK

    def test_a_bad_week_shows_this_week_and_says_why(self, week_of_blocks, client_as):
        response = client_as(week_of_blocks).get("/agent/earnings/?week=soon", follow=True)
        assert response.status_code == 200
        assert "week must be a date like 2026-03-02." in response.content.decode()

    def test_agent_csv(self, week_of_blocks, client_as):
        response = client_as(week_of_blocks).get("/agent/earnings.csv?week=2026-11-30")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = csv_rows(response)
        assert [row["total"] for row in rows] == ["88.00", "30.67", "0.00", "0.00", "0.00"]
        assert rows[0]["starts_at"] == "2026-11-30T09:00:00-05:00"
        assert {row["agent_email"] for row in rows} == {week_of_blocks.email}

    def test_agent_csv_with_a_bad_week_is_a_400_naming_it(self, week_of_blocks, client_as):
        response = client_as(week_of_blocks).get("/agent/earnings.csv?week=2026-13-01")
        assert response.status_code == 400
        assert "week must be a date" in response.content.decode()

    def test_staff_csv_has_every_agent(self, week_of_blocks, staff, client_as):
        other = worked(block(start=MONDAY_9))
        response = client_as(staff).get("/staff/earnings.csv?week=2026-11-30")
        assert response.status_code == 200
        emails = {row["agent_email"] for row in csv_rows(response)}
        assert emails == {week_of_blocks.email, other.agent.email}

    @pytest.mark.parametrize("who", ["agent", "client_user"])
    def test_staff_csv_is_refused_to_everyone_else(self, who, request, client_as):
        response = client_as(request.getfixturevalue(who)).get("/staff/earnings.csv")
        assert response.status_code == 403

    def test_staff_csv_asks_strangers_to_sign_in(self, client_as):
        assert client_as(None).get("/staff/earnings.csv").status_code == 302

    def test_clients_cannot_see_an_earnings_page(self, client_user, client_as):
        assert client_as(client_user).get("/agent/earnings/").status_code == 403


class TestApi:
    def test_earnings(self, week_of_blocks, client_as):
        response = client_as(week_of_blocks).get("/api/v1/earnings/?week=2026-11-30")
        assert response.status_code == 200
        body = response.json()
        assert (body["week"], body["total"], body["bonus"]) == ("2026-11-30", "118.67", "12.00")
        assert body["lines"][1]["attended_hours"] == "1.33"

    def test_a_bad_week_is_a_400_naming_the_field(self, agent, client_as):
        response = client_as(agent).get("/api/v1/earnings/?week=next")
        assert response.status_code == 400
        assert response.json()["week"] == ["week must be a date like 2026-03-02."]
