"""Screening glue: load the staff's rules, feed applications to agents.scoring, store the result."""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from agents.models import Application, ScoringRule
from agents.scoring import Candidate, Rule, score

RESCORE_BATCH = 2000


def rules_load() -> list[Rule]:
    """The active rules as plain data, in a stable order (the explanation follows it)."""
    return [
        Rule(
            name=rule.name,
            kind=rule.kind,
            points=rule.points,
            skill_id=rule.skill_id,
            language=rule.language,
            channel=rule.channel,
            item=rule.item,
            threshold=float(rule.threshold) if rule.threshold is not None else None,
            cap=rule.cap,
        )
        for rule in ScoringRule.objects.filter(is_active=True).order_by("kind", "name", "pk")
    ]


# The home-office answers scoring rules can look at (the operating system is not scored).
SCORED_HOME_OFFICE_FIELDS = [
    "headset",
    "wired_internet",
    "quiet_room",
    "download_mbps",
    "upload_mbps",
]


def candidate_for(application: Application) -> Candidate:
    """Plain data of one application; its skills and languages should be prefetched."""
    return Candidate(
        skills={row.skill_id: row.years for row in application.skills.all()},
        languages={row.language: row.level for row in application.languages.all()},
        channels=application.channels,
        typing_wpm=application.typing_wpm,
        typing_accuracy=(
            float(application.typing_accuracy) if application.typing_accuracy is not None else None
        ),
        hours_max=application.hours_max,
        home_office={name: getattr(application, name) for name in SCORED_HOME_OFFICE_FIELDS},
    )


def application_apply_score(*, application: Application, rules: list[Rule]) -> None:
    """Set score, explanation and time on the instance; the caller saves it."""
    application.score, application.score_explanation = score(candidate_for(application), rules)
    application.scored_at = timezone.now()


def applications_rescore(*, on_progress: Callable[[int, int], None] | None = None) -> int:
    """Score every application again with the current rules, in batches of one transaction each."""
    rules = rules_load()
    ids = list(Application.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), RESCORE_BATCH):
        batch_ids = ids[start : start + RESCORE_BATCH]
        with transaction.atomic():
            batch = list(
                Application.objects.filter(pk__in=batch_ids).prefetch_related("skills", "languages")
            )
            for application in batch:
                application_apply_score(application=application, rules=rules)
            Application.objects.bulk_update(batch, ["score", "score_explanation", "scored_at"])
        if on_progress:
            on_progress(min(start + RESCORE_BATCH, len(ids)), len(ids))
    return len(ids)
