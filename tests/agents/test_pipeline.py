import pytest

from agents.models import Agreement, ApplicationTransition, Status
from agents.pipeline import LEGAL_TRANSITIONS
from agents.services import (
    ApplicationIncomplete,
    ApplicationNotEditable,
    IllegalTransition,
    application_for,
    application_save_contact,
    application_submit,
    application_transition,
    application_withdraw,
)
from gigcx.errors import DomainError
from notifications.models import Notification
from tests.factories import ApplicationFactory, ScoringRuleFactory

pytestmark = pytest.mark.django_db

ILLEGAL = [
    (source, target)
    for source in Status.values
    for target in Status.values
    if target not in LEGAL_TRANSITIONS[source]
]
LEGAL = [
    (source, target)
    for source, targets in LEGAL_TRANSITIONS.items()
    for target in sorted(targets)
    if target != Status.SUBMITTED
]


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_every_illegal_transition_is_refused_and_changes_nothing(source, target, staff):
    application = ApplicationFactory(status=source)
    with pytest.raises(IllegalTransition):
        application_transition(
            application_id=application.pk, to_status=target, by=staff, reason="because"
        )
    application.refresh_from_db()
    assert application.status == source
    assert not ApplicationTransition.objects.filter(application=application).exists()
    assert not Notification.objects.filter(user=application.user).exists()


@pytest.mark.parametrize(("source", "target"), LEGAL)
def test_every_legal_transition_is_recorded_and_notified(source, target, staff):
    application = ApplicationFactory(status=source)
    application_transition(
        application_id=application.pk, to_status=target, by=staff, reason="Checked"
    )
    application.refresh_from_db()
    assert application.status == target
    transition = application.transitions.get()
    assert (transition.from_status, transition.to_status, transition.by) == (source, target, staff)
    assert transition.reason == "Checked" and application.status_changed_at == transition.at
    notification = Notification.objects.get(user=application.user)
    assert notification.kind == "application" and notification.link == "/agent/"


def test_a_rejected_application_cannot_become_active(staff):
    application = ApplicationFactory(status=Status.REJECTED)
    with pytest.raises(IllegalTransition, match="rejected cannot become active"):
        application_transition(application_id=application.pk, to_status=Status.ACTIVE, by=staff)


def test_rejecting_needs_a_reason(staff):
    application = ApplicationFactory(status=Status.SCREENING)
    with pytest.raises(DomainError, match="Say why") as error:
        application_transition(application_id=application.pk, to_status=Status.REJECTED, by=staff)
    assert error.value.field == "reason"
    application.refresh_from_db()
    assert application.status == Status.SCREENING


def test_advancing_stamps_the_stage_entry_times(staff):
    application = ApplicationFactory(status=Status.SUBMITTED)
    for stage in ["screening", "assessment", "background_check", "approved", "active"]:
        application_transition(application_id=application.pk, to_status=stage, by=staff)
    application.refresh_from_db()
    stamps = [
        application.screening_at,
        application.assessment_at,
        application.background_check_at,
        application.approved_at,
        application.active_at,
    ]
    assert all(stamps) and stamps == sorted(stamps)


def test_an_incomplete_application_cannot_be_submitted(agent):
    application_for(user=agent)
    with pytest.raises(ApplicationIncomplete, match="Contact details, Location"):
        application_submit(user=agent)
    assert application_for(user=agent).status == Status.DRAFT


def test_a_complete_application_is_submitted_scored_and_locked(agent, complete_draft):
    ScoringRuleFactory(name="Voice", channel="voice", points=5)
    application = application_submit(user=agent)
    assert application.status == Status.SUBMITTED and application.submitted_at
    assert application.score == 5
    assert application.score_explanation == [{"rule": "Voice", "points": 5, "detail": "voice"}]
    assert application.user.timezone == "America/Chicago"  # Pensacola, FL 32501
    with pytest.raises(ApplicationNotEditable, match="no longer be changed"):
        application_save_contact(application=application, full_name="X", phone="555 000 1111")


def test_a_new_agreement_version_must_be_accepted_before_submitting(agent, complete_draft):
    Agreement.objects.create(
        kind="contractor", version=2, body="New terms", published_at="2026-01-01T00:00Z"
    )
    with pytest.raises(ApplicationIncomplete, match="Agreements"):
        application_submit(user=agent)


def test_the_agent_can_withdraw(agent):
    application = ApplicationFactory(user=agent, status=Status.SCREENING)
    application_withdraw(user=agent, reason="Found another job")
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert application.transitions.get().by == agent
