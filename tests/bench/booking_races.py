"""Booking races (issue 7): many processes booking at the same moment; the rules stay exact."""

import time
from collections import Counter

from scheduling.models import Booking
from tests.bench.bookings import (
    HALF_HOUR,
    agents,
    attempt,
    in_processes,
    program_with_slots,
    tomorrow,
)
from tests.bench.common import Row

TITLE = "Booking races (issue 7): booking_create from many processes at once"
findings: list[str] = []


def race(label: str, work: list[list], expect_booked: int) -> Row:
    started = time.perf_counter()
    outcomes = in_processes(work)
    seconds = time.perf_counter() - started
    attempts = sum(outcomes.values())
    booked = Booking.objects.filter(cancelled_at=None).count()
    verdict = "exact" if booked == outcomes["booked"] == expect_booked else "WRONG"
    findings.append(f"- {label}: {describe(outcomes)}; {booked} in the database — {verdict}")
    Booking.objects.all().delete()
    return label, attempts, seconds


def describe(outcomes: Counter) -> str:
    return ", ".join(f"{count} × {outcome}" for outcome, count in sorted(outcomes.items()))


def many_agents_one_slot() -> Row:
    start = tomorrow()
    program = program_with_slots(name="Race 20 seats", seats=20, start=start, slots=1)
    people = agents(500)
    work = [
        [lambda a=agent: attempt(a, program, start) for agent in people[n::50]] for n in range(50)
    ]
    return race("500 agents, 50 processes, one 20-seat slot", work, 20)


def one_agent_same_block() -> Row:
    start = tomorrow() + HALF_HOUR * 4
    program = program_with_slots(name="Race same block", seats=20, start=start, slots=1)
    (agent,) = agents(1)
    work = [[lambda: attempt(agent, program, start)] for _ in range(20)]
    return race("one agent, the same block from 20 processes", work, 1)


def two_programs_overlapping() -> Row:
    start = tomorrow() + HALF_HOUR * 8
    acme = program_with_slots(name="Race Acme", seats=5, start=start, slots=20)
    globex = program_with_slots(name="Race Globex", seats=5, start=start, slots=20)
    people = agents(20)
    # agent n books the same half hour (its own: start + n × 30 min) of both programs at once,
    # from two processes: exactly one of the two each.
    work = [
        [lambda a=agent, p=program, n=n: attempt(a, p, start + n * HALF_HOUR)]
        for n, agent in enumerate(people)
        for program in (acme, globex)
    ]
    return race("20 agents × two programs' overlapping blocks, 40 processes", work, 20)


def run() -> list[Row]:
    findings.clear()
    return [many_agents_one_slot(), one_agent_same_block(), two_programs_overlapping()]


def report() -> None:
    print("\nOutcomes (booked / refusal code / busy / errors):\n")
    print("\n".join(findings))
