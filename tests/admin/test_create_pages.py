"""Editors create, preview and publish every page type through the real Wagtail admin views."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils

from tests.admin.form_data import (
    citation,
    inline_formset,
    list_block,
    nested_form_data,
    rich_text,
    streamfield,
)
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    CategoryFactory,
    ConditionPageFactory,
)
from wagtail_neuro.models import ArticleIndexPage, ArticlePage, ConditionIndexPage, ConditionPage

pytestmark = pytest.mark.django_db

MAYO = "https://www.mayoclinic.org/diseases-conditions/neuropathy/symptoms-causes/syc-20350105"


def add_url(model: type, parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )


def form_data(fields: dict) -> dict:
    """Nest StreamField/inline data; top-level lists stay multi-valued (checkboxes, selects)."""
    multi = {key: value for key, value in fields.items() if isinstance(value, list)}
    nested = {key: value for key, value in fields.items() if key not in multi}
    return {**nested_form_data({"comments": inline_formset([]), **nested}), **multi}


def publish(client, model: type, parent, fields: dict) -> object:
    data = form_data(fields)
    data["action-publish"] = "action-publish"
    return client.post(add_url(model, parent), data)


def article_fields(**overrides) -> dict:
    author = AuthorFactory(name="Care Manager", role="Care Manager")
    category = CategoryFactory(name="Neuropathy")
    fields = {
        "title": "Exploring the Connection Between Neuropathy and Autoimmune Diseases",
        "slug": "exploring",
        "summary": "How autoimmune diseases can damage the peripheral nerves.",
        "date": "2024-08-19",
        "author": str(author.pk),
        "categories": [str(category.pk)],
        "tags": "neuropathy, autoimmune",
        "body": streamfield(
            [
                ("heading", {"text": "What is Neuropathy?", "level": "h2"}),
                ("paragraph", rich_text("<p>Neuropathy refers to a range of conditions.</p>")),
                (
                    "key_points",
                    {
                        "heading": "",
                        "intro": "",
                        "items": list_block(
                            [{"term": "Immune System Attack", "explanation": "Targets nerves."}]
                        ),
                    },
                ),
            ]
        ),
        "references": streamfield([("citation", citation(url=MAYO, source="Mayo Clinic"))]),
        "related_article_links": inline_formset([]),
        "reviewed_by": "",
        "last_reviewed": "",
    }
    fields.update(overrides)
    return fields


def test_publish_article_index_and_article(admin_client, home):
    response = publish(admin_client, ArticleIndexPage, home, {"title": "Blog", "slug": "blog"})
    assert response.status_code == 302, response.context["form"].errors
    blog = ArticleIndexPage.objects.get(slug="blog")
    assert blog.live

    response = publish(admin_client, ArticlePage, blog, article_fields())
    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(slug="exploring")
    assert article.live and article.get_parent().specific == blog
    assert article.author.name == "Care Manager"
    assert [c.name for c in article.categories.all()] == ["Neuropathy"]
    assert sorted(t.name for t in article.tags.all()) == ["autoimmune", "neuropathy"]
    assert [block.block_type for block in article.body] == ["heading", "paragraph", "key_points"]
    assert article.references[0].value["url"] == MAYO
    assert article.reading_time >= 1

    page = admin_client.get(article.url)
    assert page.status_code == 200
    assert b"What is Neuropathy?" in page.content and b"Immune System Attack" in page.content


def test_publish_condition_index_and_condition(admin_client, home):
    response = publish(
        admin_client, ConditionIndexPage, home, {"title": "Conditions", "slug": "conditions"}
    )
    assert response.status_code == 302, response.context["form"].errors
    index = ConditionIndexPage.objects.get(slug="conditions")

    fields = {
        "title": "Systemic Lupus Erythematosus",
        "slug": "lupus",
        "summary": "Lupus can affect multiple organ systems, including the nervous system.",
        "also_known_as": inline_formset([{"name": "Lupus"}, {"name": "SLE"}]),
        "icd10_codes": inline_formset([{"code": "m32.9", "description": "SLE, unspecified"}]),
        "body": streamfield(
            [
                (
                    "section",
                    {
                        "section": "overview",
                        "heading": "",
                        "content": streamfield(
                            [("paragraph", rich_text("<p>Lupus is autoimmune.</p>"))]
                        ),
                    },
                )
            ]
        ),
        "references": streamfield([]),
        "related_condition_links": inline_formset([]),
        "reviewed_by": "",
        "last_reviewed": "",
    }
    response = publish(admin_client, ConditionPage, index, fields)
    assert response.status_code == 302, response.context["form"].errors
    condition = ConditionPage.objects.get(slug="lupus")
    assert condition.live
    assert [a.name for a in condition.also_known_as.all()] == ["Lupus", "SLE"]
    assert [c.code for c in condition.icd10_codes.all()] == ["M32.9"]  # normalised upper-case
    assert admin_client.get(condition.url).status_code == 200


def error_text(errors) -> str:
    """Every message of a field's errors, including those nested inside StreamField blocks."""
    parts = []
    for error in errors.as_data():
        as_json = getattr(error, "as_json_data", None)
        parts.append(json.dumps(as_json()) if as_json else " ".join(error.messages))
    return " ".join(parts)


