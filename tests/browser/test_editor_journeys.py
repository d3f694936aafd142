"""A clinic's Care Manager at work, in the real admin and a real Chromium: a condition page
with errors to fix, the weekly hours with a lunch break and a yearly closure, a scheduled
change of hours, and a draft previewed in the reference frontend.

Each step is saved as a screenshot (``build/browser-screenshots/``; see ``conftest.shoot``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import publish
from tests.factories import ArticlePageFactory, ClinicHoursSnippetFactory
from wagtail_neuro.models import ClinicHoursSnippet, ConditionPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "#panel-child-content-body-section"
REFERENCES = "#panel-child-references-references-section"
HOURS_ADD = "/admin/snippets/wagtail_neuro/clinichourssnippet/add/"


def tab_errors(page, tab: str) -> str:
    """The error badge of a tab, as an editor reads it ("" when there is none)."""
    badge = page.locator(f"#tab-label-{tab} [data-w-count-target='total']")
    page.wait_for_timeout(300)  # the badge is recounted once StreamField has drawn its errors
    return badge.inner_text().strip()


def citation(page, index: int, title: str, url: str, doi: str = "") -> None:
    page.fill(f"[name='references-{index}-value-title']", title)
    page.fill(f"[name='references-{index}-value-url']", url)
    page.fill(f"[name='references-{index}-value-source']", "NINDS")
    page.fill(f"[name='references-{index}-value-doi']", doi)


def test_condition_page_with_errors_fixed_then_published(
    logged_in, live_server, conditions_index, shoot
):
    page = logged_in
    page.goto(
        f"{live_server.url}/admin/pages/add/wagtail_neuro/conditionpage/{conditions_index.pk}/"
    )
    page.fill("#id_title", "Peripheral Neuropathy")
    page.fill("#id_summary", "Damage to the nerves outside the brain and spinal cord.")
    page.locator(f"{BODY} button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Symptom list", exact=True).click()
    page.fill("[name='body-0-value-heading']", "Common symptoms")
    page.fill("[name='body-0-value-items-0-value-name']", "Tingling in the feet")

    page.click("#tab-label-codes_related")
    page.get_by_role("button", name="Add ICD-10 code").click()
    page.fill("[name='icd10_codes-0-code']", "G62-9")

    page.click("#tab-label-references")
    page.locator(f"{REFERENCES} button[title='Insert a block']").first.click()
    page.locator(f"{REFERENCES} button[title='Insert a block']").last.click()
    citation(page, 0, "Peripheral Neuropathy", "javascript:alert(1)", doi="10.abc")
    citation(page, 1, "Neuropathy fact sheet", "https://www.ninds.nih.gov/neuropathy")
    shoot(page, "1-filled-in")

    publish(page)
    page.wait_for_selector(".messages .error, [role=alert]")
    # every tab holding an error says so (wagtail#12823 worked around in the package)
    assert tab_errors(page, "codes_related") == "1"
    assert tab_errors(page, "references") == "2"
    page.click("#tab-label-references")
    references = page.locator(REFERENCES).inner_text()
    assert "Enter a web address starting with http:// or https://" in references
    assert references.count("Enter a valid URL.") == 0  # one message per bad URL
    assert "DOI" in references
    shoot(page, "2-errors-on-references")
    page.click("#tab-label-codes_related")
    assert (
        "not an ICD-10 code"
        in page.locator("#panel-child-codes_related-icd_10_codes-section").inner_text()
    )
    assert not ConditionPage.objects.live().exists()  # Wagtail 8 may autosave a draft

    page.fill("[name='icd10_codes-0-code']", "G62.9")
    page.click("#tab-label-references")
    citation(
        page,
        0,
        "Peripheral Neuropathy",
        "https://www.mayoclinic.org/neuropathy",
        "10.1038/nrdp.2019.41",
    )
    publish(page)
    page.wait_for_url(f"{live_server.url}/admin/pages/{conditions_index.pk}/")
    assert page.js_errors == []

    condition = ConditionPage.objects.get()
    assert condition.live
    assert [block.block_type for block in condition.body] == ["symptom_list"]
    page.goto(f"{live_server.url}{condition.url}")
    assert page.locator("h1").inner_text() == "Peripheral Neuropathy"
    assert "Tingling in the feet" in page.locator("main").inner_text()
    shoot(page, "3-live-page")


def test_weekly_hours_with_a_lunch_break_and_a_yearly_closure(logged_in, live_server, shoot):
    page = logged_in
    page.goto(f"{live_server.url}{HOURS_ADD}")
    page.fill("#id_name", "Office Hours")
    page.uncheck("#weekly_hours-0-closed")
    page.fill("[name='weekly_hours-0-0-opens']", "09:00")
    page.fill("[name='weekly_hours-0-0-closes']", "12:00")
    page.click("tr[data-neuro-hours-day='0'] [data-neuro-hours-add]")
    page.fill("[name='weekly_hours-0-1-opens']", "13:00")
    page.fill("[name='weekly_hours-0-1-closes']", "17:00")
    page.get_by_role("button", name="Copy Monday to weekdays").click()
    # one screen: the whole week fits in the viewport at once
    table = page.locator("[data-neuro-hours]").bounding_box()
    assert table["height"] < 1000
    shoot(page, "1-week-in-one-table", full_page=False)

    # a 9-5 typo entered as 17:00-09:00 on Saturday gets a warning right away
    page.uncheck("#weekly_hours-5-closed")
    page.fill("[name='weekly_hours-5-0-opens']", "17:00")
    page.fill("[name='weekly_hours-5-0-closes']", "09:00")
    assert page.locator("tr[data-neuro-hours-day='5'] [data-neuro-hours-warning]").is_visible()
    page.check("#weekly_hours-5-closed")

    page.locator("#panel-exceptions-section button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Every year", exact=True).click()
    page.fill("[name='exceptions-0-value-label']", "Christmas Day")
    page.select_option("[name='exceptions-0-value-month']", label="December")
    page.fill("[name='exceptions-0-value-day']", "25")
    shoot(page, "2-christmas-every-year")
    publish(page)
    page.wait_for_load_state("networkidle")
    errors = page.locator(".error-message, .help-critical, .messages").all_inner_texts()
    shoot(page, "3-published")
    assert page.url == f"{live_server.url}/admin/snippets/wagtail_neuro/clinichourssnippet/", errors
    assert page.js_errors == []

    hours = ClinicHoursSnippet.objects.get()
    assert hours.live
    assert hours.summary == "Monday–Friday 9 AM–12 PM, 1 PM–5 PM; Saturday–Sunday closed"
    data = hours.as_data(at=dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC))
    assert [(e["label"], e["start_date"]) for e in data["exceptions"]] == [
        ("Christmas Day", "2026-12-25")
    ]
    shoot(page, "4-listing")


def test_new_hours_scheduled_ahead(logged_in, live_server, shoot):
    hours = ClinicHoursSnippetFactory(name="Office Hours")
    hours.save_revision().publish()
    page = logged_in
    page.goto(f"{live_server.url}/admin/snippets/wagtail_neuro/clinichourssnippet/edit/{hours.pk}/")
    page.uncheck("#weekly_hours-4-closed")
    page.fill("[name='weekly_hours-4-0-opens']", "09:00")
    page.fill("[name='weekly_hours-4-0-closes']", "13:00")
    go_live = timezone.localtime() + dt.timedelta(days=30)
    page.get_by_role("button", name="Toggle status").click()
    page.get_by_role("button", name="Set schedule").click()
    page.fill("#schedule-publishing-dialog [name='go_live_at']", go_live.strftime("%Y-%m-%d %H:%M"))
    shoot(page, "1-schedule-dialog", full_page=False)
    # saves a draft with the schedule (the keyboard: the date picker covers the button)
    page.get_by_role("button", name="Save schedule").press("Enter")
    page.wait_for_load_state("networkidle")
    publish(page)
    page.wait_for_url(f"{live_server.url}/admin/snippets/wagtail_neuro/clinichourssnippet/")

    hours.refresh_from_db()
    assert hours.live and "Friday" not in hours.summary.split(";")[0]  # the old hours stay live
    page.goto(
        f"{live_server.url}/admin/snippets/wagtail_neuro/clinichourssnippet/?status=scheduled"
    )
    assert "Office Hours" in page.locator("main table").inner_text()
    assert "live + scheduled" in page.locator("main table").inner_text().lower()
    shoot(page, "2-listing-scheduled")


def test_article_draft_previewed_in_the_reference_frontend(logged_in, live_server, blog, shoot):
    article = ArticlePageFactory(parent=blog, title="Spring is around the corner")
    article.save_revision().publish()
    page = logged_in
    page.goto(f"{live_server.url}/admin/pages/{article.pk}/edit/")
    page.fill("#id_title", "Spring is around the corner (draft)")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe").frame_locator("iframe")
    heading = preview.locator("main h1")
    heading.wait_for(timeout=15_000)
    assert heading.inner_text() == "Spring is around the corner (draft)"
    assert "Preview of a draft" in preview.locator("main").inner_text()
    shoot(page, "1-frontend-preview", full_page=False)
    article.refresh_from_db()
    assert article.title == "Spring is around the corner"  # nothing was published
