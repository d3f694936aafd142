"""GraphQL types of StreamField blocks, generated from the block contract.

Each block class that declares its shape (``api_schema``, see
:mod:`wagtail_neuro.blocks.contract`) or is a StructBlock described from its children, in any
StreamField of the apps grapple exposes, becomes one object type under grapple's
``StreamFieldInterface``. Its fields are the declared ones, and they resolve from the block's
representation, the very dicts REST sends: page links (with the batched visibility check),
button URLs, anchors, alt text and numbering are worked out once, by the blocks and
:mod:`wagtail_neuro.representation`, for every feed. A stream is answered from its own
representation (:func:`stream_children`): each ``{type, id, value}`` item becomes a
:class:`BlockChild`, and a nested stream (a condition section's content) the same way.

Two shapes map to hand-written types shared with the rest of the schema: an image
(``ImageData``, with renditions by name) and clinic hours (``ClinicHours``, evaluated at the
``at`` argument). Type names are the block class names, or ``Meta.graphql_name`` where grapple
already uses the name (``CaptionedImageBlock``, ``MediaEmbedBlock``).
"""

from __future__ import annotations

import datetime
import json
import re
import types
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, Literal, Union, get_args, get_origin

import graphene
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from graphene.types.generic import GenericScalar
from grapple.types.interfaces import StreamFieldInterface
from pydantic import BaseModel, RootModel
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock as WagtailImageBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from wagtail_neuro import fragments
from wagtail_neuro.api.prefetch import convert_streams
from wagtail_neuro.blocks.contract import (
    declares_shape,
    item_fields,
    stream_of,
    uses_block_contract,
    value_schema,
)
from wagtail_neuro.blocks.hours import ClinicHoursData
from wagtail_neuro.representation import ImageData as ImageShape

from ..batches import for_group
from .clinic_hours import ClinicHours, hours_for, parse_instant
from .images import GRAPHQL_NAME, ImageData
from .streams import stream_union, union_name

__all__ = ["BlockChild", "block_types", "stream_children"]


class BlockChild:
    """One item of a stream as GraphQL answers it: the child block, the item the stream's
    representation sent (``{type, id, value, …}``) and the converted value it came from
    (grapple's own block types, and choosers' ``at`` arguments, read that). The converted value
    of a stream read from a stored representation is fetched only when a field asks for it."""

    __slots__ = ("_source", "_value", "block", "id", "item")

    def __init__(
        self,
        block: blocks.Block,
        item: dict[str, Any],
        value: Any = None,
        source: Callable[[], Any] | None = None,
    ) -> None:
        self.block = block
        self.item = item
        self.id = item.get("id")
        self._value = value
        self._source = source

    @property
    def value(self) -> Any:
        if self._source is not None:
            self._value, self._source = self._source(), None
        return self._value

    @property
    def data(self) -> Any:
        return self.item.get("value")


class _Converted:
    """The converted children of a stream, fetched once, on first use, from ``raw`` (a
    ``StreamValue``, or a function returning one)."""

    __slots__ = ("_children", "_raw")

    def __init__(self, raw: Any) -> None:
        self._raw = raw
        self._children: list[Any] | None = None

    def value_at(self, index: int) -> Any:
        if self._children is None:
            raw = self._raw() if callable(self._raw) else self._raw
            self._children = list(raw) if isinstance(raw, StreamValue) else []
        child = self._children[index] if index < len(self._children) else None
        return getattr(child, "value", None)


def children(stream_block: blocks.StreamBlock, items: Any, raw: Any = None) -> list[BlockChild]:
    """The items of a stream's representation as :class:`BlockChild`\\ ren, paired by position
    with the converted children of ``raw`` (a ``StreamValue``, or a function returning one when
    first asked) when it is there."""
    converted = _Converted(raw)
    result = []
    for index, item in enumerate(items or []):
        block = stream_block.child_blocks.get(item.get("type"))
        if block is None:
            continue
        result.append(BlockChild(block, item, source=partial(converted.value_at, index)))
    return result


def stream_children(obj: Any, info: Any, *, attribute: str) -> list[BlockChild]:
    """A model's StreamField, answered from the stream's own representation: the stored one
    (:mod:`wagtail_neuro.fragments`) when the page has it, else built here and recorded to be
    stored."""
    found, items = fragments.stored_stream(obj, attribute)
    if found:
        stream_block = type(obj)._meta.get_field(attribute).stream_block
        return children(stream_block, items, partial(_converted_stream, obj, attribute))
    value = getattr(obj, attribute, None)
    if not isinstance(value, StreamValue):
        return []
    items = fragments.stream_representation(value, info.context)
    fragments.record_stream(obj, attribute, items)
    return children(value.stream_block, items, value)


