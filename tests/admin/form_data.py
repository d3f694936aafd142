"""Form-data builders for posting StreamField and inline content to Wagtail admin views."""

from __future__ import annotations

from typing import Any

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

__all__ = ["inline_formset", "list_block", "nested_form_data", "rich_text", "streamfield"]


def list_block(items: list[Any]) -> dict[str, Any]:
    """ListBlock form data: ``{count, 0: {value, deleted, order, id}, …}``."""
    data: dict[str, Any] = {
        str(i): {"value": item, "deleted": "", "order": str(i), "id": ""}
        for i, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def citation(**fields: str) -> dict[str, str]:
    defaults = dict.fromkeys(
        ("title", "url", "source", "authors", "publication_date", "accessed_date", "doi", "pmid"),
        "",
    )
    return {**defaults, **fields}
