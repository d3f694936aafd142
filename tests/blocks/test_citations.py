import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from wagtail_neuro.blocks import (
    doi_url,
    format_ama,
    format_apa,
    format_citation,
    get_citation_formatter,
    parse_authors,
    pmid_url,
)

MAYO_URL = "https://www.mayoclinic.org/diseases-conditions/neuropathy/symptoms-causes/syc-20350105"
NINDS_URL = "https://www.ninds.nih.gov/Disorders/All-Disorders/Neuropathy-Information-Page"

WEB_PAGE = {
    "title": "Peripheral neuropathy: Symptoms and causes",
    "url": MAYO_URL,
    "source": "Mayo Clinic",
    "authors": [],
    "publication_date": None,
    "accessed_date": "2025-05-01",
    "doi": "",
    "pmid": "",
}
ARTICLE = {
    "title": "Autoimmune neuropathies",
    "url": "https://example.org/article",
    "source": "Neurology",
    "authors": ["Smith J", "Doe AB"],
    "publication_date": "2024-08-19",
    "accessed_date": "2025-05-01",
    "doi": "10.1212/WNL.0000000000001234",
    "pmid": "31483436",
}


class TestParseAuthors:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("Smith J, Doe A", ["Smith J", "Doe A"]),
            ("Smith J\nDoe A\n\n", ["Smith J", "Doe A"]),
            ("Smith J; Doe A", ["Smith J", "Doe A"]),
            (["Smith J", " "], ["Smith J"]),
            ("", []),
            (None, []),
        ],
    )
    def test_split(self, value, expected):
        assert parse_authors(value) == expected


def test_links():
    assert doi_url("doi:10.1000/182") == "https://doi.org/10.1000/182"
    assert doi_url("") is None
    assert pmid_url("PMID: 31483436") == "https://pubmed.ncbi.nlm.nih.gov/31483436/"
    assert pmid_url(None) is None


class TestAma:
    def test_web_page_with_access_date(self):
        assert format_ama(WEB_PAGE) == (
            f"Peripheral neuropathy: Symptoms and causes. Mayo Clinic. Accessed May 1, 2025. "
            f"{MAYO_URL}"
        )

    def test_journal_article_uses_doi_not_url_or_access_date(self):
        assert format_ama(ARTICLE) == (
            "Smith J, Doe AB. Autoimmune neuropathies. Neurology. Published August 19, 2024. "
            "doi:10.1212/WNL.0000000000001234"
        )

    def test_more_than_six_authors_become_three_and_et_al(self):
        ref = {**ARTICLE, "authors": [f"Author{n} A" for n in range(7)]}
        assert format_ama(ref).startswith("Author0 A, Author1 A, Author2 A, et al. Autoimmune")

    def test_six_authors_are_all_listed(self):
        ref = {**ARTICLE, "authors": [f"Author{n} A" for n in range(6)]}
        assert format_ama(ref).startswith(
            "Author0 A, Author1 A, Author2 A, Author3 A, Author4 A, Author5 A. Autoimmune"
        )

    def test_title_ending_in_question_mark_gets_no_period(self):
        ref = {"title": "What is Neuropathy?", "url": NINDS_URL}
        assert format_ama(ref) == f"What is Neuropathy? {NINDS_URL}"

    def test_only_a_url_formats_as_the_url(self):
        assert format_ama({"url": NINDS_URL}) == NINDS_URL

    def test_only_a_doi(self):
        assert format_ama({"doi": "https://doi.org/10.1000/182"}) == "doi:10.1000/182"

    def test_only_a_pmid(self):
        assert format_ama({"pmid": "31483436"}) == "PMID: 31483436"

    def test_pmid_when_there_is_no_doi_or_url(self):
        ref = {"title": "A study", "source": "JAMA", "pmid": "123"}
        assert format_ama(ref) == "A study. JAMA. PMID: 123"

    def test_date_objects_and_raw_author_text_are_accepted(self):
        ref = {
            **ARTICLE,
            "authors": "Smith J, Doe AB",
            "publication_date": datetime.date(2024, 8, 19),
        }
        assert format_ama(ref) == format_ama(ARTICLE)

    def test_bad_date_is_left_out(self):
        ref = {**WEB_PAGE, "accessed_date": "not a date"}
        assert "Accessed" not in format_ama(ref)