def _converted_stream(page: Any, attribute: str) -> Any:
    """``page``'s converted stream, converting those of its whole listing at once."""
    for_group(page, "converted_streams", _convert_group)
    return getattr(page, attribute, None)


def _convert_group(pages: list[Any]) -> dict[int, Any]:
    convert_streams(pages)
    return {}


def _data(root: Any) -> Any:
    return root.data if isinstance(root, BlockChild) else root


def _raw(root: Any, name: str) -> Any:
    if isinstance(root, BlockChild) and hasattr(root.value, "get"):
        return root.value.get(name)
    return None


def _raw_value(root: BlockChild, info: Any) -> str:
    """``rawValue`` is the block's representation as JSON (what REST sends as ``value``)."""
    return json.dumps(root.data, cls=DjangoJSONEncoder)


def _clinic_hours_field(name: str, description: str | None) -> graphene.Field:
    def resolve(root: Any, info: Any, at: str | None = None) -> Any:
        data, snippet = _data(root), _raw(root, name)
        if not data or data.get(name) is None or snippet is None:
            return None  # the representation says whether the hours are published
        return hours_for(snippet, parse_instant(at))

    return graphene.Field(
        ClinicHours,
        at=graphene.String(description="An ISO 8601 instant; defaults to now."),
        description=description,
        resolver=resolve,
    )


#: Shapes answered by hand-written types shared with the rest of the schema.
SHARED_TYPES: dict[type, Callable[[str, str | None], graphene.Field] | type] = {
    ImageShape: ImageData,
    ClinicHoursData: _clinic_hours_field,
}
SCALARS: dict[Any, Any] = {
    str: graphene.String,
    int: graphene.Int,
    float: graphene.Float,
    bool: graphene.Boolean,
    datetime.date: graphene.Date,
    datetime.time: graphene.Time,
    datetime.datetime: graphene.DateTime,
}
INTERFACE_FIELDS = frozenset({"id", "block_type", "field", "raw_value"})
GRAPPLE_CHOOSER_BLOCKS = (
    blocks.PageChooserBlock,
    DocumentChooserBlock,
    ImageChooserBlock,
    WagtailImageBlock,
    SnippetChooserBlock,
)


