"""``/api/v3/openapi.json``, made valid OpenAPI 3.1.

Wagtail 8 declares its ``AllowAnonymous`` fallback as an ``http`` security scheme without a
``scheme``, which OpenAPI validators (and so code generators such as openapi-typescript in
strict setups) refuse. OpenAPI says "authentication optional" with an empty security
requirement, ``{}``; :func:`fix_schema` rewrites the document that way.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse

__all__ = ["fix_schema", "openapi_json"]


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


def openapi_json(request: HttpRequest, **kwargs: Any) -> JsonResponse:
    from wagtail.api.v3.api import api

    if not getattr(settings, "WAGTAILAPI_DOCS_ENABLED", True):
        raise Http404
    schema = api.get_openapi_schema(path_params=kwargs)
    return JsonResponse(fix_schema(dict(schema)), json_dumps_params={"ensure_ascii": False})
