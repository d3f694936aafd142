"""Every block carries the Meta the block picker needs, and its preview renders."""

import json

import pytest
from django.urls import reverse

import wagtail_neuro.blocks as neuro_blocks
from wagtail_neuro.blocks import (
    ArticleBodyBlock,
    CallToActionBlock,
    ClinicHoursBlock,
    ConditionBodyBlock,
    ConditionListBlock,
    ConditionSectionBlock,
    EmbedBlock,
    HeadingBlock,
    ImageBlock,
    KeyPointsBlock,
    ParagraphBlock,
    QuoteBlock,
    ReferenceCitationBlock,
    ReferencesBlock,
    StepsBlock,
    SymptomListBlock,
)

PICKER_BLOCKS = [
    HeadingBlock,
    ParagraphBlock,
    ImageBlock,
    QuoteBlock,
    EmbedBlock,
    SymptomListBlock,
    ReferenceCitationBlock,
    ReferencesBlock,
    ConditionListBlock,
    KeyPointsBlock,
    StepsBlock,
    CallToActionBlock,
    ClinicHoursBlock,
    ConditionSectionBlock,
    ArticleBodyBlock,
    ConditionBodyBlock,
]
# Rendering an embed's preview asks the provider over the network.
PREVIEWABLE_OFFLINE = [cls for cls in PICKER_BLOCKS if cls is not EmbedBlock]


@pytest.mark.parametrize("cls", PICKER_BLOCKS, ids=lambda cls: cls.__name__)
def test_meta(cls):
    block = cls()
    meta = block.meta
    assert meta.icon
    assert meta.template.startswith("wagtail_neuro/blocks/")
    assert meta.preview_template == "wagtail_neuro/blocks/preview.html"
    assert block.label
    assert block.get_description()
    assert meta.preview_value is not None
    assert block.is_previewable


def test_facade_exports_everything_public():
    for name in neuro_blocks.__all__:
        assert hasattr(neuro_blocks, name), name
    assert {cls.__name__ for cls in PICKER_BLOCKS} <= set(neuro_blocks.__all__)


@pytest.mark.django_db
@pytest.mark.parametrize("cls", PREVIEWABLE_OFFLINE, ids=lambda cls: cls.__name__)
def test_api_of_the_preview_value_is_json(cls):
    block = cls()
    json.dumps(block.get_api_representation(block.get_preview_value()))


@pytest.mark.django_db
@pytest.mark.parametrize("cls", PREVIEWABLE_OFFLINE, ids=lambda cls: cls.__name__)
def test_preview_view_renders(admin_client, cls):
    block = cls()
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "<!DOCTYPE html>" in content
    assert "system-ui" in content
