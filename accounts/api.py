from django.contrib.auth import authenticate
from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.generics import RetrieveUpdateAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from accounts.models import User
from gigcx.http import AuthenticatedRequest


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "full_name", "role", "timezone", "date_joined"]
        read_only_fields = ["id", "email", "role", "date_joined"]


class MeView(RetrieveUpdateAPIView):
    """The signed-in person: read it, or change their name and time zone."""

    request: AuthenticatedRequest

    serializer_class = MeSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self) -> User:
        return self.request.user


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)

    def validate(self, attrs: dict) -> dict:
        user = authenticate(
            self.context["request"], username=attrs["email"].lower(), password=attrs["password"]
        )
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                {"password": "E-mail address and password do not match an active account."}
            )
        return {"user": user}


class TokenThrottle(AnonRateThrottle):
    rate = "20/min"


class TokenView(APIView):
    """Exchange e-mail and password for an API token (`Authorization: Token <key>`).

    The same token comes back until it is revoked with DELETE (signed in with the token).
    """

    permission_classes = [AllowAny]
    throttle_classes = [TokenThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
    )
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        if not request.user.is_authenticated:
            return Response({"code": "not_authenticated"}, status=status.HTTP_401_UNAUTHORIZED)
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("auth/token/", TokenView.as_view(), name="api-token"),
]
