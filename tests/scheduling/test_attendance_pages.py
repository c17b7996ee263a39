"""The Today page and the check-in/out buttons and endpoints: own bookings only, clear refusals."""

import pytest
import time_machine

from scheduling.models import Booking
from tests.scheduling.attendance_world import MINUTE, START, block, reload

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
Attendance = Booking.Attendance


@pytest.fixture
def booking(agent: object) -> Booking:
    agent.timezone = "America/New_York"
    agent.save()
    return block(agent)


class TestTodayPage:
    def test_lists_the_block_with_a_check_in_button_once_open(self, booking, client_as):
        with time_machine.travel(START - 5 * MINUTE, tick=False):
            response = client_as(booking.agent).get("/agent/today/")
        page = response.content.decode()
        assert response.status_code == 200
        assert "Acme Voice" in page
        assert "Check in to Acme Voice" in page

    def test_before_it_opens_says_when(self, booking, client_as):
        with time_machine.travel(START - 30 * MINUTE, tick=False):
            page = client_as(booking.agent).get("/agent/today/").content.decode()
        assert "Check-in opens at 11:45" in page
        assert "data-countdown" in page
        assert ">Check in<" not in page

    def test_check_in_with_htmx_answers_the_section(self, booking, client_as):
        with time_machine.travel(START, tick=False):
            response = client_as(booking.agent).post(f"/agent/today/{booking.pk}/check-in/", **HTMX)
        assert response.status_code == 200
        assert "You are checked in" in response.content.decode()
        assert "Check out of Acme Voice" in response.content.decode()
        assert reload(booking).attendance == Attendance.CHECKED_IN

    def test_a_refusal_is_shown_and_changes_nothing(self, booking, client_as):
        with time_machine.travel(START - 20 * MINUTE, tick=False):
            response = client_as(booking.agent).post(f"/agent/today/{booking.pk}/check-in/", **HTMX)
        assert "Check-in opens at Tue 1 Dec 11:45" in response.content.decode()
        assert reload(booking).checked_in_at is None

    def test_without_htmx_redirects_back_with_a_message(self, booking, client_as):
        with time_machine.travel(START, tick=False):
            response = client_as(booking.agent).post(f"/agent/today/{booking.pk}/check-in/")
        assert response.status_code == 302
        assert response["Location"] == "/agent/today/"

    @pytest.mark.parametrize("action", ["check-in", "check-out"])
    def test_another_agents_booking_is_a_404_and_unchanged(
        self, booking, outsider, client_as, action
    ):
        with time_machine.travel(START, tick=False):
            response = client_as(outsider).post(f"/agent/today/{booking.pk}/{action}/", **HTMX)
        assert response.status_code == 404
        assert reload(booking).attendance == Attendance.SCHEDULED

    def test_get_is_not_allowed_on_a_button(self, booking, client_as):
        response = client_as(booking.agent).get(f"/agent/today/{booking.pk}/check-in/")
        assert response.status_code == 405

    def test_clients_cannot_check_in(self, booking, client_user, client_as):
        response = client_as(client_user).post(f"/agent/today/{booking.pk}/check-in/")
        assert response.status_code == 403


class TestApi:
    def test_check_in_and_out(self, booking, client_as):
        browser = client_as(booking.agent)
        with time_machine.travel(START + MINUTE, tick=False):
            checked_in = browser.post(f"/api/v1/bookings/{booking.pk}/check-in/")
        with time_machine.travel(START + 60 * MINUTE, tick=False):
            checked_out = browser.post(f"/api/v1/bookings/{booking.pk}/check-out/")
        assert checked_in.status_code == 200
        assert checked_in.json()["attendance"] == "checked_in"
        assert checked_out.json()["attendance"] == "attended"
        assert checked_out.json()["checked_out_at"] == "2026-12-01T13:00:00-05:00"  # in my zone

    def test_too_early_is_a_409_with_a_code(self, booking, client_as):
        with time_machine.travel(START - 60 * MINUTE, tick=False):
            response = client_as(booking.agent).post(f"/api/v1/bookings/{booking.pk}/check-in/")
        assert response.status_code == 409
        assert response.json()["code"] == "too_early"

    @pytest.mark.parametrize("action", ["check-in", "check-out"])
    def test_another_agents_booking_is_a_404_and_unchanged(
        self, booking, outsider, client_as, action
    ):
        with time_machine.travel(START, tick=False):
            response = client_as(outsider).post(f"/api/v1/bookings/{booking.pk}/{action}/")
        assert response.status_code == 404
        assert reload(booking).attendance == Attendance.SCHEDULED

    def test_unknown_booking_is_a_404(self, agent, client_as):
        assert client_as(agent).post("/api/v1/bookings/999999/check-in/").status_code == 404

    def test_strangers_must_authenticate(self, booking, client_as):
        response = client_as(None).post(f"/api/v1/bookings/{booking.pk}/check-in/")
        assert response.status_code in (401, 403)
        assert reload(booking).checked_in_at is None

    def test_in_the_schema(self, agent, client_as):
        schema = client_as(agent).get("/api/schema/?format=json").json()
        assert "/api/v1/bookings/{id}/check-in/" in schema["paths"]
        assert "/api/v1/earnings/" in schema["paths"]
