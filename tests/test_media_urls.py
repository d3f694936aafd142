"""Media, document and page URLs in every API (wagtail_neuro.media_urls): images, renditions and
documents are absolute (``WAGTAIL_NEURO_MEDIA_BASE_URL``, else the request's origin), inside rich
text too; page URLs stay frontend routes unless ``WAGTAIL_NEURO_ABSOLUTE_PAGE_URLS``."""

from __future__ import annotations

import json
import re

import pytest
import wagtail_factories
from django.core import checks
from django.core.cache import cache
from django.test import RequestFactory

from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, AuthorFactory
from wagtail_neuro.checks import check_public_origins_in_production, check_public_urls
from wagtail_neuro.media_urls import absolute_html_media, absolute_media_url, serving
from wagtail_neuro.representation import rich_text_data

CDN = "https://cdn.example.com"


@pytest.fixture(autouse=True)
def forget_renditions():
    """Wagtail keeps renditions in the default cache by image id: a later test's image with a
    reused id would otherwise get this module's renditions."""
    yield
    cache.clear()


# ---------------------------------------------------------------- the rule


def test_the_setting_wins_over_the_request(settings, rf):
    settings.WAGTAIL_NEURO_MEDIA_BASE_URL = CDN + "/"
    request = rf.get("/", HTTP_HOST="cms.example.com")
    assert absolute_media_url("/media/a.jpg", request) == CDN + "/media/a.jpg"


def test_without_the_setting_the_request_origin(rf, settings):
    settings.ALLOWED_HOSTS = ["cms.example.com"]
    request = rf.get("/", HTTP_HOST="cms.example.com", secure=True)
    assert absolute_media_url("/media/a.jpg", request) == "https://cms.example.com/media/a.jpg"
    with serving(request):  # what the API views set for code that gets no request
        assert absolute_media_url("/media/a.jpg") == "https://cms.example.com/media/a.jpg"
    assert absolute_media_url("/media/a.jpg") == "/media/a.jpg"  # no setting, no request


def test_an_absolute_storage_url_is_left_alone(settings):
    settings.WAGTAIL_NEURO_MEDIA_BASE_URL = CDN
    for url in ("https://bucket.s3.amazonaws.com/a.jpg", "//static.example.com/a.jpg"):
        assert absolute_media_url(url) == url


def test_a_host_outside_allowed_hosts_gives_no_origin(rf, settings):
    settings.ALLOWED_HOSTS = ["cms.example.com"]
    assert absolute_media_url("/media/a.jpg", rf.get("/", HTTP_HOST="evil.test")) == "/media/a.jpg"


def test_img_src_and_srcset_made_absolute(settings):
    settings.WAGTAIL_NEURO_MEDIA_BASE_URL = CDN
    tag = '<img alt="x" src="/media/a.jpg" srcset="/media/a.jpg 1x, /media/b.jpg 2x" width="1">'
    assert absolute_html_media(tag) == (
        f'<img alt="x" src="{CDN}/media/a.jpg" '
        f'srcset="{CDN}/media/a.jpg 1x, {CDN}/media/b.jpg 2x" width="1">'
    )


# ---------------------------------------------------------------- rich text


@pytest.fixture
def document(db):
    return wagtail_factories.DocumentFactory(title="Leaflet")


def linked_text(document, image) -> str:
    return (
        f'<p>Read <a linktype="document" id="{document.pk}">the leaflet</a>.</p>'
        f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Nerves"/>'
    )


def hrefs_and_srcs(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*)"', html)


@pytest.mark.django_db
def test_rich_text_document_links_and_images_are_absolute(settings, document, image):
    settings.WAGTAIL_NEURO_MEDIA_BASE_URL = CDN
    html = rich_text_data(linked_text(document, image))
    href, src = hrefs_and_srcs(html)
    assert href == f"{CDN}/documents/{document.pk}/{document.filename}"
    assert src.startswith(f"{CDN}/media/images/")


@pytest.mark.django_db
def test_rich_text_takes_the_request_origin_without_the_setting(document, image):
    request = RequestFactory().get("/")
    href, src = hrefs_and_srcs(rich_text_data(linked_text(document, image), request))
    assert href == f"http://testserver/documents/{document.pk}/{document.filename}"
    assert src.startswith("http://testserver/media/images/")


@pytest.fixture
def image(db):
    return wagtail_factories.ImageFactory(title="Nerves", description="A nerve diagram")


# ---------------------------------------------------------------- REST v2, v3 and GraphQL


