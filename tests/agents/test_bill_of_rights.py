"""The public Bill of Rights page shows the newest published version of the agreement."""

from datetime import timedelta

import pytest
from django.utils import timezone

from agents.models import Agreement
from agents.selectors import numbered_sections

pytestmark = pytest.mark.django_db

KIND = Agreement.Kind.BILL_OF_RIGHTS


def publish(version: int, body: str, days_ago: int = 1) -> Agreement:
    return Agreement.objects.create(
        kind=KIND,
        version=version,
        body=body,
        published_at=timezone.now() - timedelta(days=days_ago),
    )


def test_the_page_shows_the_newest_published_version_as_numbered_rights(client):
    publish(2, "1. You choose where you work: Anywhere.\n2. A community: Forums: and events.")
    publish(3, "1. Not yet: published tomorrow.", days_ago=-1)
    page = client.get("/bill-of-rights/").content.decode()
    assert "Version 2, published" in page
    assert "<h2>You choose where you work</h2>" in page and "<p>Anywhere.</p>" in page
    assert "<h2>A community</h2>" in page and "<p>Forums: and events.</p>" in page
    assert "Not yet" not in page and "The bill_of_rights text." not in page


def test_a_body_written_otherwise_is_shown_as_escaped_paragraphs(client):
    publish(2, "We owe you fairness.\n\nAnd <script>alert(1)</script> nothing else.")
    page = client.get("/bill-of-rights/").content.decode()
    assert "<p>We owe you fairness.</p>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page


def test_without_any_agreement_the_page_shows_the_text_we_started_with(client):
    Agreement.objects.filter(kind=KIND).delete()
    response = client.get("/bill-of-rights/")
    assert response.status_code == 200
    assert "<h2>You choose when you work</h2>" in response.content.decode()
    assert "Version" not in response.content.decode()


def test_numbered_sections_need_every_line_numbered():
    assert numbered_sections("1. Pay: Weekly.\n\n2. Data: Yours.") == [
        ("Pay", "Weekly."),
        ("Data", "Yours."),
    ]
    assert numbered_sections("1. Pay: Weekly.\nA closing remark.") == []
    assert numbered_sections("") == []
