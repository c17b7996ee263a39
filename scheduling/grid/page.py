"""What the booking grid page shows: the week of open slots laid out, the program picker, the
selected block's estimate. Builds template context from the selector and the pure layout."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from accounts.models import User
from clients.models import Program
from scheduling.availability.selectors import available_intervals
from scheduling.booking.eligibility import agent_tier, eligible_programs
from scheduling.booking.pay import BlockPay, block_pay
from scheduling.booking.selectors import booked_hours
from scheduling.booking.services import work_preference_for
from scheduling.errors import BookingRefused
from scheduling.grid.cells import row_html
from scheduling.grid.layout import week_layout
from scheduling.grid.picker import PickerCounts, picker_counts
from scheduling.grid.selectors import open_week, week_of_programs


@dataclass(frozen=True)
class ProgramChoice:
    program: Program
    counts: PickerCounts
    selected: bool


def grid_context(*, agent: User, week: date, program_id: int | None, now: datetime) -> dict:
    """Everything the grid shows for the agent's week and one program (the first by default):
    that program's slots laid out, and counts for every eligible program in the picker."""
    eligible = eligible_programs(agent=agent, at=now)
    program = next((p for p in eligible if p.pk == program_id), None) or next(iter(eligible), None)
    tier = agent_tier(agent)
    shown = [program] if program else []
    opened = week_of_programs(agent=agent, week=week, now=now, eligible=shown, tier=tier)
    slots = {slot.starts_at: slot for slot in opened.slots}
    layout = week_layout(opened.week, opened.zone, slots)
    start, end = opened.starts_at, opened.ends_at  # the agent's local week
    available = available_intervals(agent, start, end)
    counts = picker_counts(agent=agent, programs=eligible, start=start, end=end, now=now, tier=tier)
    return {
        "week": opened.week,
        "previous_week": opened.week - timedelta(days=7),
        "next_week": opened.week + timedelta(days=7),
        "zone": opened.zone.key,
        "program": program,
        "choices": _choices(eligible, counts, program),
        "layout": layout,
        "rows": [(row.label, row_html(program, row.cells, available)) for row in layout.rows],
        "booked_hours": booked_hours(agent=agent, start=start, end=end),
        "preference": work_preference_for(agent),
    }


def _choices(
    programs: list[Program], counts: dict[int, PickerCounts], selected: Program | None
) -> list[ProgramChoice]:
    return [
        ProgramChoice(
            program=program,
            counts=counts.get(program.pk, PickerCounts()),
            selected=program == selected,
        )
        for program in programs
    ]


@dataclass(frozen=True)
class Estimate:
    program: Program
    starts_at: datetime
    ends_at: datetime
    pay: BlockPay
    full_at: list[datetime]  # slots of the block with no seat left (join the waitlist)

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at) / timedelta(hours=1)


def block_estimate(
    *, agent: User, program: Program, starts_at: datetime, ends_at: datetime, now: datetime
) -> Estimate:
    """The block's pay (`block_pay`) and which of its slots are full, before booking.

    Raises BookingRefused for a program the agent may not book: no pay to show them."""
    opened = open_week(agent=agent, week=_local_date(agent, starts_at), now=now, programs=[program])
    if not opened.programs:
        raise BookingRefused("not_eligible", f"You are not eligible for {program.name}.")
    full_at = [
        slot.starts_at
        for slot in opened.slots_of(program)
        if starts_at <= slot.starts_at < ends_at and slot.full and not slot.mine
    ]
    return Estimate(
        program=program,
        starts_at=starts_at,
        ends_at=ends_at,
        pay=block_pay(program=program, starts_at=starts_at, ends_at=ends_at),
        full_at=full_at,
    )


def _local_date(agent: User, moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(agent.timezone)).date()


def undo_until(created: datetime) -> datetime:
    """Until when a booking made at `created` can be undone for free."""
    return created + timedelta(minutes=settings.SCHEDULING_FREE_UNDO_MINUTES)
