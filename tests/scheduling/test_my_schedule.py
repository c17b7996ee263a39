"""My schedule: the agent's week by local day, pay, totals against the target, cancelling."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from scheduling.availability.schedule import my_week
from scheduling.booking.services import work_preference_for
from scheduling.models import Booking, SwapPost
from tests.factories import BookingFactory
from tests.queries import assert_flat_queries
from tests.scheduling.clock import HOUR, NOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_now")]

WEEK = date(2026, 11, 30)
LONG_AGO = NOW - timedelta(days=3)


def block(agent, program, start, hours=1.0, *, created=LONG_AGO, **fields):
    booking = BookingFactory(
        agent=agent,
        program=program,
        starts_at=start,
        ends_at=start + hours * HOUR,
        pay_rate=program.pay_rate,
        **fields,
    )
    Booking.objects.filter(pk=booking.pk).update(created=created)
    booking.refresh_from_db()
    return booking


@pytest.fixture
def week_of_blocks(ada, program):
    """One block of each kind in the week of Monday 30 November."""
    return {
        "past": block(ada, program, datetime(2026, 11, 30, 14, tzinfo=UTC), 4),
        "late": block(ada, program, datetime(2026, 12, 1, 20, tzinfo=UTC)),
        "free": block(
            ada,
            program,
            datetime(2026, 12, 2, 14, tzinfo=UTC),
            2,
            created=NOW - timedelta(minutes=2),
            bonus_amount=Decimal("6.00"),
        ),
        "pending": block(
            ada, program, datetime(2026, 12, 2, 10, tzinfo=UTC), release_requested_at=NOW
        ),
        "in_time": block(ada, program, datetime(2026, 12, 3, 14, tzinfo=UTC)),
        "cancelled": block(
            ada,
            program,
            datetime(2026, 12, 4, 14, tzinfo=UTC),
            cancelled_at=LONG_AGO,
            cancellation="in_time",
        ),
    }


def rows_by_booking(week):
    return {row.booking.pk: row for _, rows in week.days for row in rows}


def schedule_url(week=None):
    url = reverse("scheduling:my_schedule")
    return f"{url}?week={week}" if week else url


def cancel(browser, booking, *, htmx=True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    url = reverse("scheduling:schedule_cancel", args=[booking.pk])
    return browser.post(url, {"week": "2026-11-30"}, **headers)


class TestSelector:
    def test_blocks_fall_on_the_agents_local_days(self, ada, week_of_blocks):
        week = my_week(agent=ada, week=WEEK, now=NOW)
        days = {day: [row.booking.pk for row in rows] for day, rows in week.days}
        assert days[date(2026, 12, 1)] == [week_of_blocks["late"].pk]  # 15:00 in New York
        assert days[date(2026, 12, 2)] == [week_of_blocks["pending"].pk, week_of_blocks["free"].pk]
        assert len(week.days) == 7

    def test_status_and_what_cancelling_would_mean(self, ada, week_of_blocks):
        rows = rows_by_booking(my_week(agent=ada, week=WEEK, now=NOW))
        row = rows[week_of_blocks["free"].pk]
        assert (row.status, row.cancel.label) == ("Booked", "Undo booking")
        assert row.cancel.meaning == "Free undo: no consequence for 3 more minutes."
        row = rows[week_of_blocks["in_time"].pk]
        assert row.cancel.meaning.startswith("In time: more than 24 h before the start")
        row = rows[week_of_blocks["late"].pk]
        assert row.cancel.label == "Release block"
        assert "pending release" in row.cancel.meaning
        row = rows[week_of_blocks["pending"].pk]
        assert (row.status, row.cancel, row.can_post_swap) == ("Pending release", None, True)
        row = rows[week_of_blocks["past"].pk]
        assert (row.status, row.cancel, row.can_post_swap) == ("Ended", None, False)
        row = rows[week_of_blocks["cancelled"].pk]
        assert (row.status, row.cancel) == ("Cancelled before the cut-off", None)

    def test_totals_count_live_blocks_against_the_target(self, ada, week_of_blocks):
        week = my_week(agent=ada, week=WEEK, now=NOW)
        assert week.booked_hours == 9  # 4 + 1 + 2 + 1 + 1; the cancelled hour does not count
        assert week.pay_total == Decimal(9 * 18 + 6)
        assert week.target_status == "11 h short of your minimum"
        assert (week.booked_percent, week.min_percent) == (30.0, 66.67)

    def test_a_block_on_the_swap_board_offers_no_second_post(self, ada, week_of_blocks):
        SwapPost.objects.create(booking=week_of_blocks["in_time"])
        rows = rows_by_booking(my_week(agent=ada, week=WEEK, now=NOW))
        assert not rows[week_of_blocks["in_time"].pk].can_post_swap
        assert rows[week_of_blocks["free"].pk].can_post_swap

    def test_over_the_cap_the_bar_scales_to_the_hours(self, ada, program):
        preference = work_preference_for(ada)
        preference.hours_min, preference.hours_max = 1, 2
        preference.save()
        block(ada, program, datetime(2026, 12, 3, 14, tzinfo=UTC), 4)
        week = my_week(agent=ada, week=WEEK, now=NOW)
        assert (week.booked_percent, week.min_percent, week.target_status) == (
            100.0,
            25.0,
            "2 h over your weekly cap: no new bookings this week",
        )

    def test_an_agent_in_new_york_sees_local_times_across_the_dst_weekend(self, ada, program):
        # Clocks go back at 02:00 on Sunday 1 November 2026 (UTC-4 to UTC-5).
        saturday = block(ada, program, datetime(2026, 10, 31, 13, tzinfo=UTC))
        sunday = block(ada, program, datetime(2026, 11, 1, 14, tzinfo=UTC))
        week = my_week(agent=ada, week=date(2026, 10, 26), now=NOW)
        days = {day: [row.booking.pk for row in rows] for day, rows in week.days if rows}
        assert days == {date(2026, 10, 31): [saturday.pk], date(2026, 11, 1): [sunday.pk]}

    def test_the_same_queries_for_one_block_or_twenty(self, ada, program):
        work_preference_for(ada)

        def blocks(count):
            for n in range(count):
                block(ada, program, datetime(2026, 12, 4, 14, tzinfo=UTC) + n * HOUR)
            return count

        def week(count):
            assert my_week(agent=ada, week=WEEK, now=NOW).booked_hours == count

        assert assert_flat_queries(blocks, week, sizes=(1, 20)) == 2


class TestPage:
    def test_the_page_shows_the_week_in_local_time(self, client_as, ada, week_of_blocks):
        page = client_as(ada).get(schedule_url("2026-12-02")).content.decode()
        assert "Wednesday 2 December" in page
        assert "09:00–11:00" in page  # 14:00 UTC in New York
        assert "$42.00" in page and "incl. $6.00 bonus" in page
        assert "Free undo: no consequence for 3 more minutes." in page
        assert "9 h</strong> booked of your 20–30 h target" in page
        assert "Post for swap" in page
        assert "/ical/" in page

    def test_previous_and_next_weeks(self, client_as, ada, week_of_blocks):
        page = client_as(ada).get(schedule_url("2026-12-09")).content.decode()
        assert "?week=2026-12-14" in page and "?week=2026-11-30" in page
        assert "Nothing booked." in page
        assert "0 h</strong> booked" in page

    def test_a_bad_week_shows_this_week_with_a_message(self, client_as, ada):
        response = client_as(ada).get(schedule_url("next-tuesday"))
        assert response.status_code == 200
        assert "not a date like 2026-03-02" in response.content.decode()
        assert "Week of Mon Nov 30, 2026" in response.content.decode()

    def test_the_page_reads_the_same_queries_for_one_block_or_twenty(self, client_as, ada, program):
        browser = client_as(ada)
        browser.get(schedule_url())  # creates the work preference

        def blocks(count):
            for n in range(count):
                block(ada, program, datetime(2026, 12, 4, 14, tzinfo=UTC) + n * HOUR)
            return count

        def page(count):
            assert f"{count} h</strong> booked" in browser.get(schedule_url()).content.decode()

        assert assert_flat_queries(blocks, page, sizes=(1, 20)) == 3

    def test_only_agents(self, client_as, client_user):
        assert client_as(client_user).get(schedule_url()).status_code == 403
        assert client_as(None).get(schedule_url()).status_code == 302


class TestCancel:
    def test_a_free_undo_with_htmx(self, client_as, ada, week_of_blocks):
        response = cancel(client_as(ada), week_of_blocks["free"])
        assert (
            "Undone within the free window: the block is no longer yours."
            in response.content.decode()
        )
        booking = Booking.objects.get(pk=week_of_blocks["free"].pk)
        assert (booking.cancelled_at, booking.cancellation) == (NOW, "free")

    def test_after_the_cut_off_the_block_goes_to_pending_release(
        self, client_as, ada, week_of_blocks
    ):
        response = cancel(client_as(ada), week_of_blocks["late"])
        assert "pending release" in response.content.decode()
        booking = Booking.objects.get(pk=week_of_blocks["late"].pk)
        assert (booking.cancelled_at, booking.release_requested_at) == (None, NOW)

    def test_without_htmx_it_redirects_to_the_same_week(self, client_as, ada, week_of_blocks):
        response = cancel(client_as(ada), week_of_blocks["in_time"], htmx=False)
        assert response.status_code == 302
        assert response.url == schedule_url("2026-11-30")
        assert Booking.objects.get(pk=week_of_blocks["in_time"].pk).cancellation == "in_time"

    def test_a_refusal_is_shown_not_raised(self, client_as, ada, week_of_blocks):
        for name in ("pending", "past", "cancelled"):
            response = cancel(client_as(ada), week_of_blocks[name])
            assert response.status_code == 200
            assert "message-error" in response.content.decode()
        assert Booking.objects.filter(release_requested_at=NOW).count() == 1
        assert Booking.objects.filter(cancelled_at__isnull=False).count() == 1

    def test_an_agent_cannot_cancel_anothers_booking(
        self, client_as, outsider, ada, week_of_blocks
    ):
        for booking in week_of_blocks.values():
            assert cancel(client_as(outsider), booking).status_code == 404
        assert cancel(client_as(outsider), week_of_blocks["free"], htmx=False).status_code == 404
        assert Booking.objects.filter(cancelled_at__isnull=False).count() == 1
        assert Booking.objects.filter(release_requested_at__isnull=False).count() == 1

    def test_a_client_cannot_cancel(self, client_as, client_user, week_of_blocks):
        assert cancel(client_as(client_user), week_of_blocks["free"]).status_code == 403
        assert Booking.objects.get(pk=week_of_blocks["free"].pk).cancelled_at is None
