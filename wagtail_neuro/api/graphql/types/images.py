"""``ImageData``: an image as the REST feed gives it (``representation.image_data``)."""

from __future__ import annotations

from typing import Any

import graphene

from wagtail_neuro.representation import image_data


class ImageRenditionData(graphene.ObjectType):
    """A rendition named in ``WAGTAIL_NEURO_IMAGE_RENDITIONS``."""

    name = graphene.String(required=True)
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
