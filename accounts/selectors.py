from allauth.mfa.models import Authenticator

from accounts.models import User
from notifications.selectors import notification_list


def home_context(*, user: User) -> dict:
    """What every role's home page shows about the account itself."""
    return {
        "has_mfa": Authenticator.objects.filter(user=user).exists(),
        "recent_notifications": list(notification_list(user=user)[:5]),
    }
