"""The private iCal feed: who sees what without signing in, stable UIDs, token reset."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from scheduling.booking.services import work_preference_for
from scheduling.models import WorkPreference
from tests.factories import BookingFactory
from tests.queries import assert_flat_queries
from tests.scheduling.clock import HOUR, NOW

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_now")]


def feed(browser, token):
    return browser.get(reverse("scheduling:ical_feed", args=[token]))


def events(response):
    calendar = Calendar.from_ical(response.content)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_lists_live_blocks_from_two_weeks_back(client_as, ada, program):
    recent = BookingFactory(agent=ada, program=program, starts_at=NOW - timedelta(days=13))
    BookingFactory(agent=ada, program=program, starts_at=NOW - timedelta(days=15))
    upcoming = BookingFactory(agent=ada, program=program, starts_at=NOW + 20 * HOUR)
    pending = BookingFactory(
        agent=ada, program=program, starts_at=NOW + 4 * HOUR, release_requested_at=NOW
    )
    BookingFactory(agent=ada, program=program, starts_at=NOW + 30 * HOUR, cancelled_at=NOW)
    BookingFactory(program=program, starts_at=NOW + 20 * HOUR)  # someone else's
    response = feed(client_as(None), work_preference_for(ada).ical_token)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    found = events(response)
    assert set(found) == {f"booking-{b.pk}@gigcx" for b in (recent, upcoming, pending)}
    event = found[f"booking-{upcoming.pk}@gigcx"]
    assert event.decoded("dtstart") == upcoming.starts_at
    assert event.decoded("dtend") == upcoming.ends_at
    assert str(event["summary"]).startswith("Acme Voice (")
    assert "pending release" in str(found[f"booking-{pending.pk}@gigcx"]["summary"])


def test_uids_are_stable_between_fetches(client_as, ada, program):
    BookingFactory(agent=ada, program=program, starts_at=NOW + 20 * HOUR)
    token = work_preference_for(ada).ical_token
    first = set(events(feed(client_as(None), token)))
    with time_machine.travel(NOW + HOUR, tick=False):
        assert set(events(feed(client_as(None), token))) == first


def test_an_unknown_token_is_a_404(client_as, ada):
    work_preference_for(ada)
    assert feed(client_as(None), "not-a-token").status_code == 404
    assert client_as(None).get("/ical/.ics").status_code == 404


def test_a_deactivated_agents_feed_is_a_404(client_as, ada):
    token = work_preference_for(ada).ical_token
    ada.is_active = False
    ada.save(update_fields=["is_active"])
    assert feed(client_as(None), token).status_code == 404


def test_resetting_the_token_retires_the_old_url(client_as, ada):
    old = work_preference_for(ada).ical_token
    response = client_as(ada).post(reverse("scheduling:ical_reset"), HTTP_HX_REQUEST="true")
    new = WorkPreference.objects.get(agent=ada).ical_token
    assert new != old
    assert f"/ical/{new}.ics" in response.content.decode()
    assert "the old one no longer works" in response.content.decode()
    assert feed(client_as(None), old).status_code == 404
    assert feed(client_as(None), new).status_code == 200


def test_reset_without_htmx_redirects_to_my_schedule(client_as, ada):
    response = client_as(ada).post(reverse("scheduling:ical_reset"))
    assert response.status_code == 302
    assert response.url == reverse("scheduling:my_schedule")


def test_only_the_signed_in_agent_resets_their_own_token(client_as, ada, outsider, client_user):
    token = work_preference_for(ada).ical_token
    assert client_as(None).post(reverse("scheduling:ical_reset")).status_code == 302
    assert client_as(client_user).post(reverse("scheduling:ical_reset")).status_code == 403
    client_as(outsider).post(reverse("scheduling:ical_reset"))
    assert WorkPreference.objects.get(agent=ada).ical_token == token


def test_the_feed_reads_the_same_queries_for_one_block_or_twenty(client_as, ada, program):
    token = work_preference_for(ada).ical_token

    def blocks(count):
        for n in range(count):
            BookingFactory(agent=ada, program=program, starts_at=NOW + n * 3 * HOUR)
        return count

    def read(count):
        assert len(events(feed(client_as(None), token))) == count

    assert assert_flat_queries(blocks, read, sizes=(1, 20)) == 2
