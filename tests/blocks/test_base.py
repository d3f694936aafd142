from unittest import mock

import pytest
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.models import Embed
from wagtail.rich_text import RichText

from wagtail_neuro.blocks import EmbedBlock, HeadingBlock, ImageBlock, ParagraphBlock, QuoteBlock

VIDEO_URL = "https://www.youtube.com/watch?v=Y8oAqm9bnTc"
VIDEO_HTML = '<iframe src="https://www.youtube.com/embed/Y8oAqm9bnTc"></iframe>'


class TestHeadingBlock:
    block = HeadingBlock()

    def test_api_adds_anchor(self):
        value = self.block.to_python({"text": "What is Neuropathy?", "level": "h2"})
        assert self.block.get_api_representation(value) == {
            "text": "What is Neuropathy?",
            "level": "h2",
            "anchor": "what-is-neuropathy",
        }

    def test_level_defaults_to_h2(self):
        value = self.block.to_python({"text": "Conclusion"})
        assert self.block.get_api_representation(value)["level"] == "h2"

    def test_render(self):
        value = self.block.to_python({"text": "Diagnosis and Management", "level": "h3"})
        assert self.block.render(value).strip() == (
            '<h3 id="diagnosis-and-management">Diagnosis and Management</h3>'
        )

    def test_unknown_level_from_the_database_renders_as_h2(self):
        value = self.block.to_python({"text": "x", "level": "script"})
        assert self.block.render(value).strip() == '<h2 id="x">x</h2>'
        assert self.block.get_api_representation(value)["level"] == "h2"

    def test_text_is_required(self):
        with pytest.raises(StructBlockValidationError) as excinfo:
            self.block.clean(self.block.to_python({"text": "", "level": "h2"}))
        assert "text" in excinfo.value.block_errors

    def test_text_is_escaped(self):
        value = self.block.to_python({"text": "<b>Lupus</b>", "level": "h2"})
        assert "&lt;b&gt;Lupus&lt;/b&gt;" in self.block.render(value)


@pytest.mark.django_db
class TestParagraphBlock:
    block = ParagraphBlock()

    def test_api_is_front_end_html(self, page):
        value = self.block.to_python(f'<p>Please <a linktype="page" id="{page.pk}">book</a>.</p>')
        assert self.block.get_api_representation(value) == (
            '<p>Please <a href="/book/">book</a>.</p>'
        )

    def test_api_ignores_the_db_html_format(self, rf, page):
        request = rf.get("/?rich_text_format=db_html")
        value = self.block.to_python(f'<a linktype="page" id="{page.pk}">book</a>')
        assert "linktype" not in self.block.get_api_representation(value, {"request": request})

    def test_render(self, page):
        value = self.block.to_python(f'<p><a linktype="page" id="{page.pk}">book</a></p>')
        assert self.block.render(value).strip() == '<p><a href="/book/">book</a></p>'

    def test_default_features_and_override(self):
        assert "link" in self.block.features
        assert "h2" not in self.block.features  # headings are HeadingBlocks
        assert ParagraphBlock(features=["bold"]).features == ["bold"]

    def test_features_are_not_frozen_into_migrations(self):
        path, _args, kwargs = ParagraphBlock().deconstruct()
        assert path == "wagtail_neuro.blocks.ParagraphBlock"
        assert kwargs == {}


