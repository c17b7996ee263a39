from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q

from training.models import Award, Certification


def valid_awards_q(at: datetime) -> Q:
    """Awards that count at `at`: earned, not yet expired, not revoked."""
    return Q(awarded_at__lte=at, expires_at__gt=at, revoked_at__isnull=True)


def certified_program_ids(*, agent_id: int, program_ids: Iterable[int], at: datetime) -> set[int]:
    """The programs among `program_ids` whose every required certification the agent holds at `at`.

    Two queries however many programs: what each program requires, and what the agent holds.
    """
    program_ids = set(program_ids)
    required: dict[int, set[int]] = defaultdict(set)
    for program_id, certification_id in Certification.programs.through.objects.filter(
        program_id__in=program_ids
    ).values_list("program_id", "certification_id"):
        required[program_id].add(certification_id)
    if not required:
        return program_ids
    held = set(
        Award.objects.filter(valid_awards_q(at), agent_id=agent_id).values_list(
            "certification_id", flat=True
        )
    )
    return {pk for pk in program_ids if required[pk] <= held}
