"""The agent's week of open slots (`open_week`) and its layout in the agent's own time zone."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from scheduling.grid.layout import day_intervals, week_layout
from scheduling.grid.selectors import open_week
from scheduling.models import Bonus, WaitlistEntry, WorkPreference
from tests.factories import AgentFactory, ProgramFactory, SlotFactory, open_slots, working_agent
from tests.queries import assert_flat_queries
from tests.scheduling.clock import HOUR, NOW, TOMORROW_9
from tests.scheduling.exchange import agent, book, full_program

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


def week_of(person, **kwargs):
    return open_week(agent=person, week=NOW.date(), now=NOW, **kwargs)


def by_start(opened, program):
    return {slot.starts_at: slot for slot in opened.slots_of(program)}


def hold(person, program, start, hours, expires):
    return WaitlistEntry.objects.create(
        agent=person,
        program=program,
        starts_at=start,
        ends_at=start + hours * HOUR,
        status=WaitlistEntry.Status.OFFERED,
        offered_at=NOW,
        offer_expires_at=expires,
    )


class TestSeatsAndBadges:
    def test_counts_bookings_and_other_agents_holds_like_the_booking_core(self):
        program = ProgramFactory(name="Acme Voice", min_block_minutes=60)
        open_slots(program, TOMORROW_9, hours=3, capacity=3)
        book(agent(), program, TOMORROW_9, 2)
        viewer, holder = agent(), agent()
        hold(holder, program, TOMORROW_9, 1, expires=NOW + timedelta(minutes=15))

        seen = by_start(week_of(viewer), program)
        assert (seen[TOMORROW_9].booked, seen[TOMORROW_9].held) == (1, 1)
        assert seen[TOMORROW_9].open_seats == 1
        assert seen[TOMORROW_9 + HOUR].open_seats == 2
        assert seen[TOMORROW_9 + 2 * HOUR].open_seats == 3
        # the holder's own offer is theirs to book: not a taken seat for them
        assert by_start(week_of(holder), program)[TOMORROW_9].open_seats == 2

    def test_a_long_block_counts_in_its_last_slot_beside_short_ones(self):
        program = ProgramFactory(min_block_minutes=30)
        open_slots(program, TOMORROW_9, hours=6, capacity=3)
        book(agent(), program, TOMORROW_9, 6)
        book(agent(), program, TOMORROW_9 + 5 * HOUR, 0.5)
        seen = by_start(week_of(agent()), program)
        assert seen[TOMORROW_9 + 5.5 * HOUR].booked == 1
        assert seen[TOMORROW_9 + 5 * HOUR].booked == 2

    def test_an_expired_hold_and_a_cancelled_booking_take_no_seat(self):
        program = ProgramFactory()
        open_slots(program, TOMORROW_9, hours=1, capacity=2)
        booking = book(agent(), program, TOMORROW_9, 1)
        booking.cancelled_at = NOW
        booking.save()
        hold(agent(), program, TOMORROW_9, 1, expires=NOW - timedelta(minutes=1))
        assert by_start(week_of(agent()), program)[TOMORROW_9].open_seats == 2

    def test_full_hot_mine_and_the_best_bonus(self):
        program = full_program(seats=1, hours=3)  # the first 2 h booked by someone else
        me = agent()
        mine = book(me, program, TOMORROW_9 + 2 * HOUR, 1)
        Bonus.objects.create(
            program=program, starts_at=TOMORROW_9, ends_at=TOMORROW_9 + HOUR, per_hour=2
        )
        Bonus.objects.create(
            program=program, starts_at=TOMORROW_9, ends_at=TOMORROW_9 + 4 * HOUR, per_hour=1
        )

        seen = by_start(week_of(me), program)
        first, own = seen[TOMORROW_9], seen[mine.starts_at]
        assert first.full and first.waitlistable and not first.bookable
        assert first.hot  # 1 booked, 3 required
        assert first.bonus_per_hour == Decimal("2.00")
        assert seen[TOMORROW_9 + HOUR].bonus_per_hour == Decimal("1.00")
        assert own.mine and not own.bookable and not own.waitlistable

    def test_hot_means_fewer_booked_than_required(self):
        program = ProgramFactory()
        short = SlotFactory(program=program, starts_at=TOMORROW_9, required=2, capacity=3)
        met = SlotFactory(program=program, starts_at=TOMORROW_9 + HOUR, required=0, capacity=3)
        seen = by_start(week_of(agent()), program)
        assert seen[short.starts_at].hot and not seen[met.starts_at].hot
        assert seen[met.starts_at].bonus_per_hour is None

    def test_slots_closing_soon_or_beyond_the_horizon_are_not_bookable(self):
        program = ProgramFactory(booking_horizon_days=2)
        soon = SlotFactory(program=program, starts_at=NOW + timedelta(minutes=20))
        later = SlotFactory(program=program, starts_at=NOW + timedelta(days=3))
        fine = SlotFactory(program=program, starts_at=NOW + timedelta(hours=2))
        seen = by_start(week_of(agent()), program)
        assert seen[soon.starts_at].closed and seen[later.starts_at].closed
        assert not seen[soon.starts_at].bookable
        assert seen[fine.starts_at].bookable

    def test_only_programs_the_agent_is_eligible_for(self):
        open_program, blocked = ProgramFactory(), ProgramFactory()
        SlotFactory(program=open_program, starts_at=TOMORROW_9)
        SlotFactory(program=blocked, starts_at=TOMORROW_9)
        me = agent()
        blocked.organisation.agent_blocks.create(agent=me)
        opened = week_of(me)
        assert opened.programs == [open_program]
        assert {slot.program_id for slot in opened.slots} == {open_program.pk}

    def test_an_agent_without_an_approved_application_sees_nothing(self):
        SlotFactory(starts_at=TOMORROW_9)
        opened = week_of(AgentFactory())
        assert (opened.programs, opened.slots) == ([], [])


class TestStagedRelease:
    def test_a_new_slot_opens_to_the_top_tier_first(self, settings):
        settings.SCHEDULING_TOP_TIER, settings.SCHEDULING_RELEASE_DELAY_HOURS = 3, 12
        program = ProgramFactory()
        released = NOW - timedelta(hours=1)
        SlotFactory(program=program, starts_at=TOMORROW_9, released_at=released)
        top, everyone = agent(), agent()
        WorkPreference.objects.create(agent=top, tier=3)

        assert by_start(week_of(top), program)[TOMORROW_9].bookable
        slot = by_start(week_of(everyone), program)[TOMORROW_9]
        assert not slot.released and not slot.bookable and not slot.waitlistable
        assert slot.opens_at == released + timedelta(hours=24)  # tier 1: two tiers below top


class TestTimeZones:
    def test_honolulu_and_new_york_see_the_same_slot_at_their_own_local_times(self):
        program = ProgramFactory()
        slot = SlotFactory(program=program, starts_at=TOMORROW_9)  # Wed 09:00 in New York
        for zone, local in (("America/New_York", "Wed 09:00"), ("Pacific/Honolulu", "Wed 04:00")):
            opened = week_of(working_agent(timezone=zone))
            layout = week_layout(opened.week, opened.zone, by_start(opened, program))
            [cell] = [c for row in layout.rows for c in row.cells if c.item is not None]
            assert cell.item.slot_id == slot.pk
            assert f"{cell.local:%a %H:%M}" == local
            assert layout.rows[0].label == local[4:]

    def test_the_week_is_the_agents_local_monday_to_sunday(self):
        program = ProgramFactory()
        # Sunday 23:30 in Honolulu is already Monday in UTC and in New York
        late_sunday = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
        SlotFactory(program=program, starts_at=late_sunday)
        assert late_sunday in by_start(week_of(working_agent(timezone="Pacific/Honolulu")), program)
        assert late_sunday not in by_start(week_of(agent()), program)


class TestQueries:
    def test_the_same_queries_for_one_program_or_twenty(self):
        me = agent()

        def programs(count):
            for n in range(count):
                program = ProgramFactory()
                open_slots(program, TOMORROW_9, hours=3, capacity=2)
                book(agent(), program, TOMORROW_9, 1)
                Bonus.objects.create(
                    program=program, starts_at=TOMORROW_9, ends_at=TOMORROW_9 + HOUR, per_hour=n + 1
                )
            return count

        def week(count):
            opened = week_of(me)
            assert len(opened.programs) == count and len(opened.slots) == 6 * count

        assert assert_flat_queries(programs, week, sizes=(1, 20)) == 6


class TestLayout:
    def test_dst_days_have_46_and_50_rows_of_30_minutes(self):
        assert len(day_intervals(date(2026, 3, 8), NEW_YORK)) == 46
        assert len(day_intervals(date(2026, 11, 1), NEW_YORK)) == 50
        assert len(day_intervals(date(2026, 11, 2), NEW_YORK)) == 48

    def test_fall_back_weekend_gets_the_repeated_hour_as_rows_of_its_own(self):
        starts = day_intervals(date(2026, 11, 1), NEW_YORK)  # a Sunday
        layout = week_layout(date(2026, 10, 26), NEW_YORK, dict.fromkeys(starts, "slot"))
        labels = [row.label for row in layout.rows]
        assert layout.intervals_per_day == [48] * 6 + [50]
        assert labels[:6] == ["00:00", "00:30", "01:00 EDT", "01:30 EDT", "01:00 EST", "01:30 EST"]
        assert [row.cells[6].starts_at for row in layout.rows] == starts  # all, in order
        assert sum(1 for row in layout.rows if row.cells[0].starts_at is None) == 2

    def test_spring_forward_leaves_the_skipped_hour_empty(self):
        starts = day_intervals(date(2026, 3, 8), NEW_YORK)  # a Sunday
        layout = week_layout(date(2026, 3, 2), NEW_YORK, dict.fromkeys(starts, "slot"))
        skipped = [row.label for row in layout.rows if row.cells[6].starts_at is None]
        assert skipped == ["02:00", "02:30"]
        assert len(layout.rows) == 48
        assert [row.cells[6].starts_at for row in layout.rows if row.cells[6].starts_at] == starts

    def test_only_rows_from_the_first_to_the_last_slot(self):
        nine = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)  # Monday 09:00 in New York
        layout = week_layout(date(2026, 11, 30), NEW_YORK, {nine: "a", nine + 3 * HOUR: "b"})
        assert [row.label for row in layout.rows] == [
            "09:00",
            "09:30",
            "10:00",
            "10:30",
            "11:00",
            "11:30",
            "12:00",
        ]
        assert week_layout(date(2026, 11, 30), NEW_YORK, {}).rows == []
