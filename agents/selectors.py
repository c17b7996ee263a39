"""Reads shared by pages, the admin and the API."""

from itertools import pairwise

from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import User
from agents.models import Agreement, Application, ApplicationSkill, Status


def agreements_current() -> list[Agreement]:
    """The newest published version of each kind of agreement."""
    newest = (
        Agreement.objects.filter(kind=OuterRef("kind"), published_at__lte=timezone.now())
        .order_by("-version")
        .values("pk")[:1]
    )
    return list(Agreement.objects.filter(pk=Subquery(newest)).order_by("kind"))


def agreements_pending(*, user: User) -> list[Agreement]:
    """Current agreements the person has not accepted in this version."""
    return [
        agreement
        for agreement in agreements_current()
        if not agreement.acceptances.filter(user=user).exists()
    ]


def application_of(*, user: User) -> Application | None:
    return (
        Application.objects.filter(user=user)
        .select_related("user")
        .prefetch_related("skills__skill", "languages", "transitions")
        .first()
    )


def application_list_for_staff() -> QuerySet[Application]:
    return Application.objects.select_related("user").prefetch_related("skills__skill", "languages")


def applicants_by_state() -> list[dict]:
    """Submitted applicants per state, most first, with each bar's share of the largest."""
    rows = list(
        Application.objects.exclude(status=Status.DRAFT)
        .exclude(state="")
        .values("state")
        .annotate(count=Count("pk"))
        .order_by("-count", "state")
    )
    top = rows[0]["count"] if rows else 1
    return [{**row, "percent": round(100 * row["count"] / top, 1)} for row in rows]


def status_counts() -> dict[str, int]:
    counts = dict(Application.objects.values_list("status").annotate(count=Count("pk")))
    return {status: counts.get(status, 0) for status in Status.values}


def funnel(stages: list[str]) -> list[dict]:
    """How many applications ever reached each stage, and the share of the stage before."""
    reached = Application.objects.aggregate(
        **{stage: Count("pk", filter=Q(**{f"{stage}_at__isnull": False})) for stage in stages}
    )
    rows, previous = [], None
    for stage in stages:
        count = reached[stage]
        conversion = round(100 * count / previous, 1) if previous else None
        rows.append({"stage": Status(stage).label, "count": count, "conversion": conversion})
        previous = count
    return rows


def median_days_in_stage(stages: list[str]) -> list[dict]:
    """Median days between entering a stage and entering the next, over those that moved on.

    One ordered query per stage reads the middle row, so it runs in any database and costs the
    same however many applications there are to the page (the database sorts, Python does not).
    """
    rows = []
    for stage, following in pairwise(stages):
        moved = Application.objects.filter(
            **{f"{stage}_at__isnull": False, f"{following}_at__isnull": False}
        ).annotate(spent=F(f"{following}_at") - F(f"{stage}_at"))
        count = moved.count()
        middle = (
            moved.order_by("spent").values_list("spent", flat=True)[count // 2] if count else None
        )
        days = round(middle.total_seconds() / 86400, 1) if middle is not None else None
        rows.append({"stage": Status(stage).label, "days": days, "count": count})
    return rows


def top_skills(limit: int = 10) -> list[dict]:
    return list(
        ApplicationSkill.objects.exclude(application__status=Status.DRAFT)
        .values(name=F("skill__name"))
        .annotate(count=Count("pk"), most_years=Max("years"))
        .order_by("-count", "name")[:limit]
    )
