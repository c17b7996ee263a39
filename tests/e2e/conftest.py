"""Browser tests: Playwright drives Debian's Chromium against Django's live server.

pytest-playwright provides `page` and saves a screenshot of every failing test under
var/test-results/ (see addopts in pyproject.toml).
"""

import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD_LABEL = re.compile(r"^Password:?$")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make chromium` installs it (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def live_server(django_db_setup, live_server):
    """The live server, set up after the test database so it stops (and closes its connection)
    before the database is dropped."""
    return live_server


@pytest.fixture
def page(page, live_server):
    """A browser page whose relative URLs go to the live server."""
    page.set_default_timeout(10_000)
    page.live_url = live_server.url
    return page


def log_in(page, email: str, password: str) -> None:
    page.goto(f"{page.live_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(PASSWORD_LABEL).fill(password)
    page.get_by_role("button", name="Sign In").click()


def shifts_menu(page, link: str):
    """Open the nav's Shifts menu, the way a person does, and give its link named `link`."""
    page.get_by_role("navigation").get_by_text("Shifts", exact=True).click()
    return page.get_by_role("navigation").get_by_role("link", name=link, exact=True)
