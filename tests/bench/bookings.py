"""What the booking benchmarks share: a world of eligible agents and open slots, and a way to run
the same work in many processes at once (each with its own PostgreSQL connection)."""

import multiprocessing
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import connections
from django.utils import timezone

from accounts.models import User
from clients.models import Program
from scheduling.booking.services import booking_create
from scheduling.errors import BookingBusy, BookingRefused
from scheduling.models import Slot
from tests.factories import ProgramFactory, working_agent

HALF_HOUR = timedelta(minutes=30)


def tomorrow() -> datetime:
    """Tomorrow at 00:00 UTC: far enough that booking is open, within every horizon."""
    return timezone.now().replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)


def program_with_slots(*, name: str, seats: int, start: datetime, slots: int) -> Program:
    """A program booked in 30-minute blocks, `slots` consecutive open slots from `start`."""
    program = ProgramFactory(name=name, min_block_minutes=30, booking_horizon_days=30)
    released = timezone.now() - timedelta(days=7)
    Slot.objects.bulk_create(
        Slot(program=program, starts_at=start + n * HALF_HOUR, capacity=seats, released_at=released)
        for n in range(slots)
    )
    return program


def agents(count: int) -> list[User]:
    return [working_agent(timezone="America/New_York") for _ in range(count)]


def attempt(agent: User, program: Program, start: datetime) -> str:
    """Book one 30-minute block; the outcome: booked, 409 <code>, 503 busy or 500 <error>."""
    try:
        booking_create(agent=agent, program=program, starts_at=start, ends_at=start + HALF_HOUR)
    except BookingRefused as refusal:
        return f"409 {refusal.code}"
    except BookingBusy:
        return "503 busy"
    except Exception as error:  # the benchmark counts every failure, whatever it is
        return f"500 {type(error).__name__}"
    return "booked"


def in_processes(work: list[list[Callable[[], str]]]) -> Counter:
    """Run each list of calls in a process of its own, all starting at one moment; the outcomes."""
    context = multiprocessing.get_context("fork")
    start = context.Barrier(len(work))
    results = context.Queue()
    connections.close_all()  # every child opens its own connection

    def run(calls: list[Callable[[], str]]) -> None:
        start.wait()
        results.put([call() for call in calls])
        connections.close_all()

    processes = [context.Process(target=run, args=(calls,)) for calls in work]
    for process in processes:
        process.start()
    outcomes = Counter()
    for _ in processes:
        outcomes.update(results.get())
    for process in processes:
        process.join()
    return outcomes
