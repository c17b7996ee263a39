"""Check-in, check-out and the week's earnings over the API: the same services as the pages.

Refusals answer 409 with `{"code", "detail"}`; another agent's booking 404; a bad `week` 400.
"""

from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from gigcx.http import AuthenticatedRequest
from scheduling.attendance.earnings import earnings_week, week_monday
from scheduling.attendance.services import booking_check_in, booking_check_out
from scheduling.models import Booking


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Booking
        fields = [
            "id",
            "program",
            "starts_at",
            "ends_at",
            "attendance",
            "checked_in_at",
            "checked_out_at",
        ]


class EarningsLineSerializer(serializers.Serializer):
    booking = serializers.IntegerField(source="booking.pk")
    program = serializers.IntegerField(source="booking.program_id")
    program_name = serializers.CharField(source="booking.program.name")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    status = serializers.CharField()
    booked_hours = serializers.DecimalField(max_digits=6, decimal_places=2)
    attended_hours = serializers.DecimalField(max_digits=6, decimal_places=2)
    pay_rate = serializers.DecimalField(source="booking.pay_rate", max_digits=7, decimal_places=2)
    base = serializers.DecimalField(max_digits=9, decimal_places=2)
    bonus = serializers.DecimalField(max_digits=9, decimal_places=2)
    total = serializers.DecimalField(max_digits=9, decimal_places=2)


class EarningsSerializer(serializers.Serializer):
    week = serializers.DateField(help_text="The Monday, in your time zone.")
    booked_hours = serializers.DecimalField(max_digits=7, decimal_places=2)
    attended_hours = serializers.DecimalField(max_digits=7, decimal_places=2)
    base = serializers.DecimalField(max_digits=10, decimal_places=2)
    bonus = serializers.DecimalField(max_digits=10, decimal_places=2)
    total = serializers.DecimalField(max_digits=10, decimal_places=2)
    lines = EarningsLineSerializer(many=True)


class AttendanceAction(APIView):
    """Checks the signed-in agent in or out of their booking `pk` through `service`."""

    serializer_class = AttendanceSerializer
    service: Callable[..., Booking]

    @extend_schema(request=None, responses={200: AttendanceSerializer})
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        booking = type(self).service(agent=request.user, booking_id=pk)
        return Response(AttendanceSerializer(booking).data)


@extend_schema_view(
    post=extend_schema(
        description="Check in to my block: from 15 minutes before it starts until it ends."
    )
)
class CheckIn(AttendanceAction):
    service = staticmethod(booking_check_in)


@extend_schema_view(post=extend_schema(description="Check out of the block I am checked in to."))
class CheckOut(AttendanceAction):
    service = staticmethod(booking_check_out)


class Earnings(APIView):
    serializer_class = EarningsSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "week", OpenApiTypes.DATE, description="Any day of the week (default: this week)."
            )
        ],
        responses=EarningsSerializer,
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        """My earnings statement for a week: per block and in total."""
        week = week_monday(
            value=request.query_params.get("week"), zone=ZoneInfo(request.user.timezone)
        )
        return Response(EarningsSerializer(earnings_week(agent=request.user, week=week)).data)


urlpatterns = [
    path("bookings/<int:pk>/check-in/", CheckIn.as_view(), name="api-booking-check-in"),
    path("bookings/<int:pk>/check-out/", CheckOut.as_view(), name="api-booking-check-out"),
    path("earnings/", Earnings.as_view(), name="api-earnings"),
]
