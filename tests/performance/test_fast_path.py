"""The cache hit path: stored answers served before sessions and the URLconf, the content
version kept per process and invalidated by Redis, the throttle counted in batches on hits.

What a hit must still do: be counted against the throttle, answer ``If-None-Match`` with a 304,
stay away from private requests, and never outlive a publish, including one made by another
server (a write to Redis this process did not make).
"""

from __future__ import annotations

import pickle

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import REDIS_TEST_URL
from wagtail_neuro.cache import bump_content_version, current_version
from wagtail_neuro.cache.version import VERSION_CACHE_KEY, current_state

pytestmark = pytest.mark.django_db

URL = "/api/v2/pages/?type=wagtail_neuro.ArticlePage&fields=*"
MIDDLEWARE = "wagtail_neuro.cache.middleware.ResponseCacheMiddleware"
SEEN: list[str] = []


class RecordingMiddleware:
    """Placed after the cache middleware: records every request that gets past it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        SEEN.append(request.get_full_path())
        return self.get_response(request)


@pytest.fixture
def early(settings):
    """The cache middleware after CORS, in front of sessions, and a recorder right behind it."""
    here = f"{__name__}.RecordingMiddleware"
    cors, *rest = settings.MIDDLEWARE
    assert cors == "corsheaders.middleware.CorsMiddleware"
    settings.MIDDLEWARE = [cors, MIDDLEWARE, here, *rest]
    SEEN.clear()
    return SEEN


def test_a_stored_answer_is_served_before_the_rest_of_the_stack(client, article, early):
    first = client.get(URL)
    assert early == [URL]  # built by the view, through every middleware
    second = client.get(URL)
    assert early == [URL]  # served by the cache middleware
    assert second.status_code == 200
    assert second.content == first.content
    for header in ("ETag", "Cache-Control", "Vary", "Content-Type", "X-Frame-Options"):
        assert second[header] == first[header], header
    assert second["Content-Length"] == str(len(first.content))


def test_a_304_is_served_early_too(client, article, early):
    etag = client.get(URL)["ETag"]
    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert early == [URL]


def test_a_publish_sends_the_next_request_to_the_view(client, article, early):
    client.get(URL)
    article.title = "Renamed early"
    article.save_revision().publish()
    response = client.get(URL)
    assert early == [URL, URL]
    assert response.json()["items"][0]["title"] == "Renamed early"


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_AUTHORIZATION": "Bearer x"}, {"HTTP_COOKIE": "sessionid=abc"}],
    ids=["bearer", "session"],
)
def test_private_requests_pass_through(client, article, early, headers):
    client.get(URL)
    response = client.get(URL, **headers)
    assert early == [URL, URL]
    assert "private" in response["Cache-Control"]


def test_a_preview_token_passes_through(client, article, early):
    client.get(URL)
    client.get(URL + "&token=abc")
    assert early == [URL, URL + "&token=abc"]


def test_other_paths_are_not_looked_up(client, article, early, django_assert_num_queries):
    """A path never answered from the cache costs the early path nothing: not even the
    version read (the admin, the page tree, static files)."""
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        client.get("/no-such-page/")
    assert not any("contentversion" in query["sql"] for query in queries.captured_queries)


def test_early_hits_are_throttled(client, article, early, settings):
    settings.WAGTAIL_NEURO_THROTTLE_RATES = {"rest": "3/minute"}
    statuses = [client.get(URL).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert early == [URL]  # the hits and the refusals never reached the view
    refused = client.get(URL)
    assert int(refused["Retry-After"]) >= 1
    assert refused.json()["message"].startswith("Too many requests")


def test_batched_counting_is_exact_in_one_process_and_saves_round_trips(
    client, article, early, settings, monkeypatch
):
    from wagtail_neuro import throttling

    calls = []
    count = throttling.count_in_window
    monkeypatch.setattr(
        throttling, "count_in_window", lambda *args: calls.append(args) or count(*args)
    )
    settings.WAGTAIL_NEURO_THROTTLE_RATES = {"rest": "30/minute"}
    statuses = [client.get(URL).status_code for _ in range(32)]
    assert statuses == [200] * 30 + [429] * 2
    assert len(calls) < 20  # batches far from the limit, each request near it


def test_graphql_hits_are_served_early(client, article, early, settings):
    settings.ROOT_URLCONF = "tests.api.graphql.urls"
    url = "/graphql/?query=%7B%20articles(limit%3A%205)%20%7B%20id%20title%20%7D%20%7D"
    first = client.get(url)
    second = client.get(url)
    assert second.content == first.content
    assert len(early) == 1


# -- the content version kept per process, invalidated by Redis -------------------------------


def test_the_version_is_read_from_redis_once(redis_response_cache, monkeypatch):
    from wagtail_neuro.cache import version

    reads = []
    fast_get = version.fast_get
    monkeypatch.setattr(version, "fast_get", lambda *args: reads.append(args) or fast_get(*args))
    first = current_version()
    current_version()  # may read once more: the first read's add() is itself a change
    reads.clear()
    for _ in range(5):
        assert current_version() == first
    assert reads == []


def test_a_write_by_another_server_is_seen_at_once(redis_response_cache):
    """Another app server's bump reaches Redis, not this process: the next read sees it."""
    import redis

    current_version()
    current_version()
    other = redis.Redis.from_url(REDIS_TEST_URL)
    other.set(
        redis_response_cache.make_and_validate_key(VERSION_CACHE_KEY),
        pickle.dumps((987_654, None, 987_000)),
    )
    assert current_version() == 987_654
    assert current_state().epoch == 987_000


def test_a_local_bump_is_seen_at_once(redis_response_cache, django_capture_on_commit_callbacks):
    before = current_version()
    current_version()
    with django_capture_on_commit_callbacks(execute=True):
        bump_content_version()
    assert current_version() == before + 1


def test_a_broken_watch_falls_back_to_redis(redis_response_cache):
    from wagtail_neuro.cache.watch import watch_for

    current_version()
    watch = watch_for(redis_response_cache, VERSION_CACHE_KEY)
    watch.connection.disconnect()  # as if Redis restarted
    redis_response_cache.set(VERSION_CACHE_KEY, (123_456, None, 0))
    assert current_version() == 123_456
