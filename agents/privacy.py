"""An agent's data rights: everything we hold about them as JSON, and erasure on request.

Erasure removes what identifies the person (name, e-mail, phone, ZIP, writing sample, brands) and
closes the account, but keeps state, stage, score and timestamps so the sourcing statistics stay
true.
"""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import user_anonymise
from agents.models import (
    HOME_OFFICE_FIELDS,
    PROFILE_FIELDS,
    AgreementAcceptance,
    Application,
    Status,
)
from agents.pipeline import LEGAL_TRANSITIONS
from agents.selectors import application_of
from agents.services import application_transition
from gigcx.locking import lock_rows
from notifications.models import Notification

ERASED_REASON = "Personal data erased at the applicant's request"


def agent_data_export(*, user: User) -> dict:
    """All the data gigcx holds about one person, ready for json.dumps."""
    application = application_of(user=user)
    return {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": user.email,
            "full_name": user.full_name,
            "timezone": user.timezone,
            "date_joined": user.date_joined.isoformat(),
        },
        "application": _application_data(application) if application else None,
        "agreements_accepted": [
            {
                "agreement": acceptance.agreement.get_kind_display(),
                "version": acceptance.agreement.version,
                "accepted_at": acceptance.accepted_at.isoformat(),
            }
            for acceptance in AgreementAcceptance.objects.filter(user=user).select_related(
                "agreement"
            )
        ],
        "notifications": [
            {
                "title": notification.title,
                "body": notification.body,
                "created": notification.created.isoformat(),
                "read_at": notification.read_at.isoformat() if notification.read_at else None,
            }
            for notification in Notification.objects.filter(user=user).order_by("created")
        ],
    }


def _application_data(application: Application) -> dict:
    fields = [
        "status",
        *PROFILE_FIELDS,
        "brands",
        *HOME_OFFICE_FIELDS,
        "writing_sample",
        "typing_wpm",
        "score",
        "score_explanation",
    ]
    data = {name: getattr(application, name) for name in fields}
    data["typing_accuracy"] = (
        float(application.typing_accuracy) if application.typing_accuracy is not None else None
    )
    data["skills"] = [{"skill": s.skill.name, "years": s.years} for s in application.skills.all()]
    data["languages"] = [
        {"language": lang.language, "level": lang.get_level_display()}
        for lang in application.languages.all()
    ]
    data["transitions"] = [
        {
            "from": t.from_status,
            "to": t.to_status,
            "at": t.at.isoformat(),
            "reason": t.reason,
        }
        for t in application.transitions.all()
    ]
    return data


@transaction.atomic
def agent_erase(*, user: User) -> None:
    """Erase the person's personal data and close their account; see the module docstring."""
    application = next(iter(lock_rows(Application.objects.filter(user=user))), None)
    if application:
        if Status.WITHDRAWN in LEGAL_TRANSITIONS[application.status]:
            application_transition(
                application_id=application.pk,
                to_status=Status.WITHDRAWN,
                by=user,
                reason=ERASED_REASON,
                notify_user=False,
            )
        Application.objects.filter(pk=application.pk).update(
            phone="", zip_code="", writing_sample="", brands=[], erased_at=timezone.now()
        )
    user_anonymise(user=user)