class TestApa:
    def test_journal_article(self):
        assert format_apa(ARTICLE) == (
            "Smith, J., & Doe, A. B. (2024, August 19). Autoimmune neuropathies. Neurology. "
            "https://doi.org/10.1212/WNL.0000000000001234"
        )

    def test_undated_web_page_without_author(self):
        assert format_apa(WEB_PAGE) == (
            "Peripheral neuropathy: Symptoms and causes. (n.d.). Mayo Clinic. "
            f"Retrieved May 1, 2025, from {MAYO_URL}"
        )

    def test_dated_web_page_drops_the_retrieval_date(self):
        ref = {**WEB_PAGE, "publication_date": "2024-08-19"}
        assert format_apa(ref) == (
            "Peripheral neuropathy: Symptoms and causes. (2024, August 19). Mayo Clinic. "
            f"{MAYO_URL}"
        )

    def test_one_author_and_organisation_names(self):
        ref = {**ARTICLE, "authors": ["National Institute of Neurological Disorders and Stroke"]}
        assert format_apa(ref).startswith(
            "National Institute of Neurological Disorders and Stroke. (2024, August 19)."
        )

    def test_site_name_dropped_when_it_is_the_author(self):
        ref = {**WEB_PAGE, "authors": ["Mayo Clinic"], "publication_date": "2024-08-19"}
        assert format_apa(ref) == (
            "Mayo Clinic. (2024, August 19). Peripheral neuropathy: Symptoms and causes. "
            f"{MAYO_URL}"
        )

    def test_three_authors(self):
        ref = {**ARTICLE, "authors": ["Smith J", "Doe A", "Roe R"]}
        assert format_apa(ref).startswith("Smith, J., Doe, A., & Roe, R. (2024")

    def test_more_than_twenty_authors(self):
        ref = {**ARTICLE, "authors": [f"Author{n} A" for n in range(25)]}
        authors = format_apa(ref).split(" (2024")[0]
        assert authors.startswith("Author0, A., ")
        assert "Author18, A., . . . Author24, A." in authors
        assert "Author19" not in authors

    def test_source_leads_when_there_is_no_author_or_title(self):
        assert format_apa({"source": "Mayo Clinic", "url": MAYO_URL}) == (
            f"Mayo Clinic. (n.d.). {MAYO_URL}"
        )

    def test_only_a_url_or_doi(self):
        assert format_apa({"url": NINDS_URL}) == NINDS_URL
        assert format_apa({"doi": "doi:10.1000/182"}) == "https://doi.org/10.1000/182"


class TestConfiguredStyle:
    def test_default_is_ama(self):
        assert get_citation_formatter() is format_ama
        assert format_citation(ARTICLE) == format_ama(ARTICLE)

    @override_settings(WAGTAIL_NEURO_CITATION_STYLE="apa")
    def test_apa_setting(self):
        assert format_citation(ARTICLE) == format_apa(ARTICLE)

    @override_settings(WAGTAIL_NEURO_CITATION_STYLE="APA")
    def test_style_names_ignore_case(self):
        assert get_citation_formatter() is format_apa

    @override_settings(WAGTAIL_NEURO_CITATION_STYLE="tests.blocks.citation_styles.shout")
    def test_dotted_path_to_a_callable(self):
        assert format_citation(ARTICLE) == "AUTOIMMUNE NEUROPATHIES"

    def test_explicit_style_argument_wins(self):
        assert format_citation(ARTICLE, style="apa") == format_apa(ARTICLE)

    @pytest.mark.parametrize(
        "style", ["vancouver", "tests.blocks.citation_styles.missing", "no.such.module.fn"]
    )
    def test_unknown_style(self, style):
        with pytest.raises(ImproperlyConfigured, match="'ama', 'apa' or the dotted path"):
            get_citation_formatter(style)

    def test_not_callable(self):
        with pytest.raises(ImproperlyConfigured, match="not point to a callable"):
            get_citation_formatter("tests.blocks.citation_styles.NOT_CALLABLE")
