import pytest

from agents.models import Application, Skill
from agents.selectors import agreements_current
from agents.services import (
    application_accept_agreements,
    application_for,
    application_save_contact,
    application_save_experience,
    application_save_home_office,
    application_save_languages,
    application_save_location,
    application_save_tests,
    application_save_work,
)
from agents.typing import PASSAGE
from tests.factories import sourcing_vocabulary

WRITING = (
    "I am so sorry your order arrived broken. I have sent a replacement today by express "
    "delivery at no cost to you, and you do not need to return the broken one. Is there anything "
    "else I can do for you today?"
)


def fill_every_step(user: object) -> Application:
    """A draft with every step done, the way the browser form would leave it."""
    application = application_for(user=user)
    application_save_contact(application=application, full_name="Ada Agent", phone="555 123 4567")
    application_save_location(application=application, state="FL", zip_code="32501")
    application_save_languages(application=application, languages={"en": 4, "es": 3})
    application_save_work(
        application=application, channels=["voice", "chat"], hours_min=20, hours_max=30
    )
    healthcare = Skill.objects.get(slug="healthcare")
    application_save_experience(
        application=application, skill_years={healthcare.pk: 4}, brands=["Delta"]
    )
    application_save_home_office(
        application=application,
        headset=True,
        wired_internet=True,
        quiet_room=True,
        download_mbps=200,
        upload_mbps=20,
        operating_system="windows",
    )
    application_save_tests(
        application=application, writing_sample=WRITING, typed_text=PASSAGE, elapsed_ms=45_000
    )
    application_accept_agreements(application=application, agreements=agreements_current())
    return Application.objects.get(pk=application.pk)


@pytest.fixture(autouse=True)
def _vocabulary(request):
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
        sourcing_vocabulary()


@pytest.fixture
def complete_draft(agent):
    return fill_every_step(agent)
