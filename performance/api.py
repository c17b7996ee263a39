"""The metric import over the API: `POST /api/v1/performance/metrics/`."""

from django.urls import path
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import permissions, serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gigcx.http import AuthenticatedRequest
from performance.background import metrics_import_start
from performance.importing.services import (
    ImportReport,
    Mode,
    metrics_import,
    metrics_import_rows,
)
from performance.selectors import may_import_metrics

INLINE_UPLOAD_BYTES = 2 * 1024 * 1024  # a larger file is imported by a job on the imports queue


class MayImportMetrics(permissions.BasePermission):
    message = "Only staff and client owners or planners may import metrics."

    def has_permission(self, request: Request, view: object) -> bool:
        return bool(request.user.is_authenticated and may_import_metrics(user=request.user))


class MetricRowSerializer(serializers.Serializer):
    """One row, as the CSV's columns; a missing or null number is "not given"."""

    agent_email = serializers.EmailField()
    program_id = serializers.IntegerField()
    day = serializers.DateField(help_text="The program's local day, not in the future.")
    contacts_handled = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    aht_seconds = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    csat_percent = serializers.DecimalField(5, 2, required=False, allow_null=True)
    fcr_percent = serializers.DecimalField(5, 2, required=False, allow_null=True)
    qa_score = serializers.DecimalField(5, 2, required=False, allow_null=True)


class MetricFileSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV with the header " + ",".join(MetricRowSerializer().fields)
    )
    mode = serializers.ChoiceField([mode.value for mode in Mode], default=Mode.ALL_OR_NOTHING)


LINE_ERROR = inline_serializer(
    "MetricLineError",
    {"line": serializers.IntegerField(), "reason": serializers.CharField()},
    many=True,
)
COUNTS = inline_serializer(
    "MetricImportCounts",
    {
        "created": serializers.IntegerField(),
        "updated": serializers.IntegerField(),
        "unchanged": serializers.IntegerField(),
        "errors": LINE_ERROR,
    },
)
ROWS_EXAMPLE = OpenApiExample(
    "Two rows",
    value=[
        {
            "agent_email": "ada@example.com",
            "program_id": 7,
            "day": "2026-12-01",
            "contacts_handled": 42,
            "aht_seconds": 310,
            "csat_percent": "91.5",
            "fcr_percent": "78",
            "qa_score": "88.25",
        },
        {"agent_email": "bo@example.com", "program_id": 7, "day": "2026-12-01", "qa_score": 92},
    ],
    request_only=True,
)
REFUSED_EXAMPLE = OpenApiExample(
    "Refused",
    value={
        "code": "metrics_invalid",
        "detail": "Nothing was imported: 1 row(s) are wrong.",
        "errors": [{"line": 2, "reason": "csat_percent: '101' is not a number from 0 to 100"}],
    },
    response_only=True,
    status_codes=["400"],
)


class MetricImportView(APIView):
    """Import daily metrics per agent, program and day: a JSON list of rows, or a CSV `file`.

    `mode=all_or_nothing` (default) writes nothing if any row is wrong; `keep_good` writes the
    good rows. Either way every bad row is reported with its line (for JSON, its position from
    1). A row for the same agent, program and day updates it; an empty value keeps what is on
    file. A CSV over 2 MiB is imported by a job: the answer (202) names it (`/api/v1/jobs/{id}/`).
    """

    request: AuthenticatedRequest

    permission_classes = [MayImportMetrics]
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "mode", enum=[mode.value for mode in Mode], default=Mode.ALL_OR_NOTHING
            )
        ],
        request={
            "application/json": MetricRowSerializer(many=True),
            "multipart/form-data": MetricFileSerializer,
        },
        responses={
            201: OpenApiResponse(COUNTS, description="Some rows were created."),
            200: OpenApiResponse(COUNTS, description="Rows updated or unchanged, none created."),
            202: OpenApiResponse(
                inline_serializer("MetricImportJob", {"job": serializers.IntegerField()}),
                description="A large file: its import runs as this job.",
            ),
            400: OpenApiResponse(
                inline_serializer(
                    "MetricImportRefused",
                    {
                        "code": serializers.CharField(),
                        "detail": serializers.CharField(),
                        "errors": LINE_ERROR,
                    },
                ),
                description="Nothing written; every bad line listed.",
                examples=[REFUSED_EXAMPLE],
            ),
        },
        examples=[ROWS_EXAMPLE],
    )
    def post(self, request: Request) -> Response:
        mode = self._mode()
        upload = request.FILES.get("file")
        if upload is not None:
            if upload.size is not None and upload.size > INLINE_UPLOAD_BYTES:
                job = metrics_import_start(owner=self.request.user, upload=upload, mode=mode)
                return Response({"job": job.pk}, status=status.HTTP_202_ACCEPTED)
            report = metrics_import(file=upload, by=self.request.user, mode=mode)
        else:
            if not isinstance(request.data, list) or not all(
                isinstance(row, dict) for row in request.data
            ):
                raise serializers.ValidationError(
                    {"rows": ["Send a JSON list of rows (objects), or a CSV file as `file`."]}
                )
            report = metrics_import_rows(rows=request.data, by=self.request.user, mode=mode)
        return _answer(report)

    def _mode(self) -> Mode:
        raw = self.request.query_params.get("mode") or self.request.POST.get("mode")
        try:
            return Mode(raw or Mode.ALL_OR_NOTHING)
        except ValueError:
            raise serializers.ValidationError(
                {"mode": [f"mode must be one of {', '.join(Mode)}"]}
            ) from None


def _answer(report: ImportReport) -> Response:
    if report.errors and not report.written:
        return Response(
            {
                "code": "metrics_invalid",
                "detail": f"Nothing was imported: {len(report.errors)} row(s) are wrong.",
                "errors": report.errors,
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
    created = status.HTTP_201_CREATED if report.created else status.HTTP_200_OK
    return Response(report.as_dict(), status=created)


urlpatterns = [
    path("performance/metrics/", MetricImportView.as_view(), name="api-performance-metrics"),
]
