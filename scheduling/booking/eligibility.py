"""Which programs an agent may book: one definition for the booking path, the grid, the slots
API, the waitlist and the swap board.

An agent is eligible for a program when their application is approved (or active), they hold
every certification the program requires, speak its languages at its levels, have its skills,
and its organisation has not blocked them.
"""

from datetime import datetime

from accounts.models import User
from agents.models import Application, ApplicationLanguage, ApplicationSkill, Status
from clients.models import Program, ProgramLanguage
from gigcx.sql import run
from scheduling.models import ClientBlock, WorkPreference
from training.models import Award, Certification

WORKING = (Status.APPROVED, Status.ACTIVE)


def eligible_programs(
    *, agent: User, at: datetime, programs: list[Program] | None = None
) -> list[Program]:
    """The active programs (or those of `programs`) the agent may book at `at`, by organisation
    and name. Two queries: the rule's statement, then the programs it names."""
    program_ids = {row[0] for row in run(ELIGIBLE_PROGRAMS_SQL, params=_params(agent, None, at))}
    if programs is not None:
        program_ids &= {program.pk for program in programs}
    return list(
        Program.objects.filter(pk__in=program_ids)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def is_eligible(*, agent: User, program: Program, at: datetime) -> bool:
    """`eligible_programs` for one program, in one query (a swap's taker; the booking path reads
    the same statement with its other facts)."""
    return bool(run(ELIGIBLE_SQL, params=_params(agent, program, at))[0][0])  # SQLite says 1


def _params(agent: User, program: Program | None, at: datetime) -> dict:
    return {"agent": agent.pk, "program": program.pk if program else None, "at": at}


def _eligibility_sql() -> str:
    """The rule, once: `FROM … WHERE …` over programs `p` and the agent's application `a`.

    Plain SQL, because the booking path reads it in its one round trip (`ELIGIBLE_SQL`) and the
    same rules as an ORM query of nested EXISTS cost ~20 ms to build per call. The awards that
    count are training's `valid_awards_q`; tests hold the two together.
    """
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
      FROM {tables["Program"]} p
      JOIN {tables["Application"]} a ON a.user_id = %(agent)s AND a.status IN ({working})
      WHERE p.is_active
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
    """  # noqa: S608 (table names from the models, every value a parameter)


ELIGIBILITY = _eligibility_sql()
ELIGIBLE_PROGRAMS_SQL = f"SELECT p.id {ELIGIBILITY}"
ELIGIBLE_SQL = f"SELECT EXISTS (SELECT 1 {ELIGIBILITY} AND p.id = %(program)s)"


def agent_tier(agent: User) -> int:
    """The agent's tier (1 = everyone; higher tiers see new slots earlier), set by performance."""
    return WorkPreference.objects.filter(agent=agent).values_list("tier", flat=True).first() or 1
