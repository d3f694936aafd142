"""Embeds resolved when a page is saved, so the APIs always carry their HTML.

The APIs never call an oEmbed provider while answering (a request would then be as slow and as
fragile as the provider): an embed block's ``html`` comes from Wagtail's embed table
(:func:`wagtail_neuro.blocks.base.cached_embed_html`). This module fills that table at save time:

* in the admin, :class:`~wagtail_neuro.blocks.EmbedBlock` validates each embed through
  :func:`embed_problem`, which fetches it (``wagtail.embeds.embeds.get_embed`` stores it): a URL
  no provider handles, one the provider does not know, or a provider that cannot be reached is an
  error on that block, for a draft as for a publish, and nothing is saved. An unreachable
  provider is refused too (with its own message) rather than saved without HTML: the page would
  otherwise go out with an empty embed that nothing fills in later;
* any other save of a page (code, a data import, a scheduled publish) goes through
  :func:`resolve_page_embeds` on ``pre_save``: embeds not yet in the table are fetched, and a
  failure is logged, never raised (a save outside a form has no field to show an error on).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import requests
from django.db.models.signals import pre_save
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock as WagtailEmbedBlock
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException, EmbedUnsupportedProviderException
from wagtail.fields import StreamField
from wagtail.models import Page

__all__ = ["connect", "embed_problem", "embeds_in", "resolve_page_embeds"]

logger = logging.getLogger(__name__)

#: One embed: its URL and the block's ``max_width``/``max_height`` (part of Wagtail's cache key).
EmbedKey = tuple[str, int | None, int | None]


def embed_problem(
    url: str, max_width: int | None = None, max_height: int | None = None
) -> str | None:
    """Fetch (or find stored) the embed for ``url``; why it cannot be embedded, if it cannot."""
    try:
        embed = get_embed(url, max_width, max_height)
    except EmbedUnsupportedProviderException:
        return _(
            "No embed provider handles this URL. Use the address of a video or post on a site "
            "such as YouTube or Vimeo, or remove the embed."
        )
    except EmbedException as error:
        if isinstance(error.__cause__, requests.ConnectionError | requests.Timeout):
            return _(
                "The embed provider could not be reached, so the embed could not be fetched. "
                "Nothing was saved: try again in a moment, or remove the embed."
            )
        return _("The embed provider found nothing at this URL. Check the address.")
    if not embed.html:
        return _("The embed provider sent no HTML for this URL.")
    return None


def embeds_in(block: blocks.Block, value: Any) -> Iterator[EmbedKey]:
    """Every embed in ``value``, the stored (JSON) form of ``block``'s value, read without
    converting anything to Python (no image or page queries on save)."""
    if isinstance(block, WagtailEmbedBlock):
        if isinstance(value, str) and value:
            meta = block.meta
            yield value, getattr(meta, "max_width", None), getattr(meta, "max_height", None)
    elif isinstance(block, blocks.StreamBlock):
        for child in value or []:
            if isinstance(child, dict) and child.get("type") in block.child_blocks:
                yield from embeds_in(block.child_blocks[child["type"]], child.get("value"))
    elif isinstance(block, blocks.StructBlock):
        if isinstance(value, dict):
            for name, child_block in block.child_blocks.items():
                yield from embeds_in(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value or []:
            if isinstance(item, dict) and item.get("type") == "item":  # ListBlock's own form
                item = item.get("value")
            yield from embeds_in(block.child_block, item)


def page_embeds(page: Page) -> set[EmbedKey]:
    found: set[EmbedKey] = set()
    for field in type(page)._meta.concrete_fields:
        if isinstance(field, StreamField) and field.attname in page.__dict__:
            value = getattr(page, field.attname)
            prep = field.stream_block.get_prep_value(value) if value is not None else []
            found.update(embeds_in(field.stream_block, prep))
    return found


def resolve_page_embeds(page: Page) -> None:
    """Fetch the page's embeds that Wagtail's embed table lacks; log (never raise) failures."""
    for url, max_width, max_height in page_embeds(page):
        problem = embed_problem(url, max_width, max_height)
        if problem:
            logger.warning("Embed %s on page %s not resolved: %s", url, page.pk, problem)


def _on_page_save(sender: type, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if not isinstance(instance, Page) or kwargs.get("raw"):
        return
    if update_fields is not None:
        stream_fields = {
            field.name
            for field in type(instance)._meta.concrete_fields
            if isinstance(field, StreamField)
        }
        if not stream_fields & set(update_fields):
            return
    resolve_page_embeds(instance)


def connect() -> None:
    """Resolve embeds before any page is saved (``apps.ready``)."""
    pre_save.connect(_on_page_save, dispatch_uid="wagtail_neuro.embeds.resolve")
