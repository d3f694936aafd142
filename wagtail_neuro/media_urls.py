"""The public URLs the APIs send for media, documents, pages and the API itself: one rule each.

A headless frontend usually runs on another origin than the CMS, so a URL it receives must work
from there. Storage gives images and renditions as ``/media/…`` and Wagtail's serve view gives
documents as ``/documents/<id>/<file>``: relative to the CMS, and indistinguishable from the
frontend's own page routes. Every image, rendition and document URL the package sends (REST v2,
v3 including Wagtail's own ``/images/`` and ``/documents/`` endpoints, GraphQL including
grapple's types, and the links and images inside rich text) therefore goes through
:func:`absolute_media_url`:

* ``WAGTAIL_NEURO_MEDIA_BASE_URL`` (e.g. ``https://cdn.example.com``) is put in front of the
  path when it is set;
* otherwise the origin of the request being answered (``request.build_absolute_uri``), so the
  URLs are absolute anyway (behind a proxy, set ``USE_X_FORWARDED_HOST``/
  ``SECURE_PROXY_SSL_HEADER`` so the request knows its public origin);
* with neither (a template rendered outside a request, a management command) the URL stays as
  storage gave it;
* a URL that is already absolute (S3 or another remote storage) is never rewritten.

Page URLs are the opposite: they are routes of the frontend, so they stay relative
(``/blog/x/``) unless ``WAGTAIL_NEURO_ABSOLUTE_PAGE_URLS`` is on (:func:`page_url`).

Rich text is expanded by Wagtail's link and embed handlers, which receive no request: while an
API answers, :func:`serving` keeps the request in a context variable for them
(:func:`with_request` wraps whole views in it). The API base (``detail_url``, the v2 ``find/``
redirect) follows the same idea: ``WAGTAILAPI_BASE_URL``, else the request (see
:func:`install_api_base_url`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from html import escape, unescape
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest

from .conf import neuro_settings

__all__ = [
    "absolute_html_media",
    "absolute_media_url",
    "current_request",
    "document_url",
    "full_media_url",
    "install_api_base_url",
    "install_download_urls",
    "install_grapple_media_urls",
    "media_origin",
    "page_url",
    "request_origin",
    "serving",
    "with_request",
]

_request: ContextVar[HttpRequest | None] = ContextVar("wagtail_neuro_request", default=None)


@contextmanager
def serving(request: HttpRequest | None) -> Iterator[None]:
    """Within the block, URLs built without an explicit request use ``request``'s origin.

    A ``None`` request leaves an outer one in place (a block rendered inside a view keeps the
    view's request)."""
    if request is None:
        yield
        return
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


def with_request(view: Callable[..., Any]) -> Callable[..., Any]:
    """``view`` answered inside :func:`serving` its request (for whole URLconfs)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        with serving(request):
            return view(request, *args, **kwargs)

    return wrapped


def current_request(request: HttpRequest | None = None) -> HttpRequest | None:
    """``request`` if given, else the one :func:`serving` set, if any."""
    return request if request is not None else _request.get()


def request_origin(request: HttpRequest | None = None) -> str | None:
    """``scheme://host[:port]`` of the request (given or current); ``None`` without one or
    when its ``Host`` is not in ``ALLOWED_HOSTS``."""
    request = current_request(request)
    if request is None:
        return None
    try:
        return request.build_absolute_uri("/").rstrip("/")
    except DisallowedHost:
        return None


def media_origin(request: HttpRequest | None = None) -> str | None:
    """What media paths are appended to: ``WAGTAIL_NEURO_MEDIA_BASE_URL``, else the request's
    origin, else ``None``."""
    configured = neuro_settings.MEDIA_BASE_URL
    if configured:
        return str(configured).rstrip("/")
    return request_origin(request)


def _is_absolute(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def absolute_media_url(url: str | None, request: HttpRequest | None = None) -> str | None:
    """The public URL of an image, rendition or document path (see the module doc)."""
    if not url or _is_absolute(url):
        return url
    origin = media_origin(request)
    if origin is None:
        return url
    return origin + (url if url.startswith("/") else "/" + url)


def full_media_url(url: str, request: HttpRequest | None = None) -> str:
    """:func:`absolute_media_url`, and absolute even with no setting and no request (sharing
    images and structured data are read by crawlers): then ``WAGTAILADMIN_BASE_URL`` is put in
    front, as Wagtail's ``Rendition.full_url`` does."""
    public = absolute_media_url(url, request) or url
    if not _is_absolute(public) and public.startswith("/"):
        public = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + public
    return public


def document_url(document: Any, request: HttpRequest | None = None) -> str:
    """A document's public URL: Wagtail's serve view (``wagtaildocs_serve``, which checks
    collection privacy; ``Document.url`` gives it under the package's
    ``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), made absolute."""
    return absolute_media_url(document.url, request) or document.url


_SRC = re.compile(r'\s(src|srcset)="([^"]*)"')


def absolute_html_media(html: str, request: HttpRequest | None = None) -> str:
    """``html`` (an ``<img>`` tag an image format rendered) with its ``src`` and ``srcset``
    URLs made absolute; a custom format's other markup is left alone."""

    def replace(match: re.Match[str]) -> str:
        name, value = match.group(1), unescape(match.group(2))
        if name == "src":
            value = absolute_media_url(value, request) or value
        else:
            value = ", ".join(
                " ".join([absolute_media_url(url, request) or url, *descriptor])
                for url, *descriptor in (part.split() for part in value.split(",") if part.strip())
            )
        return f' {name}="{escape(value)}"'

    return _SRC.sub(replace, html)


def page_url(page: Any, request: HttpRequest | None = None) -> str | None:
    """A page's URL: relative to its site (a frontend route) unless
    ``WAGTAIL_NEURO_ABSOLUTE_PAGE_URLS`` is on; ``None`` when the page is not routable.

    (A page on another site than the request's is absolute either way, as Wagtail gives it.)"""
    request = current_request(request)
    if neuro_settings.ABSOLUTE_PAGE_URLS:
        return page.get_full_url(request=request)
    return page.get_url(request=request)


def install_api_base_url() -> None:
    """Make Wagtail's API links (``detail_url`` in v2 and v3, the v2 ``find/`` redirect) start
    with ``WAGTAILAPI_BASE_URL`` or, when it is not set, the origin of the request asking.

    Wagtail builds them all through ``wagtail.api.utils.get_full_url``, whose base is
    ``WAGTAILAPI_BASE_URL`` or else the *Site's* root URL: a Site left at ``localhost:80`` (or
    an API reached through a host the Site does not name) then sends links to an origin the
    client never used. Only the fallback changes: with ``WAGTAILAPI_BASE_URL`` set, Wagtail's
    answer is the same, and outside a request Wagtail's site-based rule still applies.
    """
    from wagtail.api import utils

    original = utils.get_base_url
    if getattr(original, "wagtail_neuro", False):
        return

    def get_base_url(request: HttpRequest | None = None) -> str | None:
        if getattr(settings, "WAGTAILAPI_BASE_URL", None) is None and request is not None:
            origin = request_origin(request)
            if origin is not None:
                return origin
        return original(request)

    get_base_url.wagtail_neuro = True  # type: ignore[attr-defined]
    utils.get_base_url = get_base_url


def install_grapple_media_urls() -> None:
    """Make grapple's own image, rendition and document types (``url``, ``src``, ``srcSet``,
    ``rendition { url }``, ``documents { url }``) follow :func:`full_media_url` too, and its
    pages' ``url`` :func:`page_url` (``WAGTAIL_NEURO_ABSOLUTE_PAGE_URLS``).

    grapple prefixes relative media URLs with ``WAGTAILADMIN_BASE_URL`` (the admin's address,
    not where media is public): in ``grapple.utils.get_media_item_url``, which its type modules
    import by name (those names are replaced), and through ``Rendition.full_url`` in its
    rendition type's resolver (replaced). Without the setting and a request the result is
    grapple's own.
    """
    import importlib

    from grapple import utils
    from grapple.types.images import ImageRenditionObjectType

    original = utils.get_media_item_url
    if getattr(original, "wagtail_neuro", False):
        return

    def get_media_item_url(item: Any) -> str:
        url = getattr(item, "url", None)
        if url is None and hasattr(item, "file"):
            url = item.file.url
        return full_media_url(url or "")

    def resolve_rendition_url(instance: Any, info: Any, **kwargs: Any) -> str:
        return full_media_url(instance.url)

    get_media_item_url.wagtail_neuro = True  # type: ignore[attr-defined]
    utils.get_media_item_url = get_media_item_url
    for name in ("grapple.types.images", "grapple.types.documents", "grapple.types.media"):
        try:
            module = importlib.import_module(name)
        except ImportError:  # grapple.types.media needs wagtailmedia
            continue
        if getattr(module, "get_media_item_url", None) is original:
            module.get_media_item_url = get_media_item_url
    ImageRenditionObjectType.resolve_url = staticmethod(resolve_rendition_url)

    # a page's own ``url`` (grapple reads ``Page.url``): :func:`page_url`, like every page link
    from grapple.types.interfaces import PageInterface

    def resolve_page_url(root: Any, info: Any, **kwargs: Any) -> str | None:
        return page_url(root, getattr(info, "context", None))

    PageInterface.resolve_url = staticmethod(resolve_page_url)


def install_download_urls() -> None:
    """Make ``download_url`` of Wagtail's own image and document endpoints (REST v2 and v3)
    follow :func:`absolute_media_url` / :func:`document_url` too.

    Wagtail sends an image's ``download_url`` as the storage gives it (``/media/…``) and a
    document's from the API base; the package's rule is the same for every media URL a client
    receives. Wagtail has no setting for either, so the v2 serializer fields'
    ``to_representation`` and the v3 schemas' resolvers (django-ninja keeps a copy per schema
    class, subclasses included) are replaced.
    """
    from ninja.schema import Resolver
    from wagtail.documents.api.v2.serializers import DocumentDownloadUrlField
    from wagtail.documents.api.v3.schemas import DocumentMetaSchema
    from wagtail.images.api.v2.serializers import ImageDownloadUrlField
    from wagtail.images.api.v3.schemas import ImageMetaSchema

    if getattr(ImageDownloadUrlField.to_representation, "wagtail_neuro", False):
        return

    def image_v2(field: Any, image: Any) -> str | None:
        return absolute_media_url(image.file.url, field.context.get("request"))

    def document_v2(field: Any, document: Any) -> str:
        return document_url(document, field.context.get("request"))

    def image_v3(obj: Any, context: dict) -> str | None:
        return absolute_media_url(obj.file.url, context.get("request")) if obj.file else None

    def document_v3(obj: Any, context: dict) -> str | None:
        return document_url(obj, context.get("request")) if obj.file else None

    image_v2.wagtail_neuro = True  # type: ignore[attr-defined]
    ImageDownloadUrlField.to_representation = image_v2  # type: ignore[method-assign]
    DocumentDownloadUrlField.to_representation = document_v2  # type: ignore[method-assign]
    for schema, resolve in ((ImageMetaSchema, image_v3), (DocumentMetaSchema, document_v3)):
        classes = [schema]
        while classes:
            cls = classes.pop()
            classes.extend(cls.__subclasses__())
            if "download_url" in cls._ninja_resolvers:
                cls._ninja_resolvers["download_url"] = Resolver(staticmethod(resolve))
