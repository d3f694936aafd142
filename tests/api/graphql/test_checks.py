"""System checks for the GraphQL settings (``wagtail_neuro.E040`` … ``E048``)."""

from __future__ import annotations

import pytest

from wagtail_neuro.checks import check_graphql_settings


def ids(settings_overrides, settings) -> list[str]:
    for name, value in settings_overrides.items():
        setattr(settings, f"WAGTAIL_NEURO_{name}", value)
    return [error.id for error in check_graphql_settings()]


def test_defaults_pass(settings):
    assert check_graphql_settings() == []


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"GRAPHQL_MAX_DEPTH": 0}, "wagtail_neuro.E040"),
        ({"GRAPHQL_MAX_ALIASES": "20"}, "wagtail_neuro.E041"),
        ({"GRAPHQL_MAX_FIELDS": -1}, "wagtail_neuro.E042"),
        ({"GRAPHQL_MAX_TOKENS": None}, "wagtail_neuro.E043"),
        ({"GRAPHQL_DEFAULT_LIMIT": 0}, "wagtail_neuro.E044"),
        ({"GRAPHQL_MAX_LIMIT": True}, "wagtail_neuro.E045"),
        ({"PREVIEW_TOKEN_MAX_AGE": 0}, "wagtail_neuro.E046"),
        ({"GRAPHQL_DEFAULT_LIMIT": 50, "GRAPHQL_MAX_LIMIT": 10}, "wagtail_neuro.E047"),
        ({"GRAPHQL_ORDER_FIELDS": ["owner__password"]}, "wagtail_neuro.E048"),
        ({"GRAPHQL_ORDER_FIELDS": "title"}, "wagtail_neuro.E048"),
    ],
)
def test_bad_values_are_reported(settings, overrides, expected):
    assert ids(overrides, settings) == [expected]
