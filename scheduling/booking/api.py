"""Open slots and bookings over the API, for agents: the same services as the week grid.

`POST /bookings/` answers 201 with the block, 409 `{"code", "detail"}` when a rule refuses it,
400 naming the field for malformed input, 503 with Retry-After when the slots are too busy; an
`Idempotency-Key` header makes retries safe. Someone else's booking is 404, as if it did not exist.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.urls import path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from clients.intervals import INTERVAL
from clients.models import Program
from gigcx.http import AuthenticatedRequest
from gigcx.sql import columns, first_instance
from scheduling.booking.idempotency import HEADER, idempotent
from scheduling.booking.selectors import SlotSeats, badges, open_seats, slot_list_open
from scheduling.booking.services import booking_cancel, booking_create
from scheduling.models import Booking, Slot

MAX_RANGE = timedelta(days=31)


RANGE_PARAMETERS = [
    OpenApiParameter("start", OpenApiTypes.DATETIME, description="From (default: now)."),
    OpenApiParameter("end", OpenApiTypes.DATETIME, description="To, at most 31 days later."),
]


class RangeSerializer(serializers.Serializer):
    start = serializers.DateTimeField(required=False)
    end = serializers.DateTimeField(required=False)

    def validate(self, attrs: dict) -> dict:
        start = attrs.get("start") or timezone.now()
        end = attrs.get("end") or start + timedelta(days=7)
        if end <= start:
            raise serializers.ValidationError({"end": "end must be after start."})
        if end - start > MAX_RANGE:
            raise serializers.ValidationError({"end": "At most 31 days at a time."})
        return {"start": start, "end": end}


class AgentsOnly(permissions.BasePermission):
    message = "Only agents book slots."

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.user.is_authenticated and request.user.role == User.Role.AGENT


class UTCDateTimeField(serializers.DateTimeField):
    """ISO-8601 in, with an offset (a naive time is refused); UTC out."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(default_timezone=UTC, **kwargs)

    default_error_messages = {"naive": "Give a UTC offset or Z, e.g. 2026-03-02T14:00:00Z."}

    def enforce_timezone(self, value: datetime) -> datetime:
        if timezone.is_naive(value):
            self.fail("naive")
        return super().enforce_timezone(value)


# --- slots ---------------------------------------------------------------------------------------


class SlotQuerySerializer(RangeSerializer):
    program = serializers.IntegerField(required=False, min_value=1)

    def validate(self, attrs: dict) -> dict:
        return {**super().validate(attrs), "program": attrs.get("program")}


class SlotSerializer(serializers.ModelSerializer):
    program_name = serializers.CharField(source="program.name")
    starts_at = UTCDateTimeField()
    ends_at = serializers.SerializerMethodField()
    booked = serializers.IntegerField()
    open = serializers.SerializerMethodField(help_text="Seats still free for me.")
    badges = serializers.SerializerMethodField(
        help_text="`hot`: the program is short here; `bonus`: extra pay per hour; `full`."
    )
    bonus_per_hour = serializers.DecimalField(
        max_digits=7, decimal_places=2, allow_null=True, help_text="The best bonus, USD per hour."
    )

    class Meta:
        model = Slot
        fields = [
            "id",
            "program",
            "program_name",
            "starts_at",
            "ends_at",
            "capacity",
            "booked",
            "open",
            "badges",
            "bonus_per_hour",
        ]

    def get_ends_at(self, slot: Slot) -> str:
        return UTCDateTimeField().to_representation(slot.starts_at + INTERVAL)

    def get_open(self, slot: SlotSeats) -> int:
        return open_seats(slot)

    def get_badges(self, slot: SlotSeats) -> list[str]:
        return badges(slot)


class SlotPagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


@extend_schema(
    parameters=[
        OpenApiParameter("program", OpenApiTypes.INT, description="One program only."),
        *RANGE_PARAMETERS,
    ],
    examples=[
        OpenApiExample(
            "A slot",
            value={
                "id": 812,
                "program": 7,
                "program_name": "Acme Voice",
                "starts_at": "2026-03-02T14:00:00Z",
                "ends_at": "2026-03-02T14:30:00Z",
                "capacity": 20,
                "booked": 12,
                "open": 8,
                "badges": ["hot", "bonus"],
                "bonus_per_hour": "3.00",
            },
            response_only=True,
        )
    ],
)
class SlotList(generics.ListAPIView):
    """Slots I may book (programs I am eligible for, released to my tier), soonest first."""

    request: AuthenticatedRequest

    serializer_class = SlotSerializer
    permission_classes = [AgentsOnly]
    pagination_class = SlotPagination

    def get_queryset(self) -> QuerySet[Slot]:
        query = SlotQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return slot_list_open(
            agent=self.request.user,
            start=query.validated_data["start"],
            end=query.validated_data["end"],
            program_id=query.validated_data["program"],
            now=timezone.now(),
        )


# --- bookings ------------------------------------------------------------------------------------


class BookingSerializer(serializers.Serializer):
    """A booking as the API shows it. A plain Serializer: a ModelSerializer rebuilds its fields
    from the model on every answer, on the booking path's hot loop (issue 7)."""

    id = serializers.IntegerField(read_only=True)
    program = serializers.IntegerField(source="program_id", read_only=True)
    program_name = serializers.CharField(source="program.name", read_only=True)
    starts_at = UTCDateTimeField(read_only=True)
    ends_at = UTCDateTimeField(read_only=True)
    status = serializers.SerializerMethodField()
    cancellation = serializers.ChoiceField(choices=Booking.Cancellation.choices, read_only=True)
    pay_rate = serializers.DecimalField(max_digits=7, decimal_places=2, read_only=True)
    bonus_amount = serializers.DecimalField(
        max_digits=9, decimal_places=2, read_only=True, help_text="Bonus for the whole block."
    )
    created = UTCDateTimeField(read_only=True)

    def get_status(self, booking: Booking) -> str:
        """`booked`, `pending_release` (cancelled late, until someone takes it) or `cancelled`."""
        if booking.cancelled_at is not None:
            return "cancelled"
        return "pending_release" if booking.release_requested_at else "booked"


