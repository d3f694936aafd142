"""The agency's page redeclares only what it changes: its body's blocks."""

from __future__ import annotations

import pytest
from wagtail import blocks

from tests.extending.models import ClinicArticleIndexPage, ClinicArticlePage
from wagtail_neuro.models import AbstractArticlePage, ArticlePage
from wagtail_neuro.models.inheritance import extend_stream_field, family_model, resolve_model


def test_the_body_is_the_base_field_with_the_agency_stream():
    body = ClinicArticlePage._meta.get_field("body")
    base = AbstractArticlePage._meta.get_field("body")
    assert (body.verbose_name, body.help_text, body.blank) == (
        base.verbose_name,
        base.help_text,
        base.blank,
    )
    assert list(body.stream_block.child_blocks) == [*base.stream_block.child_blocks, "faq"]
    # the package's own article is untouched
    assert "faq" not in ArticlePage._meta.get_field("body").stream_block.child_blocks


def test_only_stream_fields_are_extended():
    with pytest.raises(TypeError, match="summary is not a StreamField"):
        extend_stream_field(AbstractArticlePage, "summary", blocks.StreamBlock())


def test_the_agency_pages_form_their_own_family():
    assert family_model(ClinicArticlePage, AbstractArticlePage) is ClinicArticlePage
    assert resolve_model(ClinicArticleIndexPage.article_model) is ClinicArticlePage
