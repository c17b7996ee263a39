"""Programs and forecasts over the API: the same selectors and services as the pages."""

import copy

from django.core.files import File
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from agents.models import Skill
from clients.forecast_input import RawRow, read_csv
from clients.forms import MAX_UPLOAD_BYTES
from clients.models import (
    PROGRAM_EDITABLE_FIELDS,
    Forecast,
    ForecastInterval,
    Program,
    ProgramLanguage,
)
from clients.selectors import forecast_versions, program_for, program_list
from clients.services import forecast_check, forecast_publish, program_save
from gigcx.http import AuthenticatedRequest


class ProgramLanguageSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProgramLanguage
        fields = ["language", "min_level"]


@extend_schema_serializer(
    examples=[
        OpenApiExample(
            "A voice program",
            value={
                "id": 7,
                "organisation": "Northwind Outfitters",
                "name": "Order support",
                "description": "Orders, deliveries and returns",
                "channel": "voice",
                "timezone": "America/New_York",
                "service_level_percent": "80.00",
                "answer_seconds": 20,
                "aht_seconds": 300,
                "concurrency": 1,
                "max_occupancy_percent": "85.00",
                "shrinkage_percent": "30.00",
                "patience_seconds": 180,
                "required_skills": ["retail"],
                "pay_rate": "17.50",
                "min_block_minutes": 60,
                "booking_horizon_days": 14,
                "languages": [{"language": "en", "min_level": 3}],
                "is_active": True,
            },
            response_only=True,
        ),
        OpenApiExample(
            "New targets",
            value={"aht_seconds": 240, "service_level_percent": "85"},
            request_only=True,
        ),
    ]
)
class ProgramSerializer(serializers.ModelSerializer):
    organisation: serializers.StringRelatedField = serializers.StringRelatedField()
    required_skills = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Skill.objects.all(), required=False
    )
    languages = ProgramLanguageSerializer(many=True, required=False)

    class Meta:
        model = Program
        fields = ["id", "organisation", *PROGRAM_EDITABLE_FIELDS, "languages", "is_active"]
        read_only_fields = ["id", "organisation"]

    def validate(self, attrs: dict) -> dict:
        """The model's cross-field rules (block on the grid, concurrency for chat only)."""
        candidate = copy.copy(self.instance) if self.instance else Program()
        for name, value in attrs.items():
            if name not in RELATIONS:
                setattr(candidate, name, value)
        candidate.clean()
        return attrs

    def update(self, instance: Program, validated_data: dict) -> Program:
        """Through the same service as the page, so new targets recompute the slots."""
        relations = {name: validated_data.pop(name, None) for name in RELATIONS}
        for name, value in validated_data.items():
            setattr(instance, name, value)
        languages = relations["languages"]
        program_save(
            program=instance,
            skills=relations["required_skills"],
            languages=None
            if languages is None
            else {r["language"]: r["min_level"] for r in languages},
            by=self.context["request"].user,
        )
        return instance


RELATIONS = ("required_skills", "languages")


class ProgramList(generics.ListAPIView):
    """Programs of the caller's organisations (all programs for staff)."""

    request: AuthenticatedRequest

    serializer_class = ProgramSerializer

    def get_queryset(self) -> QuerySet[Program]:
        return program_list(user=self.request.user).prefetch_related("required_skills", "languages")


class ProgramDetail(generics.RetrieveUpdateAPIView):
    """One program. Owners and planners may change it; viewers only read."""

    request: AuthenticatedRequest

    serializer_class = ProgramSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> Program:
        plan = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return program_for(user=self.request.user, program_id=self.kwargs["pk"], plan=plan)


class ForecastIntervalSerializer(serializers.Serializer):
    interval_start = serializers.CharField(
        help_text="Local time of the program (2026-03-02T09:30) or ISO-8601 with an offset."
    )
    contacts = serializers.CharField(help_text="Contacts expected in the interval, ≥ 0.")
    aht_seconds = serializers.CharField(required=False, allow_blank=True, default="")


class ForecastUploadSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    intervals = ForecastIntervalSerializer(many=True)

    def raw_rows(self) -> list[RawRow]:
        """The intervals, numbered from 1 like lines, for the checks every upload goes through."""
        return [
            RawRow(number, row["interval_start"], row["contacts"], row["aht_seconds"])
            for number, row in enumerate(self.validated_data["intervals"], start=1)
        ]


class ForecastFileSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    file = serializers.FileField()

    def validate_file(self, upload: File) -> File:
        if upload.size > MAX_UPLOAD_BYTES:
            raise serializers.ValidationError("The file is larger than 5 MB.")
        return upload

    def raw_rows(self) -> list[RawRow]:
        return read_csv(self.validated_data["file"].read())


