"""Requirements and coverage over the API."""

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from clients.forms import WeekField
from clients.selectors import program_for
from gigcx.errors import DomainError
from gigcx.http import AuthenticatedRequest
from scheduling.booking.api import RANGE_PARAMETERS, RangeSerializer
from scheduling.coverage.selectors import coverage_week, slot_list_with_bookings
from scheduling.models import Slot


class IntervalPagination(PageNumberPagination):
    page_size = 336  # one week of 30-minute intervals
    page_size_query_param = "page_size"
    max_page_size = 2000


class RequirementSerializer(serializers.ModelSerializer):
    to_schedule = serializers.IntegerField(source="capacity")
    booked = serializers.IntegerField()

    class Meta:
        model = Slot
        fields = ["starts_at", "contacts", "aht_seconds", "required", "to_schedule", "booked"]


@extend_schema(parameters=RANGE_PARAMETERS)
class RequirementList(generics.ListAPIView):
    """Agents required (before shrinkage) and to schedule per interval, with agents booked."""

    request: AuthenticatedRequest

    serializer_class = RequirementSerializer
    pagination_class = IntervalPagination

    def get_queryset(self) -> QuerySet[Slot]:
        program = program_for(user=self.request.user, program_id=self.kwargs["pk"])
        window = RangeSerializer(data=self.request.query_params)
        window.is_valid(raise_exception=True)
        return slot_list_with_bookings(program=program, **window.validated_data)


class CoverageIntervalSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    contacts = serializers.FloatField()
    required = serializers.IntegerField()  # type: ignore[assignment]  # a field, not Field.required
    to_schedule = serializers.IntegerField(source="capacity")
    booked = serializers.IntegerField()
    gap = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["closed", "short", "met", "over"])
    expected_service_level = serializers.FloatField(allow_null=True)


class CoverageSerializer(serializers.Serializer):
    week = serializers.DateField()
    service_level_target = serializers.FloatField(source="target")
    expected_service_level = serializers.FloatField(allow_null=True)
    fill_rate = serializers.FloatField(allow_null=True)
    scheduled_hours = serializers.FloatField()
    booked_hours = serializers.FloatField()
    short_intervals = serializers.IntegerField()
    over_intervals = serializers.IntegerField()
    intervals = CoverageIntervalSerializer(many=True)


class CoverageView(APIView):
    """A program's week (Monday in its zone): required vs booked per interval and totals."""

    @extend_schema(
        parameters=[OpenApiParameter("week", OpenApiTypes.DATE, description="Any day of it.")],
        responses=CoverageSerializer,
        examples=[
            OpenApiExample(
                "A week",
                value={
                    "week": "2026-03-02",
                    "service_level_target": 0.8,
                    "expected_service_level": 0.83,
                    "fill_rate": 0.92,
                    "scheduled_hours": 410.5,
                    "booked_hours": 377.5,
                    "short_intervals": 21,
                    "over_intervals": 4,
                    "intervals": [
                        {
                            "starts_at": "2026-03-02T09:00:00-05:00",
                            "contacts": 100.0,
                            "required": 14,
                            "to_schedule": 20,
                            "booked": 18,
                            "gap": 2,
                            "status": "short",
                            "expected_service_level": 0.888,
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        program = program_for(user=request.user, program_id=pk)
        week_field = WeekField(request.query_params)
        if request.query_params.get("week") and not week_field.is_valid():
            raise DomainError("week must be a date like 2026-03-02.", field="week")
        coverage = coverage_week(program=program, week=week_field.monday_for(program))
        return Response(CoverageSerializer(coverage).data)
