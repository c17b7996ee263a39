"""The waitlist and the swap board over the API: the same services and selectors as the pages.

Refusals answer 409 with `{"code", "detail"}`; bad input 400 naming the field; someone else's
entry or post 404.
"""

from django.db.models import QuerySet
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from gigcx.http import AuthenticatedRequest
from scheduling.exchange import swaps, waitlist
from scheduling.exchange.selectors import swap_posts_visible, waitlist_entries
from scheduling.models import Booking, SwapPost, WaitlistEntry


class ExchangeBookingSerializer(serializers.ModelSerializer):
    """The booking an accepted offer or a taken swap gives the agent."""

    class Meta:
        model = Booking
        fields = ["id", "program", "starts_at", "ends_at", "pay_rate", "bonus_amount"]


class BlockSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class WaitlistEntrySerializer(serializers.ModelSerializer):
    program_name = serializers.CharField(source="program.name")
    position = serializers.IntegerField(help_text="1 = next in line.")
    release_block = BlockSerializer(
        source="release_booking",
        allow_null=True,
        help_text="When set, the offer is this whole block pending release (accepting takes it).",
    )

    class Meta:
        model = WaitlistEntry
        fields = [
            "id",
            "program",
            "program_name",
            "starts_at",
            "ends_at",
            "status",
            "position",
            "offer_expires_at",
            "release_block",
        ]


class WaitlistJoinSerializer(serializers.Serializer):
    program = serializers.IntegerField(min_value=1)
    start = serializers.DateTimeField(help_text="ISO-8601 with an offset, on the half hour.")
    end = serializers.DateTimeField()


class SwapPostSerializer(serializers.ModelSerializer):
    booking = serializers.IntegerField(source="booking_id")
    program = serializers.IntegerField(source="booking.program_id")
    program_name = serializers.CharField(source="booking.program.name")
    starts_at = serializers.DateTimeField(source="booking.starts_at")
    ends_at = serializers.DateTimeField(source="booking.ends_at")
    posted_by = serializers.CharField(source="booking.agent.get_short_name")
    mine = serializers.SerializerMethodField()
    offered_to_me = serializers.SerializerMethodField()
    pending_release = serializers.SerializerMethodField()

    class Meta:
        model = SwapPost
        fields = [
            "id",
            "booking",
            "program",
            "program_name",
            "starts_at",
            "ends_at",
            "posted_by",
            "note",
            "mine",
            "offered_to_me",
            "pending_release",
        ]

    def get_mine(self, post: SwapPost) -> bool:
        return post.booking.agent_id == self.context["request"].user.pk

    def get_offered_to_me(self, post: SwapPost) -> bool:
        return post.offered_to_id == self.context["request"].user.pk

    def get_pending_release(self, post: SwapPost) -> bool:
        return post.booking.release_requested_at is not None


class SwapPostCreateSerializer(serializers.Serializer):
    booking = serializers.IntegerField(min_value=1)
    offered_to = serializers.EmailField(
        required=False, allow_blank=True, help_text="One agent's e-mail; empty: every agent."
    )
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def validate_offered_to(self, email: str) -> User | None:
        if not email:
            return None
        agent = User.objects.filter(email__iexact=email, role=User.Role.AGENT).first()
        if agent is None:
            raise serializers.ValidationError("No agent has this e-mail address.")
        return agent


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _booked(booking: Booking) -> Response:
    return Response(ExchangeBookingSerializer(booking).data, status=status.HTTP_201_CREATED)


class WaitlistList(generics.ListAPIView):
    """My waitlist entries still in line or holding an open offer, soonest block first."""

    request: AuthenticatedRequest

    serializer_class = WaitlistEntrySerializer

    def get_queryset(self) -> QuerySet[WaitlistEntry]:
        return waitlist_entries(agent=self.request.user, now=timezone.now())

    @extend_schema(
        request=WaitlistJoinSerializer,
        responses={201: WaitlistEntrySerializer},
        examples=[
            OpenApiExample(
                "Wait for a full block",
                value={"program": 7, "start": "2026-03-02T14:00Z", "end": "2026-03-02T16:00Z"},
                request_only=True,
            )
        ],
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        """Join the waitlist of a block of which some slot is full (409 `seats_open` if none)."""
        data = _valid(WaitlistJoinSerializer, request)
        entry = waitlist.waitlist_join(
            agent=request.user,
            program_id=data["program"],
            starts_at=data["start"],
            ends_at=data["end"],
        )
        entry = waitlist_entries(agent=request.user, now=timezone.now()).get(pk=entry.pk)
        return Response(WaitlistEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class WaitlistDetail(APIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Leave the waitlist of this block (an open offer is let go to the next in line)."""
        waitlist.waitlist_leave(agent=request.user, entry_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WaitlistAccept(APIView):
    @extend_schema(request=None, responses={201: ExchangeBookingSerializer})
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Accept an open hold offer: book the block (409 `offer_expired` after its time)."""
        return _booked(waitlist.offer_accept(agent=request.user, entry_id=pk))


class SwapList(generics.ListAPIView):
    """Open posts I may take (offered to me, or to everyone in a program I can work) and mine."""

    request: AuthenticatedRequest

    serializer_class = SwapPostSerializer

    def get_queryset(self) -> QuerySet[SwapPost]:
        return swap_posts_visible(agent=self.request.user, now=timezone.now())

    @extend_schema(request=SwapPostCreateSerializer, responses={201: SwapPostSerializer})
    def post(self, request: AuthenticatedRequest) -> Response:
        """Post one of my future blocks, to everyone who can work it or to one agent."""
        data = _valid(SwapPostCreateSerializer, request)
        post = swaps.swap_post(
            agent=request.user,
            booking_id=data["booking"],
            offered_to=data.get("offered_to"),
            note=data["note"],
        )
        context = {"request": request}
        return Response(
            SwapPostSerializer(post, context=context).data, status=status.HTTP_201_CREATED
        )


class SwapDetail(APIView):
    @extend_schema(request=None, responses={204: None})
    def delete(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Withdraw my open post."""
        swaps.swap_withdraw(agent=request.user, swap_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SwapTake(APIView):
    @extend_schema(request=None, responses={201: ExchangeBookingSerializer})
    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        """Take a posted block over; my booking rules are checked as for any booking."""
        return _booked(swaps.swap_take(agent=request.user, swap_id=pk))


urlpatterns = [
    path("waitlist/", WaitlistList.as_view(), name="api-waitlist"),
    path("waitlist/<int:pk>/", WaitlistDetail.as_view(), name="api-waitlist-entry"),
    path("waitlist/<int:pk>/accept/", WaitlistAccept.as_view(), name="api-waitlist-accept"),
    path("swaps/", SwapList.as_view(), name="api-swaps"),
    path("swaps/<int:pk>/", SwapDetail.as_view(), name="api-swap"),
    path("swaps/<int:pk>/take/", SwapTake.as_view(), name="api-swap-take"),
]
