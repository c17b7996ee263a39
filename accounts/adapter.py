from allauth.account.adapter import DefaultAccountAdapter

from accounts.services import role_home_url
from gigcx.http import AuthenticatedHttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Each role lands on its own home after signing in."""

    def get_login_redirect_url(self, request: AuthenticatedHttpRequest) -> str:
        return role_home_url(request.user)
