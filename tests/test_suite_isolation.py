"""The suite's own promise (``tests/conftest.py``): a test finds the database as the migrations
left it, even when a transactional test (``transactional_db``, ``live_server``) ran before it
in the same process and flushed every table.

And the live server's requests stay inside the test that uses it: one still running when its
test ends finishes before the database is flushed, and one from a page of a finished test
(Wagtail's editing-session release beacon, sent when the browser page closes) does not touch
the database.

pytest-django runs database tests first, then transactional ones, then the rest; the last tests
here ask for the database only while they run, so they are sorted after the flushing tests, as
a test of the next file is under ``pytest -n 2 --dist loadfile``.
"""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.core.signals import request_started
from django.db.models.signals import post_migrate
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


# ------------------------------------------- a live-server request outliving its test

LATE_PATH = "/a-request-still-running-when-its-test-ends/"
LATE_GROUP = "written by a request of a finished test"
LATE: dict[str, Any] = {"events": []}
TEST_ENDED = threading.Event()
FLUSHED = threading.Event()
ENTERED = threading.Event()


def late_write(sender: Any, environ: dict[str, Any], **kwargs: Any) -> None:
    """In the live server's request thread: a request to :data:`LATE_PATH` waits until its
    test has ended, then (when the flush is already done, at once; otherwise after a second,
    the flush waiting for it) writes a row."""
    if environ.get("PATH_INFO") != LATE_PATH:
        return
    ENTERED.set()
    TEST_ENDED.wait(30)
    FLUSHED.wait(1)
    Group.objects.create(name=LATE_GROUP)
    LATE["events"].append("the request wrote")


def flushed(sender: Any, **kwargs: Any) -> None:
    if not FLUSHED.is_set():  # post_migrate comes once per app
        LATE["events"].append("the database was flushed")
        FLUSHED.set()


def fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.django_db(transaction=True)
def test_a_request_still_running_when_its_live_server_test_ends(live_server, request):
    request_started.connect(late_write, dispatch_uid="test_suite_isolation.late_write")
    post_migrate.connect(flushed, dispatch_uid="test_suite_isolation.flushed")
    LATE["url"] = live_server.url + LATE_PATH
    LATE["thread"] = threading.Thread(target=lambda: LATE.update(status=fetch(LATE["url"])))
    LATE["thread"].start()
    assert ENTERED.wait(30), "the request reached the live server's Django"
    request.addfinalizer(TEST_ENDED.set)  # the first thing the teardown does


def test_the_late_request_wrote_before_the_flush_and_later_ones_not_at_all(request):
    request.getfixturevalue("db")
    assert "thread" in LATE, "the live-server test above runs first"
    LATE["thread"].join(60)
    try:
        assert LATE["events"] == ["the request wrote", "the database was flushed"]
        assert LATE["status"] == 404  # no view at that path; it wrote before
        # a page of a finished test asks again: refused before Django, nothing written
        assert fetch(LATE["url"]) == 503
        assert not Group.objects.filter(name=LATE_GROUP).exists()
        assert migrated_state() == MIGRATED
    finally:
        request_started.disconnect(dispatch_uid="test_suite_isolation.late_write")
        post_migrate.disconnect(dispatch_uid="test_suite_isolation.flushed")
