"""Courses, my progress, my certifications and verification by code over the API."""

from collections.abc import Sequence

from django.db.models import QuerySet
from django.urls import path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from gigcx.http import AuthenticatedRequest
from training import selectors
from training.models import Award, Course, Topic


class CourseSerializer(serializers.ModelSerializer):
    program: serializers.StringRelatedField = serializers.StringRelatedField()
    certifications: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", many=True, read_only=True
    )
    prerequisite: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    lesson_count = serializers.IntegerField()
    done_count = serializers.IntegerField()
    enrolled = serializers.BooleanField()
    completed_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        model = Course
        fields = [
            "id",
            "slug",
            "title",
            "summary",
            "topic",
            "program",
            "certifications",
            "prerequisite",
            "lesson_count",
            "done_count",
            "enrolled",
            "completed_at",
        ]
        read_only_fields = fields


@extend_schema(
    parameters=[OpenApiParameter("topic", OpenApiTypes.STR, enum=Topic.values, required=False)]
)
class CourseListView(generics.ListAPIView):
    """Published courses, with my progress in each."""

    request: AuthenticatedRequest

    serializer_class = CourseSerializer

    def get_queryset(self) -> Sequence[Course]:  # type: ignore[override]  # a list serves too
        topic = self.request.query_params.get("topic", "")
        if topic and topic not in Topic.values:
            raise serializers.ValidationError(
                {"topic": f"Choose one of {', '.join(Topic.values)}."}
            )
        return selectors.catalogue(agent=self.request.user, at=timezone.now(), topic=topic)


class EnrolmentListView(generics.ListAPIView):
    """The courses I am enrolled in, with lessons done and completion."""

    request: AuthenticatedRequest

    serializer_class = CourseSerializer

    def get_queryset(self) -> QuerySet[Course]:
        return (
            selectors.enrolled_courses(agent=self.request.user)
            .prefetch_related("certifications")
            .select_related("prerequisite")
        )


class AwardSerializer(serializers.ModelSerializer):
    certification = serializers.CharField(source="certification.name")
    holder = serializers.CharField(source="agent.get_full_name")
    status = serializers.ChoiceField(choices=["valid", "expired", "revoked"])

    class Meta:
        model = Award
        fields = [
            "code",
            "certification",
            "holder",
            "awarded_at",
            "expires_at",
            "status",
            "revoked_at",
            "revoked_reason",
        ]
        read_only_fields = fields


class AwardListView(generics.ListAPIView):
    """My certifications, newest first, valid or not."""

    request: AuthenticatedRequest

    serializer_class = AwardSerializer

    def get_queryset(self) -> QuerySet[Award]:
        return selectors.awards_of(agent=self.request.user).select_related("agent")


class VerifyView(generics.GenericAPIView):
    """Public: the certification a code stands for, its holder, dates and status."""

    serializer_class = AwardSerializer
    permission_classes = [AllowAny]

    def get(self, request: Request, code: str) -> Response:
        return Response(self.get_serializer(selectors.award_by_code(code=code)).data)


urlpatterns = [
    path("training/courses/", CourseListView.as_view(), name="api-training-courses"),
    path("training/enrolments/", EnrolmentListView.as_view(), name="api-training-enrolments"),
    path("training/certifications/", AwardListView.as_view(), name="api-training-certifications"),
    path("training/verify/<str:code>/", VerifyView.as_view(), name="api-training-verify"),
]
