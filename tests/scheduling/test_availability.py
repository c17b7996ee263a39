"""Availability windows, date exceptions and the weekly target: rules, the selector, the page."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from scheduling.availability.selectors import available_intervals
from scheduling.availability.services import (
    AvailabilityInvalid,
    AvailabilityNotFound,
    exception_add,
    exception_remove,
    window_add,
    window_remove,
    work_target_set,
)
from scheduling.booking.services import work_preference_for
from scheduling.models import AvailabilityException, AvailabilityWindow, WorkPreference
from tests.factories import AgentFactory
from tests.queries import assert_flat_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_now")]

MONDAY = date(2026, 12, 7)


@pytest.fixture
def new_yorker():
    return AgentFactory(timezone="America/New_York")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


class TestWindows:
    def test_a_window_is_kept_in_local_wall_clock_time(self, new_yorker):
        window = window_add(agent=new_yorker, weekday=0, starts=time(9), ends=time(17))
        assert (window.weekday, window.starts, window.ends) == (0, time(9), time(17))

    def test_midnight_ends_the_day(self, new_yorker):
        window = window_add(agent=new_yorker, weekday=4, starts=time(18), ends=time(0))
        assert window.ends == time(0)

    @pytest.mark.parametrize(
        ("starts", "ends", "field", "message"),
        [
            (time(10), time(9), "ends", "The end must come after the start."),
            (time(10), time(10), "ends", "The end must come after the start."),
            (time(9, 15), time(10), "starts", "on the hour or half hour"),
            (time(9), time(10, 45), "ends", "on the hour or half hour"),
        ],
    )
    def test_bad_times_are_refused_naming_the_field(self, new_yorker, starts, ends, field, message):
        with pytest.raises(AvailabilityInvalid, match=message) as refusal:
            window_add(agent=new_yorker, weekday=0, starts=starts, ends=ends)
        assert refusal.value.field == field
        assert not AvailabilityWindow.objects.exists()

    def test_overlapping_windows_are_refused_touching_ones_allowed(self, new_yorker):
        window_add(agent=new_yorker, weekday=0, starts=time(9), ends=time(12))
        with pytest.raises(AvailabilityInvalid, match=r"overlaps .* \(09:00–12:00\)"):
            window_add(agent=new_yorker, weekday=0, starts=time(11), ends=time(14))
        window_add(agent=new_yorker, weekday=0, starts=time(12), ends=time(14))
        window_add(agent=new_yorker, weekday=1, starts=time(11), ends=time(14))
        assert AvailabilityWindow.objects.count() == 3

    def test_a_window_ending_at_midnight_overlaps_a_late_one(self, new_yorker):
        window_add(agent=new_yorker, weekday=0, starts=time(20), ends=time(0))
        with pytest.raises(AvailabilityInvalid, match="overlaps"):
            window_add(agent=new_yorker, weekday=0, starts=time(23), ends=time(23, 30))

    def test_an_agent_cannot_remove_another_agents_window(self, new_yorker, outsider):
        window = window_add(agent=new_yorker, weekday=0, starts=time(9), ends=time(12))
        with pytest.raises(AvailabilityNotFound):
            window_remove(agent=outsider, window_id=window.pk)
        assert AvailabilityWindow.objects.filter(pk=window.pk).exists()
        window_remove(agent=new_yorker, window_id=window.pk)
        assert not AvailabilityWindow.objects.exists()


class TestExceptions:
    def test_away_all_day(self, new_yorker):
        away = exception_add(agent=new_yorker, day=MONDAY, available=False, note="Dentist")
        assert (away.available, away.starts, away.ends, away.note) == (False, None, None, "Dentist")

    def test_away_ignores_times_given(self, new_yorker):
        away = exception_add(
            agent=new_yorker, day=MONDAY, available=False, starts=time(9), ends=time(10)
        )
        assert away.starts is None

    def test_a_past_date_is_refused(self, new_yorker):
        with pytest.raises(AvailabilityInvalid, match="That date has passed") as refusal:
            exception_add(agent=new_yorker, day=date(2026, 11, 30), available=False)
        assert refusal.value.field == "day"
        exception_add(agent=new_yorker, day=date(2026, 12, 1), available=False)  # today

    def test_an_extra_window_needs_times_on_the_grid(self, new_yorker):
        with pytest.raises(AvailabilityInvalid, match="needs a start and an end"):
            exception_add(agent=new_yorker, day=MONDAY, available=True)
        with pytest.raises(AvailabilityInvalid, match="half hour"):
            exception_add(
                agent=new_yorker, day=MONDAY, available=True, starts=time(9, 10), ends=time(10)
            )
        assert not AvailabilityException.objects.exists()

    def test_extra_windows_of_a_date_do_not_overlap(self, new_yorker):
        exception_add(agent=new_yorker, day=MONDAY, available=True, starts=time(9), ends=time(11))
        with pytest.raises(AvailabilityInvalid, match="overlaps another extra window"):
            exception_add(
                agent=new_yorker, day=MONDAY, available=True, starts=time(10), ends=time(12)
            )

    def test_away_and_extra_windows_do_not_mix_on_one_date(self, new_yorker):
        exception_add(agent=new_yorker, day=MONDAY, available=True, starts=time(9), ends=time(11))
        with pytest.raises(AvailabilityInvalid, match="before marking it away"):
            exception_add(agent=new_yorker, day=MONDAY, available=False)
        tuesday = MONDAY + timedelta(days=1)
        exception_add(agent=new_yorker, day=tuesday, available=False)
        with pytest.raises(AvailabilityInvalid, match="already away"):
            exception_add(
                agent=new_yorker, day=tuesday, available=True, starts=time(9), ends=time(11)
            )
        assert AvailabilityException.objects.count() == 2

    def test_an_agent_cannot_remove_another_agents_exception(self, new_yorker, outsider):
        away = exception_add(agent=new_yorker, day=MONDAY, available=False)
        with pytest.raises(AvailabilityNotFound):
            exception_remove(agent=outsider, exception_id=away.pk)
        assert AvailabilityException.objects.filter(pk=away.pk).exists()


class TestTarget:
    def test_the_target_is_saved(self, new_yorker):
        work_target_set(agent=new_yorker, hours_min=10, hours_max=25)
        preference = WorkPreference.objects.get(agent=new_yorker)
        assert (preference.hours_min, preference.hours_max) == (10, 25)

    @pytest.mark.parametrize(
        ("hours_min", "hours_max", "field"),
        [(30, 20, "hours_min"), (10, 81, "hours_max"), (0, 0, "hours_max"), (-1, 10, "hours_min")],
    )
    def test_bad_targets_are_refused(self, new_yorker, hours_min, hours_max, field):
        with pytest.raises(AvailabilityInvalid) as refusal:
            work_target_set(agent=new_yorker, hours_min=hours_min, hours_max=hours_max)
        assert refusal.value.field == field
        preference = work_preference_for(new_yorker)
        assert (preference.hours_min, preference.hours_max) == (20, 30)


class TestAvailableIntervals:
    def test_a_window_becomes_utc_interval_starts(self, new_yorker):
        window_add(agent=new_yorker, weekday=0, starts=time(9), ends=time(10))
        starts = available_intervals(new_yorker, utc(2026, 12, 7), utc(2026, 12, 14))
        assert starts == {utc(2026, 12, 7, 14), utc(2026, 12, 7, 14, 30)}  # 09:00 EST

    def test_the_same_window_for_an_agent_in_honolulu(self):
        honolulu = AgentFactory(timezone="Pacific/Honolulu")
        window_add(agent=honolulu, weekday=0, starts=time(9), ends=time(10))
        starts = available_intervals(honolulu, utc(2026, 12, 7), utc(2026, 12, 14))
        assert starts == {utc(2026, 12, 7, 19), utc(2026, 12, 7, 19, 30)}

    def test_away_removes_a_date_and_extra_windows_add(self, new_yorker):
        window_add(agent=new_yorker, weekday=0, starts=time(9), ends=time(10))
        window_add(agent=new_yorker, weekday=1, starts=time(9), ends=time(10))
        exception_add(agent=new_yorker, day=MONDAY, available=False)
        exception_add(
            agent=new_yorker,
            day=MONDAY + timedelta(days=1),
            available=True,
            starts=time(20),
            ends=time(21),
        )
        starts = available_intervals(new_yorker, utc(2026, 12, 7), utc(2026, 12, 14))
        tuesday_9, tuesday_20 = utc(2026, 12, 8, 14), utc(2026, 12, 9, 1)
        assert sorted(starts) == [
            tuesday_9,
            tuesday_9 + timedelta(minutes=30),
            tuesday_20,
            tuesday_20 + timedelta(minutes=30),
        ]

    def test_only_the_asked_span_is_returned(self, new_yorker):
        window_add(agent=new_yorker, weekday=0, starts=time(9), ends=time(12))
        starts = available_intervals(new_yorker, utc(2026, 12, 7, 15), utc(2026, 12, 7, 16))
        assert starts == {utc(2026, 12, 7, 15), utc(2026, 12, 7, 15, 30)}

    def test_windows_stay_at_local_times_across_the_november_dst_weekend(self, new_yorker):
        # Clocks go back at 02:00 on Sunday 1 November 2026: EDT (UTC-4) becomes EST (UTC-5).
        window_add(agent=new_yorker, weekday=5, starts=time(9), ends=time(10))
        window_add(agent=new_yorker, weekday=6, starts=time(9), ends=time(10))
        starts = available_intervals(new_yorker, utc(2026, 10, 31), utc(2026, 11, 3))
        assert min(starts) == utc(2026, 10, 31, 13)  # Saturday 09:00 EDT
        assert max(starts) == utc(2026, 11, 1, 14, 30)  # Sunday 09:30 EST

    def test_a_window_over_the_changing_night_holds_its_real_hours(self, new_yorker):
        window_add(agent=new_yorker, weekday=6, starts=time(0), ends=time(3))
        starts = available_intervals(new_yorker, utc(2026, 11, 1), utc(2026, 11, 2))
        assert len(starts) == 8  # 00:00–03:00 local is four hours that night
        assert min(starts) == utc(2026, 11, 1, 4)

    def test_two_queries_however_long_the_span(self, new_yorker):
        for weekday in range(7):
            window_add(agent=new_yorker, weekday=weekday, starts=time(9), ends=time(17))

        def intervals(days):
            start = utc(2026, 12, 1)
            starts = available_intervals(new_yorker, start, start + timedelta(days=days))
            assert len(starts) == days * 16

        assert assert_flat_queries(lambda days: days, intervals, sizes=(1, 31)) == 2


def post(browser, name, data, *, htmx=True, args=()):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return browser.post(reverse(f"scheduling:{name}", args=args), data, **headers)


class TestPage:
    def test_the_page_shows_windows_target_and_strip(self, client_as, new_yorker):
        window_add(agent=new_yorker, weekday=2, starts=time(9), ends=time(0))
        page = client_as(new_yorker).get(reverse("scheduling:availability")).content.decode()
        assert "Wednesday" in page
        assert "midnight" in page
        assert "left: 37.5%; width: 62.5%" in page
        assert 'value="20"' in page and 'value="30"' in page

    def test_adding_a_window_with_htmx_answers_the_section(self, client_as, new_yorker):
        data = {"window-weekday": "1", "window-starts": "08:30", "window-ends": "12:00"}
        response = post(client_as(new_yorker), "window_add", data)
        assert response.status_code == 200
        assert "Window added." in response.content.decode()
        assert AvailabilityWindow.objects.filter(agent=new_yorker, starts=time(8, 30)).exists()

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"window-weekday": "1", "window-starts": "12:00", "window-ends": "08:00"}, "after"),
            ({"window-weekday": "1", "window-starts": "08:10", "window-ends": "09:00"}, "half"),
            ({"window-weekday": "9", "window-starts": "08:00", "window-ends": "09:00"}, "valid"),
            ({"window-weekday": "1", "window-starts": "soon", "window-ends": "09:00"}, "valid"),
        ],
    )
    def test_bad_windows_get_form_errors_and_change_nothing(
        self, client_as, new_yorker, data, message
    ):
        for htmx in (True, False):
            response = post(client_as(new_yorker), "window_add", data, htmx=htmx)
            assert response.status_code == (200 if htmx else 400)
            assert 'class="field-error"' in response.content.decode()
            assert message in response.content.decode()
        assert not AvailabilityWindow.objects.exists()

    def test_exceptions_and_target_through_the_page(self, client_as, new_yorker):
        browser = client_as(new_yorker)
        data = {"exception-day": "2026-12-24", "exception-kind": "away", "exception-note": "Eve"}
        assert "Date exception added." in post(browser, "exception_add", data).content.decode()
        data = {"exception-day": "2026-12-26", "exception-kind": "extra"}
        assert "needs a start and an end" in post(browser, "exception_add", data).content.decode()
        response = post(browser, "target_set", {"target-hours_min": "25", "target-hours_max": "20"})
        assert "between 0 and your most" in response.content.decode()
        post(browser, "target_set", {"target-hours_min": "12", "target-hours_max": "24"})
        assert WorkPreference.objects.get(agent=new_yorker).hours_max == 24
        assert AvailabilityException.objects.filter(agent=new_yorker).count() == 1

    def test_without_htmx_success_redirects_with_a_message(self, client_as, new_yorker):
        data = {"window-weekday": "1", "window-starts": "08:30", "window-ends": "12:00"}
        response = post(client_as(new_yorker), "window_add", data, htmx=False)
        assert response.status_code == 302
        assert response.url == reverse("scheduling:availability")

    def test_an_agent_cannot_remove_anothers_entries(self, client_as, new_yorker, outsider):
        window = window_add(agent=new_yorker, weekday=0, starts=time(9), ends=time(12))
        away = exception_add(agent=new_yorker, day=MONDAY, available=False)
        browser = client_as(outsider)
        assert post(browser, "window_remove", {}, args=[window.pk]).status_code == 404
        assert post(browser, "exception_remove", {}, args=[away.pk]).status_code == 404
        assert AvailabilityWindow.objects.filter(pk=window.pk).exists()
        assert AvailabilityException.objects.filter(pk=away.pk).exists()
        assert post(client_as(new_yorker), "window_remove", {}, args=[window.pk]).status_code == 200
        assert not AvailabilityWindow.objects.filter(pk=window.pk).exists()

    def test_only_agents_use_the_page(self, client_as, client_user):
        assert client_as(client_user).get(reverse("scheduling:availability")).status_code == 403
        data = {"window-weekday": "1", "window-starts": "08:30", "window-ends": "12:00"}
        assert post(client_as(client_user), "window_add", data).status_code == 403
        assert client_as(None).get(reverse("scheduling:availability")).status_code == 302
        assert not AvailabilityWindow.objects.exists()

    def test_the_page_reads_the_same_queries_for_one_day_of_entries_or_a_week(
        self, client_as, new_yorker
    ):
        browser = client_as(new_yorker)
        browser.get(reverse("scheduling:availability"))  # creates the work preference

        def entries(days):
            for weekday in range(days):
                window_add(agent=new_yorker, weekday=weekday, starts=time(6), ends=time(9))
                window_add(agent=new_yorker, weekday=weekday, starts=time(18), ends=time(20))
                exception_add(
                    agent=new_yorker,
                    day=timezone.localdate() + timedelta(days=weekday + 1),
                    available=False,
                )
            return days

        def page(days):
            assert browser.get(reverse("scheduling:availability")).status_code == 200

        assert assert_flat_queries(entries, page, sizes=(1, 7)) == 4
