"""The block contract: the JSON a block's ``get_api_representation`` sends, declared once.

A block declares its shape beside ``get_api_representation`` in the class attribute
``api_schema``: a :class:`BlockValue` (a closed pydantic model) or any type pydantic understands
(``str``, ``EmbedBlockValue | None`` …). A block that declares nothing is described from what
Wagtail sends for it: a StructBlock that keeps Wagtail's representation is an object of its
children, a ListBlock a list, a StreamBlock a list of ``{type, id, value}`` items discriminated by
``type``, Wagtail's field and chooser blocks their JSON type, and anything else ``Any``.

Every transport reads this one description: the OpenAPI components of REST v3
(:mod:`wagtail_neuro.api.openapi`) and the GraphQL block types
(:mod:`wagtail_neuro.api.graphql.types.blocks`) are generated from :func:`value_schema` and
:func:`stream_item_schema` of the field's own block. So a block added to a stream, the package's
or an agency's, is typed in every feed without touching ``api/``.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, RootModel, create_model
from wagtail import blocks

__all__ = [
    "BlockValue",
    "declares_shape",
    "item_fields",
    "keeps_wagtail_representation",
    "stream_item_models",
    "stream_item_schema",
    "stream_of",
    "stream_schema",
    "uses_block_contract",
    "value_schema",
]


class BlockValue(BaseModel):
    """Base of the declared shapes: closed objects, keys exactly as the representation sends."""

    model_config = ConfigDict(extra="forbid")


# Wagtail's own blocks, by what their default ``get_api_representation`` sends.
LEAF_SCHEMAS: dict[type, Any] = {
    blocks.CharBlock: str,
    blocks.TextBlock: str,
    blocks.EmailBlock: str,
    blocks.URLBlock: str,
    blocks.RegexBlock: str,
    blocks.RawHTMLBlock: str,
    blocks.BlockQuoteBlock: str,
    blocks.RichTextBlock: str,
    blocks.ChoiceBlock: str,
    blocks.MultipleChoiceBlock: list[str],
    blocks.BooleanBlock: bool,
    blocks.IntegerBlock: int,
    blocks.FloatBlock: float,
    blocks.DateBlock: datetime.date,
    blocks.TimeBlock: datetime.time,
    blocks.DateTimeBlock: datetime.datetime,
    blocks.PageChooserBlock: int,  # chooser blocks send the chosen object's id
    blocks.ChooserBlock: int,
}

_values: dict[tuple[Any, ...], Any] = {}
_items: dict[tuple[Any, ...], type[BaseModel]] = {}
_item_titles: set[str] = set()
_streams: dict[tuple[Any, ...], Any] = {}
_stream_by_item: dict[Any, blocks.StreamBlock] = {}


def keeps_wagtail_representation(block: blocks.Block) -> bool:
    """Whether ``block`` sends what Wagtail's own class sends (its method is not overridden)."""
    method = type(block).get_api_representation
    return getattr(method, "__module__", "").startswith("wagtail.")


def uses_block_contract(block: blocks.Block) -> bool:
    """Whether a block tree holds a block that declares its shape (``api_schema``). The feeds
    type such streams (the package's, and an agency's built on them) from the contract; any
    other StreamField of the host is left as Wagtail and grapple type it."""
    if getattr(block, "api_schema", None) is not None:
        return True
    children = getattr(block, "child_blocks", None)
    if children is None and hasattr(block, "child_block"):
        children = {"item": block.child_block}
    return any(uses_block_contract(child) for child in (children or {}).values())


def declares_shape(block: blocks.Block) -> bool:
    """Whether ``block``'s shape is its own: declared, or a StructBlock subclass described from
    its children. (Wagtail's plain blocks are described too, but belong to Wagtail.)"""
    if getattr(block, "api_schema", None) is not None:
        return True
    return (
        isinstance(block, blocks.StructBlock)
        and type(block) is not blocks.StructBlock
        and keeps_wagtail_representation(block)
    )


def _key(block: blocks.Block) -> tuple[Any, ...]:
    """Blocks of one class share a shape, unless the class is Wagtail's generic one (an inline
    ``StructBlock([...])``), which is told apart by its name and children."""
    cls = type(block)
    children = tuple(
        (name, type(child), _required(child))
        for name, child in (getattr(block, "child_blocks", None) or {}).items()
    )
    if cls.__module__.startswith("wagtail."):
        return (cls, block.name, children)
    return (cls, children)


def _camel(name: str | None) -> str:
    return "".join(part.capitalize() for part in (name or "").split("_"))


