"""Shared fixtures: one site tree (Home → Blog, Home → Conditions) built per test.

Data a whole module only reads is built once with ``tests.shared_data.build_once``.

The suite runs on two processes (``make test``: ``pytest -n 2 --dist loadfile``, pytest-xdist),
so each process runs whole test files, one after another, in one test database. What makes
that safe works the same when the suite runs in one process:

* a transactional test (``transactional_db``, ``live_server``) ends with a flush that also
  removes what Wagtail's migrations created (the default locale, the root and welcome pages,
  the default site, the root collection, the editor groups); :func:`pytest_runtest_teardown`
  puts that initial data back and checks every table holds what it held after the migrations,
  so the next file's tests find the database as migrated (a test after which that fails, fails
  itself, instead of the tests after it);
* the live server of the browser tests answers only while a test that asked for it runs: when
  that test ends, the requests it is still handling (a page's last editing-session ping or
  release beacon, an autosave…) finish before the database is flushed, and later requests
  from pages of finished tests get a 503 without touching the database (:class:`LiveServerGate`);
* SQLite test databases are files on tmpfs, not Django's in-memory database, whose one
  connection the live server's request threads would share with the test's thread (Django's
  docs warn: simultaneous queries on it "may sometimes randomly cause the tests to fail"; a
  request committing mid-flush broke the flush with ``FOREIGN KEY constraint failed``). As on
  PostgreSQL, each thread has its own connection, and SQLite's locks order their writes;
* files that share something outside the test database (a Redis database a test flushes)
  run in one process, one after another (:data:`SHARED_RESOURCES`).
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
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
    "tests/cache/test_redis_outage.py": "redis-db-5",
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
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """SQLite test databases in a file of this process on tmpfs instead of Django's shared
    in-memory connection (see the module docstring); writers wait for each other's locks
    (``BEGIN IMMEDIATE``, a 30 s busy timeout) instead of failing with "database is locked"."""
    from django.conf import settings

    directory = "/dev/shm" if os.access("/dev/shm", os.W_OK) else tempfile.gettempdir()
    for alias, database in settings.DATABASES.items():
        if database["ENGINE"] != "django.db.backends.sqlite3":
            continue
        test = database.setdefault("TEST", {})
        if test.get("NAME") in (None, "", ":memory:"):
            test["NAME"] = os.path.join(
                directory, f"wagtail-neuro-test-{os.getpid()}-{alias}.sqlite3"
            )
        database.setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
        database["OPTIONS"].setdefault("timeout", 30)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The test databases as migrated, plus a snapshot of what the migrations put in them."""
    with django_db_blocker.unblock():
        shared_data.snapshot_initial_data()


TRANSACTIONAL = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def _fresh_local_caches() -> None:
    """Every test starts with empty in-process caches: Wagtail's site root paths and
    renditions are cached by database ids, which the rolled-back database hands out again, so a
    value cached by an earlier test on this process could describe another test's rows."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    for cache in caches.all():
        if isinstance(cache, LocMemCache):
            cache.clear()


@pytest.fixture(autouse=True)
def _note_transactional_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """Note on the test whether it used a transactional database (committed, then flushed)."""
    yield
    names = set(request.fixturenames)
    if "_django_db_helper" not in names:
        return
    from pytest_django.fixtures import validate_django_db

    marker = request.node.get_closest_marker("django_db")
    transaction, reset_sequences, *_ = validate_django_db(marker) if marker else (False, False)
    if transaction or reset_sequences or names & {"transactional_db", "live_server"}:
        request.node.stash[TRANSACTIONAL] = True


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """After the test's fixtures are torn down (also when that failed, say, the flush): if the
    test was transactional, put the migrations' data back (see the module docstring)."""
    try:
        return (yield)
    finally:
        if nextitem is not None:  # after the last test the databases are being dropped
            aliases = (
                set(shared_data.INITIAL_DATA) if item.stash.get(TRANSACTIONAL, False) else set()
            )
            if aliases or shared_data.FLUSHED:
                shared_data.restore_initial_data(item.config, aliases)


class LiveServerGate:
    """The live server's WSGI application, answering only while a test that asked for the live
    server runs (:meth:`open`); :meth:`close` refuses new requests (503, no database) and waits
    until those in flight have finished, so none writes while the database is flushed."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app
        self.changed = threading.Condition()
        self.in_flight: dict[int, str] = {}
        self.is_open = False
        self.refused: list[str] = []
        self._next = 0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        where = f"{environ['REQUEST_METHOD']} {environ.get('PATH_INFO', '')}"
        with self.changed:
            if not self.is_open:
                self.refused.append(where)
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"The live server answers only during a test that uses it.\n"]
            self._next += 1
            number = self._next
            self.in_flight[number] = where
        try:
            response = self.app(environ, start_response)
        except BaseException:
            self._finished(number)
            raise
        return _ClosedThen(response, lambda: self._finished(number))

    def _finished(self, number: int) -> None:
        with self.changed:
            del self.in_flight[number]
            self.changed.notify_all()

    def open(self) -> None:
        with self.changed:
            self.is_open = True

    def close(self, timeout: float = 60) -> list[str]:
        """Refuse new requests and wait for the ones in flight; return those still running
        after ``timeout`` seconds."""
        with self.changed:
            self.is_open = False
            self.changed.wait_for(lambda: not self.in_flight, timeout=timeout)
            return list(self.in_flight.values())


class _ClosedThen:
    """A WSGI response that calls ``then`` once the server has closed it (after its body)."""

    def __init__(self, response: Iterable[bytes], then: Callable[[], None]) -> None:
        self.response = response
        self.then = then

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.response)

    def close(self) -> None:
        try:
            close = getattr(self.response, "close", None)
            if close is not None:
                close()
        finally:
            self.then()


@pytest.fixture(scope="session")
def live_server(django_db_setup: None, live_server: Any) -> Any:
    """pytest-django's live server, behind a :class:`LiveServerGate` (closed until a test
    that uses it starts). Started after the test databases exist: started before, it would
    take SQLite's settings for an in-memory database and share the test's connection with
    its request threads (see the module docstring)."""
    shared = live_server.thread.connections_override
    assert not shared, f"the live server shares the test's database connection: {shared}"
    httpd = live_server.thread.httpd
    live_server.gate = LiveServerGate(httpd.get_app())
    httpd.set_app(live_server.gate)
    return live_server


@pytest.fixture(autouse=True)
def _live_server_only_during_its_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """Open the live server's gate for a test that uses it; when the test (and fixtures such
    as the browser page, which close first) ends, close it and wait for the requests in
    flight, before the transactional database is flushed."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")  # set up before, so flushed after, this
    gate: LiveServerGate = request.getfixturevalue("live_server").gate
    gate.open()
    yield
    still_running = gate.close()
    if still_running:
        pytest.fail(
            f"the live server was still handling {still_running} a minute after the test; "
            "the database is flushed under them",
            pytrace=False,
        )


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
