"""Which programs an agent may book, and from when their tier sees newly released slots.

An agent is eligible for a program when their application is approved (or active), they hold
every certification the program requires, speak its languages at its levels, have its skills,
and its organisation has not blocked them.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Prefetch, Q

from accounts.models import User
from agents.models import Application, ApplicationLanguage, ApplicationSkill, Status
from clients.models import Program, ProgramLanguage
from gigcx.sql import run
from scheduling.models import ClientBlock, WorkPreference
from training.models import Award, Certification
from training.selectors import certified_program_ids

WORKING = (Status.APPROVED, Status.ACTIVE)


def eligible_programs(
    *, agent: User, at: datetime, programs: list[Program] | None = None
) -> list[Program]:
    """The active programs (or those of `programs`) the agent may book at `at`. Six queries."""
    application = (
        Application.objects.filter(user=agent, status__in=WORKING)
        .prefetch_related("languages", "skills")
        .first()
    )
    if application is None:
        return []
    candidates = _candidates(agent=agent, programs=programs)
    speaks = {row.language: row.level for row in application.languages.all()}
    skills = {row.skill_id for row in application.skills.all()}
    fitting = [
        program
        for program in candidates
        if _speaks(speaks, program.languages.all())
        and {skill.pk for skill in program.required_skills.all()} <= skills
    ]
    certified = certified_program_ids(
        agent_id=agent.pk, program_ids=[program.pk for program in fitting], at=at
    )
    return [program for program in fitting if program.pk in certified]


def is_eligible(*, agent: User, program: Program, at: datetime) -> bool:
    """`eligible_programs` for one program, in one query (a swap's taker; the booking path reads
    the same statement with its other facts).

    Plain SQL: the same rules as an ORM query of nested EXISTS cost ~20 ms to build per call.
    """
    params = {"agent": agent.pk, "program": program.pk, "at": at}
    return bool(run(ELIGIBLE_SQL, params=params)[0][0])  # SQLite answers EXISTS with 1


def _eligible_sql() -> str:
    tables = {
        model.__name__: model._meta.db_table
        for model in (
            Program,
            Application,
            ApplicationLanguage,
            ApplicationSkill,
            ProgramLanguage,
            ClientBlock,
            Award,
        )
    }
    tables["RequiredSkill"] = Program.required_skills.through._meta.db_table
    tables["RequiredCertification"] = Certification.programs.through._meta.db_table
    working = ", ".join(f"'{status}'" for status in WORKING)
    return f"""
    SELECT EXISTS (
      SELECT 1 FROM {tables["Program"]} p
      JOIN {tables["Application"]} a ON a.user_id = %(agent)s AND a.status IN ({working})
      WHERE p.id = %(program)s AND p.is_active
      AND NOT EXISTS (SELECT 1 FROM {tables["ClientBlock"]} b
        WHERE b.agent_id = %(agent)s AND b.organisation_id = p.organisation_id)
      AND NOT EXISTS (SELECT 1 FROM {tables["ProgramLanguage"]} pl
        WHERE pl.program_id = p.id AND pl.min_level > 0 AND NOT EXISTS (
          SELECT 1 FROM {tables["ApplicationLanguage"]} al WHERE al.application_id = a.id
          AND al.language = pl.language AND al.level >= pl.min_level))
      AND NOT EXISTS (SELECT 1 FROM {tables["RequiredSkill"]} rs
        WHERE rs.program_id = p.id AND NOT EXISTS (
          SELECT 1 FROM {tables["ApplicationSkill"]} s
          WHERE s.application_id = a.id AND s.skill_id = rs.skill_id))
      AND NOT EXISTS (SELECT 1 FROM {tables["RequiredCertification"]} rc
        WHERE rc.program_id = p.id AND NOT EXISTS (
          SELECT 1 FROM {tables["Award"]} aw WHERE aw.agent_id = %(agent)s
          AND aw.certification_id = rc.certification_id
          AND aw.awarded_at <= %(at)s AND aw.expires_at > %(at)s AND aw.revoked_at IS NULL))
    )"""  # noqa: S608 (table names from the models, every value a parameter)


ELIGIBLE_SQL = _eligible_sql()


def _candidates(*, agent: User, programs: list[Program] | None) -> list[Program]:
    blocked = ClientBlock.objects.filter(agent=agent).values("organisation")
    queryset = (
        Program.objects.filter(is_active=True)
        .exclude(organisation__in=blocked)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("languages", queryset=ProgramLanguage.objects.order_by()),
            "required_skills",
        )
        .order_by("organisation__name", "name")
    )
    if programs is not None:
        queryset = queryset.filter(pk__in=[program.pk for program in programs])
    return list(queryset)


def _speaks(speaks: dict[str, int], required: list[ProgramLanguage]) -> bool:
    return all(speaks.get(row.language, 0) >= row.min_level for row in required)


def agent_tier(agent: User) -> int:
    """The agent's tier (1 = everyone; higher tiers see new slots earlier), set by performance."""
    return WorkPreference.objects.filter(agent=agent).values_list("tier", flat=True).first() or 1


def bookable_from(released_at: datetime | None, tier: int) -> datetime | None:
    """When a slot released at `released_at` opens to `tier`: at once for the top tier, each
    tier below waits SCHEDULING_RELEASE_DELAY_HOURS more. None: it has always been open."""
    if released_at is None:
        return None
    tiers_below_top = max(settings.SCHEDULING_TOP_TIER - tier, 0)
    return released_at + timedelta(hours=settings.SCHEDULING_RELEASE_DELAY_HOURS * tiers_below_top)


def released_to(tier: int, now: datetime) -> Q:
    """Slots open to `tier` by `now`, as a filter: `bookable_from(released_at, tier) <= now`.

    The delay does not depend on the release time, so it is `bookable_from(now, tier) - now`.
    """
    latest_release = now - (bookable_from(now, tier) - now)
    return Q(released_at=None) | Q(released_at__lte=latest_release)
