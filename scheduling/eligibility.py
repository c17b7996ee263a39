"""Which programs an agent may book, and from when their tier sees newly released slots.

An agent is eligible for a program when their application is approved (or active), they hold
every certification the program requires, speak its languages at its levels, have its skills,
and its organisation has not blocked them.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch

from accounts.models import User
from agents.models import Application, ApplicationLanguage, ApplicationSkill, Status
from clients.models import Program, ProgramLanguage
from scheduling.models import ClientBlock, WorkPreference
from training.models import Award, Certification
from training.selectors import certified_program_ids, valid_awards_q

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
    """`eligible_programs` for one program, in one query (the booking path asks this)."""
    application = Application.objects.filter(user=agent, status__in=WORKING)
    speaks_it = ApplicationLanguage.objects.filter(
        application__in=application, language=OuterRef("language"), level__gte=OuterRef("min_level")
    )
    has_skill = ApplicationSkill.objects.filter(
        application__in=application, skill=OuterRef("skill_id")
    )
    holds = Award.objects.filter(
        valid_awards_q(at), agent=agent, certification=OuterRef("certification_id")
    )
    lacks = (
        ProgramLanguage.objects.filter(program=OuterRef("pk"), min_level__gt=0)
        .exclude(Exists(speaks_it))
        .order_by(),
        Program.required_skills.through.objects.filter(program=OuterRef("pk")).exclude(
            Exists(has_skill)
        ),
        Certification.programs.through.objects.filter(program=OuterRef("pk")).exclude(
            Exists(holds)
        ),
        ClientBlock.objects.filter(agent=agent, organisation=OuterRef("organisation")),
    )
    eligible = Program.objects.filter(Exists(application), pk=program.pk, is_active=True)
    for missing in lacks:
        eligible = eligible.exclude(Exists(missing))
    return eligible.exists()


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
