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
