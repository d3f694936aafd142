import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from wagtail_neuro.blocks import (
    normalize_doi,
    normalize_pmid,
    validate_doi,
    validate_http_url,
    validate_pmid,
)

registrant = st.integers(min_value=1000, max_value=999_999_999).map(str)
suffix = st.text(
    alphabet=st.characters(min_codepoint=33, max_codepoint=126, exclude_characters="%"),
    min_size=1,
    max_size=40,
)
dois = st.builds(lambda r, s: f"10.{r}/{s}", registrant, suffix)
prefixes = st.sampled_from(
    [
        "",
        "doi:",
        "DOI: ",
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "doi.org/",
        "  https://doi.org/",
    ]
)


class TestNormalizeDoi:
    @given(doi=dois, prefix=prefixes)
    def test_prefixes_are_removed_and_suffix_kept(self, doi, prefix):
        assert normalize_doi(f"{prefix}{doi} ") == doi

    @given(doi=dois, prefix=prefixes)
    def test_idempotent(self, doi, prefix):
        once = normalize_doi(prefix + doi)
        assert normalize_doi(once) == once

    @given(doi=dois, prefix=prefixes)
    def test_pasted_forms_validate(self, doi, prefix):
        validate_doi(prefix + doi)

    def test_percent_encoded_resolver_link(self):
        assert normalize_doi("https://doi.org/10.1000%2F182") == "10.1000/182"

    def test_case_of_the_suffix_is_kept(self):
        assert normalize_doi("DOI:10.1056/NEJMra1514325") == "10.1056/NEJMra1514325"

    @pytest.mark.parametrize("value", [None, "", "   "])
    def test_empty(self, value):
        assert normalize_doi(value) == ""


class TestValidateDoi:
    @pytest.mark.parametrize(
        "value",
        ["10.1056/NEJMra1514325", "10.1000.10/123", "https://doi.org/10.1001/jama.2019.1234", ""],
    )
    def test_valid(self, value):
        validate_doi(value)

    @pytest.mark.parametrize(
        "value",
        ["NEJMra1514325", "10.12/abc", "10.1056", "10.1056/", "10.1056/has space", "11.1234/x"],
    )
    def test_invalid_says_what_to_type(self, value):
        with pytest.raises(ValidationError) as excinfo:
            validate_doi(value)
        assert "10.1056/NEJMra1514325" in excinfo.value.messages[0]
        assert excinfo.value.code == "invalid_doi"


class TestPmid:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [("31483436", "31483436"), ("PMID: 31483436", "31483436"), (" pmid 1 ", "1")],
    )
    def test_normalize(self, value, expected):
        assert normalize_pmid(value) == expected

    @pytest.mark.parametrize("value", ["1", "12345678", "PMID:123", ""])
    def test_valid(self, value):
        validate_pmid(value)

    @pytest.mark.parametrize("value", ["123456789", "12a4", "12 34", "-1"])
    def test_invalid(self, value):
        with pytest.raises(ValidationError, match="1 to 8 digits"):
            validate_pmid(value)

    @given(st.integers(min_value=0, max_value=99_999_999))
    def test_any_eight_digit_number(self, number):
        validate_pmid(str(number))


class TestHttpUrl:
    @pytest.mark.parametrize(
        "value",
        ["https://www.ninds.nih.gov/", "http://example.com/page?x=1", "HTTPS://EXAMPLE.COM", ""],
    )
    def test_valid(self, value):
        validate_http_url(value)

    @pytest.mark.parametrize(
        "value",
        [
            "ftp://example.com/file",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "mailto:care@example.com",
            "//example.com/page",
            "/relative/path",
            "https://",
            "data:text/html,hi",
        ],
    )
    def test_invalid(self, value):
        with pytest.raises(ValidationError, match="http:// or https://"):
            validate_http_url(value)
