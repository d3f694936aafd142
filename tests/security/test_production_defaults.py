"""Production defaults: no API console unless asked for, private documents only through Wagtail's
serve view, an expired page gone the moment ``expire_at`` passes, and a Content-Security-Policy
that is strict on the public site while the admin keeps working."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.example_site.test_settings import SECRET, manage
from tests.factories import ArticlePageFactory
from wagtail_neuro.csp import admin_url_prefixes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def all_routes(settings):
    settings.ROOT_URLCONF = "tests.security.hostile_urls"


# ---------------------------------------------------------------- /api/v3/docs/


def test_the_api_console_is_off_by_default(client):
    assert client.get("/api/v3/docs/").status_code == 404
    # the schema itself stays: frontends generate their types from it
    assert client.get("/api/v3/openapi.json").status_code == 200


def test_the_api_console_is_served_when_enabled(client, settings):
    settings.WAGTAIL_NEURO_API_DOCS = True
    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


# ---------------------------------------------------------------- system checks


def check_ids() -> set[str]:
    return {message.id for message in run_checks() if message.id.startswith("wagtail_neuro.")}


def test_checks_refuse_bad_production_settings(settings):
    assert not {"wagtail_neuro.E060", "wagtail_neuro.E061", "wagtail_neuro.W060"} & check_ids()
    settings.WAGTAIL_NEURO_API_DOCS = "yes"
    settings.WAGTAIL_NEURO_ADMIN_CSP = {"style-src": "'self'"}  # a string, not a list
    settings.WAGTAILDOCS_SERVE_METHOD = "direct"
    assert {"wagtail_neuro.E060", "wagtail_neuro.E061", "wagtail_neuro.W060"} <= check_ids()


# ---------------------------------------------------------------- documents


@pytest.fixture
def documents(db, settings, tmp_path):
    # files on disk, as a real site keeps them (the suite's in-memory storage has no files
    # for the serve view's sendfile to stream)
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    Document = get_document_model()
    root = Collection.get_first_root_node()
    private = root.add_child(name="Staff only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    public_doc = Document(title="Leaflet", collection=root)
    public_doc.file.save("leaflet.txt", ContentFile(b"public leaflet"), save=True)
    private_doc = Document(title="Rota", collection=private)
    private_doc.file.save("rota.txt", ContentFile(b"staff rota, not public"), save=True)
    return public_doc, private_doc


def test_documents_are_served_by_wagtails_view_which_checks_privacy(client, settings, documents):
    settings.WAGTAILDOCS_SERVE_METHOD = "serve_view"  # what the example site sets
    public_doc, private_doc = documents
    for document in documents:
        assert document.url.startswith("/documents/"), document.url
        assert not document.url.startswith(settings.MEDIA_URL)
    public = client.get(public_doc.url)
    assert public.status_code == 200
    assert b"".join(public.streaming_content) == b"public leaflet"
    private = client.get(private_doc.url)
    assert private.status_code in (302, 401, 403)
    assert b"staff rota" not in private.content
    api = client.get(f"/api/v2/documents/{public_doc.pk}/")
    if api.status_code == 200:  # the documents endpoint is mounted: its link is the view too
        assert "/documents/" in api.json()["meta"]["download_url"]


def example_site(settings_module: str, code: str, tmp_path: Path) -> dict:
    """Run ``code`` (which prints JSON) in the example site under ``settings_module``."""
    result = manage(
        "shell",
        "-c",
        code,
        settings=settings_module,
        tmp_path=tmp_path,
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="cms.example.com",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


EXAMPLE_SETTINGS = """
import json
from django.conf import settings
from django.urls import Resolver404, resolve
from django.views.static import serve

def static_serve(path):
    try:
        return resolve(path).func is serve
    except Resolver404:
        return False

print(json.dumps({
    "serve_method": settings.WAGTAILDOCS_SERVE_METHOD,
    "api_docs": getattr(settings, "WAGTAIL_NEURO_API_DOCS", False),
    "csp_middleware": "wagtail_neuro.csp.NeuroCSPMiddleware" in settings.MIDDLEWARE,
    "media_documents": static_serve(settings.MEDIA_URL + "documents/rota.pdf"),
    "media_images": static_serve(settings.MEDIA_URL + "images/nerves.jpg"),
}))
"""


def test_the_example_site_never_serves_documents_from_media(tmp_path):
    production = example_site("example_site.settings.production", EXAMPLE_SETTINGS, tmp_path)
    assert production == {
        "serve_method": "serve_view",
        "api_docs": False,
        "csp_middleware": True,
        "media_documents": False,
        "media_images": False,  # the web server serves images in production
    }
    dev = example_site("example_site.settings.dev", EXAMPLE_SETTINGS, tmp_path)
    assert dev["serve_method"] == "serve_view" and dev["api_docs"] is True
    assert dev["media_images"] is True and dev["media_documents"] is False


# ---------------------------------------------------------------- expired pages


@pytest.mark.parametrize(
    ("expire_in", "status"),
    [(dt.timedelta(minutes=-1), 404), (dt.timedelta(days=1), 200), (None, 200)],
)
def test_an_expired_page_is_not_served_before_publish_scheduled_runs(
    client, blog, expire_in, status
):
    page = ArticlePageFactory(parent=blog, title="Flu clinic dates")
    page.save_revision().publish()
    expire_at = timezone.now() + expire_in if expire_in is not None else None
    # what the database holds between expire_at and the next `publish_scheduled` run
    type(page).objects.filter(pk=page.pk).update(expire_at=expire_at, live=True, expired=False)
    assert client.get(page.url).status_code == status


# ---------------------------------------------------------------- Content-Security-Policy


@pytest.fixture
def csp(settings):
    """The example site's policy and middleware on the test project."""
    from example_site.settings.base import CONTENT_SECURITY_POLICY

    settings.CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
    settings.MIDDLEWARE = ["wagtail_neuro.csp.NeuroCSPMiddleware", *settings.MIDDLEWARE]


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


def test_public_pages_get_the_strict_policy_with_a_nonce(client, blog, csp):
    page = ArticlePageFactory(parent=blog, title="Nerve health")
    page.save_revision().publish()
    response = client.get(page.url)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    nonces = [source for source in policy["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    # every script on the page (JSON-LD included) carries the request's nonce
    for attributes in re.findall(r"<script\b([^>]*)>", response.content.decode()):
        assert f'nonce="{nonce}"' in attributes, attributes


def test_the_admin_gets_its_own_policy(admin_client, csp):
    assert "/admin/" in admin_url_prefixes()
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["style-src"]
    assert "'unsafe-inline'" in policy["script-src"]
    assert not any(source.startswith("'nonce-") for source in policy["script-src"])
    # the rest of the site's policy still applies
    assert policy["object-src"] == ["'none'"]


def test_the_admins_preview_gets_the_admin_policy(rf, admin_user, blog, csp):
    """Wagtail renders a preview with a dummy request for the page's own URL; it is shown in
    the editor (and the headless mode frames the frontend), so it is an admin response."""
    page = ArticlePageFactory(parent=blog, title="Draft to preview")
    request = rf.get("/admin/pages/preview/")
    request.user = admin_user
    response = page.make_preview_request(request, page.default_preview_mode)
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["style-src"]
    assert "https:" in policy["frame-src"]
