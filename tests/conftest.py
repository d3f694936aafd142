"""Shared fixtures: one site tree (Home → Blog, Home → Conditions) built per test.

Data a whole module only reads is built once with ``tests.shared_data.build_once``.

The suite runs on two processes (``make test``: ``pytest -n 2 --dist loadfile``, pytest-xdist),
so each process runs whole test files, one after another, in one test database. Two things
make that safe; both work the same when the suite runs in one process:

* a transactional test (``transactional_db``, ``live_server``) ends with a flush that also
  removes what Wagtail's migrations created (the default locale, the root and welcome pages,
  the default site, the root collection, the editor groups); :func:`pytest_runtest_teardown`
  puts that initial data back, so the next file's tests find the database as migrated;
* files that share something outside the test database (a Redis database a test flushes)
  run in one process, one after another (:data:`SHARED_RESOURCES`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import shared_data
from tests.factories import ArticleIndexPageFactory, ConditionIndexPageFactory, site_home
from tests.receiver import Receiver, serve

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"

# Live servers (the browser tests) on a free port: two processes cannot share a fixed one.
os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost:0")

#: Test files that share a resource outside the test database, by the name of that resource:
#: the files of one resource run in the same process, one after the other. Redis db 5 is the
#: response cache of the caching tests (whose teardown flushes it), of the fast-path tests and
#: of the two gunicorn servers.
SHARED_RESOURCES: dict[str, str] = {
    "tests/api/rest/test_caching.py": "redis-db-5",
    "tests/performance/test_fast_path.py": "redis-db-5",
    "tests/performance/test_two_servers.py": "redis-db-5",
}


#: Units handed out first, in this order: each spends a minute or more mostly waiting on
#: servers, subprocesses or a browser, so started early the other process runs the many small
#: files meanwhile instead of idling at the end. (Only the order changes: a file missing here
#: just starts later, by its number of tests.)
START_FIRST: tuple[str, ...] = (
    "redis-db-5",
    "tests/example_site/test_settings.py",
    "tests/contract/test_schemathesis.py",
    "tests/browser/test_editor_journeys.py",
    "tests/security/test_production_protection.py",
    "tests/fuzz/test_graphql_fuzz.py",
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadfile``, except that the files in :data:`SHARED_RESOURCES` form one unit and
    the units in :data:`START_FIRST` are handed out before the others."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SharedResourceScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = super()._split_scope(nodeid)
            return SHARED_RESOURCES.get(path, path)

        def _assign_work_unit(self, node: Any) -> None:
            first = next((scope for scope in START_FIRST if scope in self.workqueue), None)
            if first is not None:
                self.workqueue.move_to_end(first, last=False)
            super()._assign_work_unit(node)

    return SharedResourceScheduling(config, log)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The test databases as migrated, plus a snapshot of what the migrations put in them."""
    with django_db_blocker.unblock():
        shared_data.snapshot_initial_data()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """After the test's fixtures are torn down: if a transactional test flushed a database,
    put the migrations' data back (see the module docstring)."""
    result = yield
    if nextitem is not None:  # after the last test the databases are being dropped
        shared_data.restore_initial_data_if_flushed(item.config)
    return result


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that read it skip cleanly when it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"../shared is not present beside the checkout (looked in {SHARED_DIR})")
    return SHARED_DIR


@pytest.fixture
def home(db):
    """A HomePage as the default site's root, replacing Wagtail's welcome page."""
    return site_home()


@pytest.fixture
def blog(home):
    return ArticleIndexPageFactory(parent=home)


@pytest.fixture
def conditions_index(home):
    return ConditionIndexPageFactory(parent=home)


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", email="admin@example.com", password="unused"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A real HTTP server on a loopback port that records webhooks and PURGEs."""
    with serve() as state:
        yield state


#: Redis for the tests that need a shared cache: database 5, kept apart from development data.
REDIS_TEST_URL = "redis://127.0.0.1:6379/5"


@pytest.fixture
def redis_response_cache(settings) -> Iterator[Any]:
    """A Redis cache (db 5, a key prefix of this test's own) as the response cache; skips when
    Redis does not answer."""
    import secrets

    from django.core.cache import caches

    from benchmarks.servers import redis_available
    from wagtail_neuro.cache.responses import local_copies

    if not redis_available(REDIS_TEST_URL):
        pytest.skip(f"Redis does not answer at {REDIS_TEST_URL}")
    settings.CACHES = {
        **settings.CACHES,
        "shared": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_TEST_URL,
            "KEY_PREFIX": "test-" + secrets.token_hex(4),
        },
    }
    settings.WAGTAIL_NEURO_RESPONSE_CACHE = "shared"
    local_copies.clear()
    yield caches["shared"]
    caches["shared"].clear()
