"""The agent's pages: the step form, submitting, withdrawing, their data; who may see what."""

import json

import pytest

from agents.models import Application, Status
from agents.typing import PASSAGE
from notifications.models import Notification
from tests.agents.conftest import WRITING
from tests.factories import ApplicationFactory, NotificationFactory

pytestmark = pytest.mark.django_db


def test_the_form_resumes_at_the_first_step_not_done(client_as, agent):
    browser = client_as(agent)
    assert browser.get("/agent/apply/").url == "/agent/apply/contact/"
    response = browser.post(
        "/agent/apply/contact/", {"full_name": "Ada Lovelace", "phone": "(555) 123-4567"}
    )
    assert response.url == "/agent/apply/location/"
    assert browser.get("/agent/apply/").url == "/agent/apply/location/"
    agent.refresh_from_db()
    assert agent.full_name == "Ada Lovelace"
    page = browser.get("/agent/apply/location/").content.decode()
    assert 'aria-current="step"' in page and "(done)" in page


def test_location_sets_the_time_zone_unless_the_person_corrects_it(client_as, agent):
    browser = client_as(agent)
    browser.post("/agent/apply/location/", {"state": "TX", "zip_code": "79901", "timezone": ""})
    agent.refresh_from_db()
    assert agent.timezone == "America/Denver"
    browser.post(
        "/agent/apply/location/",
        {"state": "TX", "zip_code": "79901", "timezone": "America/Chicago"},
    )
    agent.refresh_from_db()
    assert agent.timezone == "America/Chicago"


def test_bad_input_shows_errors_and_saves_nothing(client_as, agent):
    browser = client_as(agent)
    response = browser.post(
        "/agent/apply/work/", {"channels": ["fax"], "hours_min": "30", "hours_max": "20"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Select a valid choice" in page and "at least the fewest" in page
    assert Application.objects.get(user=agent).completed_steps == []


def test_the_typing_test_is_scored_on_the_server(client_as, agent):
    browser = client_as(agent)
    data = {"writing_sample": WRITING, "typed_text": PASSAGE, "elapsed_ms": "50000"}
    assert browser.post("/agent/apply/tests/", data).status_code == 302
    application = Application.objects.get(user=agent)
    assert application.typing_wpm == round(len(PASSAGE) / 5 / (50 / 60))
    assert application.typing_accuracy == 100


def test_a_forged_typing_time_is_refused(client_as, agent):
    data = {"writing_sample": WRITING, "typed_text": PASSAGE, "elapsed_ms": "900"}
    response = client_as(agent).post("/agent/apply/tests/", data)
    assert "type the passage in the box" in response.content.decode()
    assert Application.objects.get(user=agent).typing_wpm is None


def test_languages_need_at_least_one(client_as, agent):
    data = {"form-TOTAL_FORMS": "4", "form-INITIAL_FORMS": "0"}
    data |= {f"form-{i}-language": "" for i in range(4)}
    data |= {f"form-{i}-level": "3" for i in range(4)}
    response = client_as(agent).post("/agent/apply/languages/", data)
    assert "Add at least one language" in response.content.decode()


def test_submitting_a_complete_application(client_as, agent, complete_draft):
    response = client_as(agent).post("/agent/apply/review/")
    assert response.url == "/agent/"
    page = client_as(agent).get("/agent/").content.decode()
    assert "Submitted" in page and "screens new applications" in page
    assert client_as(agent).get("/agent/apply/contact/").url == "/agent/"


def test_submitting_an_incomplete_application_names_what_is_missing(client_as, agent):
    response = client_as(agent).post("/agent/apply/review/", follow=True)
    assert "Complete these steps first: Contact details" in response.content.decode()


def test_withdrawing(client_as, agent):
    ApplicationFactory(user=agent, status=Status.SCREENING)
    client_as(agent).post("/agent/withdraw/", {"reason": "Moving abroad"})
    assert Application.objects.get(user=agent).status == Status.WITHDRAWN


def test_data_export_holds_everything_about_the_person(client_as, agent):
    application = ApplicationFactory(user=agent, status=Status.SCREENING)
    application.languages.create(language="en", level=4)
    NotificationFactory(user=agent, title="Hello")
    response = client_as(agent).get("/agent/my-data.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["profile"]["email"] == agent.email
    assert data["application"]["status"] == "screening"
    assert data["application"]["languages"] == [{"language": "en", "level": "Native"}]
    assert [n["title"] for n in data["notifications"]] == ["Hello"]


def test_erasure_anonymises_the_person_and_keeps_the_statistics(client_as, agent):
    application = ApplicationFactory(
        user=agent, status=Status.ASSESSMENT, writing_sample="About me", brands=["Delta"]
    )
    browser = client_as(agent)
    assert browser.post("/agent/erase/", {}).status_code == 200  # needs the confirmation
    assert browser.post("/agent/erase/", {"confirm": "on"}).url == "/"
    agent.refresh_from_db()
    application.refresh_from_db()
    assert agent.email == f"erased-{agent.pk}@erased.invalid" and agent.full_name == ""
    assert not agent.is_active and not agent.has_usable_password()
    assert (application.phone, application.zip_code, application.writing_sample) == ("", "", "")
    assert application.brands == [] and application.erased_at
    assert (application.state, application.status, application.score) == ("TX", "withdrawn", 0)
    assert not Notification.objects.filter(user=agent, title__contains="withdrawn").exists()


@pytest.mark.parametrize(
    "url", ["/agent/apply/", "/agent/apply/contact/", "/agent/my-data.json", "/agent/erase/"]
)
def test_clients_cannot_use_the_agent_pages(client_as, client_user, url):
    assert client_as(client_user).get(url).status_code == 403


@pytest.mark.parametrize(
    "url", ["/agent/", "/agent/apply/", "/agent/apply/contact/", "/agent/apply/review/"]
)
def test_staff_are_sent_to_the_sourcing_dashboard_and_get_no_application(client_as, staff, url):
    response = client_as(staff).get(url, follow=True)
    assert response.redirect_chain == [("/staff/sourcing/", 302)]
    assert "Staff accounts don&#x27;t apply as agents" in response.content.decode()
    assert not Application.objects.filter(user=staff).exists()


def test_staff_cannot_erase_their_account_through_the_agent_page(client_as, staff):
    response = client_as(staff).post("/agent/erase/", {"confirm": "on"})
    assert response.url == "/staff/sourcing/"
    staff.refresh_from_db()
    assert staff.is_active and not staff.email.startswith("erased-")


def test_an_agent_only_ever_sees_their_own_application(client_as, agent, outsider):
    ApplicationFactory(user=outsider, phone="+1 555 9999", status=Status.SCREENING)
    page = client_as(agent).get("/agent/").content.decode()
    assert "+1 555 9999" not in page
    assert outsider.email not in client_as(agent).get("/agent/my-data.json").content.decode()
