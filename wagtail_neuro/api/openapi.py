"""``/api/v3/openapi.json``, made valid OpenAPI 3.1.

Wagtail 8 declares its ``AllowAnonymous`` fallback as an ``http`` security scheme without a
``scheme``, which OpenAPI validators (and so code generators such as openapi-typescript in
strict setups) refuse. OpenAPI says "authentication optional" with an empty security
requirement, ``{}``; :func:`fix_schema` rewrites the document that way.

StreamFields are typed from the field's own block through the v3 schema generator's extension
point (:func:`register_stream_schemas`), so each block of a stream, an agency's too, is one
component generated from its declaration (:mod:`wagtail_neuro.blocks.contract`).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language

from wagtail_neuro.blocks.contract import stream_schema, uses_block_contract

from .openapi_errors import declare_problems
from .openapi_types import exact_types
from .openapi_types import register as register_exact_types

__all__ = ["build_schema", "fix_schema", "openapi_json", "register_stream_schemas"]


def register_stream_schemas() -> None:
    """Type StreamFields from their own block in Wagtail's v3 read schemas (called from
    ``AppConfig.ready``, before the v3 registry builds the page schemas)."""
    from wagtail.api.v3.schemas.generators.read import read_generator
    from wagtail.fields import StreamField

    wagtail_schema = read_generator.field_schemas.get(StreamField)
    if getattr(wagtail_schema, "neuro_contract", False):
        return

    def stream_field_schema(generator: Any, field: Any) -> Any:
        if not uses_block_contract(field.stream_block):
            return wagtail_schema(generator, field)
        _wagtail_type, default, resolve = wagtail_schema(generator, field)
        return stream_schema(field.stream_block), default, resolve

    stream_field_schema.neuro_contract = True  # type: ignore[attr-defined]
    read_generator.register_field_schema(StreamField, stream_field_schema)
    register_exact_types()  # top-level page ``type``, the package's serializer fields as declared


def fix_schema(schema: dict[str, Any]) -> dict[str, Any]:
    schemes = schema.get("components", {}).get("securitySchemes", {})
    invalid = {
        name
        for name, scheme in schemes.items()
        if scheme.get("type") == "http" and not scheme.get("scheme")
    }
    for name in invalid:
        del schemes[name]
    if not invalid:
        return schema
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "security" not in operation:
                continue
            operation["security"] = [
                {} if set(requirement) & invalid else requirement
                for requirement in operation["security"]
            ]
    return schema


def build_schema(
    path_prefix: str | None = None, path_params: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The valid OpenAPI document of Wagtail's v3 API with the package's routes, as plain JSON
    data. ``path_prefix`` is where the API is mounted (found from the URLconf when ``None``)."""
    from wagtail.api.v3.api import api

    from .v3 import ArticleCardList, ClinicHoursList, ConditionCardList, register

    register()  # the package's routes, also when no URLconf mounted them yet (the command)
    schema = api.get_openapi_schema(path_prefix=path_prefix, path_params=path_params or {})
    # through JSON once: lazy translations become strings, tuples lists
    schema = json.loads(json.dumps(fix_schema(dict(schema)), cls=DjangoJSONEncoder))
    listings = (ArticleCardList, ClinicHoursList, ConditionCardList)
    schema = exact_types(schema, closed=tuple(model.__name__ for model in listings))
    return declare_problems(schema)  # every error each operation answers (.openapi_errors)


@lru_cache(maxsize=16)
def _schema_bytes(path_params: tuple[tuple[str, Any], ...], language: str | None) -> bytes:
    """The document, built once per process and language: the routes and models it describes
    are all registered at start-up, and building it takes a quarter of a second."""
    schema = build_schema(path_params=dict(path_params))
    return json.dumps(schema, ensure_ascii=False).encode()


def openapi_json(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    if not getattr(settings, "WAGTAILAPI_DOCS_ENABLED", True):
        raise Http404
    return HttpResponse(
        _schema_bytes(tuple(sorted(kwargs.items())), get_language()),
        content_type="application/json",
    )
