"""Reads shared by pages, the admin and the API."""

import re
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from itertools import pairwise
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    Count,
    DurationField,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import CombinedExpression
from django.utils import timezone

from accounts.models import User
from agents.models import Agreement, AgreementAcceptance, Application, ApplicationSkill, Status

NUMBERED_SECTION = re.compile(r"^\d+\.\s+(?P<title>[^:]+?):\s+(?P<text>.+)$")


def agreements_current() -> list[Agreement]:
    """The newest published version of each kind of agreement."""
    newest = (
        Agreement.objects.filter(kind=OuterRef("kind"), published_at__lte=timezone.now())
        .order_by("-version")
        .values("pk")[:1]
    )
    return list(Agreement.objects.filter(pk=Subquery(newest)).order_by("kind"))


def bill_of_rights_current() -> Agreement | None:
    """The newest published version of the Agent Bill of Rights, if any."""
    return (
        Agreement.objects.filter(
            kind=Agreement.Kind.BILL_OF_RIGHTS, published_at__lte=timezone.now()
        )
        .order_by("-version")
        .first()
    )


def numbered_sections(body: str) -> list[tuple[str, str]]:
    """A body written as numbered "N. Title: text" lines, as (title, text) pairs; an empty list
    when any line is written otherwise (the page then shows the body as plain paragraphs)."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    matches = [NUMBERED_SECTION.match(line) for line in lines]
    if not lines or not all(matches):
        return []
    return [(match["title"], match["text"]) for match in matches if match]


def agreements_pending(*, user: User) -> list[Agreement]:
    """Current agreements the person has not accepted in this version."""
    current = agreements_current()
    accepted = set(
        AgreementAcceptance.objects.filter(user=user, agreement__in=current).values_list(
            "agreement_id", flat=True
        )
    )
    return [agreement for agreement in current if agreement.pk not in accepted]


def application_of(*, user: User) -> Application | None:
    return (
        Application.objects.filter(user=user)
        .select_related("user")
        .prefetch_related("skills__skill", "languages", "transitions")
        .first()
    )


def application_list_for_staff() -> QuerySet[Application]:
    return Application.objects.select_related("user").prefetch_related("skills__skill", "languages")


def application_counts() -> Counter[tuple[str, str]]:
    """Applications per (status, state): one GROUP BY that the dashboard's counts share."""
    rows = Application.objects.values_list("status", "state").annotate(count=Count("pk"))
    return Counter({(status, state): count for status, state, count in rows})


def applicants_by_state(*, counts: Counter[tuple[str, str]]) -> list[dict]:
    """Submitted applicants per state, most first, with each bar's share of the largest."""
    by_state: Counter[str] = Counter()
    for (status, state), count in counts.items():
        if status != Status.DRAFT and state:
            by_state[state] += count
    rows: list[dict[str, Any]] = [
        {"state": state, "count": count}
        for state, count in sorted(by_state.items(), key=lambda item: (-item[1], item[0]))
    ]
    top = rows[0]["count"] if rows else 1
    return [{**row, "percent": round(100 * row["count"] / top, 1)} for row in rows]


def status_counts(*, counts: Counter[tuple[str, str]]) -> dict[str, int]:
    by_status: Counter[str] = Counter()
    for (status, _), count in counts.items():
        by_status[status] += count
    return {status: by_status[status] for status in Status.values}


class _Median(Aggregate):
    """PostgreSQL's exact median (nulls left out) of an interval or number."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()


def pipeline_statistics(stages: Sequence[str]) -> dict[str, list[dict]]:
    """The funnel (how many applications ever reached each stage, and the share of the stage
    before) and the median days spent in each stage by those that moved on.

    On PostgreSQL it is one scan of the applications; elsewhere (the embedded SQLite setup) each
    median is one more ordered query that reads the middle row.
    """
    moves = list(pairwise(stages))
    aggregates: dict[str, Aggregate] = {
        **{stage: Count("pk", filter=_entered(stage)) for stage in stages},
        **{f"moved_{stage}": Count("pk", filter=_entered(stage, nxt)) for stage, nxt in moves},
    }
    medians = connection.vendor == "postgresql"
    if medians:
        aggregates |= {f"median_{stage}": _Median(_spent(stage, nxt)) for stage, nxt in moves}
    totals = Application.objects.aggregate(**aggregates)
    if not medians:
        totals |= {f"median_{stage}": _middle_spent(stage, nxt, totals) for stage, nxt in moves}
    return {"funnel": _funnel(stages, totals), "median_days": _median_days(moves, totals)}


def _entered(*stages: str) -> Q:
    return Q(**{f"{stage}_at__isnull": False for stage in stages})


def _spent(stage: str, following: str) -> CombinedExpression:
    return F(f"{following}_at") - F(f"{stage}_at")


def _middle_spent(stage: str, following: str, totals: dict) -> timedelta | None:
    count = totals[f"moved_{stage}"]
    if not count:
        return None
    moved = Application.objects.filter(_entered(stage, following))
    return (
        moved.annotate(spent=_spent(stage, following))
        .order_by("spent")
        .values_list("spent", flat=True)[count // 2]
    )


def _funnel(stages: Sequence[str], totals: dict) -> list[dict]:
    rows: list[dict] = []
    previous: int | None = None
    for stage in stages:
        count = totals[stage]
        conversion = round(100 * count / previous, 1) if previous else None
        rows.append({"stage": Status(stage).label, "count": count, "conversion": conversion})
        previous = count
    return rows


def _median_days(moves: list[tuple[str, str]], totals: dict) -> list[dict]:
    return [
        {
            "stage": Status(stage).label,
            "days": _days(totals[f"median_{stage}"]),
            "count": totals[f"moved_{stage}"],
        }
        for stage, _ in moves
    ]


def _days(spent: timedelta | None) -> float | None:
    return round(spent.total_seconds() / 86400, 1) if spent is not None else None


def top_skills(limit: int = 10) -> list[dict]:
    """The skills most applicants have. Drafts are few, so they are left out by a small
    hashed subquery rather than a join with every application."""
    drafts = Application.objects.filter(status=Status.DRAFT).values("pk")
    return list(
        ApplicationSkill.objects.exclude(application_id__in=drafts)
        .values(name=F("skill__name"))
        .annotate(count=Count("pk"), most_years=Max("years"))
        .order_by("-count", "name")[:limit]
    )
