from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from accounts.services import role_home_url


class AccountAdapter(DefaultAccountAdapter):
    """Each role lands on its own home after signing in."""

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        return role_home_url(request.user)
