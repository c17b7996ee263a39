"""Demo sourcing data for `manage.py seed_demo`: scoring rules, the thirty demo agents as active
applicants, and a few hundred applicants spread over the states and every stage. Idempotent."""

import csv
import io
import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from agents.importing.rows import COLUMNS
from agents.importing.services import applicants_import
from agents.models import (
    AgreementAcceptance,
    Application,
    ApplicationLanguage,
    ApplicationSkill,
    ApplicationTransition,
    ScoringRule,
    Skill,
    Status,
)
from agents.pipeline import MAIN_STAGES, STAGE_TIMESTAMP, STEP_NAMES
from agents.screening import application_apply_score, rules_load
from agents.selectors import agreements_current
from agents.states import STATES

APPLICANT_COUNT = 300
APPLICANT_EMAIL = "applicant{:03d}@gigcx.example"
ZONE_STATES = {
    "America/New_York": ["NY", "FL", "GA", "NC", "OH", "PA", "MA", "VA", "NJ", "MI", "SC", "MD"],
    "America/Chicago": ["TX", "IL", "TN", "MO", "MN", "WI", "AL", "LA"],
    "America/Denver": ["CO", "UT", "NM"],
    "America/Phoenix": ["AZ", "AZ"],
    "America/Los_Angeles": ["CA", "WA", "OR"],
    "America/Anchorage": ["AK"],
    "Pacific/Honolulu": ["HI"],
}
DEMO_RULES = [
    {
        "name": "Healthcare experience",
        "kind": "skill",
        "skill": "healthcare",
        "points": 3,
        "cap": 30,
    },
    {
        "name": "Technical support experience",
        "kind": "skill",
        "skill": "technical-support",
        "points": 3,
        "cap": 30,
    },
    {"name": "Any customer-facing experience", "kind": "skill", "points": 1, "cap": 15},
    {
        "name": "Spanish, fluent or native",
        "kind": "language",
        "language": "es",
        "threshold": 3,
        "points": 10,
    },
    {"name": "Works voice", "kind": "channel", "channel": "voice", "points": 5},
    {"name": "Works chat", "kind": "channel", "channel": "chat", "points": 3},
    {"name": "Types 45 wpm or more", "kind": "typing_wpm", "threshold": 45, "points": 8},
    {"name": "Types 60 wpm or more", "kind": "typing_wpm", "threshold": 60, "points": 5},
    {
        "name": "Typing accuracy 95 % or more",
        "kind": "typing_accuracy",
        "threshold": 95,
        "points": 6,
    },
    {"name": "Has a headset", "kind": "home_office", "item": "headset", "points": 4},
    {"name": "Wired internet", "kind": "home_office", "item": "wired_internet", "points": 4},
    {"name": "Quiet room", "kind": "home_office", "item": "quiet_room", "points": 3},
    {
        "name": "Download 25 Mbps or more",
        "kind": "home_office",
        "item": "download_mbps",
        "threshold": 25,
        "points": 3,
    },
    {"name": "Offers 30 hours a week or more", "kind": "hours", "threshold": 30, "points": 6},
]
# Where the demo applicants stop: most are early in the pipeline, as in real life.
STAGE_SPREAD = (
    [Status.SUBMITTED] * 30
    + [Status.SCREENING] * 20
    + [Status.ASSESSMENT] * 12
    + [Status.BACKGROUND_CHECK] * 8
    + [Status.APPROVED] * 6
    + [Status.ACTIVE] * 6
    + [Status.REJECTED] * 10
    + [Status.WAITLISTED] * 6
    + [Status.WITHDRAWN] * 2
)


def seed_sourcing() -> dict[str, int]:
    rng = random.Random(2026)  # noqa: S311 - made-up people, not secrets
    rules = _ensure_rules()
    agents = _ensure_demo_agents(rng)
    applicants = _ensure_applicants(rng)
    return {"rules": rules, "demo_agents": agents, "applicants": applicants}


def _ensure_rules() -> int:
    if ScoringRule.objects.exists():
        return 0
    skills = dict(Skill.objects.values_list("slug", "pk"))
    ScoringRule.objects.bulk_create(_rule(rule, skills) for rule in DEMO_RULES)
    return len(DEMO_RULES)


def _rule(spec: dict, skills: dict[str, int]) -> ScoringRule:
    fields = {name: value for name, value in spec.items() if name != "skill"}
    return ScoringRule(**fields, skill_id=skills.get(spec.get("skill", "")))


