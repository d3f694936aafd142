"""The block contract: each block's declared shape is what it sends, and a new block is typed
in every feed from its own module and the stream that lists it, with nothing in ``api/``."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import graphene
import pytest
from grapple.registry import registry
from grapple.types.interfaces import StreamFieldInterface
from pydantic import TypeAdapter, ValidationError
from wagtail import blocks
from wagtail.fields import StreamField

import wagtail_neuro
from tests.factories import ConditionPageFactory
from wagtail_neuro import blocks as neuro_blocks
from wagtail_neuro.api.graphql.types.blocks import block_types, children
from wagtail_neuro.blocks.contract import (
    BlockValue,
    declares_shape,
    stream_item_schema,
    stream_schema,
    uses_block_contract,
    value_schema,
)

PACKAGE_STREAMS = (
    neuro_blocks.ArticleBodyBlock(),
    neuro_blocks.ConditionBodyBlock(),
    neuro_blocks.ReferencesBlock(),
)


def package_blocks() -> dict[str, blocks.Block]:
    """Every block class that declares its shape, anywhere in the package's streams."""
    found: dict[str, blocks.Block] = {}

    def walk(block: blocks.Block) -> None:
        if getattr(block, "api_schema", None) is not None:
            found.setdefault(type(block).__name__, block)
        for child in (getattr(block, "child_blocks", None) or {}).values():
            walk(child)
        if isinstance(block, blocks.ListBlock):
            walk(block.child_block)

    for stream in PACKAGE_STREAMS:
        walk(stream)
    return found


def test_every_block_in_the_package_streams_declares_its_shape():
    declared = package_blocks()
    assert set(declared) >= {
        "HeadingBlock",
        "ParagraphBlock",
        "ImageBlock",
        "QuoteBlock",
        "EmbedBlock",
        "SymptomListBlock",
        "ConditionListBlock",
        "KeyPointsBlock",
        "StepsBlock",
        "CallToActionBlock",
        "ClinicHoursBlock",
        "ConditionSectionBlock",
        "ReferenceCitationBlock",
    }
    for stream in PACKAGE_STREAMS:
        for name, child in stream.child_blocks.items():
            assert declares_shape(child), f"{type(stream).__name__}.{name}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(package_blocks()))
def test_the_preview_representation_matches_the_declaration(name, image):
    block = package_blocks()[name]
    value = block.get_preview_value()
    data = block.get_api_representation(value, context={})
    TypeAdapter(value_schema(block)).validate_python(data)


@pytest.mark.django_db
def test_linked_pages_and_images_match_the_declaration(page, image, conditions_index):
    condition = ConditionPageFactory(parent=conditions_index, title="Lupus", slug="lupus")
    body = neuro_blocks.ArticleBodyBlock()
    value = body.to_python(
        [
            {"type": "image", "value": {"image": image.pk, "caption": "", "alt": "Nerves"}},
            {
                "type": "call_to_action",
                "value": {"heading": "Book", "button_label": "Book", "link_page": page.pk},
            },
            {
                "type": "condition_list",
                "value": {
                    "items": [{"name": "RA", "description": "Joints.", "page": condition.pk}]
                },
            },
        ]
    )
    data = body.get_api_representation(value, context={})
    TypeAdapter(stream_schema(body)).validate_python(data)
    assert data[0]["value"]["image"]["alt"] == "Nerves"
    assert data[1]["value"]["url"] == "/book/"
    assert data[2]["value"]["items"][0]["page"]["url"] == "/conditions/lupus/"


def test_a_shape_that_drifts_from_the_declaration_is_refused():
    heading = neuro_blocks.HeadingBlock()
    adapter = TypeAdapter(value_schema(heading))
    adapter.validate_python({"text": "Causes", "level": "h3", "anchor": "causes"})
    with pytest.raises(ValidationError):
        adapter.validate_python({"text": "Causes", "level": "h1", "anchor": "causes"})
    with pytest.raises(ValidationError):  # closed: no key the declaration does not name
        adapter.validate_python({"text": "C", "level": "h2", "anchor": "c", "extra": 1})


def test_references_carry_their_number_on_each_item():
    references = neuro_blocks.ReferencesBlock()
    value = references.to_python([{"type": "citation", "value": {"title": "A study"}}])
    data = references.get_api_representation(value)
    assert data[0]["number"] == 1
    TypeAdapter(stream_schema(references)).validate_python(data)
    with pytest.raises(ValidationError):
        TypeAdapter(stream_schema(references)).validate_python([{**data[0], "number": None}])


# ----------------------------------------------------------------------- a new block


class DosageBlockValue(BlockValue):
    drug: str
    milligrams: int


class DosageBlock(blocks.StructBlock):
    """A block as the package would add one: its module declares its shape, once."""

    drug = blocks.CharBlock()
    milligrams = blocks.IntegerBlock()

    api_schema = DosageBlockValue

    def get_api_representation(self, value, context=None):
        return {"drug": value["drug"], "milligrams": value["milligrams"]}

    class Meta:
        description = "A drug and its dose."


class BodyWithDosage(neuro_blocks.ArticleBodyBlock):
    """The stream that lists it."""

    dosage = DosageBlock()


DOSAGE_ITEM = {"type": "dosage", "id": "d1", "value": {"drug": "Gabapentin", "milligrams": 300}}