PROGRAM_BY_ID = (
    f"SELECT {columns(Program, 'p')} FROM {Program._meta.db_table} p WHERE p.id = %(id)s"  # noqa: S608
)
BIGINT = range(1, 2**63)


class ProgramField(serializers.PrimaryKeyRelatedField):
    """A program by id, read with one prepared statement: the booking path runs it every time
    and the ORM's `.get()` cost more to build than to run (issue 7). The same errors as DRF's."""

    def to_internal_value(self, data: object) -> Program:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            pk = int(data)
        except ValueError:
            self.fail("incorrect_type", data_type=type(data).__name__)
        program = first_instance(Program, PROGRAM_BY_ID, {"id": pk}) if pk in BIGINT else None
        if program is None:
            self.fail("does_not_exist", pk_value=data)
        return program


class BookingRequestSerializer(serializers.Serializer):
    program = ProgramField(queryset=Program.objects.all())
    start = UTCDateTimeField(help_text="ISO-8601 with an offset, on the hour or half hour.")
    end = UTCDateTimeField(help_text="ISO-8601 with an offset; the block is [start, end).")


REFUSAL = {"code": "slot_full", "detail": "Wed 2 Dec 10:00 is full."}
BOOKED = {
    "id": 4711,
    "program": 7,
    "program_name": "Acme Voice",
    "starts_at": "2026-03-02T14:00:00Z",
    "ends_at": "2026-03-02T16:00:00Z",
    "status": "booked",
    "cancellation": "",
    "pay_rate": "18.00",
    "bonus_amount": "6.00",
    "created": "2026-02-27T09:12:44Z",
}


class MyBookings(generics.GenericAPIView):
    """The signed-in agent's bookings, and nobody else's (another's is a 404)."""

    request: AuthenticatedRequest

    serializer_class = BookingSerializer
    permission_classes = [AgentsOnly]

    def get_queryset(self) -> QuerySet[Booking]:
        return Booking.objects.filter(agent=self.request.user).select_related("program")


class BookingList(MyBookings, generics.ListAPIView):
    """My bookings (live, pending release and cancelled), soonest first."""

    @extend_schema(
        request=BookingRequestSerializer,
        parameters=[
            OpenApiParameter(
                HEADER,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="Any unique string (e.g. a UUID): retries with the same key and body "
                "get the first answer again and never book twice. Remembered for 24 h.",
            )
        ],
        responses={
            201: BookingSerializer,
            400: OpenApiResponse(description="Malformed: the body names the field."),
            409: OpenApiResponse(description="A booking rule refuses it: `code` and `detail`."),
            422: OpenApiResponse(description="The Idempotency-Key was used for another body."),
            503: OpenApiResponse(description="Slots too busy right now; see Retry-After."),
        },
        examples=[
            OpenApiExample(
                "Book two hours",
                value={"program": 7, "start": "2026-03-02T14:00Z", "end": "2026-03-02T16:00Z"},
                request_only=True,
            ),
            OpenApiExample("Booked", value=BOOKED, response_only=True, status_codes=["201"]),
            OpenApiExample("Refused", value=REFUSAL, response_only=True, status_codes=["409"]),
        ],
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Book a block of consecutive slots of one program, whole or not at all."""
        return idempotent(request, lambda: self._book(request))

    def _book(self, request: AuthenticatedRequest) -> Response:
        wanted = _booking_request(request.data)
        booking = booking_create(
            agent=request.user,
            program=wanted["program"],
            starts_at=wanted["start"],
            ends_at=wanted["end"],
        )
        return Response(BOOKING.to_representation(booking), status=status.HTTP_201_CREATED)


# One instance of each serializer serves every booking request: DRF deep-copies a serializer's
# fields for each new instance, which cost more than the validation itself on this hot path
# (issue 7). Both only read their fields, so sharing them between requests and threads is safe.
BOOKING = BookingSerializer()
BOOKING_REQUEST = BookingRequestSerializer()


def _booking_request(data: object) -> dict:
    """The validated request; bad input takes DRF's usual path, so its 400 keeps DRF's shape."""
    try:
        return BOOKING_REQUEST.run_validation(data)
    except serializers.ValidationError:
        request = BookingRequestSerializer(data=data)
        request.is_valid(raise_exception=True)
        return request.validated_data


class BookingDetail(MyBookings, generics.RetrieveAPIView):
    """One of my bookings; DELETE cancels it (free within 5 minutes or before the cut-off,
    later it waits as pending release until another agent takes it)."""

    @extend_schema(
        request=None,
        responses={200: BookingSerializer, 404: None, 409: OpenApiResponse(description="Refused")},
    )
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        booking = booking_cancel(agent=request.user, booking_id=pk)
        return Response(BookingSerializer(booking).data)


urlpatterns = [
    path("slots/", SlotList.as_view(), name="api-slots"),
    path("bookings/", BookingList.as_view(), name="api-bookings"),
    path("bookings/<int:pk>/", BookingDetail.as_view(), name="api-booking"),
]
