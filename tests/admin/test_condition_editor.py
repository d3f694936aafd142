"""The condition editor: related conditions are page choosers (the page itself refused on its
row), a symptom list can open the body, and help texts point where the menus really are."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.admin.form_data import citation, inline_formset, list_block, rich_text, streamfield
from tests.admin.test_create_pages import condition_fields, form_data, publish
from tests.factories import ConditionPageFactory
from wagtail_neuro.models import ArticlePage, ConditionPage

pytestmark = pytest.mark.django_db


def test_related_conditions_are_page_choosers_limited_to_conditions(admin_client, conditions_index):
    ms = ConditionPageFactory(parent=conditions_index, title="Multiple Sclerosis", slug="ms")
    gbs = ConditionPageFactory(parent=conditions_index, title="Guillain-Barré Syndrome", slug="gbs")
    ms.related_conditions.add(gbs)
    ms.save_revision()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(ms.pk,)))
    assert "related_conditions" not in response.context["form"].fields  # no multi-select
    formset = response.context["form"].formsets["related_condition_links"]
    assert [form.initial["condition"] for form in formset.forms] == [gbs.pk]
    widget = formset.forms[0].fields["condition"].widget
    assert widget.model_names == ["wagtail_neuro.conditionpage"]  # chooses condition pages only
    assert 'name="related_condition_links-0-condition"' in response.content.decode()


def test_related_conditions_are_saved_in_the_order_picked_and_link_back(
    admin_client, conditions_index
):
    ms = ConditionPageFactory(parent=conditions_index, title="Multiple Sclerosis", slug="ms")
    sjogren = ConditionPageFactory(parent=conditions_index, title="Sjögren's Syndrome", slug="sj")
    gbs = ConditionPageFactory(parent=conditions_index, title="Guillain-Barré Syndrome", slug="gbs")
    data = form_data(
        condition_fields(
            body=streamfield([("paragraph", rich_text("<p>MS affects the nerves.</p>"))]),
            related_condition_links=inline_formset(
                [{"condition": str(sjogren.pk)}, {"condition": str(gbs.pk)}]
            ),
        )
    )
    data["action-publish"] = "action-publish"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(ms.pk,)), data)
    assert response.status_code == 302, response.context["form"].errors
    ms = ConditionPage.objects.get(pk=ms.pk)
    assert [link.condition for link in ms.related_condition_links.all()] == [sjogren, gbs]
    assert set(ms.related_conditions.all()) == {sjogren, gbs}  # the read accessor still works
    assert list(ConditionPage.objects.get(pk=gbs.pk).get_related_conditions()) == [ms]


def test_the_same_related_condition_twice_is_refused_on_the_row(admin_client, conditions_index):
    ms = ConditionPageFactory(parent=conditions_index, title="Multiple Sclerosis", slug="ms")
    gbs = ConditionPageFactory(parent=conditions_index, title="Guillain-Barré Syndrome", slug="gbs")
    rows = [{"condition": str(gbs.pk)}, {"condition": str(gbs.pk)}]
    data = form_data(condition_fields(related_condition_links=inline_formset(rows)))
    data["action-publish"] = "action-publish"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(ms.pk,)), data)
    assert response.status_code == 200, "saved a condition listed twice"
    row = response.context["form"].formsets["related_condition_links"].forms[1]
    assert "listed twice" in str(row.errors["condition"])


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