def errors_of(response) -> dict:
    assert response.status_code == 200, "the page was saved although the input was invalid"
    return response.context["form"].errors


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"references": streamfield([("citation", citation(url="ftp://example.com/paper"))])},
            "references",
            "http",
        ),
        (
            {"references": streamfield([("citation", citation(url="http://[::1"))])},
            "references",
            "http",
        ),
        (
            {"references": streamfield([("citation", citation(doi="11.abc"))])},
            "references",
            "DOI",
        ),
        ({"reviewed_by": "AUTHOR", "last_reviewed": ""}, "last_reviewed", "date of the review"),
        ({"last_reviewed": "2099-01-01"}, "last_reviewed", "future"),
        ({"reviewed_by": "", "last_reviewed": "2024-01-01"}, "reviewed_by", "who reviewed"),
        ({"summary": ""}, "summary", "required"),
    ],
)
def test_invalid_article_input_is_refused_naming_the_field(
    admin_client, blog, overrides, field, message
):
    fields = article_fields()
    if overrides.get("reviewed_by") == "AUTHOR":
        overrides = {**overrides, "reviewed_by": fields["author"]}
    response = publish(admin_client, ArticlePage, blog, {**fields, **overrides})
    errors = errors_of(response)
    assert field in errors
    assert message.lower() in error_text(errors[field]).lower()
    assert not ArticlePage.objects.exists()


def condition_fields(**overrides) -> dict:
    fields = {
        "title": "Multiple Sclerosis",
        "slug": "ms",
        "summary": "MS primarily affects the central nervous system.",
        "also_known_as": inline_formset([]),
        "icd10_codes": inline_formset([]),
        "body": streamfield([]),
        "references": streamfield([]),
        "related_condition_links": inline_formset([]),
        "reviewed_by": "",
        "last_reviewed": "",
    }
    fields.update(overrides)
    return fields


def test_invalid_icd10_code_is_refused_on_its_field(admin_client, conditions_index):
    response = publish(
        admin_client,
        ConditionPage,
        conditions_index,
        condition_fields(icd10_codes=inline_formset([{"code": "G62-9", "description": ""}])),
    )
    assert response.status_code == 200
    code_form = response.context["form"].formsets["icd10_codes"].forms[0]
    assert "not an ICD-10 code" in str(code_form.errors["code"])
    assert not ConditionPage.objects.exists()