class ForecastSerializer(serializers.ModelSerializer):
    job: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(read_only=True)
    created_by: serializers.StringRelatedField = serializers.StringRelatedField()

    class Meta:
        model = Forecast
        fields = [
            "version",
            "source",
            "period_start",
            "period_end",
            "interval_count",
            "total_contacts",
            "note",
            "created_by",
            "created",
            "job",
        ]


class StoredIntervalSerializer(serializers.ModelSerializer):
    class Meta:
        model = ForecastInterval
        fields = ["starts_at", "contacts", "aht_seconds"]


class ForecastDetailSerializer(ForecastSerializer):
    intervals = StoredIntervalSerializer(many=True)

    class Meta(ForecastSerializer.Meta):
        fields = [*ForecastSerializer.Meta.fields, "intervals"]


UPLOAD_EXAMPLE = OpenApiExample(
    "Two intervals",
    value={
        "note": "Week 10 forecast",
        "intervals": [
            {"interval_start": "2026-03-02T09:00", "contacts": "42", "aht_seconds": "240"},
            {"interval_start": "2026-03-02T09:30", "contacts": "55.5"},
        ],
    },
    request_only=True,
)
ERROR_EXAMPLE = OpenApiExample(
    "Refused",
    value={
        "code": "forecast_invalid",
        "detail": "Nothing was saved. Line 2: contacts cannot be negative (-3)",
        "errors": [{"line": 2, "reason": "contacts cannot be negative (-3)"}],
    },
    response_only=True,
    status_codes=["400"],
)


class ForecastListCreate(generics.ListCreateAPIView):
    """A program's forecast versions; POST publishes a new one (JSON, or a CSV `file`).

    The newest version covering a day is in force; staffing is recomputed by a job whose id the
    answer gives (`/api/v1/jobs/{job}/`). A bad row refuses the whole upload with every bad line.
    """

    request: AuthenticatedRequest

    serializer_class = ForecastSerializer
    parser_classes = [JSONParser, MultiPartParser]

    def get_queryset(self) -> QuerySet[Forecast]:
        return forecast_versions(program=self._program(plan=False))

    def _program(self, *, plan: bool) -> Program:
        return program_for(user=self.request.user, program_id=self.kwargs["pk"], plan=plan)

    @extend_schema(
        request={
            "application/json": ForecastUploadSerializer,
            "multipart/form-data": ForecastFileSerializer,
        },
        responses={
            201: ForecastSerializer,
            400: OpenApiResponse(
                response=inline_serializer(
                    "ForecastRefused",
                    {
                        "code": serializers.CharField(),
                        "detail": serializers.CharField(),
                        "errors": inline_serializer(
                            "ForecastLineError",
                            {"line": serializers.IntegerField(), "reason": serializers.CharField()},
                            many=True,
                        ),
                    },
                ),
                description="Nothing saved; every bad line listed.",
                examples=[ERROR_EXAMPLE],
            ),
        },
        examples=[UPLOAD_EXAMPLE],
    )
    def post(self, request: Request, *args: object, **kwargs: object) -> Response:
        program = self._program(plan=True)
        upload_class = (
            ForecastFileSerializer if "file" in request.FILES else ForecastUploadSerializer
        )
        upload = upload_class(data=request.data)
        upload.is_valid(raise_exception=True)
        rows = forecast_check(program=program, raw_rows=upload.raw_rows())
        forecast = forecast_publish(
            program=program,
            rows=rows,
            source=Forecast.Source.API,
            by=self.request.user,
            note=upload.validated_data["note"],
        )
        return Response(ForecastSerializer(forecast).data, status=status.HTTP_201_CREATED)


class ForecastDetail(generics.RetrieveAPIView):
    """One forecast version with its intervals (UTC)."""

    request: AuthenticatedRequest

    serializer_class = ForecastDetailSerializer

    def get_object(self) -> Forecast:
        program = program_for(user=self.request.user, program_id=self.kwargs["pk"])
        return get_object_or_404(
            forecast_versions(program=program).prefetch_related("intervals"),
            version=self.kwargs["version"],
        )


urlpatterns = [
    path("programs/", ProgramList.as_view(), name="api-programs"),
    path("programs/<int:pk>/", ProgramDetail.as_view(), name="api-program"),
    path("programs/<int:pk>/forecasts/", ForecastListCreate.as_view(), name="api-forecasts"),
    path(
        "programs/<int:pk>/forecasts/<int:version>/",
        ForecastDetail.as_view(),
        name="api-forecast",
    ),
]
