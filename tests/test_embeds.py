"""Embeds are fetched when a page is saved, so the APIs always carry their HTML
(wagtail_neuro.embeds). The provider is a real oEmbed server on loopback: nothing here leaves
the machine, and nothing is mocked."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from wagtail.embeds.finders import get_finders
from wagtail.embeds.models import Embed

from tests.admin.form_data import streamfield
from tests.admin.test_create_pages import add_url, article_fields, form_data
from tests.factories import ArticlePageFactory
from wagtail_neuro.models import ArticlePage

pytestmark = pytest.mark.django_db

VIDEO = "https://video.example.com/watch/1"
MISSING = "https://video.example.com/watch/404"
IFRAME = '<iframe src="https://video.example.com/embed/1" title="Nerves"></iframe>'


class OEmbedProvider(BaseHTTPRequestHandler):
    """``GET /oembed?url=…``: a video for ``/watch/1``, 404 for anything else."""

    requests: list[str] = []

    def do_GET(self) -> None:
        url = parse_qs(urlsplit(self.path).query).get("url", [""])[0]
        type(self).requests.append(url)
        if url != VIDEO:
            self.send_error(404)
            return
        body = json.dumps(
            {"type": "video", "html": IFRAME, "width": 640, "height": 360, "title": "Nerves"}
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), OEmbedProvider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/oembed"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def use_endpoint(settings, endpoint: str) -> None:
    settings.WAGTAILEMBEDS_FINDERS = [
        {
            "class": "wagtail.embeds.finders.oembed",
            "providers": [{"endpoint": endpoint, "urls": [r"^https://video\.example\.com/.+$"]}],
        }
    ]
    get_finders.cache_clear()  # Wagtail builds its finders once per process


@pytest.fixture(autouse=True)
def local_provider(settings, provider) -> Iterator[None]:
    OEmbedProvider.requests = []
    use_endpoint(settings, provider)
    yield
    get_finders.cache_clear()


def body_with(url: str) -> str:
    return json.dumps([{"type": "embed", "value": url}])


def test_saving_a_page_in_code_fetches_its_embeds(blog, client, settings):
    settings.ROOT_URLCONF = "tests.api.rest.urls"
    article = ArticlePageFactory(parent=blog, title="Video", body=body_with(VIDEO))
    assert OEmbedProvider.requests == [VIDEO]
    article.save_revision().publish()
    assert OEmbedProvider.requests == [VIDEO]  # stored: not fetched again
    (block,) = client.get(f"/api/v2/pages/{article.pk}/").json()["body"]
    assert block["value"]["url"] == VIDEO
    assert IFRAME in block["value"]["html"]


def test_a_failure_outside_a_form_is_logged_not_raised(blog, caplog):
    article = ArticlePageFactory(parent=blog, title="Gone", body=body_with(MISSING))
    assert ArticlePage.objects.filter(pk=article.pk).exists()
    assert "not resolved" in caplog.text
    assert not Embed.objects.exists()


def post_article(admin_client, blog, url: str, action: str):
    fields = article_fields(body=streamfield([("embed", url)]))
    data = form_data(fields)
    data[action] = action
    return admin_client.post(add_url(ArticlePage, blog), data)


@pytest.mark.parametrize("action", ["action-publish", "action-save-draft"])
def test_the_admin_fetches_on_publish_and_on_draft_save(admin_client, blog, action):
    response = post_article(admin_client, blog, VIDEO, action)
    assert response.status_code == 302, response.context["form"].errors
    assert OEmbedProvider.requests == [VIDEO]
    assert IFRAME in Embed.objects.get(url=VIDEO).html


@pytest.mark.parametrize(
    ("url", "endpoint", "message"),
    [
        (MISSING, None, "found nothing at this URL"),
        ("https://unknown.example.org/v/1", None, "No embed provider handles this URL"),
        (VIDEO, "closed", "could not be reached"),
    ],
)
@pytest.mark.parametrize("action", ["action-publish", "action-save-draft"])
def test_an_embed_that_cannot_be_fetched_is_an_error_on_the_block(
    admin_client, blog, settings, url, endpoint, message, action
):
    if endpoint == "closed":
        use_endpoint(settings, f"http://127.0.0.1:{closed_port()}/oembed")
    response = post_article(admin_client, blog, url, action)
    assert response.status_code == 200  # the form again, not a 500
    assert not ArticlePage.objects.filter(slug="exploring").exists()  # nothing half-saved
    body_errors = response.context["form"].errors["body"]
    assert message in str(body_errors.as_data()[0].as_json_data())


def test_an_embed_past_its_cache_age_still_gives_its_html():
    """The provider's ``cache_age`` passing must not turn ``html`` into null in the API; the
    next save of the page fetches it again."""
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.embeds.embeds import get_embed

    from wagtail_neuro.blocks import EmbedBlock

    embed = get_embed(VIDEO)
    embed.cache_until = timezone.now() - timedelta(days=1)
    embed.save()
    block = EmbedBlock()
    assert IFRAME in block.get_api_representation(block.to_python(VIDEO))["html"]