@transaction.atomic
def _ensure_demo_agents(rng: random.Random) -> int:
    """agent01…agent30 become active agents with a complete application."""
    agents = User.objects.filter(email__regex=r"^agent\d\d@gigcx\.example$", application=None)
    skills = list(Skill.objects.all())
    agreements = agreements_current()
    rules = rules_load()
    created = 0
    for index, user in enumerate(agents.order_by("email")):
        states = ZONE_STATES.get(user.timezone, ["NY"])
        state = states[index % len(states)]
        application = Application.objects.create(
            user=user,
            completed_steps=STEP_NAMES,
            phone=f"+1 555 01{index:02d}",
            state=state,
            zip_code=f"{rng.randrange(10000, 99999)}",
            channels=rng.sample(["voice", "chat", "email"], rng.randint(1, 3)),
            hours_min=20,
            hours_max=rng.choice([25, 30, 35]),
            brands=rng.sample(
                ["Northwind Outfitters", "Brightside Health", "Delta", "Nintendo"], 2
            ),
            headset=True,
            wired_internet=True,
            quiet_room=True,
            download_mbps=rng.choice([50, 100, 300]),
            upload_mbps=rng.choice([10, 20, 40]),
            operating_system=rng.choice(["windows", "macos"]),
            writing_sample="Thank you for letting us know, and I am sorry it arrived broken. "
            "I have sent a replacement today at no cost to you; it will arrive within three days.",
            typing_wpm=rng.randint(45, 85),
            typing_accuracy=round(rng.uniform(94, 99.5), 1),
        )
        ApplicationSkill.objects.bulk_create(
            ApplicationSkill(application=application, skill=skill, years=rng.randint(1, 10))
            for skill in rng.sample(skills, 3)
        )
        ApplicationLanguage.objects.create(application=application, language="en", level=4)
        AgreementAcceptance.objects.bulk_create(
            AgreementAcceptance(user=user, agreement=a, accepted_at=timezone.now())
            for a in agreements
        )
        application = Application.objects.prefetch_related("skills", "languages").get(
            pk=application.pk
        )
        application_apply_score(application=application, rules=rules)
        _walk(application, Status.ACTIVE, rng, started_days_ago=rng.randint(60, 200))
        created += 1
    return created


def _ensure_applicants(rng: random.Random) -> int:
    if User.objects.filter(email=APPLICANT_EMAIL.format(1)).exists():
        return 0
    report = applicants_import(file=io.BytesIO(_applicants_csv(rng).encode()))
    with transaction.atomic():
        applications = Application.objects.select_related("user").filter(
            user__email__regex=r"^applicant\d{3}@gigcx\.example$"
        )
        for application in applications:
            _walk(application, rng.choice(STAGE_SPREAD), rng, started_days_ago=rng.randint(1, 120))
    return report.created


def _applicants_csv(rng: random.Random) -> str:
    first = ["Aaliyah", "Ben", "Carmen", "Dev", "Elena", "Farah", "Gabe", "Hana", "Ivan", "Jade"]
    last = ["Reyes", "Okafor", "Schmidt", "Tran", "Cohen", "Singh", "Murphy", "Alvarez", "Kowalski"]
    skills = list(Skill.objects.values_list("slug", flat=True))
    states = list(STATES)
    weights = [
        6 if s in {"CA", "TX", "FL", "NY"} else 3 if s in {"PA", "IL", "OH", "GA"} else 1
        for s in states
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for number in range(1, APPLICANT_COUNT + 1):
        hours_min = rng.choice([10, 15, 20, 25])
        writer.writerow(
            [
                APPLICANT_EMAIL.format(number),
                rng.choice(first),
                rng.choice(last),
                f"+1 555 2{number:03d}",
                rng.choices(states, weights)[0],
                f"{rng.randrange(10000, 99999)}",
                "en:4" + (";es:4" if rng.random() < 0.25 else ""),
                ";".join(rng.sample(["voice", "chat", "email"], rng.randint(1, 3))),
                ";".join(
                    f"{s}:{rng.randint(1, 12)}" for s in rng.sample(skills, rng.randint(1, 3))
                ),
                hours_min,
                hours_min + rng.choice([5, 10, 15]),
                rng.randint(30, 90),
                round(rng.uniform(88, 100), 1),
            ]
        )
    return buffer.getvalue()


def _walk(
    application: Application, target: Status, rng: random.Random, started_days_ago: int
) -> None:
    """Move a demo application through the stages to `target`, a few days per stage, with the
    transitions recorded as staff would have (no notifications: this is history)."""
    at = timezone.now() - timedelta(days=started_days_ago)
    road = (
        MAIN_STAGES[: MAIN_STAGES.index(target) + 1] if target in MAIN_STAGES else MAIN_STAGES[:2]
    )
    previous = application.status if application.status != Status.SUBMITTED else Status.DRAFT
    transitions = []
    for stage in road:
        transitions.append(_transition(application, previous, stage, at))
        setattr(application, STAGE_TIMESTAMP[stage], at)
        previous, at = stage, at + timedelta(days=rng.uniform(0.5, 9))
    if target not in MAIN_STAGES:
        reason = (
            "Not enough experience for our current programs" if target == Status.REJECTED else ""
        )
        transitions.append(_transition(application, previous, target, at, reason))
    application.status = target
    application.status_changed_at = transitions[-1].at
    application.save()
    ApplicationTransition.objects.bulk_create(transitions)


def _transition(
    application: Application, source: str, target: str, at: datetime, reason: str = ""
) -> ApplicationTransition:
    return ApplicationTransition(
        application=application, from_status=source, to_status=target, at=at, reason=reason
    )
