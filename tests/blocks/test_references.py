import datetime

import pytest
from django.test import override_settings
from wagtail.blocks import StructBlockValidationError

from wagtail_neuro.blocks import ReferenceCitationBlock, ReferencesBlock, citation_html

MAYO_URL = "https://www.mayoclinic.org/diseases-conditions/neuropathy/symptoms-causes/syc-20350105"
NINDS_URL = "https://www.ninds.nih.gov/Disorders/All-Disorders/Neuropathy-Information-Page"

block = ReferenceCitationBlock()

FULL = {
    "title": "Autoimmune neuropathies",
    "url": "https://example.org/article",
    "source": "Neurology",
    "authors": "Smith J, Doe A",
    "publication_date": "2024-08-19",
    "accessed_date": "2025-05-01",
    "doi": "https://doi.org/10.1212/WNL.0000000000001234",
    "pmid": "PMID: 31483436",
}


def clean(raw):
    return block.clean(block.to_python(raw))


def errors_of(raw):
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(raw)
    return excinfo.value


class TestValidation:
    def test_url_only_is_enough(self):
        assert clean({"url": NINDS_URL})["url"] == NINDS_URL

    @pytest.mark.parametrize("field", ["title", "doi", "pmid"])
    def test_any_identifying_field_is_enough(self, field):
        clean({field: {"title": "A title", "doi": "10.1000/182", "pmid": "123"}[field]})

    def test_empty_reference_is_refused_with_a_message(self):
        error = errors_of({"source": "Mayo Clinic", "authors": "Smith J"})
        assert error.non_block_errors.as_data()[0].messages == [
            "Give at least a title, a URL, a DOI or a PubMed ID so readers can find this source."
        ]

    @pytest.mark.parametrize(
        "url", ["ftp://example.com/x", "javascript:alert(1)", "mailto:care@example.com"]
    )
    def test_non_web_urls_are_refused(self, url):
        error = errors_of({"title": "x", "url": url})
        assert "url" in error.block_errors
        assert any("http:// or https://" in m for m in error.block_errors["url"].messages)

    def test_bad_doi_names_the_field(self):
        error = errors_of({"title": "x", "doi": "NEJMra1514325"})
        assert list(error.block_errors) == ["doi"]
        assert "10.1056/NEJMra1514325" in error.block_errors["doi"].messages[0]

    def test_bad_pmid_names_the_field(self):
        error = errors_of({"title": "x", "pmid": "123456789"})
        assert list(error.block_errors) == ["pmid"]

    def test_several_problems_reported_at_once(self):
        error = errors_of({"url": "ftp://x.org/", "doi": "bad", "pmid": "x"})
        assert set(error.block_errors) == {"url", "doi", "pmid"}

    def test_clean_normalises_doi_and_pmid(self):
        cleaned = clean(FULL)
        assert cleaned["doi"] == "10.1212/WNL.0000000000001234"
        assert cleaned["pmid"] == "31483436"
        assert block.get_prep_value(cleaned)["doi"] == "10.1212/WNL.0000000000001234"


class TestApi:
    def test_all_fields(self):
        data = block.get_api_representation(block.to_python(FULL))
        assert data == {
            "title": "Autoimmune neuropathies",
            "url": "https://example.org/article",
            "source": "Neurology",
            "authors": ["Smith J", "Doe A"],
            "publication_date": "2024-08-19",
            "accessed_date": "2025-05-01",
            "doi": "10.1212/WNL.0000000000001234",
            "pmid": "31483436",
            "doi_url": "https://doi.org/10.1212/WNL.0000000000001234",
            "pmid_url": "https://pubmed.ncbi.nlm.nih.gov/31483436/",
            "formatted": (
                "Smith J, Doe A. Autoimmune neuropathies. Neurology. Published August 19, 2024. "
                "doi:10.1212/WNL.0000000000001234"
            ),
        }

    def test_url_only(self):
        data = block.get_api_representation(block.to_python({"url": MAYO_URL}))
        assert data["formatted"] == MAYO_URL
        assert data["publication_date"] is None
        assert data["doi_url"] is None and data["pmid_url"] is None
        assert data["authors"] == []

    @override_settings(WAGTAIL_NEURO_CITATION_STYLE="apa")
    def test_style_setting(self):
        data = block.get_api_representation(block.to_python(FULL))
        assert data["formatted"].startswith("Smith, J., & Doe, A. (2024, August 19).")

    def test_dates_from_python_values(self):
        value = block.to_python({"title": "x"})
        value["publication_date"] = datetime.date(2024, 8, 19)
        assert block.get_api_representation(value)["publication_date"] == "2024-08-19"


class TestRender:
    def test_url_and_doi_become_links(self):
        html = block.render(block.to_python(FULL))
        assert (
            '<a href="https://doi.org/10.1212/WNL.0000000000001234">'
            "doi:10.1212/WNL.0000000000001234</a>"
        ) in html

    def test_text_is_escaped(self):
        html = block.render(block.to_python({"title": "<script>x</script>", "url": NINDS_URL}))
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
        assert f'<a href="{NINDS_URL}">{NINDS_URL}</a>' in html

    def test_citation_html_without_links(self):
        assert citation_html("A & B.", url=None, doi=None, doi_link=None) == "A &amp; B."


class TestReferencesBlock:
    stream = ReferencesBlock()
    raw = [
        {"type": "citation", "id": "a", "value": {"url": MAYO_URL}},
        {"type": "citation", "id": "b", "value": {"url": NINDS_URL}},
    ]

    def test_api_numbers_the_citations(self):
        data = self.stream.get_api_representation(self.stream.to_python(self.raw))
        assert [(item["type"], item["id"], item["number"]) for item in data] == [
            ("citation", "a", 1),
            ("citation", "b", 2),
        ]
        assert data[1]["value"]["formatted"] == NINDS_URL

    def test_empty(self):
        assert self.stream.get_api_representation(None) == []
        assert self.stream.get_api_representation(self.stream.to_python([])) == []
        assert self.stream.render(self.stream.to_python([])).strip() == ""

    def test_render_ordered_list_with_anchors(self):
        html = self.stream.render(self.stream.to_python(self.raw))
        assert '<ol class="references">' in html
        assert '<li id="ref-1">' in html
        assert '<li id="ref-2">' in html
        assert html.index(MAYO_URL) < html.index(NINDS_URL)