class TypeBuilder:
    """Builds graphene types from the contract's annotations, each named type once."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self.names: set[str] = set(reserved)
        self.objects: dict[type[BaseModel], type[graphene.ObjectType]] = {}
        self.enums: dict[str, type[graphene.Enum]] = {}

    def unique(self, name: str, prefix: str = "") -> str:
        if name in self.names:
            name = f"{prefix}{name}" if prefix and f"{prefix}{name}" not in self.names else name
        base, number = name, 2
        while name in self.names:
            name, number = f"{base}{number}", number + 1
        self.names.add(name)
        return name

    # ---------------------------------------------------------------- annotations

    def output(self, annotation: Any, owner: str, field: str) -> tuple[Any, bool, Any]:
        """``(graphene type, nullable, nested stream block or None)`` for an annotation."""
        origin = get_origin(annotation)
        if origin is not None and getattr(origin, "__name__", "") == "Annotated":
            return self.output(get_args(annotation)[0], owner, field)
        if origin in (Union, types.UnionType):
            members = [arg for arg in get_args(annotation) if arg is not type(None)]
            if len(members) == 1:
                graphql_type, _nullable, stream = self.output(members[0], owner, field)
                return graphql_type, True, stream
            return GenericScalar, True, None
        if origin is list:
            (item,) = get_args(annotation) or (Any,)
            stream = stream_of(item)
            if stream is not None:
                union = partial(nested_union, stream, f"{owner}{_camel(field)}Block")
                return graphene.List(graphene.NonNull(union)), False, stream
            inner, nullable, _stream = self.output(item, owner, field)
            return graphene.List(inner if nullable else graphene.NonNull(inner)), False, None
        if origin is Literal:
            return self.enum(get_args(annotation), owner, field), False, None
        if origin is dict or annotation is Any:
            return GenericScalar, annotation is Any, None
        if annotation in SCALARS:
            return SCALARS[annotation], False, None
        if isinstance(annotation, type) and issubclass(annotation, RootModel):
            return self.output(annotation.model_fields["root"].annotation, owner, field)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            shared = SHARED_TYPES.get(annotation)
            if isinstance(shared, type):
                return shared, False, None
            return self.object(annotation), False, None
        return GenericScalar, True, None

    def enum(self, values: tuple[Any, ...], owner: str, field: str) -> Any:
        name = f"{owner}{_camel(field)}"
        if not all(isinstance(value, str) and GRAPHQL_NAME.match(value) for value in values):
            return graphene.String
        if name not in self.enums:
            self.enums[name] = graphene.Enum(
                self.unique(name),
                [(value, value) for value in values],
                description=f"The values of {owner}.{field}.",
            )
        return self.enums[name]

    def object(self, model: type[BaseModel]) -> type[graphene.ObjectType]:
        """A nested object, resolved from the dict the representation holds."""
        if model not in self.objects:
            name = re.sub(r"(BlockValue|Value)$", "", model.__name__) or model.__name__
            name = self.unique(name)
            self.objects[model] = graphene.ObjectType  # a cycle stops here
            attrs: dict[str, Any] = dict(self.fields(model, name))
            attrs["Meta"] = type("Meta", (), {"name": name, "description": model.__doc__})
            self.objects[model] = type(name, (graphene.ObjectType,), attrs)
        return self.objects[model]

    def fields(self, model: type[BaseModel], owner: str) -> dict[str, graphene.Field]:
        return {
            name: self.field(name, info.annotation, owner, info.description)
            for name, info in model.model_fields.items()
        }

    def field(
        self, name: str, annotation: Any, owner: str, description: str | None
    ) -> graphene.Field:
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        shared = SHARED_TYPES.get(members[0] if len(members) == 1 else annotation)
        if shared is not None and not isinstance(shared, type):
            return shared(name, description)
        graphql_type, nullable, stream = self.output(annotation, owner, name)
        native = _from_json(graphql_type) if stream is None else _same

        def resolve(root: Any, info: Any, **kwargs: Any) -> Any:
            data = _data(root)
            value = data.get(name) if isinstance(data, dict) else None
            if stream is not None:
                return children(stream, value, partial(_raw, root, name))
            return native(value)

        return graphene.Field(
            graphql_type if nullable else graphene.NonNull(graphql_type),
            description=description,
            resolver=resolve,
        )

    # ---------------------------------------------------------------- blocks

    def block(
        self, block: blocks.Block, extra: dict[str, Any], always: frozenset[str] = frozenset()
    ) -> type[graphene.ObjectType]:
        """The type of one block class under ``StreamFieldInterface``: the declared fields
        (or ``value`` for a block whose value is not an object), plus the keys its streams add
        to each item (``extra``; non-null when every stream holding the block adds it and its
        type is not optional: ``always``)."""
        cls = type(block)
        name = getattr(block.meta, "graphql_name", None) or cls.__name__
        name = self.unique(name, prefix=_camel(cls.__module__.split(".")[0]))
        schema = value_schema(block)
        model, nullable = _model_of(schema)
        if model is not None:
            attrs: dict[str, Any] = {
                # a child named like an interface field (``id``, ``field``) is ``valueId`` …
                (f"value_{key}" if key in INTERFACE_FIELDS else key): field
                for key, field in self.fields(model, name).items()
            }
            if nullable:  # e.g. an embed whose URL was refused: every field is null
                attrs = {key: _nullable(field) for key, field in attrs.items()}
        else:
            attrs = {"value": self.field("value", schema, name, _description(schema))}
            native = _from_json(attrs["value"].type)
            attrs["value"].resolver = lambda root, info, **kwargs: native(root.data)
        for key, (annotation, info) in extra.items():
            graphql_type, nullable_extra, _stream = self.output(annotation, name, key)
            if key in always and not nullable_extra:
                graphql_type = graphene.NonNull(graphql_type)
            attrs[key] = graphene.Field(
                graphql_type,
                description=getattr(info, "description", None),
                resolver=lambda root, info, key=key, **kwargs: root.item.get(key),
            )
        description = str(getattr(block.meta, "description", "") or "") or None
        description = description or (cls.__doc__ or "").strip() or None
        attrs["resolve_raw_value"] = staticmethod(_raw_value)
        attrs["Meta"] = type(
            "Meta",
            (),
            {"name": name, "description": description, "interfaces": (StreamFieldInterface,)},
        )
        return type(name, (graphene.ObjectType,), attrs)


#: Scalars whose values a stored representation holds as JSON text (ISO 8601).
TEMPORAL_SCALARS = (graphene.Date, graphene.Time, graphene.DateTime)


def _from_json(graphql_type: Any) -> Callable[[Any], Any]:
    """How a value of ``graphql_type`` read from a representation becomes what the type
    serialises: a date, time or date-time read back from a stored representation is ISO 8601
    text (as REST sends it), which graphene's temporal scalars would refuse; anything else
    passes as it is."""
    inner, many = graphql_type, False
    while isinstance(inner, graphene.List | graphene.NonNull):
        many = many or isinstance(inner, graphene.List)
        inner = inner._of_type  # as declared: a lazy type (a nested union) is not built here
    if inner not in TEMPORAL_SCALARS:
        return _same

    def parse(value: Any) -> Any:
        return inner.parse_value(value) if isinstance(value, str) else value

    def native(value: Any) -> Any:
        if many and isinstance(value, list):
            return [parse(item) for item in value]
        return parse(value)

    return native


def _same(value: Any) -> Any:
    return value


def nested_union(stream: blocks.StreamBlock, fallback: str) -> type[graphene.Union]:
    """The union of a stream inside a block (a condition section's ``content``), named after
    its stream block class, or ``<Block><Field>Block`` for an inline ``StreamBlock``."""
    return stream_union([stream], union_name([stream], fallback), fallback)


def _description(annotation: Any) -> str | None:
    """The description an ``Annotated[T, Field(description=…)]`` carries."""
    for meta in getattr(annotation, "__metadata__", ()):
        if getattr(meta, "description", None):
            return meta.description
    return None


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _model_of(schema: Any) -> tuple[type[BaseModel] | None, bool]:
    """``(model, nullable)`` when ``schema`` is an object (or an optional one)."""
    nullable = False
    if get_origin(schema) in (Union, types.UnionType):
        members = [arg for arg in get_args(schema) if arg is not type(None)]
        nullable = len(members) < len(get_args(schema))
        schema = members[0] if len(members) == 1 else None
    if isinstance(schema, type) and issubclass(schema, BaseModel):
        if issubclass(schema, RootModel):
            return None, nullable
        return schema, nullable
    return None, nullable


def _nullable(field: graphene.Field) -> graphene.Field:
    if isinstance(field.type, graphene.NonNull):
        field._type = field.type.of_type
    return field


def exposed_stream_blocks() -> list[blocks.StreamBlock]:
    """The stream block of every StreamField on the models of the apps grapple exposes that uses
    the block contract (REST v3 types the same ones, see :mod:`wagtail_neuro.api.openapi`)."""
    from grapple.settings import grapple_settings

    labels = list(grapple_settings.APPS or ())
    streams: list[blocks.StreamBlock] = []
    for label in labels:
        for model in apps.get_app_config(label).get_models():
            streams.extend(
                field.stream_block
                for field in model._meta.get_fields()
                if isinstance(field, StreamField) and uses_block_contract(field.stream_block)
            )
    return streams


def collect(
    block: blocks.Block,
    found: dict[type, blocks.Block],
    extras: dict[type, list[dict[str, Any]]],
) -> None:
    """Every block class that gets a type, anywhere below ``block``, with the item extras of
    each stream it is a child of."""
    if isinstance(block, blocks.StreamBlock):
        for child in block.child_blocks.values():
            if declares_shape(child):
                found.setdefault(type(child), child)
                extras.setdefault(type(child), []).append(item_fields(block))
            collect(child, found, extras)
    elif isinstance(block, blocks.StructBlock):
        for child in block.child_blocks.values():
            collect(child, found, extras)
    elif isinstance(block, blocks.ListBlock):
        collect(block.child_block, found, extras)


def block_types(streams: Iterable[blocks.StreamBlock] | None = None) -> dict[type, type]:
    """Block class → generated type, for grapple's ``registry.streamfield_blocks``. Classes that
    grapple already types (``graphql_fields``, ``@register_streamfield_block``) are left to it."""
    from grapple.helpers import streamfield_types
    from grapple.registry import registry

    found: dict[type, blocks.Block] = {}
    extras: dict[type, list[dict[str, Any]]] = {}
    for stream in exposed_stream_blocks() if streams is None else streams:
        collect(stream, found, extras)
    decorated = {entry["cls"] for entry in streamfield_types}
    reserved = {  # grapple's own types, some registered only when grapple is ready
        *(t._meta.name for t in registry.streamfield_blocks.values() if hasattr(t, "_meta")),
        *(cls.__name__ for cls in GRAPPLE_CHOOSER_BLOCKS),
    }
    builder = TypeBuilder(reserved)
    types: dict[type, type] = {}
    for cls, block in found.items():
        if cls in decorated or hasattr(cls, "graphql_fields"):
            continue
        seen = extras.get(cls, [])
        merged = {key: field for fields in seen for key, field in fields.items()}
        always = frozenset.intersection(*(frozenset(fields) for fields in seen or [{}]))
        types[cls] = builder.block(block, merged, always)
    return types
