"""Headless preview tokens, checked in one place for every route that accepts one.

wagtail-headless-preview 0.9 signs ``id=<pk>`` (or ``parent_id=…;page_type=…`` for a page that
was never saved) with a ``TimestampSigner`` and unsigns it without ``max_age``: its tokens never
expire. :func:`page_for_preview_token` checks, in this order:

* **signature**: the token was signed with this site's ``SECRET_KEY`` and salt;
* **age**: it is younger than ``WAGTAIL_NEURO_PREVIEW_TOKEN_MAX_AGE`` seconds;
* **the stored preview**: the editor's click stored a preview under this exact token;
* **page binding**: the page stored under the token is the page the token was signed for (same
  primary key and content type, or, for a page never saved, the signed page type), and the page
  the caller asked for, when it named one (``id``, ``contentType``).

Every failure raises :class:`InvalidPreviewToken` with the same message, so an expired, forged,
unknown or misbound token cannot be told apart (the reason is logged for the site's operators).
REST v2/v3 and the root GraphQL ``page(token:)`` call it directly; grapple's own routes
(``site { page(token:) }``, ``sites { page(token:) }`` and any model query field with a
``token`` argument) reach it through :meth:`NeuroPreviewMixin.get_page_from_preview_token
<wagtail_neuro.models.preview.NeuroPreviewMixin.get_page_from_preview_token>`.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature, SignatureExpired, TimestampSigner
from wagtail.models import Page
from wagtail_headless_preview.models import PagePreview

from .conf import neuro_settings

__all__ = [
    "INVALID_TOKEN_MESSAGE",
    "InvalidPreviewToken",
    "is_preview_page",
    "page_for_preview_token",
]

logger = logging.getLogger(__name__)

SALT = "headlesspreview.token"
MAX_TOKEN_LENGTH = 512
INVALID_TOKEN_MESSAGE = "Invalid or expired preview token."
PREVIEW_MARK = "_neuro_preview_token"


class InvalidPreviewToken(ValueError):
    """A forged, expired, unknown or misbound preview token. The message is always
    :data:`INVALID_TOKEN_MESSAGE`, safe to show to callers."""

    def __init__(self, reason: str) -> None:
        super().__init__(INVALID_TOKEN_MESSAGE)
        self.reason = reason


def is_preview_page(page: Any) -> bool:
    """Whether ``page`` was built from a checked preview token (and so may be shown although
    it is not live)."""
    return getattr(page, PREVIEW_MARK, False)


def _signed_identity(token: str, max_age: int) -> dict[str, str]:
    """The key/value pairs the token was signed for, e.g. ``{"id": "12"}``."""
    try:
        value = TimestampSigner(salt=SALT).unsign(token, max_age=max_age)
    except SignatureExpired:
        raise InvalidPreviewToken("expired") from None
    except BadSignature:
        raise InvalidPreviewToken("bad signature") from None
    identity: dict[str, str] = {}
    for pair in value.split(";"):
        key, _sep, item = pair.partition("=")
        identity[key.strip()] = item.strip()
    return identity


def _check_binding(page: Page, preview: PagePreview, identity: dict[str, str]) -> None:
    """The stored page is the one the token was signed for."""
    page_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
    if preview.content_type_id != page_type.pk:
        raise InvalidPreviewToken("stored preview has another content type")
    if "id" in identity:
        if str(page.pk) != identity["id"]:
            raise InvalidPreviewToken("stored preview is of another page")
        stored_type = Page.objects.filter(pk=page.pk).values_list("content_type_id", flat=True)
        if list(stored_type) != [page_type.pk]:
            raise InvalidPreviewToken("signed page does not exist with this type")
    elif "page_type" in identity:
        if page.pk is not None or identity["page_type"].lower() != page._meta.label_lower:
            raise InvalidPreviewToken("stored preview is not the signed new page")
    else:
        raise InvalidPreviewToken("token names no page")


def _matches_request(page: Page, page_id: Any, content_type: str | None) -> bool:
    if page_id not in (None, "") and str(page_id) != str(page.pk):
        return False
    if content_type:
        labels = {label.strip().lower() for label in content_type.split(",")}
        if page._meta.label_lower not in labels:
            return False
    return True


def page_for_preview_token(
    token: Any,
    max_age: int | None = None,
    *,
    model: type[Page] | None = None,
    page_id: Any = None,
    content_type: str | None = None,
) -> Page:
    """The unsaved page (draft content) an editor is previewing under ``token``.

    The page is built from the stored preview, not the database row: it is not live and must
    only be served to the holder of the token (it is marked so, see :func:`is_preview_page`).
    ``max_age`` (seconds) defaults to the setting. ``model``, ``page_id`` and ``content_type``
    narrow what the caller accepts: a page of that class, that primary key, or one of those
    ``app_label.modelname`` labels (comma-separated, as headless-preview's ``content_type``).
    Raises :class:`InvalidPreviewToken` for any failure, with one message for all.
    """
    try:
        return _page_for_preview_token(token, max_age, model, page_id, content_type)
    except InvalidPreviewToken as error:
        logger.info("Preview token refused: %s", error.reason)
        raise


def _page_for_preview_token(
    token: Any,
    max_age: int | None,
    model: type[Page] | None,
    page_id: Any,
    content_type: str | None,
) -> Page:
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_LENGTH:
        raise InvalidPreviewToken("malformed")
    max_age = neuro_settings.PREVIEW_TOKEN_MAX_AGE if max_age is None else max_age
    identity = _signed_identity(token, max_age)
    preview = PagePreview.objects.filter(token=token).first()
    if preview is None:
        raise InvalidPreviewToken("no stored preview")
    try:
        page = preview.as_page()
    except Exception:  # a preview stored by another version of the page model
        raise InvalidPreviewToken("stored preview cannot be loaded") from None
    if not isinstance(page, Page):
        raise InvalidPreviewToken("stored preview is not a page")
    _check_binding(page, preview, identity)
    if model is not None and not isinstance(page, model):
        raise InvalidPreviewToken("page is not of the asked model")
    if not _matches_request(page, page_id, content_type):
        raise InvalidPreviewToken("page is not the one asked for")
    setattr(page, PREVIEW_MARK, True)
    return page
