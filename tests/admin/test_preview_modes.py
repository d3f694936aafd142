"""The preview mode an editor gets: the frontend when one is configured, the page template
otherwise, and never a dead URL or an error."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import override_settings
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils

from tests.factories import ArticlePageFactory
from wagtail_neuro.models.preview import HEADLESS_PREVIEW_MODE

pytestmark = pytest.mark.django_db

NO_FRONTEND = {"CLIENT_URLS": {}}
SAME_SERVER = {"CLIENT_URLS": {"default": "/frontend/preview"}}
OTHER_HOST_ONLY = {"CLIENT_URLS": {"cms.other.example": "https://other.example/preview"}}


@pytest.fixture
def article(blog):
    article = ArticlePageFactory(parent=blog, title="Draft title")
    article.save_revision().publish()
    return article


def preview(rf, superuser, article, mode: str):
    """What the admin's preview panel shows for ``mode`` (the view calls ``serve_preview``)."""
    request = rf.get(reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,)))
    request.user = superuser
    response = article.serve_preview(request, mode)
    return response.render() if hasattr(response, "render") else response


def iframe_src(response) -> str | None:
    iframe = WagtailTestUtils.get_soup(response.content).find("iframe")
    return iframe["src"] if iframe else None


@override_settings(WAGTAIL_HEADLESS_PREVIEW=NO_FRONTEND)
def test_without_a_frontend_only_the_page_template_is_offered(article):
    assert article.preview_modes == [("", "Page template")]
    assert article.default_preview_mode == ""


@override_settings(WAGTAIL_HEADLESS_PREVIEW=SAME_SERVER)
def test_with_a_frontend_it_is_the_default_mode(article):
    assert [mode for mode, _label in article.preview_modes] == [HEADLESS_PREVIEW_MODE, ""]
    assert article.default_preview_mode == HEADLESS_PREVIEW_MODE


@override_settings(WAGTAIL_HEADLESS_PREVIEW=SAME_SERVER)
def test_the_frontend_mode_points_at_the_configured_url_with_a_token(rf, superuser, article):
    response = preview(rf, superuser, article, HEADLESS_PREVIEW_MODE)
    assert response.status_code == 200
    url = urlparse(iframe_src(response))
    assert url.path == "/frontend/preview/"  # a same-server, relative URL works in the iframe
    query = parse_qs(url.query)
    assert query["content_type"] == ["wagtail_neuro.articlepage"]
    assert query["token"][0]


@override_settings(WAGTAIL_HEADLESS_PREVIEW=NO_FRONTEND)
def test_a_stale_frontend_mode_falls_back_to_the_page_template(rf, superuser, article):
    """An admin tab opened before the frontend was unconfigured still asks for "headless"."""
    response = preview(rf, superuser, article, HEADLESS_PREVIEW_MODE)
    assert response.status_code == 200
    assert iframe_src(response) is None
    assert b"Draft title" in response.content


@override_settings(WAGTAIL_HEADLESS_PREVIEW=OTHER_HOST_ONLY)
def test_a_site_without_its_own_frontend_url_gets_the_page_template(rf, superuser, article):
    # upstream raises KeyError here (no "default"): the editor would see a 500
    response = preview(rf, superuser, article, HEADLESS_PREVIEW_MODE)
    assert response.status_code == 200
    assert iframe_src(response) is None
    assert b"Draft title" in response.content
