"""``ImageData``: an image as the REST feed gives it (``representation.image_data``)."""

from __future__ import annotations

import re
from typing import Any

import graphene

from wagtail_neuro.representation import image_data

GRAPHQL_NAME = re.compile(r"^[_A-Za-z][_0-9A-Za-z]*$")


_rendition_names: list[Any] = []


def rendition_name_type() -> Any:
    """``RenditionName``: an enum of the names in ``WAGTAIL_NEURO_IMAGE_RENDITIONS`` (the setting
    REST's renditions come from), built with the schema; ``String`` when a name is no GraphQL
    name (``hero-wide``)."""
    if not _rendition_names:
        from wagtail_neuro.conf import neuro_settings

        names = list(neuro_settings.IMAGE_RENDITIONS)
        if names and all(GRAPHQL_NAME.match(name) for name in names):
            _rendition_names.append(
                graphene.Enum(
                    "RenditionName",
                    [(name, name) for name in names],
                    description="A rendition named in WAGTAIL_NEURO_IMAGE_RENDITIONS.",
                )
            )
        else:
            _rendition_names.append(graphene.String)
    return _rendition_names[0]


class ImageRenditionData(graphene.ObjectType):
    """A rendition named in ``WAGTAIL_NEURO_IMAGE_RENDITIONS``."""

    name = graphene.Field(graphene.NonNull(rendition_name_type))
    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)


class ImageData(graphene.ObjectType):
    """An image with its alt text and the configured renditions."""

    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    alt = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    url = graphene.String()
    renditions = graphene.List(graphene.NonNull(ImageRenditionData), required=True)
    rendition = graphene.Field(
        ImageRenditionData,
        name=graphene.String(required=True),
        description="One rendition by name, e.g. thumbnail.",
    )

    @staticmethod
    def data(image: Any) -> dict[str, Any]:
        """The image's representation; a block's image already is one (with the block's alt)."""
        if isinstance(image, dict):
            return image
        cached = getattr(image, "_neuro_image_data", None)
        if cached is None:
            cached = image_data(image) or {}
            image._neuro_image_data = cached
        return cached

    @staticmethod
    def resolve_id(image: Any, info: Any) -> int:
        return ImageData.data(image)["id"]

    @staticmethod
    def resolve_title(image: Any, info: Any) -> str:
        return ImageData.data(image)["title"]

    @staticmethod
    def resolve_alt(image: Any, info: Any) -> str:
        return ImageData.data(image)["alt"]

    @staticmethod
    def resolve_width(image: Any, info: Any) -> int:
        return ImageData.data(image)["width"]

    @staticmethod
    def resolve_height(image: Any, info: Any) -> int:
        return ImageData.data(image)["height"]

    @staticmethod
    def resolve_url(image: Any, info: Any) -> str | None:
        return ImageData.data(image)["url"]

    @staticmethod
    def resolve_renditions(image: Any, info: Any) -> list[dict[str, Any]]:
        return [
            {"name": name, **rendition}
            for name, rendition in ImageData.data(image)["renditions"].items()
        ]

    @staticmethod
    def resolve_rendition(image: Any, info: Any, name: str) -> dict[str, Any] | None:
        rendition = ImageData.data(image)["renditions"].get(name)
        return {"name": name, **rendition} if rendition else None


# grapple's ``rendition(…)`` and ``srcSet(sizes:)`` render any filter on demand unless
# GRAPPLE["ALLOWED_IMAGE_FILTERS"] is set (its default is None: everything). These rules give
# them a safe default; :mod:`..inspection` applies them before a query runs.


def allowed_image_filters() -> frozenset[str]:
    """``WAGTAIL_NEURO_GRAPHQL_IMAGE_FILTERS``, or by default the specs of
    ``WAGTAIL_NEURO_IMAGE_RENDITIONS`` plus ``width-<n>`` (also as WebP and AVIF) for each
    ``WAGTAIL_NEURO_GRAPHQL_SRCSET_WIDTHS`` width."""
    from wagtail_neuro.conf import neuro_settings

    configured = neuro_settings.GRAPHQL_IMAGE_FILTERS
    if configured is not None:
        return frozenset(configured)
    widths = [f"width-{width}" for width in neuro_settings.GRAPHQL_SRCSET_WIDTHS]
    return frozenset(
        [
            *neuro_settings.IMAGE_RENDITIONS.values(),
            *widths,
            *(f"{spec}|format-{fmt}" for spec in widths for fmt in ("webp", "avif")),
        ]
    )


def rendition_filter_spec(arguments: dict[str, Any]) -> str:
    """The filter spec grapple builds from ``rendition(…)``'s arguments (in their order)."""
    return "|".join(
        f"{key}-{value}"
        for key, value in arguments.items()
        if key != "preserve_svg" and value is not None
    )


def rendition_problem(field_name: str, arguments: dict[str, Any]) -> str | None:
    """Why grapple's ``rendition``/``srcSet`` with ``arguments`` is refused, if it is."""
    from wagtail_neuro.conf import neuro_settings

    allowed = allowed_image_filters()
    if field_name == "rendition":
        spec = rendition_filter_spec(arguments)
        if spec not in allowed:
            return (
                f"rendition: {spec[:80]!r} is not an allowed filter; use one of: "
                f"{', '.join(sorted(allowed))}."
            )
        return None
    sizes = arguments.get("sizes") or []
    cap = neuro_settings.GRAPHQL_MAX_SRCSET_SIZES
    if len(sizes) > cap:
        return f"srcSet: at most {cap} sizes."
    suffix = f"|format-{arguments['format']}" if arguments.get("format") else ""
    refused = [size for size in sizes if f"width-{size}{suffix}" not in allowed]
    if refused:
        widths = sorted(
            int(spec[6 : len(spec) - len(suffix)])
            for spec in allowed
            if spec.startswith("width-")
            and spec.endswith(suffix)
            and spec[6 : len(spec) - len(suffix)].isdigit()
        )
        return f"srcSet: sizes must be among {widths}{suffix and ' for ' + suffix[1:]}, got {refused[:5]}."
    return None
