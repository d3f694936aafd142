"""The suite's own promise (``tests/conftest.py``): a test finds the database as the migrations
left it, even when a transactional test (``transactional_db``, ``live_server``) ran before it
in the same process and flushed every table.

pytest-django runs database tests first, then transactional ones, then the rest; the last test
here asks for the database only while it runs, so it is sorted after the flushing test, as a
test of the next file is under ``pytest -n 2 --dist loadfile``.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, Locale, Page, Site

from tests.factories import site_home


def migrated_state() -> dict[str, object]:
    site = Site.objects.filter(is_default_site=True).first()
    return {
        "locale": Locale.get_default().language_code,
        "root": [(page.depth, page.title) for page in Page.get_root_nodes()],
        "default site": site and (site.hostname, site.root_page.depth),
        "root collection": Collection.get_first_root_node().name,
        "editor groups": sorted(Group.objects.values_list("name", flat=True)),
    }


MIGRATED: dict[str, object] = {}


@pytest.mark.django_db
def test_the_migrations_state_as_a_database_test_sees_it():
    MIGRATED.update(migrated_state())
    assert MIGRATED["locale"] == "en"
    assert MIGRATED["root"] == [(1, "Root")]
    assert MIGRATED["default site"] == ("localhost", 2)
    assert "Editors" in MIGRATED["editor groups"]


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_that_changes_the_tree():
    site_home()  # a committed HomePage as the default site's root; the flush removes it all
    assert Page.objects.count() > 1


def test_the_next_test_finds_the_migrations_state(request):
    request.getfixturevalue("db")
    assert MIGRATED, "the database test above runs first"
    assert migrated_state() == MIGRATED
    home = site_home()  # and what the tests build on it still works
    assert home.get_parent().depth == 1
