"""Draft preview over REST for wagtail-headless-preview tokens.

The admin's preview opens the frontend at ``WAGTAIL_HEADLESS_PREVIEW["CLIENT_URLS"]`` with
``?content_type=…&token=…``; the frontend then asks ``/api/v2/pages/preview/?token=…`` or
``/api/v3/preview/?token=…`` and gets the draft, in the same shape as the page detail. A forged,
expired (``WAGTAIL_NEURO_PREVIEW_TOKEN_MAX_AGE``), unknown or misbound token (one whose
``content_type`` is not its page's) answers the same 403; a missing one 400 (see
:func:`wagtail_neuro.preview.page_for_preview_token`). Responses are
``Cache-Control: private, no-store`` (see :mod:`.caching`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from wagtail_neuro.preview import InvalidPreviewToken, page_for_preview_token

from .problems import ProblemCode, ProblemError

__all__ = ["preview_page", "router"]

router = Router(tags=["wagtail_neuro"])


def preview_page(request: HttpRequest) -> Any:
    """The draft for ``?token=``; raises a :class:`.problems.ProblemError` 400/403."""
    token = request.GET.get("token")
    if not token:
        raise ProblemError(
            400, "token: the preview token is required.", ProblemCode.INVALID_PARAMETER
        )
    try:
        return page_for_preview_token(token, content_type=request.GET.get("content_type"))
    except InvalidPreviewToken as error:
        raise ProblemError(403, str(error), ProblemCode.INVALID_PREVIEW_TOKEN) from None


def _detail_schema() -> Any:
    from wagtail.api.v3.routers.pages import PageDetailSchema

    return PageDetailSchema


@router.get(
    "/",
    response=_detail_schema(),
    url_name="wagtail_neuro_preview",
    summary="Preview a draft page",
    operation_id="wagtail_neuro_preview",
)
def preview(request: HttpRequest, token: str | None = None, content_type: str | None = None) -> Any:
    """The draft page the headless-preview ``token`` was issued for."""
    return preview_page(request)
