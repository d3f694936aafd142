"""Output safety: the one URL rule and the one HTML allow-list, applied when content leaves.

Editor validation (``validate_http_url`` on URL fields, Draftail's features on rich text) only
guards what goes through the admin. Content can also arrive through an importer, a data
migration, the ORM or a restored backup, so every URL a block or model carries and every piece
of rich text is checked again when it is rendered or serialised:

* :func:`safe_url` keeps ``http``, ``https``, ``mailto`` and ``tel`` URLs and relative URLs, and
  drops everything else (``javascript:``, ``data:``, ``vbscript:`` …) however it is disguised:
  mixed case, whitespace or control characters inside the scheme, HTML entities
  (``&#106;avascript:``, ``javascript&colon;``), percent-encoding, full-width letters.
* :func:`sanitise_html` runs front-end HTML through nh3 (ammonia) with :data:`ALLOWED_TAGS` and
  :data:`ALLOWED_ATTRIBUTES`, and passes every URL attribute through :func:`safe_url`.

Templates use them through the ``safe_url`` and ``rich_text_html`` filters of
``wagtail_neuro_tags``; :mod:`wagtail_neuro.representation` uses them for REST and GraphQL.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any
from urllib.parse import unquote

import nh3

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ALLOWED_SCHEMES",
    "ALLOWED_TAGS",
    "RichTextHTML",
    "is_safe_url",
    "safe_url",
    "sanitise_html",
]

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Schemes a link may use; a URL without a scheme (``/path``, ``#anchor``, ``?q=``) is relative
and always allowed."""

# A scheme as RFC 3986 spells it, at the very start (after the invisible characters are gone).
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
# What browsers (or lenient URL parsers) ignore inside or around a URL: C0/C1 controls, spaces,
# and the zero-width and direction marks that render as nothing.
_INVISIBLE = re.compile(
    "[\x00-\x20\x7f-\x9f\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f"
    "\u205f-\u2064\u3000\ufeff]+"
)
# Removed from the URL that is sent out: controls never belong in an attribute value.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]+")
# Enough rounds to undo nested encodings such as "&amp;#106;" or "%2526"; an input that still
# changes after this many rounds is refused rather than decoded forever.
_DECODE_ROUNDS = 6


def _decoded_views(value: str) -> list[str] | None:
    """The URL as it is, then after each round of entity and percent decoding (``None`` when
    the decoding never settles)."""
    views = [value]
    current = value
    for _round in range(_DECODE_ROUNDS):
        decoded = unquote(html.unescape(current))
        if decoded == current:
            return views
        views.append(decoded)
        current = decoded
    return None


def _scheme(view: str) -> str | None:
    """The scheme a lenient parser would see in ``view`` (lower case), or ``None``."""
    squeezed = _INVISIBLE.sub("", unicodedata.normalize("NFKC", view))
    match = _SCHEME.match(squeezed)
    return match.group(1).lower() if match else None


def is_safe_url(value: Any) -> bool:
    """Whether :func:`safe_url` keeps ``value``."""
    return safe_url(value) is not None


def safe_url(value: Any) -> str | None:
    """``value`` when it is an ``http``/``https``/``mailto``/``tel`` or relative URL, else ``None``.

    The scheme is looked for in the URL as written and in every decoded form of it (HTML
    entities, percent-encoding, Unicode compatibility forms, with whitespace and control
    characters removed), so no spelling of ``javascript:`` gets through. The URL that is kept
    loses its control characters and surrounding whitespace; Django's autoescaping (or the JSON
    encoder) takes care of quotes.
    """
    if value is None:
        return None
    text = _CONTROL.sub("", str(value)).strip()
    if not text:
        return None
    views = _decoded_views(text)
    if views is None:
        return None
    for view in views:
        scheme = _scheme(view)
        if scheme is not None and scheme not in ALLOWED_SCHEMES:
            return None
    return text


# ---------------------------------------------------------------- HTML

ALLOWED_TAGS = frozenset(
    {
        # what Draftail's features produce
        "a",
        "b",
        "blockquote",
        "br",
        "code",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "li",
        "ol",
        "p",
        "s",
        "strong",
        "sub",
        "sup",
        "u",
        "ul",
        # an agency's extra features and Wagtail's embed wrapper
        "abbr",
        "cite",
        "div",
        "figcaption",
        "figure",
        "iframe",
        "mark",
        "pre",
        "small",
        "span",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
    }
)
"""Tags kept in rich text and embed HTML. Not kept (their content is dropped with them):
``script``, ``style``, ``object``, ``embed``, ``form``, ``svg``, ``math`` and anything else."""

ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"class", "id", "title", "lang", "dir", "data-block-key"}),
    "a": frozenset({"href", "rel", "target", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "blockquote": frozenset({"cite"}),
    "ol": frozenset({"start", "reversed"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    # Wagtail's responsive embed wrapper: <div style="padding-bottom: 56.25%;">
    "div": frozenset({"style"}),
    # oEmbed players (YouTube, Vimeo …): an https src only, never srcdoc
    "iframe": frozenset(
        {
            "src",
            "width",
            "height",
            "title",
            "allow",
            "allowfullscreen",
            "frameborder",
            "loading",
            "referrerpolicy",
        }
    ),
}
"""Attributes kept per tag (``*``: on every allowed tag). No ``on*`` handler, no ``style``
except the embed wrapper's ``padding-bottom``, no ``srcset``/``srcdoc``/``formaction``."""

URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_STYLE_PROPERTIES = frozenset({"padding-bottom"})
_CLEAN_CONTENT_TAGS = frozenset(
    {"script", "style", "template", "noscript", "object", "svg", "math"}
)
_LINK_TARGETS = frozenset({"_blank", "_self", "_parent", "_top"})


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute in URL_ATTRIBUTES:
        url = safe_url(value)
        if tag == "iframe" and url is not None and _scheme(url) != "https":
            return None  # a frame of a relative or http URL is never an oEmbed player
        return url
    if attribute == "target" and value not in _LINK_TARGETS:
        return None
    return value


def sanitise_html(value: Any) -> str:
    """Front-end HTML reduced to :data:`ALLOWED_TAGS` and :data:`ALLOWED_ATTRIBUTES`.

    Scripts, styles and event handlers go; every ``href``/``src``/``cite`` goes through
    :func:`safe_url` (an iframe needs ``https``). Authored ``rel`` and ``target`` on links are
    kept as they are (nh3 would otherwise rewrite every ``rel``). Comments are removed.
    """
    if value is None:
        return ""
    text = str(value)
    if not text:
        return ""
    return nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_CLEAN_CONTENT_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(ALLOWED_SCHEMES),
        filter_style_properties=set(_STYLE_PROPERTIES),
    )


class RichTextHTML:
    """A read-only attribute with a rich-text field as sanitised front-end HTML.

    grapple serialises ``GraphQLRichText`` fields itself, with no sanitising; point the field at
    this attribute instead so GraphQL sends what templates and REST send
    (:func:`wagtail_neuro.representation.rich_text_data`)::

        intro_html = RichTextHTML("intro")
        graphql_fields = [GraphQLRichText("intro", source="intro_html")]

    With ``GRAPPLE["RICHTEXT_FORMAT"] = "raw"`` the stored source is given, as grapple would.
    """

    def __init__(self, field_name: str) -> None:
        self.field_name = field_name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        from grapple.settings import grapple_settings

        from .representation import rich_text_data  # imports models: not at load time

        value = getattr(instance, self.field_name)
        if grapple_settings.RICHTEXT_FORMAT != "html":
            return value or ""
        return rich_text_data(value)
