"""What a client (or staff) controls of who works their programs and for what: bonuses on a
program's hours and blocks of agents from the organisation's programs.

Callers check the person may plan the program (`clients.selectors.program_for(plan=True)`);
these functions keep the rules. A bonus counts for blocks booked while it exists: a booking's pay
is fixed when it is made.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from accounts.models import User
from clients.intervals import is_on_grid
from clients.models import Organisation, Program
from gigcx.errors import DomainError
from scheduling.models import Bonus, ClientBlock

MAX_BONUS_PER_HOUR = Decimal(100)
MAX_BONUS_PERIOD = timedelta(days=92)


class ControlInvalid(DomainError):
    """A bonus or block that breaks a rule; `field` names the input at fault."""


class ControlNotFound(DomainError):
    code = "not_found"
    status_code = 404


@transaction.atomic
def bonus_add(
    *,
    program: Program,
    starts_at: datetime,
    ends_at: datetime,
    per_hour: Decimal,
    created_by: User,
) -> Bonus:
    """Extra pay per hour for blocks of `program` booked in [starts_at, ends_at)."""
    for field, moment in (("starts_at", starts_at), ("ends_at", ends_at)):
        if not is_on_grid(moment):
            raise ControlInvalid("Times must be on the hour or half hour.", field=field)
    if ends_at <= starts_at:
        raise ControlInvalid("The end must come after the start.", field="ends_at")
    if ends_at - starts_at > MAX_BONUS_PERIOD:
        raise ControlInvalid("A bonus may run for at most 92 days.", field="ends_at")
    if not Decimal(0) < per_hour <= MAX_BONUS_PER_HOUR:
        raise ControlInvalid(
            f"The bonus must be more than 0 and at most {MAX_BONUS_PER_HOUR} USD an hour.",
            field="per_hour",
        )
    bonus = Bonus(
        program=program,
        starts_at=starts_at,
        ends_at=ends_at,
        per_hour=per_hour,
        created_by=created_by,
    )
    bonus.full_clean()
    bonus.save()
    return bonus


def bonus_remove(*, program: Program, bonus_id: int) -> None:
    """Blocks already booked keep the bonus they were booked with."""
    deleted, _ = Bonus.objects.filter(program=program, pk=bonus_id).delete()
    if not deleted:
        raise ControlNotFound("This program has no such bonus.")


def client_block_add(*, organisation: Organisation, agent: User, reason: str) -> ClientBlock:
    """The organisation's programs stop offering slots to `agent`; their booked blocks stay."""
    if agent.role != User.Role.AGENT:
        raise ControlInvalid("Only agents can be blocked.", field="agent")
    if not reason.strip():
        raise ControlInvalid("Say why, so staff can review the block.", field="reason")
    try:
        with transaction.atomic():
            return ClientBlock.objects.create(
                organisation=organisation, agent=agent, reason=reason.strip()
            )
    except IntegrityError:
        raise ControlInvalid(
            f"{agent.full_name or agent.email} is already blocked.", field="agent"
        ) from None


def client_block_remove(*, organisation: Organisation, block_id: int) -> None:
    deleted, _ = ClientBlock.objects.filter(organisation=organisation, pk=block_id).delete()
    if not deleted:
        raise ControlNotFound("Your organisation has no such block.")


def program_bonuses(*, program: Program, now: datetime) -> QuerySet[Bonus]:
    """The program's bonuses still running or to come, soonest first."""
    return (
        Bonus.objects.filter(program=program, ends_at__gt=now)
        .select_related("created_by")
        .order_by("starts_at", "pk")
    )


def organisation_blocks(*, organisation: Organisation) -> QuerySet[ClientBlock]:
    return (
        ClientBlock.objects.filter(organisation=organisation)
        .select_related("agent")
        .order_by("-created", "pk")
    )
