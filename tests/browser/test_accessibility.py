"""axe-core (axe-playwright-python) on the package's default templates and on the reference
frontend: no serious or critical violations."""

from __future__ import annotations

import pytest

from tests.factories import (
    ArticlePageFactory,
    ClinicHoursSnippetFactory,
    ConditionPageFactory,
    condition_stream,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}


@pytest.fixture
def axe():
    module = pytest.importorskip(
        "axe_playwright_python.sync_playwright", reason="pip install axe-playwright-python"
    )
    return module.Axe()


@pytest.fixture
def clinic(blog, conditions_index):
    hours = ClinicHoursSnippetFactory(name="Office Hours")
    hours.save_revision().publish()
    article = ArticlePageFactory(parent=blog, title="Exploring Neuropathy")
    article.save_revision().publish()
    condition = ConditionPageFactory(
        parent=conditions_index,
        title="Peripheral Neuropathy",
        body=condition_stream("Damage to the peripheral nerves.", ["Numbness", "Tingling"]),
    )
    condition.save_revision().publish()
    return article, condition


def blocking_violations(axe, page, url: str) -> list[str]:
    page.goto(url)
    if "/frontend/" in url:
        page.wait_for_selector("main[data-ready]")
    results = axe.run(page)
    return [
        f"{url}: {violation['id']} ({violation['impact']}): {violation['help']} "
        f"— {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def test_default_templates_and_reference_frontend(page, live_server, axe, clinic, shoot):
    article, condition = clinic
    urls = [
        article.get_parent().full_url,
        article.full_url,
        condition.get_parent().full_url,
        condition.full_url,
        "/frontend/",
        f"/frontend/articles/{article.pk}/",
        "/frontend/conditions/",
        "/frontend/conditions/?symptom=tingling",
        f"/frontend/conditions/{condition.pk}/",
        "/frontend/hours/",
    ]
    problems: list[str] = []
    for url in urls:
        path = url.split("://", 1)[-1].split("/", 1)[-1] if "://" in url else url.lstrip("/")
        problems += blocking_violations(axe, page, f"{live_server.url}/{path}")
    shoot(page, "reference-frontend-hours")
    assert problems == []
    assert page.js_errors == []
