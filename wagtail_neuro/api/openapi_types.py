"""Exact types in the v3 OpenAPI document, so generated clients need no hand-written fixes.

Wagtail's v3 schema generator types a page loosely: every ``api_fields`` entry with a DRF
serializer becomes optional and nullable, most meta fields are optional and nullable, the page
union is discriminated by ``meta.type`` (OpenAPI's ``discriminator`` only names a property of the
union's own level), and objects are open. What the v3 API *sends* is exact: django-ninja
serializes the response model, so every declared field is in every response (only
``meta.warnings`` is left out when empty), and nothing else is. This module makes the document
say so, in two places:

* :func:`register` (from ``AppConfig.ready``, before Wagtail's v3 registry builds the page
  schemas) adds a top-level ``type`` (the page's content type label, also kept in
  ``meta.type``) to every page read schema, and types the package's serializer fields by
  their ``to_representation`` annotation as written: required, and nullable only where the
  annotation says ``| None`` (an agency's fields keep Wagtail's loose typing);
* :func:`exact_types` rewrites the generated document: page schemas list all their properties
  as ``required`` and are closed (``additionalProperties: false``), the meta fields that are never
  null lose their ``null``, each page union declares ``discriminator: {propertyName: "type"}``
  with a mapping to its components, and image ``renditions`` list the names configured in
  ``WAGTAIL_NEURO_IMAGE_RENDITIONS``.

The package's own shapes (blocks, cards, hours, SEO) are exact where they are declared, as
closed pydantic models (:mod:`wagtail_neuro.blocks.contract`, :mod:`.schemas`).
"""

from __future__ import annotations

from typing import Any, Literal, get_type_hints

from pydantic import Field

__all__ = [
    "NEVER_NULL_META",
    "OMITTED_WHEN_EMPTY",
    "exact_types",
    "page_component_names",
    "register",
]

#: Page ``meta`` fields Wagtail types ``… | None`` that are never null in a response: ``type``
#: and ``locale`` are always known, ``detail_url`` is reversed inside the v3 API that answers,
#: and the rest are non-null columns. (``html_url`` is null for a page outside every site,
#: ``first_published_at`` for a page never published, ``parent`` for the root, ``alias_of`` for
#: a page that is not an alias: those stay nullable.)
NEVER_NULL_META = frozenset(
    ["type", "detail_url", "locale", "show_in_menus", "seo_title", "search_description"]
)
#: Fields the response leaves out instead of sending empty (``exclude_if`` in Wagtail's models).
OMITTED_WHEN_EMPTY = frozenset(["warnings"])

_REF = "#/components/schemas/"
_WAGTAIL_PAGE_COMPONENTS = (
    "SimpleBasePageSchema",
    "SimpleBasePageMetaSchema",
    "BasePageSchema",
    "BasePageMetaSchema",
    "PageSchema",
    "PageMetaSchema",
)


# --------------------------------------------------------------------------- generator hooks


def register() -> None:
    """Hook the top-level page ``type`` and the package's serializer types into Wagtail's v3
    read schema generator (once). Must run before ``wagtail.api.v3.registry`` is imported."""
    from wagtail.api.v3.schemas.generators.read import SchemaGenerator, read_generator

    if getattr(read_generator, "neuro_exact_types", False):
        return
    generate_schema = read_generator.generate_schema
    loose_serializer_schema = SchemaGenerator._custom_serializer_schema

    def generate_with_type(model: Any, base_class: Any) -> Any:
        schema = generate_schema(model, base_class)
        return _with_page_type(read_generator, model, base_class, schema)

    def serializer_schema(api_field: Any) -> Any:
        annotation, default, resolve = loose_serializer_schema(api_field)
        declared = _declared_return(api_field.serializer)
        if declared is None:
            return annotation, default, resolve
        return declared, ..., resolve

    read_generator.generate_schema = generate_with_type  # type: ignore[method-assign]
    read_generator._custom_serializer_schema = serializer_schema  # type: ignore[method-assign]
    read_generator.neuro_exact_types = True  # type: ignore[attr-defined]


def _with_page_type(generator: Any, model: Any, base_class: Any, schema: Any) -> Any:
    """``schema`` plus a required top-level ``type: Literal["<app_label.Model>"]`` when it is
    a page's read schema: TypeScript narrows a union on a property of its own level."""
    from wagtail.api.v3.schemas.pages import BasePageSchema
    from wagtail.models import Page

    if not (
        isinstance(model, type)
        and issubclass(model, Page)
        and issubclass(base_class, BasePageSchema)
    ):
        return schema
    label = model._meta.label

    def resolve_type(obj: Any) -> str:
        return label

    field = Field(..., description="The page type, as in `meta.type`: the union's discriminator.")
    return generator.extend_schema(
        schema,
        schema.__name__,
        {"type": (Literal[label], field, staticmethod(resolve_type))},  # type: ignore[valid-type]
    )


