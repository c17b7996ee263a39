"""What a block pays: the program's rate for its hours plus, per slot, the best bonus."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from clients.intervals import INTERVAL, interval_starts
from clients.models import Program
from scheduling.booking.sql import bonuses

HALF_HOUR = Decimal("0.5")


@dataclass(frozen=True)
class BlockPay:
    base: Decimal
    bonus: Decimal

    @property
    def total(self) -> Decimal:
        return self.base + self.bonus


def block_pay(*, program: Program, starts_at: datetime, ends_at: datetime) -> BlockPay:
    """What a block pays: the program's rate for its hours plus, per slot, the best bonus."""
    found = bonuses({"program": program.pk, "start": starts_at, "end": ends_at})
    return pay_with_bonuses(program, starts_at, ends_at, found)


def pay_with_bonuses(
    program: Program, starts_at: datetime, ends_at: datetime, bonuses: list
) -> BlockPay:
    """`block_pay` from the bonuses (start, end, per hour) that overlap the block."""
    hours = Decimal((ends_at - starts_at) // INTERVAL) * HALF_HOUR
    bonus = sum(
        (
            max((rate for start_, end_, rate in bonuses if start_ <= start < end_), default=0)
            * HALF_HOUR
            for start in interval_starts(starts_at, ends_at)
        ),
        Decimal(0),
    )
    return BlockPay(base=program.pay_rate * hours, bonus=Decimal(bonus).quantize(Decimal("0.01")))
