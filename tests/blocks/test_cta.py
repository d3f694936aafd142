import pytest
from wagtail.blocks import StructBlockValidationError
from wagtail.models import PageViewRestriction

from wagtail_neuro.blocks import CallToActionBlock

block = CallToActionBlock()

BASE = {
    "heading": "Beginning steps to normal, pain-free living",
    "text": "We offer an evidenced based, non-invasive neuropathy protocol.",
    "button_label": "Book appointment",
}


def errors_of(raw):
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python(raw))
    return excinfo.value.block_errors


@pytest.mark.django_db
class TestValidation:
    def test_url_only(self):
        cleaned = block.clean(block.to_python({**BASE, "link_url": "https://example.com/book"}))
        assert cleaned["link_url"] == "https://example.com/book"

    def test_page_only(self, page):
        cleaned = block.clean(block.to_python({**BASE, "link_page": page.pk}))
        assert cleaned["link_page"].pk == page.pk

    def test_neither_link(self):
        errors = errors_of(BASE)
        assert set(errors) == {"link_page", "link_url"}
        assert "choose a page or enter a URL (exactly one)" in errors["link_url"].messages[0]

    def test_both_links(self, page):
        errors = errors_of({**BASE, "link_page": page.pk, "link_url": "https://example.com/"})
        assert list(errors) == ["link_url"]
        assert errors["link_url"].messages == [
            "Choose a page or enter a URL, not both: clear one of them."
        ]

    def test_javascript_url_is_refused(self):
        errors = errors_of({**BASE, "link_url": "javascript:alert(1)"})
        assert "link_url" in errors

    def test_button_label_defaults(self):
        assert block.get_default()["button_label"] == "Book appointment"


@pytest.mark.django_db
class TestApi:
    def test_url(self):
        value = block.to_python({**BASE, "link_url": "https://example.com/book"})
        assert block.get_api_representation(value) == {
            "heading": "Beginning steps to normal, pain-free living",
            "text": "We offer an evidenced based, non-invasive neuropathy protocol.",
            "button_label": "Book appointment",
            "url": "https://example.com/book",
        }

    def test_live_page(self, page):
        value = block.to_python({**BASE, "link_page": page.pk})
        assert block.get_api_representation(value)["url"] == "/book/"

    def test_draft_page_gives_no_url(self, draft_page):
        value = block.to_python({**BASE, "link_page": draft_page.pk})
        assert block.get_api_representation(value)["url"] is None
        assert "<a " not in block.render(value)

    def test_private_page_gives_no_url(self, page):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        value = block.to_python({**BASE, "link_page": page.pk})
        assert block.get_api_representation(value)["url"] is None

    def test_render(self, page):
        html = block.render(block.to_python({**BASE, "link_page": page.pk}))
        assert '<aside class="call-to-action">' in html
        assert "<h2>Beginning steps to normal, pain-free living</h2>" in html
        assert '<a class="call-to-action__button" href="/book/">Book appointment</a>' in html
