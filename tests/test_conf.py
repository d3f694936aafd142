"""Settings are read live, so override_settings works and defaults live in one place."""

from django.test import override_settings

from wagtail_neuro.conf import DEFAULTS, neuro_settings

#: Settings whose default ``None`` means "follow DEBUG": the property gives the effective value.
FOLLOW_DEBUG = ("GRAPHQL_INTROSPECTION", "GRAPHQL_SUGGESTIONS")


def test_every_default_has_a_typed_property():
    for name, default in DEFAULTS.items():
        if name not in FOLLOW_DEBUG:
            assert getattr(neuro_settings, name) == default


def test_introspection_and_suggestions_follow_debug_by_default(settings):
    for name in FOLLOW_DEBUG:
        assert DEFAULTS[name] is None
        settings.DEBUG = False
        assert getattr(neuro_settings, name) is False
        settings.DEBUG = True
        assert getattr(neuro_settings, name) is True
        setattr(settings, f"WAGTAIL_NEURO_{name}", False)
        assert getattr(neuro_settings, name) is False


def test_settings_are_read_live():
    with override_settings(WAGTAIL_NEURO_ARTICLES_PER_PAGE=3):
        assert neuro_settings.ARTICLES_PER_PAGE == 3
    assert DEFAULTS["ARTICLES_PER_PAGE"] == neuro_settings.ARTICLES_PER_PAGE
