"""System checks refuse bad settings with stable ids."""

import pytest
from django.core import checks
from django.test import override_settings

from wagtail_neuro.checks import check_settings


def ids(errors: list[checks.CheckMessage]) -> list[str]:
    return [error.id for error in errors]


def test_default_settings_pass():
    assert check_settings() == []


@pytest.mark.parametrize(
    ("setting", "value", "check_id"),
    [
        ("WAGTAIL_NEURO_ARTICLES_PER_PAGE", 0, "wagtail_neuro.E001"),
        ("WAGTAIL_NEURO_ARTICLES_PER_PAGE", "12", "wagtail_neuro.E001"),
        ("WAGTAIL_NEURO_RELATED_ARTICLES_COUNT", -1, "wagtail_neuro.E002"),
        ("WAGTAIL_NEURO_WORDS_PER_MINUTE", True, "wagtail_neuro.E003"),
        ("WAGTAIL_NEURO_CITATION_STYLE", "chicago", "wagtail_neuro.E004"),
        ("WAGTAIL_NEURO_CITATION_STYLE", "no.such.module.formatter", "wagtail_neuro.E004"),
        ("WAGTAIL_NEURO_HOURS_TIME_FORMAT", "am/pm", "wagtail_neuro.E005"),
        ("WAGTAIL_NEURO_IMAGE_RENDITIONS", {"thumb": 300}, "wagtail_neuro.E006"),
        ("WAGTAIL_NEURO_API_CACHE_MAX_AGE", -1, "wagtail_neuro.E050"),
        ("WAGTAIL_NEURO_API_CACHE_MAX_AGE", "300", "wagtail_neuro.E050"),
        ("WAGTAIL_NEURO_WEBHOOK_URLS", "https://example.com/hook", "wagtail_neuro.E051"),
        ("WAGTAIL_NEURO_WEBHOOK_URLS", ["ftp://example.com/hook"], "wagtail_neuro.E051"),
        ("WAGTAIL_NEURO_WEBHOOK_SECRET", None, "wagtail_neuro.E052"),
        ("WAGTAIL_NEURO_WEBHOOK_TIMEOUT", 0, "wagtail_neuro.E053"),
        ("WAGTAIL_NEURO_WEBHOOK_TIMEOUT", "5", "wagtail_neuro.E053"),
        ("WAGTAIL_NEURO_WEBHOOK_RETRIES", 0, "wagtail_neuro.E054"),
    ],
)
def test_bad_settings_are_reported(setting, value, check_id):
    with override_settings(**{setting: value}):
        assert check_id in ids(check_settings())


def test_webhook_urls_need_a_secret():
    with override_settings(WAGTAIL_NEURO_WEBHOOK_URLS=["https://frontend.example/api/revalidate"]):
        assert "wagtail_neuro.E052" in ids(check_settings())
    with override_settings(
        WAGTAIL_NEURO_WEBHOOK_URLS=["https://frontend.example/api/revalidate"],
        WAGTAIL_NEURO_WEBHOOK_SECRET="a-long-random-string",
        WAGTAIL_NEURO_WEBHOOK_TIMEOUT=2.5,
    ):
        assert check_settings() == []


def test_a_dotted_path_citation_style_is_accepted():
    with override_settings(WAGTAIL_NEURO_CITATION_STYLE="wagtail_neuro.blocks.format_apa"):
        assert "wagtail_neuro.E004" not in ids(check_settings())


def test_checks_run_with_djangos_registry():
    with override_settings(WAGTAIL_NEURO_ARTICLES_PER_PAGE=0):
        assert "wagtail_neuro.E001" in ids(checks.run_checks())


@pytest.mark.parametrize(
    ("setting", "value", "check_id"),
    [
        ("WAGTAIL_NEURO_GRAPHQL_MAX_COST", 0, "wagtail_neuro.E070"),
        ("WAGTAIL_NEURO_GRAPHQL_COST_LIST_SIZE", "5", "wagtail_neuro.E071"),
        ("WAGTAIL_NEURO_GRAPHQL_MAX_BODY_SIZE", -1, "wagtail_neuro.E072"),
        ("WAGTAIL_NEURO_GRAPHQL_MAX_SRCSET_SIZES", None, "wagtail_neuro.E073"),
        ("WAGTAIL_NEURO_GRAPHQL_INTROSPECTION", "yes", "wagtail_neuro.E074"),
        ("WAGTAIL_NEURO_GRAPHQL_SUGGESTIONS", 1, "wagtail_neuro.E074"),
        ("WAGTAIL_NEURO_GRAPHQL_IMAGE_FILTERS", "width-640", "wagtail_neuro.E075"),
        ("WAGTAIL_NEURO_GRAPHQL_SRCSET_WIDTHS", [640, "960"], "wagtail_neuro.E076"),
        ("WAGTAIL_NEURO_THROTTLE_RATES", {"rest": "300/fortnight"}, "wagtail_neuro.E077"),
        ("WAGTAIL_NEURO_THROTTLE_RATES", {"admin": "3/second"}, "wagtail_neuro.E077"),
        ("WAGTAIL_NEURO_THROTTLE_RATES", "300/minute", "wagtail_neuro.E077"),
        ("WAGTAIL_NEURO_THROTTLE_TRUSTED_PROXIES", -1, "wagtail_neuro.E078"),
        ("WAGTAIL_NEURO_THROTTLE_CACHE", "nowhere", "wagtail_neuro.E079"),
    ],
)
def test_bad_api_protection_settings_are_reported(setting, value, check_id):
    from wagtail_neuro.checks import check_api_protection

    assert check_api_protection() == []
    with override_settings(**{setting: value}):
        assert check_id in ids(check_api_protection())
