"""Idempotency-Key on POST /api/v1/bookings/: one booking, the same answer every time."""

import pytest

from scheduling.booking.idempotency import idempotent_requests_sweep
from scheduling.models import Booking, IdempotentRequest
from tests.races import race
from tests.scheduling.bookings_api import BOOKINGS, agent, api_as, block
from tests.scheduling.clock import HOUR, NOW, TOMORROW_9

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("at_now"),
    pytest.mark.program(hours=4, seats=3),
]


def post(person: object, body: dict, key: str | None) -> object:
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return api_as(person).post(BOOKINGS, body, format="json", **headers)


def answers_of(requests: int, send: callable) -> list[tuple[int, bytes]]:
    answers: list[tuple[int, bytes]] = []

    def once() -> None:
        response = send()
        answers.append((response.status_code, response.content))

    assert race(*[once] * requests) == []
    return answers


def test_ten_concurrent_requests_with_one_key_make_one_booking_and_ten_same_answers(ada, program):
    api_as(ada)  # the token exists before the race
    answers = answers_of(10, lambda: post(ada, block(program), "key-1"))
    assert Booking.objects.filter(agent=ada).count() == 1
    assert len(set(answers)) == 1
    assert answers[0][0] == 201


def test_without_a_key_the_same_ten_requests_book_once_and_refuse_nine(ada, program):
    api_as(ada)
    statuses = sorted(code for code, _ in answers_of(10, lambda: post(ada, block(program), None)))
    assert statuses == [201] + [409] * 9


def test_a_refusal_is_replayed_too(ada, program):
    too_short = block(program, hours=0.5)
    first = post(ada, too_short, "short")
    again = post(ada, too_short, "short")
    assert first.status_code == again.status_code == 409
    assert first.content == again.content
    assert again["Idempotent-Replayed"] == "true"


def test_a_key_reused_with_another_body_is_refused(ada, program):
    assert post(ada, block(program), "key-1").status_code == 201
    response = post(ada, block(program, TOMORROW_9 + 2 * HOUR), "key-1")
    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"
    assert Booking.objects.filter(agent=ada).count() == 1


def test_keys_are_per_user(ada, program):
    bob = agent()
    assert post(ada, block(program), "shared").status_code == 201
    assert post(bob, block(program), "shared").status_code == 201
    assert Booking.objects.count() == 2


def test_a_bad_key_is_a_400_naming_the_header(program):
    response = post(agent(), block(program), "k" * 129)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()


def test_keys_expire_after_a_day(ada, program):
    post(ada, block(program), "old")
    assert idempotent_requests_sweep(now=NOW + 23 * HOUR) == 0
    assert idempotent_requests_sweep(now=NOW + 25 * HOUR) == 1
    assert not IdempotentRequest.objects.exists()
