from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.services import user_welcome


@receiver(email_confirmed)
def welcome_on_first_confirmation(
    request: HttpRequest, email_address: EmailAddress, **kwargs: object
) -> None:
    user_welcome(user=email_address.user)
