import pytest
from django.urls import reverse

from notifications.models import EmailPreference, Notification
from tests.factories import NotificationFactory
from tests.queries import assert_flat_queries

pytestmark = pytest.mark.django_db


def test_inbox_lists_only_my_messages(client_as, agent, outsider):
    NotificationFactory(user=agent, title="Mine")
    NotificationFactory(user=outsider, title="Theirs")
    page = client_as(agent).get(reverse("notifications:inbox")).content.decode()
    assert "Mine" in page and "Theirs" not in page


def test_unread_badge_counts_unread(client_as, agent):
    NotificationFactory.create_batch(2, user=agent)
    badge = client_as(agent).get(reverse("notifications:unread_badge")).content.decode()
    assert ">2<" in badge and "2 unread" in badge


def test_mark_read_with_htmx_returns_the_item_and_triggers_the_badge(client_as, agent):
    notification = NotificationFactory(user=agent)
    response = client_as(agent).post(
        reverse("notifications:mark_read", args=[notification.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications-changed"
    assert 'class="notification read"' in response.content.decode()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_an_outsider_cannot_mark_my_message_read(client_as, agent, outsider):
    notification = NotificationFactory(user=agent)
    response = client_as(outsider).post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_read_needs_post(client_as, agent):
    notification = NotificationFactory(user=agent)
    response = client_as(agent).get(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 405


def test_preferences_are_saved_per_kind_and_bad_kinds_ignored(client_as, agent):
    response = client_as(agent).post(
        reverse("notifications:preferences"), {"email": ["schedule", "not-a-kind"]}
    )
    assert response.status_code == 302
    chosen = dict(EmailPreference.objects.filter(user=agent).values_list("kind", "email"))
    assert chosen["schedule"] is True
    assert chosen["training"] is False
    assert chosen["account"] is True
    assert "not-a-kind" not in chosen


def test_inbox_queries_stay_flat(client_as, agent):
    browser = client_as(agent)

    def notifications(count):
        NotificationFactory.create_batch(count, user=agent)
        return count

    def inbox(count):
        assert browser.get(reverse("notifications:inbox")).status_code == 200

    assert assert_flat_queries(notifications, inbox, sizes=(3, 43)) == 3


def test_api_lists_only_my_messages_and_hides_others(agent, outsider):
    from rest_framework.test import APIClient

    mine = NotificationFactory(user=agent)
    theirs = NotificationFactory(user=outsider)
    api = APIClient()
    api.force_authenticate(agent)
    body = api.get("/api/v1/notifications/").json()
    assert [row["id"] for row in body["results"]] == [mine.pk]
    assert api.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    assert api.post(f"/api/v1/notifications/{mine.pk}/read/").json()["read_at"] is not None
    assert Notification.objects.get(pk=theirs.pk).read_at is None