@pytest.fixture
def linked_article(home, image, document):
    """An article whose paragraph, blog intro and author bio link the document and show the
    image, with the image as hero and author photo."""
    text = linked_text(document, image)
    blog = ArticleIndexPageFactory(parent=home, intro=text)
    author = AuthorFactory(name="Care Manager", photo=image, bio=text)
    body = json.dumps([{"type": "paragraph", "value": text}])
    page = ArticlePageFactory(
        parent=blog, title="Leaflets", author=author, hero_image=image, body=body
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def all_apis(settings):
    settings.ROOT_URLCONF = "tests.api.urls"
    settings.WAGTAIL_NEURO_RESPONSE_CACHE = None


GRAPHQL = """
query ($slug: String) {
  article(slug: $slug) {
    url
    heroImage { url renditions { url } }
    author { bio photo { url renditions { url } } }
    body { ... on ParagraphBlock { value } }
    parent { ... on ArticleIndexPage { intro } }
  }
  documents { url }
  images { url rendition(width: 320) { url } }
}
"""


def media_urls_in(data) -> list[str]:
    """Every media/document URL anywhere in an API answer (keys ``url``, and links and image
    sources inside HTML strings)."""
    found: list[str] = []

    def walk(value, key=None):
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str):
            if key == "url" and ("/media/" in value or "/documents/" in value):
                found.append(value)
            found.extend(
                url for url in hrefs_and_srcs(value) if "/media/" in url or "/documents/" in url
            )

    walk(data)
    return found


def answers(client, page) -> dict[str, dict]:
    v2 = client.get(f"/api/v2/pages/{page.pk}/").json()
    v2_blog = client.get(f"/api/v2/pages/{page.get_parent().pk}/").json()
    v3 = client.get(f"/api/v3/pages/{page.pk}/").json()
    v3_blog = client.get(f"/api/v3/pages/{page.get_parent().pk}/").json()
    graphql = client.post(
        "/graphql/",
        json.dumps({"query": GRAPHQL, "variables": {"slug": page.slug}}),
        content_type="application/json",
    ).json()
    assert "errors" not in graphql, graphql["errors"]
    return {
        "v2": {"page": v2, "blog": v2_blog},
        "v3": {"page": v3, "blog": v3_blog},
        "graphql": graphql["data"],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("origin", [CDN, None])
def test_every_media_url_in_every_api_is_absolute(
    client, settings, all_apis, linked_article, document, origin
):
    """Hero image, author photo, renditions, rich text (a StreamField paragraph, a
    RichTextField, a snippet's bio) and grapple's own image and document types."""
    settings.WAGTAIL_NEURO_MEDIA_BASE_URL = origin
    expected = origin or "http://testserver"
    document_link = f"{expected}/documents/{document.pk}/{document.filename}"
    for api, data in answers(client, linked_article).items():
        urls = media_urls_in(data)
        relative = [url for url in urls if not url.startswith(expected + "/")]
        assert not relative, (api, relative)
        # each rich text (body, intro, bio) links the document through the serve view
        assert urls.count(document_link) >= 3, (api, urls)
        assert sum("/media/images/" in url for url in urls) >= 5, (api, urls)


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_wagtails_image_and_document_endpoints_follow_the_rule(
    client, settings, all_apis, image, document, version
):
    settings.WAGTAIL_NEURO_MEDIA_BASE_URL = CDN
    image_meta = client.get(f"/api/{version}/images/{image.pk}/").json()["meta"]
    document_meta = client.get(f"/api/{version}/documents/{document.pk}/").json()["meta"]
    assert image_meta["download_url"] == CDN + image.file.url
    assert document_meta["download_url"] == (f"{CDN}/documents/{document.pk}/{document.filename}")


@pytest.mark.django_db
def test_page_urls_stay_frontend_routes_unless_asked(client, settings, all_apis, linked_article):
    path = "/blog/leaflets/"
    graphql = answers(client, linked_article)["graphql"]
    assert graphql["article"]["url"] == path
    v3 = client.get("/api/v3/articles/").json()["items"][0]
    assert v3["url"] == path
    settings.WAGTAIL_NEURO_ABSOLUTE_PAGE_URLS = True
    v3 = client.get("/api/v3/articles/").json()["items"][0]
    assert v3["url"] == "http://testserver" + path
    graphql = answers(client, linked_article)["graphql"]
    assert graphql["article"]["url"] == "http://testserver" + path


# ---------------------------------------------------------------- system checks


@pytest.mark.parametrize(
    "value", ["cdn.example.com", "ftp://cdn.example.com", "https://x/?a=1", 42]
)
def test_a_media_base_url_that_is_not_an_origin_is_an_error(settings, value):
    settings.WAGTAIL_NEURO_MEDIA_BASE_URL = value
    assert [error.id for error in check_public_urls()] == ["wagtail_neuro.E080"]


def test_a_media_base_url_with_a_path_is_accepted(settings):
    settings.WAGTAIL_NEURO_MEDIA_BASE_URL = "https://cdn.example.com/clinic"
    assert check_public_urls() == []


def test_production_without_either_origin_is_warned_by_check_deploy(settings):
    settings.DEBUG = False
    deploy = checks.run_checks(include_deployment_checks=True)
    assert "wagtail_neuro.W080" in [message.id for message in deploy]
    assert "wagtail_neuro.W080" not in [message.id for message in checks.run_checks()]
    settings.WAGTAILAPI_BASE_URL = "https://cms.example.com"
    assert check_public_origins_in_production() == []
    del settings.WAGTAILAPI_BASE_URL
    settings.WAGTAIL_NEURO_MEDIA_BASE_URL = CDN
    assert check_public_origins_in_production() == []
    settings.WAGTAIL_NEURO_MEDIA_BASE_URL = None
    settings.DEBUG = True
    assert check_public_origins_in_production() == []