@pytest.mark.django_db
class TestImageBlock:
    block = ImageBlock()

    def test_api(self, image):
        value = self.block.to_python({"image": image.pk, "caption": "EMG", "alt": ""})
        data = self.block.get_api_representation(value)
        assert data["caption"] == "EMG"
        assert data["image"]["id"] == image.pk
        assert data["image"]["alt"] == "Nerve conduction study"
        assert set(data["image"]["renditions"]) == {"thumbnail", "medium", "large"}

    def test_alt_override(self, image):
        value = self.block.to_python({"image": image.pk, "caption": "", "alt": "An EMG test"})
        assert self.block.get_api_representation(value)["image"]["alt"] == "An EMG test"
        assert 'alt="An EMG test"' in self.block.render(value)

    def test_alt_from_description(self, image):
        image.description = "Electrodes on a forearm"
        image.save()
        value = self.block.to_python({"image": image.pk})
        assert self.block.get_api_representation(value)["image"]["alt"] == image.description

    def test_render(self, image):
        value = self.block.to_python({"image": image.pk, "caption": "EMG", "alt": ""})
        html = self.block.render(value)
        assert "<figure" in html
        assert "srcset=" in html
        assert 'alt="Nerve conduction study"' in html
        assert "<figcaption>EMG</figcaption>" in html

    def test_deleted_image(self):
        value = self.block.to_python({"image": 999999, "caption": "EMG", "alt": ""})
        assert self.block.get_api_representation(value) == {"image": None, "caption": "EMG"}
        assert self.block.render(value).strip() == ""

    def test_preview_uses_the_latest_image(self, image):
        assert self.block.get_preview_value()["image"] == image

    def test_image_is_required(self):
        with pytest.raises(StructBlockValidationError) as excinfo:
            self.block.clean(self.block.to_python({"image": None}))
        assert "image" in excinfo.value.block_errors


class TestQuoteBlock:
    block = QuoteBlock()

    def test_api_and_render(self):
        value = self.block.to_python({"quote": "We are here to help.", "attribution": ""})
        assert self.block.get_api_representation(value) == {
            "quote": "We are here to help.",
            "attribution": "",
        }
        html = self.block.render(value)
        assert "<blockquote><p>We are here to help.</p></blockquote>" in html
        assert "figcaption" not in html

    def test_attribution(self):
        value = self.block.to_python({"quote": "Q", "attribution": "Care Manager"})
        assert "<figcaption>— Care Manager</figcaption>" in self.block.render(value)


@pytest.mark.django_db
class TestEmbedBlock:
    block = EmbedBlock()

    def test_api_is_the_url_when_not_cached_and_never_calls_the_provider(self):
        value = self.block.to_python(VIDEO_URL)
        with mock.patch("wagtail.embeds.embeds.get_finder_for_embed") as finder:
            assert self.block.get_api_representation(value) == {"url": VIDEO_URL}
        finder.assert_not_called()

    def test_api_includes_cached_html(self):
        Embed.objects.create(
            url=VIDEO_URL, hash=get_embed_hash(VIDEO_URL), html=VIDEO_HTML, type="video"
        )
        data = self.block.get_api_representation(self.block.to_python(VIDEO_URL))
        assert data["url"] == VIDEO_URL
        assert VIDEO_HTML in data["html"]

    def test_api_survives_embed_errors(self):
        with mock.patch(
            "wagtail_neuro.blocks.base.cached_embed_html", side_effect=EmbedNotFoundException
        ):
            data = self.block.get_api_representation(self.block.to_python(VIDEO_URL))
        assert data == {"url": VIDEO_URL}

    def test_empty(self):
        assert self.block.get_api_representation(self.block.to_python("")) is None

    def test_render_offline_falls_back_to_a_link(self):
        with mock.patch(
            "wagtail.embeds.embeds.get_finder_for_embed", side_effect=EmbedNotFoundException
        ):
            html = self.block.render(self.block.to_python(VIDEO_URL))
        assert f'<a href="{VIDEO_URL}">{VIDEO_URL}</a>' in html

    def test_render_cached(self):
        Embed.objects.create(
            url=VIDEO_URL, hash=get_embed_hash(VIDEO_URL), html=VIDEO_HTML, type="video"
        )
        assert VIDEO_HTML in self.block.render(self.block.to_python(VIDEO_URL))


def test_rich_text_value_renders_in_paragraph_template():
    assert ParagraphBlock().render(RichText("<p>Hi</p>")).strip() == "<p>Hi</p>"
