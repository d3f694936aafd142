"""The structured-data and review settings: defaults, and system checks for bad values."""

from __future__ import annotations

import pytest
from django.test import override_settings

from wagtail_neuro.checks import check_structured_data_settings
from wagtail_neuro.conf import neuro_settings


def test_defaults():
    assert neuro_settings.ARTICLE_SCHEMA_TYPE == "BlogPosting"
    assert neuro_settings.REVIEW_INTERVAL_MONTHS == 12
    assert neuro_settings.REVIEW_DUE_SOON_DAYS == 30
    assert check_structured_data_settings() == []


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("WAGTAIL_NEURO_ARTICLE_SCHEMA_TYPE", "NewsArticle", "wagtail_neuro.E120"),
        ("WAGTAIL_NEURO_REVIEW_INTERVAL_MONTHS", 0, "wagtail_neuro.E121"),
        ("WAGTAIL_NEURO_REVIEW_INTERVAL_MONTHS", "12", "wagtail_neuro.E121"),
        ("WAGTAIL_NEURO_REVIEW_DUE_SOON_DAYS", -1, "wagtail_neuro.E122"),
        ("WAGTAIL_NEURO_REVIEW_DUE_SOON_DAYS", True, "wagtail_neuro.E122"),
    ],
)
def test_bad_values_are_system_check_errors(name, value, check_id):
    with override_settings(**{name: value}):
        assert [error.id for error in check_structured_data_settings()] == [check_id]


@override_settings(WAGTAIL_NEURO_ARTICLE_SCHEMA_TYPE="MedicalScholarlyArticle")
def test_medical_scholarly_article_is_allowed():
    assert check_structured_data_settings() == []
