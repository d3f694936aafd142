"""One GraphQL union per StreamField: the types of exactly the blocks that stream may hold.

grapple types every StreamField as ``[StreamFieldInterface]``, an interface every block type of
the schema implements, so a frontend's ``switch (block.__typename)`` can never be exhaustive.
Here a stream's field is typed with a union of the types of the stream block's own children
(``ArticleBodyBlock``, ``ConditionBodyBlock``, ``ReferenceBlock``, and a condition section's
``SectionContentBlock``), built from the same block tree the representation is built from, so
a block added to a stream (the package's or an agency's) joins that stream's union and no other.

Unions are built when graphene builds the schema (the field types are lazy), after every app's
``ready()``: the member types of Wagtail's own blocks are registered by grapple then.

**Interfaces.** ``ArticleInterface.body`` and the ``body`` of every type implementing it must
have the same type: GraphQL lets an implementation narrow an interface's field only to one of
the union's member types, never to another union (spec, *IsValidImplementationFieldType*). So
a declaration shared through an abstract base's ``graphql_fields`` gets one union for all the
models using it: the children of every model's stream. An agency's ``ClinicArticlePage`` whose
body adds an ``faq`` block makes ``FaqBlock`` a member of ``ArticleBodyBlock``, which is what
``articles { body }`` can then return. A stream declared by one model only (an agency's own
field) gets a union of its own, named after its stream block class, or after the model and
field (``<Model><Field>Block``) when the stream block is Wagtail's generic ``StreamBlock``.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Sequence
from typing import Any

import graphene
from grapple.registry import registry
from grapple.types.interfaces import StreamFieldInterface
from wagtail import blocks

__all__ = ["block_type", "stream_union", "union_for_declaration", "union_name"]

_unions: dict[str, tuple[tuple[Any, ...], type[graphene.Union]]] = {}


def block_type(block: blocks.Block) -> Any:
    """The GraphQL type a stream child answers as: the registered type of its class (or of the
    nearest base class), else grapple's generic block type (``StreamFieldInterface``'s rule)."""
    for cls in inspect.getmro(type(block)):
        if cls in registry.streamfield_blocks:
            return registry.streamfield_blocks[cls]
    return registry.streamfield_blocks["generic-block"]


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _class_name(cls: type) -> str | None:
    """A stream block class's union name: ``Meta.graphql_name``, else the class name; ``None``
    for Wagtail's own classes (an inline ``StreamBlock([...])`` has no name of its own)."""
    if cls.__module__.startswith("wagtail."):
        return None
    meta = getattr(cls, "_meta_class", None)
    return getattr(meta, "graphql_name", None) or cls.__name__


def union_name(streams: Sequence[blocks.StreamBlock], fallback: str) -> str:
    """The name of the stream class every stream in ``streams`` is an instance of (the nearest
    one: ``ArticleBodyBlock`` for the package's body and an agency's subclass of it), else
    ``fallback``."""
    for cls in inspect.getmro(type(streams[0])):
        if (
            isinstance(cls, type)
            and issubclass(cls, blocks.StreamBlock)
            and all(isinstance(stream, cls) for stream in streams)
            and (name := _class_name(cls))
        ):
            return name
    return fallback


def stream_union(
    streams: Iterable[blocks.StreamBlock], name: str, fallback: str
) -> type[graphene.Union]:
    """A union of the types of the children of ``streams``, named ``name`` (``fallback`` when
    another union already holds that name with other members)."""
    members: list[Any] = []
    for stream in streams:
        for child in stream.child_blocks.values():
            member = block_type(child)
            if member not in members:
                members.append(member)
    key = tuple(members)
    for candidate in (name, fallback):
        known = _unions.get(candidate)
        if known is None:
            union = _build(candidate, members)
            _unions[candidate] = (key, union)
            return union
        if known[0] == key:
            return known[1]
    raise ValueError(f"Two streams with different blocks are both named {fallback!r}.")


def _build(name: str, members: list[Any]) -> type[graphene.Union]:
    def resolve_type(cls: type, instance: Any, info: Any) -> Any:
        return StreamFieldInterface.resolve_type(instance, info)

    meta = type(
        "Meta",
        (),
        {
            "name": name,
            "types": tuple(members),
            "description": (
                f"A block of a {name} stream: switch on `__typename`; "
                "`... on StreamFieldInterface` selects the fields every block has."
            ),
        },
    )
    return type(name, (graphene.Union,), {"Meta": meta, "resolve_type": classmethod(resolve_type)})


def union_for_declaration(declaration: Any, field_name: str) -> Any:
    """The union of a model field declared by ``declaration`` (the object in ``graphql_fields``):
    one union for every exposed model that inherits that very declaration."""
    models = [
        model
        for model in registry.class_models
        if isinstance(model, type) and declaration in getattr(model, "graphql_fields", ())
    ]
    streams = [model._meta.get_field(field_name).stream_block for model in models]
    if not streams:  # the declaring models are not exposed: nothing can be answered
        return StreamFieldInterface
    fallback = f"{models[0].__name__}{_camel(field_name)}Block"
    return stream_union(streams, union_name(streams, fallback), fallback)
