"""Settings are read live, so override_settings works and defaults live in one place."""

from django.test import override_settings

from wagtail_neuro.conf import DEFAULTS, neuro_settings


def test_every_default_has_a_typed_property():
    for name, default in DEFAULTS.items():
        assert getattr(neuro_settings, name) == default


def test_settings_are_read_live():
    with override_settings(WAGTAIL_NEURO_ARTICLES_PER_PAGE=3):
        assert neuro_settings.ARTICLES_PER_PAGE == 3
    assert DEFAULTS["ARTICLES_PER_PAGE"] == neuro_settings.ARTICLES_PER_PAGE