def _declared_return(serializer: Any) -> Any:
    """The ``to_representation`` return annotation of the package's own serializer fields
    (they annotate ``| None`` exactly where the value can be null); ``None`` for others."""
    if not type(serializer).__module__.startswith("wagtail_neuro."):
        return None
    try:
        return get_type_hints(serializer.to_representation)["return"]
    except (KeyError, NameError):
        return None


# --------------------------------------------------------------------------- the document


def page_component_names() -> frozenset[str]:
    """The read schemas of pages: Wagtail's bases and each page model's ``<Model>Schema`` and
    ``<Model>MetaSchema`` (the names Wagtail's generator gives them)."""
    from wagtail.models import get_page_models

    names = set(_WAGTAIL_PAGE_COMPONENTS)
    for model in get_page_models():
        names.update({f"{model._meta.object_name}Schema", f"{model._meta.object_name}MetaSchema"})
    return frozenset(names)


def exact_types(schema: dict[str, Any], closed: tuple[str, ...] = ()) -> dict[str, Any]:
    """Rewrite the (JSON) document in place as the module doc says; ``closed`` names more
    response-only components to close (the package's listing wrappers). Returns ``schema``."""
    components = schema.get("components", {}).get("schemas", {})
    for name in page_component_names():
        component = components.get(name)
        if component is None or component.get("type") != "object":
            continue
        properties = component.get("properties", {})
        component["required"] = [key for key in properties if key not in OMITTED_WHEN_EMPTY]
        component["additionalProperties"] = False
        for key in NEVER_NULL_META if name.endswith("MetaSchema") else ("id",):
            if key in properties:
                properties[key] = _without_null(properties[key])
    for name in closed:
        if name in components:
            components[name].setdefault("additionalProperties", False)
    _name_renditions(components)
    _walk(schema, lambda node: _declare_discriminator(node, components))
    return schema


def _without_null(prop: dict[str, Any]) -> dict[str, Any]:
    """``{"anyOf": [X, {"type": "null"}], …}`` as ``X`` (keeping title, description …)."""
    options = prop.get("anyOf")
    if not options:
        return prop
    rest = [option for option in options if option != {"type": "null"}]
    if len(rest) != 1:
        return prop
    merged = {key: value for key, value in prop.items() if key != "anyOf"}
    merged.update(rest[0])
    return merged


def _name_renditions(components: dict[str, Any]) -> None:
    """``ImageData.renditions`` as an object of the configured rendition names. None of them is
    required: a rendition that cannot be made (the file is missing) is left out."""
    from wagtail_neuro.conf import neuro_settings

    image = components.get("ImageData", {}).get("properties", {})
    renditions = image.get("renditions")
    names = list(neuro_settings.IMAGE_RENDITIONS or {})
    if renditions is None or "additionalProperties" not in renditions:
        return
    item = renditions["additionalProperties"]
    image["renditions"] = {
        **{key: value for key, value in renditions.items() if key != "additionalProperties"},
        "type": "object",
        "description": "By rendition name (WAGTAIL_NEURO_IMAGE_RENDITIONS); a rendition that "
        "could not be made is left out.",
        "properties": {name: dict(item) for name in names},
        "additionalProperties": False,
    }


def _walk(node: Any, visit: Any) -> None:
    if isinstance(node, dict):
        visit(node)
        for value in node.values():
            _walk(value, visit)
    elif isinstance(node, list):
        for value in node:
            _walk(value, visit)


def _declare_discriminator(node: dict[str, Any], components: dict[str, Any]) -> None:
    """A ``oneOf`` of components that each fix ``type`` to a constant is discriminated by
    ``type``: say so, with the mapping, as OpenAPI code generators expect."""
    members = node.get("oneOf")
    if not isinstance(members, list) or "discriminator" in node or len(members) < 2:
        return
    mapping = {}
    for member in members:
        ref = member.get("$ref", "") if isinstance(member, dict) else ""
        const = (
            components.get(ref.removeprefix(_REF), {})
            .get("properties", {})
            .get("type", {})
            .get("const")
        )
        if not ref.startswith(_REF) or const is None or const in mapping:
            return
        mapping[const] = ref
    node["discriminator"] = {"propertyName": "type", "mapping": mapping}
    if "meta.type" in node.get("description", ""):
        node["description"] = (
            "A union of page types, discriminated by `type` (the content type label, also in "
            "`meta.type`)."
        )