def value_schema(block: blocks.Block) -> Any:
    """The type of ``block.get_api_representation(value)``."""
    declared = getattr(block, "api_schema", None)
    if declared is not None:
        return declared
    if not isinstance(block, blocks.StructBlock):
        return _described(block)  # cheap, and creates no named model
    key = _key(block)
    if key not in _values:
        _values[key] = _described(block)
    return _values[key]


def _described(block: blocks.Block) -> Any:
    if isinstance(block, blocks.StreamBlock):
        return stream_schema(block)
    if not keeps_wagtail_representation(block):
        return Any  # a custom representation that declares no shape
    if isinstance(block, blocks.ListBlock):
        return list[value_schema(block.child_block)]  # type: ignore[misc]
    if isinstance(block, blocks.StructBlock):
        name = type(block).__name__ if type(block) is not blocks.StructBlock else _camel(block.name)
        fields = {
            child_name: (_nullable(child, value_schema(child)), ...)
            for child_name, child in block.child_blocks.items()
        }
        return create_model(f"{name}Value", __base__=BlockValue, **fields)
    if isinstance(block, blocks.StaticBlock):
        return None
    for cls in type(block).__mro__:
        if cls in LEAF_SCHEMAS:
            return _nullable(block, LEAF_SCHEMAS[cls])
    return Any


def _required(block: blocks.Block) -> bool:
    """What the block was built with (``FieldBlock.required`` would build its form field, which
    imports the admin: too early while models load)."""
    _args, kwargs = getattr(block, "_constructor_args", ((), {}))
    return bool(kwargs.get("required", True))


def _nullable(block: blocks.Block, schema: Any) -> Any:
    """Optional field blocks may send ``None``; structured values are always there."""
    if schema is Any or schema is None or _required(block):
        return schema
    if isinstance(block, (blocks.StructBlock, blocks.ListBlock, blocks.StreamBlock)):
        return schema
    return schema | None


def item_fields(stream_block: blocks.StreamBlock) -> dict[str, Any]:
    """Keys a stream adds to each of its items beside ``type``, ``id`` and ``value`` (the
    references' ``number``), as ``{name: (type, FieldInfo)}``."""
    return dict(getattr(stream_block, "api_item_fields", None) or {})


def _item_model(stream_block: blocks.StreamBlock, name: str, child: blocks.Block) -> Any:
    """``{"type": name, "id": …, "value": …}``, named after the child's block class."""
    extra = item_fields(stream_block)
    key = (_key(child), name, tuple(extra))
    if key not in _items:
        title = type(child).__name__ if type(child) is not blocks.StructBlock else _camel(name)
        if title in _item_titles:
            title = f"{title}_{name}"  # the same class under another name in some stream
        if title in _item_titles:
            title = f"{type(stream_block).__name__}_{title}"
        _item_titles.add(title)
        # ``id`` is always sent; null for the items of a nested stream (Wagtail gives those
        # none in its representation)
        fields: dict[str, Any] = {"type": (Literal[name], ...), "id": (str | None, ...)}
        fields.update(extra)
        fields["value"] = (value_schema(child), ...)
        _items[key] = create_model(title, __base__=BlockValue, **fields)
    return _items[key]


def stream_item_models(stream_block: blocks.StreamBlock) -> dict[str, type[BaseModel]]:
    """The item model of each child of ``stream_block``, by child name."""
    return {
        name: _item_model(stream_block, name, child)
        for name, child in stream_block.child_blocks.items()
    }


def stream_item_schema(stream_block: blocks.StreamBlock) -> Any:
    """One item of the stream: the union of its children's item models, discriminated by
    ``type`` (a ``RootModel`` named ``<StreamBlock>Item``, so the discriminator survives the
    v3 schema generator's ``get_type_hints``)."""
    key = (*_key(stream_block), tuple(item_fields(stream_block)))
    if key not in _streams:
        members = list(stream_item_models(stream_block).values())
        if len(members) == 1:
            item: Any = members[0]
        else:
            union = Annotated[Union[tuple(members)], Field(discriminator="type")]  # noqa: UP007
            cls = type(stream_block)
            name = cls.__name__ if cls is not blocks.StreamBlock else _camel(stream_block.name)
            item = create_model(f"{name}Item", __base__=RootModel[union])
        _streams[key] = item
        _stream_by_item[item] = stream_block
    return _streams[key]


def stream_schema(stream_block: blocks.StreamBlock) -> Any:
    """``list[<StreamBlock>Item]``: what ``get_api_representation`` of the stream sends."""
    return list[stream_item_schema(stream_block)]  # type: ignore[misc]


def stream_of(item_schema: Any) -> blocks.StreamBlock | None:
    """The stream block whose items ``item_schema`` describes (for transports that answer a
    nested stream item by item, such as GraphQL)."""
    try:
        return _stream_by_item.get(item_schema)
    except TypeError:  # an unhashable annotation
        return None
