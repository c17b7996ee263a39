"""Staff tools for the applicant pipeline: filters, search, bulk moves, CSV import and export."""

import csv
from collections import Counter
from collections.abc import Iterator, Sequence

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join

from agents.background import applicants_import_start, applications_rescore_start
from agents.choices import LANGUAGE_CHOICES
from agents.forms import ImportForm, RejectForm
from agents.importing.rows import COLUMNS
from agents.models import (
    Agreement,
    AgreementAcceptance,
    Application,
    ApplicationLanguage,
    ApplicationSkill,
    ApplicationTransition,
    ScoringRule,
    Skill,
    Status,
)
from agents.pipeline import NEXT_STAGE
from agents.services import application_transition
from gigcx.admin_actions import reason_form, reason_page
from gigcx.admin_upload import upload_page
from gigcx.errors import DomainError
from gigcx.http import AuthenticatedHttpRequest


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ScoreRangeFilter(admin.SimpleListFilter):
    title = "score"
    parameter_name = "score_range"
    RANGES = [("0-19", 0, 19), ("20-39", 20, 39), ("40-59", 40, 59), ("60-", 60, None)]

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [
            (key, f"{low}+" if high is None else f"{low}–{high}") for key, low, high in self.RANGES
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        for key, low, high in self.RANGES:
            if self.value() == key:
                queryset = queryset.filter(score__gte=low)
                return queryset if high is None else queryset.filter(score__lte=high)
        return queryset


class LanguageFilter(admin.SimpleListFilter):
    title = "language"
    parameter_name = "language"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        spoken = set(ApplicationLanguage.objects.values_list("language", flat=True).distinct())
        return [(code, name) for code, name in LANGUAGE_CHOICES if code in spoken]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(languages__language=self.value())
        return queryset


class ApplicationSkillInline(admin.TabularInline):
    model = ApplicationSkill
    extra = 0
    autocomplete_fields = ["skill"]


class ApplicationLanguageInline(admin.TabularInline):
    model = ApplicationLanguage
    extra = 0


class ApplicationTransitionInline(admin.TabularInline):
    model = ApplicationTransition
    extra = 0
    can_delete = False
    fields = ("from_status", "to_status", "by", "at", "reason")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("by")

    def has_add_permission(self, request: HttpRequest, obj: Application | None = None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["applicant", "email", "state", "status", "score", "submitted_at"]
    list_select_related = ["user"]
    list_filter = [
        "status",
        "state",
        ("skills__skill", admin.RelatedFieldListFilter),
        LanguageFilter,
        ScoreRangeFilter,
        "submitted_at",
    ]
    search_fields = ["user__full_name", "user__email", "phone"]
    show_full_result_count = False
    list_per_page = 50
    actions = ["advance", "reject", "waitlist", "export_csv"]
    inlines = [ApplicationSkillInline, ApplicationLanguageInline, ApplicationTransitionInline]
    readonly_fields = [
        "user",
        "status",
        "score",
        "explanation",
        "scored_at",
        "created",
        "updated",
        "status_changed_at",
        "submitted_at",
        "screening_at",
        "assessment_at",
        "background_check_at",
        "approved_at",
        "active_at",
        "erased_at",
    ]
    exclude = ["score_explanation", "completed_steps"]
    change_list_template = "admin/agents/application/change_list.html"

    @admin.display(ordering="user__full_name")
    def applicant(self, application: Application) -> str:
        return application.user.full_name or "—"

    @admin.display(ordering="user__email", description="e-mail")
    def email(self, application: Application) -> str:
        return application.user.email

    @admin.display(description="why this score")
    def explanation(self, application: Application) -> str:
        return (
            format_html_join(
                "\n",
                "<div>{} <strong>+{}</strong> <span class='help'>{}</span></div>",
                (
                    (line["rule"], line["points"], line.get("detail", ""))
                    for line in application.score_explanation
                ),
            )
            or "No rule gave points."
        )

    # --- bulk moves: the same service per row, so the transition table holds ------------------

    @admin.action(description="Advance to the next stage")
    def advance(self, request: AuthenticatedHttpRequest, queryset: QuerySet) -> None:
        moves: list[tuple[int, str]] = []
        stuck: Counter[str] = Counter()
        for pk, status in queryset.values_list("pk", "status"):
            if status in NEXT_STAGE:
                moves.append((pk, NEXT_STAGE[status]))
            else:
                stuck[f"a {Status(status).label.lower()} application has no next stage"] += 1
        self._move(request, moves, reason="", refused=stuck)

    @admin.action(description="Waitlist")
    def waitlist(self, request: AuthenticatedHttpRequest, queryset: QuerySet) -> None:
        self._move(
            request, [(pk, Status.WAITLISTED) for pk in queryset.values_list("pk", flat=True)], ""
        )

    @admin.action(description="Reject, with a reason…")
    def reject(self, request: AuthenticatedHttpRequest, queryset: QuerySet) -> HttpResponse | None:
        form = reason_form(request, RejectForm)
        if form.is_valid():
            moves = [(pk, Status.REJECTED) for pk in queryset.values_list("pk", flat=True)]
            self._move(request, moves, reason=form.cleaned_data["reason"])
            return None
        return reason_page(
            self,
            request,
            queryset,
            action="reject",
            form=form,
            consequence="The applicants will see the reason in their inbox.",
        )

    def _move(
        self,
        request: AuthenticatedHttpRequest,
        moves: Sequence[tuple[int, str]],
        reason: str,
        refused: Counter | None = None,
    ) -> None:
        moved, refused = 0, refused or Counter()
        for pk, to_status in moves:
            try:
                application_transition(
                    application_id=pk, to_status=to_status, by=request.user, reason=reason
                )
                moved += 1
            except DomainError as error:
                refused[error.message] += 1
        if moved:
            self.message_user(request, f"{moved} application(s) moved.", messages.SUCCESS)
        for message, count in refused.most_common():
            self.message_user(request, f"{count} refused: {message}", messages.WARNING)

    @admin.action(description="Export as CSV (the import's columns, plus status and score)")
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> StreamingHttpResponse:
        rows = queryset.select_related("user").prefetch_related("skills__skill", "languages")
        response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv")
        stamp = timezone.now().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="applicants-{stamp}.csv"'
        return response

    # --- import and re-score, as jobs --------------------------------------------------------

    def get_urls(self) -> list:
        extra = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="agents_application_import",
            ),
            path(
                "rescore/",
                self.admin_site.admin_view(self.rescore_view),
                name="agents_application_rescore",
            ),
        ]
        return extra + super().get_urls()

    def import_view(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        def start(form: Form) -> HttpResponse:
            job = applicants_import_start(owner=request.user, upload=form.cleaned_data["file"])
            return redirect("agents_staff:import_status", job_id=job.pk)

        return upload_page(
            self,
            request,
            form_class=ImportForm,
            title="Import applicants",
            template="admin/agents/application/import.html",
            on_valid=start,
        )

    def rescore_view(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if request.method != "POST" or not self.has_change_permission(request):
            return HttpResponseRedirect(reverse("admin:agents_application_changelist"))
        job = applications_rescore_start(owner=request.user)
        return redirect("jobs:detail", job_id=job.pk)


def _csv_lines(applications: QuerySet) -> Iterator[str]:
    """The export, line by line, so 200,000 applicants stream instead of filling memory."""

    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo())
    yield writer.writerow([*COLUMNS, "status", "score"])
    for application in applications.iterator(chunk_size=2000):
        first, _, last = application.user.full_name.partition(" ")
        yield writer.writerow(
            [
                application.user.email,
                first,
                last,
                application.phone,
                application.state,
                application.zip_code,
                ";".join(f"{lang.language}:{lang.level}" for lang in application.languages.all()),
                ";".join(application.channels),
                ";".join(f"{s.skill.slug}:{s.years}" for s in application.skills.all()),
                application.hours_min if application.hours_min is not None else "",
                application.hours_max if application.hours_max is not None else "",
                application.typing_wpm if application.typing_wpm is not None else "",
                application.typing_accuracy if application.typing_accuracy is not None else "",
                application.status,
                application.score,
            ]
        )


@admin.register(ScoringRule)
class ScoringRuleAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "skill",
        "language",
        "channel",
        "item",
        "threshold",
        "points",
        "cap",
        "is_active",
    ]
    list_filter = ["kind", "is_active"]
    list_editable = ["points", "is_active"]
    list_select_related = ["skill"]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "version", "published_at"]
    list_filter = ["kind"]


@admin.register(AgreementAcceptance)
class AgreementAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["user", "agreement", "accepted_at"]
    list_select_related = ["user", "agreement"]
    list_filter = ["agreement"]
    search_fields = ["user__email", "user__full_name"]
    readonly_fields = ["user", "agreement", "accepted_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
