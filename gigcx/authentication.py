"""API authentication. Its own module: DRF imports it while `rest_framework.views` loads."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from gigcx.sql import columns, first_instance

User = get_user_model()
USER_BY_TOKEN = (
    f"SELECT {columns(User, 'u')} FROM {User._meta.db_table} u "  # noqa: S608 (names only)
    f"JOIN {Token._meta.db_table} t ON t.user_id = u.id WHERE t.key = %(key)s"
)


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's `Authorization: Token <key>` check, reading the user with one prepared join.

    Every API request pays for it; DRF's `select_related("user")` query cost more Python time to
    build than PostgreSQL took to answer it (issue 7). Same answers: an unknown key or an
    inactive user is a 401.
    """

    def authenticate_credentials(self, key: str) -> tuple:
        user = first_instance(User, USER_BY_TOKEN, {"key": key})
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return user, Token(key=key, user=user)
