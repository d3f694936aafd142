"""The condition editor: related conditions never offer the page itself, a symptom list can
open the body, and help texts point where the menus really are."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.admin.form_data import citation, list_block, streamfield
from tests.admin.test_create_pages import condition_fields, publish
from tests.factories import ConditionPageFactory
from wagtail_neuro.models import ArticlePage, ConditionPage

pytestmark = pytest.mark.django_db


def test_related_conditions_offer_the_others_by_title_but_not_the_page_itself(
    admin_client, conditions_index
):
    ms = ConditionPageFactory(parent=conditions_index, title="Multiple Sclerosis", slug="ms")
    ConditionPageFactory(parent=conditions_index, title="Sjögren's Syndrome", slug="sjogren")
    ConditionPageFactory(parent=conditions_index, title="Guillain-Barré Syndrome", slug="gbs")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(ms.pk,)))
    field = response.context["form"]["related_conditions"]
    labels = [choice.choice_label for choice in field]
    assert labels == ["Guillain-Barré Syndrome", "Sjögren's Syndrome"]
    assert 'type="checkbox" name="related_conditions"' in str(field)


def test_a_symptom_list_can_open_a_condition_body(admin_client, conditions_index):
    symptoms = {
        "heading": "Symptoms",
        "intro": "",
        "items": list_block(
            [{"name": "Numbness", "description": "", "severity": "", "urgent": ""}]
        ),
    }
    response = publish(
        admin_client,
        ConditionPage,
        conditions_index,
        condition_fields(body=streamfield([("symptom_list", symptoms)])),
    )
    assert response.status_code == 302, response.context["form"].errors
    page = ConditionPage.objects.get()
    assert [block.block_type for block in page.body] == ["symptom_list"]


def test_the_author_help_text_names_the_clinic_menu():
    help_text = str(ArticlePage._meta.get_field("author").help_text)
    assert "Clinic → Authors" in help_text and "Snippets" not in help_text


@pytest.mark.parametrize("url", ["javascript:alert(1)", "http://not a url", "ftp://example.com/a"])
def test_a_bad_reference_url_gets_one_message(admin_client, conditions_index, url):
    response = publish(
        admin_client,
        ConditionPage,
        conditions_index,
        condition_fields(references=streamfield([("citation", citation(title="T", url=url))])),
    )
    assert response.status_code == 200
    error = response.context["form"].errors["references"].as_data()[0]
    messages = error.as_json_data()["blockErrors"][0]["blockErrors"]["url"]["messages"]
    assert messages == [
        "Enter a web address starting with http:// or https:// "
        "(for example https://www.ninds.nih.gov/)."
    ]