def test_a_new_block_is_typed_in_the_openapi_schema():
    from wagtail.api.v3.schemas.generators.read import read_generator

    field = StreamField(BodyWithDosage())
    annotation, _default, _resolve = read_generator.field_schemas[StreamField](
        read_generator, field
    )
    adapter = TypeAdapter(annotation)
    definitions = adapter.json_schema()["$defs"]
    assert definitions["DosageBlock"]["properties"]["type"]["const"] == "dosage"
    assert definitions["DosageBlockValue"]["required"] == ["drug", "milligrams"]
    adapter.validate_python([DOSAGE_ITEM])
    with pytest.raises(ValidationError):
        adapter.validate_python([{**DOSAGE_ITEM, "value": {"drug": "Gabapentin"}}])


def test_a_new_block_is_a_graphql_type_that_reads_its_representation(monkeypatch):
    generated = block_types([BodyWithDosage()])
    dosage_type = generated[DosageBlock]
    for block_class, graphql_type in generated.items():
        monkeypatch.setitem(registry.streamfield_blocks, block_class, graphql_type)
    stream = BodyWithDosage()
    value = stream.to_python([DOSAGE_ITEM])
    items = stream.get_api_representation(value)

    class Query(graphene.ObjectType):
        body = graphene.List(graphene.NonNull(StreamFieldInterface))

        def resolve_body(root: Any, info: Any) -> list:
            return children(stream, items, value)

    assert dosage_type._meta.name == "DosageBlock"
    schema = graphene.Schema(query=Query, types=list(generated.values()))
    result = schema.execute("{ body { __typename field ... on DosageBlock { drug milligrams } } }")
    assert result.errors is None, result.errors
    assert result.data["body"] == [
        {"__typename": "DosageBlock", "field": "dosage", "drug": "Gabapentin", "milligrams": 300}
    ]
    assert dosage_type._meta.description == "A drug and its dose."


def block_references(source: str, names: set[str]) -> set[str]:
    """The package's block classes a module names: imported from ``wagtail_neuro.blocks``,
    read off that module, or spelled as a string (a registry keyed by name)."""
    tree = ast.parse(source)
    aliases = set()
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            absolute = module.startswith("wagtail_neuro.blocks") or (
                module == "wagtail_neuro" and any(a.name == "blocks" for a in node.names)
            )
            relative = node.level >= 2 and module.split(".")[0] == "blocks"
            for alias in node.names:
                if absolute or relative:
                    found |= {alias.name} & names
                    if alias.name == "blocks":
                        aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("wagtail_neuro.blocks"):
                    aliases.add(alias.asname or alias.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in aliases and node.attr in names:
                found.add(node.attr)
        elif isinstance(node, ast.Constant) and node.value in names:
            found.add(node.value)
    return found


def test_nothing_in_api_names_a_block():
    """``api/`` holds no per-block code: no block class of the package is named there."""
    names = {
        name
        for name in neuro_blocks.__all__
        if isinstance(getattr(neuro_blocks, name), type)
        and issubclass(getattr(neuro_blocks, name), blocks.Block)
    }
    api_dir = Path(wagtail_neuro.__file__).parent / "api"
    offenders = {
        str(path.relative_to(api_dir)): sorted(found)
        for path in api_dir.rglob("*.py")
        if (found := block_references(path.read_text(), names))
    }
    assert offenders == {}
    # the check itself finds the registries this replaced
    assert block_references('TYPES = {"HeadingBlock": 1}', names) == {"HeadingBlock"}
    assert block_references("from wagtail_neuro import blocks as b\nb.StepsBlock", names) == {
        "StepsBlock"
    }


# ----------------------------------------------------------------------- undeclared blocks


class LinkBlock(blocks.StructBlock):
    """An agency's block that keeps Wagtail's representation: described from its children."""

    label = blocks.CharBlock()
    note = blocks.TextBlock(required=False)
    page = blocks.PageChooserBlock(required=False)


def test_a_struct_block_without_a_declaration_is_described_from_its_children():
    adapter = TypeAdapter(value_schema(LinkBlock()))
    adapter.validate_python({"label": "Book", "note": None, "page": 3})
    with pytest.raises(ValidationError):
        adapter.validate_python({"label": None, "note": "", "page": None})
    assert adapter.json_schema()["title"] == "LinkBlockValue"


def test_a_custom_representation_without_a_declaration_is_any():
    class Custom(blocks.StructBlock):
        label = blocks.CharBlock()

        def get_api_representation(self, value, context=None):
            return ["anything"]

    assert value_schema(Custom()) is Any
    assert not declares_shape(Custom())


def test_streams_without_the_contract_are_left_to_wagtail():
    class HostBody(blocks.StreamBlock):
        text = blocks.CharBlock()
        link = LinkBlock()

    assert not uses_block_contract(HostBody())
    assert uses_block_contract(BodyWithDosage())
    union = stream_item_schema(BodyWithDosage())
    assert union.__name__ == "BodyWithDosageItem"


def test_a_child_named_like_an_interface_field_gets_its_own_graphql_name():
    class TaggedBlock(blocks.StructBlock):
        id = blocks.CharBlock()
        field = blocks.CharBlock()

    class TaggedStream(blocks.StreamBlock):
        tagged = TaggedBlock()

    tagged_type = block_types([TaggedStream()])[TaggedBlock]
    assert {"value_id", "value_field", "id", "field"} <= set(tagged_type._meta.fields)

    class Query(graphene.ObjectType):
        ok = graphene.Boolean()

    schema = graphene.Schema(query=Query, types=[tagged_type])
    assert schema.graphql_schema.get_type("TaggedBlock").fields["valueId"].type.of_type.name == (
        "String"
    )
