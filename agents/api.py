"""The applicant API: an agent's own application; staff list, filter and move applications."""

from typing import cast

import django_filters
from django.db.models import QuerySet, prefetch_related_objects
from django.urls import path
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from agents.models import (
    HOME_OFFICE_FIELDS,
    PROFILE_FIELDS,
    Application,
    ApplicationLanguage,
    ApplicationSkill,
    Status,
)
from agents.selectors import application_list_for_staff
from agents.services import application_for, application_transition, application_update
from agents.states import STATE_CHOICES
from gigcx.http import AuthenticatedRequest


class SkillYearsSerializer(serializers.ModelSerializer):
    skill: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )

    class Meta:
        model = ApplicationSkill
        fields = ["skill", "years"]


class LanguageLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationLanguage
        fields = ["language", "level"]


EDITABLE_FIELDS = [*PROFILE_FIELDS, "brands", *HOME_OFFICE_FIELDS, "writing_sample"]


class ApplicationSerializer(serializers.ModelSerializer):
    # A plain string in the schema: the stage names are documented once, on the transition's `to`
    # (two enums with one choice set, or two `status` enums, make drf-spectacular warn).
    status = serializers.CharField(
        read_only=True, help_text="Pipeline stage: " + ", ".join(Status.values) + "."
    )
    email = serializers.EmailField(source="user.email", read_only=True)
    full_name = serializers.CharField(source="user.full_name", read_only=True)
    timezone = serializers.CharField(source="user.timezone", read_only=True)
    skills = SkillYearsSerializer(many=True, read_only=True)
    languages = LanguageLevelSerializer(many=True, read_only=True)
    state = serializers.ChoiceField(choices=STATE_CHOICES, required=False)
    channels = serializers.ListField(child=serializers.CharField(), required=False)
    brands = serializers.ListField(child=serializers.CharField(max_length=100), required=False)

    class Meta:
        model = Application
        fields = [
            "id",
            "email",
            "full_name",
            "timezone",
            "status",
            *EDITABLE_FIELDS,
            "skills",
            "languages",
            "typing_wpm",
            "typing_accuracy",
            "completed_steps",
            "submitted_at",
            "status_changed_at",
        ]
        read_only_fields = [
            "id",
            "status",
            "typing_wpm",
            "typing_accuracy",
            "completed_steps",
            "submitted_at",
            "status_changed_at",
        ]


class StaffApplicationSerializer(ApplicationSerializer):
    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "score", "score_explanation"]
        read_only_fields = fields


class MyApplicationView(generics.RetrieveUpdateAPIView):
    """The signed-in agent's application. PATCH changes it while it is still a draft."""

    request: AuthenticatedRequest

    serializer_class = ApplicationSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> Application:
        if not self.request.user.is_agent:
            self.permission_denied(self.request, message="Only agents have an application.")
        return _with_lists(application_for(user=self.request.user))

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        application = cast(Application, serializer.instance)  # update() gave it get_object()
        serializer.instance = _with_lists(
            application_update(application=application, fields=serializer.validated_data)
        )


def _with_lists(application: Application) -> Application:
    """The application with the skills and languages its serializer lists, in two queries."""
    prefetch_related_objects([application], "skills__skill", "languages")
    return application


class ApplicationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Status.choices)
    state = django_filters.ChoiceFilter(choices=STATE_CHOICES)
    skill = django_filters.CharFilter(field_name="skills__skill__slug", distinct=True)
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")
    max_score = django_filters.NumberFilter(field_name="score", lookup_expr="lte")

    class Meta:
        model = Application
        fields = ["status", "state", "skill", "min_score", "max_score"]


class StaffOnly(permissions.IsAdminUser):
    message = "Only staff see applications."


class ApplicationListView(generics.ListAPIView):
    """Applications, best score first; filter by status, state, skill and score."""

    serializer_class = StaffApplicationSerializer
    permission_classes = [StaffOnly]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ApplicationFilter

    def get_queryset(self) -> QuerySet[Application]:
        return application_list_for_staff().order_by("-score", "pk")


class ApplicationDetailView(generics.RetrieveAPIView):
    serializer_class = StaffApplicationSerializer
    permission_classes = [StaffOnly]

    def get_queryset(self) -> QuerySet[Application]:
        return application_list_for_staff()


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Status.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ApplicationTransitionView(APIView):
    """Move an application to another stage; 409 with code `illegal_transition` if not allowed."""

    permission_classes = [StaffOnly]

    @extend_schema(request=TransitionSerializer, responses=StaffApplicationSerializer)
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        generics.get_object_or_404(Application, pk=pk)
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        application_transition(
            application_id=pk,
            to_status=data.validated_data["to"],
            by=request.user,
            reason=data.validated_data["reason"],
        )
        application = application_list_for_staff().get(pk=pk)
        return Response(StaffApplicationSerializer(application).data)


urlpatterns = [
    path("agents/me/", MyApplicationView.as_view(), name="api-agent-me"),
    path("applications/", ApplicationListView.as_view(), name="api-applications"),
    path("applications/<int:pk>/", ApplicationDetailView.as_view(), name="api-application"),
    path(
        "applications/<int:pk>/transition/",
        ApplicationTransitionView.as_view(),
        name="api-application-transition",
    ),
]
