import re

import pytest

from gigcx.celery import app as celery_app

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/bill-of-rights/", "/accounts/login/", "/accounts/signup/"])
def test_public_pages_render(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b"static/vendor/pico-2.1.1.min.css" in response.content


def test_every_response_carries_the_security_headers(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert script_src.startswith("'self'")
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_loads_anything_from_another_host(client, agent):
    client.force_login(agent)
    for url in ["/", "/agent/", "/inbox/", "/api/docs/"]:
        page = client.get(url).content.decode()
        assert not re.search(r"""(src|href)=["']https?://""", page), url


def test_pages_have_no_inline_scripts(client, agent):
    client.force_login(agent)
    for url in ["/", "/agent/", "/inbox/", "/accounts/signup/", "/api/docs/"]:
        page = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), url


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "couldn't find that page" in response.content.decode()


def test_api_docs_and_schema_are_served_locally(client, agent):
    client.force_login(agent)
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert "drf_spectacular_sidecar/swagger-ui-dist" in docs.content.decode()
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert "/api/v1/me/" in schema.json()["paths"]


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_is_503_when_the_broker_is_down(client, monkeypatch):
    monkeypatch.setitem(celery_app.conf, "broker_url", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok" and body["broker"].startswith("error")
