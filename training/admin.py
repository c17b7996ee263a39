"""Staff author courses (lessons, quizzes, questions and choices inline) and revoke awards."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse

from gigcx.admin_actions import reason_form, reason_page
from gigcx.errors import DomainError
from training.forms import RevokeForm
from training.models import (
    Attempt,
    Award,
    Certification,
    Choice,
    Course,
    Enrolment,
    Lesson,
    Question,
    Quiz,
)
from training.services import award_revoke


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["name", "validity_days"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["programs"]


class LessonInline(admin.StackedInline):
    model = Lesson
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class QuizInline(admin.TabularInline):
    model = Quiz
    extra = 0
    show_change_link = True


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "program", "is_published"]
    list_filter = ["topic", "is_published"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["certifications"]
    inlines = [LessonInline, QuizInline]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["title", "course", "pass_mark_percent", "max_attempts", "cooldown_minutes"]
    list_select_related = ["course"]
    inlines = [QuestionInline]


class ChoiceFormSet(BaseInlineFormSet):
    """A question needs a right choice; a single-choice question exactly one."""

    def clean(self) -> None:
        super().clean()
        kept = [
            form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        right = sum(bool(form.cleaned_data.get("is_correct")) for form in kept)
        if right == 0:
            raise ValidationError("Mark at least one choice as right.")
        if self.instance.kind == Question.Kind.SINGLE and right > 1:
            raise ValidationError("A single-choice question has exactly one right choice.")


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    extra = 2


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "quiz", "kind"]
    list_select_related = ["quiz__course"]
    search_fields = ["text"]
    inlines = [ChoiceInline]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["agent", "course", "enrolled_at", "completed_at"]
    list_select_related = ["agent", "course"]
    search_fields = ["agent__email", "course__title"]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["agent", "quiz", "started_at", "score_percent", "passed"]
    list_select_related = ["agent", "quiz__course"]
    search_fields = ["agent__email"]
    readonly_fields = ["agent", "quiz", "started_at", "deadline", "submitted_at", "score_percent"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["certification", "agent", "awarded_at", "expires_at", "revoked_at"]
    list_select_related = ["certification", "agent"]
    list_filter = ["certification"]
    search_fields = ["agent__email", "code"]
    readonly_fields = ["code", "revoked_at", "revoked_reason", "reminded_days"]
    actions = ["revoke"]

    @admin.action(description="Revoke the selected certifications (asks for a reason)")
    def revoke(self, request: HttpRequest, queryset: QuerySet[Award]) -> HttpResponse | None:
        form = reason_form(request, RevokeForm)
        if form.is_valid():
            self._revoke_all(request, queryset, form.cleaned_data["reason"])
            return None
        return reason_page(
            self,
            request,
            queryset,
            action="revoke",
            form=form,
            consequence="They stop counting at once; the holders and the public verification page "
            "will show the reason.",
        )

    def _revoke_all(self, request: HttpRequest, queryset: QuerySet[Award], reason: str) -> None:
        revoked = 0
        for pk in queryset.values_list("pk", flat=True):
            try:
                award_revoke(award_id=pk, reason=reason)
                revoked += 1
            except DomainError as error:
                self.message_user(request, error.message, messages.WARNING)
        self.message_user(request, f"{revoked} certification(s) revoked.", messages.SUCCESS)