def test_duplicate_icd10_code_is_refused(admin_client, conditions_index):
    codes = inline_formset([{"code": "G35", "description": ""}, {"code": "g35", "description": ""}])
    response = publish(
        admin_client, ConditionPage, conditions_index, condition_fields(icd10_codes=codes)
    )
    assert response.status_code == 200
    second = response.context["form"].formsets["icd10_codes"].forms[1]
    assert "listed twice" in str(second.errors["code"])
    assert not ConditionPage.objects.exists()


def test_same_section_twice_is_refused(admin_client, conditions_index):
    section = {
        "section": "symptoms",
        "heading": "",
        "content": streamfield([("paragraph", rich_text("<p>Numbness.</p>"))]),
    }
    response = publish(
        admin_client,
        ConditionPage,
        conditions_index,
        condition_fields(body=streamfield([("section", section), ("section", section)])),
    )
    errors = errors_of(response)
    assert "body" in errors
    assert not ConditionPage.objects.exists()


@pytest.mark.parametrize("mode", ["", "headless"])
def test_preview_an_unsaved_article(admin_client, blog, mode):
    url = reverse(
        "wagtailadmin_pages:preview_on_add", args=("wagtail_neuro", "articlepage", blog.pk)
    )
    response = admin_client.post(url, form_data(article_fields()))
    assert response.status_code == 200
    assert response.json()["is_valid"] is True

    response = admin_client.get(url, {"mode": mode})
    assert response.status_code == 200
    if mode == "headless":
        # wagtail-headless-preview hands the frontend a signed token for this draft
        iframe = WagtailTestUtils.get_soup(response.content).find("iframe")
        preview_url = urlparse(iframe["src"])
        assert preview_url.netloc == "localhost:3000" and preview_url.path.rstrip("/") == "/preview"
        query = parse_qs(preview_url.query)
        assert query["content_type"] == ["wagtail_neuro.articlepage"]
        assert query["token"][0]
    else:
        assert b"What is Neuropathy?" in response.content
    assert not ArticlePage.objects.exists()


def test_save_draft_keeps_the_live_version(admin_client, blog):
    publish(admin_client, ArticlePage, blog, article_fields())
    article = ArticlePage.objects.get(slug="exploring")
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    data = form_data(article_fields(title="A draft title", slug="exploring"))
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title.startswith("Exploring")  # the live row is untouched
    assert article.has_unpublished_changes
    assert article.get_latest_revision_as_object().title == "A draft title"


@pytest.mark.parametrize("action", ["action-publish", None])  # publish, and save draft
def test_a_condition_related_to_itself_is_refused(admin_client, conditions_index, action):
    condition = ConditionPageFactory(parent=conditions_index, title="Multiple Sclerosis", slug="ms")
    condition.save_revision().publish()
    data = form_data(
        condition_fields(
            title="Multiple Sclerosis (MS)",
            related_condition_links=inline_formset([{"condition": str(condition.pk)}]),
        )
    )
    if action:
        data[action] = action
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(condition.pk,)), data)
    assert response.status_code == 200, "saved although the condition was related to itself"
    row = response.context["form"].formsets["related_condition_links"].forms[0]
    assert "related to itself" in str(row.errors["condition"])
    assert not condition.related_condition_links.exists()
    condition.refresh_from_db()
    assert condition.title == "Multiple Sclerosis"
    assert condition.get_latest_revision_as_object().title == "Multiple Sclerosis"  # no draft


def test_an_article_related_to_itself_is_refused(admin_client, blog):
    article = ArticlePageFactory(parent=blog, slug="self-linked")
    data = form_data(
        article_fields(
            title=article.title,
            slug="self-linked",
            related_article_links=inline_formset([{"article": str(article.pk)}]),
        )
    )
    data["action-publish"] = "action-publish"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(article.pk,)), data)
    assert response.status_code == 200, "saved although the article was related to itself"
    row = response.context["form"].formsets["related_article_links"].forms[0]
    assert "related to itself" in str(row.errors["article"])
    assert not article.related_article_links.exists()
