"""Headless preview tokens, checked once for the REST and GraphQL feeds.

wagtail-headless-preview 0.9 signs ``id=<pk>`` (or ``parent_id=…;page_type=…`` for a page that
was never saved) with a ``TimestampSigner`` and unsigns it without ``max_age``: its tokens never
expire. :func:`page_for_preview_token` enforces ``WAGTAIL_NEURO_PREVIEW_TOKEN_MAX_AGE``, and only
answers with the preview the editor's click stored under that exact token.
"""

from __future__ import annotations

from django.core.signing import BadSignature, SignatureExpired, TimestampSigner
from wagtail.models import Page
from wagtail_headless_preview.models import PagePreview

from .conf import neuro_settings

__all__ = ["InvalidPreviewToken", "page_for_preview_token"]

SALT = "headlesspreview.token"


class InvalidPreviewToken(ValueError):
    """A forged, expired or unknown preview token; the message is safe to show to callers."""


def page_for_preview_token(token: str, max_age: int | None = None) -> Page:
    """The unsaved page (draft content) an editor is previewing under ``token``.

    The page is built from the stored preview, not the database row: it is not live and must
    only be served to the holder of the token. ``max_age`` (seconds) defaults to the setting.
    """
    if not isinstance(token, str) or not token or len(token) > 512:
        raise InvalidPreviewToken("Invalid preview token.")
    max_age = neuro_settings.PREVIEW_TOKEN_MAX_AGE if max_age is None else max_age
    try:
        TimestampSigner(salt=SALT).unsign(token, max_age=max_age)
    except SignatureExpired:
        raise InvalidPreviewToken("The preview token has expired.") from None
    except BadSignature:
        raise InvalidPreviewToken("Invalid preview token.") from None
    preview = PagePreview.objects.filter(token=token).select_related("content_type").first()
    if preview is None:
        raise InvalidPreviewToken("Invalid preview token.")
    try:
        page = preview.as_page()
    except Exception:  # a preview stored by another version of the page model
        raise InvalidPreviewToken("The preview can no longer be shown.") from None
    if not isinstance(page, Page):
        raise InvalidPreviewToken("Invalid preview token.")
    return page
