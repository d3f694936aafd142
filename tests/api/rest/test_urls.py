"""API links (``detail_url``, the v2 ``find/`` redirect) start with ``WAGTAILAPI_BASE_URL`` or,
without it, the origin the client used, not the Site's root URL (wagtail_neuro.media_urls)."""

from __future__ import annotations

import pytest

from .conftest import use_shared_tree

pytestmark = pytest.mark.django_db

home, blog, conditions_index, image, condition, clinic_hours, article = use_shared_tree()

#: A host the test Site (``testserver``) does not name: Wagtail would answer with the Site's.
HOST = "api.example.com"


def links(client, article, **headers) -> dict[str, str]:
    v2_list = client.get(f"/api/v2/pages/?id={article.pk}", **headers).json()
    v2_find = client.get(f"/api/v2/pages/find/?html_path={article.url}", **headers)
    v3_detail = client.get(f"/api/v3/pages/{article.pk}/", **headers).json()
    v3_card = client.get("/api/v3/articles/", **headers).json()["items"][0]
    return {
        "v2 detail_url": v2_list["items"][0]["meta"]["detail_url"],
        "v2 find/": v2_find["Location"],
        "v3 detail_url": v3_detail["meta"]["detail_url"],
        "v3 card detail_url": v3_card["detail_url"],
    }


def test_without_the_setting_links_use_the_request_origin(client, article, settings):
    assert getattr(settings, "WAGTAILAPI_BASE_URL", None) is None
    found = links(client, article, HTTP_HOST=HOST)
    for name, url in found.items():
        assert url.startswith(f"http://{HOST}/api/"), (name, url)
    assert found["v2 find/"].split("?")[0] == f"http://{HOST}/api/v2/pages/{article.pk}/"


def test_the_setting_wins(client, article, settings):
    settings.WAGTAILAPI_BASE_URL = "https://cms.example.com/ignored/path"
    for name, url in links(client, article, HTTP_HOST=HOST).items():
        assert url.startswith("https://cms.example.com/api/"), (name, url)


def test_html_url_stays_the_pages_own_site(client, article):
    """``html_url`` is where the page lives (its Site), whoever asks."""
    item = client.get(f"/api/v2/pages/?id={article.pk}", HTTP_HOST=HOST).json()["items"][0]
    assert item["meta"]["html_url"] == "http://testserver/blog/autoimmune-neuropathy/"


# ---------------------------------------------------------------- rich_text_format


@pytest.fixture
def leaflet_article(blog):
    import json

    import wagtail_factories

    from tests.factories import ArticlePageFactory

    document = wagtail_factories.DocumentFactory(title="Leaflet")
    text = f'<p>Read <a linktype="document" id="{document.pk}">the <b>leaflet</b></a>.</p>'
    page = ArticlePageFactory(
        parent=blog, title="Leaflet", body=json.dumps([{"type": "paragraph", "value": text}])
    )
    page.save_revision().publish()
    return page, f"http://testserver/documents/{document.pk}/{document.filename}"


def paragraphs(client, page, query: str = "") -> dict[str, str]:
    v2 = client.get(f"/api/v2/pages/{page.pk}/{query}").json()
    v3 = client.get(f"/api/v3/pages/{page.pk}/{query}").json()
    return {api: data["body"][0]["value"] for api, data in (("v2", v2), ("v3", v3))}


def test_rich_text_is_html_by_default(client, leaflet_article):
    page, document_url = leaflet_article
    for api, value in paragraphs(client, page).items():
        assert value == f'<p>Read <a href="{document_url}">the <b>leaflet</b></a>.</p>', api


@pytest.mark.parametrize("name", ["markdown", "db_markdown"])
def test_rich_text_format_markdown_is_honoured(client, leaflet_article, name):
    """Markdown of the same front-end HTML: the absolute document link, never a
    ``wagtail://`` reference (``db_markdown`` gives the same)."""
    page, document_url = leaflet_article
    for api, value in paragraphs(client, page, f"?rich_text_format={name}").items():
        assert value.strip() == f"Read [the **leaflet**]({document_url}).", api


def test_rich_text_format_db_html_still_sends_front_end_html(client, leaflet_article):
    page, document_url = leaflet_article
    for api, value in paragraphs(client, page, "?rich_text_format=db_html").items():
        assert "linktype" not in value and document_url in value, api


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_an_unknown_rich_text_format_is_refused(client, leaflet_article, version):
    """Wagtail validates the parameter (v2 400, v3 422) before any field is serialised."""
    page, _url = leaflet_article
    response = client.get(f"/api/{version}/pages/{page.pk}/?rich_text_format=plain")
    assert response.status_code in (400, 422)
    assert "rich_text_format" in response.content.decode()
