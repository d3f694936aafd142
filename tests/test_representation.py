import datetime

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from tests.testapp.models import HomePage
from wagtail_neuro.representation import image_data, page_data, rich_text_data
from wagtail_neuro.visibility import is_visible


@pytest.fixture
def child(home):
    return home.add_child(instance=HomePage(title="Neuropathy", slug="neuropathy"))


@pytest.fixture
def image(db):
    # Wagtail caches renditions by image id, and ids repeat after each test's rollback
    cache.clear()
    return get_image_model().objects.create(
        title="Nerve conduction study", file=get_test_image_file(size=(640, 480))
    )


@pytest.mark.django_db
class TestPageData:
    def test_live_public_page(self, child):
        assert page_data(child) == {
            "id": child.pk,
            "title": "Neuropathy",
            "url": "/neuropathy/",
            "type": "testapp.HomePage",
        }

    def test_type_is_the_specific_class_even_for_a_plain_page(self, child):
        plain = Page.objects.get(pk=child.pk)
        assert type(plain) is Page
        assert page_data(plain)["type"] == "testapp.HomePage"

    def test_none(self):
        assert page_data(None) is None
        assert not is_visible(None)

    def test_draft_is_hidden(self, home):
        draft = home.add_child(instance=HomePage(title="Draft", slug="draft", live=False))
        assert page_data(draft) is None

    def test_expired_is_hidden(self, child):
        child.expired = True
        child.save()
        assert page_data(child) is None

    def test_past_expiry_is_hidden_before_the_unpublish_job_runs(self, child):
        child.expire_at = timezone.now() - datetime.timedelta(minutes=1)
        child.save()
        assert child.live and not child.expired
        assert page_data(child) is None

    def test_future_expiry_is_shown(self, child):
        child.expire_at = timezone.now() + datetime.timedelta(days=1)
        child.save()
        assert page_data(child) is not None

    @pytest.mark.parametrize(
        ("restriction_type", "extra"),
        [
            (PageViewRestriction.PASSWORD, {"password": "secret"}),
            (PageViewRestriction.LOGIN, {}),
            (PageViewRestriction.GROUPS, {}),
        ],
    )
    def test_view_restriction_on_the_page(self, child, restriction_type, extra):
        PageViewRestriction.objects.create(page=child, restriction_type=restriction_type, **extra)
        assert page_data(child) is None

    def test_view_restriction_on_an_ancestor(self, child):
        grandchild = child.add_child(instance=HomePage(title="Lupus", slug="lupus"))
        assert page_data(grandchild) is not None
        PageViewRestriction.objects.create(page=child, restriction_type=PageViewRestriction.LOGIN)
        assert page_data(grandchild) is None

    def test_a_public_restriction_row_does_not_hide(self, child):
        PageViewRestriction.objects.create(page=child, restriction_type=PageViewRestriction.NONE)
        assert page_data(child) is not None

    def test_full_url_when_the_request_is_on_another_site(self, child, rf):
        request = rf.get("/", HTTP_HOST="other.example")
        assert page_data(child, request=request)["url"] in (
            "/neuropathy/",
            "http://testserver/neuropathy/",
        )


@pytest.mark.django_db
class TestRichTextData:
    def test_page_link_is_expanded(self, child):
        html = f'<p>See <a linktype="page" id="{child.pk}">neuropathy</a>.</p>'
        assert rich_text_data(html) == '<p>See <a href="/neuropathy/">neuropathy</a>.</p>'

    def test_rich_text_value(self, child):
        value = RichText(f'<p><a linktype="page" id="{child.pk}">x</a></p>')
        assert rich_text_data(value) == '<p><a href="/neuropathy/">x</a></p>'

    def test_document_link(self):
        document = get_document_model().objects.create(title="Leaflet", file="leaflet.pdf")
        html = rich_text_data(f'<a linktype="document" id="{document.pk}">leaflet</a>')
        assert "linktype" not in html
        assert f'href="/documents/{document.pk}/leaflet.pdf"' in html

    def test_image_embed(self, image):
        html = rich_text_data(
            f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt="Study"/>'
        )
        assert html.startswith("<img ")
        assert 'alt="Study"' in html
        assert "embedtype" not in html

    def test_media_embed_from_the_cache_without_network(self):
        url = "https://www.youtube.com/watch?v=Y8oAqm9bnTc"
        Embed.objects.create(
            url=url,
            hash=get_embed_hash(url),
            html='<iframe src="https://www.youtube.com/embed/Y8oAqm9bnTc"></iframe>',
            type="video",
        )
        html = rich_text_data(f'<embed embedtype="media" url="{url}"/>')
        assert '<iframe src="https://www.youtube.com/embed/Y8oAqm9bnTc"></iframe>' in html
        assert "embedtype" not in html

    def test_broken_page_link_keeps_the_text(self):
        assert rich_text_data('<a linktype="page" id="999999">gone</a>') == "<a>gone</a>"

    @pytest.mark.parametrize("value", [None, "", RichText(""), RichText(None)])
    def test_empty(self, value):
        assert rich_text_data(value) == ""


@pytest.mark.django_db
class TestImageData:
    def test_fields_and_renditions(self, image):
        data = image_data(image)
        assert data["id"] == image.pk
        assert data["title"] == "Nerve conduction study"
        assert data["alt"] == "Nerve conduction study"
        assert (data["width"], data["height"]) == (640, 480)
        assert data["url"] == image.file.url
        assert set(data["renditions"]) == {"thumbnail", "medium", "large"}
        assert data["renditions"]["thumbnail"]["width"] == 400
        assert data["renditions"]["thumbnail"]["height"] == 300
        assert data["renditions"]["medium"]["width"] == 640  # max-800x600 never upscales
        assert data["renditions"]["medium"]["url"].endswith(".png")

    def test_alt_comes_from_the_description(self, image):
        image.description = "A clinician testing nerve conduction in a patient's arm"
        image.save()
        assert image_data(image)["alt"] == image.description

    @override_settings(WAGTAIL_NEURO_IMAGE_RENDITIONS={"square": "fill-100x100"})
    def test_renditions_follow_the_setting(self, image):
        renditions = image_data(image)["renditions"]
        assert list(renditions) == ["square"]
        assert renditions["square"]["width"] == renditions["square"]["height"] == 100

    @override_settings(WAGTAIL_NEURO_IMAGE_RENDITIONS={})
    def test_no_renditions(self, image):
        assert image_data(image)["renditions"] == {}

    def test_missing_file_keeps_the_metadata(self, image):
        image.file.storage.delete(image.file.name)
        data = image_data(get_image_model().objects.get(pk=image.pk))
        assert data["title"] == "Nerve conduction study"
        assert data["renditions"] == {}

    def test_none(self):
        assert image_data(None) is None
