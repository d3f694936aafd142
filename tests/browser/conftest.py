"""Playwright driving Debian's Chromium (``/usr/bin/chromium``); never a downloaded browser."""

from __future__ import annotations

import copy
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("WAGTAIL_NEURO_CHROMIUM", "/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
FRONTEND = REPO / "example_site" / "frontend"
#: Screenshots of each step; build/ is git-ignored. The best ones are copied to docs/img/.
SCREENSHOTS = Path(
    os.environ.get("WAGTAIL_NEURO_SCREENSHOTS", REPO / "build" / "browser-screenshots")
)
PASSWORD = "browser-test-only"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium (make test does this)")
    # Playwright runs an event loop in this thread; Django's ORM calls in the test body are
    # still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        # While that loop runs, Django keeps this thread's database connections apart from
        # the ones it opened before (asgiref's Local: one set per async context), so the tests
        # after the browser's open a second connection. Close it while it is still the one
        # Django sees: the test database's teardown runs after the loop has stopped, closes
        # only the first, and could not drop the database ("being accessed by other users").
        from django.db import connections

        connections.close_all()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture(scope="package", autouse=True)
def reference_frontend(django_test_environment) -> Iterator[None]:
    """Serve the REST feed and the example site's reference frontend from the live server, and
    make it the headless preview client, as ``make demo`` does.

    Package-scoped: the overrides end with the browser tests, so tests that run after them in
    the same process (``make test`` hands the slow browser files out first) see the test
    settings, not this URLconf and preview client."""
    from django.conf import settings
    from django.test import override_settings

    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0].get("DIRS", []), FRONTEND / "templates"]
    override = override_settings(
        ROOT_URLCONF="tests.browser.urls",
        TEMPLATES=templates,
        STATICFILES_DIRS=[*getattr(settings, "STATICFILES_DIRS", []), FRONTEND / "static"],
        WAGTAIL_HEADLESS_PREVIEW={"CLIENT_URLS": {"default": "/frontend/preview"}},
    )
    override.enable()
    yield
    override.disable()


@pytest.fixture
def logged_in(page, live_server, superuser):
    superuser.set_password(PASSWORD)
    superuser.save()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", superuser.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


@pytest.fixture
def shoot(request) -> object:
    """``shoot(page, "step")`` saves a full-page screenshot named after the test and step."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")

    def save(page, step: str, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{test}--{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save


def publish(page) -> None:
    """Open the footer's action menu and publish (the editor's own clicks)."""
    page.locator("footer .w-dropdown__toggle").first.click()
    page.click("button[name='action-publish']")
