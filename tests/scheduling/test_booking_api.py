"""The slots and bookings API: every status, permissions, bad input naming the field."""

from datetime import timedelta

import pytest
import time_machine
from django.db import DEFAULT_DB_ALIAS, connections
from rest_framework.test import APIClient

from scheduling.models import Bonus, Booking, Slot, WorkPreference
from tests.factories import BookingFactory, ClientUserFactory, ProgramFactory, open_slots
from tests.queries import assert_flat_queries
from tests.scheduling.bookings_api import BOOKINGS, agent, api_as, block, program_with_slots
from tests.scheduling.clock import HOUR, NOW, TOMORROW_9

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("at_now")]


def test_an_agent_books_a_block_and_gets_it_back(ada, program):
    response = api_as(ada).post(BOOKINGS, block(program), format="json")
    assert response.status_code == 201
    booking = Booking.objects.get(agent=ada)
    assert response.json() == {
        "id": booking.pk,
        "program": program.pk,
        "program_name": "Acme Voice",
        "starts_at": "2026-12-02T14:00:00Z",
        "ends_at": "2026-12-02T16:00:00Z",
        "status": "booked",
        "cancellation": "",
        "pay_rate": "18.00",
        "bonus_amount": "0.00",
        "created": "2026-12-01T15:00:00Z",
    }


def test_a_refusal_is_a_409_with_its_code(ada):
    program = program_with_slots(seats=1)
    api_as(agent()).post(BOOKINGS, block(program), format="json")
    response = api_as(ada).post(BOOKINGS, block(program), format="json")
    assert response.status_code == 409
    assert response.json() == {"code": "slot_full", "detail": "Wed 2 Dec 09:00 is full."}
    assert not Booking.objects.filter(agent=ada).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"program": 999999}, "program"),
        ({"program": "acme"}, "program"),
        ({"program": 2**64}, "program"),  # past PostgreSQL's bigint
        ({"program": 0}, "program"),
        ({"program": True}, "program"),
        ({"program": [1]}, "program"),
        ({"start": "tomorrow"}, "start"),
        ({"start": "2026-12-02T14:00:00"}, "start"),  # no offset
        ({"end": None}, "end"),
        ({"start": "2026-12-02T14:10:00Z"}, "start"),  # off the grid
        ({"end": "2026-12-02T13:00:00Z"}, "end"),  # before the start
    ],
)
def test_malformed_input_is_a_400_naming_the_field(ada, program, change, field):
    response = api_as(ada).post(BOOKINGS, {**block(program), **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Booking.objects.exists()


def test_a_missing_body_names_every_field(ada):
    response = api_as(ada).post(BOOKINGS, {}, format="json")
    assert response.status_code == 400
    assert {"program", "start", "end"} <= response.json().keys()


@pytest.mark.django_db(transaction=True)
def test_a_busy_lock_is_a_503_with_retry_after(ada, program, settings):
    """Another connection holds the agent's row past the lock wait: a real lock timeout."""
    settings.SCHEDULING_LOCK_TIMEOUT_MS = 200
    client = api_as(ada)
    holder = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        holder.set_autocommit(False)
        with holder.cursor() as cursor:
            cursor.execute("SELECT id FROM accounts_user WHERE id = %s FOR NO KEY UPDATE", [ada.pk])
        response = client.post(BOOKINGS, block(program), format="json")
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 503
    assert response["Retry-After"] == "1"
    assert response.json()["code"] == "busy"


def test_anonymous_and_clients_cannot_book(program):
    assert APIClient().post(BOOKINGS, block(program), format="json").status_code == 403
    client = ClientUserFactory()
    response = api_as(client).post(BOOKINGS, block(program), format="json")
    assert response.status_code == 403
    assert api_as(client).get("/api/v1/slots/").status_code == 403
    assert not Booking.objects.exists()


def test_my_bookings_are_mine_only_and_paginated(ada, program):
    mine = api_as(ada).post(BOOKINGS, block(program), format="json").json()
    api_as(agent()).post(BOOKINGS, block(program, TOMORROW_9 + 3 * HOUR), format="json")
    response = api_as(ada).get(BOOKINGS)
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert response.json()["results"] == [mine]
    assert api_as(ada).get(f"{BOOKINGS}{mine['id']}/").json() == mine


def test_cancelling_within_five_minutes_is_free(ada, program):
    booking_id = api_as(ada).post(BOOKINGS, block(program), format="json").json()["id"]
    response = api_as(ada).delete(f"{BOOKINGS}{booking_id}/")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["cancellation"]) == ("cancelled", "free")
    again = api_as(ada).delete(f"{BOOKINGS}{booking_id}/")
    assert (again.status_code, again.json()["code"]) == (409, "cancelled")


def test_late_cancelling_puts_the_block_into_pending_release(ada, program):
    booking_id = api_as(ada).post(BOOKINGS, block(program), format="json").json()["id"]
    with time_machine.travel(NOW + 2 * HOUR, tick=False):  # past the free undo, within 24 h
        response = api_as(ada).delete(f"{BOOKINGS}{booking_id}/")
    assert (response.status_code, response.json()["status"]) == (200, "pending_release")


def test_another_agents_booking_is_404_and_stays_booked(ada, program):
    booking_id = api_as(ada).post(BOOKINGS, block(program), format="json").json()["id"]
    otto = api_as(agent())
    assert otto.get(f"{BOOKINGS}{booking_id}/").status_code == 404
    response = otto.delete(f"{BOOKINGS}{booking_id}/")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert Booking.objects.get(pk=booking_id).cancelled_at is None
    assert otto.delete(f"{BOOKINGS}999999/").status_code == 404


# --- open slots ----------------------------------------------------------------------------------


def test_slots_show_seats_and_badges(ada):
    program = program_with_slots(seats=2, hours=2)
    Slot.objects.filter(program=program).update(required=2)
    Bonus.objects.create(
        program=program, starts_at=TOMORROW_9, ends_at=TOMORROW_9 + HOUR, per_hour=3
    )
    api_as(agent()).post(BOOKINGS, block(program, hours=1), format="json")
    api_as(agent()).post(BOOKINGS, block(program, hours=1), format="json")
    api_as(agent()).post(BOOKINGS, block(program, TOMORROW_9 + HOUR, 1), format="json")
    rows = api_as(ada).get("/api/v1/slots/", {"program": program.pk}).json()["results"]
    assert [(r["booked"], r["open"], r["badges"]) for r in rows] == [
        (2, 0, ["full", "bonus"]),
        (2, 0, ["full", "bonus"]),
        (1, 1, ["hot"]),
        (1, 1, ["hot"]),
    ]
    assert rows[0]["starts_at"] == "2026-12-02T14:00:00Z"
    assert rows[0]["ends_at"] == "2026-12-02T14:30:00Z"
    assert (rows[0]["capacity"], rows[0]["bonus_per_hour"]) == (2, "3.00")


def test_slots_only_of_eligible_programs_and_released_to_my_tier(ada, program):
    closed = ProgramFactory(name="Globex Chat", is_active=False)
    open_slots(closed, TOMORROW_9, hours=1)
    Slot.objects.filter(program=program, starts_at__gte=TOMORROW_9 + 4 * HOUR).update(
        released_at=NOW - timedelta(hours=1)  # tier 1 waits 24 h, tier 3 sees it at once
    )
    rows = api_as(ada).get("/api/v1/slots/").json()["results"]
    assert {row["program"] for row in rows} == {program.pk}
    assert len(rows) == 8
    WorkPreference.objects.update_or_create(
        agent=ada, defaults={"tier": 3, "hours_min": 20, "hours_max": 30}
    )
    assert api_as(ada).get("/api/v1/slots/").json()["count"] == 16


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"program": "x"}, "program"),
        ({"start": "soon"}, "start"),
        ({"start": "2026-12-03T00:00Z", "end": "2026-12-02T00:00Z"}, "end"),
        ({"start": "2026-12-01T00:00Z", "end": "2027-02-01T00:00Z"}, "end"),
    ],
)
def test_bad_slot_queries_are_400_naming_the_field(ada, query, field):
    response = api_as(ada).get("/api/v1/slots/", query)
    assert response.status_code == 400
    assert field in response.json()


