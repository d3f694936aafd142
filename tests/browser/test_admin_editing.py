"""An editor composes and publishes an article in the real admin, in a real Chromium.

This catches what form-post tests cannot: block definitions that fail to serialise for the
editor's JavaScript, broken block pickers, and JS errors on the edit screen.
"""

from __future__ import annotations

import pytest

from tests.factories import ClinicHoursSnippetFactory
from wagtail_neuro.models import ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "#panel-child-content-body-section"


def add_block(page, label: str) -> None:
    page.locator(f"{BODY} button[title='Insert a block']").last.click()
    page.get_by_role("option", name=label, exact=True).click()


def test_block_picker_offers_every_article_block(logged_in, live_server, blog):
    page = logged_in
    page.goto(f"{live_server.url}/admin/pages/add/wagtail_neuro/articlepage/{blog.pk}/")
    page.locator(f"{BODY} button[title='Insert a block']").first.click()
    options = page.get_by_role("option").all_inner_texts()
    for label in ["Heading", "Paragraph", "Symptom list", "Condition list", "Key points", "Steps"]:
        assert label in options
    assert page.js_errors == []


def test_editor_writes_and_publishes_an_article(logged_in, live_server, blog):
    ClinicHoursSnippetFactory(name="Office Hours")
    page = logged_in
    page.goto(f"{live_server.url}/admin/pages/add/wagtail_neuro/articlepage/{blog.pk}/")
    page.fill("#id_title", "Exploring the Connection Between Neuropathy and Autoimmune Diseases")
    page.fill("#id_summary", "How autoimmune diseases can damage the peripheral nerves.")

    add_block(page, "Paragraph")
    page.locator(f"{BODY} [role=textbox]").first.click()
    page.keyboard.type("Neuropathy refers to a range of conditions.")
    add_block(page, "Key points")
    page.fill("[name='body-1-value-items-0-value-term']", "Immune System Attack")
    page.fill(
        "[name='body-1-value-items-0-value-explanation']", "The immune system targets nerves."
    )

    page.locator("footer .w-dropdown__toggle").first.click()
    page.click("button[name='action-publish']")
    page.wait_for_url(f"{live_server.url}/admin/pages/{blog.pk}/")
    assert page.js_errors == []

    article = ArticlePage.objects.get()
    assert article.live
    assert [block.block_type for block in article.body] == ["paragraph", "key_points"]

    page.goto(f"{live_server.url}{article.url}")
    assert page.locator("h1").inner_text().startswith("Exploring the Connection")
    assert "Immune System Attack" in page.locator(".article__body").inner_text()


def test_publishing_without_a_summary_is_refused_on_the_field(logged_in, live_server, blog):
    """Wagtail 8 autosaves incomplete drafts as the editor types; publishing is where required
    fields bite, and nothing incomplete goes live."""
    page = logged_in
    page.goto(f"{live_server.url}/admin/pages/add/wagtail_neuro/articlepage/{blog.pk}/")
    page.fill("#id_title", "No summary yet")
    add_block(page, "Paragraph")
    page.locator(f"{BODY} [role=textbox]").first.click()
    page.keyboard.type("Some text.")
    page.locator("footer .w-dropdown__toggle").first.click()
    page.click("button[name='action-publish']")
    page.wait_for_load_state("networkidle")
    assert (
        "This field is required"
        in page.locator("[data-field-wrapper]:has(#id_summary)").inner_text()
    )
    assert not ArticlePage.objects.live().exists()


def test_block_picker_finds_blocks_by_their_description(logged_in, live_server, blog):
    """Wagtail's picker matches labels and names only; the package's block-search.js makes it
    search each block's description too, and a chosen block keeps its own type."""
    page = logged_in
    page.goto(f"{live_server.url}/admin/pages/add/wagtail_neuro/articlepage/{blog.pk}/")
    page.locator(f"{BODY} button[title='Insert a block']").first.click()
    search = page.locator(".w-combobox input[role=combobox]")
    found = {}
    for query in ("cta", "CTA button", "urgent", "appointment"):
        search.fill(query)
        found[query] = page.get_by_role("option").all_inner_texts()
    assert found == {
        "cta": ["Call to action"],
        "CTA button": ["Call to action"],
        "urgent": ["Symptom list"],
        "appointment": ["Call to action"],
    }
    search.fill("cta")
    page.get_by_role("option", name="Call to action", exact=True).click()
    assert page.locator(f"{BODY} input[name='body-0-type']").input_value() == "call_to_action"
    assert page.js_errors == []
