"""The swap board and waitlist pages and API: what each person may see and do."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from scheduling.exchange.swaps import swap_post
from scheduling.exchange.waitlist import waitlist_offer_next
from scheduling.models import Booking, SwapPost, WaitlistEntry
from tests.scheduling.clock import HOUR, NOW, TOMORROW_9
from tests.scheduling.exchange import agent, book, free_seat, waiting

# One seat per slot, from Wednesday 09:00 for six hours.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("at_now"),
    pytest.mark.program(seats=1, hours=6),
]


@pytest.fixture
def taken(program):
    """The booking that takes the one seat of Wednesday 09:00–11:00."""
    return book(agent(), program, TOMORROW_9, 2)


@pytest.fixture
def offered(program, taken):
    entry = waiting(agent(full_name="Olive Offered"), program, TOMORROW_9, 2)
    free_seat(taken)
    waitlist_offer_next(
        program_id=program.pk, starts_at=TOMORROW_9, ends_at=TOMORROW_9 + 2 * HOUR, now=NOW
    )
    entry.refresh_from_db()
    return entry


@pytest.fixture
def posted(program):
    booking = book(agent(), program, TOMORROW_9 + 3 * HOUR, 1)
    return swap_post(agent=booking.agent, booking_id=booking.pk, now=NOW)


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


class TestPages:
    def test_the_waitlist_page_shows_the_offer_with_its_countdown(self, client_as, offered):
        page = client_as(offered.agent).get(reverse("scheduling:waitlist")).content.decode()
        assert "Accept and book" in page
        assert "data-countdown" in page
        assert "Held until <strong>10:15</strong>" in page  # New York time

    def test_accepting_with_htmx_answers_the_section(self, client_as, offered):
        response = client_as(offered.agent).post(
            reverse("scheduling:offer_accept", args=[offered.pk]), HTTP_HX_REQUEST="true"
        )
        assert "Booked: the block is yours." in response.content.decode()
        assert Booking.objects.filter(agent=offered.agent, cancelled_at=None).exists()

    def test_a_refusal_is_shown_not_raised(self, client_as, offered):
        response = client_as(offered.agent).post(
            reverse("scheduling:offer_decline", args=[offered.pk]), follow=True
        )
        assert "Offer declined" in response.content.decode()
        response = client_as(offered.agent).post(
            reverse("scheduling:offer_decline", args=[offered.pk]), follow=True
        )
        assert "There is no open offer to decline." in response.content.decode()

    def test_the_board_page_lists_a_post_others_can_take(self, client_as, posted):
        taker = agent()
        page = client_as(taker).get(reverse("scheduling:swaps")).content.decode()
        assert "Acme Voice" in page and ">Take</button>" in page
        response = client_as(taker).post(
            reverse("scheduling:swap_take", args=[posted.pk]), HTTP_HX_REQUEST="true"
        )
        assert "The block is yours now." in response.content.decode()

    def test_joining_from_a_button(self, client_as, ada, program, taken):
        response = client_as(ada).post(
            reverse("scheduling:waitlist_join"),
            {"program": program.pk, "start": TOMORROW_9.isoformat(), "end": "2026-12-02T16:00Z"},
        )
        assert response.status_code == 302
        assert WaitlistEntry.objects.filter(agent=ada).exists()

    def test_bad_input_names_the_field_and_changes_nothing(self, client_as, program):
        response = client_as(agent()).post(
            reverse("scheduling:waitlist_join"),
            {"program": program.pk, "start": "soon"},
            follow=True,
        )
        page = response.content.decode()
        assert "Start: Enter a valid date/time." in page and "End: This field is required." in page
        assert not WaitlistEntry.objects.exists()

    def test_posting_to_an_unknown_email_names_the_field(self, client_as, taken):
        response = client_as(taken.agent).post(
            reverse("scheduling:swap_post", args=[taken.pk]),
            {"offered_to": "nobody@example.com"},
            follow=True,
        )
        assert "Offer to one agent (e-mail, optional): No agent has this e-mail address." in (
            response.content.decode()
        )
        assert not SwapPost.objects.exists()

    @pytest.mark.parametrize("page", ["scheduling:swaps", "scheduling:waitlist"])
    def test_pages_are_for_agents(self, client_as, client_user, page):
        assert client_as(client_user).get(reverse(page)).status_code == 403
        assert client_as(None).get(reverse(page)).status_code == 302


class TestPermissions:
    """Another agent's entry or post is not found; nothing changes."""

    def test_another_agent_cannot_accept_decline_or_leave_an_entry(self, client_as, offered):
        browser = client_as(agent())
        for name in ("offer_accept", "offer_decline", "waitlist_leave"):
            response = browser.post(reverse(f"scheduling:{name}", args=[offered.pk]))
            assert response.status_code == 404
        offered.refresh_from_db()
        assert offered.status == WaitlistEntry.Status.OFFERED

    def test_another_agent_cannot_post_someone_elses_booking_or_withdraw_a_post(
        self, client_as, posted
    ):
        browser = client_as(agent())
        assert (
            browser.post(reverse("scheduling:swap_post", args=[posted.booking_id])).status_code
            == 404
        )
        assert (
            browser.post(reverse("scheduling:swap_withdraw", args=[posted.pk])).status_code == 404
        )
        assert SwapPost.objects.get().status == SwapPost.Status.OPEN

    def test_over_the_api_too(self, offered, posted):
        client = api(agent())
        assert client.post(f"/api/v1/waitlist/{offered.pk}/accept/").status_code == 404
        assert client.delete(f"/api/v1/waitlist/{offered.pk}/").status_code == 404
        assert client.delete(f"/api/v1/swaps/{posted.pk}/").status_code == 404
        assert api(None).get("/api/v1/waitlist/").status_code in (401, 403)