def test_the_slots_list_takes_the_same_queries_for_one_program_or_ten(ada):
    client = api_as(ada)

    def programs(count):
        for n in range(count):
            program_with_slots(name=f"Program {n}", hours=2)
        return count

    def list_slots(count):
        response = client.get("/api/v1/slots/", {"page_size": 1000})
        assert response.json()["count"] == 4 * count

    assert assert_flat_queries(programs, list_slots) == 6


def test_booking_takes_the_same_queries_however_busy_the_block_and_the_week(ada, program):
    """The hot path: other agents in the block's seats, Ada's other blocks that week, bonuses."""
    client = api_as(ada)
    friday_9 = TOMORROW_9 + 48 * HOUR

    def busy(count):
        Slot.objects.filter(program=program).update(capacity=count + 1)
        for n in range(count):
            api_as(agent()).post(BOOKINGS, block(program), format="json")
            Bonus.objects.create(
                program=program, starts_at=TOMORROW_9, ends_at=TOMORROW_9 + HOUR, per_hour=n + 1
            )
            BookingFactory(
                agent=ada, starts_at=friday_9 + n * HOUR, ends_at=friday_9 + (n + 1) * HOUR
            )
        return count

    def book(count):
        response = client.post(BOOKINGS, block(program), format="json")
        assert response.status_code == 201, response.json()

    assert assert_flat_queries(busy, book) == 12
