"""Two staff moving the same application at the same moment take turns."""

from functools import partial

import pytest

from agents import services
from agents.models import Application, ApplicationTransition, Status
from agents.services import IllegalTransition, application_transition
from tests.factories import ApplicationFactory, StaffFactory
from tests.races import all_read_before_any_writes, race

pytestmark = pytest.mark.django_db(transaction=True)

STAFF = 4


def race_advances(application: Application) -> list[BaseException]:
    """STAFF people advance screening → assessment at once; their failures."""
    people = [StaffFactory() for _ in range(STAFF)]
    return race(
        *[
            partial(
                application_transition,
                application_id=application.pk,
                to_status=Status.ASSESSMENT,
                by=person,
            )
            for person in people
        ]
    )


def test_one_advance_wins_and_the_others_are_refused_cleanly():
    application = ApplicationFactory(status=Status.SCREENING)
    failures = race_advances(application)
    assert len(failures) == STAFF - 1
    assert all(isinstance(error, IllegalTransition) for error in failures)
    assert ApplicationTransition.objects.filter(application=application).count() == 1


def test_without_the_lock_every_advance_is_recorded(monkeypatch):
    """Negative control: without the row lock the same race records the step several times."""

    def unlocked(application_id: int) -> Application:
        return Application.objects.select_related("user").get(pk=application_id)

    everyone_reads_screening = all_read_before_any_writes(STAFF, unlocked)
    monkeypatch.setattr(services, "_locked_application", everyone_reads_screening)
    application = ApplicationFactory(status=Status.SCREENING)
    assert race_advances(application) == []
    assert ApplicationTransition.objects.filter(application=application).count() == STAFF
