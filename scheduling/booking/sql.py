"""The booking path's statements as plain SQL: each runs on every `POST /api/v1/bookings/`
(issue 7), prepared once per connection on PostgreSQL (`gigcx.sql.run`).

Building the same statements with the ORM cost more Python time than PostgreSQL spent running
them (query compilation was ~40 % of a booking's CPU). Each statement is a constant string, every
value a parameter; table names come from the models. The rules they feed stay in services.py.
Seats: the same definition as `scheduling.seats` (live bookings, other agents' running hold
offers that are not a pending release's own seat); tests/scheduling cover both.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db import connection

from accounts.models import User
from clients.models import Program
from gigcx import locking
from gigcx.locking import LOCK_WAIT, Locks
from gigcx.sql import run
from scheduling.booking.eligibility import ELIGIBLE_SQL
from scheduling.models import Bonus, Booking, Slot, WaitlistEntry, WorkPreference

BOOKING = Booking._meta.db_table
HOLD = WaitlistEntry._meta.db_table
PROGRAM = Program._meta.db_table

# The booking's locks, in `gigcx.locking.ORDER`: the agent, then the block's slots by time (see
# LOCKS). `{lock}` is the row lock clause (`gigcx.locking.row_lock_clause`).
LOCK_AGENT = f"SELECT id FROM {User._meta.db_table} WHERE id = %(agent)s {{lock}}"  # noqa: S608
LOCK_SLOTS = f"""
    SELECT id FROM {Slot._meta.db_table}
    WHERE program_id = %(program)s AND starts_at >= %(start)s AND starts_at < %(end)s
    ORDER BY starts_at {{lock}}"""  # noqa: S608 (constants only)

AGENT_BLOCKS = f"""
    SELECT b.starts_at, b.ends_at, p.name FROM {BOOKING} b JOIN {PROGRAM} p ON p.id = b.program_id
    WHERE b.agent_id = %(agent)s AND b.cancelled_at IS NULL
      AND b.starts_at < %(window_end)s AND b.ends_at > %(window_start)s"""  # noqa: S608

BONUSES_SQL = f"""
    SELECT starts_at, ends_at, per_hour FROM {Bonus._meta.db_table}
    WHERE program_id = %(program)s AND starts_at < %(end)s AND ends_at > %(start)s
"""  # noqa: S608 (constants only)

# What the booking rules read once the locks are held. Each row's first column says what it is:
# a slot of the block (its start, release and capacity), a taken seat, one of the agent's blocks
# (with its program's name), a bonus, whether the agent is eligible (`is_eligible`'s statement),
# and the agent's weekly cap and tier (NULL before first use). Columns: kind, start, end (a
# slot's release), text, amount, count.
SLOT, SEAT, MINE, BONUS, ELIGIBLE, PREFERENCE = "slot", "seat", "mine", "bonus", "eligible", "pref"
BLOCK_FACTS_SQL = f"""
    SELECT '{SLOT}', starts_at, released_at, CAST(NULL AS text), CAST(NULL AS numeric), capacity
    FROM {Slot._meta.db_table}
    WHERE program_id = %(program)s AND starts_at >= %(start)s AND starts_at < %(end)s
    UNION ALL
    SELECT '{SEAT}', starts_at, ends_at, NULL, NULL, NULL FROM {BOOKING}
    WHERE program_id = %(program)s AND cancelled_at IS NULL
      AND starts_at < %(end)s AND ends_at > %(start)s
    UNION ALL
    SELECT '{SEAT}', starts_at, ends_at, NULL, NULL, NULL FROM {HOLD}
    WHERE program_id = %(program)s AND status = '{WaitlistEntry.Status.OFFERED.value}'
      AND offer_expires_at > %(now)s AND release_booking_id IS NULL AND agent_id <> %(agent)s
      AND starts_at < %(end)s AND ends_at > %(start)s
    UNION ALL
    SELECT '{MINE}', blocks.*, NULL, NULL FROM ({AGENT_BLOCKS}) AS blocks
    UNION ALL
    SELECT '{BONUS}', bonus.starts_at, bonus.ends_at, NULL, bonus.per_hour, NULL
    FROM ({BONUSES_SQL}) AS bonus
    UNION ALL
    SELECT '{ELIGIBLE}', NULL, NULL, NULL, NULL, CASE WHEN ({ELIGIBLE_SQL}) THEN 1 ELSE 0 END
    UNION ALL
    SELECT '{PREFERENCE}', NULL, NULL, NULL, hours_max, tier
    FROM {WorkPreference._meta.db_table} WHERE agent_id = %(agent)s
"""  # noqa: S608 (constants only)


@dataclass
class BlockFacts:
    """What `BLOCK_FACTS_SQL` found: the block's slots by time, seats taken as (start, end), the
    agent's blocks, bonuses as (start, end, per hour); eligibility; the weekly cap and tier."""

    slots: list["SlotRow"] = field(default_factory=list)
    taken: list[tuple[datetime, datetime]] = field(default_factory=list)
    mine: list["AgentBlock"] = field(default_factory=list)
    bonuses: list[tuple[datetime, datetime, Decimal]] = field(default_factory=list)
    eligible: bool = False
    hours_max: int | None = None
    tier: int | None = None


LOCKS = ((User, LOCK_AGENT), (Slot, LOCK_SLOTS))


def locked_block_facts(params: dict, *, locks: Locks) -> BlockFacts:
    """Set the lock wait, lock the agent, then the block's slots, then read the facts: one round
    trip.

    Each statement of the batch takes its own snapshot once the one before has finished, so the
    facts are read after the locks are granted and see every booking committed before them.
    """
    locks.taking(*(model for model, _ in LOCKS))
    lock_wait = (LOCK_WAIT,) if connection.vendor == "postgresql" else ()
    clause = locking.row_lock_clause()
    statements = [statement.format(lock=clause) for _, statement in LOCKS]
    facts = BlockFacts()
    for kind, start, end, text, amount, count in run(
        *lock_wait, *statements, BLOCK_FACTS_SQL, params=params
    ):
        if kind == SLOT:
            facts.slots.append(SlotRow(start, count, end))
        elif kind == SEAT:
            facts.taken.append((start, end))
        elif kind == MINE:
            facts.mine.append(AgentBlock(start, end, text))
        elif kind == BONUS:
            facts.bonuses.append((start, end, amount))
        elif kind == ELIGIBLE:
            facts.eligible = bool(count)
        else:
            facts.hours_max, facts.tier = int(amount), count
    facts.slots.sort()
    return facts


def agent_blocks(params: dict) -> list["AgentBlock"]:
    return [AgentBlock(*row) for row in run(AGENT_BLOCKS, params=params)]


def bonuses(params: dict) -> list[tuple[datetime, datetime, Decimal]]:
    return run(BONUSES_SQL, params=params)


class AgentBlock(NamedTuple):
    """One of the agent's live blocks, as the overlap, weekly-cap and break rules read it."""

    starts_at: datetime
    ends_at: datetime
    program_name: str


class SlotRow(NamedTuple):
    """A locked slot of the block, as the open and seat rules read it."""

    starts_at: datetime
    capacity: int
    released_at: datetime | None