class TestApi:
    def test_join_list_and_leave(self, ada, program, taken):
        body = {"program": program.pk, "start": "2026-12-02T14:00Z", "end": "2026-12-02T16:00Z"}
        response = api(ada).post("/api/v1/waitlist/", body, format="json")
        assert response.status_code == 201
        assert (response.data["status"], response.data["position"]) == ("waiting", 1)
        listed = api(ada).get("/api/v1/waitlist/").data["results"]
        assert [row["id"] for row in listed] == [response.data["id"]]
        assert api(ada).delete(f"/api/v1/waitlist/{response.data['id']}/").status_code == 204

    def test_a_refusal_is_409_with_code_and_detail(self, program):
        body = {"program": program.pk, "start": "2026-12-02T16:00Z", "end": "2026-12-02T18:00Z"}
        response = api(agent()).post("/api/v1/waitlist/", body, format="json")
        assert response.status_code == 409
        assert response.data == {
            "code": "seats_open",
            "detail": "Seats are open in every slot of this block: book it.",
        }

    def test_bad_input_is_400_naming_the_field(self, program):
        response = api(agent()).post("/api/v1/waitlist/", {"program": "x"}, format="json")
        assert response.status_code == 400
        assert {"program", "start", "end"} <= set(response.data)
        response = api(agent()).post("/api/v1/swaps/", {"booking": 1, "offered_to": "nope"})
        assert response.status_code == 400 and "offered_to" in response.data

    def test_accept_an_offer(self, offered):
        response = api(offered.agent).post(f"/api/v1/waitlist/{offered.pk}/accept/")
        assert response.status_code == 201
        assert response.data["starts_at"] == "2026-12-02T09:00:00-05:00"

    def test_post_list_take_and_withdraw(self, taken):
        response = api(taken.agent).post("/api/v1/swaps/", {"booking": taken.pk, "note": "Sick"})
        assert response.status_code == 201
        assert (response.data["mine"], response.data["pending_release"]) == (True, False)
        taker = agent()
        listed = api(taker).get("/api/v1/swaps/").data["results"]
        assert [(row["id"], row["mine"]) for row in listed] == [(response.data["id"], False)]
        took = api(taker).post(f"/api/v1/swaps/{response.data['id']}/take/")
        assert took.status_code == 201
        again = api(agent()).post(f"/api/v1/swaps/{response.data['id']}/take/")
        assert again.status_code == 409 and again.data["code"] == "not_open"
        assert api(taken.agent).delete(f"/api/v1/swaps/{response.data['id']}/").status_code == 409
